"""hooks/citations_in_one_pass.py formats all of a build's citations in one pandoc run, and the
site it builds is byte for byte the one mkdocs-bibtex builds on its own: same references, same
numbering. (Unknown keys still fail: tests/test_bad_citation_input_fails_clearly.py.)"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from conftest import mkdocs_build

HOOK_LINE = "  - hooks/citations_in_one_pass.py\n"

COUNT_PANDOC_RUNS = """
import sys
import pypandoc
from mkdocs.commands.build import build
from mkdocs.config import load_config

runs = []
convert_text = pypandoc.convert_text
pypandoc.convert_text = lambda *a, **k: runs.append(1) or convert_text(*a, **k)
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
print(len(runs))
"""


def pandoc_runs(project: Path, site_dir: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", COUNT_PANDOC_RUNS, str(site_dir)], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def without_the_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(HOOK_LINE) == 1
    config.write_text(text.replace(HOOK_LINE, ""), encoding="utf-8")


def differing_files(left: Path, right: Path) -> list[str]:
    compare = filecmp.dircmp(left, right)
    found = [str(left / n) for n in compare.left_only + compare.right_only]
    found += [str(left / n) for n in compare.common_files if (left / n).read_bytes() != (right / n).read_bytes()]
    for sub in compare.common_dirs:
        found += differing_files(left / sub, right / sub)
    return found


def test_one_pandoc_run_per_build(project_copy: Path, tmp_path: Path) -> None:
    assert pandoc_runs(project_copy, tmp_path / "with") == 1
    without_the_hook(project_copy)
    assert pandoc_runs(project_copy, tmp_path / "without") > 1, "the plugin alone should run pandoc per page"


def test_the_site_is_the_one_the_plugin_builds_alone(project_copy: Path, tmp_path: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert mkdocs_build(project_copy, tmp_path / "with", **epoch).returncode == 0
    without_the_hook(project_copy)
    assert mkdocs_build(project_copy, tmp_path / "without", **epoch).returncode == 0
    assert differing_files(tmp_path / "with", tmp_path / "without") == []
