"""Workflows run actions by full commit SHA, never by a tag that can be moved; Dependabot
proposes updates for every ecosystem once a week, one pull request each, in files it can
regenerate with pip-compile; and every pull request runs .ci/run before it can land."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+)*\s*$")


def unpinned(workflow_text: str) -> list[str]:
    """Every `uses:` of a workflow that does not name a full commit SHA with its version in a comment."""
    found = []
    for line in workflow_text.splitlines():
        m = USES.match(line)
        if m and not (PINNED.match(m["ref"]) and VERSION_COMMENT.match(m["comment"])):
            found.append(line.strip())
    return found


def test_a_tag_is_refused_and_a_sha_with_its_version_accepted() -> None:
    assert unpinned("    steps:\n      - uses: actions/checkout@v4\n") == ["- uses: actions/checkout@v4"]
    assert unpinned("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n")  # no version comment
    assert unpinned("      - uses: actions/checkout@11bd719 # v4.2.2\n")  # a short SHA
    assert unpinned("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n") == []


def test_every_workflow_pins_its_actions_by_commit() -> None:
    assert WORKFLOWS
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        assert "uses:" in text, workflow.name
        assert unpinned(text) == [], workflow.name


def test_dependabot_proposes_one_weekly_pull_request_per_ecosystem() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    by_ecosystem = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(by_ecosystem) == {"github-actions", "pip", "npm"}
    for update in by_ecosystem.values():
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]]
    manifests = [p for p in ROOT.glob("**/package.json") if not {"node_modules", ".venv"} & set(p.parts)]
    folders = {("/" + p.parent.relative_to(ROOT).as_posix()).replace("/.", "/") for p in manifests}
    assert set(by_ecosystem["npm"]["directories"]) == folders == {"/", "/benchmarks"}


def test_the_hash_locked_files_are_named_as_pip_compile_writes_them() -> None:
    """Dependabot regenerates a pip-compile lock file from the `.in` file of the same name, with
    the options written in the lock file's header."""
    for name in ("requirements", "requirements-test"):
        header = (ROOT / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[0]
        assert f"--output-file={name}.txt" in header and f" {name}.in\n" in header, header
        assert "--generate-hashes" in header and (ROOT / f"{name}.in").is_file()


def test_every_pull_request_runs_ci() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML reads the key "on" as True
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in steps
