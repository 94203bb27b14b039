"""The HTML of a reference (hooks/citations/reference_html.py) is what Python-Markdown makes of
its text with the site's set-up, abbreviations included; it is made once, a page's new texts
in one conversion, and kept for later builds, until the text, the set-up or the appended
abbreviations change. A whole build from kept HTML: test_builds_are_reproducible.py."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from citations import CitationError
from citations.reference_html import ReferenceHtml, converter, describe_setup

TEXTS = [
    "Strati P, Neelapu SS. CAR-T failure: Beyond antigen loss and T cells. *Blood*. 2021;137(19):2567. "
    "<https://ashpublications.org/blood/article/137/19/2567/475921>",
    "Smith A. A title with \\*stars\\*, `code` and an ampersand & more. *J Clin Oncol*. 2020;1:1-2. "
    "doi:[10.1/x](https://doi.org/10.1/x)",
]
ABBREVIATIONS = "*[CAR]: chimeric antigen receptor\n"


def site(tmp_path: Path) -> tuple[list[str], dict[str, object]]:
    (tmp_path / "includes").mkdir(exist_ok=True)
    (tmp_path / "includes/abbreviations.md").write_text(ABBREVIATIONS, encoding="utf-8")
    extensions = ["abbr", "attr_list", "footnotes", "pymdownx.snippets"]
    configs: dict[str, object] = {"pymdownx.snippets": {"base_path": [str(tmp_path / "includes")], "auto_append": ["abbreviations.md"]}}
    return extensions, configs


def test_the_html_is_python_markdowns_with_the_sites_abbreviations(tmp_path: Path) -> None:
    extensions, configs = site(tmp_path)
    made = converter(extensions, configs)(TEXTS)
    alone = [markdown.markdown(f"{text}\n\n{ABBREVIATIONS}", extensions=["abbr", "attr_list"]) for text in TEXTS]
    assert made == [html.removeprefix("<p>").removesuffix("</p>") for html in alone]
    assert '<abbr title="chimeric antigen receptor">CAR</abbr>-T' in made[0]


def test_a_reference_that_is_not_one_paragraph_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CitationError, match="not one paragraph"):
        converter(*site(tmp_path))(["Fine. 2020.", "# A heading\n\nand a paragraph"])


class Counting:
    def __init__(self, tmp_path: Path) -> None:
        self.convert = converter(*site(tmp_path))
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> list[str]:
        self.calls.append(texts)
        return self.convert(texts)


def test_each_text_is_made_once_with_those_ahead_in_one_conversion_and_kept(tmp_path: Path) -> None:
    convert = Counting(tmp_path)
    kept = ReferenceHtml(tmp_path / "html.json", convert, "set-up")
    first = kept.of(TEXTS[:1], ahead=TEXTS)
    assert convert.calls == [TEXTS]  # the page's text and the one ahead, in one conversion
    first.update(kept.of(TEXTS[1:], ahead=["Not needed yet. 2020."]))
    assert kept.of([TEXTS[1], TEXTS[0]]) == first
    assert convert.calls == [TEXTS]  # nothing new was asked for: no conversion, "ahead" or not
    kept.save()
    next_build = ReferenceHtml(tmp_path / "html.json", convert, "set-up")
    assert next_build.of(TEXTS) == first and next_build.made == 0 and len(convert.calls) == 1


def test_another_set_up_makes_its_own_html(tmp_path: Path) -> None:
    convert = Counting(tmp_path)
    kept = ReferenceHtml(tmp_path / "html.json", convert, "set-up")
    kept.of(TEXTS)
    kept.save()
    other = ReferenceHtml(tmp_path / "html.json", convert, "another set-up")
    other.of(TEXTS)
    assert other.made == len(TEXTS)


def test_the_set_up_names_settings_versions_and_the_appended_abbreviations(tmp_path: Path) -> None:
    extensions, configs = site(tmp_path)
    before = describe_setup(extensions, configs, tmp_path)
    assert describe_setup(extensions, configs, tmp_path) == before  # stable
    assert describe_setup([*extensions, "smarty"], configs, tmp_path) != before
    assert describe_setup(extensions, {**configs, "toc": {"permalink": True}}, tmp_path) != before
    (tmp_path / "includes/abbreviations.md").write_text(ABBREVIATIONS + "*[CRS]: cytokine release syndrome\n", encoding="utf-8")
    assert describe_setup(extensions, configs, tmp_path) != before
