"""The teaching-links page lists every section and every self-check question of every page with
its full address (site_url + page + #id) and a QR code that decodes, with zbar, to that same
address: on the page, in its downloads (SVG, and PNG for programs that take no SVG) and on paper."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from conftest import DESKTOP, PHONE, TEST_SITE_URL, BuiltSite, new_page

PAGE = "teaching-links/"


def expected_addresses(site: BuiltSite) -> list[str]:
    """Every content page, every h2/h3 section its Markdown defines, every figure and every
    self-check question, in reading order, as full addresses ("Cite this page", the same block
    on every page, is not a section to teach from)."""
    addresses = []
    wanted = ("//article//*[self::h2 or self::h3 or self::div[contains(@class, 'self-check')]"
              " or self::figure[contains(@class, 'site-figure')]][@id][@id != 'cite-this-page']")
    for page in site.pages():
        if page.url == PAGE:
            continue
        addresses.append(TEST_SITE_URL + page.url)
        for element in page.tree.xpath(wanted):
            addresses.append(f"{TEST_SITE_URL}{page.url}#{element.get('id')}")
    return addresses


def zbar(images: list[Path]) -> list[str]:
    """What zbar reads in `images`: every QR code's text, in order."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("the QR test needs zbar (apt-get install zbar-tools)")
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 4), done.stderr  # 4: some image holds no code (a sheet of text)
    return done.stdout.splitlines()


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


def test_every_question_has_a_card_under_its_page_in_reading_order(site: BuiltSite) -> None:
    questions = [address for address in expected_addresses(site) if "#check-" in address and not address.endswith("#check-your-understanding")]
    assert len(questions) >= 13
    tree = site.page(PAGE).tree
    blocks = {
        block.xpath("string(.//li[1]//p[@class='teaching-links__url'])"): [p.text_content() for p in block.xpath(".//p[@class='teaching-links__url']")]
        for block in tree.xpath("//section[@class='teaching-links']")
    }
    for question in questions:
        page_address = question.partition("#")[0]
        assert question in blocks[page_address], f"{question} is not listed under its page"
    # Each block in the page's reading order: a question after the section it is in.
    for page_address, shown in blocks.items():
        assert shown == [a for a in expected_addresses(site) if a.partition("#")[0] == page_address]
    titles = tree.xpath("//p[@class='teaching-links__title'][starts-with(., 'Question: ')]")
    assert len(titles) == len(questions)
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
        title = item.xpath("string(.//p[@class='teaching-links__title'])").replace("\u00a0", " ")  # doses kept whole
        alt = item.xpath("string(.//img/@alt)")
        assert alt.startswith("QR code for the ") and (title.removeprefix("Question: ").removeprefix("Figure: ") in alt or title == "Whole page"), alt
    blocks = tree.xpath("//section[@class='teaching-links']/h2/@id")
    sidebar = "//div[contains(@class, 'md-sidebar--secondary')]//nav[contains(@class, 'md-nav--secondary')]//a/@href"
    contents = [href.removeprefix("#") for href in tree.xpath(sidebar)]
    assert blocks and contents == blocks


def png_size(path: Path) -> tuple[int, int]:
    """A PNG file's width and height, from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_every_card_offers_a_png_of_600_px_for_slides_that_decodes(site: BuiltSite) -> None:
    """Google Slides cannot insert SVG: each card also offers, as a download, a PNG at least
    600 px square, which the page itself does not load, and which decodes to the card's address."""
    tree = site.page(PAGE).tree
    items = tree.xpath("//li[@class='teaching-links__item']")
    shown = set(tree.xpath("//img/@src"))
    files = []
    for item in items:
        hrefs = [href for href in item.xpath(".//a[@download]/@href") if href.endswith(".png")]
        assert len(hrefs) == 1, item.xpath("string(.//p[@class='teaching-links__title'])")
        assert hrefs[0] not in shown
        path = (site.page(PAGE).path.parent / hrefs[0]).resolve()
        width, height = png_size(path)
        assert width >= 600 and height == width, f"{path.name}: {width} x {height}"
        files.append(path)
    assert zbar(files) == [address for address, _, _ in cards(site)]


def test_a_printed_page_holds_every_code_without_scrolling_first(site: BuiltSite, served_site: str, browser, tmp_path: Path) -> None:
    """The codes are lazy-loaded images: printing the page at once, from a phone's screen that
    shows a few of them, still puts every code on paper, and each one decodes."""
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + PAGE)
    loaded = page.locator(".teaching-links__item img").evaluate_all("l => l.filter(i => i.complete && i.naturalWidth).length")
    assert loaded < len(cards(site)), "the test needs codes that the screen has not loaded"
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    page.context.close()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "sheet")], check=True, timeout=120)
    sheets = sorted(tmp_path.glob("sheet-*.png"))
    # (zbar reads the codes of a sheet in its own order)
    assert sorted(zbar(sheets)) == sorted(address for address, _, _ in cards(site))


def test_printing_at_phone_width_keeps_each_card_readable(served_site: str, browser) -> None:
    """Printed from a phone, each card's text keeps room for words, not one letter a line."""
    page = new_page(browser, PHONE, touch=True)
    page.emulate_media(media="print")
    page.goto(served_site + PAGE)
    widths = page.locator(".teaching-links__text").evaluate_all("l => l.map(t => t.getBoundingClientRect().width)")
    lines = page.locator(".teaching-links__url").evaluate_all(
        "l => l.map(p => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)))"
    )
    page.context.close()
    assert widths and min(widths) >= 150, f"text squeezed to {min(widths):.0f} px"
    assert max(lines) <= 4, f"an address printed over {max(lines)} lines"
