"""The hash-locked files that CI and the deploy install from (`pip install --require-hashes`)
(requirements.txt, requirements-test.txt)
pin exactly the versions that requirements.in and requirements-test.in name, every one with
hashes. MAINTAINERS.md ("Dependencies") gives the command that regenerates them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-r "):
            found |= pins(path.parent / line.split()[1])
        elif m := PIN.match(line):
            found[normal(m[1])] = m[2]
    return found


@pytest.mark.parametrize("name", ["requirements", "requirements-test"])
def test_lock_file_pins_the_same_versions_with_hashes(name: str) -> None:
    lock = ROOT / f"{name}.txt"
    assert pins(lock) == pins(ROOT / f"{name}.in")
    entries = [e for e in re.split(r"\n(?=[A-Za-z])", lock.read_text(encoding="utf-8")) if PIN.match(e)]
    assert len(entries) == len(pins(lock))
    assert all("--hash=sha256:" in entry for entry in entries)
    assert "--index-url" not in lock.read_text(encoding="utf-8") and "--find-links" not in lock.read_text(encoding="utf-8")
