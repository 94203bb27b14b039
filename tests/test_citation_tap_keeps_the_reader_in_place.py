"""On a phone, tapping a citation shows its full reference in place, numbered, with the other
references of its group: the page does not scroll, the references are inside the viewport,
their links can be tapped, and tapping elsewhere or pressing Escape closes them. Without
JavaScript the citation still leads to the reference."""

from __future__ import annotations

import re

from conftest import PHONE, BuiltSite, new_page, reference_text, squash

PAGE = "car-t-failure/"
TOOLTIP = ".md-tooltip2--active"


def open_mid_page(browser, served_site: str, **options: object):
    """The CAR T page on a phone, scrolled so that a citation with a DOI is mid-screen."""
    page = new_page(browser, PHONE, touch=True, **options)
    page.goto(served_site + PAGE)
    citation = page.locator('article p a.footnote-ref[href="#fn:nastoupil2020"]').first
    citation.evaluate("c => window.scrollTo(0, c.getBoundingClientRect().top + scrollY - innerHeight / 2)")
    page.wait_for_timeout(200)
    return page, citation


def test_a_tap_shows_the_reference_without_scrolling(site: BuiltSite, served_site: str, browser) -> None:
    page, citation = open_mid_page(browser, served_site)
    before = page.evaluate("scrollY")
    assert before > 500, "the citation should be well down the page"
    citation.tap()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == before
    assert page.url.endswith(PAGE), "the tap must not follow the link"
    numbered = f"{citation.inner_text()}. {reference_text(site, PAGE, '#fn:nastoupil2020')}"
    assert numbered in squash(tooltip.inner_text())
    box = tooltip.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.context.close()


def test_tapping_elsewhere_or_escape_closes_the_reference(served_site: str, browser) -> None:
    page, citation = open_mid_page(browser, served_site)
    citation.tap()
    page.locator(TOOLTIP).wait_for(state="visible", timeout=5000)
    page.touchscreen.tap(4, PHONE["height"] - 40)  # the page margin: no text, link or abbreviation
    page.locator(TOOLTIP).wait_for(state="detached", timeout=5000)

    citation.tap()
    page.locator(TOOLTIP).wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")
    page.locator(TOOLTIP).wait_for(state="detached", timeout=5000)
    page.context.close()


def test_the_doi_link_in_the_reference_can_be_tapped(served_site: str, browser) -> None:
    page, citation = open_mid_page(browser, served_site)
    citation.tap()
    link = page.locator(f"{TOOLTIP} a[href*='doi.org']").first
    link.wait_for(state="visible", timeout=5000)
    href = link.get_attribute("href")
    with page.expect_request(href, timeout=5000):
        link.tap()
    page.context.close()


def test_without_javascript_a_citation_still_leads_to_its_reference(served_site: str, browser) -> None:
    page, citation = open_mid_page(browser, served_site, java_script_enabled=False)
    citation.tap()
    page.wait_for_url(re.compile(r"#fn:nastoupil2020$"), timeout=5000)
    top = page.locator('li[id="fn:nastoupil2020"]').evaluate("li => li.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"]
    page.context.close()
