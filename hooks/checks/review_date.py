"""A page's review date: `reviewed: YYYY-MM-DD` in its front matter, read and checked once here,
and shown as "Last reviewed" under the page's title.

The date is the author's claim that the page was checked claim by claim against its sources
(CONTRIBUTING.md, "Review protocol"). A value that is not such a date stops the build with one
line naming the file, the line and the value, instead of printing a date nobody meant. Before
any other hook reads the page, `page.meta["reviewed"]` becomes a `datetime.date`, which the
citation layer gives to "Cite this page" and the page's citation metadata.
"""

from __future__ import annotations

import datetime
import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from common.source_names import shown

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
KEY = "reviewed"
TITLE_END = re.compile(r"</h1>")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def review_date(value: object, shown: str, lineno: int) -> datetime.date:
    """The date `value` stands for (YAML reads 2026-12-01 as a date; a quoted "2026-12-01" is
    text), or a PluginError naming `shown`, the line and the value."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PluginError(
        f"{shown}:{lineno}: front matter '{KEY}: {value}' is not a date; write it as "
        f"'{KEY}: YYYY-MM-DD', e.g. '{KEY}: 2026-12-01'"
    )


def reviewed_html(date: datetime.date) -> str:
    """The line shown under the title: the date spelled out, machine-readable in <time>."""
    spelled = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return (
        f'<p class="page-reviewed">Last reviewed against its sources: '
        f'<time datetime="{date.isoformat()}">{escape(spelled)}</time></p>'
    )


def key_line(markdown_source: str) -> int:
    """The 1-based line of the `reviewed:` key in the page's front matter (1 if not found)."""
    for number, line in enumerate(markdown_source.splitlines(), start=1):
        if line.startswith(f"{KEY}:"):
            return number
    return 1


@event_priority(100)  # before the citation layer (50) reads the date
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if KEY in page.meta:
        page.meta[KEY] = review_date(page.meta[KEY], shown(config, page.file.src_uri), key_line(page.file.content_string))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    date = page.meta.get(KEY)
    if not isinstance(date, datetime.date):
        return html
    if not TITLE_END.search(html):
        raise PluginError(f"{shown(config, page.file.src_uri)}:1: '{KEY}' is set but the page has no '# Title' to show it under")
    return TITLE_END.sub(lambda m: m.group(0) + reviewed_html(date), html, count=1)
