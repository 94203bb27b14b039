"""Published links keep working: every page address and section id listed in
tests/published_ids.txt exists in the build (through a redirect if a page was
renamed), and every section id the build publishes is on that list."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html

from conftest import BuiltSite, mkdocs_build

LIST = Path(__file__).resolve().parent / "published_ids.txt"
REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


def published() -> list[tuple[str, str]]:
    pairs = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            url, _, anchor = line.strip().partition("#")
            pairs.append((url.lstrip("/"), anchor))
    return pairs


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
    # Headings, and the self-check questions, which teachers link to one by one.
    ids = "//article//*[self::h1 or self::h2 or self::h3 or self::h4 or contains(@class, 'self-check')]/@id"
    return set(tree.xpath(ids))


def lost_links(root: Path) -> list[str]:
    lost = []
    for url, anchor in published():
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


def test_a_renamed_page_keeps_its_links_through_a_redirect(project_copy: Path, tmp_path: Path) -> None:
    docs = project_copy / "docs"
    (docs / "glossary.md").rename(docs / "abbreviations.md")
    config_path = project_copy / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8").replace("Glossary: glossary.md", "Glossary: abbreviations.md")
    for page in docs.glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("(glossary.md", "(abbreviations.md"), encoding="utf-8")

    config_path.write_text(config, encoding="utf-8")
    assert mkdocs_build(project_copy, tmp_path / "broken").returncode == 0
    on_the_page = sum(1 for url, _ in published() if url == "glossary/")
    assert on_the_page >= 3
    assert lost_links(tmp_path / "broken") == ["/glossary/ (page gone)"] * on_the_page

    config_path.write_text(
        config.replace("redirect_maps: {}", "redirect_maps:\n        glossary.md: abbreviations.md"),
        encoding="utf-8",
    )
    assert mkdocs_build(project_copy, tmp_path / "redirected").returncode == 0
    assert lost_links(tmp_path / "redirected") == []
