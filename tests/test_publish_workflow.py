"""The publishing workflow gives each job only the permissions it needs, and publishes only a
fresh strict build made after the whole test suite passed."""

from __future__ import annotations

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_least_privilege() -> None:
    workflow = load()
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["test-and-build"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key "on" as True


def test_publishes_only_after_the_tests_and_a_fresh_strict_build() -> None:
    jobs = load()["jobs"]
    steps = [step.get("run", "") or step.get("uses", "") for step in jobs["test-and-build"]["steps"]]
    order = [
        next(i for i, s in enumerate(steps) if s == "bash .ci/run"),
        next(i for i, s in enumerate(steps) if "mkdocs build --strict --site-dir" in s and 'test ! -e "$out"' in s),
        next(i for i, s in enumerate(steps) if s.startswith("actions/upload-pages-artifact")),
    ]
    assert order == sorted(order)
    assert jobs["deploy"]["needs"] == "test-and-build"
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
