"""Stage 5, render (its second half): the Markdown of each reference is made into HTML once,
not again on every page and every build.

Most of the time Python-Markdown spends on a page's reference list goes to the inline syntax
of the reference texts (emphasis, links, escapes). What it makes of one text depends only on
the text and on the site's inline rules, so this Markdown extension keeps the element tree it
made, in `.cache/citations/trees.json`, under a hash of both (`Trees`). Two tree processors
stand around Python-Markdown's inline pass (priority 20), in the reference list that the
footnotes extension has built (`<div class="footnote">`, one `<li><p>` per reference):

    priority 30   a reference whose tree is known is set aside: the inline pass sees only the
                  footnotes' placeholder that follows it, before the back-link
    priority 18   what was set aside is put back; the trees of the other references are kept

Both run before the tree processors that read the finished text (attr_list at 8, abbr at 7,
toc at 5), so an abbreviation in a title is marked as before, and the page comes out byte for
byte the same. A reference whose tree holds raw HTML (page-dependent placeholders), and every
reference on a page that defines link references (`[x]: url`, which inline links could use),
goes through the inline pass as usual and is not kept.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, STX, AtomicString

# A kept tree: [tag, attributes, text, text is atomic, tail, tail is atomic, children].
Tree = list[Any]
# A reference paragraph between the two passes: the paragraph, the hash of its text, the
# footnotes' placeholder that ends it, and its kept tree if there is one.
Waiting = list[tuple[etree.Element, str, str, "Tree | None"]]
RAW_HTML = HTML_PLACEHOLDER.split("%s")[0]


def _dump(element: etree.Element) -> Tree:
    return [
        element.tag,
        dict(element.attrib),
        element.text,
        isinstance(element.text, AtomicString),
        element.tail,
        isinstance(element.tail, AtomicString),
        [_dump(child) for child in element],
    ]


def _text(value: str | None, atomic: bool) -> str | None:
    return AtomicString(value) if atomic and value is not None else value


def _load(tree: Tree) -> etree.Element:
    tag, attributes, text, text_atomic, tail, tail_atomic, children = tree
    element = etree.Element(tag, attributes)
    element.text = _text(text, text_atomic)
    element.tail = _text(tail, tail_atomic)
    element.extend(_load(child) for child in children)
    return element


def _holds_raw_html(tree: Tree) -> bool:
    _, _, text, _, tail, _, children = tree
    return RAW_HTML in (text or "") or RAW_HTML in (tail or "") or any(_holds_raw_html(child) for child in children)


def _with_suffix(value: str | None, suffix: str) -> str:
    joined = (value or "") + suffix
    return AtomicString(joined) if isinstance(value, AtomicString) else joined


def name(value: object) -> str:
    """A stable name for a class, a function or an object's class: `module.QualifiedName`."""
    kind = value if isinstance(value, type) or callable(value) else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"


def describe_setup(extensions: Sequence[object], configs: Mapping[str, object]) -> str:
    """The site's Markdown set-up as text: extensions (names or objects) and their settings."""
    return json.dumps([[e if isinstance(e, str) else name(e) for e in extensions], dict(configs)], sort_keys=True, default=name)


def inline_rules(md: markdown.Markdown, setup: str) -> str:
    """What shapes a reference's tree up to the end of the inline pass: Python-Markdown's
    version, the site's set-up, and the processors and patterns `md` runs, in order."""
    parts = [markdown.__version__, setup]
    for registry in (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors):
        parts += [f"{name(item)} {getattr(getattr(item, 'compiled_re', None), 'pattern', '')}" for item in registry]
    return "\n".join(parts)


class Trees:
    """The kept trees of one build: read from `path`, used, and written back with only what
    this build used."""

    def __init__(self, path: Path, is_reference: Callable[[str], bool], setup: str) -> None:
        self.path = path
        self.is_reference = is_reference
        self.setup = setup  # describe_setup() of the site's Markdown set-up
        try:
            self.stored: dict[str, Tree] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stored = {}
        self.used: dict[str, Tree] = {}
        self.reused = 0  # references taken from the kept trees, for tests and benchmarks

    def get(self, digest: str) -> Tree | None:
        tree = self.stored.get(digest) or self.used.get(digest)
        if tree is not None:
            self.used[digest] = tree
            self.reused += 1
        return tree

    def put(self, digest: str, tree: Tree) -> None:
        self.used[digest] = tree

    def save(self) -> None:
        if self.used != self.stored:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.used, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _reference_paragraphs(root: etree.Element) -> list[etree.Element]:
    """The one paragraph of each reference in the footnotes' list, that ends in its back-link."""
    found = []
    for div in root.iter("div"):
        if div.get("class") != "footnote":
            continue
        for ol in div.findall("ol"):
            for li in ol.findall("li"):
                p = li[0] if len(li) == 1 else None
                if p is not None and p.tag == "p" and p.text and len(p) == 1 and p[0].get("class") == "footnote-backref":
                    found.append(p)
    return found


class _SetAside(Treeprocessor):
    def __init__(self, md: markdown.Markdown, trees: Trees, waiting: Waiting) -> None:
        super().__init__(md)
        self.trees, self.waiting = trees, waiting

    def run(self, root: etree.Element) -> None:
        self.waiting.clear()
        if self.md.references:
            return
        rules: str | None = None
        for p in _reference_paragraphs(root):
            text, placeholder, rest = p.text.partition(STX)  # type: ignore[union-attr]
            if not placeholder or not self.trees.is_reference(text):
                continue
            rules = rules or inline_rules(self.md, self.trees.setup)
            digest = hashlib.sha256(f"{rules}\n{text}".encode("utf-8")).hexdigest()
            tree = self.trees.get(digest)
            suffix = placeholder + rest
            if tree is not None:  # the inline pass skips atomic text: the placeholders alone are left
                p.text = AtomicString(suffix)
                p[0].text = AtomicString(p[0].text)
            self.waiting.append((p, digest, suffix, tree))


class _PutBack(Treeprocessor):
    def __init__(self, md: markdown.Markdown, trees: Trees, waiting: Waiting) -> None:
        super().__init__(md)
        self.trees, self.waiting = trees, waiting

    def run(self, root: etree.Element) -> None:
        for p, digest, suffix, tree in self.waiting:
            if tree is not None:
                made = _load(tree)
                p.text = made.text
                p[0:0] = list(made)
                if len(made):
                    p[len(made) - 1].tail = _with_suffix(p[len(made) - 1].tail, suffix)
                else:
                    p.text = _with_suffix(p.text, suffix)
            else:
                self._keep(p, digest, suffix)
        self.waiting.clear()

    def _keep(self, p: etree.Element, digest: str, suffix: str) -> None:
        *made, backref = list(p)
        holder, attribute = (made[-1], "tail") if made else (p, "text")  # the text before the back-link
        last: str | None = getattr(holder, attribute)
        if backref.get("class") != "footnote-backref" or not last or not last.endswith(suffix):
            return
        setattr(holder, attribute, type(last)(last[: -len(suffix)]))  # an AtomicString stays one
        kept = [p.tag, dict(p.attrib), p.text, isinstance(p.text, AtomicString), None, False, [_dump(c) for c in made]]
        setattr(holder, attribute, last)  # the page keeps its placeholder
        if not _holds_raw_html(kept):
            self.trees.put(digest, kept)


class ReferenceTrees(Extension):
    """The Markdown extension: added to MkDocs's `markdown_extensions` by hook.py."""

    def __init__(self, trees: Trees) -> None:
        super().__init__()
        self.trees = trees

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        waiting: Waiting = []
        md.treeprocessors.register(_SetAside(md, self.trees, waiting), "citation-references-aside", 30)
        md.treeprocessors.register(_PutBack(md, self.trees, waiting), "citation-references-back", 18)
