"""The first use of each abbreviation on a page takes the keyboard's focus and then shows its
expansion; later uses are not tab stops."""

from __future__ import annotations

from conftest import DESKTOP, BuiltSite, new_page
from markup.abbreviations import focus_first_uses

PAGE = "car-t-failure/"


def test_only_the_first_use_of_each_term_is_focusable() -> None:
    html = '<abbr title="a b">AB</abbr> <abbr title="c">C</abbr> <abbr title="a b">AB</abbr>'
    assert focus_first_uses(html) == (
        '<abbr title="a b" tabindex="0">AB</abbr> <abbr title="c" tabindex="0">C</abbr> <abbr title="a b">AB</abbr>'
    )


def test_a_use_inside_a_link_is_no_tab_stop_and_the_next_use_is() -> None:
    # HTML allows no focusable element inside a link (the Nu checker refused one in the
    # corrections log, whose entries link to what they changed)
    html = '<a href="#x">cycle-1 <abbr title="d">DLT</abbr></a> then <abbr title="d">DLT</abbr>'
    assert focus_first_uses(html) == '<a href="#x">cycle-1 <abbr title="d">DLT</abbr></a> then <abbr title="d" tabindex="0">DLT</abbr>'


def test_each_page_has_one_tab_stop_per_abbreviation(site: BuiltSite) -> None:
    for page in site.pages():
        uses = page.tree.xpath("//article//abbr")
        focusable = [a.text_content() for a in uses if a.get("tabindex") == "0"]
        if page.url == "glossary/":  # its table shows every expansion beside its term
            assert focusable == []
            continue
        outside_links = {a.text_content() for a in uses if not a.xpath("ancestor::a")}
        assert sorted(focusable) == sorted(outside_links), page.url
        assert not [a for a in uses if a.get("tabindex") and a.xpath("ancestor::a")], page.url
    car_t = site.page(PAGE).tree.xpath("//article//abbr")
    assert len(car_t) > 2 * len({a.text_content() for a in car_t})  # most uses stay out of the tab order


def test_tab_reaches_an_abbreviation_and_shows_its_expansion(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(served_site + PAGE)
    first = page.locator('article abbr[tabindex="0"]').first
    term = first.inner_text()
    page.locator("article h1").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert page.evaluate("document.activeElement.textContent") == term
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert tooltip.inner_text().strip()
    page.context.close()
