"""Every page with references hands them to reference managers: Highwire Press tags in its head
(the page itself, with the site as its author and its review date, then one citation_reference
per work of its list), a COinS span on every entry of its list, and under each list the list as
RIS, BibTeX and CSL-JSON files, in the list's order, with the DOIs, pages and PMIDs that
bib/references.bib holds. The References page offers the whole bibliography the same way.
What each part must hold follows Zotero's translators ("Embedded Metadata", "COinS")."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import rispy
import yaml
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


def test_the_head_describes_the_page_and_names_each_work_of_its_list(site: BuiltSite) -> None:
    for page in site.pages():
        keys = list(dict.fromkeys(key for keys, _ in lists(page) for key in keys))
        references = head(page, "citation_reference")
        if not keys:
            assert page.tree.xpath('//head/meta[starts-with(@name, "citation_")]') == [], page.url
            continue
        title = page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert head(page, "citation_title") == [title]
        assert head(page, "citation_author") == [SITE_NAME]
        assert head(page, "citation_public_url") == [TEST_SITE_URL + page.url]
        date = reviewed(page)
        assert head(page, "citation_publication_date") == ([date.strftime("%Y/%m/%d")] if date else []), page.url
        assert len(references) == len(keys), f"/{page.url}: {len(references)} citation_reference for {len(keys)} works"
        for key, content in zip(keys, references):
            pairs = [pair.split("=", 1) for pair in content.split("; ")]
            fields = dict(pairs)
            entry = BIB[key]
            assert plain(fields["citation_title"]) == plain(entry.fields["title"]), key
            assert [v for k, v in pairs if k == "citation_author"][0].startswith(name(entry.persons["author"][0].last_names[0]))
            assert fields.get("citation_doi") == entry.fields.get("doi"), key
            assert fields["citation_publication_date"] == entry.fields["year"]


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
                assert fields["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:journal"
                assert plain(fields["rft.atitle"]) == plain(entry.fields["title"])
                assert fields["rft.jtitle"] == entry.fields["journal"]
            else:
                assert fields["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:dc"
                assert plain(fields["rft.title"]) == plain(entry.fields["title"])
            named = [name(person) for person in entry.persons["author"] if str(person) != "others"]
            assert [v for k, v in pairs if k == "rft.au"] == named
            assert fields.get("rft.pages", "") == "-".join(p for p in pages_of(entry) if p)
            ids = [v for k, v in pairs if k == "rft_id"]
            assert ids == ([f"info:doi/{entry.fields['doi']}"] if "doi" in entry.fields else []), key


def downloaded(page: Page, links: list[str], site: BuiltSite) -> dict[str, str]:
    """The files a list links to, by extension, read from the built site."""
    files = {}
    for href in links:
        path = urljoin("/" + page.url, href).lstrip("/")
        assert (site.root / path).is_file(), f"/{page.url}: {href} is not in the site"
        files[Path(path).suffix.lstrip(".")] = (site.root / path).read_text(encoding="utf-8")
    return files


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
                assert [str(p) for p in bib[key].persons["author"]] == [str(p) for p in BIB[key].persons["author"]]

            records = rispy.loads(files["ris"])
            assert len(records) == len(keys), f"/{page.url}: {len(records)} RIS records for {len(keys)} works"
            for key, record in zip(keys, records):
                entry = BIB[key]
                assert record["type_of_reference"] == ("JOUR" if "journal" in entry.fields else "GEN")
                assert plain(record["title"]) == plain(entry.fields["title"]), f"/{page.url}: RIS order at {key}"
                assert record.get("doi") == entry.fields.get("doi")
                assert record.get("accession_number") == entry.fields.get("pmid")
                first, last = pages_of(entry)
                assert (record.get("start_page", ""), record.get("end_page", "")) == (first, last)
                assert (record.get("secondary_title"), record["year"], record.get("volume")) == (
                    entry.fields.get("journal"), entry.fields["year"], entry.fields.get("volume"))

            items = json.loads(files["json"])
            assert [item["id"] for item in items] == keys
            for item in items:
                entry = BIB[item["id"]]
                assert (item.get("DOI"), item.get("PMID")) == (entry.fields.get("doi"), entry.fields.get("pmid"))
                assert item.get("page") == (entry.fields["pages"].replace("--", "-") if "pages" in entry.fields else None)


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
