"""Tables that fit a phone: every body cell carries its column's heading.

Authors write ordinary Markdown tables. On a narrow screen site.css shows each row of a table
of three or more columns as a card, each cell under its column's heading, which it takes from
the cell's `data-label`, written here; a table of two columns fits a phone as a table. As a CSS display change can make a browser stop telling screen readers that a table is
one, the table names its role, `table`; its rows and cells keep theirs from the table (the HTML
rules forbid naming them again). Desktop and print keep the table as it is.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th(?P<attrs>(?:\s[^>]*)?)>(?P<text>.*?)</th>", re.S)
ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
CELL = re.compile(r"<td(?P<attrs>(?:\s[^>]*)?)>")
TAG = re.compile(r"<[^>]+>")


def labelled(table_body: str) -> str:
    """A table, given its inner HTML, with its role and each body cell's column heading."""
    labels = [html.escape(html.unescape(TAG.sub("", m["text"])).strip()) for m in HEADER_CELL.finditer(table_body)]

    def row(m: re.Match[str]) -> str:
        column = iter(labels)
        cells = CELL.sub(lambda c: f'<td data-label="{next(column, "")}"{c["attrs"]}>', m["cells"])
        return f"<tr>{cells}</tr>"

    return f'<table role="table">{ROW.sub(row, table_body)}</table>'


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return TABLE.sub(lambda m: labelled(m["body"]), html_text)
