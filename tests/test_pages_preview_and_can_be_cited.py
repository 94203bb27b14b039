"""Every page has a meta description and Open Graph tags, so that a pasted link previews
well, and ends with a "Cite this page" block (text and BibTeX) whose copy buttons work."""

from __future__ import annotations


from pybtex.database import parse_string

from conftest import PHONE, TEST_SITE_URL, BuiltSite, new_page


def meta(page, attribute: str, name: str) -> str:
    values = page.tree.xpath(f'//head/meta[@{attribute}="{name}"]/@content')
    assert len(values) == 1, f"/{page.url}: {len(values)} <meta {attribute}='{name}'>"
    return str(values[0])


def test_every_page_has_a_description_and_open_graph_tags(site: BuiltSite) -> None:
    for page in site.pages():
        description = meta(page, "name", "description")
        assert 50 <= len(description) <= 300, f"/{page.url}: description of {len(description)} characters"
        assert meta(page, "property", "og:description") == description
        assert meta(page, "property", "og:url") == TEST_SITE_URL + page.url
        assert meta(page, "property", "og:title") == page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert meta(page, "property", "og:site_name") == "Lymphoma therapy explained"
        assert meta(page, "property", "og:type") in {"website", "article"}


def test_every_page_ends_with_a_cite_this_page_block(site: BuiltSite) -> None:
    for page in site.pages():
        [article] = page.tree.xpath("//article")
        last = article.xpath("./*[not(self::script)]")[-1]
        assert last.get("class") == "cite-this-page", f"/{page.url} does not end with the cite block"
        text = last.xpath("string(.//pre[@class='cite-text'])")
        title = page.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert text.startswith(title) and text.endswith(TEST_SITE_URL + page.url)
        entries = parse_string(last.xpath("string(.//pre[@class='cite-bibtex'])"), "bibtex").entries
        [(key, entry)] = entries.items()
        assert entry.fields["title"] == title
        assert TEST_SITE_URL + page.url in entry.fields["howpublished"]


def test_the_copy_buttons_copy_the_citation(served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True, permissions=["clipboard-read", "clipboard-write"])
    page.goto(served_site + "loncastuximab-dose-finding/")
    for name, source in [("Copy citation", ".cite-text"), ("Copy BibTeX", ".cite-bibtex")]:
        button = page.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        button.tap()
        page.get_by_role("status").filter(has_text="Copied").wait_for(state="visible", timeout=5000)
        assert page.evaluate("navigator.clipboard.readText()") == page.locator(f".cite-this-page {source} code").inner_text()
    page.context.close()
