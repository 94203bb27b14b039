"""No preview address is ever published: a build without SITE_URL stops with one line that
names the setting and shows how to set it; `mkdocs serve` needs no setting at all (and, as
before, has no offline service worker); and the site the tests build holds no preview address
anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BuiltSite, _free_port

PREVIEW = "127.0.0.1"


def test_a_build_without_site_url_stops_in_one_line(project_copy: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=project_copy, capture_output=True, text=True, timeout=300, env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "SITE_URL is not set" in errors[0] and "SITE_URL=https://" in errors[0], result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_serve_needs_no_setting(project_copy: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    server = subprocess.Popen(
        ["timeout", "120", sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project_copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/about/", timeout=1) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("mkdocs serve did not answer")
        assert f'<link rel="canonical" href="http://127.0.0.1:{port}/about/">' in page
        assert 'rel="manifest"' not in page  # so site.js registers no service worker
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sw.js", timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_built_site_holds_no_preview_address(site: BuiltSite) -> None:
    files = [p for p in site.root.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml", ".js", ".txt", ".webmanifest"}]
    assert len(files) > 10
    assert [str(p.relative_to(site.root)) for p in files if PREVIEW in p.read_text(encoding="utf-8", errors="ignore")] == []
