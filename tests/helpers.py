"""Helpers the tests share (fixtures live in conftest.py): a failed build's one error line,
a project's files, the published ids, where a deep link lands, a page's card, what a build run
in its own process reports."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

from conftest import PROJECT_PARTS, TEST_SITE_URL, BuiltSite, mkdocs_build


def error_lines(project: Path, tmp_path: Path) -> list[str]:
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in output, output
    return [line for line in output.splitlines() if re.match(r"^(\x1b\[[0-9;]*m)*ERROR", line)]


def the_one_line_with(lines: list[str], message: str) -> str:
    matching = [line for line in lines if message in line]
    assert len(matching) == 1, f"expected one error line with {message!r}, got: {lines}"
    return matching[0]


def line_number_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def snapshot(project: Path) -> dict[str, bytes]:
    files = [p for part in PROJECT_PARTS for p in [project / part, *(project / part).rglob("*")]]
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in files if p.is_file()}


def append(path: Path, text: str) -> int:
    """Append `text` to a page; return the line number it starts on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


def fails_with(project: Path, tmp_path: Path, message: str) -> None:
    before = snapshot(project)
    the_one_line_with(error_lines(project, tmp_path), message)
    assert snapshot(project) == before, "the failed build changed a source file"


LIST = Path(__file__).resolve().parent / "published_ids.txt"


def published() -> list[tuple[str, str]]:
    pairs = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            url, _, anchor = line.strip().partition("#")
            pairs.append((url.lstrip("/"), anchor))
    return pairs


VISIBLE = """id => {
  const heading = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  return {top: heading.top, bottom: heading.bottom, headerBottom: header.bottom, height: innerHeight};
}"""


# True once the page has loaded and the heading has stood still, with the page's scroll, for
# five animation frames in a row: a scroll (smooth, or the theme's after loading) has ended.
# Where the heading `id` is and how far the page has scrolled, once the page has loaded.
WHERE = """id => {
  const heading = document.getElementById(id);
  if (!heading || document.readyState !== "complete") return null;
  const box = heading.getBoundingClientRect();
  return [box.top, box.bottom, scrollY, innerHeight].join(" ");
}"""


def assert_lands_right(page, anchor: str, where: str) -> None:
    """The heading `anchor`, once the page has stopped scrolling (the same place in five readings
    in a row, 20 ms apart: a condition read from here, as a page without JavaScript runs no
    callback of ours), whole and below the header."""
    readings: list[object] = []
    deadline = time.monotonic() + 10
    while not (len(readings) >= 5 and readings[-1] is not None and len(set(readings[-5:])) == 1):
        assert time.monotonic() < deadline, f"{where}: the page did not settle ({readings[-5:]})"
        readings.append(page.evaluate(WHERE, anchor))
        page.wait_for_timeout(20)
    box = page.evaluate(VISIBLE, anchor)
    assert box["top"] >= box["headerBottom"], f"{where}: heading hidden under the header ({box})"
    assert box["bottom"] <= box["height"], f"{where}: heading below the screen ({box})"


def meta(page, attribute: str, name: str) -> str:
    values = page.tree.xpath(f'//head/meta[@{attribute}="{name}"]/@content')
    assert len(values) == 1, f"/{page.url}: {len(values)} <meta {attribute}='{name}'>"
    return str(values[0])


CARD_BYTES_MAX = 300 * 1024  # WhatsApp drops a larger preview image


def card_file(site: BuiltSite, address: str) -> Path:
    """The built file of a card's absolute address, which must be under site_url."""
    assert address.startswith(TEST_SITE_URL), f"{address} is not an absolute address under site_url"
    return site.root / address.removeprefix(TEST_SITE_URL)


def assert_is_a_card(site: BuiltSite, page, where: str) -> bytes:
    """The page's og:image and twitter:* card tags, checked; returns the card's PNG."""
    image = meta(page, "property", "og:image")
    png = card_file(site, image).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{where}: {image} is not a PNG"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1200, 630), f"{where}: card of {width}×{height}"
    assert (meta(page, "property", "og:image:width"), meta(page, "property", "og:image:height")) == ("1200", "630")
    assert len(png) <= CARD_BYTES_MAX, f"{where}: card of {len(png)} bytes"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert meta(page, "name", "twitter:image:alt") == meta(page, "property", "og:image:alt")  # X has no fallback for it
    for name in page.tree.xpath("//head/meta[starts-with(@name, 'twitter:') and @name != 'twitter:card']/@name"):
        assert meta(page, "name", name) == meta(page, "property", "og:" + name.removeprefix("twitter:")), f"{where}: {name}"
    return png


def in_process_build(script: str, project: Path, *args: str) -> object:
    """What `script` (Python that builds `project`, in the current folder, in its own process)
    prints as JSON on its last line; `args` are its sys.argv[1:]."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.splitlines()[-1])
