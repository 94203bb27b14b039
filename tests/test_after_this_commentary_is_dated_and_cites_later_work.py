"""Each commentary page ends, before its self-check, with "After this commentary": a part that
opens by saying it is the site's addition, not the commentary's, dated to a month and year, and
whose every citation points to a later work: neither the commentary itself nor a work the
commentary cites (read from the page's own citations before this part, and from the
bibliography), so that nothing from 2021 is passed off as news and nothing later as the
commentary's."""

from __future__ import annotations

import re

import pytest

from bibliography import load
from conftest import ROOT, BuiltSite

PAGES = {"car-t-failure/": "car-t-failure.md", "loncastuximab-dose-finding/": "loncastuximab-dose-finding.md"}
PART = "after-this-commentary"
MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b"
)
KEY = re.compile(r"@([\w:.#$%&+?<>~/-]+)")


def markdown_parts(source_name: str) -> tuple[str, str]:
    """(the page's Markdown before the part, the part's Markdown up to the next h2)."""
    text = (ROOT / "docs" / source_name).read_text(encoding="utf-8")
    start = text.index("{#" + PART + "}")
    before = text[: text.rindex("\n", 0, start)]
    end = re.compile(r"^## ", re.M).search(text, start)
    return before, text[start : end.start() if end else len(text)]


def cited(markdown: str) -> set[str]:
    return {key for block in re.findall(r"\[(@[^\]]*)\]", markdown) for key in KEY.findall(block)}


def part_elements(site: BuiltSite, url: str) -> list:
    """The built elements under the part's heading, up to the next h2."""
    [heading] = site.page(url).tree.xpath(f'//h2[@id="{PART}"]')
    elements = []
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        elements.append(element)
    return elements


@pytest.mark.parametrize("url", PAGES)
def test_the_part_stands_after_the_commentary_and_before_the_self_check(site: BuiltSite, url: str) -> None:
    tree = site.page(url).tree
    headings = [h.get("id") for h in tree.xpath('//article//h2[not(ancestor::section[@class="cite-this-page"])]')]
    assert PART in headings, f"{url}: no '{PART}' section"
    assert headings[-3:] == [PART, "check-your-understanding", "references"], headings


@pytest.mark.parametrize("url", PAGES)
def test_the_part_opens_as_the_sites_addition_with_a_month_and_year(site: BuiltSite, url: str) -> None:
    tree = site.page(url).tree
    [heading] = tree.xpath(f'//h2[@id="{PART}"]')
    opening = heading.xpath("following-sibling::*[1]")[0]
    assert opening.tag == "p", f"{url}: the part opens with <{opening.tag}>, not a paragraph"
    text = " ".join(opening.text_content().split())
    assert re.search(r"\bsite's addition\b", text) and re.search(r"\bnot the commentary's\b", text), text
    dates = [int(year) for _, year in MONTH_YEAR.findall(text)]
    assert dates, f"{url}: the opening gives no month and year: {text}"
    commentary_year = int(load().entries[{"car-t-failure/": "strati2021", "loncastuximab-dose-finding/": "mcmillan2021"}[url]].fields["year"])
    assert all(year >= commentary_year for year in dates), text


@pytest.mark.parametrize("url", PAGES)
def test_every_citation_in_the_part_is_to_a_later_work(site: BuiltSite, url: str) -> None:
    before, part = markdown_parts(PAGES[url])
    in_part = cited(part)
    assert len(in_part) >= 3, f"{url}: the part cites {sorted(in_part)}"
    earlier = cited(before)  # the commentary, the study it discusses and the works it cites
    assert not in_part & earlier, f"{url}: the part cites works the commentary already drew on: {sorted(in_part & earlier)}"
    known = load().entries
    assert in_part <= set(known), sorted(in_part - set(known))
    # In the built page, every citation under the heading (up to the next h2) is one of them.
    links = [href for element in part_elements(site, url) for href in element.xpath('.//a[contains(@class, "footnote-ref")]/@href')]
    assert links, f"{url}: no citation in the built part"
    assert {href.removeprefix("#fn:") for href in links} == in_part


@pytest.mark.parametrize("url", PAGES)
def test_the_part_has_a_teaching_note_of_our_own(site: BuiltSite, url: str) -> None:
    notes = [e for e in part_elements(site, url) if "teaching-note" in (e.get("class") or "").split()]
    assert notes, f"{url}: no teaching note in the part"
    assert any(re.search(r"\bours\b|\bOur reading\b", note.text_content()) for note in notes)
