"""Drop the theme stylesheets' rules for classes, colours, elements and a text direction the site
never uses (the site's own stylesheet is minified by hooks/output/minify.py).

Material's stylesheets style every feature it offers (content tabs, cards, annotations, blog,
tags, ...), every colour of its palette, elements this site never writes (kbd, iframe, video,
h4 ...) and right-to-left text; this site uses a few. After the build, this hook removes each
rule each of whose comma-separated selectors names a class, a `data-md-color-*` value or an
element that appears as a word in no built page and in no script of the site (the theme's
script adds classes and elements of its own at run time, and those appear in it as words), or
a `[dir=...]` value that no page's `dir` attribute has (the theme's script only reads `dir`).
Then each custom property (`--md-admonition-icon--bug: url("data:...")`) that is read nowhere
goes: named in no `var()` of the stylesheet as it is left, and as a word in no page, script or
other stylesheet of the site (Material declares icons and colours for every feature, most of
them data URIs). Rules without any of these, at-rules and everything else are kept exactly as
written; the source-map comment goes, as the map no longer matches. Each
stylesheet keeps its name; the pages' links to it get `?v=` and a hash of its new content, so a
browser never pairs a page with a stale copy.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from tinycss2.ast import AtRule, Comment, Node, QualifiedRule

STYLESHEETS = ("main", "palette")
CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)|\[data-md-color-[a-z]+=[\"']?([_a-zA-Z0-9-]+)")
# An element (type selector): at the start of a compound selector, after a combinator or "(".
ELEMENT = re.compile(r"(?:^|[\s>+~(])([a-z][a-z0-9]*)(?=[\s.#\[:>+~),]|$)")
DIRECTION = re.compile(r"\[dir=[\"']?([a-z]+)[\"']?\]")
DIR_ATTRIBUTE = re.compile(r"<[^>]*\sdir=[\"']?([a-z]+)", re.I)
# What a selector names only to exclude it (`:not(.x)`, `:not(kbd)` match more without it) or
# counts with (`:nth-child(odd)`): no reason to drop the rule, so it is not looked at.
NOT_REQUIRED = re.compile(r":(?:not|nth-[a-z-]+)\((?:[^()]|\([^()]*\))*\)")
WORD = re.compile(r"[_a-zA-Z][_a-zA-Z0-9-]*")
CUSTOM_PROPERTY = re.compile(r"(?<=[{;])--([_a-zA-Z0-9-]+)\s*:")
VAR = re.compile(r"var\(\s*--([_a-zA-Z0-9-]+)")


def used(selector: str, words: set[str], directions: set[str] = frozenset({"ltr", "rtl"})) -> bool:
    """Whether any comma-separated part of `selector` names only classes and elements in
    `words` and only directions in `directions` (outside `:not()` and `:nth-*()`)."""
    return any(
        all(c in words for m in CLASS.findall(part) for c in m if c)
        and all(e in words for e in ELEMENT.findall(part.strip()))
        and all(d in directions for d in DIRECTION.findall(part))
        for part in NOT_REQUIRED.sub("", selector).split(",")
    )


class Source:
    """A stylesheet's text, and where each tinycss2 node starts in it."""

    def __init__(self, css: str) -> None:
        self.css = css
        self.line_starts = [0] + [i + 1 for i, c in enumerate(css) if c == "\n"]

    def start(self, node: Node) -> int:
        return self.line_starts[int(node.source_line) - 1] + int(node.source_column) - 1

    def pruned(self, nodes: list[Node], end: int, words: set[str], directions: set[str]) -> str:
        """The text from the first of `nodes` to `end`, less the rules nobody uses; what is
        kept is copied as written."""
        out = []
        for i, node in enumerate(nodes):
            start = self.start(node)
            stop = self.start(nodes[i + 1]) if i + 1 < len(nodes) else end
            text = self.css[start:stop]
            if isinstance(node, QualifiedRule) and not used(tinycss2.serialize(node.prelude), words, directions):
                continue
            if isinstance(node, Comment) and "sourceMappingURL" in node.value:
                continue
            if isinstance(node, AtRule) and node.content and node.lower_at_keyword in ("media", "supports", "layer"):
                opening = self.css.index("{", start) + 1
                closing = self.css.rindex("}", start, stop)
                inner = tinycss2.parse_rule_list(node.content)
                text = self.css[start:opening] + self.pruned(inner, closing, words, directions) + self.css[closing:stop]
            out.append(text)
        return "".join(out)


@functools.lru_cache(maxsize=4)  # `mkdocs serve` keeps this module: a rebuild skips the parse
def parsed(css: str) -> list[Node]:
    nodes: list[Node] = tinycss2.parse_stylesheet(css)
    return nodes


def purge(css: str, words: set[str], directions: set[str] = frozenset({"ltr", "rtl"})) -> str:
    return Source(css).pruned(parsed(css), len(css), words, directions)


def declaration_end(css: str, start: int) -> int:
    """Where the declaration that begins at `start` ends: its `;` or its block's `}`, outside
    strings and brackets."""
    depth, quote, i = 0, "", start
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in ";}":
            return i
        i += 1
    return i


def without_unread_properties(css: str, words: set[str]) -> str:
    """`css` less each custom property declaration whose name is neither in `words` nor read by
    a `var()` of what is left; again until none goes (a property read only by one that went)."""
    while True:
        read = words | set(VAR.findall(css))
        out, last = [], 0
        for m in CUSTOM_PROPERTY.finditer(css):
            if m.start() < last or m[1] in read:
                continue
            end = declaration_end(css, m.end())
            out.append(css[last:m.start()])
            last = end + 1 if end < len(css) and css[end] == ";" else end
        if not out:
            return css
        css = "".join(out) + css[last:]


def prune(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    scripts = sorted(site.glob("assets/javascripts/**/*.js"))
    words = {w for path in [*pages, *scripts] for w in WORD.findall(path.read_text(encoding="utf-8"))}
    directions = {d.lower() for path in pages for d in DIR_ATTRIBUTE.findall(path.read_text(encoding="utf-8"))}
    for name in STYLESHEETS:
        found = list(site.glob(f"assets/stylesheets/{name}.*.min.css"))
        if len(found) != 1:
            raise PluginError(f"unused_css: expected one theme stylesheet assets/stylesheets/{name}.<hash>.min.css")
        stylesheet = found[0]
        others = [path for path in sorted(site.glob("assets/stylesheets/*.css")) if path != stylesheet]
        read = words | {w for path in others for w in WORD.findall(path.read_text(encoding="utf-8"))}
        css = without_unread_properties(purge(stylesheet.read_text(encoding="utf-8"), words, directions), read)
        stylesheet.write_text(css, encoding="utf-8")
        version = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
        for page in pages:
            html = page.read_text(encoding="utf-8")
            page.write_text(html.replace(f'{stylesheet.name}"', f'{stylesheet.name}?v={version}"'), encoding="utf-8")
