"""What an author writes in pandoc's citation syntax is printed, or refused in one line that
names file and line and says how to write it: keys exported by BibDesk, Zotero or JabRef,
locators, prefixes and suffixes, `@key` in running text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import mkdocs_build
from helpers import error_lines, line_number_of, the_one_line_with

# Keys as reference managers export them, each added to a copy of the bibliography.
EXPORTED_KEYS = ["Jain:2021ab", "jain.2021", "Jain2021-tumor_IFN", "10.1182/blood.2020007445"]


def add_page(project: Path, body: str) -> Path:
    page = project / "docs" / "syntax.md"
    page.write_text(f"# Syntax {{#syntax}}\n\n{body}\n\n## References {{#references}}\n\n\\bibliography\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - About: about.md\n", "  - About: about.md\n  - Syntax: syntax.md\n"), encoding="utf-8")
    return page


def built_page(project: Path, tmp_path: Path) -> lxml_html.HtmlElement:
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    return lxml_html.fromstring((tmp_path / "out" / "syntax" / "index.html").read_text(encoding="utf-8"))


def superscripts(tree: lxml_html.HtmlElement) -> list[str]:
    return [re.sub(r"\s+", "", sup.text_content()) for sup in tree.xpath("//article//p/sup")]


def test_keys_exported_by_reference_managers_resolve(project_copy: Path, tmp_path: Path) -> None:
    bib = project_copy / "bib" / "references.bib"
    jain = re.search(r"@article\{jain2021,.*?\n\}\n", bib.read_text(encoding="utf-8"), re.S).group(0)
    bib.write_text(bib.read_text(encoding="utf-8") + "".join(
        "\n" + jain.replace("jain2021", key, 1) for key in EXPORTED_KEYS
    ), encoding="utf-8")
    add_page(project_copy, "\n\n".join(f"Claim {n}.[@{key}]" for n, key in enumerate(EXPORTED_KEYS)))
    tree = built_page(project_copy, tmp_path)
    assert superscripts(tree) == ["1", "2", "3", "4"]
    listed = [li.get("id") for li in tree.xpath('//div[@class="footnote"]//li')]
    assert listed == [f"fn:{key}" for key in EXPORTED_KEYS]
    for li in tree.xpath('//div[@class="footnote"]//li'):
        assert "Tumor interferon signaling" in li.text_content()


def test_locators_are_printed_after_the_number(project_copy: Path, tmp_path: Path) -> None:
    add_page(project_copy, "\n\n".join([
        "One page.[@jain2021, p. 2625]",
        "A group.[@strati2021; @jain2021, fig. 2; @dean2020]",
        "Pages.[@jain2021, pp. 2625-2627]",
        "Plain again.[@jain2021]",
    ]))
    tree = built_page(project_copy, tmp_path)
    assert superscripts(tree) == ["1(p2625)", "1(fig2),2,3", "1(pp2625-2627)", "1"]
    # Every number is still a link to its one reference; the list has one entry per work.
    numbers = [(a.get("href"), a.text) for a in tree.xpath('//article//a[contains(@class, "footnote-ref")]')]
    assert numbers[:3] == [("#fn:jain2021", "1"), ("#fn:jain2021", "1"), ("#fn:strati2021", "2")]
    assert [li.get("id") for li in tree.xpath('//div[@class="footnote"]//li')] == ["fn:jain2021", "fn:strati2021", "fn:dean2020"]


def test_a_cited_heading_shows_its_number_and_a_clean_contents_entry(project_copy: Path, tmp_path: Path) -> None:
    add_page(project_copy, "## A cited heading[@jain2021] {#cited-heading}\n\nText.[@strati2021]")
    tree = built_page(project_copy, tmp_path)
    heading = tree.get_element_by_id("cited-heading")
    assert heading.xpath(".//sup/a")[0].text_content() == "1"
    contents = [a.text_content().strip() for a in tree.xpath('//nav[contains(@class, "md-nav--secondary")]//a')]
    assert "A cited heading" in contents
    assert not re.search("[\ue020-\ue023]", lxml_html.tostring(tree, encoding="unicode"))


def test_emails_and_handles_stay_as_written(project_copy: Path, tmp_path: Path) -> None:
    add_page(project_copy, "Write to teaching@example.org or @lymphoma_team.[@jain2021]\n\nA [mail me@example.org] note.")
    text = built_page(project_copy, tmp_path).text_content()
    assert "teaching@example.org or @lymphoma_team." in text and "[mail me@example.org]" in text


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("A claim.[@Jain:2021ab]", "unknown citation key 'Jain:2021ab' (not in bib/references.bib); did you mean 'jain2021'?"),
        ("A claim.[see @jain2021]", "has words before the key ('see'), which a superscript number cannot show; "
                                    "put them in the sentence and write [@jain2021]"),
        ("A claim.[@jain2021, p. 33 and elsewhere]", "has words after the key ('and elsewhere')"),
        ("As @jain2021 showed.", "'@jain2021' outside brackets would be printed as text; write [@jain2021]"),
    ],
)
def test_what_cannot_be_printed_is_refused_in_one_line(project_copy: Path, tmp_path: Path, written: str, message: str) -> None:
    page = project_copy / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{written}\n", encoding="utf-8")
    line = the_one_line_with(error_lines(project_copy, tmp_path), message)
    assert f"docs/about.md:{line_number_of(page, written)}: " in line
