"""No line break inside a dose ("150 µg/kg"), an operator between numbers ("3 + 3") or a
numbered step ("cycle 1", "day 8"): on a phone "150 / µg/kg" and "3 + / 3" read badly.

One rule, `keep_together`, joins such units with no-break spaces (U+00A0). It is applied to each
page's HTML as written (its text, not inside code, whose text is copied as written), to its
description (the description and og:description tags), and by hooks/sharing/link_previews.py to the text it
wraps on a link-preview card and to a share page's description, so that a card never breaks
where a page does not.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

NBSP = "\u00a0"
UNIT = r"(?:[µμ]g|mg|ng|g|kg|mL|L|IU)(?:/(?:kg|m²|m2|day|d|L|mL))?(?![\w/])"
NUMBER = r"\d+(?:[.,]\d+)?"
# A number and its unit; numbers either side of an operator; a step and its number.
DOSE = re.compile(rf"(?<![\w.,])({NUMBER})[ ]+(?={UNIT})")
OPERATOR = re.compile(rf"(?<=\d)[ ]+([+×=<>≤≥])[ ]+(?=\d)")
STEP = re.compile(r"\b((?:[Cc]ycle|[Dd]ay|[Ll]evel|[Cc]ohort|[Pp]hase|[Pp]art)s?)[ ]+(?=\d)")
CODE = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.S | re.I)
TEXT = re.compile(r"(?:^|(?<=>))[^<]+")


def keep_together(text: str) -> str:
    """`text` with the space inside each dose, "3 + 3" and "cycle 1" made a no-break space."""
    text = DOSE.sub(rf"\1{NBSP}", text)
    text = OPERATOR.sub(rf"{NBSP}\1{NBSP}", text)
    return STEP.sub(rf"\1{NBSP}", text)


def in_html(html: str) -> str:
    """`html` with `keep_together` applied to its text, outside code and outside tags."""
    parts, last = [], 0
    for m in CODE.finditer(html):
        parts.append(TEXT.sub(lambda t: keep_together(t.group(0)), html[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(TEXT.sub(lambda t: keep_together(t.group(0)), html[last:]))
    return "".join(parts)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = keep_together(description)
    return markdown


def with_units_kept_together(output: str) -> str:
    """The whole page as written: its text, title, navigation and table of contents (the
    search index keeps ordinary spaces, which the search box's query has); a page step of
    hooks/output/hook.py."""
    return in_html(output)
