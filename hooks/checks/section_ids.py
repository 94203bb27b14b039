"""Section ids are a published contract (tests/published_ids.txt): stop the build with an error
naming the file and line, on

- a heading h2 to h6 without an explicit id (`## Title {#id}`): the id the toc extension would
  make from its words changes when the heading is reworded;
- an id given twice on a page: a link to it lands on the first. Both may be in the page's
  Markdown (a heading, a figure's `id="..."`, a self-check block's `attrs: {id: ...}`), or one
  may be the site's own: a heading that a template or hook writes ("Cite this page", the
  teaching-links blocks) or an id of the theme.

The page title (h1) is exempt. Headings and ids inside code (fenced blocks, code spans) are
shown, not made. The Markdown gives the line numbers; the built page has every id, the site's
own included, so the collision check reads the page as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

from markdown.extensions.toc import slugify
from common.markdown_code import CODE_SPAN, code_lines
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from common.source_names import shown

# An ATX heading (Python-Markdown needs no space after the hashes), with its attribute list.
HEADING = re.compile(r"^[ \t]*(?P<hashes>#{1,6})(?!#)[ \t]*(?P<text>.*?)[ \t#]*(?:\{:?(?P<attrs>[^}]*)\})?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(?P<rule>=+|-+)[ \t]*$")
# Ids written in a page outside a heading: `id="..."` in HTML, `id: ...` in a block's attrs,
# `{#...}` or `{: #...}` in an attribute list.
OTHER_ID = re.compile(r"""(?<![\w-])id\s*=\s*["']?(?P<html>[^"'\s>]+)|\battrs:.*?\bid:\s*["']?(?P<block>[^"',}\s]+)|\{:?[^}\n]*?#(?P<attr>[^\s}]+)[^}\n]*\}""")


# Any id attribute in HTML, and words that look like one (in code, say).
ANY_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")


def attr_id(attrs: str | None) -> str | None:
    m = re.search(r"(?:^|\s)#([^\s}]+)", attrs or "")
    return m[1] if m else None


def source_ids(text: str, shown: str, slug: Callable[[str, str], str] = slugify) -> dict[str, int]:
    """Each id the page's Markdown gives, with its line; raise PluginError on a heading (h2-h6)
    without an explicit id or on an id given twice."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # front matter (hooks/checks/page_source.py checked it)
        start = next((i + 1 for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), 0)
    body = lines[start:]
    in_code = code_lines("\n".join(body))
    found: dict[str, int] = {}

    def record(anchor: str, number: int) -> None:
        if anchor in found:
            raise PluginError(f"{shown}:{number}: id '{anchor}' is already used on line {found[anchor]}")
        found[anchor] = number

    for index, (line, code) in enumerate(zip(body, in_code)):
        number = start + index + 1
        if code:
            continue
        line = CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        heading, level = HEADING.match(line), 0
        if heading and heading["text"]:
            level = len(heading["hashes"])
        elif line.strip() and not heading and index + 1 < len(body) and not in_code[index + 1] \
                and (setext := SETEXT.match(body[index + 1])) and not SETEXT.match(line):
            # "Title" over "-----" (h2) or "=====" (h1)
            heading, level = HEADING.match("# " + line), 1 if setext["rule"][0] == "=" else 2
        if heading and level:
            anchor = attr_id(heading["attrs"])
            if anchor is None and level > 1:
                text = heading["text"].strip()
                raise PluginError(
                    f"{shown}:{number}: heading '{text}' has no explicit id; write '{'#' * level} {text} {{#{slug(text, '-')}}}'"
                )
            if anchor is not None:
                record(anchor, number)
            continue
        for m in OTHER_ID.finditer(line):
            record(m["html"] or m["block"] or m["attr"], number)
    return found


class _Ids(HTMLParser):
    """Every id attribute of an HTML page, with the tag and (for a heading) the text it is on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[tuple[str, str]] = []
        self.open: list[list[str]] = []  # [id, tag, text] of headings being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if anchor:
            self.ids.append((anchor, f"<{tag}>"))
            if re.fullmatch(r"h[1-6]", tag):
                self.open.append([anchor, tag, ""])

    def handle_data(self, data: str) -> None:
        for heading in self.open:
            heading[2] += data

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][1] == tag:
            anchor, _, text = self.open.pop()
            i = max(i for i, (a, _) in enumerate(self.ids) if a == anchor)
            self.ids[i] = (anchor, f"heading '{text.replace(chr(0x2060) + chr(0xB6), '').strip()}'")


def id_holders(html: str) -> list[tuple[str, str]]:
    """(id, what holds it) for every id attribute of `html`, in order."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


def check_built_page(html: str, content: str, ids: dict[str, int], shown: str) -> None:
    """Raise PluginError if an id is on more than one element of the built page `html`, given
    `content`, its Markdown as rendered (whose ids are the page's; the others are the site's)."""
    if max(Counter(ANY_ID.findall(html)).values(), default=0) < 2:
        return  # (a page's HTML parsed takes 70 ms; this look, which may overcount, 1 ms)
    holders = id_holders(html)
    site_holders = Counter(holders) - Counter(id_holders(content))  # the theme's and the hooks'
    for anchor, n in Counter(anchor for anchor, _ in holders).items():
        if n < 2:
            continue
        on = [holder for a, holder in holders if a == anchor]
        if anchor in ids:
            # The page's Markdown gives it once (source_ids saw to that): the site gives it too.
            theirs = [holder for a, holder in site_holders if a == anchor] or on[-1:]
            raise PluginError(f"{shown}:{ids[anchor]}: id '{anchor}' is already used on this page by the site's own {theirs[0]}")
        raise PluginError(f"{shown}: id '{anchor}' is on {n} elements of the built page: {', '.join(on)}")


# Per page: the ids its Markdown gives, with their lines; its article as the Markdown renders,
# before hooks add headings of their own to it.
_ids: dict[str, dict[str, int]] = {}
_rendered: dict[str, str] = {}


@event_priority(90)  # every page's Markdown, before any is built; after hooks/checks/page_source.py
def on_files(files: Files, config: MkDocsConfig) -> Files:
    slug = config.mdx_configs.get("toc", {}).get("slugify", slugify)
    for file in files.documentation_pages():
        _ids[file.src_uri] = source_ids(file.content_string, shown(config, file.src_uri), slug)
    return files


@event_priority(-110)  # after the hooks that render the Markdown's own parts (citations, figures, link previews)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _rendered[page.file.src_uri] = html
    return html


def check_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page as the other hooks leave it: its ids, each given once."""
    where = page.file.src_uri
    check_built_page(output, _rendered.pop(where, ""), _ids.get(where, {}), shown(config, where))
    return output
