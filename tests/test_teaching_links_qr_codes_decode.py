"""The teaching-links page lists every section of every page with its full address
(site_url + page + #id) and a QR code that decodes, with zbar, to that same address."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

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
