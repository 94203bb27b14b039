"""How the build time grows with pages and bibliography size.

Generates a synthetic library next to a copy of this project's configuration, hooks and
theme (the real mkdocs.yml, so the measured pipeline is the site's own): PAGES pages of
CITES citations each, drawn from a BibTeX file of ENTRIES entries. Each library is built
RUNS times as written and RUNS times with every citation and bibliography marker removed
(each variant in a folder of its own, made for the run), and the script prints wall-clock
times and ratios. The builds are interleaved: each round builds every library once.

The citation layer keeps formatted references, their HTML and the checked bibliography's hash
in `.cache/`: the first build of a library is "cold" (pandoc formats every cited entry), the
builds after it are "warm" (an edit formats only what changed). The table gives both: the
cold time is the first build's, the warm time the median of the others.

Last, it times the citation layer's start of a build alone (reading and checking the
bibliography, finding the citations, taking the references from the cache) for each
bibliography size: what a bigger bibliography costs, without the noise of whole builds.

    .venv/bin/python benchmarks/build_scale.py                 # 500 pages x 10, 5,000 and 10,000 entries
    .venv/bin/python benchmarks/build_scale.py --pages 50 --entries 50 1000 5000 --runs 1

It prints figures; it does not assert anything.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
SURNAMES = ["Jain", "Strati", "Neelapu", "Hamadani", "McMillan", "Locke", "Schuster", "Nastoupil", "Deng", "Dean"]
WORDS = "immune tumor response lymphoma therapy cells signaling dose toxicity outcome marker trial".split()
JOURNALS = ["Blood", "J Clin Oncol", "N Engl J Med", "Lancet Oncol", "Nat Med"]


def bib_entry(i: int, rng: random.Random) -> str:
    authors = " and ".join(f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(rng.randint(1, 8)))
    title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
    return (
        f"@article{{ref{i:05d},\n  author = {{{authors}}},\n  title = {{{title}}},\n"
        f"  journal = {{{rng.choice(JOURNALS)}}},\n  year = {{{rng.randint(1990, 2024)}}},\n"
        f"  volume = {{{rng.randint(1, 140)}}},\n  number = {{{rng.randint(1, 24)}}},\n"
        f"  pages = {{{rng.randint(1, 900)}--{rng.randint(901, 999)}}},\n  doi = {{10.0000/synthetic.{i}}}\n}}\n"
    )


def page_text(n: int, keys: list[str], with_citations: bool) -> str:
    lines = [f"# Synthetic page {n} {{#page-{n}}}", ""]
    for s, key in enumerate(keys):
        if s % 3 == 0:
            lines += [f"## Section {s} {{#section-{s}}}", ""]
        cite = f"[@{key}]" if with_citations else ""
        lines += [f"Sentence {s} of page {n} about lymphoma therapy and its response.{cite}", ""]
    if with_citations:
        lines += ["## References {#references}", "", "\\bibliography", ""]
    return "\n".join(lines)


def make_library(dest: Path, pages: int, cites: int, entries: int, cited_pool: int, with_citations: bool) -> None:
    """Write a project into `dest`: the real configuration with synthetic docs and bib."""
    for part in ["hooks", "overrides"]:
        shutil.copytree(ROOT / part, dest / part)
    (dest / "docs").mkdir()
    shutil.copytree(ROOT / "docs/includes", dest / "docs/includes")
    (dest / "bib").mkdir()

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # Let MkDocs list every page itself; the real navigation names the real pages.
    start = config.index("\nnav:")
    end = config.index("\ntheme:")
    (dest / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")

    rng = random.Random(2021)
    (dest / "bib/references.bib").write_text("".join(bib_entry(i, rng) for i in range(entries)), encoding="utf-8")
    pick = random.Random(19)
    for n in range(pages):
        keys = [f"ref{k:05d}" for k in pick.sample(range(cited_pool), cites)]
        (dest / "docs" / f"page-{n:04d}.md").write_text(page_text(n, keys, with_citations), encoding="utf-8")
    (dest / "docs/index.md").write_text("# Synthetic library {#home}\n\nGenerated for a benchmark.\n", encoding="utf-8")


def build_seconds(project: Path) -> float:
    """Wall-clock seconds of one strict build of `project`."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/library/"},
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stderr[-2000:]}")
    return seconds


LAYER_START = """
import os, statistics, sys, time
os.environ["SITE_URL"] = "https://example.org/library/"
from mkdocs.config import load_config
seconds = []
for _ in range(int(sys.argv[1])):
    config = load_config("mkdocs.yml")
    hook = config.plugins["hooks/citations/hook.py"]
    start = time.perf_counter()
    hook.on_config(config)
    seconds.append(time.perf_counter() - start)
print(statistics.median(seconds))
"""


def layer_start_seconds(project: Path, repeats: int) -> float:
    """The median time of the citation layer's start of a build (read and check the
    bibliography, find every page's citations, take the references from the cache), in a
    process of its own, where a warm build spends it."""
    result = subprocess.run([sys.executable, "-c", LAYER_START, str(repeats)], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the layer's start in {project} failed:\n{result.stderr[-2000:]}")
    return float(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--cites", type=int, default=10, help="citations per page")
    parser.add_argument("--entries", type=int, nargs="+", default=[5000, 10000], help="bibliography sizes")
    parser.add_argument("--runs", type=int, default=4, help="rounds: the first builds cold, the others warm")
    args = parser.parse_args()
    # Every size cites the same keys, so a bigger bibliography only adds uncited entries.
    pool = min(args.entries)

    print(f"{args.pages} pages x {args.cites} citations; {args.runs} rounds, each building every library once in "
          "turn, so that a slower minute of the machine weighs on all of them. The first round is cold (empty caches, "
          "and Python compiles the copied hooks); times are the median of the other rounds, and the cold time is the "
          "first round's. Ratios and the doubling: the median of each round's own ratio (its range in brackets); the "
          "cold ratio is against the first build without citations. "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    print()
    with tempfile.TemporaryDirectory() as tmp:
        libraries = []
        for entries in args.entries:
            plain, cited = Path(tmp, f"plain-{entries}"), Path(tmp, f"cited-{entries}")
            for folder, with_citations in ((plain, False), (cited, True)):
                folder.mkdir()
                make_library(folder, args.pages, args.cites, entries, pool, with_citations)
            libraries.append((entries, plain, cited))
        times: dict[Path, list[float]] = {}
        for _ in range(args.runs):
            for _, plain, cited in libraries:
                for folder in (plain, cited):
                    times.setdefault(folder, []).append(build_seconds(folder))
        start = {entries: layer_start_seconds(cited, 15) for entries, _, cited in libraries}

    def spread(ratios: list[float], offset: float = 0.0, form: str = "{:.2f}") -> str:
        shown = [form.format(r + offset) for r in (statistics.median(ratios), min(ratios), max(ratios))]
        return f"{shown[0]} ({shown[1]} to {shown[2]})"

    print("| Entries | Without citations (s) | With, cold (s) | Ratio cold | With, warm (s) | Ratio warm | Warm vs. smallest bibliography |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    smallest = libraries[0][2]
    for entries, plain, cited in libraries:
        cold, *warm = times[cited]
        rounds = list(zip(times[plain], times[cited], times[smallest]))[1:] or [(times[plain][0], cold, cold)]
        doubling = "" if cited == smallest else spread([c / s for _, c, s in rounds], -1, "{:+.1%}")
        print(f"| {entries:,} | {statistics.median(times[plain][1:] or times[plain]):.2f} | {cold:.2f} | {cold / times[plain][0]:.2f} | "
              f"{statistics.median(warm or [cold]):.2f} | {spread([c / p for p, c, _ in rounds])} | {doubling} |", flush=True)
    print()
    print("The citation layer's start of a build, measured alone (median of 15): " + "; ".join(
        f"{entries:,} entries {seconds * 1000:.0f} ms" for entries, seconds in start.items()))


if __name__ == "__main__":
    main()
