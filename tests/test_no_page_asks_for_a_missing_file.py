"""No page of the site asks the server for a file it does not have, and none logs an error in
the browser's console: every content page, every share address (`<page>s/<id>/`, through its
refresh to the page), the 404 page and the offline page, served under the subpath of the site's
address as the published site is. The server's own log is read, because a browser's request
for the site's icon (`/favicon.ico` at the server's root when a page names none) is not one the
page's scripts or Playwright's network events see."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PHONE, TEST_SITE_URL, BuiltSite, new_page

SUBPATH = urlsplit(TEST_SITE_URL).path.strip("/") + "/"


class LoggingHandler(http.server.SimpleHTTPRequestHandler):
    answers: list[tuple[str, int]]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.answers.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def logged_site(site: BuiltSite, tmp_path: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The built site served under its subpath from a server that records every request it
    answers: (the site's address, the list of (path, status))."""
    www = tmp_path / "www"
    www.mkdir()
    (www / SUBPATH.rstrip("/")).symlink_to(site.root, target_is_directory=True)
    answers: list[tuple[str, int]] = []
    handler = type("Handler", (LoggingHandler,), {"answers": answers})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{SUBPATH}", answers
    finally:
        server.shutdown()
        server.server_close()


def test_no_page_requests_a_missing_file_or_logs_an_error(site: BuiltSite, logged_site, browser) -> None:
    base, answers = logged_site
    shares = sorted(p.parent.relative_to(site.root).as_posix() + "/" for p in site.root.glob("**/s/*/index.html"))
    addresses = [page.url for page in site.pages()] + shares + ["404.html", "offline.html"]
    assert len(shares) > 40
    page = new_page(browser, PHONE, touch=True)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for address in addresses:
        page.goto(base + address, wait_until="load")
        if address in shares:  # the refresh takes the reader to the page
            page.wait_for_url(lambda url: "/s/" not in url)
            page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # the browser asks for an icon after the load
    page.context.close()
    missing = sorted({f"{path} ({status})" for path, status in answers if status >= 400})
    assert missing == [], f"{len(missing)} requests failed: {missing}"
    assert errors == []
