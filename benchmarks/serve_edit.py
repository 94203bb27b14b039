"""How long a saved edit takes to appear in the browser under `mkdocs serve`, on the real site.

Copies the project to a temporary folder (the real docs/ is never touched), starts
`mkdocs serve` there on 127.0.0.1 with a bounded lifetime, opens a page in Chromium, then
EDITS times saves a change to that page and times from the save until the browser shows the
new text (live reload: file watch, rebuild, reload). Prints each time, the median and the
maximum, and the rebuild times MkDocs logged. It prints figures; it does not assert anything.

    .venv/bin/python benchmarks/serve_edit.py [--edits 10] [--entries 10000]

--entries adds that many synthetic entries to the copy's bibliography (the real ones stay).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from build_scale import bib_entry
from lighthouse import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["mkdocs.yml", "docs", "bib", "hooks", "overrides"]
PORT = 8766
LIFETIME_S = 600
PAGE, URL_PATH = "docs/about.md", "about/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--entries", type=int, default=0, help="synthetic entries added to the bibliography")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for part in PARTS:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        if args.entries:
            rng = random.Random(2021)
            with (project / "bib" / "references.bib").open("a", encoding="utf-8") as bib:
                bib.write("".join("\n" + bib_entry(i, rng) for i in range(args.entries)))
        log = (project / "serve.log").open("w")
        server = subprocess.Popen(
            ["timeout", str(LIFETIME_S), sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{PORT}"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        base = f"http://127.0.0.1:{PORT}/"
        times: list[float] = []
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + URL_PATH, timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page()
                page.goto(base + URL_PATH)
                page.wait_for_timeout(1000)
                source = project / PAGE
                original = source.read_text(encoding="utf-8")
                for n in range(args.edits):
                    marker = f"Edit number {n} for the benchmark."
                    start = time.perf_counter()
                    source.write_text(original + f"\n{marker}\n", encoding="utf-8")
                    page.get_by_text(marker).wait_for(timeout=30_000)
                    times.append(time.perf_counter() - start)
                    page.wait_for_timeout(500)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
            log.close()
        builds = [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", (project / "serve.log").read_text())]

    print(f"mkdocs serve, real site with {args.entries:,} synthetic entries added to the bibliography, "
          f"{args.edits} edits of {PAGE}; {os.cpu_count()} CPUs")
    print("save to visible (s): " + ", ".join(f"{t:.2f}" for t in times))
    print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    print(f"rebuilds logged by MkDocs (s): median {statistics.median(builds[1:] or builds):.2f}, "
          f"first build {builds[0]:.2f}" if builds else "no build times logged")


if __name__ == "__main__":
    main()
