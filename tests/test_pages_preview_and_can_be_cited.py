"""Every page has a meta description and Open Graph tags, so that a pasted link previews
well, with a card of its own (a 1200 × 630 PNG, at most 300 KB, with alt text), and ends with a
"Cite this page" block (text and BibTeX) whose copy buttons work: the copy says when the page
was accessed (today), and a page with a review date gives it."""

from __future__ import annotations

import datetime
import re

import yaml
from pybtex.database import parse_string

from conftest import PHONE, ROOT, TEST_SITE_URL, BuiltSite, new_page
from helpers import assert_is_a_card, meta

SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


def test_every_page_has_a_description_and_open_graph_tags(site: BuiltSite) -> None:
    for page in site.pages():
        description = meta(page, "name", "description")
        assert 50 <= len(description) <= 300, f"/{page.url}: description of {len(description)} characters"
        assert meta(page, "property", "og:description") == description
        assert meta(page, "property", "og:url") == TEST_SITE_URL + page.url
        assert meta(page, "property", "og:title") == page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert meta(page, "property", "og:site_name") == "Lymphoma therapy explained"
        assert meta(page, "property", "og:type") in {"website", "article"}
        assert meta(page, "property", "og:locale") == "en_US"  # Open Graph's form: language_TERRITORY


def test_the_404_and_offline_pages_carry_no_empty_open_graph_tag(site: BuiltSite) -> None:
    for name in ["404.html", "offline.html"]:
        page = site.page(name)
        tags = page.tree.xpath("//head/meta[starts-with(@property, 'og:')]")
        assert len(tags) >= 3, name
        empty = [tag.get("property") for tag in tags if not tag.get("content", "").strip()]
        assert empty == [], f"{name}: empty {empty}"


def test_every_page_ends_with_a_cite_this_page_block(site: BuiltSite) -> None:
    for page in site.pages():
        [article] = page.tree.xpath("//article")
        last = article.xpath("./*[not(self::script)]")[-1]
        assert last.get("class") == "cite-this-page", f"/{page.url} does not end with the cite block"
        text = last.xpath("string(.//pre[@class='cite-text'])")
        title = page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert text.startswith(f"{title}. ") and text.endswith(TEST_SITE_URL + page.url)
        assert text.count(SITE_NAME) == 1, f"/{page.url}: {text}"  # the home page's title is the site's name
        assert text.count("Accessed") == 1
        entries = parse_string(last.xpath("string(.//pre[@class='cite-bibtex'])"), "bibtex").entries
        [(key, entry)] = entries.items()
        # in braces, so that BibTeX keeps its case ("CAR T-cell ... B-cell", not "Car t-cell ... b-cell")
        assert entry.fields["title"] == "{" + title + "}"
        assert TEST_SITE_URL + page.url in entry.fields["howpublished"]
        # one date of access: urldate, no note "Accessed ..." beside it
        assert entry.fields["urldate"] == "[date]" and "note" not in entry.fields


def reviewed(url: str) -> datetime.date | None:
    source = ROOT / "docs" / ("index.md" if url == "" else url.rstrip("/") + ".md")
    value = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1]).get("reviewed")
    return value if value is None else datetime.date.fromisoformat(str(value))


def test_a_page_with_a_review_date_is_cited_with_it(site: BuiltSite) -> None:
    dated = 0
    for page in site.pages():
        date = reviewed(page.url)
        text = page.tree.xpath("string(//pre[@class='cite-text'])")
        [entry] = parse_string(page.tree.xpath("string(//pre[@class='cite-bibtex'])"), "bibtex").entries.values()
        if date is None:
            assert "Updated" not in text and "date" not in entry.fields, page.url
            continue
        dated += 1
        # AMA gives a web page's last update as "Updated", before the date of access
        assert f". Updated {date:%B} {date.day}, {date.year}. Accessed [date]. " in text, page.url
        assert (entry.fields["date"], entry.fields["year"]) == (date.isoformat(), str(date.year))
    assert dated >= 2, "the two commentary pages have a review date"


def test_the_copy_buttons_copy_the_citation_accessed_today(served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True, permissions=["clipboard-read", "clipboard-write"])
    page.goto(served_site + "loncastuximab-dose-finding/")
    today = page.evaluate("[new Date().getFullYear(), new Date().getMonth() + 1, new Date().getDate()]")
    day = datetime.date(*today)
    for name, source in [("Copy citation", ".cite-text"), ("Copy BibTeX", ".cite-bibtex")]:
        button = page.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        button.tap()
        page.get_by_role("status").filter(has_text="Copied").wait_for(state="visible", timeout=5000)
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = page.locator(f".cite-this-page {source} code").inner_text()
        assert "[date]" in shown and "[date]" not in copied
        assert copied == shown.replace("Accessed [date]", f"Accessed {day:%B} {day.day}, {day.year}", 1) if name == "Copy citation" \
            else shown.replace("urldate = {[date]}", f"urldate = {{{day.isoformat()}}}", 1)
        if name == "Copy BibTeX":
            [entry] = parse_string(copied, "bibtex").entries.values()
            assert entry.fields["urldate"] == day.isoformat()
    page.context.close()


def test_without_javascript_the_citation_stays_as_written(served_site: str, browser, site: BuiltSite) -> None:
    page = new_page(browser, PHONE, java_script_enabled=False)
    page.goto(served_site + "car-t-failure/")
    built = site.page("car-t-failure/").tree
    for source, placeholder in (("cite-text", "Accessed [date]"), ("cite-bibtex", "urldate = {[date]}")):
        assert page.locator(f".cite-this-page .{source} code").inner_text() == built.xpath(f"string(//pre[@class='{source}'])")
        assert placeholder in built.xpath(f"string(//pre[@class='{source}'])")
    assert page.get_by_role("button", name=re.compile("^Copy")).count() == 0  # hidden until the script runs
    page.context.close()


def test_every_page_has_a_card_with_absolute_tags_and_alt_text(site: BuiltSite) -> None:
    cards = set()
    for page in site.pages():
        png = assert_is_a_card(site, page, f"/{page.url}")
        cards.add(png)
        alt = meta(page, "property", "og:image:alt")
        assert alt.startswith("Lymphoma therapy explained: "), alt
        title = meta(page, "property", "og:title")
        assert title in alt or title == "Lymphoma therapy explained", f"/{page.url}: the alt text does not say the title: {alt}"
        # The page never loads its own card: only the tags name it.
        name = meta(page, "property", "og:image").rsplit("/", 1)[1]
        assert page.tree.xpath(f"//*[contains(@src, '{name}') or contains(@href, '{name}') or contains(@srcset, '{name}')]") == [], f"/{page.url} loads its card"
    assert len(cards) == len(site.pages()), "each page has a card of its own"


def test_a_commentary_page_card_names_its_source(site: BuiltSite) -> None:
    for url, source in [("car-t-failure/", "After Strati & Neelapu, Blood 2021"), ("loncastuximab-dose-finding/", "After McMillan, Blood 2021")]:
        assert meta(site.page(url), "property", "og:image:alt").endswith(". " + source)
