"""Every page that cites ends with a References section in AMA style, built from
the data in bib/references.bib: authors, title, journal, year;volume(issue):pages,
and a doi: link; acronyms in titles keep their case."""

from __future__ import annotations

import datetime
import re

import pytest
from lxml.html import HtmlElement
from pybtex.database import Entry, Person

from bibliography import field, load
from conftest import BuiltSite, Page

ENTRIES = load().entries


def ama_name(person: Person) -> str:
    """Last name and initials without periods or spaces: 'Neelapu, Sattva S.' -> 'Neelapu SS';
    a group author, written in braces, as it stands: '{US Food and Drug Administration}'."""
    initials = "".join(part[0] for name in person.first_names + person.middle_names for part in name.split("-"))
    last = " ".join(person.last_names).replace("{", "").replace("}", "")
    return f"{last} {initials}" if initials else last


def ama_authors(entry: Entry) -> str:
    people = entry.persons["author"]
    named = [p for p in people if str(p) != "others"]
    if len(named) < len(people) or len(named) > 6:
        return ", ".join(ama_name(p) for p in named[:3]) + ", et al."
    return ", ".join(ama_name(p) for p in named) + "."


def ama_pages(entry: Entry) -> str:
    return field(entry, "pages").replace("--", "-")


def ama_source(entry: Entry) -> str:
    """'Blood. 2021;137(19):2621-2633.'; a work without volume and pages (a notice, or an
    article whose issue data were not verified) is 'Published online' at its date or year."""
    journal = field(entry, "journal")
    if field(entry, "volume"):
        return f"{journal}. {field(entry, 'year')};{field(entry, 'volume')}({field(entry, 'number')}):{ama_pages(entry)}."
    day = field(entry, "date")
    when = f"{datetime.date.fromisoformat(day):%B} {int(day[-2:])}, {day[:4]}" if day else field(entry, "year")
    return f"{journal + '. ' if journal else ''}Published online {when}."


def title_tokens_with_protected_case(entry: Entry) -> list[str]:
    """Words of the BibTeX title that contain a {braced} part, braces removed: '{T}-cell' -> 'T-cell'."""
    return [token.replace("{", "").replace("}", "") for token in field(entry, "title").split() if "{" in token]


def references(page: Page) -> list[HtmlElement]:
    return page.tree.xpath('//div[@class="footnote"]//li')


def reference_text(item: HtmlElement) -> str:
    return re.sub(r"\s+", " ", item.text_content().replace("\u21a9", "")).strip()


def citing_pages(site: BuiltSite) -> list[Page]:
    pages = [page for page in site.pages() if page.tree.xpath('//a[contains(@class, "footnote-ref")]')]
    assert len(pages) >= 4
    return pages


def test_every_citing_page_ends_with_a_references_heading_then_the_list(site: BuiltSite) -> None:
    for page in citing_pages(site):
        headings = page.tree.xpath('//article//h2[not(ancestor::section[@class="cite-this-page"])]')
        assert headings and headings[-1].get("id") == "references", page.url
        assert headings[-1].text_content().rstrip("¶").rstrip("\u2060").strip() in {"References", "Bibliography"}
        following = headings[-1].xpath('following-sibling::div[@class="footnote"]')
        assert following and references(page), f"{page.url}: no reference list after the heading"


@pytest.mark.parametrize("key", list(ENTRIES.keys()))
def test_reference_is_formatted_in_ama_style(site: BuiltSite, key: str) -> None:
    entry = ENTRIES[key]
    item = site.page("references/").tree.xpath(f'//li[@id="fn:{key}"]')[0]
    text = reference_text(item)
    assert text.startswith(ama_authors(entry) + " "), text
    citation = ama_source(entry)
    assert citation in text, f"expected '{citation}' in: {text}"
    assert [em.text_content() for em in item.xpath(".//em")] == [field(entry, "journal")] * bool(field(entry, "journal"))

    doi = field(entry, "doi")
    links = [a.get("href") for a in item.xpath(".//a[not(contains(@class, 'footnote-backref'))]")]
    if doi:
        assert f"doi:{doi}" in text
        assert f"https://doi.org/{doi}" in links
    else:
        assert "doi:" not in text


@pytest.mark.parametrize("key", [k for k in ENTRIES if title_tokens_with_protected_case(ENTRIES[k])])
def test_acronyms_in_titles_keep_their_case(site: BuiltSite, key: str) -> None:
    item = site.page("references/").tree.xpath(f'//li[@id="fn:{key}"]')[0]
    text = reference_text(item)
    for token in title_tokens_with_protected_case(ENTRIES[key]):
        assert token in text, f"'{token}' lost its case in: {text}"


def test_references_are_the_same_on_every_page(site: BuiltSite) -> None:
    canonical = {li.get("id"): reference_text(li) for li in references(site.page("references/"))}
    for page in citing_pages(site):
        for item in references(page):
            assert reference_text(item) == canonical[item.get("id")], page.url
