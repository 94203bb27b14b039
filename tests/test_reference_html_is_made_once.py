"""The HTML of a reference is made once and kept (hooks/citations/reference_trees.py): a page
made from kept trees is byte for byte the page Python-Markdown makes on its own, abbreviations
in titles included; what depends on the page or on the Markdown set-up is not taken from the
kept trees. A whole build from kept trees: test_builds_are_reproducible.py."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from citations.reference_trees import ReferenceTrees, Trees, describe_setup

REFERENCES = [
    "Jain MD, Zhao H, Wang X, et al. Tumor interferon signaling and suppressive myeloid cells are associated "
    "with CAR T-cell failure in large B-cell lymphoma. *Blood*. 2021;137(19):2621-2633. "
    "doi:[10.1182/blood.2020007445](https://doi.org/10.1182/blood.2020007445)",
    "Strati P, Neelapu SS. CAR-T failure: Beyond antigen loss and T cells. *Blood*. 2021;137(19):2567. "
    "<https://ashpublications.org/blood/article/137/19/2567/475921>",
    'Smith A. A "title" -- with ~~struck~~ \\*stars\\*, `code`, **bold** and an ampersand & more. *J Clin Oncol*. 2020;1:1-2.',
    "Jones B. Plain text only. 2019.",
]
ABBREVIATIONS = "*[CAR]: chimeric antigen receptor\n*[CAR-T]: chimeric antigen receptor T cell\n"
EXTENSIONS = ["abbr", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
SETUP = describe_setup(EXTENSIONS, {})


def page(references: list[str], *, cited_twice: bool = True, extra: str = "") -> str:
    cites = " ".join(f"Claim {n}.[^r{n}]" for n in range(len(references)))
    again = " And again.[^r0]" if cited_twice else ""
    definitions = "\n".join(f"[^r{n}]: {text}" for n, text in enumerate(references))
    return f"# Page\n\n{cites}{again}\n\n## References\n\n{definitions}\n\n{extra}{ABBREVIATIONS}"


def convert(text: str, trees: Trees | None, extensions: list[object] = EXTENSIONS) -> str:
    return markdown.Markdown(extensions=[*extensions, *([ReferenceTrees(trees)] if trees else [])]).convert(text)


@pytest.fixture
def trees(tmp_path: Path) -> Trees:
    return Trees(tmp_path / "trees.json", set(REFERENCES).__contains__, SETUP)


def test_a_page_from_kept_trees_is_the_page_markdown_makes(trees: Trees) -> None:
    text = page(REFERENCES)
    alone = convert(text, None)
    assert '<abbr title="chimeric antigen receptor T cell">CAR-T</abbr> failure' in alone  # in a reference title
    assert convert(text, trees) == alone  # the first page: every tree made and kept
    assert trees.reused == 0 and len(trees.used) == len(REFERENCES)
    assert convert(text, trees) == alone  # the next page: every tree taken from the kept ones
    assert trees.reused == len(REFERENCES)


def test_kept_trees_last_to_the_next_build(trees: Trees, tmp_path: Path) -> None:
    text = page(REFERENCES)
    convert(text, trees)
    trees.save()
    next_build = Trees(tmp_path / "trees.json", set(REFERENCES).__contains__, SETUP)
    assert convert(text, next_build) == convert(text, None)
    assert next_build.reused == len(REFERENCES)


def test_other_inline_rules_make_their_own_trees(trees: Trees) -> None:
    text = page(REFERENCES)
    convert(text, trees)
    tilde = [*EXTENSIONS, "pymdownx.tilde"]  # ~~struck~~ becomes <del>, in the inline pass
    with_tilde = convert(text, trees, tilde)
    assert trees.reused == 0
    assert with_tilde == convert(text, None, tilde) and "<del>struck</del>" in with_tilde


def test_other_settings_make_their_own_trees(trees: Trees, tmp_path: Path) -> None:
    convert(page(REFERENCES), trees)
    trees.save()
    other = Trees(tmp_path / "trees.json", set(REFERENCES).__contains__, describe_setup(EXTENSIONS, {"toc": {"permalink": True}}))
    convert(page(REFERENCES), other)
    assert other.reused == 0


def test_only_the_references_of_the_layer_are_kept(tmp_path: Path) -> None:
    only_first = Trees(tmp_path / "trees.json", {REFERENCES[0]}.__contains__, SETUP)
    convert(page(REFERENCES), only_first)
    assert len(only_first.used) == 1


def test_raw_html_in_a_reference_is_made_on_every_page(tmp_path: Path) -> None:
    raw = ["Doe C. A <span>raw</span> title. 2018."]
    kept = Trees(tmp_path / "trees.json", set(raw).__contains__, SETUP)
    text = page(raw)
    assert convert(text, kept) == convert(text, kept) == convert(text, None)
    assert kept.used == {} and kept.reused == 0


def test_a_page_with_link_references_makes_its_own_trees(trees: Trees) -> None:
    text = page(REFERENCES, extra="[Blood]: https://example.org/blood\n\n")
    convert(page(REFERENCES), trees)
    assert convert(text, trees) == convert(text, None)
    assert trees.reused == 0
