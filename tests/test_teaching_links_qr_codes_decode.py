"""The teaching-links page lists every section of every page with its full address
(site_url + page + #id) and a QR code that decodes, with zbar, to that same address."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from conftest import DESKTOP, TEST_SITE_URL, BuiltSite, new_page

PAGE = "teaching-links/"


def expected_addresses(site: BuiltSite) -> list[str]:
    """Every content page and every h2/h3 section its Markdown defines, as full addresses
    ("Cite this page", the same block on every page, is not a section to teach from)."""
    addresses = []
    for page in site.pages():
        if page.url == PAGE:
            continue
        addresses.append(TEST_SITE_URL + page.url)
        for heading in page.tree.xpath("//article//*[self::h2 or self::h3][@id != 'cite-this-page']"):
            addresses.append(f"{TEST_SITE_URL}{page.url}#{heading.get('id')}")
    return addresses


def cards(site: BuiltSite) -> list[tuple[str, str, str]]:
    """(address shown, link target, QR image src) of every card on the teaching-links page."""
    tree = site.page(PAGE).tree
    return [
        (
            item.xpath("string(.//p[@class='teaching-links__url'])"),
            item.xpath("string(.//a/@href)"),
            item.xpath("string(.//img/@src)"),
        )
        for item in tree.xpath("//li[@class='teaching-links__item']")
    ]


def test_every_section_of_every_page_has_a_card(site: BuiltSite) -> None:
    expected = expected_addresses(site)
    assert len(expected) > 45
    shown = [address for address, _, _ in cards(site)]
    assert sorted(shown) == sorted(expected)
    for address, target, _ in cards(site):
        assert target == address


def test_every_qr_code_decodes_to_its_address(site: BuiltSite, served_site: str, browser, tmp_path: Path) -> None:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("the QR test needs zbar (apt-get install zbar-tools)")
    page = new_page(browser, DESKTOP, device_scale_factor=2)
    page.goto(served_site + PAGE)
    images = page.locator(".teaching-links__item img")
    count = images.count()
    assert count == len(cards(site))
    shots = []
    for index in range(count):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        shot = tmp_path / f"qr-{index:03}.png"
        image.screenshot(path=shot)
        shots.append(shot)
    page.context.close()
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, shots)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout.splitlines()
    assert decoded == [address for address, _, _ in cards(site)]


def test_every_card_offers_a_sharp_code_for_slides_that_decodes(site: BuiltSite, tmp_path: Path) -> None:
    """Each card's download is an SVG (it scales without blur) at least 600 px at its own size,
    and, drawn at that size, it decodes to the card's address."""
    import resvg_py

    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("the QR test needs zbar (apt-get install zbar-tools)")
    tree = site.page(PAGE).tree
    items = tree.xpath("//li[@class='teaching-links__item']")
    shots = []
    for index, item in enumerate(items):
        href = item.xpath("string(.//a[@download]/@href)")
        svg = (site.page(PAGE).path.parent / href).resolve().read_text(encoding="utf-8")
        root = etree.fromstring(svg.encode("utf-8"))
        assert root.get("viewBox") and int(root.get("width")) >= 600, href
        shot = tmp_path / f"svg-{index:03}.png"
        shot.write_bytes(bytes(resvg_py.svg_to_bytes(svg_string=svg, background="white")))
        shots.append(shot)
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, shots)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout.splitlines()
    assert decoded == [address for address, _, _ in cards(site)]


def test_alt_text_names_the_section_and_the_page_has_contents(site: BuiltSite) -> None:
    tree = site.page(PAGE).tree
    for item in tree.xpath("//li[@class='teaching-links__item']"):
        title = item.xpath("string(.//p[@class='teaching-links__title'])")
        alt = item.xpath("string(.//img/@alt)")
        assert alt.startswith("QR code for the ") and (title in alt or title == "Whole page"), alt
    blocks = tree.xpath("//section[@class='teaching-links']/h2/@id")
    sidebar = "//div[contains(@class, 'md-sidebar--secondary')]//nav[contains(@class, 'md-nav--secondary')]//a/@href"
    contents = [href.removeprefix("#") for href in tree.xpath(sidebar)]
    assert blocks and contents == blocks
