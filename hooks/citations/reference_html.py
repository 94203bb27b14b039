"""Stage 5, render (its second part): the HTML of each reference, made once and kept.

A reference text from pandoc is Markdown (`*Blood*`, links, escapes). Python-Markdown makes it
into HTML with the site's own set-up, so that it reads as the rest of the site, abbreviations
marked as on the pages (they come from the file that `pymdownx.snippets` appends to every
page). What it makes of a text depends only on the text, that set-up and the appended files,
so `ReferenceHtml` keeps it in `.cache/citations/html.json`, under a hash of the four: a build
makes HTML only for a text it has not seen, in as few conversions as it can.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import markdown

from citations import CitationError

SEPARATOR = "\ue024"  # a paragraph of its own between two references in one conversion
# pandoc writes a reference as Markdown in which any ASCII punctuation may be backslash-escaped
# ("\<script\>", "x\^2"); Python-Markdown unescapes only its own few, and would print
# "\&lt;script". Escape All (pymdownx) takes a backslash before any character as pandoc means it.
REFERENCE_EXTENSIONS = ["pymdownx.escapeall"]


def with_reference_extensions(extensions: Sequence[object]) -> list[object]:
    return [*extensions, *(name for name in REFERENCE_EXTENSIONS if name not in extensions)]

Convert = Callable[[list[str]], list[str]]  # reference texts -> their HTML


def _name(value: object) -> str:
    kind = value if isinstance(value, type) or callable(value) else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"


def describe_setup(extensions: Sequence[object], configs: Mapping[str, object], config_dir: Path) -> str:
    """The site's Markdown set-up as text: Python-Markdown's version, each extension with its
    package's version and its settings, and the text of the files pymdownx.snippets appends."""
    names = [e if isinstance(e, str) else _name(e) for e in with_reference_extensions(extensions)]
    versions = {}
    for name in names:
        package = name.split(".")[0]
        try:
            versions[package] = str(getattr(importlib.import_module(package), "__version__", ""))
        except ImportError:
            versions[package] = ""
    snippets = dict(configs.get("pymdownx.snippets", {}) or {})  # type: ignore[call-overload]
    bases = snippets.get("base_path", ["."])
    appended = [
        (config_dir / str(base) / str(name)).read_text(encoding="utf-8")
        for name in snippets.get("auto_append", [])
        for base in (bases if isinstance(bases, list) else [bases])
        if (config_dir / str(base) / str(name)).is_file()
    ]
    setup = [markdown.__version__, names, versions, dict(configs), appended]
    return json.dumps(setup, sort_keys=True, default=_name)


def converter(extensions: Sequence[object], configs: Mapping[str, object]) -> Convert:
    """Reference texts to HTML with the site's Markdown set-up: one conversion for them all,
    each text a paragraph; a text that does not come out as one paragraph is refused."""

    def convert(texts: list[str]) -> list[str]:
        md = markdown.Markdown(extensions=with_reference_extensions(extensions), extension_configs=dict(configs))
        pieces = md.convert(f"\n\n{SEPARATOR}\n\n".join(texts)).split(f"<p>{SEPARATOR}</p>")
        made = []
        for text, piece in zip(texts, pieces, strict=True):
            piece = piece.strip()
            if not (piece.startswith("<p>") and piece.endswith("</p>") and piece.count("<p>") == 1):
                raise CitationError(f"a reference is not one paragraph of text once formatted: {text[:80]!r}")
            made.append(piece[3:-4])
        return made

    return convert


class ReferenceHtml:
    """The HTML of the references of one build: kept from earlier builds or made now; written
    back with only what this build used."""

    def __init__(self, path: Path, convert: Convert, setup: str) -> None:
        self.path, self.convert = path, convert
        self.salted = hashlib.sha256(setup.encode("utf-8"))  # hashed once, copied per text
        try:
            self.stored: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stored = {}
        self.used: dict[str, str] = {}
        self.made = 0  # texts converted by this build, for tests and benchmarks

    def _digest(self, text: str) -> str:
        hashed = self.salted.copy()
        hashed.update(text.encode("utf-8"))
        return hashed.hexdigest()

    def of(self, texts: Iterable[str], ahead: Iterable[str] = ()) -> dict[str, str]:
        """Each text's HTML. What was not made before is made in one conversion, together with
        the texts in `ahead` not made yet (later pages' references): a conversion has a fixed
        cost (Python-Markdown's set-up, the abbreviations file), a reference a small one."""
        digests = {text: self._digest(text) for text in texts}
        if any(digest not in self.used and digest not in self.stored for digest in digests.values()):
            wanted = {**digests, **{text: self._digest(text) for text in ahead if text not in digests}}
            new = [text for text, digest in wanted.items() if digest not in self.used and digest not in self.stored]
            for text, made in zip(new, self.convert(new)):
                self.used[wanted[text]] = made
            self.made += len(new)
        for digest in digests.values():
            self.used.setdefault(digest, self.stored.get(digest, ""))
        return {text: self.used[digest] for text, digest in digests.items()}

    def save(self) -> None:
        if self.used != self.stored:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.used, sort_keys=True, indent=0), encoding="utf-8")
