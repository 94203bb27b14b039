"""Every citation in every page resolves to a reference on that page, and no raw
citation or BibTeX markup reaches a reader."""

from __future__ import annotations

import re

from bibliography import keys
from conftest import ROOT, BuiltSite
from citations.find import find, problems

RAW_MARKUP = ["[@", "\\bibliography", "\\full_bibliography", "@article", "{.nocase}", "{.csl-", "[^"]
CITED_KEY = re.compile(r"@([\w-]+)")


def page_url(markdown_path: str) -> str:
    """docs/car-t-failure.md -> car-t-failure/ ; docs/index.md -> ''"""
    stem = markdown_path.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def cited_keys(markdown: str) -> set[str]:
    return {key for block in re.findall(r"\[(@[^\]]*)\]", markdown) for key in CITED_KEY.findall(block)}


def test_no_raw_citation_markup_reaches_the_reader(site: BuiltSite) -> None:
    for page in site.pages():
        text = page.tree.text_content()
        for marker in RAW_MARKUP:
            assert marker not in text, f"{page.url or 'home'}: '{marker}' left in the page text"


def test_every_cited_key_becomes_a_reference_on_its_page(site: BuiltSite) -> None:
    checked = 0
    for source in sorted((ROOT / "docs").glob("*.md")):
        cited = cited_keys(source.read_text(encoding="utf-8"))
        page = site.page(page_url(source.name))
        listed = {li.get("id").removeprefix("fn:") for li in page.tree.xpath('//div[@class="footnote"]//li')}
        assert cited == listed, f"{source.name}: cited {sorted(cited)} but lists {sorted(listed)}"
        checked += len(cited)
    assert checked > 0


def test_every_citation_link_points_to_a_non_empty_reference(site: BuiltSite) -> None:
    links = 0
    for page in site.pages():
        tree = page.tree
        for link in tree.xpath('//a[contains(@class, "footnote-ref")]'):
            target = link.get("href").removeprefix("#")
            found = tree.xpath(f'//div[@class="footnote"]//li[@id="{target}"]')
            assert found, f"{page.url}: citation {link.text} points to missing #{target}"
            assert len(found[0].text_content().strip()) > 40
            links += 1
    assert links > 50


def test_the_references_page_lists_the_whole_bibliography(site: BuiltSite) -> None:
    page = site.page("references/")
    listed = [li.get("id").removeprefix("fn:") for li in page.tree.xpath('//div[@class="footnote"]//li')]
    assert sorted(listed) == sorted(keys())


def test_the_sources_pass_the_build_time_citation_check() -> None:
    known = set(keys())
    for source in sorted((ROOT / "docs").rglob("*.md")):
        assert problems(find(source.read_text(encoding="utf-8")), known, "bib") == [], source
