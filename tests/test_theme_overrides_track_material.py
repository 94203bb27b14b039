"""Templates copied from Material into overrides/ differ from the installed Material only by
the change each one exists for, so upgrading Material cannot silently drop or keep stale code.
Material's base.html is not copied: the build makes its two changes to every page
(hooks/search/on_demand.py, hooks/output/valid_html.py), which the tests below check against the
installed Material's template."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest
from output.valid_html import without_toggle_autocomplete
from search.on_demand import with_search_worker

from conftest import ROOT

MATERIAL = Path(material.__file__).resolve().parent / "templates"

# overridden file -> the lines it changes, as (line in Material, line in overrides/)
CHANGES = {
    "partials/search.html": [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        )
    ],
}


def body(path: Path) -> list[str]:
    """The template's lines after its leading Jinja comment."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("{#"):
        text = text[text.index("#}") + 2 :]
    return [line.strip() for line in text.strip().splitlines()]


def test_each_copied_template_differs_only_by_its_intended_change() -> None:
    for name, changes in CHANGES.items():
        ours, theirs = body(ROOT / "overrides" / name), body(MATERIAL / name)
        removed = [l[1:].strip() for l in difflib.ndiff(theirs, ours) if l.startswith("- ")]
        added = [l[1:].strip() for l in difflib.ndiff(theirs, ours) if l.startswith("+ ")]
        assert removed == [old for old, _ in changes], name
        assert added == [new for _, new in changes], name


def test_no_copy_of_materials_base_template_is_kept() -> None:
    assert not (ROOT / "overrides" / "base.html").exists()


def test_pages_start_the_sites_search_worker_named_after_materials() -> None:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    named = re.search(r'"search": "assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)" \| url', base)
    assert named, "Material's base.html no longer names its search worker as the build expects"
    worker = named[1]
    page = f'<script id="__config" type="application/json">{{"search": "../assets/javascripts/workers/{worker}", "tags": null}}</script>'
    assert with_search_worker(page, "x.md") == page.replace(worker, f"search-on-demand.js?worker={worker}")


def test_a_page_without_materials_search_worker_stops_the_build_in_one_line() -> None:
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"^docs/x\.md: the page names no search worker"):
        with_search_worker("<html></html>", "docs/x.md")


def test_the_drawer_and_search_toggles_lose_only_autocomplete() -> None:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    toggles = [line.strip() for line in base.splitlines() if 'class="md-toggle"' in line and "checkbox" in line]
    assert len(toggles) == 2 and all('autocomplete="off"' in t for t in toggles)
    for toggle in toggles:
        assert without_toggle_autocomplete(toggle) == toggle.replace(' autocomplete="off"', "")
