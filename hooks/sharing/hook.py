"""Sharing's MkDocs wiring (the cards, share pages, QR codes and section links are written by
the steps of hooks/output/hook.py).

    on_config        link_previews    the card template, the site's address
    on_page_content  link_previews    a card for the page and each section it shares; the ¶
                                      control copies the share address
    on_page_context  teaching_links   the teaching-links page: every section, its address, its QR code
                     link_previews    the page's card, for the template's og:image tags
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

from mkdocs.plugins import CombinedEvent  # noqa: E402
from sharing import link_previews, teaching_links  # noqa: E402

on_config = link_previews.on_config
on_page_content = link_previews.on_page_content
on_page_context = CombinedEvent(teaching_links.on_page_context, link_previews.on_page_context)
