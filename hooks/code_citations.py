"""Keep `[@key]` written inside code literal.

mkdocs-bibtex finds citations with a regular expression over the raw Markdown, so a citation
shown as an example in a code block or an inline code span would be resolved into a footnote.
Before the plugin runs, this hook hides the "@" of everything inside code behind a reserved
character; after the plugin, it puts the "@" back, so the code is rendered exactly as written.
"""

from __future__ import annotations

from pathlib import Path

from markdown_code import mask_code_citations, unmask
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(50)  # before mkdocs-bibtex (priority 0) resolves citations
def _hide_code_at_signs(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return mask_code_citations(markdown)
    except ValueError as e:
        docs_shown = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).resolve().parent)
        raise PluginError(f"{docs_shown}/{page.file.src_uri}: {e}") from None


@event_priority(-50)  # after mkdocs-bibtex, before anything else reads the Markdown
def _restore_code_at_signs(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return unmask(markdown)


on_page_markdown = CombinedEvent(_hide_code_at_signs, _restore_code_at_signs)
