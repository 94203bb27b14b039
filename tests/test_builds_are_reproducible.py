"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical, sitemap
included, though the first starts from nothing and the second from what the first kept in
`.cache/` (formatted references, and the HTML of every reference); the sitemap's dates come from
SOURCE_DATE_EPOCH, not from the clock."""

from __future__ import annotations

import gzip
import shutil
import json
import re
from pathlib import Path

from conftest import mkdocs_build


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_same_epoch_same_bytes(project_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)  # the first build starts cold
    kept = project_copy / ".cache/citations/html.json"
    kept_after = []
    for name in ("first", "second"):
        result = mkdocs_build(project_copy, tmp_path / name, SOURCE_DATE_EPOCH="1700000000")
        assert result.returncode == 0, result.stderr
        kept_after.append(json.loads(kept.read_text(encoding="utf-8")))
    first, second = tree(tmp_path / "first"), tree(tmp_path / "second")
    # The first build kept the HTML of each work in the full bibliography (the
    # references page); the second, in a process of its own, found each under the same hash.
    works = re.findall(rb'<li id="fn:', first["references/index.html"])
    assert len(kept_after[0]) == len(works) > 0
    assert kept_after[1] == kept_after[0]
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_sitemap_dates_follow_the_epoch(project_copy: Path, tmp_path: Path) -> None:
    result = mkdocs_build(project_copy, tmp_path / "site", SOURCE_DATE_EPOCH="1700000000")
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap  # 1700000000 is 2023-11-14 UTC
    assert gzip.decompress((tmp_path / "site" / "sitemap.xml.gz").read_bytes()).decode() == sitemap
