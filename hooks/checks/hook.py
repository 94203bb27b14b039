"""The checks' MkDocs wiring. Each stops the build in one line (file, line, what is wrong).

    on_config         site_address   a build without SITE_URL (mkdocs serve needs none)
    on_files          page_source    a page that is not UTF-8, has invalid front matter, or holds
                                     a script or an event handler
                      section_ids    a heading without an explicit id, an id given twice
    on_nav            nav            a page missing from the navigation
    on_page_markdown  review_date    a `reviewed:` that is not a date
    on_page_content   review_date    "Last reviewed against its sources" under the title
                      section_ids    the page as the Markdown renders it, for the check of the built
                                     page (hooks/output/hook.py runs it after every page step)
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

from checks import nav, page_source, review_date, section_ids, site_address  # noqa: E402
from mkdocs.plugins import CombinedEvent  # noqa: E402

on_config = site_address.on_config
on_files = CombinedEvent(page_source.on_files, section_ids.on_files)
on_nav = nav.on_nav
on_page_markdown = review_date.on_page_markdown
on_page_content = CombinedEvent(review_date.on_page_content, section_ids.on_page_content)
