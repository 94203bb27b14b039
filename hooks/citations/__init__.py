"""The citation layer: what an author writes as `[@key]` becomes a numbered AMA citation.

Six stages, each a small module with its own tests, run in this order:

1. `read`:   the BibTeX file, split into entries (key, line, source text) without parsing them.
2. `check`:  duplicate keys, malformed entries and missing fields, by a fast scanner.
3. `find`:   the citations of a page in pandoc's syntax (keys, locators), and what cannot be printed.
4. `format`: the cited works as references, by pandoc with the CSL style; locators the AMA way.
5. `render`: citations as superscript links to the page's reference list, written after
   Python-Markdown, a group as one superscript; `reference_html` makes each reference's HTML once.
6. `export`: each reference list as RIS, BibTeX and CSL-JSON files, a COinS span on each entry,
   and the page's Highwire Press tags, from the cited entries as pandoc and pybtex read them.

`hook.py` is the only file that talks to MkDocs; `mkdocs_bibtex_adapter.py` is the only file
that knows mkdocs-bibtex. Every problem in an author's input is a `CitationError`, one line
that names the file and the line.
"""

from __future__ import annotations


class CitationError(Exception):
    """A problem in what an author wrote, said in one line: `file:line: what is wrong`."""
