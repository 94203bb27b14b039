"""Build the glossary table from the abbreviations appended to every page.

The abbreviations file (pymdownx.snippets `auto_append` in mkdocs.yml) is the
one list of definitions: Python-Markdown's abbr extension shows them on hover
and tap on every page, and this hook writes the same definitions as a table
wherever a page holds the marker line `<!-- glossary -->`.

Each row of the table has its term's address (`glossary/#mdsc`, from `term_id`), so that a
teacher can link one term, and its term is written plain: the abbr extension would mark it
with its definition, which the reader sees in the next cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from common.source_names import shown

MARKER = "<!-- glossary -->"
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")
# A body row of the glossary table as Python-Markdown writes it, its term marked by the abbr extension.
ROW = re.compile(r"<tr>(?P<space>\s*)<td(?P<attrs>[^>]*)>(?:<abbr [^>]*>)?(?P<term>[^<]*)(?:</abbr>)?</td>")
LETTERS = {"α": "alpha", "β": "beta", "γ": "gamma", "κ": "kappa"}


def abbreviations_file(config: MkDocsConfig) -> Path:
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    appended = snippets.get("auto_append", [])
    if len(appended) != 1:
        raise PluginError("mkdocs.yml: pymdownx.snippets.auto_append must name the one abbreviations file")
    base = snippets.get("base_path", ["."])
    base_dir = str(base[0] if isinstance(base, list) else base)
    return Path(config.config_file_path).resolve().parent / base_dir / str(appended[0])


def read_definitions(path: Path) -> list[tuple[str, str]]:
    """(term, meaning) pairs of an abbreviations file, sorted by term."""
    pairs = [
        (m["term"], m["meaning"])
        for line in path.read_text(encoding="utf-8").splitlines()
        if (m := DEFINITION.match(line))
    ]
    return sorted(pairs, key=lambda pair: pair[0].lower())


def glossary_table(pairs: list[tuple[str, str]]) -> str:
    rows = [f"| {term} | {meaning} |" for term, meaning in pairs]
    return "\n".join(["| Abbreviation | Meaning |", "| --- | --- |", *rows])


def term_id(term: str) -> str:
    """The address of a term in the glossary: its letters and digits in lower case, Greek letters
    spelled out, anything else a hyphen: MDSC -> mdsc, PD-L1 -> pd-l1, TNF-α -> tnf-alpha."""
    spelled = "".join(LETTERS.get(c, c) for c in term.lower())
    return re.sub(r"[^a-z0-9]+", "-", spelled).strip("-")


def rows_with_ids(html: str, terms: list[str], where: str) -> str:
    """`html` with each glossary row given its term's id, and its term without a tooltip."""
    ids: dict[str, str] = {}
    for term in terms:
        anchor = term_id(term)
        if not anchor or anchor in ids.values():
            raise PluginError(f"{where}: the glossary term {term!r} gets the address #{anchor}, which another term has or is empty")
        ids[term] = anchor
    done: set[str] = set()

    def row(m: re.Match[str]) -> str:
        term = m["term"]
        if term not in ids:
            return m.group(0)
        done.add(term)
        return f'<tr id="{ids[term]}">{m["space"]}<td{m["attrs"]}>{term}</td>'

    html = ROW.sub(row, html)
    missing = [term for term in terms if term not in done]
    if missing:
        raise PluginError(f"{where}: no glossary row found for {', '.join(missing)}")
    return html


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, glossary_table(read_definitions(abbreviations_file(config))))


@event_priority(-10)  # after hooks/markup/table_cards.py labels the cells of bare <tr> rows
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in page.file.content_string:
        return html
    terms = [term for term, _ in read_definitions(abbreviations_file(config))]
    return rows_with_ids(html, terms, shown(config, page.file.src_uri))
