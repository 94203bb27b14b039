"""Stage 3, find: the citations of a page, in pandoc's citation syntax.

- A citation group is `[...]` holding one or more citations separated by `;`. A citation is
  `@key`, optionally followed by a locator: `[@jain2021, p. 2625]`, `[@a; @b, fig. 2]`.
- A key begins with a letter, a digit or `_` and may hold alphanumerics, `_` and internal
  punctuation `:.#$%&-+?<>~/`, as BibDesk, Zotero and JabRef export them (`Jain:2021ab`,
  `jain.2021`); `@{any key}` takes any other.
- A locator is one of pandoc's locator terms (`p.`, `pp.`, `fig.`, `table`, `chap.`, `sec.`, ...)
  and a value, or a value alone (a page): `p. 2625`, `pp. 2625-2627`, `fig. 2a`, `12-14`,
  `{iv-vi}`. Anything else around a key is a prefix or a suffix, which a superscript number
  cannot show.
- `@key` outside brackets is pandoc's in-text citation; it is reported when the key is in the
  bibliography (an e-mail address or a handle is left alone).

Text inside code (fenced blocks, inline code) is not searched: a citation shown there stays
literal.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from common.markdown_code import mask_code_citations

KEY = r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*"
CITE = re.compile(rf"(?<![\w\\])-?@(?:\{{(?P<braced>[^{{}}]+)\}}|(?P<key>{KEY}))")
GROUP = re.compile(r"(?<![\\!])\[(?P<body>[^\[\]\n]*)\](?![(:])")  # not a link
UNCLOSED = re.compile(r"\[[^\[\]]*@[^\]]*$")
IN_TEXT_LOCATOR = re.compile(r"[ \t]*\[(?P<locator>[^\[\]\n@]*)\]")

# Pandoc's locator terms (CSL's English terms, long and short, singular and plural), each
# naming the canonical term that format.py labels.
TERMS = {
    "book": "book", "books": "book", "bk.": "book", "bks.": "book",
    "chapter": "chapter", "chapters": "chapter", "chap.": "chapter", "chaps.": "chapter",
    "column": "column", "columns": "column", "col.": "column", "cols.": "column",
    "figure": "figure", "figures": "figure", "fig.": "figure", "figs.": "figure",
    "folio": "folio", "folios": "folio", "fol.": "folio", "fols.": "folio",
    "line": "line", "lines": "line", "l.": "line", "ll.": "line",
    "note": "note", "notes": "note", "n.": "note", "nn.": "note",
    "number": "number", "numbers": "number", "no.": "number", "nos.": "number",
    "opus": "opus", "opera": "opus", "op.": "opus", "opp.": "opus",
    "page": "page", "pages": "page", "p.": "page", "pp.": "page",
    "paragraph": "paragraph", "paragraphs": "paragraph", "para.": "paragraph", "paras.": "paragraph",
    "¶": "paragraph", "¶¶": "paragraph",
    "part": "part", "parts": "part", "pt.": "part", "pts.": "part",
    "section": "section", "sections": "section", "sec.": "section", "secs.": "section",
    "§": "section", "§§": "section",
    "sub verbo": "sub verbo", "sub verbis": "sub verbo", "s.v.": "sub verbo", "s.vv.": "sub verbo",
    "table": "table", "tables": "table", "tbl.": "table", "tbls.": "table",
    "verse": "verse", "verses": "verse", "v.": "verse", "vv.": "verse",
    "volume": "volume", "volumes": "volume", "vol.": "volume", "vols.": "volume",
}
_TERM = "|".join(re.escape(term) for term in sorted(TERMS, key=len, reverse=True))
# A locator value: words holding a digit, or roman numerals, joined by ranges and lists.
_WORD = r"(?:[\w.:/]*\d[\w.:/]*|(?i:[ivxlcdm]+)(?!\w))"
LOCATOR = re.compile(
    rf"(?i:(?P<term>{_TERM})(?:(?<=\.)|(?<=[¶§])|\s)\s*)?"
    rf"(?:\{{(?P<braced>[^{{}}]*)\}}|(?P<value>{_WORD}(?:\s*[-–—&,]\s*{_WORD})*))"
)


@dataclass(frozen=True)
class Locator:
    term: str | None  # canonical term ("page", "figure", ...), None for a braced value alone
    value: str  # as written
    text: str  # the whole locator as written: "p. 2625"


@dataclass(frozen=True)
class Citation:
    key: str
    locator: Locator | None = None
    prefix: str = ""  # words before the key, which cannot be printed
    suffix: str = ""  # words after the key that are not a locator, which cannot be printed

    def written(self) -> str:
        """The citation as it can be printed: key and locator."""
        return f"@{self.key}" + (f", {self.locator.text}" if self.locator else "")


@dataclass(frozen=True)
class Group:
    """`[...]` holding citations: where it is in the text it was found in, and what it holds."""

    line: int  # from 1
    start: int  # offsets in the text
    end: int
    text: str  # as written, brackets included
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class InText:
    """`@key` outside brackets, with the `[locator]` that may follow it."""

    line: int
    key: str
    locator: str | None


@dataclass(frozen=True)
class Found:
    groups: list[Group]
    in_text: list[InText]
    unclosed: list[int]  # lines with a `[@` that is not closed on that line

    def keys(self) -> list[str]:
        """Every cited key, in order of first citation."""
        return list(dict.fromkeys(c.key for g in self.groups for c in g.citations))


def parse_locator(text: str) -> tuple[Locator | None, str]:
    """The locator at the start of `text` (what follows a key), and the rest."""
    text = text.strip()
    m = LOCATOR.match(text)
    if not m:
        return None, text
    term = TERMS[m["term"].lower()] if m["term"] else None
    if m["braced"] is not None:
        return Locator(term, m["braced"], m.group(0)), text[m.end() :].strip()
    return Locator(term or "page", m["value"], m.group(0)), text[m.end() :].strip()


def cited_key(m: re.Match[str]) -> str:
    """The key of a CITE match: `@key`, or `@{any key}`."""
    return m["braced"] if m["braced"] is not None else m["key"]


def parse_citation(item: str) -> Citation | None:
    """One `;`-separated item of a group, or None if it holds no key."""
    m = CITE.search(item)
    if not m:
        return None
    key = cited_key(m)
    after = item[m.end() :]
    rest = after.strip()
    locator = None
    if rest.startswith(","):
        locator, rest = parse_locator(rest[1:])
        if locator is None:
            rest = after.strip()
    elif rest:
        locator, rest = parse_locator(rest)
    return Citation(key, locator, item[: m.start()].strip(), rest.lstrip(", "))


def parse_group(body: str) -> tuple[Citation, ...] | None:
    """The citations of a bracket's text, or None if it is not a citation group."""
    if "@" not in body:
        return None
    parts = body.split(";")
    items = [parse_citation(part) for part in parts]
    if all(item is None for item in items):
        return None  # an e-mail address or a handle in brackets
    return tuple(item if item is not None else Citation("", prefix=part.strip()) for item, part in zip(items, parts))


def find(markdown: str) -> Found:
    """The citations of a Markdown page; a ValueError if the page holds the reserved character."""
    masked = mask_code_citations(markdown)
    groups, in_text, unclosed = [], [], []
    offset = 0
    for number, line in enumerate(masked.split("\n"), start=1):
        covered = []
        for m in GROUP.finditer(line):
            citations = parse_group(m["body"])
            if citations is not None:
                groups.append(Group(number, offset + m.start(), offset + m.end(), m.group(0), citations))
                covered.append((m.start(), m.end()))
        rest = line
        for start, end in covered:
            rest = rest[:start] + " " * (end - start) + rest[end:]
        if UNCLOSED.search(rest):
            unclosed.append(number)
        for m in CITE.finditer(rest):
            after = IN_TEXT_LOCATOR.match(rest, m.end())
            in_text.append(InText(number, cited_key(m), after["locator"].strip() if after else None))
        offset += len(line) + 1
    return Found(groups, in_text, unclosed)


def closest(key: str, known: set[str]) -> str | None:
    """The known key an author most likely meant: the same in another case, or a near spelling."""
    by_lower = {k.lower(): k for k in known}
    near = difflib.get_close_matches(key.lower(), by_lower, n=1, cutoff=0.7)
    return by_lower[near[0]] if near else None


def problems(found: Found, known: set[str], bib_shown: str) -> list[tuple[int, str]]:
    """(line, message) for everything in a page that cannot be printed as a citation."""
    found_problems = [(line, "citation '[@' is not closed on the same line") for line in found.unclosed]
    for group in found.groups:
        for citation in group.citations:
            if not citation.key:
                found_problems.append((group.line, (
                    f"citation {group.text} has a part without a key ('{citation.prefix}'); "
                    "put the words in the sentence"
                )))
            elif citation.key not in known:
                hint = closest(citation.key, known)
                found_problems.append((group.line, f"unknown citation key '{citation.key}' (not in {bib_shown})"
                                       + (f"; did you mean '{hint}'?" if hint else "")))
            elif citation.prefix or citation.suffix:
                words, where = (citation.prefix, "before") if citation.prefix else (citation.suffix, "after")
                found_problems.append((group.line, (
                    f"citation {group.text} has words {where} the key ('{words}'), which a superscript number "
                    f"cannot show; put them in the sentence and write [{citation.written()}]"
                )))
    for mention in found.in_text:
        if mention.key in known:
            fix = f"[@{mention.key}" + (f", {mention.locator}]" if mention.locator else "]")
            found_problems.append((mention.line, f"'@{mention.key}' outside brackets would be printed as text; write {fix}"))
    return sorted(found_problems, key=lambda problem: problem[0])
