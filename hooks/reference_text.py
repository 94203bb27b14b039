"""Tidy the reference text that mkdocs-bibtex takes from pandoc.

Pandoc marks an author list that ends in "et al." as a Markdown bracketed
span, `[Jain MD, Zhao H, Wang X, et al.]{.nocase}`. Python-Markdown has no
such spans and would print the brackets and braces, so the span is unwrapped.
AMA puts a comma before "et al." even after a single name
("Hamadani M, et al."), which pandoc leaves out; the comma is added.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

NOCASE_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.nocase\}")
ET_AL_WITHOUT_COMMA = re.compile(r"(?<=[^,]) et al\.$")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]: ")


def tidy_reference(line: str) -> str:
    """Unwrap pandoc's no-case spans in one footnote definition line."""
    return NOCASE_SPAN.sub(lambda m: ET_AL_WITHOUT_COMMA.sub(", et al.", m.group(1)), line)


@event_priority(-100)  # after mkdocs-bibtex has written the footnotes
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return "\n".join(
        tidy_reference(line) if FOOTNOTE_DEFINITION.match(line) else line
        for line in markdown.split("\n")
    )
