"""Citations are numbered in order of first citation on each page, and a group of
citations renders as one compact superscript ("1,3" or "2-4")."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BuiltSite, Page, mkdocs_build
from citations.render import Ref, consecutive_runs, render_run

GROUP_TEXT = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")


def ref(key: str, number: int, nth: int = 1) -> str:
    prefix = "fnref" if nth == 1 else f"fnref{nth}"
    return f'<sup id="{prefix}:{key}"><a class="footnote-ref" href="#fn:{key}">{number}</a></sup>'


def cited(key: str, number: int, nth: int = 1) -> Ref:
    return Ref(f"{'fnref' if nth == 1 else f'fnref{nth}'}:{key}", f"#fn:{key}", number)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def citation_numbers_in_order(page: Page) -> list[tuple[str, int]]:
    """(reference, number) of each citation in reading order; a citation hidden inside a range
    ("21-23") is its empty span, numbered between its neighbours."""
    article = page.tree.xpath("//article")[0]
    found: list[tuple[str, int]] = []
    for node in article.xpath('.//a[contains(@class, "footnote-ref")] | .//sup[@class="citation-group"]/span[starts-with(@id, "fnref")]'):
        if node.tag == "a":
            found.append((node.get("href"), int(node.text)))
        else:
            found.append(("#fn:" + node.get("id").split(":", 1)[1], found[-1][1] + 1))
    return found


# --- the hook on its own -------------------------------------------------------


def test_consecutive_runs() -> None:
    assert consecutive_runs([1, 2, 3, 5, 7, 8]) == [[1, 2, 3], [5], [7, 8]]


def test_a_group_of_three_consecutive_numbers_becomes_a_range() -> None:
    out = "text" + render_run([cited("a", 4), cited("b", 5), cited("c", 6)]) + "."
    assert visible_text(out) == "text4-6."
    assert out.count("<sup") == 1
    # the middle citation keeps its id, so the back-link from reference 5 still lands
    assert 'id="fnref:b"' in out


def test_a_group_is_sorted_and_joined_with_commas_without_spaces() -> None:
    out = render_run([cited("c", 3), cited("a", 1, nth=2)])
    assert visible_text(out) == "1,3"
    assert 'href="#fn:a"' in out and 'id="fnref2:a"' in out


def test_a_single_citation_is_left_as_it_is() -> None:
    html = "one" + ref("a", 1) + " and two" + ref("b", 2)
    assert "one" + render_run([cited("a", 1)]) + " and two" + render_run([cited("b", 2)]) == html


def test_mixed_runs() -> None:
    refs = [cited(k, n) for k, n in [("a", 1), ("b", 2), ("c", 3), ("e", 5), ("g", 7), ("h", 8)]]
    assert visible_text(render_run(refs)) == "1-3,5,7,8"


# --- the real site -------------------------------------------------------------


def test_no_two_citation_superscripts_stand_side_by_side(site: BuiltSite) -> None:
    for page in site.pages():
        assert not re.search(r"</sup>\s*<sup", page.source), page.url


def test_every_citation_group_reads_as_compact_ascending_numbers(site: BuiltSite) -> None:
    groups = 0
    for page in site.pages():
        for sup in page.tree.xpath('//sup[@class="citation-group"]'):
            text = sup.text_content()
            assert GROUP_TEXT.match(text), f"{page.url}: group '{text}'"
            numbers = [int(a.text) for a in sup.xpath("./a")]
            assert numbers == sorted(set(numbers)), f"{page.url}: group '{text}'"
            groups += 1
    assert groups > 10


def test_numbers_follow_the_order_of_first_citation_on_each_page(site: BuiltSite) -> None:
    for page in site.pages():
        first_seen: dict[str, int] = {}
        for href, number in citation_numbers_in_order(page):
            first_seen.setdefault(href, number)
            assert first_seen[href] == number, f"{page.url}: {href} shown as {number}"
        assert list(first_seen.values()) == list(range(1, len(first_seen) + 1)), page.url
        listed = ["#" + li.get("id") for li in page.tree.xpath('//div[@class="footnote"]//li')]
        assert listed == list(first_seen), f"{page.url}: reference list not in citation order"


def test_groups_in_a_page_written_for_the_purpose(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "docs" / "groups.md").write_text(
        "# Groups {#groups}\n\n"
        "First three.[@jain2021; @neelapu2017; @schuster2019]\n\n"
        "A fourth.[@dean2020]\n\n"
        "Out of order.[@dean2020; @jain2021; @schuster2019]\n\n"
        "A later run.[@neelapu2017; @schuster2019; @dean2020]\n\n"
        "## References {#references}\n\n\\bibliography\n",
        encoding="utf-8",
    )
    config_path = project_copy / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    assert "  - About: about.md\n" in config
    config_path.write_text(config.replace("  - About: about.md\n", "  - About: about.md\n  - Groups: groups.md\n"))

    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "groups" / "index.html").read_text(encoding="utf-8")
    groups = [visible_text(g) for g in re.findall(r'<sup class="citation-group">.*?</sup>', page)]
    assert groups == ["1-3", "1,3,4", "2-4"]
    assert 'href="#fn:dean2020">4</a></sup>' in page  # the lone citation stays a plain superscript
