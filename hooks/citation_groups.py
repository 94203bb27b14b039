"""Render a group of citations as one compact superscript, as AMA does.

mkdocs-bibtex turns `[@a; @b; @c]` into three footnote references, which
Python-Markdown renders as three superscripts separated by spaces ("1 2 3").
This hook joins footnote references that stand next to each other into one
superscript, in numeric order, with commas and no spaces, and a hyphen for a
run of three or more ("1,3" and "4-6"). Every number shown stays a
footnote link, so the reference tooltip works on each; a citation hidden inside
a range keeps its id on an empty span, so the reference's back-link still
lands on the group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_REF = r'<sup id="fnref\d*:[^"]+"><a class="footnote-ref" href="#fn:[^"]+">\d+</a></sup>'
GROUP = re.compile(rf"{_REF}(?:\s*{_REF})+")
REF = re.compile(r'<sup id="(?P<id>[^"]+)"><a class="footnote-ref" href="(?P<href>[^"]+)">(?P<number>\d+)</a></sup>')


@dataclass(frozen=True)
class Ref:
    id: str
    href: str
    number: int


def consecutive_runs(numbers: list[int]) -> list[list[int]]:
    """Split sorted, distinct numbers into runs of consecutive ones."""
    return [[n for _, n in run] for _, run in groupby(enumerate(numbers), lambda p: p[1] - p[0])]


def render_group(refs: list[Ref]) -> str:
    by_number: dict[int, list[Ref]] = {}
    for ref in refs:
        by_number.setdefault(ref.number, []).append(ref)

    def spans(refs: list[Ref]) -> str:
        return "".join(f'<span id="{ref.id}"></span>' for ref in refs)

    def link(number: int) -> str:
        first, *others = by_number[number]
        return f'<a id="{first.id}" class="footnote-ref" href="{first.href}">{number}</a>{spans(others)}'

    parts = []
    for run in consecutive_runs(sorted(by_number)):
        if len(run) >= 3:
            parts.append(link(run[0]) + "".join(spans(by_number[n]) for n in run[1:-1]) + "-" + link(run[-1]))
        else:
            parts.append(",".join(link(n) for n in run))
    return '<sup class="citation-group">' + ",".join(parts) + "</sup>"


def compact_citations(html: str) -> str:
    """Rewrite every group of adjacent footnote references in `html`."""

    def replace(match: re.Match[str]) -> str:
        refs = [Ref(m["id"], m["href"], int(m["number"])) for m in REF.finditer(match.group(0))]
        return render_group(refs)

    return GROUP.sub(replace, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return compact_citations(html)
