"""The figures' MkDocs wiring (their files are written by the build steps of hooks/output/hook.py).

    on_config        downloads   read every figure and slide layout
    on_page_content  downloads   the download links, licence and credit under each caption
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file on its own, by its path. The project's code is imported from one place,
# the packages in hooks/, so that no module is loaded twice.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.fresh_code import forget_if_changed  # noqa: E402

forget_if_changed()  # under mkdocs serve, after an edit to the code

from figures import downloads  # noqa: E402

on_config = downloads.on_config
on_page_content = downloads.on_page_content
