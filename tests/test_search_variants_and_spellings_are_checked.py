"""hooks/search/variants.py: which other forms of a term the index gets, and the checks on
hooks/search/spellings.yml, the table of spellings the search worker applies to queries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import BuiltSite, mkdocs_build
from search.variants import SPELLINGS, read_spellings, variants


def test_a_term_gets_its_parts_and_its_joined_form_and_a_page_range_or_doi_nothing(site: BuiltSite) -> None:
    separator = re.compile(json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))["config"]["separator"])
    text = (
        "<p>Blood M-MDSCs, LAG-3 and PD-L1; ANG2/ANG1; a 3 + 3 design, 3 + 3 again; T-cell therapy; "
        "Blood. 2021;137(19):2621-2633. doi:10.1056/NEJMoa1707447</p>"
    )
    found = variants(text, separator)
    for expected in ["m", "mdscs", "mmdscs", "lag", "lag3", "pd", "l1", "pdl1", "ang2", "ang1", "3+3"]:
        assert expected in found, expected
    assert found.count("3+3") == 1
    assert not [v for v in found if re.search(r"2621|2633|nejm|1056", v)], found
    assert "cell" not in found  # T-cell is two terms already: the separator cuts before "cell"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "search_spellings.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("anywhere: {tumour: tumor}\nword_start: {}\n", "needs exactly the tables anywhere, word_start, names"),
        ("anywhere: {tumour: tumor}\nword_start: [mcg]\nnames: {}\n", "word_start: must map"),
        ("anywhere: {Tumour: tumor}\nword_start: {}\nnames: {}\n", "anywhere: 'Tumour': both sides in lower case"),
        ("anywhere: {tumour: 3}\nword_start: {}\nnames: {}\n", "anywhere: 'tumour': both sides must be text"),
        ("anywhere: {}\nword_start: {}\nnames: {Zynlonta: loncastuximab}\n", "names: 'Zynlonta': both sides in lower case"),
        ("anywhere: {tumour: [tumor\n", "cannot be read"),
    ],
)
def test_a_bad_spelling_table_is_refused_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PluginError) as error:
        read_spellings(write(tmp_path, text))
    assert str(error.value).startswith("search_spellings.yml: ") and message in str(error.value), error.value
    assert "\n" not in str(error.value)


def test_the_project_table_is_valid() -> None:
    spellings = read_spellings(SPELLINGS)
    assert spellings["anywhere"]["tumour"] == "tumor"


def test_a_spelling_that_would_rewrite_a_word_the_site_writes_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    table = project_copy / "hooks" / "search" / "spellings.yml"
    table.write_text(table.read_text(encoding="utf-8").replace("  litre: liter\n", "  litre: liter\n  tumor: tumour\n"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "hooks/search/spellings.yml: " in line]
    assert errors and "anywhere: 'tumor': the site writes 'tumor'" in errors[0], result.stderr[-800:]
    assert "Traceback" not in result.stderr


def test_a_name_is_indexed_with_the_word_it_names_and_not_sent_to_the_worker(site: BuiltSite) -> None:
    index = json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    names = read_spellings(SPELLINGS)["names"]
    assert names["zynlonta"] == "loncastuximab"
    for doc in index["docs"]:
        text = doc["title"] + " " + doc["text"]
        writes = re.search(r"(?i)\bloncastuximab", text) is not None
        says_name = re.search(r"(?i)\bzynlonta\b", text) is not None  # (a reference's title names it)
        assert ("zynlonta" in doc.get("variants", "").split()) == (writes and not says_name), doc["location"]
    assert set(index["spellings"]) == {"anywhere", "word_start"}  # the worker rewrites queries with these only


def test_a_name_for_a_word_the_site_does_not_write_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    table = project_copy / "hooks" / "search" / "spellings.yml"
    table.write_text(table.read_text(encoding="utf-8") + "  brandex: fictimab\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "hooks/search/spellings.yml" in line]
    assert errors and "names: 'brandex': the site never writes 'fictimab'" in errors[0], result.stderr[-800:]
    assert "Traceback" not in result.stderr
