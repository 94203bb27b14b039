"""Lighthouse (mobile, simulated slow 4G) on every page of the built site, served with gzip on
127.0.0.1 as a static host serves it, plus the bytes a reader's browser transfers.

    npm ci --prefix benchmarks && .venv/bin/python benchmarks/lighthouse.py

For each page it prints the four Lighthouse scores, Lighthouse's total byte weight, any request
to another host, and, counted by the server as it sends them (headers included), the bytes of
a first load in Chromium at 390 px with an empty cache, and the extra bytes of opening that page
from the home page in the same tab. (Lighthouse does not count the body of a web worker's
script, so its byte weight can be lower.) The first loads are measured without the offline
service worker, whose copy of the site is downloaded after the page has loaded; the bytes of
that copy are printed on their own. It prints figures; it does not assert anything. With `--bytes-only` it skips Lighthouse and
prints only the bytes (a quick check of the 80 KB first-load budget while working).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}/"
SERVER_LIFETIME_S = 1800
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def build(site: Path) -> list[str]:
    """Build the site as published at BASE; return the URL path of every content page."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT, check=True, env={**os.environ, "SITE_URL": BASE, "NO_MKDOCS_2_WARNING": "1"},
    )
    pages = []
    for index in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' not in index.read_text(encoding="utf-8"):
            url = index.parent.relative_to(site).as_posix() + "/"
            pages.append("" if url == "./" else url)
    return pages


def lighthouse(url: str, out: Path) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         "--chrome-flags=" + " ".join(FLAGS)],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    return json.loads(out.read_text(encoding="utf-8"))


def sent_since(log: Path, offset: int) -> tuple[int, int]:
    """(bytes the server logged after `offset`, the log's new end)."""
    text = log.read_text(encoding="utf-8")
    return sum(int(line.split()[0]) for line in text[offset:].splitlines()), len(text)


def transferred(browser, log: Path, first: str, then: str | None = None) -> tuple[int, int]:
    """(bytes of loading `first` with an empty cache, extra bytes of then opening `then`)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    _, start = sent_since(log, 0)
    page.goto(first, wait_until="networkidle")
    page.wait_for_timeout(500)
    first_bytes, start = sent_since(log, start)
    then_bytes = 0
    if then is not None:
        page.goto(then, wait_until="networkidle")
        page.wait_for_timeout(500)
        then_bytes, _ = sent_since(log, start)
    context.close()
    return first_bytes, then_bytes


def offline_copy(browser, log: Path) -> int:
    """Bytes of a first visit to the home page with the service worker, which after the page
    has loaded downloads the copy of the site it keeps for offline reading."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    _, start = sent_since(log, 0)
    page.goto(BASE, wait_until="load")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(1500)
    total, _ = sent_since(log, start)
    context.close()
    return total


def main() -> None:
    bytes_only = "--bytes-only" in sys.argv[1:]
    if not bytes_only and not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: npm ci --prefix benchmarks")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        pages = build(site)
        log = Path(tmp, "bytes.log")
        log.touch()
        server = subprocess.Popen(
            ["timeout", str(SERVER_LIFETIME_S), sys.executable, str(ROOT / "benchmarks" / "serve_gzip.py"),
             str(site), str(PORT), str(log)]
        )
        try:
            for _ in range(50):
                try:
                    urllib.request.urlopen(BASE, timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            rows = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                report: dict = {"lighthouseVersion": "not run", "environment": {"benchmarkIndex": 0}}
                for url in pages:
                    scores, weight, other_hosts = ["-"] * 4, 0.0, []
                    if not bytes_only:
                        report = lighthouse(BASE + url, Path(tmp, "report.json"))
                        scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                        weight = report["audits"]["total-byte-weight"]["numericValue"]
                        requests = report["audits"]["network-requests"]["details"]["items"]
                        other_hosts = sorted({r["url"] for r in requests if not r["url"].startswith((BASE, "data:"))})
                    first, _ = transferred(browser, log, BASE + url)
                    _, second = transferred(browser, log, BASE, BASE + url) if url else (0, 0)
                    rows.append((url or "(home)", *scores, weight, first, second, len(other_hosts)))
                copied = offline_copy(browser, log)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"Lighthouse {report['lighthouseVersion']}, mobile, simulated slow 4G; "
          f"benchmark index {report['environment']['benchmarkIndex']:.0f}; served gzip on 127.0.0.1")
    print()
    print("| Page | Perf. | Access. | Best pr. | SEO | Lighthouse bytes | First load (B) | From home page (B) | Other hosts |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, perf, a11y, best, seo, weight, first, second, others in rows:
        print(f"| {name} | {perf} | {a11y} | {best} | {seo} | {weight:,.0f} | {first:,} | {second:,} | {others} |")
    print()
    home = next(row[6] for row in rows if row[0] == "(home)")
    print(f"A first visit to the home page with the offline copy the service worker downloads after the page "
          f"has loaded: {copied:,} B (the page itself: {home:,} B; the copy: {copied - home:,} B)")


if __name__ == "__main__":
    main()
