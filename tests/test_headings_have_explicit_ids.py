"""Every heading in the Markdown sources carries an explicit, readable id, so that rewording a
heading never changes a published link. The build's own check (hooks/checks/section_ids.py)
reads each page; its unit tests are in test_hooks_units.py."""

from __future__ import annotations

import re

from checks.section_ids import HEADING, attr_id, source_ids

from conftest import ROOT

READABLE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_every_page_passes_the_builds_id_check_with_readable_ids() -> None:
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md") if "includes" not in p.parts)
    assert len(pages) >= 6
    for page in pages:
        where = page.relative_to(ROOT).as_posix()
        ids = source_ids(page.read_text(encoding="utf-8"), where)  # stops on a heading without an id, an id twice
        unreadable = [f"{where}:{line}: id '{anchor}'" for anchor, line in ids.items() if not READABLE_ID.match(anchor)]
        assert not unreadable, f"not lower-case-with-hyphens: {unreadable}"


def test_every_page_title_has_an_explicit_id_too() -> None:
    """The check asks an id of h2 to h6; the page's title (its h1) names its link-preview card
    and its block on the teaching-links page, so it needs one as well."""
    for page in sorted(p for p in (ROOT / "docs").rglob("*.md") if "includes" not in p.parts):
        lines = page.read_text(encoding="utf-8").splitlines()
        body = lines[lines.index("---", 1) + 1 :] if lines and lines[0] == "---" else lines  # front matter may hold # comments
        titles = [m for line in body if (m := HEADING.match(line)) and m["hashes"] == "#" and m["text"]]
        assert titles and all(attr_id(m["attrs"]) for m in titles), f"{page.relative_to(ROOT)}: a # title without {{#id}}"
