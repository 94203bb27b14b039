"""Search shows what teaches a term before what tests it, and in results a phone can scroll past:
no self-check answer is in the index (its question is); the section that teaches a term comes
before the self-check; the corrections log and the glossary come back one entry at a time, each
at its own address, and no result but a reference list is longer than about 1,500 characters;
the glossary's entry for a term comes after the section that explains it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BuiltSite, mkdocs_build, squash

LONGEST = 1500  # characters of text in one result
SELF_CHECK = "#check-your-understanding"


def index_docs(site: BuiltSite) -> list[dict[str, str]]:
    return json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))["docs"]


def plain(text: str) -> str:
    return squash(re.sub(r"<[^>]+>", " ", text))


def is_reference_list(address: str) -> bool:
    return address.endswith("#references")


@pytest.mark.parametrize(("query", "page", "teaching"), [
    ("thrombocytopenia", "loncastuximab-dose-finding/", "#toxicity"),
    ("MDSC", "car-t-failure/", "#suppressive-myeloid-cells"),
    ("PD L1", "car-t-failure/", "#tumor-ifn-signaling"),
])
def test_the_section_that_teaches_a_term_comes_before_the_self_check(search, query: str, page: str, teaching: str) -> None:
    groups = {group.page: group for group in search(query)}
    order = [address.removeprefix(page) for address, _ in groups[page].sections]
    assert order[0] != SELF_CHECK, f"{query}: the self-check is the first section shown"
    assert teaching in order, (query, order)
    if SELF_CHECK in order:
        assert order.index(teaching) < order.index(SELF_CHECK), (query, order)


def test_no_self_check_answer_is_in_the_index_and_every_question_is(site: BuiltSite) -> None:
    indexed = " ".join(plain(doc["text"]) for doc in index_docs(site))
    checked = 0
    for page in (site.page("car-t-failure/"), site.page("loncastuximab-dose-finding/")):
        for details in page.tree.xpath("//article//div[contains(@class, 'self-check')]/details"):
            question = squash(details.xpath("./summary")[0].text_content())
            assert question in indexed, question
            for part in details.xpath("./*[not(self::summary)]"):
                answer = squash(part.text_content())
                assert answer and answer[:60] not in indexed, f"{page.url}: answer in the index: {answer[:80]}"
            checked += 1
    assert checked >= 10


def test_an_answer_is_not_shown_in_the_results_for_its_words(site: BuiltSite, search) -> None:
    # "ferritin" is written in the answer on inflammation and in the sections that teach it.
    answers = [squash(p.text_content())[:60] for p in site.page("car-t-failure/").tree.xpath(
        "//article//div[contains(@class, 'self-check')]/details/*[not(self::summary)]")]
    shown = " ".join(text for group in search("ferritin") for _, text in group.sections)
    assert "ferritin" in shown.lower()
    assert not [answer for answer in answers if answer in shown]


@pytest.mark.parametrize("query", ["PD-L1", "tumour", "CD19 loss", "MTD", "lonca", "thrombocytopenia", "MDSC"])
def test_no_result_is_a_wall_of_text(search, query: str) -> None:
    groups = search(query)
    long = [(address, len(text)) for group in groups for address, text in group.sections
            if len(text) > LONGEST and not is_reference_list(address)]
    assert not long, f"{query}: {long}"
    corrections = [address for group in groups for address, _ in group.sections if address.startswith("about/#corrections")]
    assert corrections, f"{query}: the corrections log should still be found"
    assert "about/#corrections" not in corrections, f"{query}: the log came back as one block"


def test_no_indexed_result_but_a_reference_list_is_longer_than_about_1500_characters(site: BuiltSite) -> None:
    long = {doc["location"]: len(plain(doc["text"])) for doc in index_docs(site)
            if len(plain(doc["text"])) > LONGEST and not is_reference_list(doc["location"])}
    assert not long, long


def test_each_correction_and_each_glossary_term_is_a_result_at_its_own_address(site: BuiltSite) -> None:
    docs = {doc["location"]: doc for doc in index_docs(site)}
    about = site.page("about/").tree
    entries = about.xpath("//article//h2[@id='corrections']/following-sibling::ul[1]/li")
    assert len(entries) >= 20
    for entry in entries:
        anchor = entry.get("id")
        assert anchor, squash(entry.text_content())[:60]
        doc = docs[f"about/#{anchor}"]
        lead = squash(entry.xpath("./strong")[0].text_content())
        assert plain(doc["title"]) == lead
        assert plain(doc["text"]) == squash(entry.text_content()).removeprefix(lead).strip()
    assert len(plain(docs["about/#corrections"]["text"])) < 300  # the log's introduction, no entry
    rows = site.page("glossary/").tree.xpath("//article//table//tr[td]")
    assert len(rows) >= 30
    for row in rows:
        term, meaning = (squash(cell.text_content()) for cell in row.xpath("./td"))
        doc = docs[f"glossary/#{row.get('id')}"]
        assert (plain(doc["title"]), plain(doc["text"])) == (term, meaning)


def test_a_term_finds_the_section_that_explains_it_before_its_glossary_entry(search) -> None:
    pages = [group.page for group in search("MDSC")]
    assert pages.index("car-t-failure/") < pages.index("glossary/"), pages
    glossary = next(group for group in search("MDSC") if group.page == "glossary/")
    assert glossary.sections[0][0] == "glossary/#mdsc", glossary.sections


def add_before_next_section(project: Path, text: str) -> None:
    """Add `text` to the end of the corrections log of docs/about.md."""
    about = project / "docs" / "about.md"
    source = about.read_text(encoding="utf-8")
    log_end = source.index("\n## ", source.index("{#corrections"))
    about.write_text(source[:log_end].rstrip("\n") + "\n" + text + "\n" + source[log_end:], encoding="utf-8")


def test_a_correction_added_at_the_end_of_the_log_is_a_result_of_its_own(site: BuiltSite, project_copy: Path, tmp_path: Path) -> None:
    before = {doc["location"] for doc in index_docs(site) if doc["location"].startswith("about/#corrections-")}
    add_before_next_section(project_copy, "- **2026-12-07. Loncastuximab page, a new entry.** *Before:* one wording. *Now:* another.")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-800:]
    docs = {doc["location"]: doc for doc in index_docs(BuiltSite(tmp_path / "site"))}
    new = f"about/#corrections-{len(before) + 1}"
    assert plain(docs[new]["title"]) == "2026-12-07. Loncastuximab page, a new entry."
    assert plain(docs[new]["text"]) == "Before: one wording. Now: another."
    assert before < set(docs)  # the earlier entries keep their addresses


def refused(project: Path, tmp_path: Path, message: str) -> None:
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert any(message in line for line in result.stderr.splitlines()), result.stderr[-800:]
    assert "Traceback" not in result.stderr


def test_a_log_entry_without_its_bold_title_is_refused_in_one_line(project_copy: Path, tmp_path: Path) -> None:
    add_before_next_section(project_copy, "- A correction without its bold date and page.")
    refused(project_copy, tmp_path, "docs/about.md: an item of #corrections ('A correction without its bold date …') must open with bold words, its title in search")


def test_a_section_marked_by_item_without_a_list_or_table_is_refused_in_one_line(project_copy: Path, tmp_path: Path) -> None:
    glossary = project_copy / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "## Abbreviations {#abbreviations data-search-by-item}",
        "## Note {#note data-search-by-item}\n\nNo list here.\n\n## Abbreviations {#abbreviations data-search-by-item}"), encoding="utf-8")
    refused(project_copy, tmp_path, "docs/glossary.md: #note is marked data-search-by-item but holds no list or table")
