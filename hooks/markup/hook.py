"""The markup's MkDocs wiring.

    on_page_markdown  glossary        the glossary table, from the abbreviations file
                      no_break        the page's description, doses and "3 + 3" kept whole
    on_page_content   abbreviations   the first use of each abbreviation a tab stop
                      table_cards     each table cell labelled with its column heading
                      glossary        each glossary row its term's id (after table_cards)
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

from markup import abbreviations, glossary, no_break, table_cards  # noqa: E402
from mkdocs.plugins import CombinedEvent  # noqa: E402

on_page_markdown = CombinedEvent(glossary.on_page_markdown, no_break.on_page_markdown)
on_page_content = CombinedEvent(abbreviations.on_page_content, table_cards.on_page_content, glossary.on_page_content)
