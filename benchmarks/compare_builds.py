"""Build times of two versions of this project on the same synthetic library, interleaved, so
that the machine's drift touches both alike.

    git worktree add /tmp/before 4290d91
    .venv/bin/python benchmarks/compare_builds.py /tmp/before --pages 100 --entries 10000

The library (build_scale.py's: PAGES pages of 10 citations from a pool of at most 5,000 keys, ENTRIES entries) is made once from
each version's configuration, hooks and theme. Each version is built once first (cold: its
caches, if it has any, are empty), then the two are built in turn, RUNS times each (warm). It
prints the cold times and the warm medians; it does not assert anything.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

import build_scale
from build_scale import build_seconds

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
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
