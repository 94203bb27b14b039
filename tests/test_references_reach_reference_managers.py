"""Every page hands itself and its references to reference managers: in its head, Dublin Core
tags that make Zotero's Embedded Metadata translator save it as a web page by the site (one
name, unsplit), with its title, review date and address, then one citation_reference per work of
its lists; a COinS span on every entry of its lists; and under each list the list as RIS, BibTeX
and CSL-JSON files, in the list's order, with the DOIs, pages and PMIDs that bib/references.bib
holds, every author it names, no author "others", and a note where a list is shortened. The
References page offers the whole bibliography the same way.

What each part must hold follows Zotero's translators (Embedded Metadata, COinS, RIS, BibTeX,
CSL JSON, in zotero/translators at 2814370, June 2026), and the files are read three ways: by
rispy and pybtex, by citation.js (@citation-js/core with its RIS and BibTeX plugins, run with
Node), and, where ZOTERO_TRANSLATION_SERVER names a checkout of Zotero's translation-server, by
Zotero's own translators."""

from __future__ import annotations

import codecs
import datetime
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import rispy
import yaml
import latexcodec  # noqa: F401  (registers the "ulatex" codec; pybtex's own dependency)
from pybtex.database import Entry, parse_file, parse_string

from conftest import ROOT, TEST_SITE_URL, BuiltSite, Page

BIB = parse_file(str(ROOT / "bib" / "references.bib")).entries
SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


def lists(page: Page) -> list[tuple[list[str], list[str]]]:
    """Each reference list of a page: (the keys of its entries in order, its download links)."""
    found = []
    for block in page.tree.xpath('//article//div[@class="footnote"]'):
        keys = [str(i).removeprefix("fn:") for i in block.xpath("./ol/li/@id")]
        found.append((keys, [str(href) for href in block.xpath('.//p[@class="reference-downloads"]/a/@href')]))
    return found


def head(page: Page, name: str) -> list[str]:
    return [str(v) for v in page.tree.xpath(f'//head/meta[@name="{name}"]/@content')]


def plain(text: str) -> str:
    """A BibTeX title as words: no braces, no case."""
    return re.sub(r"[{}]", "", text).casefold()


def pages_of(entry: Entry) -> tuple[str, str]:
    """(first page, last page); ("", "") for a work without pages (a notice, or an article
    whose issue data were not verified)."""
    first, _, last = entry.fields.get("pages", "").replace("--", "-").partition("-")
    return first, last


def name(person: object) -> str:
    """A name as the exports write it: a group author without its BibTeX braces."""
    return re.sub(r"[{}]", "", str(person))


def reviewed(page: Page) -> datetime.date | None:
    source = ROOT / "docs" / ("index.md" if page.url == "" else page.url.rstrip("/") + ".md")
    front = source.read_text(encoding="utf-8").split("---\n")[1]
    value = yaml.safe_load(front).get("reviewed")
    return value if value is None else datetime.date.fromisoformat(str(value))


def pages_with_references(site: BuiltSite) -> list[Page]:
    found = [page for page in site.pages() if lists(page)]
    assert {page.url for page in found} >= {"", "car-t-failure/", "loncastuximab-dose-finding/", "references/"}
    return found


def as_read(latex: str) -> str:
    """BibTeX text as a reader shows it: accents decoded, braces dropped (J{\\"a}ger: Jäger)."""
    return codecs.decode(latex, "ulatex").replace("{", "").replace("}", "")


def written_authors(key: str) -> list[str]:
    """The authors bib/references.bib names for a work, as written, without "others"."""
    return [str(person) for person in BIB[key].persons["author"] if str(person) != "others"]


def named_authors(key: str) -> list[str]:
    """The same as a reader shows them, "Family, Given"."""
    return [as_read(name) for name in written_authors(key)]


def families(key: str) -> list[str]:
    return [as_read(" ".join(person.last_names)) for person in BIB[key].persons["author"] if str(person) != "others"]


def shortened(key: str) -> bool:
    """Whether the .bib ends the work's author list with "and others" (verified only so far)."""
    return str(BIB[key].persons["author"][-1]) == "others"


def test_bib_holds_every_author_the_sources_verify() -> None:
    # shared/sources/references.md, "Full author lists (verified 2026-12-07)": seven works in full,
    # Schuster et al. with the JULIET Investigators as a group author; four verified only in part.
    verified = {"jain2021": 23, "schuster2019": 25, "nastoupil2020": 28, "jacobson2020": 27, "fraietta2018": 37,
                "dean2020": 17, "benci2016": 19}
    for key, count in verified.items():
        assert len(named_authors(key)) == count and not shortened(key), key
    assert named_authors("schuster2019")[-1] == "JULIET Investigators"
    # the later works (shared/sources/later-evidence.md) are given as far as their first authors too
    assert {"hamadani2021", "neelapu2017", "deng2020", "faramand2020"} <= {key for key in BIB if shortened(key)}


# Zotero's Embedded Metadata translator (zotero/translators "Embedded Metadata.js" at 2814370):
# `init` makes a page a journal article on any of these (`hwType`, or `hwTypeGuess` for
# citation_title, "fall back to journalArticle"), and `addHighwireMetadata` takes citation_author
# as the page's creators, split at the last space by `cleanAuthor` unless the name holds a comma.
# A page without them but with Open Graph or Dublin Core tags is a web page ("if we have RDF data,
# then default to webpage"), its creators from DC.creator (RDF.js `handleCreators`: `cleanAuthor`
# with the comma rule), its title from og:title, its address from the canonical link.
JOURNAL_MAKERS = {"citation_journal_title", "citation_technical_report_institution", "citation_conference_title",
                  "citation_conference", "citation_book_title", "citation_inbook_title",
                  "citation_dissertation_institution", "citation_title", "citation_series_title", "citation_isbn",
                  "citation_author", "citation_authors"}


def zotero_clean_author(name: str) -> dict[str, str]:
    """Zotero's `cleanAuthor` (zotero/utilities utilities.js) for a name, as Embedded Metadata
    calls it (the comma rule), reduced to the split; `itemToAPIJSON` (utilities_item.js) then
    keeps a creator without a first name as one field, `name`."""
    use_comma = "," in name  # decided by the caller, on the name as given
    name = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", name)
    name = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", name)
    if use_comma:
        last, _, first = name.partition(",")
    else:
        first, _, last = name.rpartition(" ")
    first = first.strip()
    return {"firstName": first, "lastName": last} if first else {"name": last}


def test_a_saved_page_is_a_web_page_by_the_site_as_one_name(site: BuiltSite) -> None:
    for page in site.pages():
        makers = [str(name) for name in page.tree.xpath("//meta/@name | //meta/@property") if str(name) in JOURNAL_MAKERS]
        assert makers == [], f"/{page.url}: {makers} make Zotero save the page as a journal article"
        [creator] = head(page, "DC.creator")
        assert zotero_clean_author(creator) == {"name": SITE_NAME}, f"/{page.url}: Zotero would save {creator!r} as {zotero_clean_author(creator)}"
        date = reviewed(page)
        assert head(page, "DC.date") == ([date.isoformat()] if date else []), page.url
        assert page.tree.xpath('//head/link[@rel="canonical"]/@href') == [TEST_SITE_URL + page.url]
        title = page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert page.tree.xpath('//head/meta[@property="og:title"]/@content') == [title]


def zotero(*arguments: str) -> list[dict]:
    """Zotero's own translators, run by tests/zotero/translate.js in a translation-server checkout."""
    server = os.environ.get("ZOTERO_TRANSLATION_SERVER")
    if not server:
        pytest.skip("ZOTERO_TRANSLATION_SERVER names no checkout of Zotero's translation-server (MAINTAINERS.md)")
    done = subprocess.run(["node", str(ROOT / "tests" / "zotero" / "translate.js"), *arguments], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "ZOTERO_TRANSLATION_SERVER": server})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_zotero_saves_each_page_as_a_web_page_by_the_site(site: BuiltSite, served_site: str) -> None:
    for page in site.pages():
        [item] = zotero("web", served_site + page.url)
        title = page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        date = reviewed(page)
        assert (item["itemType"], item["creators"]) == ("webpage", [{"name": SITE_NAME, "creatorType": "author"}]), page.url
        assert (item["title"], item["url"], item.get("date")) == (title, TEST_SITE_URL + page.url, date and date.isoformat())


def test_the_head_names_each_work_of_its_list(site: BuiltSite) -> None:
    for page in site.pages():
        keys = list(dict.fromkeys(key for keys, _ in lists(page) for key in keys))
        references = head(page, "citation_reference")
        assert len(references) == len(keys), f"/{page.url}: {len(references)} citation_reference for {len(keys)} works"
        for key, content in zip(keys, references):
            pairs = [pair.split("=", 1) for pair in content.split("; ")]
            fields = dict(pairs)
            entry = BIB[key]
            assert plain(fields["citation_title"]) == plain(entry.fields["title"]), key
            assert [v for k, v in pairs if k == "citation_author"] == named_authors(key)[:1]
            assert fields.get("citation_doi") == entry.fields.get("doi"), key
            if "doi" not in entry.fields:  # then journal, year, volume and first page find it
                # (a regulator's notice has no journal, volume or pages: those tags are left out)
                assert (fields.get("citation_journal_title"), fields["citation_publication_date"]) == (entry.fields.get("journal"), entry.fields["year"])
                assert (fields.get("citation_volume"), fields.get("citation_firstpage")) == (entry.fields.get("volume"), pages_of(entry)[0] or None)


AMA_PRINTED = lambda names: names[:3] if len(names) >= 7 else names  # noqa: E731  (AMA: et al. from seven)


def test_every_entry_carries_a_coins_span_that_zotero_saves_as_it_is(site: BuiltSite) -> None:
    for page in pages_with_references(site):
        for item in page.tree.xpath('//article//div[@class="footnote"]/ol/li'):
            key = str(item.get("id")).removeprefix("fn:")
            spans = item.xpath('.//span[@class="Z3988"]/@title')
            assert len(spans) == 1, f"/{page.url} {key}: {len(spans)} COinS spans"
            # Zotero's parseContextObject: "&"-separated pairs, "+" a space, then percent-decoded.
            pairs = [(k, unquote(v.replace("+", " "))) for k, _, v in (p.partition("=") for p in str(spans[0]).split("&"))]
            fields = dict(pairs)
            entry = BIB[key]
            assert fields["ctx_ver"] == "Z39.88-2004"
            # a journal article (or, without a journal, a document such as a regulator's notice),
            # with a title and creators: saved without looking anything up
            if "journal" in entry.fields:
                assert (fields["rft_val_fmt"], fields["rft.genre"]) == ("info:ofi/fmt:kev:mtx:journal", "article")
                assert plain(fields["rft.atitle"]) == plain(entry.fields["title"])
                assert fields["rft.jtitle"] == entry.fields["journal"]
            else:
                assert fields["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:dc"
                assert plain(fields["rft.title"]) == plain(entry.fields["title"])
            assert [v for k, v in pairs if k == "rft.au"] == AMA_PRINTED(named_authors(key)), key
            first, last = pages_of(entry)
            assert (fields.get("rft.spage", ""), fields.get("rft.epage", "")) == (first, last) and "rft.pages" not in fields
            ids = [v for k, v in pairs if k == "rft_id"]
            where = [f"info:doi/{entry.fields['doi']}"] if "doi" in entry.fields else [entry.fields["url"]] if "url" in entry.fields else []
            assert ids == where + ([f"info:pmid/{entry.fields['pmid']}"] if "pmid" in entry.fields else []), key


def downloaded(page: Page, links: list[str], site: BuiltSite) -> dict[str, str]:
    """The files a list links to, by extension, read from the built site."""
    files = {}
    for href in links:
        path = urljoin("/" + page.url, href).lstrip("/")
        assert (site.root / path).is_file(), f"/{page.url}: {href} is not in the site"
        files[Path(path).suffix.lstrip(".")] = (site.root / path).read_text(encoding="utf-8")
    return files


def notes_of(key: str) -> list[str]:
    """What a file must say of a work beside its fields: its PMID, that its author list is
    shortened, its note."""
    entry = BIB[key]
    said = [f"PMID: {entry.fields['pmid']}"] if "pmid" in entry.fields else []
    if shortened(key):
        said.append("Author list shortened")
    return said + ([entry.fields["note"]] if "note" in entry.fields else [])


def says_all(text: str | list[str], notes: list[str]) -> bool:
    """Whether `text` (a note, or citation.js's list of RIS notes) says every one of `notes`."""
    said = "\n".join(text) if isinstance(text, list) else text
    return all(note in said for note in notes)


def test_each_list_downloads_as_ris_bibtex_and_csl_json_holding_the_list(site: BuiltSite) -> None:
    for page in pages_with_references(site):
        for keys, links in lists(page):
            files = downloaded(page, links, site)
            assert sorted(files) == ["bib", "json", "ris"], page.url

            bib = parse_string(files["bib"], "bibtex").entries
            assert list(bib.keys()) == keys, f"/{page.url}: BibTeX order"
            for key in keys:
                for name in ("doi", "pages", "pmid", "title", "journal", "volume", "number", "year"):
                    assert bib[key].fields.get(name) == BIB[key].fields.get(name), (key, name)
                assert [str(p) for p in bib[key].persons["author"]] == written_authors(key), key
                assert says_all(bib[key].fields.get("note", ""), notes_of(key)[1:] if "pmid" in BIB[key].fields else notes_of(key)), key

            records = rispy.loads(files["ris"])
            assert len(records) == len(keys), f"/{page.url}: {len(records)} RIS records for {len(keys)} works"
            for key, record in zip(keys, records):
                entry = BIB[key]
                assert record["type_of_reference"] == ("JOUR" if "journal" in entry.fields else "GEN")
                assert plain(record["title"]) == plain(entry.fields["title"]), f"/{page.url}: RIS order at {key}"
                assert record.get("doi") == entry.fields.get("doi")
                assert record["authors"] == named_authors(key), key
                assert says_all("\n".join(record.get("notes", [])), notes_of(key)), key
                assert "accession_number" not in record  # Zotero files AN as "Loc. in Archive"
                first, last = pages_of(entry)
                assert (record.get("start_page", ""), record.get("end_page", "")) == (first, last)
                assert (record.get("secondary_title"), record["year"], record.get("volume")) == (
                    entry.fields.get("journal"), entry.fields["year"], entry.fields.get("volume"))

            items = json.loads(files["json"])
            assert [item["id"] for item in items] == keys
            for item in items:
                key = item["id"]
                entry = BIB[key]
                assert (item.get("DOI"), item.get("PMID")) == (entry.fields.get("doi"), entry.fields.get("pmid"))
                # a CSL type every reader accepts: an article, or a document such as a notice
                assert item["type"] == ("article-journal" if entry.type == "article" else "document"), key
                assert item.get("page") == (entry.fields["pages"].replace("--", "-") if "pages" in entry.fields else None)
                assert [name.get("family") or name.get("literal") for name in item["author"]] == families(key), key
                assert says_all(item.get("note", ""), notes_of(key)), key


def citation_js(files: list[Path]) -> dict[str, list[dict]]:
    """What citation.js (@citation-js/core with its RIS and BibTeX plugins) makes of the files."""
    done = subprocess.run(["node", str(ROOT / "tests" / "citation_js_read.js"), *map(str, files)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_citation_js_imports_every_author_the_pmid_and_the_notes(site: BuiltSite) -> None:
    page = site.page("references/")
    [(keys, links)] = lists(page)
    paths = [site.root / urljoin("/" + page.url, href).lstrip("/") for href in links]
    for path, items in citation_js(paths).items():
        assert len(items) == len(keys), path
        for key, item in zip(keys, items):
            shown = f"{Path(path).name} {key}"
            names = [name.get("family") or name.get("literal") for name in item["author"]]
            assert names == families(key), shown  # never an author "others"
            notes = notes_of(key)
            if "pmid" in BIB[key].fields and item.get("PMID") == BIB[key].fields["pmid"]:
                notes = notes[1:]  # the PMID has its own field
            assert says_all(item.get("note", ""), notes), (shown, item.get("note"))


def test_zotero_imports_every_author_the_pmid_and_the_notes(site: BuiltSite) -> None:
    page = site.page("references/")
    [(keys, links)] = lists(page)
    for href in links:
        items = zotero("import", str(site.root / urljoin("/" + page.url, href).lstrip("/")))
        works = [item for item in items if item["itemType"] != "note"]
        assert len(works) == len(keys), href
        for key, work in zip(keys, works):
            names = [creator.get("lastName") or creator.get("name") for creator in work["creators"]]
            assert names == families(key), (href, key)
            said = work.get("extra", "") + "".join(item["note"] for item in items if item.get("parentItem") == work["key"])
            assert says_all(said, notes_of(key)), (href, key, said)
        group = next(work for key, work in zip(keys, works) if key == "schuster2019")["creators"][-1]
        assert group == {"name": "JULIET Investigators", "creatorType": "author"}, href


def test_download_names_are_the_page_s_and_unique(site: BuiltSite) -> None:
    names = []
    for page in pages_with_references(site):
        block = page.tree.xpath('//article//div[@class="footnote"]')[0]
        line = block.xpath('.//p[@class="reference-downloads"]')[0]
        assert line.text_content() == "Download references: RIS · BibTeX · CSL-JSON"
        names += [str(name) for name in line.xpath("./a/@download")]
    assert len(names) == len(set(names)) and all(name.endswith(("-references.ris", "-references.bib", "-references.json")) for name in names)


def test_the_references_page_offers_the_whole_bibliography(site: BuiltSite) -> None:
    page = site.page("references/")
    [(keys, links)] = lists(page)
    files = downloaded(page, links, site)
    assert sorted(parse_string(files["bib"], "bibtex").entries.keys()) == sorted(BIB.keys())
    assert len(rispy.loads(files["ris"])) == len(BIB) == len(json.loads(files["json"]))
