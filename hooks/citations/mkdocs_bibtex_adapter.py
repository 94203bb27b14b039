"""The only file that knows mkdocs-bibtex, written for version 4.4.0 (pinned in requirements.in).

mkdocs-bibtex is the plugin the site is built with (`plugins: - bibtex:` in mkdocs.yml): its
settings name the bibliography and the style, and its PandocRegistry formats references: it
lays citations out for pandoc, runs pandoc with the CSL style and reads the references back.
The citation layer decides what the plugin is given:

- `format_references` gives the registry only the cited entries, as written;
- the plugin instance gets the resolved style and an empty bibliography: its own parse of
  `bib_file`, which splits every author's name, took 1.5 s for 10,000 entries, and it has
  nothing left to resolve;
- its page pass is given text in which it finds nothing to do: the layer has rendered every
  citation, and every remaining "@" (code, e-mail addresses) is hidden from it, as it would
  take `[... @x ...]` for a citation.

mkdocs-bibtex is no longer maintained. If it stops working, replace this file: keep
`settings`, `hand_over`, `format_references`, `hide` and `reveal`, and have
`format_references` run pandoc itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pypandoc
from common.markdown_code import AT_MASK
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import PandocRegistry

WRITTEN_FOR = "4.4.0"


def engine() -> str:
    """What formats the references, for the cache: mkdocs-bibtex and pandoc, with versions."""
    return f"mkdocs-bibtex {version('mkdocs-bibtex')}, pandoc {pypandoc.get_pandoc_version()}"


def check_version() -> None:
    installed = version("mkdocs-bibtex")
    if installed != WRITTEN_FOR:
        raise PluginError(
            f"hooks/citations/mkdocs_bibtex_adapter.py was written for mkdocs-bibtex {WRITTEN_FOR}, "
            f"but {installed} is installed: check the adapter against it, then update WRITTEN_FOR"
        )


@dataclass(frozen=True)
class Settings:
    bib_file: str  # as written in mkdocs.yml, relative to it
    csl_file: str
    bib_command: str  # `\bibliography`: the page's reference list goes here
    full_bib_command: str  # `\full_bibliography`: every entry of the file goes here
    footnote_format: str  # the footnote label of a key: `{key}`


def _plugin(config: MkDocsConfig) -> BibTexPlugin:
    plugin = config.plugins.get("bibtex")
    if not isinstance(plugin, BibTexPlugin):
        raise PluginError("mkdocs.yml: the bibtex plugin (mkdocs-bibtex) must be listed under plugins")
    return plugin


def settings(config: MkDocsConfig) -> Settings:
    options = _plugin(config).config
    return Settings(
        bib_file=options.bib_file or "",
        csl_file=options.csl_file or "",
        bib_command=options.bib_command,
        full_bib_command=options.full_bib_command,
        footnote_format=options.footnote_format,
    )


def hand_over(config: MkDocsConfig, empty_bib: Path, style: Path) -> None:
    """Before the plugin loads its settings: an empty bibliography (its page pass is given no
    citation to resolve, so it needs no entries) and the style's path."""
    empty_bib.parent.mkdir(parents=True, exist_ok=True)
    empty_bib.touch()
    options = _plugin(config).config
    options.bib_file = str(empty_bib)
    options.csl_file = str(style)


class _CitedEntries(PandocRegistry):  # type: ignore[misc]  # (mkdocs-bibtex ships no type hints)
    """mkdocs-bibtex's PandocRegistry, given the cited entries as BibTeX text.

    Its own constructor parses files with pybtex, splitting every author's name, and its
    `bib_data_bibtex` writes them back out as BibTeX for pandoc: 0.35 s per 1,000 entries, for
    text the layer already has as written. This skips both and keeps what does the work:
    `_process_with_pandoc` (private in 4.4.0), which lays the citations out for pandoc, runs it
    with the CSL style and reads the references back.
    """

    def __init__(self, bibtex: str, csl_file: Path) -> None:  # not super().__init__: no pybtex
        self.csl_file = str(csl_file)
        self.footnote_format = "{key}"
        self._bibtex = bibtex

    @property
    def bib_data_bibtex(self) -> str:
        return self._bibtex


def format_references(bibtex: str, csl_file: Path, keys: list[str]) -> dict[str, str]:
    """One pandoc run: key -> reference text (Markdown) for each of `keys`, from `bibtex`."""
    blocks = [CitationBlock(citations=[Citation(key=key)]) for key in keys]
    _, references = _CitedEntries(bibtex, csl_file)._process_with_pandoc(blocks)
    return {str(key): str(text) for key, text in references.items()}


def hide(markdown: str) -> str:
    """Page text with every "@" hidden from the plugin's page pass, behind the character the
    build reserves for hiding "@" (find() has refused any page that holds it); `reveal` undoes it."""
    return markdown.replace("@", AT_MASK)


def reveal(markdown: str) -> str:
    return markdown.replace(AT_MASK, "@")
