"""Search finds what readers type, not only what the pages write: part of a hyphenated term
(MDSC in M-MDSCs), the term without its hyphen or spaces (LAG3, PDL1, IL6, 3+3), a dose in any
spelling of micrograms, British spellings of the site's American words, and a drug's brand name
where a source names it; a section that holds every word of the query comes before one that holds
only some."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BuiltSite


def texts(site: BuiltSite) -> dict[str, str]:
    """The text of each page and section, by its address, as the full search index holds it."""
    docs = json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: re.sub("<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in docs}


def pages_whose_text_holds(site: BuiltSite, pattern: str) -> set[str]:
    """The addresses of the pages that the full search index says hold `pattern` (a regex)."""
    return {address.split("#")[0] for address, text in texts(site).items() if re.search(pattern, text)}


def test_part_of_a_hyphenated_term_finds_every_page_that_uses_it(search, site: BuiltSite) -> None:
    # M-MDSCs is one term ("M-MDSCs" finds it whole, tests/test_search_finds_medical_terms.py);
    # "MDSC" finds it too, on every page that writes MDSC in any form: the home page writes only
    # M-MDSCs.
    results = search("MDSC")
    assert {r.page for r in results} == pages_whose_text_holds(site, "MDSC")
    assert "car-t-failure/" in {r.page for r in results} and "" in {r.page for r in results}
    assert not [r for r in results if "Missing" in " ".join(text for _, text in r.sections)]


@pytest.mark.parametrize(("query", "written"), [("LAG3", "LAG-3"), ("PDL1", "PD-L1"), ("IL6", "IL-6"), ("lag3", "LAG-3")])
def test_a_term_typed_without_its_hyphen_finds_it(search, site: BuiltSite, query: str, written: str) -> None:
    results = search(query)
    assert results and results[0].page == "car-t-failure/", results[:1]
    assert {r.page for r in results} == pages_whose_text_holds(site, re.escape(written))


@pytest.mark.parametrize("query", ["3+3", "3 + 3", "3 +3"])
def test_the_3_plus_3_design_is_found_however_it_is_spaced(search, site: BuiltSite, query: str) -> None:
    results = search(query)
    assert results and results[0].page == "loncastuximab-dose-finding/", results[:1]
    assert results[0].sections[0][0].endswith("#trial-design"), results[0].sections
    # Only pages that mention the design: not every page with a "3" in it.
    assert {r.page for r in results} == pages_whose_text_holds(site, r"3 ?\+ ?3")


@pytest.mark.parametrize("query", ["150 µg/kg", "150 μg/kg", "150 mcg/kg", "150 ug/kg", "150 MCG/KG"])
def test_a_section_that_holds_the_whole_query_comes_first(search, site: BuiltSite, query: str) -> None:
    # (µ above is the micro sign, μ the Greek letter mu: keyboards give either.)
    results = search(query)
    address, text = results[0].sections[0]
    assert results[0].page == "loncastuximab-dose-finding/", results[:1]
    assert "Missing" not in text, f"{query}: first section {address} lacks a word of the query"
    assert re.search(r"\b150 µg/kg", texts(site)[address]), address


@pytest.mark.parametrize(
    ("query", "american"),
    [
        ("tumour", "tumor"),
        ("tumours", "tumor"),
        ("Tumour", "tumor"),
        ("haematology", "hematolog"),
        ("haematological", "hematolog"),
        ("oedema", "edema"),
        ("leukaemia", "leukemia"),
        ("thrombocytopaenia", "thrombocytopenia"),
        ("Thrombocytopaenia", "thrombocytopenia"),
    ],
)
def test_a_british_spelling_finds_the_american_one(search, site: BuiltSite, query: str, american: str) -> None:
    results = search(query)
    assert results, f"{query}: nothing found"
    assert any(mark.startswith(american) for mark in results[0].marks), (query, results[0])
    assert {r.page for r in results} == pages_whose_text_holds(site, f"(?i){american}")


@pytest.mark.parametrize("query", ["Zynlonta", "zynlonta"])
def test_a_brand_name_finds_the_drug_it_names(search, site: BuiltSite, query: str) -> None:
    # Zynlonta is loncastuximab tesirine (the European Medicines Agency, 2022): hooks/search/spellings.yml, names.
    results = search(query)
    assert results and results[0].page == "loncastuximab-dose-finding/", results[:1]
    assert {r.page for r in results} == pages_whose_text_holds(site, "(?i)loncastuximab")
