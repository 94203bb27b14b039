"""Let search find the forms of a term that readers type, not only the one the page writes.

After the search plugin has written search/search_index.json, this adds to each entry a
`variants` field (indexed, never shown) with the other forms of its terms:
- each term that holds a hyphen or a slash, in its parts and, for a hyphen, joined up:
  "M-MDSCs" also as "m" and "mdscs", "LAG-3" as "lag" "3" "lag3", "ANG2/ANG1" as "ang2" "ang1";
- "3 + 3", however it is spaced, as "3+3".
(Not the parts of page ranges, DOIs or addresses: only terms with a letter and no full stop.)
The terms are cut where the search `separator` of mkdocs.yml says, as the search worker cuts
them. The index also gets the spellings of hooks/search/spellings.yml, which the search worker
(overrides/assets/javascripts/workers/search-words.js) applies to each query, together with
the same "3 + 3" -> "3+3" rule. A spelling that the site itself writes is refused: the worker
would rewrite a word the reader can find into one they cannot. The file's `names` (another name
for a word the site writes: a brand name for a drug) are not rewritten in the query: each entry
that writes the word gets the name among its variants, so that the name finds it and, should the
site come to write the name too, finds that as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

INDEX = "search/search_index.json"
SPELLINGS = Path(__file__).parent / "spellings.yml"
PROJECT = Path(__file__).resolve().parent.parent.parent  # named from here in errors: hooks/search/spellings.yml
FIELD = "variants"
SPELLING_TABLES = ("anywhere", "word_start", "names")
QUERY_TABLES = ("anywhere", "word_start")  # what the worker applies to a query
TAG = re.compile(r"<[^>]+>")
SUM = re.compile(r"(\d+)\s*\+\s*(\d+)")  # "3 + 3", "3+3"; the worker joins them alike (search-words.js)
EDGE = re.compile(r"^\W+|\W+$")
WORD = re.compile(r"[^\W\d_]+")  # a run of letters, as the worker's \p{L}+


def shown_path(path: Path) -> str:
    """A file as errors name it: from the project's root if it is in the project."""
    return path.resolve().relative_to(PROJECT).as_posix() if path.resolve().is_relative_to(PROJECT) else path.name


def read_spellings(path: Path = SPELLINGS) -> dict[str, dict[str, str]]:
    """The spelling tables of `path`, checked: {table: {typed: written}}, all in lower case."""
    where = shown_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{where}: cannot be read: {error}".splitlines()[0]) from None
    if not isinstance(data, dict) or set(data) != set(SPELLING_TABLES):
        raise PluginError(f"{where}: needs exactly the tables {', '.join(SPELLING_TABLES)}")
    for table, pairs in data.items():
        if not isinstance(pairs, dict):
            raise PluginError(f"{where}: {table}: must map what a reader types to what the site writes")
        for typed, written in pairs.items():
            if not (isinstance(typed, str) and isinstance(written, str) and typed and written):
                raise PluginError(f"{where}: {table}: {typed!r}: both sides must be text")
            if typed != typed.lower() or written != written.lower() or typed == written:
                raise PluginError(f"{where}: {table}: {typed!r}: both sides in lower case, and different")
    return data


def terms(text: str, separator: re.Pattern[str]) -> list[str]:
    """The terms of `text` (HTML), cut where `separator` says, in lower case, as the worker indexes them."""
    return [t.lower() for t in separator.split(TAG.sub(" ", text)) if t]


def variants(text: str, separator: re.Pattern[str]) -> list[str]:
    """The other forms of the terms of `text`, each once, in the order they first appear,
    leaving out those the text already holds as terms."""
    found = terms(text, separator)
    extra: list[str] = [m[1] + "+" + m[2] for m in SUM.finditer(TAG.sub(" ", text))]
    for term in found:
        if "." in term or not WORD.search(term):
            continue  # a page range, a DOI, an address: no reader searches for its parts
        pieces = EDGE.sub("", term).split("/")  # "pd-l1;" (the separator keeps ";") as "pd-l1"
        parts = [part for piece in pieces for part in piece.split("-") if part]
        if len(parts) > 1:
            extra += parts
            extra += [piece.replace("-", "") for piece in pieces if len(piece.replace("-", " ").split()) > 1]
    have = set(found)
    return [v for v in dict.fromkeys(extra) if v not in have]


def words_of(doc: dict[str, Any]) -> set[str]:
    """The words (runs of letters) of an index entry, in lower case."""
    return {w.lower() for w in WORD.findall(TAG.sub(" ", doc["title"] + " " + doc["text"]))}


def check_spellings(spellings: dict[str, dict[str, str]], docs: list[dict[str, Any]]) -> None:
    """Refuse a spelling that would rewrite a word the site writes, and a name for a word the
    site does not write or that the query's spellings would rewrite."""
    words = {w: doc["location"] for doc in docs for w in words_of(doc)}
    for name, written in spellings["names"].items():
        if not WORD.fullmatch(name) or not WORD.fullmatch(written):
            raise PluginError(f"{shown_path(SPELLINGS)}: names: {name!r}: both sides must be one word of letters")
        if written not in words:
            raise PluginError(f"{shown_path(SPELLINGS)}: names: {name!r}: the site never writes {written!r}, which it would find")
        rewritten = [typed for typed in spellings["anywhere"] if typed in name] + [t for t in spellings["word_start"] if name.startswith(t)]
        if rewritten:
            raise PluginError(f"{shown_path(SPELLINGS)}: names: {name!r}: the spelling {rewritten[0]!r} would rewrite it in the query")
    for table in QUERY_TABLES:
        for typed in spellings[table]:
            for word, location in words.items():
                if (word.startswith(typed) if table == "word_start" else typed in word):
                    raise PluginError(
                        f"{shown_path(SPELLINGS)}: {table}: {typed!r}: the site writes {word!r} (at {location or 'the home page'}), "
                        "which the search would rewrite"
                    )


def add_variants(index: dict[str, Any], spellings: dict[str, dict[str, str]]) -> dict[str, Any]:
    """`index` (the search plugin's) with each entry's variants and the spellings for the worker."""
    separator = re.compile(index["config"]["separator"])
    check_spellings(spellings, index["docs"])
    docs = []
    for doc in index["docs"]:
        found = variants(doc["title"] + " " + doc["text"], separator)
        words = words_of(doc)
        found += [name for name, written in spellings["names"].items() if written in words and name not in words]
        docs.append({**doc, FIELD: " ".join(found)} if found else doc)
    fields = {**index["config"]["fields"], FIELD: {"boost": 1.0}}
    query = {table: spellings[table] for table in QUERY_TABLES}
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs, "spellings": query}


def add_to_index(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / INDEX
    if not index.is_file():
        raise PluginError(f"{INDEX} was not written: the search plugin must stay enabled in mkdocs.yml")
    data = add_variants(json.loads(index.read_text(encoding="utf-8")), read_spellings())
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
