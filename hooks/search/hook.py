"""Search's MkDocs wiring (its steps after the build are in hooks/output/hook.py).

    on_page_content  entries   self-check answers out of the index; a section marked
                               data-search-by-item indexed one result per item
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file on its own, by its path. The project's code is imported from one place,
# the packages in hooks/, so that no module is loaded twice.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search import entries  # noqa: E402

on_page_content = entries.on_page_content
