"""What one search result holds: never the answer to a self-check question, and in a section
marked for it, one list item or table row each.

Material's search plugin makes one result of each section, from its heading to the next. This
hook changes what it reads, with the plugin's own `data-search-exclude`, before it reads it:

- Every self-check question (a `div.self-check` around a details block, hooks/sharing/section_links.py)
  keeps its question (the summary) in the index and leaves its answer out: a search would
  otherwise print the answer in its result.
- A section whose heading carries `data-search-by-item` (`## Corrections {#corrections
  data-search-by-item}`) is indexed item by item: each item of its lists, each body row of its
  tables, is its own result, at its own address, instead of one block thousands of characters
  long. An item keeps the id it has (the glossary's rows have theirs, hooks/markup/glossary.py); one
  without gets the section's id and its number, counted from 1 in reading order
  (`corrections-1`), which holds while new items are added at the end, as a log adds them. A list
  item's result is titled by the bold words it opens with (a log entry's date and what it
  concerns), a row's by its first cell. The section keeps its other text as its own result.

The items' results are written into search/search_index.json after the plugin writes it,
each after its section's, formatted by the plugin's own HTML reader, as the plugin formats
every result.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import Parser
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from common.source_names import shown

INDEX = "search/search_index.json"
MARK = "data-search-by-item"
EXCLUDE = 'data-search-exclude="{}"'  # the plugin reads it, then strips it from the page (valued attributes only)
# A start or end tag (its attributes may hold ">" inside quotes), or a comment.
TAG = re.compile(r"""<!--.*?-->|<(?P<end>/)?(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
HEADING = re.compile(r"<h(?P<level>[1-6])(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</h(?P=level)>", re.S)
SECTION_START = re.compile(r"<h[1-6]\s[^>]*\bid=", re.S)  # where the plugin starts a new result
ID = re.compile(r"""\sid=["']?(?P<id>[^"'\s>]+)""")
QUESTION = re.compile(
    r'<div (?=[^>]*\bclass="self-check")(?=[^>]*\bid="(?P<id>[^"]+)")[^>]*>\s*<details\b[^>]*>\s*<summary\b.*?</summary>(?P<answer>.*?)</details>',
    re.S,
)


@dataclass(frozen=True)
class Element:
    """An element of an HTML text, by its offsets in the text."""

    name: str
    start: int  # of its start tag
    inner_start: int  # after its start tag
    inner_end: int  # at its end tag
    end: int  # after its end tag


def elements(text: str, start: int = 0, end: int | None = None) -> tuple[list[Element], str]:
    """The top-level elements of `text[start:end]` (HTML as Python-Markdown writes it, every
    element closed), at their offsets in `text`, and the text that stands outside them."""
    end = len(text) if end is None else end
    found: list[Element] = []
    loose: list[str] = []
    depth, opened, last = 0, ("", 0, 0), start
    for m in TAG.finditer(text, start, end):
        if depth == 0:
            loose.append(text[last:m.start()])
        last = m.end()
        if m.group(0).startswith("<!--"):
            continue
        name = m["name"].lower()
        if m["end"]:
            depth -= 1
            if depth == 0:
                found.append(Element(opened[0], opened[1], opened[2], m.start(), m.end()))
        elif name in VOID or m["attrs"].rstrip().endswith("/"):
            if depth == 0:
                found.append(Element(name, m.start(), m.end(), m.end(), m.end()))
        else:
            if depth == 0:
                opened = (name, m.start(), m.end())
            depth += 1
    if depth == 0:
        loose.append(text[last:end])
    return found, html.unescape(TAG.sub("", "".join(loose))).strip()


def children(text: str, element: Element) -> list[Element]:
    return elements(text, element.inner_start, element.inner_end)[0]


def with_attributes(text: str, at: list[tuple[Element, str]]) -> str:
    """`text` with each attribute written into the start tag of its element."""
    for element, attribute in sorted(at, key=lambda pair: pair[0].start, reverse=True):
        cut = element.start + 1 + len(element.name)
        text = text[:cut] + " " + attribute + text[cut:]
    return text


def answers_left_out(page_html: str, where: str) -> str:
    """`page_html` with each element of each self-check answer marked for the plugin to skip."""

    def mark(m: re.Match[str]) -> str:
        question = m.group(0)
        start, end = m.start("answer") - m.start(), m.end("answer") - m.start()
        parts, loose = elements(question, start, end)
        if loose:
            raise PluginError(
                f"{where}: the answer to self-check question #{m['id']} has text outside a paragraph ({loose[:40]!r}); search would show it"
            )
        return with_attributes(question, [(part, EXCLUDE.format("answer")) for part in parts])

    return QUESTION.sub(mark, page_html)


def indexed(title_html: str, text_html: str) -> tuple[str, str]:
    """Title and text as the search plugin writes a section's, for a heading and what follows it."""
    parser = Parser()
    parser.feed(f'<h2 id="entry">{title_html}</h2>{text_html}')
    parser.close()
    section = parser.data[-1]
    return "".join(section.title).strip(), "".join(section.text).strip()


def inner(text: str, element: Element) -> str:
    return text[element.inner_start:element.inner_end]


def item_result(text: str, item: Element, where: str, section: str) -> tuple[str, str]:
    """Title and text of a list item (titled by the bold words it opens with) or a table row
    (titled by its first cell)."""
    if item.name == "tr":
        cells = children(text, item)
        return indexed(inner(text, cells[0]), " ".join(inner(text, cell) for cell in cells[1:]))
    lead = item  # the bold words, in the item or in its first paragraph
    while True:
        parts = children(text, lead)
        first = parts[0] if parts and not text[lead.inner_start:parts[0].start].strip() else None
        if first is None or first.name != "p":
            break
        lead = first
    if first is None or first.name != "strong":
        words = html.unescape(TAG.sub("", inner(text, item))).split()
        raise PluginError(f"{where}: an item of #{section} ('{' '.join(words[:6])} …') must open with bold words, its title in search")
    return indexed(inner(text, first), text[item.inner_start:first.start] + text[first.end:item.inner_end])


def items(body: str) -> list[Element]:
    """Each item of the top-level lists of `body` and each body row of its tables."""
    found: list[Element] = []
    for top in elements(body)[0]:
        if top.name in ("ul", "ol"):
            found += [li for li in children(body, top) if li.name == "li"]
        elif top.name == "table":
            for part in children(body, top):
                if part.name == "tbody":
                    found += [tr for tr in children(body, part) if tr.name == "tr"]
    return found


def split_sections(page_html: str, location: str, where: str) -> tuple[str, dict[str, list[dict[str, str]]]]:
    """`page_html` with each item of each section marked `data-search-by-item` given an id and
    left out of its section's result; and each item's own result, by its section's address."""
    results: dict[str, list[dict[str, str]]] = {}
    out, last = [], 0
    for heading in HEADING.finditer(page_html):
        mark = re.search(rf"\s{MARK}(?:=\"[^\"]*\")?(?=[\s/]|$)", heading["attrs"])
        if not mark:
            continue
        section = ID.search(heading["attrs"])
        if not section:
            raise PluginError(f"{where}: a heading marked {MARK} needs an id ({heading['inner'][:40]!r})")
        following = SECTION_START.search(page_html, heading.end())
        body_end = following.start() if following else len(page_html)
        body = page_html[heading.end():body_end]
        found = items(body)
        if not found:
            raise PluginError(f"{where}: #{section['id']} is marked {MARK} but holds no list or table")
        edits, entries = [], []
        for number, item in enumerate(found, start=1):
            own = ID.search(body[item.start:item.inner_start])
            anchor = own["id"] if own else f"{section['id']}-{number}"
            edits.append((item, " ".join(([] if own else [f'id="{anchor}"']) + [EXCLUDE.format("item")])))
            title, text = item_result(body, item, where, section["id"])
            entries.append({"location": f"{location}#{anchor}", "title": title, "text": text})
        cut = heading.start("attrs") + mark.start() - heading.start()
        heading_html = heading.group(0)[:cut] + heading.group(0)[cut + len(mark.group(0)):]
        out += [page_html[last:heading.start()], heading_html, with_attributes(body, edits)]
        last = body_end
        results[f"{location}#{section['id']}"] = entries
    out.append(page_html[last:])
    return "".join(out), results


# Per page (its address): each marked section's items' results, by the section's address.
_results: dict[str, dict[str, list[dict[str, str]]]] = {}


@event_priority(-20)  # after the hooks that write the page's parts (hooks/markup/glossary.py gives its rows ids at -10)
def on_page_content(page_html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = shown(config, page.file.src_uri)
    page_html, _results[page.url] = split_sections(answers_left_out(page_html, where), page.url, where)
    return page_html


def with_items(index: dict[str, Any], results: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    """`index` (the search plugin's) with each item's result after its section's. An item's
    title is its own first words, not a heading: its result is boosted down by as much as the
    plugin boosts a title over text, so that a glossary term or a log entry's first words count
    as a word of a section's text does, and the section that teaches a term comes first."""
    fields = index["config"]["fields"]
    weight = fields["text"]["boost"] / fields["title"]["boost"]
    docs: list[dict[str, Any]] = []
    placed = set()
    for doc in index["docs"]:
        docs.append(doc)
        for entry in results.get(doc["location"], []):
            docs.append({**entry, "boost": doc.get("boost", 1) * weight})
        placed.add(doc["location"])
    missing = sorted(set(results) - placed)
    if missing:
        raise PluginError(f"{INDEX}: the sections {', '.join(missing)} are marked {MARK} but are not in the index (excluded from search?)")
    return {**index, "docs": docs}


def add_to_index(config: MkDocsConfig) -> None:
    """After the search plugin writes the index; before hooks/search/variants.py adds variants
    (the order is hooks/output/hook.py's)."""
    index = Path(config.site_dir) / INDEX
    if not index.is_file():
        raise PluginError(f"{INDEX} was not written: the search plugin must stay enabled in mkdocs.yml")
    results = {section: entries for page in _results.values() for section, entries in page.items()}
    data = with_items(json.loads(index.read_text(encoding="utf-8")), results)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
