"""Templates copied from Material into overrides/ differ from the installed Material only by
the change each one exists for, so upgrading Material cannot silently drop or keep stale code."""

from __future__ import annotations

import difflib
from pathlib import Path

import material

from conftest import ROOT

MATERIAL = Path(material.__file__).resolve().parent / "templates"

# overridden file -> the lines it changes, as (line in Material, line in overrides/)
CHANGES = {
    "base.html": [
        (
            f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" autocomplete="off">',
            f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}">',
        )
        for toggle in ("drawer", "search")
    ]
    + [
        (
            '"search": "assets/javascripts/workers/search.a7633da7.min.js" | url,',
            '"search": ("assets/javascripts/workers/search-on-demand.js" | url) ~ "?worker=search.a7633da7.min.js",',
        )
    ],
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
