"""Format every citation of the build in one pandoc run, over only the cited entries.

mkdocs-bibtex formats citations page by page: each page that cites a key not seen before
starts pandoc and hands it the whole bibliography, so the build time grows with pages times
bibliography size. Before any page is rendered, this hook collects the citations of all pages,
gives the plugin's registry a bibliography of just the cited entries, and has it format them in
one run. The plugin then finds every page's citations already formatted, and its output is the
same as before.
"""

from __future__ import annotations

from markdown_code import mask_code_citations
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs_bibtex.citation import CitationBlock
from mkdocs_bibtex.plugin import BibTexPlugin
from mkdocs_bibtex.registry import PandocRegistry
from pybtex.database import BibliographyData


def cited_bibtex(registry: PandocRegistry, keys: set[str]) -> str:
    """The registry's bibliography, reduced to `keys`, as BibTeX text in the file's order."""
    entries = registry.bib_data.entries
    text: str = BibliographyData(entries={key: entries[key] for key in entries if key in keys}).to_string("bibtex")
    return text


@event_priority(-10)  # after bibliography_check has refused unknown keys
def on_files(files: Files, config: MkDocsConfig) -> Files:
    plugin = config.plugins["bibtex"]
    assert isinstance(plugin, BibTexPlugin)
    registry = plugin.registry
    if not isinstance(registry, PandocRegistry):
        return files  # no CSL style: the plugin's simple mode does not run pandoc
    blocks: list[CitationBlock] = []
    full_bibliography = False
    for file in files.documentation_pages():
        markdown = mask_code_citations(file.content_string)
        blocks += CitationBlock.from_markdown(markdown)
        full_bibliography |= plugin.config.full_bib_command in markdown
    keys = set(registry.bib_data.entries) if full_bibliography else {c.key for b in blocks for c in b.citations}
    # bib_data_bibtex is a cached_property: setting it replaces what pandoc is given.
    registry.__dict__["bib_data_bibtex"] = cited_bibtex(registry, keys)
    registry.validate_citation_blocks(blocks)
    return files
