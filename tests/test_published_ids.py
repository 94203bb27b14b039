"""Published links keep working: every page address and section id (glossary term,
corrections entry) listed in tests/published_ids.txt exists in the build (through a redirect
if a page was renamed), every share address listed there still sends the reader to the section it
names, and every section id and share address the build publishes is on that list."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html

from conftest import BuiltSite, mkdocs_build
from helpers import LIST, published

REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')
# A share address (hooks/sharing/link_previews.py): a page address, then s/<id>/, listed without #id.
SHARE = re.compile(r"(?:^|/)s/(?P<id>[^/]+)/$")


def heading_ids(root: Path, url: str, hops: int = 3) -> set[str] | None:
    """Heading ids of the page at `url`, following redirect stubs; None if there is no page."""
    path = root / url / "index.html"
    if not path.is_file():
        return None
    source = path.read_text(encoding="utf-8")
    target = REFRESH.search(source)
    if target and hops:
        return heading_ids(root, urljoin("/" + url, target.group(1)).lstrip("/").split("#")[0], hops - 1)
    tree = lxml_html.fromstring(source)
    # Headings, and the self-check questions, glossary terms (table rows) and corrections-log
    # entries (list items, not the references' footnotes), which teachers link to one by one.
    ids = (
        "//article//*[self::h1 or self::h2 or self::h3 or self::h4 or contains(@class, 'self-check') or self::tr"
        " or self::li[not(ancestor::div[contains(@class, 'footnote')])]]/@id"
    )
    return set(tree.xpath(ids))


def share_target(root: Path, url: str) -> tuple[str, str] | None:
    """(page, id) that the share page at `url` sends the reader to; None if there is none."""
    path = root / url / "index.html"
    target = REFRESH.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if target is None:
        return None
    page, _, anchor = urljoin("/" + url, target.group(1)).lstrip("/").partition("#")
    return page, anchor


def lost_links(root: Path) -> list[str]:
    lost = []
    for url, anchor in published():
        share = SHARE.search(url)
        if share and not anchor:
            target = share_target(root, url)
            if target is None:
                lost.append(f"/{url} (page gone)")
            elif target[1] != share["id"] or share["id"] not in (heading_ids(root, target[0]) or set()):
                lost.append(f"/{url} (sends the reader to /{target[0]}#{target[1]})")
            continue
        ids = heading_ids(root, url)
        if ids is None:
            lost.append(f"/{url} (page gone)")
        elif anchor not in ids:
            lost.append(f"/{url}#{anchor}")
    return lost


def test_the_list_is_not_empty_and_has_no_duplicates() -> None:
    pairs = published()
    assert len(pairs) > 40
    assert len(pairs) == len(set(pairs))


def test_no_published_link_is_lost(site: BuiltSite) -> None:
    assert lost_links(site.root) == []


def test_every_section_id_the_build_publishes_is_listed(site: BuiltSite) -> None:
    listed = set(published())
    for page in site.pages():
        for anchor in heading_ids(site.root, page.url) or set():
            assert (page.url, anchor) in listed, f"add /{page.url}#{anchor} to {LIST.name}"


def test_every_share_address_the_build_publishes_is_listed(site: BuiltSite) -> None:
    listed = set(published())
    shares = sorted(path.parent.relative_to(site.root).as_posix() + "/" for path in site.root.glob("**/s/*/index.html"))
    assert len(shares) > 40
    for url in shares:
        assert (url, "") in listed, f"add {'/' if url.startswith('s/') else ''}{url} to {LIST.name}"


def test_a_renamed_page_keeps_its_links_through_a_redirect(project_copy: Path, tmp_path: Path) -> None:
    docs = project_copy / "docs"
    (docs / "glossary.md").rename(docs / "abbreviations.md")
    config_path = project_copy / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8").replace("Glossary: glossary.md", "Glossary: abbreviations.md")
    for page in docs.glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("(glossary.md", "(abbreviations.md"), encoding="utf-8")

    config_path.write_text(config, encoding="utf-8")
    assert mkdocs_build(project_copy, tmp_path / "broken").returncode == 0
    gone = [f"/{url} (page gone)" for url, _ in published() if url.startswith("glossary/")]
    assert sum(1 for url, _ in published() if url == "glossary/") >= 3 and "/glossary/s/abbreviations/ (page gone)" in gone
    assert lost_links(tmp_path / "broken") == gone

    config_path.write_text(
        config.replace("redirect_maps: {}", "redirect_maps:\n        glossary.md: abbreviations.md"),
        encoding="utf-8",
    )
    assert mkdocs_build(project_copy, tmp_path / "redirected").returncode == 0
    assert lost_links(tmp_path / "redirected") == []
