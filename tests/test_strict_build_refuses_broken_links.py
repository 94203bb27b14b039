"""The strict build, with MkDocs' validation settings, refuses a broken internal link,
a link to a missing section id, and a page left out of the navigation."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build


def failed_output(project: Path, tmp_path: Path) -> str:
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0, "the strict build should have failed"
    assert "Traceback" not in result.stderr
    return result.stderr


def append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_link_to_a_missing_page_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "about.md", "\nSee [the old page](no-such-page.md).\n")
    output = failed_output(project_copy, tmp_path)
    assert "Doc file 'about.md' contains a link 'no-such-page.md'" in output


def test_a_link_to_a_missing_section_id_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "about.md", "\nSee [escape](car-t-failure.md#no-such-section).\n")
    output = failed_output(project_copy, tmp_path)
    assert "'car-t-failure.md#no-such-section'" in output and "does not contain an anchor" in output


def test_a_page_left_out_of_the_navigation_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "orphan.md").write_text("# Orphan {#orphan}\n", encoding="utf-8")
    output = failed_output(project_copy, tmp_path)
    assert "orphan.md" in output and "not included in the \"nav\"" in output
