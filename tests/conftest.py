"""Shared fixtures: one strict build of the real site, a copy of the project to break,
the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "docs", "bib", "hooks", "overrides"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
SERVER_LIFETIME_S = 3600  # the whole suite, on a busy two-core machine, with room; CI stops at 5,400 s
# The tests build as if published here, to prove that addresses and QR codes follow site_url.
TEST_SITE_URL = "https://teaching.example.org/lymphoma/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build` of `project` into `site_dir`, capturing its output;
    `env` adds environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@dataclass(frozen=True)
class Page:
    """One built HTML page: its URL relative to the site root and its parsed tree."""

    url: str
    path: Path
    source: str

    @cached_property
    def tree(self) -> lxml_html.HtmlElement:
        return lxml_html.fromstring(self.source)


@dataclass(frozen=True)
class BuiltSite:
    root: Path

    def page(self, url: str) -> Page:
        path = self.root / url / "index.html" if url.endswith("/") or url == "" else self.root / url
        return Page(url, path, path.read_text(encoding="utf-8"))

    def pages(self) -> list[Page]:
        """Every content page (not the 404 page or redirect stubs)."""
        found = []
        for path in sorted(self.root.rglob("index.html")):
            url = path.parent.relative_to(self.root).as_posix() + "/"
            url = "" if url == "./" else url
            source = path.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' not in source:
                found.append(Page(url, path, source))
        return found


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return BuiltSite(site_dir)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's build inputs, for tests that break them. It starts
    warm: the project's .cache/ comes along (every entry is keyed by what it was made from, so
    a broken input misses it), and a test of a cold build deletes it."""
    for part in [*PROJECT_PARTS, ".cache"]:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, tmp_path / part)
    return tmp_path


# The test sets by speed: `pytest -m unit` (no build, no browser: seconds), `-m build` (builds
# the site or a copy of the project), `-m browser` (drives Chromium). A test's set follows from
# the fixtures it asks for; a test that builds on its own says so with @pytest.mark.build.
BROWSER_FIXTURES = {"browser", "served_site"}
BUILD_FIXTURES = {"site", "project_copy"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif fixtures & BUILD_FIXTURES or item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 for at most SERVER_LIFETIME_S; yield its address; stop it by PID."""
    port = _free_port()
    server = subprocess.Popen(
        ["timeout", str(SERVER_LIFETIME_S), sys.executable, "-m", "http.server",
         "--bind", "127.0.0.1", "--directory", str(directory), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"the test server on {base} did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def served_site(site: BuiltSite) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    with serving(site.root) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser, viewport: dict[str, int], *, touch: bool = False, **options: object):
    """A page in a fresh browser context; `touch` makes it a phone with a touch screen. The site's
    offline service worker is blocked (it would download the whole site beside the test) unless
    `service_workers="allow"` is passed: tests/test_offline_reading.py does."""
    options.setdefault("service_workers", "block")
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch, **options)
    return context.new_page()


def activate(page, control, how: str) -> None:
    """Use a control as a reader would: a tap on a touch screen ("tap"), Enter from the keyboard."""
    if how == "tap":
        control.scroll_into_view_if_needed()
        control.tap()
    else:
        control.focus()
        page.keyboard.press("Enter")


# A PNG's pixels in the page: `const context = await drawn(src)`, a 2D context of its own size.
DRAW_IMAGE = """const drawn = async src => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return context;
};
"""


def squash(text: str) -> str:
    """Text with runs of white space made single and back-link arrows dropped."""
    return re.sub(r"\s+", " ", text.replace("\u21a9", "")).strip()


def reference_text(site: BuiltSite, url: str, href: str) -> str:
    """The built text of the reference that a citation link (`#fn:key`) on page `url` points to."""
    item = site.page(url).tree.xpath(f'//li[@id="{href.removeprefix("#")}"]')[0]
    return squash(item.text_content())


@dataclass(frozen=True)
class SearchResult:
    """One result group: its page's address, its sections' addresses and texts in the order shown
    (those under "N more on this page" last), and the words it marks."""

    page: str
    sections: list[tuple[str, str]]
    marks: list[str]


@pytest.fixture(scope="module")
def search(served_site: str, browser) -> Iterator[object]:
    """A function: the search dialog's results for a query typed into it, on a desktop page."""
    page = new_page(browser, DESKTOP)
    page.goto(served_site + "about/")

    def results(query: str) -> list[SearchResult]:
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        page.keyboard.type(query)
        page.locator(".md-search-result__meta").filter(has_text=re.compile("matching document")).wait_for()
        page.wait_for_timeout(300)
        found = []
        for item in page.locator(".md-search-result__item").all():
            links = item.locator("a.md-search-result__link").all()
            found.append(SearchResult(
                page=links[0].get_attribute("href").removeprefix(served_site),
                sections=[(a.get_attribute("href").removeprefix(served_site), squash(a.text_content())) for a in links[1:]],
                marks=[m.lower() for m in item.locator("mark").all_inner_texts()],
            ))
        return found

    yield results
    page.context.close()
