"""Stage 6, export: a page's reference lists in forms that reference managers read.

- Files: under each list, its works as RIS, BibTeX and CSL-JSON, in the list's order.
- In the page's head: Dublin Core `DC.creator` (the site, as one name) and `DC.date`, which with
  the page's `og:title` and canonical address make Zotero's "Embedded Metadata" translator save
  the page as a web page; and one Highwire Press `citation_reference` per work of its lists.
- On each entry of a list: a COinS span (`span.Z3988`, a Z39.88-2004 ContextObject), which
  Zotero's "COinS" translator reads, so the connector offers to save the works one by one.

No writer is ours. Each cited entry is read twice, by kept libraries, and each reading is kept
in `.cache/` under a hash of the entry (see format.Cache):
- pandoc's BibTeX reader makes it a CSL-JSON item (names split, braces and LaTeX resolved,
  `pmid` as PMID; its title as the .bib writes it, which pandoc would sentence-case); the CSL-JSON file is these items, the RIS file is rispy's writing of them,
  the metadata are taken from them;
- pybtex writes it back as BibTeX, field for field as written (pandoc's BibTeX writer drops
  `doi` and `pmid`, rewrites titles in title case and turns "and others" into an author named
  "others").
The "others" that ends a shortened author list is BibTeX's "et al.": the page prints it, but
imported, Zotero and citation.js make it an author named "others", and RIS and CSL-JSON have no
such mark. So no file carries it: each gives the authors we know and a note that the list is
shortened. The PMID goes where each reader keeps it: a `pmid` field in BibTeX and a line
"PMID: N" in the CSL-JSON `note` (Zotero files both in Extra, citation.js reads both), an `N1`
note in RIS (Zotero keeps it as a note; Zotero's RIS reader files only `M1`/`M2` in Extra, which
EndNote and citation.js read as the issue and first page of a journal article).
"""

from __future__ import annotations

import datetime
import html
import json
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from importlib.metadata import version
from typing import Any
from urllib.parse import urlencode

import pypandoc
import rispy
from pybtex.database import BibliographyData, Entry, parse_string
from pybtex.database.output.bibtex import Writer

from citations import CitationError
from citations.format import Cache
from citations.read import Bibliography

Item = dict[str, Any]  # a CSL-JSON item
ToCsl = Callable[[str], list[Item]]  # BibTeX text -> its entries as CSL-JSON items

FORMATS = (("ris", "RIS"), ("bib", "BibTeX"), ("json", "CSL-JSON"))  # (file extension, link text)


# --- the works -------------------------------------------------------------------


def pandoc_csl(bibtex: str) -> list[Item]:
    """The entries of `bibtex` as CSL-JSON items, by pandoc's BibTeX reader."""
    items: list[Item] = json.loads(pypandoc.convert_text(bibtex, "csljson", format="bibtex"))
    return items


def engine() -> str:
    """What reads the works, for the cache."""
    return f"export: pandoc {pypandoc.get_pandoc_version()}, pybtex {version('pybtex')}, titles and apostrophes as written, shortened lists noted"


def as_written(title: str, read: str) -> str:
    """The title as the .bib writes it, its case-protecting braces dropped, for an item whose
    title pandoc `read` in sentence case ("CAR-T failure: Beyond …" for "…: beyond …"); pandoc's
    reading where the title holds a LaTeX command that only pandoc resolves."""
    return read if "\\" in title else title.replace("{", "").replace("}", "")


def straight_apostrophes(name: dict[str, Any]) -> dict[str, Any]:
    """A name with the apostrophe the .bib writes: pandoc's reader makes "O'Connor" "O’Connor",
    which PubMed, Crossref and a reference manager's duplicate check do not."""
    return {part: value.replace("\u2019", "'") if isinstance(value, str) else value for part, value in name.items()}


def read_works(source: str, keys: Iterable[str], to_csl: ToCsl) -> dict[str, tuple[Item, str]]:
    """key -> (CSL-JSON item, BibTeX as pybtex writes it) for each of `keys`, read from
    `source` (the file's macros, then the entries)."""
    wanted = list(keys)
    if not wanted:
        return {}
    items = {str(item["id"]): item for item in to_csl(source)}
    entries = parse_string(source, "bibtex").entries
    for key in wanted:
        if "title" in entries[key].fields and "title" in items[key]:
            items[key]["title"] = as_written(entries[key].fields["title"], items[key]["title"])
        if "author" in items[key]:
            items[key]["author"] = [straight_apostrophes(name) for name in items[key]["author"]]
        without_others_bibtex(entries[key], shortened(items[key]))
    writer = Writer()  # one for all: `BibliographyData.to_string` looks the writer up each time (2.6 ms an entry)
    return {key: (items[key], writer.to_string(BibliographyData(entries={key: entries[key]}))) for key in wanted}


def without_others_bibtex(entry: Entry, note: str | None) -> None:
    """The entry without the author "others" that ends a shortened list, `note` (the
    shortened-list note) before its own note."""
    if note is None:
        return
    entry.persons["author"] = [person for person in entry.persons["author"] if str(person) != "others"]
    entry.fields["note"] = " ".join(said for said in (note, entry.fields.get("note")) if said)


class Works:
    """The cited works of one build, read on a background thread while MkDocs starts, or taken
    from the cache; `csl` and `bibtex` wait for the reading."""

    def __init__(self, bibliography: Bibliography, keys: set[str], cache: Cache, to_csl: ToCsl) -> None:
        self.cache = cache
        self.works: dict[str, tuple[Item, str]] = {}
        new = []
        for key in sorted(keys):
            kept = cache.get(key)
            if kept is None:
                new.append(key)
            else:
                stored = json.loads(kept)
                self.works[key] = (stored["csl"], stored["bibtex"])
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self.future: Future[dict[str, tuple[Item, str]]] | None = (
            executor.submit(read_works, bibliography.source_of(set(new)), new, to_csl) if new else None
        )
        executor.shutdown(wait=False)

    def _wait(self) -> None:
        if self.future is not None:
            for key, (item, bibtex) in self.future.result().items():
                self.works[key] = (item, bibtex)
                self.cache.put(key, json.dumps({"csl": item, "bibtex": bibtex}, sort_keys=True))
            self.future = None

    def csl(self, key: str) -> Item:
        self._wait()
        return self.works[key][0]

    def bibtex(self, key: str) -> str:
        self._wait()
        return self.works[key][1]

    def save(self) -> None:
        self._wait()
        self.cache.save()


# --- the fields every output takes -------------------------------------------------


def authors(item: Item) -> list[str]:
    """The named authors as "Family, Given" (a literal name as written), without "others"."""
    names = []
    for name in item.get("author", []):
        if "family" in name:
            names.append(f"{name['family']}, {name['given']}" if name.get("given") else str(name["family"]))
        elif name.get("literal") and name["literal"] != "others":
            names.append(str(name["literal"]))
    return names


def year(item: Item) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])
    return str(parts[0][0]) if parts and parts[0] else ""


def pages(item: Item) -> tuple[str, str]:
    """(first page, last page): "1540-1554.e12" gives ("1540", "1554.e12")."""
    first, _, last = str(item.get("page", "")).replace("\u2013", "-").partition("-")
    return first.strip(), last.strip()


def is_others(name: dict[str, Any]) -> bool:
    """BibTeX's "and others", as pandoc reads it."""
    return name.get("literal") == "others" or (name.get("family") == "others" and not name.get("given"))


def without_others(item: Item) -> Item:
    names = [name for name in item.get("author", []) if not is_others(name)]
    return {**item, "author": names} if "author" in item else dict(item)


def shortened(item: Item) -> str | None:
    """The note of a work whose author list ends with "and others" (verified only as far as the
    authors named), or None."""
    names = item.get("author", [])
    if not names or not is_others(names[-1]):
        return None
    known = len(names) - 1
    return "Author list shortened: only the first author is given." if known == 1 else \
        f"Author list shortened: only the first {known} authors are given."


def notes(item: Item) -> list[str]:
    """What every file says beside the fields: "PMID: N", the shortened-list note, the entry's note."""
    said = [f"PMID: {item['PMID']}"] if item.get("PMID") else []
    said += [note for note in (shortened(item), item.get("note")) if note]
    return said


# --- files ---------------------------------------------------------------------------

RIS_TYPES = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
    "chapter": "CHAP", "paper-conference": "CPAPER", "report": "RPRT", "thesis": "THES", "webpage": "ELEC",
}


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # (rispy ships no type hints)
    """rispy's RIS writer without its "1." line before each record, which is not RIS."""

    def set_header(self, count: int) -> str:
        return ""


def ris_record(item: Item) -> dict[str, Any]:
    """A CSL-JSON item as rispy's fields."""
    first, last = pages(item)
    record: dict[str, Any] = {
        "type_of_reference": RIS_TYPES.get(str(item.get("type")), "GEN"),
        "authors": authors(item),
        "title": item.get("title"),
        "secondary_title": item.get("container-title"),
        "year": year(item),
        "volume": item.get("volume"),
        "number": item.get("issue"),
        "start_page": first,
        "end_page": last,
        "publisher": item.get("publisher"),
        "place_published": item.get("publisher-place"),
        "edition": item.get("edition"),
        "issn": item.get("ISSN") or item.get("ISBN"),
        "doi": item.get("DOI"),
        "urls": [item["URL"]] if item.get("URL") else [],
        "notes": notes(item),  # N1, one a line: "PMID: N", the shortened-list note, the entry's note
    }
    return {tag: value for tag, value in record.items() if value}


def ris(items: Sequence[Item]) -> str:
    return str(rispy.dumps([ris_record(item) for item in items], implementation=_RisWriter))


def bibtex(entries: Sequence[str]) -> str:
    return "\n".join(entries)


def csl_item(item: Item) -> Item:
    """The item as the CSL-JSON file gives it: without "others", its notes in `note`, one a line
    (Zotero files a "PMID: N" line of `note` in Extra, as its own CSL-JSON export writes it), and
    with a type: pandoc reads a BibTeX @misc (a regulator's notice) as type "", which CSL does not
    allow; "document" is CSL's type for such a work."""
    typed = {"type": item.get("type") or "document"}
    return {**without_others(item), **typed, **({"note": "\n".join(notes(item))} if notes(item) else {})}


def csl_json(items: Sequence[Item]) -> str:
    return json.dumps([csl_item(item) for item in items], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def list_files(page_url: str, list_number: int, items: Sequence[Item], entries: Sequence[str]) -> dict[str, str]:
    """The files of a page's `list_number`-th list (from 1), by their path in the site: its works
    as CSL-JSON `items` and as BibTeX `entries`, in the list's order."""
    made = {"ris": ris(items), "bib": bibtex(entries), "json": csl_json(items)}
    return {file_name(page_url, list_number, extension): made[extension] for extension, _ in FORMATS}


def file_name(page_url: str, list_number: int, extension: str) -> str:
    """The file of a page's `list_number`-th list (from 1), in the page's folder: `references.ris`,
    `references-2.ris`, ..."""
    return f"{page_url}references{'' if list_number == 1 else f'-{list_number}'}.{extension}"


def download_name(page_url: str, list_number: int, extension: str) -> str:
    """The name a download is saved under: `car-t-failure-references.ris`, `home-references.ris`."""
    page = page_url.strip("/").replace("/", "-") or "home"
    return f"{page}-{file_name('', list_number, extension)}"


def downloads(page_url: str, list_number: int) -> str:
    """The line under a reference list that offers it as files."""
    links = " · ".join(
        f'<a href="{file_name("", list_number, ext)}" download="{download_name(page_url, list_number, ext)}">{text}</a>'
        for ext, text in FORMATS
    )
    return f'<p class="reference-downloads">Download references: {links}</p>\n'


# --- metadata ----------------------------------------------------------------------

KEV_FORMAT = "info:ofi/fmt:kev:mtx:"


AMA_ET_AL_MIN, AMA_ET_AL_USE_FIRST = 7, 3  # AMA: seven authors or more print as the first three, "et al."


def coins(item: Item) -> str:
    """A COinS span: the work as an OpenURL ContextObject, with the fields Zotero's COinS
    translator reads (it saves a work with a title and authors as it is, without a look-up), and
    the PMID and genre that link resolvers read. Its authors are those the entry prints (AMA's
    list): a span on the page for every name of a 37-author list would cost the CAR T page about
    1.3 KB of its first load; the files carry every author."""
    kind = item.get("type")
    pairs: list[tuple[str, object]] = [("ctx_ver", "Z39.88-2004")]
    if kind == "article-journal":
        pairs += [("rft_val_fmt", KEV_FORMAT + "journal"), ("rft.genre", "article"), ("rft.atitle", item.get("title")),
                  ("rft.jtitle", item.get("container-title"))]
    elif kind == "book":
        pairs += [("rft_val_fmt", KEV_FORMAT + "book"), ("rft.genre", "book"), ("rft.btitle", item.get("title"))]
    elif kind == "chapter":
        pairs += [("rft_val_fmt", KEV_FORMAT + "book"), ("rft.genre", "bookitem"), ("rft.atitle", item.get("title")),
                  ("rft.btitle", item.get("container-title"))]
    else:
        pairs += [("rft_val_fmt", KEV_FORMAT + "dc"), ("rft.title", item.get("title"))]
    named = authors(item)
    pairs += [("rft.au", name) for name in (named[:AMA_ET_AL_USE_FIRST] if len(named) >= AMA_ET_AL_MIN else named)]
    first, last = pages(item)
    pairs += [("rft.date", year(item)), ("rft.volume", item.get("volume")), ("rft.issue", item.get("issue")),
              ("rft.spage", first), ("rft.epage", last)]
    if item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    elif item.get("URL"):
        pairs.append(("rft_id", item["URL"]))  # Zotero's COinS translator keeps an http(s) rft_id as the work's URL
    if item.get("PMID"):
        pairs.append(("rft_id", f"info:pmid/{item['PMID']}"))
    title = urlencode([(name, str(value)) for name, value in pairs if value], safe=":/,")
    return f'<span class="Z3988" title="{html.escape(title)}"></span>'


def citation_reference(item: Item) -> str:
    """The work as the content of a `citation_reference` tag: Highwire Press fields, as
    `name=value` pairs joined by "; " (a ";" inside a value becomes ","). Only what finds the
    work (every page with references carries these bytes): title, first author, and the DOI, or
    journal, year, volume and first page where there is none; the COinS span and the files hold
    the rest."""
    fields = [("citation_title", item.get("title"))]
    fields += [("citation_author", name) for name in authors(item)[:1]]
    if item.get("DOI"):
        fields.append(("citation_doi", item["DOI"]))
    else:
        fields += [
            ("citation_journal_title", item.get("container-title") if item.get("type") == "article-journal" else None),
            ("citation_publication_date", year(item)),
            ("citation_volume", item.get("volume")),
            ("citation_firstpage", pages(item)[0]),
        ]
    return "; ".join(f"{name}={str(value).replace(';', ',')}" for name, value in fields if value)


def head_tags(site: str, date: datetime.date | None, items: Sequence[Item]) -> str:
    """The tags that describe a page to a reference manager, then one `citation_reference` per
    work of its reference lists.

    The page is a web page by the site: no page-level `citation_*` tag, as Zotero's Embedded
    Metadata translator makes any page with `citation_title` a journal article (its `init`,
    "fall back to journalArticle"); without one, a page with Open Graph or Dublin Core tags is
    a web page ("if we have RDF data, then default to webpage"), titled by `og:title`, at its
    canonical address. The translator splits a creator at its last space ("Lymphoma therapy" +
    "Explained") unless the name holds a comma, which makes it "Family, Given" (Zotero's
    `cleanAuthor`); a name that ends in the comma has no given name, and Zotero keeps it as one
    field, an organisation's name (`itemToAPIJSON`: "Single-field mode")."""
    tags = [("DC.creator", f"{site},")]
    if date is not None:
        tags.append(("DC.date", date.isoformat()))
    tags += [("citation_reference", citation_reference(item)) for item in items]
    return "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in tags)
