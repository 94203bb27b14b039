"""`mkdocs build -f mkdocs.yml` (a relative config path, as editors and scripts pass it)
builds the same site as the plain command; the hooks must not assume an absolute path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import TEST_SITE_URL


def test_a_relative_config_path_builds(project_copy: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "out")],
        cwd=project_copy, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "car-t-failure" / "index.html").is_file()
