"""A page load fetches only a small search index stub and a stand-in worker; Material's search
worker and the full index come with the reader's first query, which then finds what the full
index holds, on a phone and on a desktop."""

from __future__ import annotations

import json

import pytest

from conftest import DESKTOP, PHONE, BuiltSite, new_page


def test_the_stub_keeps_the_index_configuration_and_no_documents(site: BuiltSite) -> None:
    stub = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    full = json.loads((site.root / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    assert stub == {"config": full["config"], "docs": []}
    assert len(full["docs"]) > 40
    assert (site.root / "search" / "search_index.json").stat().st_size < 500


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_engine_and_index_load_at_the_first_query(served_site: str, browser, viewport) -> None:
    page = new_page(browser, viewport)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "glossary/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert any(url.endswith("search/search_index.json") for url in requested)
    assert not any("search_index.full.json" in url or "/workers/search." in url or "search-words" in url for url in requested), requested

    if viewport == PHONE:
        page.locator("label[for=__search]").first.click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("cytokine release")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert any("search_index.full.json" in url for url in requested)
    assert any("/workers/search." in url for url in requested)
    assert any("/workers/search-words.js" in url for url in requested)
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    # A second query is answered by the loaded engine, without fetching anything again.
    before = len(requested)
    page.locator("input.md-search__input").fill("")
    page.keyboard.type("ferritin")
    page.wait_for_timeout(500)
    assert "ferritin" in page.locator(".md-search-result").inner_text().lower()
    assert len(requested) == before
    page.context.close()
