"""Every module of the build's own code is loaded once, as one module object: MkDocs loads each
wiring file by its path, and everything else is imported from the packages in hooks/, so no
two hooks can ever hold two copies of the same state."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import in_process_build

# Builds `project` in this process, then lists, for each file of its hooks/, the names under
# which a module made from that file is held in sys.modules.
LOADED = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project = Path(sys.argv[1]).resolve()
build(load_config(str(project / "mkdocs.yml"), site_dir=sys.argv[2]))
loaded = {}
for name, module in list(sys.modules.items()):
    file = getattr(module, "__file__", None)
    if file and Path(file).resolve().is_relative_to(project / "hooks"):
        loaded.setdefault(Path(file).resolve().relative_to(project).as_posix(), []).append(name)
print(json.dumps(loaded))
"""


def modules_by_file(project: Path, site_dir: Path) -> dict[str, list[str]]:
    loaded: dict[str, list[str]] = in_process_build(LOADED, project, str(project), str(site_dir))  # type: ignore[assignment]
    return loaded


@pytest.mark.build
def test_a_build_loads_each_module_of_the_hooks_once(tmp_path: Path) -> None:
    loaded = modules_by_file(ROOT, tmp_path / "site")
    assert "hooks/sharing/teaching_links.py" in loaded  # the build did load the hooks
    twice = {file: names for file, names in loaded.items() if len(names) > 1}
    assert twice == {}


# In a copy of hooks/: the modules stay loaded while the code is unchanged, and are loaded anew
# once a file of it changes (mkdocs serve loads the wiring files again at each rebuild).
RELOADED = """
import os, sys
sys.path.insert(0, sys.argv[1])
from common.fresh_code import forget_if_changed

assert forget_if_changed() is False
import markup.glossary as first
assert forget_if_changed() is False
import markup.glossary as again
edited = os.path.join(sys.argv[1], "markup", "glossary.py")
os.utime(edited, ns=(os.stat(edited).st_atime_ns, os.stat(edited).st_mtime_ns + 10**9))
assert forget_if_changed() is True
import markup.glossary as after
print(again is first, after is not first)
"""


def test_serve_keeps_the_modules_until_their_code_changes(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    run = subprocess.run([sys.executable, "-c", RELOADED, str(tmp_path / "hooks")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["True", "True"]
