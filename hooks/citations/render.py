"""Stage 5, render: citations become superscript links to the page's reference list.

In the Markdown, each citation becomes a footnote reference, `[^key]`, which Python-Markdown
numbers in order of first citation; a locator follows it as a small marker; the bibliography
command becomes the page's footnote definitions, one per work. In the HTML, footnote
references that stand together become one superscript, as AMA prints them: `1-3`, `1,3`,
`1,2(p2625),3`. Every number stays a link, so the reference shows on hover, focus and tap; a
citation hidden inside a range keeps its id on an empty span, so the reference's back-link
still lands on the group.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from citations.find import Found
from citations.format import format_locator
from citations.read import Bibliography

LOCATOR_MARK = '<span class="citation-locator">{}</span>'


def render_markdown(
    markdown: str,
    found: Found,
    references: dict[str, str],
    label: Callable[[str], str],
    bibliography: str,
    full_bibliography: tuple[str, Bibliography],
) -> str:
    """`markdown` with its citation groups as footnote references and its bibliography
    command (`bibliography`, or the full one, which lists every entry of the file) as the
    reference list. A page that cites and has no bibliography command gets its list at the end."""
    parts, at = [], 0
    for group in found.groups:
        refs = [
            f"[^{label(c.key)}]" + (LOCATOR_MARK.format(html.escape(format_locator(c.locator))) if c.locator else "")
            for c in group.citations
        ]
        parts += [markdown[at : group.start], " ".join(refs)]
        at = group.end
    out = "".join(parts) + markdown[at:]

    def definitions(keys: list[str]) -> str:
        return "\n".join(f"[^{label(key)}]: {references[key]}" for key in keys)

    full_command, every_entry = full_bibliography
    if full_command in out:
        out = out.replace(full_command, definitions([entry.key for entry in every_entry.entries]))
    cited = found.keys()
    if bibliography in out:
        out = out.replace(bibliography, definitions(cited))
    elif cited:
        out += "\n" + definitions(cited)
    return out


_REF = r'<sup id="(?P<id>fnref\d*:[^"]+)"><a class="footnote-ref" href="(?P<href>#fn:[^"]+)">(?P<number>\d+)</a></sup>'
_LOC = r'(?:<span class="citation-locator">(?P<locator>[^<]*)</span>)?'
REF = re.compile(_REF + _LOC)
_REF_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _REF + _LOC)
RUN = re.compile(rf"{_REF_PLAIN}(?:\s*{_REF_PLAIN})*")


@dataclass(frozen=True)
class Ref:
    id: str
    href: str
    number: int
    locator: str = ""  # "(p2625)"


def consecutive_runs(numbers: list[int]) -> list[list[int]]:
    """Split sorted, distinct numbers into runs of consecutive ones."""
    return [[n for _, n in run] for _, run in groupby(enumerate(numbers), lambda p: p[1] - p[0])]


def render_group(refs: list[Ref]) -> str:
    """One superscript for citations that stand together: numbers in order, a run of three
    or more as a range, a located citation on its own with its locator."""
    by_place: dict[tuple[int, str], list[Ref]] = {}
    for ref in refs:
        by_place.setdefault((ref.number, ref.locator), []).append(ref)

    def spans(refs: list[Ref]) -> str:
        return "".join(f'<span id="{ref.id}"></span>' for ref in refs)

    def link(place: tuple[int, str]) -> str:
        first, *others = by_place[place]
        return f'<a id="{first.id}" class="footnote-ref" href="{first.href}">{place[0]}</a>{html.escape(place[1])}{spans(others)}'

    parts = []
    places = sorted(by_place)
    for located, same in groupby(places, lambda place: bool(place[1])):
        if located:
            parts += [link(place) for place in same]
            continue
        for run in consecutive_runs([number for number, _ in same]):
            if len(run) >= 3:
                middle = "".join(spans(by_place[(n, "")]) for n in run[1:-1])
                parts.append(link((run[0], "")) + middle + "-" + link((run[-1], "")))
            else:
                parts.append(",".join(link((n, "")) for n in run))
    return '<sup class="citation-group">' + ",".join(parts) + "</sup>"


def compact(html_text: str) -> str:
    """Rewrite every group of adjacent citations, and every located citation, in `html_text`."""

    def replace(match: re.Match[str]) -> str:
        refs = [Ref(m["id"], m["href"], int(m["number"]), html.unescape(m["locator"] or "")) for m in REF.finditer(match.group(0))]
        if len(refs) == 1:
            ref = refs[0]
            if not ref.locator:
                return match.group(0)
            return f'<sup id="{ref.id}"><a class="footnote-ref" href="{ref.href}">{ref.number}</a>{html.escape(ref.locator)}</sup>'
        return render_group(refs)

    return RUN.sub(replace, html_text)
