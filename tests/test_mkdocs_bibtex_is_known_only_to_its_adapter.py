"""mkdocs-bibtex is no longer maintained: one file, hooks/citations/mkdocs_bibtex_adapter.py,
knows it, names the version it was written for, and stops the build with a plain sentence
when another version is installed. No build code patches a dependency at run time."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

from citations import mkdocs_bibtex_adapter
from conftest import ROOT

HOOKS = sorted((ROOT / "hooks").rglob("*.py"))


def test_the_adapter_is_written_for_the_installed_version() -> None:
    mkdocs_bibtex_adapter.check_version()
    pinned = re.search(r"^mkdocs-bibtex==(\S+)$", (ROOT / "requirements.in").read_text(encoding="utf-8"), re.M)
    assert pinned and pinned.group(1) == mkdocs_bibtex_adapter.WRITTEN_FOR


def test_another_version_stops_the_build_with_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_bibtex_adapter, "version", lambda name: "4.5.0")
    with pytest.raises(PluginError, match=r"written for mkdocs-bibtex 4\.4\.0, but 4\.5\.0 is installed: check the adapter"):
        mkdocs_bibtex_adapter.check_version()


def test_only_the_adapter_imports_mkdocs_bibtex() -> None:
    importers = [p.relative_to(ROOT).as_posix() for p in HOOKS if re.search(r"^\s*(from|import) mkdocs_bibtex", p.read_text(encoding="utf-8"), re.M)]
    assert importers == ["hooks/citations/mkdocs_bibtex_adapter.py"]


def test_no_build_code_patches_a_dependency() -> None:
    for path in HOOKS:
        text = path.read_text(encoding="utf-8")
        assert "unittest" not in text and "__dict__" not in text and "mock" not in text, path
