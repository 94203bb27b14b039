"""The built pages load nothing from another host: no web fonts, CDN scripts,
stylesheets or images. Checked in the HTML and in Chromium on every page."""

from __future__ import annotations

from urllib.parse import urlparse

from conftest import BuiltSite

RESOURCE_ATTRIBUTES = "//script/@src | //link[not(@rel='canonical')]/@href | //img/@src | //iframe/@src | //source/@src"


def test_no_page_references_a_resource_on_another_host(site: BuiltSite) -> None:
    for page in [*site.pages(), site.page("404.html")]:
        for url in page.tree.xpath(RESOURCE_ATTRIBUTES):
            assert not urlparse(url).netloc, f"{page.url}: loads {url}"
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.root.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_no_page_requests_another_host_in_a_browser(site: BuiltSite, served_site: str, browser) -> None:
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for built in site.pages():
        page.goto(served_site + built.url, wait_until="networkidle")
    context.close()
    assert len(requested) > len(site.pages())
    foreign = [url for url in requested if urlparse(url).hostname != "127.0.0.1"]
    assert foreign == []
