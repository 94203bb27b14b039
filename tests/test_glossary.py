"""The glossary lists every abbreviation the pages use, with the same definitions
that every page shows on hover and tap; each term has its own address (glossary/#mdsc), and
no term shows its definition a second time in a tooltip."""

from __future__ import annotations

import re

import pytest

from conftest import DESKTOP, PHONE, ROOT, BuiltSite, new_page
from markup.glossary import glossary_table, read_definitions, term_id

ABBREVIATIONS = ROOT / "docs" / "includes" / "abbreviations.md"
# Words that look like abbreviations but are not: roman numerals, units, names.
NOT_ABBREVIATIONS = {"II", "µg", "BibTeX", "MIT", "CC", "BY", "US", "JULIET", "NEJM", "LOTIS-2", "ZUMA-1", "ZUMA-7", "TRANSFORM"}
ABBREVIATION_LIKE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]+(?:-[A-Z0-9α]+)*s?)(?![\w-])")


def definitions() -> dict[str, str]:
    return dict(read_definitions(ABBREVIATIONS))


def prose(page_html: str) -> str:
    """The article's text without the reference list (titles of cited works are not our prose)."""
    article = page_html.split("<article", 1)[1].split('<div class="footnote">', 1)[0]
    return re.sub(r"<[^>]+>", " ", article)


def test_the_glossary_shows_every_definition_once(site: BuiltSite) -> None:
    rows = site.page("glossary/").tree.xpath("//article//table//tr[td]")
    shown = [(row.xpath("./td")[0].text_content().strip(), row.xpath("./td")[1].text_content().strip()) for row in rows]
    assert shown == sorted(definitions().items(), key=lambda pair: pair[0].lower())
    assert len(shown) >= 30


def test_every_page_shows_the_same_definitions_on_its_abbreviations(site: BuiltSite) -> None:
    wanted = definitions()
    seen = set()
    for page in site.pages():
        for abbr in page.tree.xpath("//article//abbr"):
            term = abbr.text_content()
            assert abbr.get("title") == wanted[term], f"{page.url}: {term}"
            seen.add(term)
    # The glossary lists each term, plain (its definition is beside it, not in a tooltip).
    seen |= {row.xpath("./td")[0].text_content().strip() for row in site.page("glossary/").tree.xpath("//article//table//tr[td]")}
    unused = set(wanted) - seen
    assert not unused, f"defined but never used: {sorted(unused)}"


def test_every_abbreviation_used_in_the_pages_is_defined(site: BuiltSite) -> None:
    wanted = definitions()
    for page in site.pages():
        for word in ABBREVIATION_LIKE.findall(prose(page.source)):
            assert word in wanted or word in NOT_ABBREVIATIONS, f"{page.url}: '{word}' is not in the glossary"


def test_the_glossary_table_is_built_from_the_definitions() -> None:
    table = glossary_table([("CR", "complete response"), ("MTD", "maximum tolerated dose")])
    assert table.splitlines() == [
        "| Abbreviation | Meaning |",
        "| --- | --- |",
        "| CR | complete response |",
        "| MTD | maximum tolerated dose |",
    ]


def test_author_initials_in_references_are_never_marked_as_abbreviations(site: BuiltSite) -> None:
    checked = 0
    for page in site.pages():
        for item in page.tree.xpath('//div[@class="footnote"]//li'):
            text = item.text_content()
            authors = text[: text.index(". ")]  # AMA: the author list ends at the first full stop
            marked = [abbr.text_content() for abbr in item.xpath(".//abbr") if abbr.text_content() in authors]
            assert not marked, f"{page.url}: initials {marked} shown as abbreviations in '{authors}'"
            checked += 1
    assert checked > 13


def test_each_term_has_its_own_readable_address(site: BuiltSite) -> None:
    assert [term_id(t) for t in ["MDSC", "PD-L1", "TNF-α", "ANG2", "axi-cel"]] == ["mdsc", "pd-l1", "tnf-alpha", "ang2", "axi-cel"]
    rows = site.page("glossary/").tree.xpath("//article//table//tr[td]")
    ids = {row.xpath("./td")[0].text_content().strip(): row.get("id") for row in rows}
    assert ids == {term: term_id(term) for term in definitions()}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_link_to_a_term_lands_on_its_row(served_site: str, browser, viewport) -> None:
    page = new_page(browser, viewport)
    page.goto(served_site + "glossary/#mdsc")
    page.wait_for_timeout(500)
    row = page.locator("tr#mdsc").bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert row and header["y"] + header["height"] <= row["y"] + 1 and row["y"] + row["height"] <= viewport["height"], (row, header)
    assert page.locator("tr#mdsc td").first.inner_text() == "MDSC"
    page.context.close()


def test_a_term_shows_no_tooltip_that_repeats_the_definition_beside_it(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(served_site + "glossary/")
    assert page.locator("article tr td:first-child [title], article tr td:first-child abbr").count() == 0
    for term in ["MDSC", "PD-L1", "CAR"]:
        page.locator("article tr td:first-child", has_text=term).first.hover()
        page.wait_for_timeout(400)
        assert page.locator(".md-tooltip2--active").count() == 0, term
    # An abbreviation inside a definition keeps its tooltip: it is not the one beside it.
    page.locator("tr#axi-cel abbr", has_text="CD19").hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    page.context.close()
