"""Where a BibTeX file's entries start: their keys, lines and source text.

A helper module for the hooks (not itself a hook): bibliography_check reports problems by
line, and citations_in_one_pass hands pandoc the cited entries as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)", re.M)
MACROS = {"string", "preamble"}  # blocks any entry may use
NOT_ENTRIES = MACROS | {"comment"}


def entry_lines(text: str) -> list[tuple[str, int]]:
    """(key, line) of every entry in BibTeX source, in order."""
    found, line, counted_to = [], 1, 0
    for m in BLOCK_START.finditer(text):
        line += text.count("\n", counted_to, m.start())  # count on from the last entry: linear
        counted_to = m.start()
        if m.group(1).lower() not in NOT_ENTRIES:
            found.append((m.group(2), line))
    return found


@dataclass(frozen=True)
class BibSource:
    """A BibTeX file split into the source text of each entry, in file order."""

    macros: str  # every @string and @preamble
    entries: dict[str, str]

    @classmethod
    def parse(cls, bibtex: str) -> BibSource:
        starts = list(BLOCK_START.finditer(bibtex))
        ends = [m.start() for m in starts[1:]] + [len(bibtex)]
        macros, entries = [], {}
        for m, end in zip(starts, ends):
            kind = m.group(1).lower()
            if kind in MACROS:
                macros.append(bibtex[m.start() : end])
            elif kind not in NOT_ENTRIES:
                entries[m.group(2)] = bibtex[m.start() : end]
        return cls("".join(macros), entries)

    def cited(self, keys: set[str]) -> str:
        """The macros, then the entries of `keys` as written, in file order."""
        return self.macros + "".join(text for key, text in self.entries.items() if key in keys)
