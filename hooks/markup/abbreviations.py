"""The first use of each abbreviation on a page can take the keyboard's focus.

Python-Markdown's abbr extension marks every use of a term from the abbreviations file as
`<abbr title="...">`, whose expansion shows on hover or tap (site.js). A keyboard user could not
reach it. The first use of each term on a page gets `tabindex="0"`, so Tab reaches it and
focusing shows the expansion; later uses stay out of the tab order (the CAR T page uses 26
terms 118 times). The glossary page is left as it is: its table shows every expansion beside
its term. A use inside a link is not made a tab stop (a link is one already, and HTML allows no
focusable element inside it): the first use outside a link is.
"""

from __future__ import annotations

import re

from markup.glossary import MARKER as GLOSSARY_MARKER
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ABBR = re.compile(r"<abbr title=\"(?P<title>[^\"]*)\">(?P<term>[^<]*)</abbr>")
LINK_OR_ABBR = re.compile(r"<a\b[^>]*>.*?</a>|" + ABBR.pattern, re.S)


def focus_first_uses(html: str) -> str:
    """`html` with `tabindex="0"` on the first use of each abbreviation."""
    seen: set[str] = set()

    def first(m: re.Match[str]) -> str:
        if m["term"] is None or m["term"] in seen:  # a link, or a term met before
            return m.group(0)
        seen.add(m["term"])
        return f'<abbr title="{m["title"]}" tabindex="0">{m["term"]}</abbr>'

    return LINK_OR_ABBR.sub(first, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if GLOSSARY_MARKER in page.file.content_string:
        return html
    return focus_first_uses(html)
