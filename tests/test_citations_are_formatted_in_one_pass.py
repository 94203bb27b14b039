"""The citation layer formats a build's references in one pandoc run over only the cited
entries, and none when an earlier build formatted them already (the export stage reads the
cited entries as CSL-JSON in one more run, kept the same way); formatting only the cited
entries gives exactly the references formatted from the whole bibliography; locators read as
pandoc prints them with the journal's style."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypandoc
import pytest

from citations import mkdocs_bibtex_adapter
from citations.find import parse_citation
from citations.format import format_locator, resolve_style
from citations.read import read
from conftest import ROOT

COUNT_PANDOC_RUNS = """
import os
import sys
import pypandoc
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ["SITE_URL"] = "https://teaching.example.org/lymphoma/"
runs = []
convert_text = pypandoc.convert_text
pypandoc.convert_text = lambda *a, **k: runs.append(k.get("to", a[1] if len(a) > 1 else "")) or convert_text(*a, **k)
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
print(len([to for to in runs if to != "csljson"]), len([to for to in runs if to == "csljson"]))
"""
STYLE = resolve_style("american-medical-association.csl", ROOT)


def pandoc_runs(project: Path, site_dir: Path) -> tuple[int, int]:
    """(pandoc runs that format references, runs that read entries as CSL-JSON for the export)."""
    result = subprocess.run(
        [sys.executable, "-c", COUNT_PANDOC_RUNS, str(site_dir)], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    formatting, reading = result.stdout.split()[-2:]
    return int(formatting), int(reading)


def test_one_pandoc_run_per_build_and_none_for_what_was_formatted_before(project_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(project_copy / ".cache", ignore_errors=True)  # a copy starts warm: start this one cold
    assert pandoc_runs(project_copy, tmp_path / "first") == (1, 1)
    assert pandoc_runs(project_copy, tmp_path / "second") == (0, 0)
    (project_copy / "bib" / "references.bib").write_text(
        (project_copy / "bib" / "references.bib").read_text(encoding="utf-8").replace("{High metabolic", "{Very high metabolic"),
        encoding="utf-8",
    )
    assert pandoc_runs(project_copy, tmp_path / "third") == (1, 1)  # an edited entry is formatted (and read) again


def test_the_cited_entries_alone_give_the_references_of_the_whole_bibliography() -> None:
    bib = read(ROOT / "bib" / "references.bib", "bib/references.bib")
    keys = ["jain2021", "fraietta2018", "hamadani2021"]
    alone = mkdocs_bibtex_adapter.format_references(bib.source_of(set(keys)), STYLE, keys)
    whole = mkdocs_bibtex_adapter.format_references(bib.text, STYLE, keys)
    assert alone == whole and set(alone) == set(keys)


@pytest.mark.parametrize(
    "locator",
    ["p. 2625", "pp. 2625-2627", "p. 5, 7", "2625", "fig. 2", "Fig. 2a", "figure 3", "chap. 4", "sec. 5", "§ 4",
     "para. 4", "vol. 2", "col. 3", "no. 4", "l. 3", "n. 2", "v. 2", "p. iv", "sec. A.1", "pages 3-4"],
)
def test_locators_read_as_pandoc_prints_them_with_the_style(locator: str, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@article{a, author={A, B}, title={T}, journal={J}, year={2020}}", encoding="utf-8")
    out = pypandoc.convert_text(
        f"[@a, {locator}]", to="markdown-citations", format="markdown",
        extra_args=["--citeproc", "--bibliography", str(bib), "--csl", str(STYLE)],
    )
    # Pandoc's Markdown: ^1(p2625)^, with escaped spaces; it may turn a hyphen into an en dash.
    by_pandoc = re.match(r"\^1(\(.*?\))\^", out.replace("\\ ", " ").replace("--", "-"))
    citation = parse_citation(f"@a, {locator}")
    assert citation is not None and citation.locator is not None
    assert by_pandoc and format_locator(citation.locator) == by_pandoc.group(1)
