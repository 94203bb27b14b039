"""Every section and self-check question the teaching-links page lists has a share address,
`<page>s/<id>/`: a tiny page whose link preview shows the section (its heading and its page's
title, its opening sentence, a card of its own) or the question (its text and its page's title,
a description that does not give the answer away, a card of its own), kept out of search
engines, the sitemap, the search index and the offline copy, that sends a reader without
JavaScript to page#id, with the heading (or the question, closed) below the header on a phone. Every card's text stays inside the card."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from mkdocs.exceptions import PluginError

from sharing import link_previews as cards
from conftest import DRAW_IMAGE, PHONE, ROOT, TEST_SITE_URL, BuiltSite, Page, mkdocs_build, new_page
from helpers import assert_is_a_card, assert_lands_right, meta

CLEAN = "\u2060\u00b6"


def listed_sections(site: BuiltSite) -> list[tuple[str, str]]:
    """(page address, id) of every section the teaching-links page lists, from the addresses it
    shows (its self-check questions, titled "Question: …", and figures, "Figure: …", are not
    sections)."""
    shown = [p.text_content() for p in site.page("teaching-links/").tree.xpath(
        "//li[@class='teaching-links__item'][not(starts-with(.//p[@class='teaching-links__title'], 'Question: '))]"
        "[not(starts-with(.//p[@class='teaching-links__title'], 'Figure: '))]"
        "/.//p[@class='teaching-links__url']")]
    pairs = [tuple(address.removeprefix(TEST_SITE_URL).split("#")) for address in shown if "#" in address]
    assert len(pairs) > 40
    return pairs  # type: ignore[return-value]


def listed_questions(site: BuiltSite) -> list[tuple[str, str, str]]:
    """(page address, id, question) of every self-check question the teaching-links page lists."""
    found = []
    for item in site.page("teaching-links/").tree.xpath("//li[@class='teaching-links__item']"):
        title = item.xpath("string(.//p[@class='teaching-links__title'])")
        if title.startswith("Question: "):
            url, _, anchor = item.xpath("string(.//p[@class='teaching-links__url'])").removeprefix(TEST_SITE_URL).partition("#")
            found.append((url, anchor, title.removeprefix("Question: ")))
    assert len(found) >= 13
    return found


def share_page(site: BuiltSite, url: str, anchor: str) -> Page:
    address = f"{url}s/{anchor}/"
    assert (site.root / address / "index.html").is_file(), f"/{address} was not written"
    return site.page(address)


def opening(heading) -> str | None:
    """The text of the section's first paragraph, without citation markers; None if the
    section opens with something else (a table, a list of references)."""
    following = heading.getnext()
    if following is None or following.tag != "p":
        return None
    for marker in following.xpath(".//sup[.//a[contains(@class, 'footnote-ref')]]"):
        marker.drop_tree()
    return " ".join(following.text_content().split())


def set_descriptions(url: str) -> dict[str, str]:
    """The descriptions a page's author set for its share addresses (front matter)."""
    source = ROOT / "docs" / ("index.md" if url == "" else url.rstrip("/") + ".md")
    front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1]) or {}
    return front.get(cards.DESCRIPTIONS_KEY) or {}


def test_every_listed_section_has_a_share_page_that_previews_it(site: BuiltSite) -> None:
    for url, anchor in listed_sections(site):
        share, built = share_page(site, url, anchor), site.page(url)
        where = f"/{url}s/{anchor}/"
        [heading] = built.tree.xpath(f'//article//*[@id="{anchor}"]')
        heading_text = "".join(heading.itertext()).replace(CLEAN, "").strip()
        title = built.tree.xpath("string(//article//h1)").replace(CLEAN, "").strip()
        assert meta(share, "name", "robots") == "noindex", where
        assert meta(share, "http-equiv", "refresh") == f"0; url=../../#{anchor}", where
        assert share.tree.xpath("//head/meta[@http-equiv='Content-Security-Policy']"), f"{where}: no Content Security Policy"
        assert not share.tree.xpath("//script"), where
        assert meta(share, "property", "og:url") == TEST_SITE_URL + url + f"s/{anchor}/"
        assert meta(share, "property", "og:locale") == "en_US"
        # The site's icon, which the page names too (without it a browser asks for /favicon.ico).
        [icon] = share.tree.xpath("//head/link[@rel='icon']/@href")
        [page_icon] = built.tree.xpath("//head/link[@rel='icon']/@href")
        assert urljoin(f"/{url}s/{anchor}/", icon) == urljoin(f"/{url}", page_icon), where
        assert meta(share, "property", "og:title") == f"{heading_text} – {title}"
        description = meta(share, "property", "og:description")
        paragraph = opening(heading)
        if anchor in set_descriptions(url):
            assert description.replace("\u00a0", " ") == set_descriptions(url)[anchor], where  # doses kept whole (hooks/markup/no_break.py)
        elif paragraph is None:
            assert description == meta(built, "name", "description"), where
        else:
            sentence = description.removesuffix("…").rstrip(":").replace("\u00a0", " ")  # doses kept whole (hooks/markup/no_break.py)
            assert paragraph.startswith(sentence) and len(sentence) >= 20, f"{where}: “{description}” does not open “{paragraph}”"
            assert description.endswith((".", "?", "!", "…")) and not re.search(r"[a-z)]\d", description), description
        assert_is_a_card(site, share, where)
        assert meta(share, "property", "og:image") != meta(built, "property", "og:image"), f"{where}: the page's card"
        assert heading_text in meta(share, "property", "og:image:alt")


def test_every_listed_question_has_a_share_page_that_previews_it(site: BuiltSite) -> None:
    for url, anchor, question in listed_questions(site):
        share, built = share_page(site, url, anchor), site.page(url)
        where = f"/{url}s/{anchor}/"
        assert built.tree.xpath(f'//article//div[contains(@class, "self-check")][@id="{anchor}"]'), where
        title = built.tree.xpath("string(//article//h1)").replace(CLEAN, "").strip()
        assert meta(share, "name", "robots") == "noindex", where
        assert meta(share, "http-equiv", "refresh") == f"0; url=../../#{anchor}", where
        assert meta(share, "property", "og:url") == TEST_SITE_URL + url + f"s/{anchor}/"
        assert meta(share, "property", "og:title") == f"Question: {question} – {title}"
        # The preview does not give the answer away.
        answer = " ".join(built.tree.xpath(f'string(//*[@id="{anchor}"]/details/p)').split())
        description = meta(share, "property", "og:description")
        assert len(description) >= 20 and description[:40] not in answer and answer[:40] not in description, where
        assert_is_a_card(site, share, where)
        assert meta(share, "property", "og:image") != meta(built, "property", "og:image"), f"{where}: the page's card"
        assert question in meta(share, "property", "og:image:alt")


def test_a_question_share_address_lands_on_it_closed_below_the_header_on_a_phone(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True)
    for url, anchor, _ in listed_questions(site):
        target = f"{served_site}{url}#{anchor}"
        page.goto(f"{served_site}{url}s/{anchor}/")
        page.wait_for_url(lambda address, target=target: address == target)
        assert_lands_right(page, anchor, f"/{url}s/{anchor}/")
        assert page.locator(f'[id="{anchor}"] > details').get_attribute("open") is None, "the answer stays closed"
    page.context.close()


# Words that point back to text a link preview does not show ("Such targets…", "The reason is…").
POINTING_BACK = re.compile(r"(?:Such|This|These|That|Those|It|Its|They|Their|Both|Thus|Therefore|However|Hence|So|The reason)\b")


def test_no_share_description_leans_on_the_text_before_it(site: BuiltSite) -> None:
    shares = sorted(site.root.glob("**/s/*/index.html"))
    assert len(shares) > 50
    leaning = []
    for path in shares:
        address = path.parent.relative_to(site.root).as_posix() + "/"
        description = meta(site.page(address), "property", "og:description")
        if POINTING_BACK.match(description):
            leaning.append(f"/{address}: {description}")
    assert leaning == []
    assert set_descriptions("car-t-failure/"), "the CAR T page sets descriptions for the sections that open leaning back"


def test_a_section_opening_that_leans_back_stops_the_build_in_one_line(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "car-t-failure.md"
    text = page.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("  link-to-toxicity: ")]
    assert len(lines) == 1 and "\nSuch targets might" in text
    page.write_text(text.replace(lines[0] + "\n", ""), encoding="utf-8")
    heading_line = 1 + text.replace(lines[0] + "\n", "").splitlines().index("### Link to toxicity {#link-to-toxicity}")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    said = [line for line in result.stderr.splitlines() if f"docs/car-t-failure.md:{heading_line}: #link-to-toxicity" in line]
    assert len(said) == 1 and said[0].startswith("ERROR") and "“Such”" in said[0] and "share_descriptions" in said[0], result.stderr


class Source:
    """A stand-in for a page, as far as the checks read it: its source text."""

    def __init__(self, text: str) -> None:
        self.file = type("File", (), {"content_string": text})()


def test_a_set_description_that_leans_back_or_names_no_section_is_refused() -> None:
    page = Source("---\nshare_descriptions:\n  escalation: These patients had DLTs.\n  nowhere: A sentence.\n---\n")
    with pytest.raises(PluginError, match=r"^docs/x\.md:3: share_descriptions: #escalation starts with “These”"):
        cards.standing_alone("These patients had DLTs.", "escalation", True, page, "docs/x.md")  # type: ignore[arg-type]
    with pytest.raises(PluginError, match=r"^docs/x\.md:4: share_descriptions: #nowhere is not a section or question"):
        cards.author_descriptions({"nowhere": "A sentence."}, ["escalation"], page, "docs/x.md")  # type: ignore[arg-type]
    with pytest.raises(PluginError, match=r"^docs/x\.md:3: share_descriptions: #escalation must be one line"):
        cards.author_descriptions({"escalation": ["a", "list"]}, ["escalation"], page, "docs/x.md")  # type: ignore[arg-type]
    assert cards.author_descriptions({"escalation": "Four  patients\n"}, ["escalation"], page, "x") == {"escalation": "Four patients"}  # type: ignore[arg-type]


def test_the_site_s_own_later_part_is_not_credited_to_the_commentary_on_its_cards(site: BuiltSite) -> None:
    for url in ("car-t-failure/", "loncastuximab-dose-finding/"):
        source = ROOT / "docs" / (url.rstrip("/") + ".md")
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
        later = front[cards.SECTION_SOURCES_KEY]["after-this-commentary"]
        part = site.page(url).tree.xpath('//h2[@id="after-this-commentary"]/following-sibling::*')
        ids = ["after-this-commentary"]
        for element in part:
            if element.tag == "h2":
                break
            if element.tag == "h3":
                ids.append(element.get("id"))
        assert len(ids) > 3, url
        for anchor in ids:
            alt = meta(site.page(f"{url}s/{anchor}/"), "property", "og:image:alt")
            assert alt.endswith(". " + later) and "After " not in alt.rsplit(". ", 1)[1], (url, anchor, alt)


def test_share_pages_stay_out_of_the_sitemap_the_search_index_and_the_offline_copy(site: BuiltSite) -> None:
    shares = {f"{url}s/{anchor}/" for url, anchor in listed_sections(site)} | {f"{url}s/{a}/" for url, a, _ in listed_questions(site)}
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert sum(f"{TEST_SITE_URL}{url}</loc>" in sitemap for url, _ in listed_sections(site)) > 0
    assert not [s for s in shares if f"{TEST_SITE_URL}{s}</loc>" in sitemap]
    for index in ["search/search_index.json", "search/search_index.full.json"]:
        locations = {doc["location"].split("#")[0] for doc in json.loads((site.root / index).read_text(encoding="utf-8"))["docs"]}
        assert not locations & shares, index
    worker = (site.root / "sw.js").read_text(encoding="utf-8")
    precached = set(re.findall(r'^\s*"([^"]*)",?$', worker, re.M))
    assert "car-t-failure/" in precached
    assert not [a for a in precached if a in shares or a.startswith("assets/cards/")]


def test_a_share_address_lands_on_its_section_below_the_header_on_a_phone(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True)
    for url, anchor in listed_sections(site):
        target = f"{served_site}{url}#{anchor}"
        page.goto(f"{served_site}{url}s/{anchor}/")  # a page without a script: the refresh does it
        page.wait_for_url(lambda address, target=target: address == target)
        assert_lands_right(page, anchor, f"/{url}s/{anchor}/")
    page.context.close()


# The share of ink in a card's right margin (text running out of the card) and in its text block.
INK = """async src => {
  """ + DRAW_IMAGE + """
  const context = await drawn(src), image = context.canvas;
  const ink = (x, y, w, h) => {
    const data = context.getImageData(x, y, w, h).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 600) n++;
    return n / (w * h);
  };
  return { margin: ink(image.width - 56, 128, 56, image.height - 128), text: ink(106, 168, 1000, 368) };
}"""


def test_every_card_keeps_its_text_inside(site: BuiltSite, served_site: str, browser) -> None:
    drawn = sorted((site.root / cards.CARD_DIR).glob("*.png"))
    assert len(drawn) == len(site.pages()) + len(listed_sections(site)) + len(listed_questions(site))
    page = new_page(browser, {"width": 800, "height": 600})
    page.goto(served_site)
    for png in drawn:
        ink = page.evaluate(INK, served_site + png.relative_to(site.root).as_posix())
        assert ink["margin"] == 0, f"{png.name}: text runs into the right margin"
        assert ink["text"] > 0.005, f"{png.name}: no text drawn"
    page.context.close()


def test_the_longest_listed_heading_wraps_large_enough_for_a_thumbnail(site: BuiltSite) -> None:
    built = {url: site.page(url).tree for url in {url for url, _ in listed_sections(site)}}
    longest = max(("".join(built[url].xpath(f'//*[@id="{anchor}"]')[0].itertext()).replace(CLEAN, "").strip()
                   for url, anchor in listed_sections(site)), key=len)
    svg = cards.card_svg(cards.TEMPLATE.read_text(encoding="utf-8"), "Lymphoma therapy explained", "example.org",
                         longest, "Loncastuximab tesirine: finding the dose", 2, "After McMillan, *Blood* 2021", "test")
    lines = re.findall(r'font-size="(\d+)" font-weight="bold" fill="#1f1f1f">([^<]*)<', svg)
    assert " ".join(text for _, text in lines) == longest
    # 40 px on the card is 13 px on a 400 px thumbnail.
    assert 2 <= len(lines) <= 4 and min(int(size) for size, _ in lines) >= 40, lines


def test_a_heading_too_long_for_a_card_stops_the_build_with_its_file() -> None:
    template = cards.TEMPLATE.read_text(encoding="utf-8")
    with pytest.raises(PluginError, match=r"^docs/x\.md: the heading “.*” is too long"):
        cards.card_svg(template, "Site", "example.org", "word " * 80, None, 0, None, "docs/x.md")


def test_a_card_is_drawn_again_only_when_its_svg_changes(tmp_path: Path) -> None:
    from figures import drawing

    svg = cards.card_svg(cards.TEMPLATE.read_text(encoding="utf-8"), "Site", "example.org", "A heading", None, 0, None, "test")
    first = drawing.draw_png(svg, cards.WIDTH, tmp_path, "test")
    kept = list(tmp_path.iterdir())
    assert len(kept) == 1
    kept[0].write_bytes(b"kept")  # read back, not drawn again
    assert drawing.draw_png(svg, cards.WIDTH, tmp_path, "test") == b"kept"
    assert drawing.draw_png(svg.replace("A heading", "Another"), cards.WIDTH, tmp_path, "test") != first
    assert len(list(tmp_path.iterdir())) == 2


def test_a_card_source_that_is_not_text_stops_the_build_in_one_line(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "car-t-failure.md"
    text = page.read_text(encoding="utf-8")
    assert text.count('card_source: "After Strati & Neelapu, *Blood* 2021"') == 1
    page.write_text(text.replace('card_source: "After Strati & Neelapu, *Blood* 2021"', "card_source: [Strati, Neelapu]"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    said = [line for line in result.stderr.splitlines() if "docs/car-t-failure.md: card_source must be one line of text" in line]
    assert len(said) == 1 and said[0].startswith("ERROR"), result.stderr
