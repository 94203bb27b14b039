"""Every heading in the Markdown sources carries an explicit, readable id, so that
rewording a heading never changes a published link."""

from __future__ import annotations

import re

from conftest import ROOT

HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*(\{#(?P<id>[^}\s]+)(?:\s[^}]*)?\})?\s*$")
READABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def headings(text: str) -> list[tuple[int, re.Match[str]]]:
    found, fenced = [], False
    lines = text.splitlines()
    front = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0  # YAML may hold # comments
    for lineno, line in enumerate(lines, start=1):
        if lineno <= front:
            continue
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (match := HEADING.match(line)):
            found.append((lineno, match))
    return found


def test_every_heading_has_a_readable_explicit_id() -> None:
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md") if "includes" not in p.parts)
    assert len(pages) >= 6
    for page in pages:
        seen: set[str] = set()
        for lineno, match in headings(page.read_text(encoding="utf-8")):
            where = f"{page.relative_to(ROOT)}:{lineno}"
            assert match["id"], f"{where}: heading '{match['text']}' has no {{#id}}"
            assert READABLE_ID.match(match["id"]), f"{where}: id '{match['id']}' is not lower-case-with-hyphens"
            assert match["id"] not in seen, f"{where}: id '{match['id']}' used twice"
            seen.add(match["id"])


def test_the_heading_pattern_catches_a_heading_without_an_id() -> None:
    [(_, match)] = headings("## Tumor IFN signaling\n")
    assert match["id"] is None
    [(_, match)] = headings("## Tumor IFN signaling {#tumor-ifn-signaling}\n")
    assert match["id"] == "tumor-ifn-signaling"


def test_the_heading_pattern_reads_an_id_among_other_attributes_and_skips_front_matter() -> None:
    [(_, match)] = headings("## Key points {#key-points data-search-exclude}\n")
    assert match["id"] == "key-points"
    assert [line for line, _ in headings("---\n# a YAML comment\ndescription: x\n---\n\n# Title {#t}\n")] == [6]
