"""Reading bib/references.bib in tests, independently of the build."""

from __future__ import annotations

from pathlib import Path

from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser

BIB_FILE = Path(__file__).resolve().parent.parent / "bib" / "references.bib"


def load() -> BibliographyData:
    return Parser().parse_file(str(BIB_FILE))


def keys() -> list[str]:
    return list(load().entries.keys())


def field(entry: Entry, name: str) -> str:
    return str(entry.fields.get(name, ""))
