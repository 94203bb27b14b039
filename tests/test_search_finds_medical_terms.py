"""Search keeps hyphenated medical terms whole and puts the page that discusses them first,
still splits the words of prose, and leaves the figures' hidden descriptions and labels out of
its snippets (the captions stay in)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DESKTOP, ROOT, BuiltSite, new_page

TERMS = ["LAG-3", "PD-L1", "IL-6", "M-MDSCs", "axi-cel", "TNF-α", "ANG2/ANG1"]


@pytest.fixture(scope="module")
def search(served_site: str, browser):
    page = new_page(browser, DESKTOP)
    page.goto(served_site + "about/")

    def first_results(query: str) -> tuple[str, str]:
        """(address, snippet text) of the first result for `query`."""
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        page.keyboard.type(query)
        first = page.locator(".md-search-result__item").first
        first.wait_for()
        page.wait_for_timeout(300)
        return first.locator("a").first.get_attribute("href"), page.locator(".md-search-result").inner_text()

    yield first_results
    page.context.close()


@pytest.mark.parametrize("term", TERMS)
def test_a_hyphenated_term_is_found_whole_and_its_page_comes_first(search, term: str) -> None:
    href, results = search(term)
    assert "/car-t-failure/" in href, f"{term}: first result {href}"
    assert "Missing" not in results.split("\n")[1], f"{term}: {results[:300]}"


def test_words_of_prose_still_split(search) -> None:
    href, results = search("limiting")  # only written as "dose-limiting"
    assert "/loncastuximab-dose-finding/" in href, href
    href, _ = search("cell")  # inside "T-cell" and "B-cell"
    assert href


def test_figure_descriptions_stay_out_of_the_index_and_captions_in(site: BuiltSite) -> None:
    docs = json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    figures = ROOT / "docs" / "includes" / "figures"
    desc = re.search(r"<desc[^>]*>([^<]{40})", (figures / "ifn-profiles.svg").read_text(encoding="utf-8"))
    assert desc and desc.group(1) not in text  # the IFN figure's <desc>, as the SVG writes it
    assert "Part 1: dose escalation" not in text  # a label drawn in the dosing figure
    for page in ("car-t-failure.md", "loncastuximab-dose-finding.md"):  # each caption's opening, as the page writes it
        caption = re.search(r"\*\*Figure 1\.\*\* ([^\n]{30})", (ROOT / "docs" / page).read_text(encoding="utf-8"))
        assert caption and caption.group(1) in text, page
