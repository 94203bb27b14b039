"""Offline reading, in Chromium: once the site has been opened, every page opens without a
network; a page that is not saved shows the site's offline notice; a share address of a saved
page lands on its section; online, pages come from the
network, so an edited page shows at once; a new deploy replaces the old cache; all of it under
the Content Security Policy and under a subpath, as GitHub Pages serves a project site; search
works offline too, for a reader who never searched online."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PHONE, BuiltSite, new_page, serving
from helpers import assert_lands_right

SUBPATH = "lymphoma/"
READY = """navigator.serviceWorker.ready.then(r => r.active.state === "activated" ? "activated" :
  new Promise(done => r.active.addEventListener("statechange", e => e.target.state === "activated" && done("activated"))))"""
CACHES = "caches.keys()"


@pytest.fixture
def deployed(site: BuiltSite, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the built site served under a subpath on 127.0.0.1: (its address, its folder).
    Its files are dated a day back, so a browser's HTTP cache would take them for fresh for
    hours, as it may a static host's files after a deploy."""
    shutil.copytree(site.root, tmp_path / "www" / SUBPATH)
    day_ago = time.time() - 86400
    for path in (tmp_path / "www").rglob("*"):
        os.utime(path, (day_ago, day_ago))
    with serving(tmp_path / "www") as root:
        yield root + SUBPATH, tmp_path / "www" / SUBPATH


def open_site(browser, base: str):
    page = new_page(browser, PHONE, touch=True, service_workers="allow")
    violations: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto(base)
    assert page.evaluate(READY) == "activated"
    return page, violations


def test_every_page_opens_offline_after_the_first_visit(site: BuiltSite, deployed, browser) -> None:
    base, _ = deployed
    page, violations = open_site(browser, base)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == base, "the worker's scope is the site's folder"
    page.context.set_offline(True)
    for built in site.pages():
        page.goto(base + built.url)
        title = built.tree.xpath("string(//article//h1)").replace("\u2060\u00b6", "").strip()
        assert page.locator("article h1").inner_text().replace("\u2060\u00b6", "").strip() == title, built.url
        assert page.locator(".md-header").is_visible()  # with its styles
    assert violations == []
    page.context.close()


def test_a_page_not_saved_shows_the_offline_notice(deployed, browser) -> None:
    base, _ = deployed
    page, _ = open_site(browser, base)
    page.context.set_offline(True)
    page.goto(base + "a-page-never-opened/")
    assert page.locator("article h1").inner_text().startswith("You are offline")
    assert page.locator(".md-header").is_visible() and page.locator("link[rel=stylesheet]").count() >= 2
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.context.close()


@pytest.mark.parametrize("url, anchor", [("car-t-failure/", "antigen-escape"), ("loncastuximab-dose-finding/", "check-cycle-1-window")])
def test_a_share_address_never_opened_lands_on_its_section_offline(deployed, browser, url: str, anchor: str) -> None:
    base, folder = deployed
    assert (folder / url / "s" / anchor / "index.html").is_file()
    page, violations = open_site(browser, base)
    page.context.set_offline(True)
    page.goto(f"{base}{url}s/{anchor}/")  # share pages are not saved: the saved page answers
    page.wait_for_url(f"{base}{url}#{anchor}")
    assert not page.locator("article h1").inner_text().startswith("You are offline")
    assert_lands_right(page, anchor, f"/{url}s/{anchor}/ offline")
    assert violations == []
    page.context.close()


def test_online_pages_come_from_the_network_and_a_deploy_replaces_the_cache(deployed, browser) -> None:
    base, folder = deployed
    page, _ = open_site(browser, base)
    old_caches = page.evaluate(CACHES)
    assert len(old_caches) == 1
    about = folder / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("You are offline", "x").replace(
        "A set of teaching pages", "A freshly deployed set of teaching pages"), encoding="utf-8")
    worker = folder / "sw.js"
    worker.write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "next-deploy"', worker.read_text(encoding="utf-8")), encoding="utf-8")
    page.goto(base + "about/")
    assert "A freshly deployed set of teaching pages" in page.locator("article").inner_text()
    page.evaluate("navigator.serviceWorker.ready.then(r => r.update())")
    for _ in range(100):
        if page.evaluate(CACHES) == ["lymphoma-explained-next-deploy"]:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(CACHES) == ["lymphoma-explained-next-deploy"], "the new deploy's worker replaces the old cache"
    page.context.set_offline(True)
    page.goto(base + "about/")
    assert "A freshly deployed set of teaching pages" in page.locator("article").inner_text()
    page.context.close()


def test_the_search_engine_is_saved_at_install_and_source_maps_are_not(deployed, browser) -> None:
    base, _ = deployed
    page, _ = open_site(browser, base)
    cached = page.evaluate("caches.keys().then(n => caches.open(n[0])).then(c => c.keys()).then(r => r.map(q => q.url))")
    assert base + "car-t-failure/" in cached and base + "offline.html" in cached
    assert base + "search/search_index.full.json" in cached and [url for url in cached if "/workers/search." in url]
    assert not [url for url in cached if url.endswith(".map")]
    page.context.close()


def test_search_works_offline_for_a_reader_who_never_searched_online(deployed, browser) -> None:
    base, _ = deployed
    page, violations = open_site(browser, base)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.context.set_offline(True)
    page.goto(base + "glossary/")
    page.locator("label[for=__search]").first.click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("ferritin")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile("matching document")).wait_for(timeout=10000)
    assert "ferritin" in page.locator(".md-search-result__list").inner_text().lower()
    assert violations == []
    page.context.close()
