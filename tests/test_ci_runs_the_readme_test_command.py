"""CI runs exactly the test command that the README gives, and the README gives two
set-up commands: one that serves the site, one that runs the tests."""

from __future__ import annotations

import re

from conftest import ROOT


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_readme_gives_a_serve_command_and_a_test_command() -> None:
    serve, test = setup_commands()
    assert "--require-hashes -r requirements.txt" in serve and serve.endswith("mkdocs serve")
    assert "--require-hashes -r requirements-test.txt" in test and test.endswith("-m pytest")
    assert test.startswith("npm ci"), "the tests need the pinned Node tools (vnu-jar)"


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    _, test = setup_commands()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert test in ci_lines
