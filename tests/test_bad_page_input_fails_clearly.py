"""A bad page source or style file stops the build with one error line naming the file and
line, no traceback, and no source file changed: a Markdown file that is not UTF-8, invalid
YAML front matter, a review date that is not a date, a raw <script> or onerror= in page text,
an invalid or missing citation style, a heading without an explicit id, and an id given twice on
a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import mkdocs_build
from helpers import append, fails_with, line_number_of


def test_markdown_that_is_not_utf8(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "glossary.md"
    page.write_bytes(page.read_bytes() + b"\nCaf\xe9 au lait.\n")
    line = page.read_bytes().count(b"\n")
    fails_with(project_copy, tmp_path, f"docs/glossary.md:{line}: not valid UTF-8")


def test_invalid_yaml_front_matter(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description:", "description: [unclosed\n  oops:", 1), encoding="utf-8")
    fails_with(project_copy, tmp_path, "docs/about.md:3: invalid YAML front matter")


def test_a_review_date_that_is_not_a_date(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description:", "reviewed: last spring\ndescription:", 1), encoding="utf-8")
    line = text[: text.index("description:")].count("\n") + 1
    fails_with(project_copy, tmp_path, f"docs/about.md:{line}: front matter 'reviewed: last spring' is not a date; write it as 'reviewed: YYYY-MM-DD'")


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", '<img src="x" onerror="alert(1)">'])
def test_script_or_event_handler_in_page_text(project_copy: Path, tmp_path: Path, markup: str) -> None:
    line = append(project_copy / "docs" / "glossary.md", f"\n{markup}\n") + 1
    fails_with(project_copy, tmp_path, f"docs/glossary.md:{line}: raw <script> or on...= event handler is not allowed")


def test_script_inside_a_code_block_is_only_shown(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "glossary.md", "\n```html\n<script>alert(1)</script>\n```\n")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "out" / "glossary" / "index.html").read_text(encoding="utf-8")
    shown = lxml_html.fromstring(built).xpath("//article//pre/code")[0].text_content()
    assert "<script>alert(1)</script>" in shown and "<script>alert(1)" not in built


@pytest.mark.parametrize(
    ("content", "message"),
    [("<style\n", "bad.csl:2: not a valid CSL style"), ("<html/>\n", "bad.csl:1: not a CSL style")],
)
def test_invalid_citation_style(project_copy: Path, tmp_path: Path, content: str, message: str) -> None:
    (project_copy / "bad.csl").write_text(content, encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("csl_file: american-medical-association.csl", "csl_file: bad.csl"), encoding="utf-8")
    fails_with(project_copy, tmp_path, message)


def test_missing_citation_style(project_copy: Path, tmp_path: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("csl_file: american-medical-association.csl", "csl_file: nosuch.csl"), encoding="utf-8")
    fails_with(project_copy, tmp_path, "mkdocs.yml: plugins.bibtex.csl_file 'nosuch.csl' is neither a file next to mkdocs.yml")


# Section ids are a published contract (hooks/checks/section_ids.py).
@pytest.mark.parametrize(
    "heading",
    ["## A new section", "#### A new section", "A new section\n-------------"],
    ids=["h2", "h4", "setext-h2"],
)
def test_heading_without_an_explicit_id(project_copy: Path, tmp_path: Path, heading: str) -> None:
    line = append(project_copy / "docs" / "about.md", f"\n{heading}\n\nText.\n") + 1
    level = heading.count("#") or 2
    fails_with(
        project_copy, tmp_path,
        f"docs/about.md:{line}: heading 'A new section' has no explicit id; write '{'#' * level} A new section {{#a-new-section}}'",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("## Antigen escape: loss of CD19 {#antigen-escape}", "## Antigen escape again {#antigen-escape}"),
        ('<figure class="site-figure" id="figure-immune-profiles" markdown="1">', "### Immune profiles {#figure-immune-profiles}"),
        ("    attrs: {id: check-two-sites, class: self-check}", "### Two sites {#check-two-sites}"),
    ],
    ids=["two-headings", "heading-and-figure", "heading-and-self-check"],
)
def test_id_given_twice_on_a_page(project_copy: Path, tmp_path: Path, first: str, second: str) -> None:
    page = project_copy / "docs" / "car-t-failure.md"
    first_line = line_number_of(page, first)
    line = append(page, f"\n{second}\n\nText.\n") + 1
    anchor = second.split("{#")[1].rstrip("}")
    fails_with(project_copy, tmp_path, f"docs/car-t-failure.md:{line}: id '{anchor}' is already used on line {first_line}")


@pytest.mark.parametrize(
    ("page_name", "heading", "theirs"),
    [
        ("about", "## Cite this page {#cite-this-page}", "heading 'Cite this page'"),
        ("teaching-links", "## More links {#links-car-t-failure}", "heading 'CAR T-cell failure in large B-cell lymphoma: possible mechanisms'"),
    ],
    ids=["cite-this-page", "teaching-links-block"],
)
def test_id_the_site_gives_on_the_page_too(project_copy: Path, tmp_path: Path, page_name: str, heading: str, theirs: str) -> None:
    line = append(project_copy / "docs" / f"{page_name}.md", f"\n{heading}\n\nText.\n") + 1
    anchor = heading.split("{#")[1].rstrip("}")
    fails_with(project_copy, tmp_path, f"docs/{page_name}.md:{line}: id '{anchor}' is already used on this page by the site's own {theirs}")


def test_headings_in_code_and_page_titles_need_no_id(project_copy: Path, tmp_path: Path) -> None:
    append(
        project_copy / "docs" / "about.md",
        "\n```md\n## A heading shown, not made\n## Sources again {#sources}\n```\n\n"
        "Write `## Title {#sources}` for a section.\n\n# A second page title\n",
    )
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    built = lxml_html.fromstring((tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8"))
    assert any("## Sources again {#sources}" in code.text_content() for code in built.xpath("//article//pre/code"))
