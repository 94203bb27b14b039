"""Build the glossary table from the abbreviations appended to every page.

The abbreviations file (pymdownx.snippets `auto_append` in mkdocs.yml) is the
one list of definitions: Python-Markdown's abbr extension shows them on hover
and tap on every page, and this hook writes the same definitions as a table
wherever a page holds the marker line `<!-- glossary -->`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = "<!-- glossary -->"
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, glossary_table(read_definitions(abbreviations_file(config))))
