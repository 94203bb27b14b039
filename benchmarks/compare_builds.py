"""Build times of two versions of this project on the same synthetic library, interleaved, so
that the machine's drift touches both alike.

    git worktree add /tmp/before 4290d91
    .venv/bin/python benchmarks/compare_builds.py /tmp/before --pages 100 --entries 10000

The library (build_scale.py's: PAGES pages of 10 citations from a pool of at most 5,000 keys, ENTRIES entries) is made once from
each version's configuration, hooks and theme. Each version is built once first (cold: its
caches, if it has any, are empty), then the two are built in turn, RUNS times each (warm). It
prints the cold times and the warm medians; it does not assert anything.

With --files, it builds this project's real pages from both versions instead (SITE_URL as the
tests set it) and compares the two sites file by file, or compares two sites already built:

    .venv/bin/python benchmarks/compare_builds.py /tmp/before --files
    .venv/bin/python benchmarks/compare_builds.py --sites /tmp/site-before /tmp/site-now

It prints each file only one site has and the first differing lines of each file that differs,
after masking the version hashes that name a build's content (`?v=<hash>` on a stylesheet, the
service worker's version), which it counts apart; it exits 1 if anything else differs.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import build_scale
from build_scale import build_seconds

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://teaching.example.org/lymphoma/"
# What names a build's content rather than being it: a stylesheet's ?v=, the worker's version.
VERSIONS = re.compile(r'\?v=[0-9a-f]{8}\b|(?<=const VERSION = )"[0-9a-f]{16}"')


def build_site(project: Path, site: Path) -> None:
    """`project`'s own pages, built as the deploy workflow builds them."""
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=project, env=env, check=True)


def differences(before: Path, now: Path) -> tuple[list[str], int]:
    """What differs between two built sites, file by file, and how many files differ only in versions."""
    names = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    names_now = {p.relative_to(now).as_posix() for p in now.rglob("*") if p.is_file()}
    found = [f"only in {before}: {name}" for name in sorted(names - names_now)]
    found += [f"only in {now}: {name}" for name in sorted(names_now - names)]
    versions_only = 0
    for name in sorted(names & names_now):
        a, b = (before / name).read_bytes(), (now / name).read_bytes()
        if a == b:
            continue
        try:
            text_a, text_b = a.decode("utf-8"), b.decode("utf-8")
        except UnicodeDecodeError:
            found.append(f"differs (binary, {len(a):,} and {len(b):,} bytes): {name}")
            continue
        masked_a, masked_b = VERSIONS.sub("<version>", text_a), VERSIONS.sub("<version>", text_b)
        if masked_a == masked_b:
            versions_only += 1
            continue
        diff = difflib.unified_diff(masked_a.splitlines(), masked_b.splitlines(), "before/" + name, "now/" + name, n=0, lineterm="")
        found.append(f"differs: {name}\n" + "\n".join(list(diff)[:12]))
    return found, versions_only


def compare_files(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        if args.sites:
            before, now = args.sites
        else:
            before, now = Path(tmp, "before"), Path(tmp, "now")
            build_site(args.before.resolve(), before)
            build_site(ROOT, now)
        found, versions_only = differences(before, now)
        files = sum(1 for p in now.rglob("*") if p.is_file())
    for line in found:
        print(line)
    print(f"{files} files; {len(found)} differ; {versions_only} differ only in version hashes")
    return 1 if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, nargs="?", help="a checkout of the version to compare with")
    parser.add_argument("--files", action="store_true", help="build both versions' own pages and compare the sites file by file")
    parser.add_argument("--sites", type=Path, nargs=2, metavar=("BEFORE", "NOW"), help="compare two built sites file by file")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.files or args.sites:
        if not args.sites and args.before is None:
            parser.error("--files needs the checkout to compare with")
        sys.exit(compare_files(args))
    if args.before is None:
        parser.error("give the checkout to compare with")
    with tempfile.TemporaryDirectory() as tmp:
        projects = {"before": Path(tmp, "before"), "now": Path(tmp, "now")}
        for name, source in (("before", args.before.resolve()), ("now", ROOT)):
            projects[name].mkdir()
            build_scale.ROOT = source
            build_scale.make_library(projects[name], args.pages, 10, args.entries, min(args.entries, 5000), with_citations=True)
        cold = {name: build_seconds(project) for name, project in projects.items()}
        times: dict[str, list[float]] = {"before": [], "now": []}
        for _ in range(args.runs):
            for name, project in projects.items():
                times[name].append(build_seconds(project))
    print(f"{args.pages} pages x 10 citations, {args.entries:,} entries; {os.cpu_count()} CPUs; median of {args.runs}")
    for name in projects:
        print(f"{name}: cold {cold[name]:.2f} s, warm {statistics.median(times[name]):.2f} s")


if __name__ == "__main__":
    main()
