"""Format the build's citations ahead of the pages, over only the cited entries.

mkdocs-bibtex formats citations page by page: each page that cites a key not seen before
starts pandoc and hands it the whole bibliography, re-serialised by pybtex, so the build time
grows with pages times bibliography size. Before any page is rendered, this hook collects the
cited keys of all pages, in the order MkDocs renders them, and has pandoc format just those
entries, taken as written from the BibTeX file: for a small site in one run; for a large one
in a few runs on background threads, one per CPU, the first covering the first pages, so
pandoc works while MkDocs renders. Each page waits, if it must, for the run that holds its
keys; the plugin then finds them formatted.

This uses two internals of mkdocs-bibtex 4.4.0 (pinned): the registry's `bib_data_bibtex`,
the text pandoc is given, and `_process_with_pandoc`. For a numeric style such as AMA each
reference is formatted on its own, so the site is byte for byte what the plugin alone builds
(tests/test_citations_are_formatted_in_one_pass.py). An author-date style formats whole
citation groups, and then everything is formatted in one run before the first page.
"""

from __future__ import annotations

import copy
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from bibtex_source import BibSource
from markdown_code import mask_code_citations
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import PandocRegistry

FIRST_RUN = 100  # keys: the first page waits for this run only
KEYS_PER_RUN = 500


def format_keys(registry: PandocRegistry, source: BibSource, keys: list[str]) -> dict[str, str]:
    """Run pandoc over the entries of `keys`; return key -> reference text."""
    part = copy.copy(registry)  # shares the caches, which this only reads
    part.__dict__["bib_data_bibtex"] = source.cited(set(keys))
    references: dict[str, str] = part._process_with_pandoc([CitationBlock(citations=[Citation(key=k)]) for k in keys])[1]
    return references


def runs_by_page(new_keys_by_page: list[tuple[str, list[str]]]) -> list[tuple[list[str], list[str]]]:
    """Group consecutive pages into (pages, keys) runs: a small first run, so the first page
    waits little, then runs of about KEYS_PER_RUN keys. Each key is in the run of the first
    page that cites it."""
    runs: list[tuple[list[str], list[str]]] = []
    pages: list[str] = []
    keys: list[str] = []
    for page, page_keys in new_keys_by_page:
        pages.append(page)
        keys += page_keys
        if len(keys) >= (FIRST_RUN if not runs else KEYS_PER_RUN):
            runs.append((pages, keys))
            pages, keys = [], []
    if pages and (keys or not runs):
        runs.append((pages, keys))
    elif pages:
        runs[-1][0].extend(pages)  # pages citing only keys of earlier runs wait for the last
    return [run for run in runs if run[1]]  # nothing new to format: no run


class Ahead:
    """The pandoc runs of one build, queued on background threads."""

    def __init__(self, registry: PandocRegistry, source: BibSource, runs: list[tuple[list[str], list[str]]]) -> None:
        self.registry = registry
        executor = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="pandoc")
        self.futures: list[Future[dict[str, str]]] = [executor.submit(format_keys, registry, source, keys) for _, keys in runs]
        executor.shutdown(wait=False)
        self.run_of_page = {page: i for i, (pages, _) in enumerate(runs) for page in pages}
        self.merged = 0

    def wait_for(self, page: str) -> None:
        """Merge into the registry's cache every run up to the one holding `page`'s keys."""
        last = self.run_of_page.get(page, -1)
        while self.merged <= last:
            self.registry._reference_cache.update(self.futures[self.merged].result())
            self.merged += 1


_ahead: Ahead | None = None


@event_priority(-10)  # after bibliography_check has refused unknown keys
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _ahead
    _ahead = None
    plugin = config.plugins["bibtex"]
    assert isinstance(plugin, BibTexPlugin)
    registry = plugin.registry
    if not isinstance(registry, PandocRegistry):
        return files  # no CSL style: the plugin's simple mode does not run pandoc
    blocks: list[CitationBlock] = []
    new_keys_by_page: list[tuple[str, list[str]]] = []
    seen = set(registry._reference_cache)
    full_bibliography = False
    for file in files.documentation_pages():  # the order MkDocs renders them in
        markdown = mask_code_citations(file.content_string)
        page_blocks = CitationBlock.from_markdown(markdown)
        blocks += page_blocks
        page_keys = list(dict.fromkeys(c.key for b in page_blocks for c in b.citations if c.key not in seen))
        seen.update(page_keys)
        new_keys_by_page.append((file.src_uri, page_keys))
        full_bibliography |= plugin.config.full_bib_command in markdown
    cited = {c.key for b in blocks for c in b.citations}
    keys = set(registry.bib_data.entries) if full_bibliography else cited
    bib_file = Path(config.config_file_path).resolve().parent / str(plugin.config.bib_file)
    source = BibSource.parse(bib_file.read_text(encoding="utf-8"))
    # What pandoc is given from now on: the cited entries, as written in the file.
    registry.__dict__["bib_data_bibtex"] = source.cited(keys)
    if registry._is_inline or full_bibliography:
        registry.validate_citation_blocks(blocks)  # one run, now
    else:
        _ahead = Ahead(registry, source, runs_by_page(new_keys_by_page))
    return files


@event_priority(20)  # before mkdocs-bibtex (priority 0) looks the page's citations up
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _ahead is not None:
        _ahead.wait_for(page.file.src_uri)
    return markdown
