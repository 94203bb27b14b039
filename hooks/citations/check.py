"""Stage 2, check: refuse a BibTeX file with a duplicate key, a malformed entry or an article
without author, title, journal or year, in one line naming the file, the line and the key.

A scanner made of one regular expression per entry vouches for every entry it understands:
balanced braces, `name = value` fields separated by commas, `#` concatenation, macros that
are defined. It takes about 2 ms per 1,000 entries. Whatever it cannot vouch for (an entry in
parentheses, braces nested very deep, or a real mistake) goes to pybtex, which parses the
whole file and words the message, so an author sees pybtex's wording as before.
"""

from __future__ import annotations

import re

from citations import CitationError
from citations.read import Bibliography, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

REQUIRED_FIELDS = {"article": ("author", "title", "journal", "year")}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def _braced(depth: int) -> str:
    inner = r"[^{}]*+"
    for _ in range(depth):
        inner = rf"(?:[^{{}}]++|\{{{inner}\}})*+"
    return rf"\{{{inner}\}}"


_NAME = r"[^\s\"#%'(),={}]++"
_LITERAL = rf"(?:{_braced(6)}|\"(?:[^\"{{}}]++|{_braced(5)})*+\"|\d++)"
_VALUE = rf"(?:{_LITERAL}|{_NAME})(?:\s*+#\s*+(?:{_LITERAL}|{_NAME}))*+"
_FIELD = rf"\s*+{_NAME}\s*+=\s*+{_VALUE}\s*+"
ENTRY = re.compile(rf"@\s*+\w++\s*+\{{\s*+[^\s,{{}}]++\s*+,(?P<fields>(?:{_FIELD},)*+(?:{_FIELD})?)\}}")
FIELD = re.compile(rf"\s*+(?P<name>{_NAME})\s*+=\s*+(?P<value>{_VALUE})\s*+,?")
PIECE = re.compile(rf"\s*+#?\s*+(?:{_LITERAL}|(?P<macro>{_NAME}))")
STRING = re.compile(rf"@\s*+string\s*+[{{(]\s*+({_NAME})\s*+=", re.I)


def fields_of(entry_text: str, macros: set[str]) -> set[str] | None:
    """The field names of a well-formed entry, in lower case, or None if the scanner cannot
    vouch for the entry (pybtex then decides)."""
    m = ENTRY.match(entry_text)
    if m is None or "@" in entry_text[m.end() :]:  # text after an entry is a comment, unless it holds one
        return None
    names = set()
    for name, value in FIELD.findall(m["fields"]):
        names.add(name.lower())
        if value[0] in "{\"" and "#" not in value:
            continue  # one braced or quoted value: no macro
        for piece in PIECE.finditer(value):
            if piece["macro"] and piece["macro"].lower() not in macros:
                return None  # an undefined macro: pybtex words that error
    return names


def check(bib: Bibliography) -> None:
    """Raise CitationError, naming file, line and key, on the first problem in `bib`."""
    first_seen: dict[str, int] = {}
    for entry in bib.entries:
        if entry.key.lower() in first_seen:
            raise CitationError(
                f"{bib.shown}:{entry.line}: duplicate key '{entry.key}' (first defined on line {first_seen[entry.key.lower()]})"
            )
        first_seen[entry.key.lower()] = entry.line
    macros = MONTHS | {name.lower() for name in STRING.findall(bib.macros)}
    fields = {entry.key: fields_of(entry.text, macros) for entry in bib.entries}
    if any(names is None for names in fields.values()) or not bib.entries:
        fields = check_with_pybtex(bib)
    for entry in bib.entries:
        missing = [f for f in REQUIRED_FIELDS.get(entry.kind, ()) if f not in (fields.get(entry.key) or ())]
        if missing:
            raise CitationError(f"{bib.shown}:{entry.line}: entry '{entry.key}' has no {', '.join(missing)} field")
        check_identifiers(bib, entry)


# Crossref's pattern for the DOIs it registers ("matches 74.4M of 74.9M DOIs"): a DOI goes into
# links, COinS spans and every export, so one with a quote or an angle bracket is refused.
IDENTIFIERS = {
    "doi": (re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9]+"), "a DOI (10.NNNN/ then letters, digits and -._;()/:)"),
    "pmid": (re.compile(r"[1-9][0-9]{0,9}"), "a PubMed id (digits)"),
}
IDENTIFIER_FIELD = re.compile(r"^[ \t]*(doi|pmid)[ \t]*=[ \t]*(.*?)[ \t]*,?[ \t]*$", re.I | re.M)


def check_identifiers(bib: Bibliography, entry: Entry) -> None:
    """Refuse a `doi` or `pmid` field (written on its line, as this file writes them) whose value
    is not one, naming its line and the entry."""
    for m in IDENTIFIER_FIELD.finditer(entry.text):
        name, written = m.group(1).lower(), m.group(2)
        value = written[1:-1] if written[:1] + written[-1:] in ("{}", '""') else written
        pattern, what = IDENTIFIERS[name]
        if not pattern.fullmatch(value):
            line = entry.line + entry.text.count("\n", 0, m.start())
            raise CitationError(f"{bib.shown}:{line}: entry '{entry.key}': {name} {value!r} is not {what}")


def check_with_pybtex(bib: Bibliography) -> dict[str, set[str] | None]:
    """Parse the whole file with pybtex: its message for a malformed entry, or every entry's fields."""
    try:
        data = Parser(person_fields=()).parse_string(bib.text)
    except PybtexSyntaxError as e:
        before = [entry.key for entry in bib.entries if entry.line <= e.lineno]
        where = f" in entry '{before[-1]}'" if before else ""
        raise CitationError(f"{bib.shown}:{e.lineno}: malformed BibTeX{where}: {e.args[0]}") from None
    except PybtexError as e:
        raise CitationError(f"{bib.shown}: malformed BibTeX: {e}") from None
    if not data.entries:
        raise CitationError(f"{bib.shown}: no BibTeX entries")
    scanned = {entry.key for entry in bib.entries}
    unseen = [key for key in data.entries if key not in scanned]
    if unseen:
        raise CitationError(f"{bib.shown}: entry '{unseen[0]}' must start on a line of its own")
    return {key: {name.lower() for name in entry.fields} for key, entry in data.entries.items()}
