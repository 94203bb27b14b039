"""A second build of an unchanged checkout draws nothing: every QR code, link-preview card and
figure PNG is kept in .cache/ under a hash of what it is drawn from, so the build that follows
reads them back (hooks/figures/drawing.py counts what a process draws)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import in_process_build

# Builds the project in the current folder in this process and prints how often the drawing
# libraries were called (segno for QR codes, resvg for cards and figures), and what the build
# says it drew, by kind.
DRAWN = """
import collections, json, sys
import resvg_py, segno
from mkdocs.commands.build import build
from mkdocs.config import load_config

calls = collections.Counter()
def counted(name, function):
    def call(*args, **kwargs):
        calls[name] += 1
        return function(*args, **kwargs)
    return call
segno.make = counted("segno.make", segno.make)
resvg_py.svg_to_bytes = counted("resvg_py.svg_to_bytes", resvg_py.svg_to_bytes)
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
from figures import drawing
print(json.dumps({**calls, **getattr(drawing, "drawn", {})}))
"""


def drawn_by_a_build(project: Path, site_dir: Path) -> dict[str, int]:
    drawn: dict[str, int] = in_process_build(DRAWN, project, str(site_dir))  # type: ignore[assignment]
    return drawn


def test_a_build_after_a_build_draws_no_qr_code_card_or_figure(project_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)
    first = drawn_by_a_build(project_copy, tmp_path / "first")  # cold
    assert first.get("segno.make", 0) > 200 and first.get("resvg_py.svg_to_bytes", 0) > 0
    second = drawn_by_a_build(project_copy, tmp_path / "second")
    assert {name: n for name, n in second.items() if name in ("segno.make", "resvg_py.svg_to_bytes")} == {}
    # The build's own count says what it drew, and the same.
    assert first.get("teaching links: the QR codes", 0) > 200
    assert first.get("cards: the link-preview cards", 0) > 0 and first.get("figures: the PNG downloads", 0) > 0
    assert second == {}
