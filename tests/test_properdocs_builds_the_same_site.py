"""ProperDocs, a continuation of MkDocs 1.x, builds this site into the same files as MkDocs:
only the `generator` tag may differ, and with it the version of the offline service worker,
which is a hash of the pages. If MkDocs 1.6 or Material stops installing, the site can move to
it (MAINTAINERS.md: "If the stack moves"); this test keeps that true."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import TEST_SITE_URL

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">|(?<=^const VERSION = )"[0-9a-f]+"', re.M)


def differences(left: Path, right: Path) -> list[str]:
    """The files, relative to the site roots, found in only one site or differing in more than
    the generator tag (or the service worker's version)."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp[str], at: Path) -> None:
        found.extend(str(at / name) for name in sorted(compare.left_only + compare.right_only))
        for name in sorted(compare.common_files):
            a, b = (Path(compare.left) / name).read_bytes(), (Path(compare.right) / name).read_bytes()
            if a != b and GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
                found.append(str(at / name))
        for name, sub in sorted(compare.subdirs.items()):
            walk(sub, at / name)

    walk(filecmp.dircmp(left, right), Path())
    return found


def build(engine: str, project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SITE_URL": TEST_SITE_URL, "SOURCE_DATE_EPOCH": "1700000000",
             "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )


def test_properdocs_and_mkdocs_build_the_same_files(project_copy: Path, tmp_path: Path) -> None:
    by_mkdocs, by_properdocs = tmp_path / "mkdocs", tmp_path / "properdocs"
    for engine, out in (("mkdocs", by_mkdocs), ("properdocs", by_properdocs)):
        result = build(engine, project_copy, out)
        assert result.returncode == 0, f"{engine}:\n{result.stderr[-3000:]}"
    assert differences(by_mkdocs, by_properdocs) == []
    home = [GENERATOR.search((site / "index.html").read_bytes()).group(0) for site in (by_mkdocs, by_properdocs)]
    assert b"ProperDocs" not in home[0] and b"ProperDocs" in home[1], home  # each engine really built its own


def test_a_file_only_one_engine_writes_or_a_changed_file_is_named(tmp_path: Path) -> None:
    left, right = tmp_path / "a", tmp_path / "b"
    for site, generator, text in ((left, "mkdocs-1.6.1", "same"), (right, "properdocs-1.6.7", "same")):
        (site / "page").mkdir(parents=True)
        (site / "page" / "index.html").write_text(f'<meta name="generator" content="{generator}">{text}')
    assert differences(left, right) == []
    (right / "page" / "index.html").write_text('<meta name="generator" content="x">changed')
    (right / "extra.html").write_text("only here")
    assert differences(left, right) == ["extra.html", "page/index.html"]
