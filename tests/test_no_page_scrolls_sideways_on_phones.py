"""No page scrolls sideways on a phone from 320 to 430 px wide: wide tables and code scroll
inside their own box. Each page's full-length phone screenshot, in both palettes, is saved
to screenshots/ (ignored by git) for a person to look at."""

from __future__ import annotations

import struct

import pytest

from conftest import ROOT, BuiltSite, new_page

SCREENSHOTS = ROOT / "screenshots"


def png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int(struct.unpack(">I", data[16:20])[0])


@pytest.mark.parametrize("width", [320, 360, 390, 430])
def test_no_page_is_wider_than_the_phone(site: BuiltSite, served_site: str, browser, width: int) -> None:
    page = new_page(browser, {"width": width, "height": 800}, touch=True)
    for built in site.pages():
        page.goto(served_site + built.url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"/{built.url} scrolls {overflow} px sideways at {width} px"
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_screenshots_are_saved(site: BuiltSite, served_site: str, browser, scheme: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = new_page(browser, {"width": 390, "height": 844}, touch=True, color_scheme=scheme)
    for built in site.pages():
        page.goto(served_site + built.url)
        name = (built.url.strip("/") or "home").replace("/", "-")
        path = SCREENSHOTS / f"{name}-390-{scheme}.png"
        data = page.screenshot(path=path, full_page=True)
        assert png_width(data) == 390, f"/{built.url}: the screenshot is wider than the phone"
    page.context.close()
