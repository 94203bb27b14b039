"""Stage 5, render: citations become superscript links to the page's reference list.

Python-Markdown never sees a citation. `render_markdown` puts a marker where each citation
stands (a private-use character and a number), and a marker paragraph where the reference list
goes; Markdown carries them through as plain text. After it, `render_html` writes each
citation and the list as Python-Markdown's footnotes extension writes footnotes, with its
default settings: the number of a work is its place in the list (works in order of first
citation), each citation of it gets the id `fnref:key`, `fnref2:key`, ... in reading order,
and its list entry one back-link, to the first (site.js points it at the citation a reader
followed; one arrow per citation cost the CAR T page about 480 bytes of its first load). This costs a fraction of footnotes: Python-Markdown
spent more time on 10 footnotes than on the rest of a short page.

Citations that stand together (markers with only spaces between them) become one superscript,
as AMA prints them: `1-3`, `1,3`, `1,2(p2625),3`. Every number stays a link, so the reference shows
on hover, focus and tap; a citation hidden inside a range keeps its id on an empty span, so
the reference's back-link still lands on the group.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import groupby

from citations import CitationError
from citations.find import Found
from citations.format import format_locator
from citations.read import Bibliography
from common.markdown_code import CODE_SPAN, code_lines

CITE, LIST = "\ue020{}\ue021", "\ue022{}\ue023"  # markers: a citation, a reference list
CITE_MARK = re.compile("\ue020(\\d+)\ue021")
LIST_MARK = re.compile("<p>\ue022(\\d+)\ue023</p>")
ANY_MARK = re.compile("[\ue020-\ue023]")
LIST_MARK_ANYWHERE = re.compile("\ue022(\\d+)\ue023")
MARK_IN_TAG = re.compile("<[^<>]*\ue020(\\d+)\ue021")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
CITE_RUN = re.compile("\ue020\\d+\ue021(?:\\s*\ue020\\d+\ue021)*")


@dataclass
class Plan:
    """What `render_markdown` left for `render_html` on one page."""

    citations: list[tuple[str, str, int]] = field(default_factory=list)  # (key, locator as printed: "(p5)" or "", line)
    lists: list[tuple[list[str], int]] = field(default_factory=list)  # the keys of each reference list, its line

    def keys(self) -> list[str]:
        """Every key the page shows, in list order: a work's number is its place here, from 1."""
        return list(dict.fromkeys(key for keys, _ in self.lists for key in keys))


def footnote_line(markdown: str) -> int | None:
    """The line of the first footnote (`[^note]`) outside code, if there is one."""
    for number, (line, in_code) in enumerate(zip(markdown.split("\n"), code_lines(markdown)), start=1):
        if not in_code and FOOTNOTE.search(CODE_SPAN.sub("", line)):
            return number
    return None


def render_markdown(
    markdown: str, found: Found, bibliography: str, full_bibliography: tuple[str, Bibliography], offset: int = 0
) -> tuple[str, Plan]:
    """`markdown` with a marker for each citation and one for the reference list, which takes
    the place of the bibliography command (`bibliography`, or the full one, which lists every
    entry of the file); a page that cites and has no command gets its list at the end.
    CitationError ("line: what") for what cannot be written so; `offset` is the number of lines
    of the page's file above `markdown` (its front matter), so that lines are the file's."""
    reserved = ANY_MARK.search(markdown)
    if reserved:
        raise CitationError(f"{offset + markdown.count(chr(10), 0, reserved.start()) + 1}: holds the private-use character "
                            f"U+{ord(reserved.group(0)):04X}, which the build reserves")
    line = footnote_line(markdown) if found.groups else None
    if line:
        raise CitationError(f"{offset + line}: a page with citations cannot also have footnotes ([^note]): both would be "
                            "numbered from 1; write the note in the text")
    plan = Plan()
    parts, at = [], 0
    for group in found.groups:
        marks = []
        for c in group.citations:
            marks.append(CITE.format(len(plan.citations)))
            plan.citations.append((c.key, format_locator(c.locator) if c.locator else "", offset + group.line))
        parts += [markdown[at : group.start], " ".join(marks)]
        at = group.end
    out = "".join(parts) + markdown[at:]

    def reference_list(text: str, command: str, keys: list[str]) -> str:
        at = text.index(command)
        plan.lists.append((keys, offset + text.count("\n", 0, at) + 1))
        return text[:at] + LIST.format(len(plan.lists) - 1) + text[at + len(command) :]

    full_command, every_entry = full_bibliography
    if full_command in out:
        out = reference_list(out, full_command, [entry.key for entry in every_entry.entries])
    cited = found.keys()
    if bibliography in out:
        out = reference_list(out, bibliography, cited)
    elif cited and not plan.lists:
        out = reference_list(out + "\n\n" + bibliography + "\n", bibliography, cited)
    return out, plan


def without_markers(text: str) -> str:
    """`text` (a heading's entry in the page's table of contents) without citation markers."""
    return CITE_MARK.sub("", text)


def render_html(
    page_html: str, plan: Plan, references: Mapping[str, str], label: Callable[[str], str],
    after_list: Callable[[int], str] = lambda number: "",
) -> str:
    """`page_html` with its markers replaced: each citation by a superscript link to its
    reference, each list marker by the list, each reference given as HTML by `references`;
    `after_list` gives what follows the n-th list of the page (from 1), inside its block."""
    in_tag = MARK_IN_TAG.search(page_html)
    if in_tag:
        key, _, line = plan.citations[int(in_tag.group(1))]
        raise CitationError(f"{line}: citation [@{key}] stands where no link can (an image's alt text, a title); "
                            "put it in the sentence")
    number = {key: n for n, key in enumerate(plan.keys(), start=1)}
    seen: dict[str, int] = {}

    def citations(match: re.Match[str]) -> str:
        refs = []
        for index in CITE_MARK.findall(match.group(0)):
            key, locator, _ = plan.citations[int(index)]
            seen[key] = seen.get(key, 0) + 1
            nth = "" if seen[key] == 1 else str(seen[key])
            name = html.escape(label(key))
            refs.append(Ref(f"fnref{nth}:{name}", f"#fn:{name}", number[key], locator))
        return render_run(refs)

    def entry(key: str) -> str:
        name, n = html.escape(label(key)), number[key]
        backlink = f'<a class="footnote-backref" href="#fnref:{name}" title="Jump back to footnote {n} in the text">&#8617;</a>'
        return f'<li id="fn:{name}">\n<p>{references[key]}&#160;{backlink}</p>\n</li>\n'

    def reference_list(match: re.Match[str]) -> str:
        number = int(match.group(1))
        entries = "".join(entry(key) for key in plan.lists[number][0])
        return f'<div class="footnote">\n<hr />\n<ol>\n{entries}</ol>\n{after_list(number + 1)}</div>'

    out = LIST_MARK.sub(reference_list, CITE_RUN.sub(citations, page_html))
    left = LIST_MARK_ANYWHERE.search(out)
    if left:
        raise CitationError(f"{plan.lists[int(left.group(1))][1]}: the bibliography command must stand alone on its line")
    return out


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


def render_run(refs: list[Ref]) -> str:
    """Citations that stand together, in reading order: one as the footnotes extension writes
    it (its locator inside the superscript), more as one group."""
    if len(refs) > 1:
        return render_group(refs)
    ref = refs[0]
    return f'<sup id="{ref.id}"><a class="footnote-ref" href="{ref.href}">{ref.number}</a>{html.escape(ref.locator)}</sup>'
