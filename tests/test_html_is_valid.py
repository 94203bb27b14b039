"""The Nu HTML checker (npm vnu-jar, run with the system Java) reports no error on any
built page."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, BuiltSite

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_checker_finds_no_errors(site: BuiltSite) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"needs Java and {VNU.relative_to(ROOT)}: run `npm ci` and install a JRE")
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) >= 7
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].split(site.root.name, 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages if m["type"] == "error"
    ]
    assert errors == []
