"""The strict build refuses a broken internal link, a link to a missing section id, and a page
left out of the navigation: non-zero exit, one line naming the file and what is wrong, no
traceback, no source file changed."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build
from helpers import append, fails_with, snapshot


def the_one_warning(project: Path, tmp_path: Path, *parts: str) -> None:
    before = snapshot(project)
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the strict build should have failed"
    assert "Traceback" not in output, output
    problems = [line for line in output.splitlines() if line.lstrip("\x1b[0123456789;m").startswith(("WARNING", "ERROR"))]
    assert len(problems) == 1 and all(part in problems[0] for part in parts), problems
    assert snapshot(project) == before, "the failed build changed a source file"


def test_a_link_to_a_missing_page_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "about.md", "\nSee [the old page](no-such-page.md).\n")
    the_one_warning(project_copy, tmp_path, "Doc file 'about.md'", "'no-such-page.md'", "target is not found")


def test_a_link_to_a_missing_section_id_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "about.md", "\nSee [escape](car-t-failure.md#no-such-section).\n")
    the_one_warning(
        project_copy, tmp_path, "Doc file 'about.md'", "'car-t-failure.md#no-such-section'", "does not contain an anchor"
    )


def test_a_page_left_out_of_the_navigation_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "orphan.md").write_text("# Orphan {#orphan}\n", encoding="utf-8")
    fails_with(project_copy, tmp_path, "docs/orphan.md: page is not in the nav of mkdocs.yml")


def test_a_page_listed_as_not_in_nav_builds(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "orphan.md").write_text("# Orphan {#orphan}\n", encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_in_nav: |\n  /orphan.md\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
