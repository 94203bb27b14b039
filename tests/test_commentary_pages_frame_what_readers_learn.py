"""Each commentary page gives the reader a frame before the detail: 3 to 5 learning objectives,
each answered by a section or question of the page it links to; 4 to 6 key points, each cited;
the date it was last reviewed against its sources, under its title. The site's own reasoning
stands in "Teaching note" admonitions, styled as such, and the About page keeps a dated
corrections log."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml

from conftest import PHONE, ROOT, BuiltSite, new_page

PAGES = {"car-t-failure/": "car-t-failure.md", "loncastuximab-dose-finding/": "loncastuximab-dose-finding.md"}


def front_matter(source_name: str) -> dict[str, object]:
    text = (ROOT / "docs" / source_name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def items_after(tree, heading_id: str, list_tag: str):
    return tree.xpath(f'//h2[@id="{heading_id}"]/following-sibling::{list_tag}[1]/li')


@pytest.mark.parametrize("url", PAGES)
def test_objectives_and_key_points_open_the_page(site: BuiltSite, url: str) -> None:
    tree = site.page(url).tree
    headings = [h.get("id") for h in tree.xpath("//article//h2")]
    assert headings[:2] == ["learning-objectives", "key-points"], headings[:3]
    objectives = items_after(tree, "learning-objectives", "ol")
    points = items_after(tree, "key-points", "ul")
    assert 3 <= len(objectives) <= 5, f"{url}: {len(objectives)} objectives"
    assert 4 <= len(points) <= 6, f"{url}: {len(points)} key points"
    for point in points:
        assert point.xpath('.//a[contains(@class, "footnote-ref")]'), f"{url}: uncited key point: {point.text_content()[:60]}"


@pytest.mark.parametrize("url", PAGES)
def test_every_objective_links_to_a_section_or_question_of_its_page(site: BuiltSite, url: str) -> None:
    tree = site.page(url).tree
    sections = set(tree.xpath("//article//*[self::h2 or self::h3]/@id"))
    questions = set(tree.xpath('//article//div[@class="self-check"]/@id'))
    for objective in items_after(tree, "learning-objectives", "ol"):
        targets = [href[1:] for href in objective.xpath(".//a/@href") if href.startswith("#")]
        assert targets, f"{url}: objective without a link: {objective.text_content()[:60]}"
        for target in targets:
            assert target in sections | questions, f"{url}: objective links to #{target}, no section or question"
            assert target not in {"learning-objectives", "key-points"}


@pytest.mark.parametrize("url", PAGES)
def test_the_review_date_shows_under_the_title(served_site: str, browser, url: str) -> None:
    reviewed = front_matter(PAGES[url])["reviewed"]
    assert isinstance(reviewed, datetime.date), f"{PAGES[url]}: 'reviewed' is not a YYYY-MM-DD date"
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + url)
    shown = page.locator("h1 + p.page-reviewed")
    assert shown.is_visible(), f"{url}: no review date right under the title"
    assert shown.locator("time").get_attribute("datetime") == reviewed.isoformat()
    assert str(reviewed.year) in shown.inner_text() and "reviewed" in shown.inner_text().lower()
    top = shown.bounding_box()
    assert top and top["y"] < PHONE["height"], f"{url}: the review date is below the first screen"
    page.context.close()


def test_the_corrections_log_has_dated_entries_in_order(site: BuiltSite) -> None:
    entries = items_after(site.page("about/").tree, "corrections", "ul")
    assert len(entries) >= 5, f"{len(entries)} corrections"
    dates = []
    for entry in entries:
        text = entry.text_content().strip()
        found = re.match(r"(\d{4}-\d{2}-\d{2})\. ", text)
        assert found, f"undated correction: {text[:60]}"
        dates.append(datetime.date.fromisoformat(found.group(1)))
        assert all(f"{word}:" in text for word in ("Before", "Now", "Why")), f"a correction says what it said, says now, and why: {text[:60]}"
    assert dates == sorted(dates), "corrections are appended: oldest first"
    assert max(dates) <= datetime.date.today()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_teaching_notes_render_with_their_own_title_and_style(served_site: str, browser, scheme: str) -> None:
    page = new_page(browser, PHONE, touch=True, color_scheme=scheme)
    for url in PAGES:
        page.goto(served_site + url)
        notes = page.locator(".admonition.teaching-note")
        assert notes.count() >= 1, f"{url}: no teaching note"
        for i in range(notes.count()):
            note = notes.nth(i)
            assert note.locator(".admonition-title").inner_text().strip() == "Teaching note"
        style = notes.first.evaluate(
            """note => {
                const title = note.querySelector('.admonition-title');
                const icon = getComputedStyle(title, '::before');
                const plain = document.querySelector('.admonition.note, .admonition:not(.teaching-note)');
                return {
                    border: getComputedStyle(note).borderLeftColor,
                    other: plain ? getComputedStyle(plain).borderLeftColor : '',
                    mask: icon.maskImage || icon.webkitMaskImage,
                };
            }"""
        )
        assert style["border"] == "rgb(0, 137, 123)", style
        assert style["border"] != style["other"], style
        assert style["mask"].startswith("url("), style
    page.context.close()

