"""A bad citation input stops the build with one error line that names the file
and the key or line, and no Python traceback: an unknown key, a duplicate key, a
malformed entry, a missing BibTeX file, a citation left open across lines, a footnote on a
page with citations, a citation in an image's description, and a bibliography command inside
a sentence."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from conftest import mkdocs_build
from helpers import error_lines, line_number_of, the_one_line_with

BIB = Path("bib") / "references.bib"


def test_unknown_citation_key(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim.[@nobody2099]\n", encoding="utf-8")
    line = line_number_of(page, "A claim.[@nobody2099]")
    the_one_line_with(
        error_lines(project_copy, tmp_path),
        f"docs/glossary.md:{line}: unknown citation key 'nobody2099' (not in {BIB})",
    )


def test_citation_key_with_the_wrong_case(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim.[@Jain2021]\n", encoding="utf-8")
    line = line_number_of(page, "A claim.[@Jain2021]")
    the_one_line_with(error_lines(project_copy, tmp_path), f"docs/glossary.md:{line}: unknown citation key 'Jain2021'")


def test_duplicate_key(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    first = line_number_of(bib, "@article{dean2020,")
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@article{dean2020,\n  title = {Again},\n}\n", encoding="utf-8")
    second = len(text.splitlines()) + 2
    the_one_line_with(
        error_lines(project_copy, tmp_path),
        f"{BIB}:{second}: duplicate key 'dean2020' (first defined on line {first})",
    )


def test_malformed_entry(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    text = bib.read_text(encoding="utf-8")
    broken_field = "  journal = {Nat Med},\n  year    = {2018},"
    assert text.count(broken_field) == 1
    bib.write_text(text.replace(broken_field, "  journal = {Nat Med}\n  year    = {2018},"), encoding="utf-8")
    line = the_one_line_with(error_lines(project_copy, tmp_path), "malformed BibTeX in entry 'fraietta2018'")
    year_line = line_number_of(bib, "  year    = {2018},")
    assert f"{BIB}:{year_line}:" in line


def test_entry_missing_a_required_field(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("  journal = {Blood Adv},\n", ""), encoding="utf-8")
    line = line_number_of(bib, "@article{dean2020,")
    the_one_line_with(error_lines(project_copy, tmp_path), f"{BIB}:{line}: entry 'dean2020' has no journal field")


def test_missing_bibtex_file(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / BIB).unlink()
    the_one_line_with(error_lines(project_copy, tmp_path), f"{BIB}: BibTeX file not found")


def refused_when_added_to_about(project: Path, tmp_path: Path, added: str, message: str) -> None:
    """Add `added` to the end of about.md (which has front matter, so a line must be the file's,
    not the line after it): the build stops with `message` at the line of its first line."""
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    line = line_number_of(page, added.split("\n")[0])
    the_one_line_with(error_lines(project, tmp_path), f"docs/about.md:{line}: {message}")


def test_citation_not_closed_on_its_line(project_copy: Path, tmp_path: Path) -> None:
    refused_when_added_to_about(project_copy, tmp_path, "A claim.[@jain2021;\n@dean2020]", "citation '[@' is not closed")


def test_empty_bibtex_file(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / BIB).write_text("", encoding="utf-8")
    the_one_line_with(error_lines(project_copy, tmp_path), f"{BIB}: no BibTeX entries")


def test_markup_in_a_bibtex_field_is_shown_as_text(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    text = bib.read_text(encoding="utf-8")
    title = "  title   = {High metabolic tumor volume"  # dean2020, cited on two pages
    assert text.count(title) == 1
    bib.write_text(text.replace(title, "  title   = {<script>alert(1)</script><img src=x onerror=alert(2)> High metabolic tumor volume"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "out").rglob("*.html"):
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        assert not tree.xpath("//script[contains(., 'alert')]"), page
        assert not tree.xpath("//*[@onerror]"), page
    references = lxml_html.fromstring((tmp_path / "out" / "references" / "index.html").read_text(encoding="utf-8"))
    shown = references.xpath('//li[@id="fn:dean2020"]')[0].text_content()
    # as written, without the backslashes of pandoc's Markdown ("\\<script" printed "\\&lt;script")
    assert "<Script>alert(1)</script><img src=x onerror=alert(2)>" in shown and "\\" not in shown, shown


def test_a_doi_that_is_not_a_doi(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    text = bib.read_text(encoding="utf-8")
    doi = "  doi     = {10.1182/bloodadvances.2020001900},"  # dean2020
    assert text.count(doi) == 1
    bad = '  doi     = {10.1234/"onmouseover="alert(3)},'
    bib.write_text(text.replace(doi, bad), encoding="utf-8")
    the_one_line_with(
        error_lines(project_copy, tmp_path),
        f"{BIB}:{line_number_of(bib, bad)}: entry 'dean2020': doi '10.1234/\"onmouseover=\"alert(3)' is not a DOI",
    )


def test_a_pmid_that_is_not_a_pmid(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / BIB
    text = bib.read_text(encoding="utf-8")
    pmid = "  pmid    = {32702097}"  # dean2020
    assert text.count(pmid) == 1
    bib.write_text(text.replace(pmid, "  pmid    = {PMC32702097}"), encoding="utf-8")
    the_one_line_with(
        error_lines(project_copy, tmp_path),
        f"{BIB}:{line_number_of(bib, '  pmid    = {PMC32702097}')}: entry 'dean2020': pmid 'PMC32702097' is not a PubMed id",
    )


def test_a_footnote_on_a_page_with_citations(project_copy: Path, tmp_path: Path) -> None:
    refused_when_added_to_about(project_copy, tmp_path, "A note.[^n]\n\n[^n]: The note.",
                                "a page with citations cannot also have footnotes")


def test_a_citation_in_an_image_description(project_copy: Path, tmp_path: Path) -> None:
    refused_when_added_to_about(project_copy, tmp_path, "![A chart [@jain2021]](chart.png)",
                                "citation [@jain2021] stands where no link can")


def test_a_bibliography_command_inside_a_sentence(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "about.md"
    text = page.read_text(encoding="utf-8").replace("\\bibliography", "The list: \\bibliography")
    page.write_text(text, encoding="utf-8")
    line = line_number_of(page, "The list: \\bibliography")
    the_one_line_with(error_lines(project_copy, tmp_path), f"docs/about.md:{line}: the bibliography command must stand alone")
