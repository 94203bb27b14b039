"""The project's code as it is on disk, for `mkdocs serve`.

MkDocs loads the wiring files (`hooks/*/hook.py`) again for every rebuild, but the modules they
import stay in `sys.modules`, with their caches, which keeps a rebuild after a page edit fast.
After an edit to the code itself, every wiring file calls `forget_if_changed()` first: if a
Python file under hooks/ differs from when the modules were loaded, all of the project's modules
are dropped, and the wiring files import them anew, each once.
"""

from __future__ import annotations

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent
PARTS = {p.name for p in HOOKS.iterdir() if (p / "__init__.py").is_file()}

_loaded: dict[str, int] = {}  # each Python file under hooks/, by its mtime when the modules were loaded


def _versions() -> dict[str, int]:
    return {str(path): path.stat().st_mtime_ns for path in sorted(HOOKS.rglob("*.py"))}


def forget_if_changed() -> bool:
    """Drop the project's modules if its code changed since they were loaded; say whether it did."""
    now = _versions()
    changed = bool(_loaded) and now != _loaded
    if changed:
        for name in [n for n in sys.modules if n.split(".")[0] in PARTS and n != __name__]:
            del sys.modules[name]
    _loaded.clear()
    _loaded.update(now)
    return changed
