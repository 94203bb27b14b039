"""Every h2 and h3 has a visible control, named for screen readers and reachable by
keyboard, that copies the section's full address with its #id, says "Link copied", and
opens the system share sheet where the browser has one."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import DESKTOP, PHONE, BuiltSite, new_page

PAGE = "car-t-failure/"
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def section_headings(site: BuiltSite) -> list[tuple[str, str, str]]:
    """(page url, id, heading text) for every h2/h3 that the Markdown defines on every page."""
    found = []
    for page in site.pages():
        for heading in page.tree.xpath("//article//*[self::h2 or self::h3][a[@class='headerlink']]"):
            text = "".join(heading.itertext()).replace("\u00b6", "").strip()
            found.append((page.url, heading.get("id"), text))
    return found


def test_every_section_has_a_named_visible_control_on_a_phone(site: BuiltSite, served_site: str, browser) -> None:
    headings = section_headings(site)
    assert len(headings) > 40
    page = new_page(browser, PHONE, touch=True)
    for url in sorted({url for url, _, _ in headings}):
        page.goto(served_site + url)
        for _, anchor, text in [h for h in headings if h[0] == url]:
            control = page.locator(f'[id="{anchor}"] > a.headerlink')
            assert control.get_attribute("aria-label") == f"Copy link to section: {text}"
            control.scroll_into_view_if_needed()
            assert control.is_visible()
            assert float(control.evaluate("a => getComputedStyle(a).opacity")) == 1.0, f"/{url}#{anchor}"
            box = control.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, f"/{url}#{anchor}: too small to tap"
    page.context.close()


@pytest.mark.parametrize("how", ["tap", "keyboard"])
def test_the_control_copies_the_full_address_and_says_so(served_site: str, browser, how: str) -> None:
    page = new_page(browser, PHONE if how == "tap" else DESKTOP, touch=how == "tap", **CLIPBOARD)
    page.goto(served_site + PAGE)
    control = page.get_by_role("link", name="Copy link to section: Suppressive myeloid cells")
    if how == "tap":
        control.scroll_into_view_if_needed()
        control.tap()
    else:
        control.focus()
        page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="Link copied").wait_for(state="visible", timeout=5000)
    expected = urljoin(served_site, PAGE) + "#suppressive-myeloid-cells"
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.context.close()


def test_the_control_opens_the_share_sheet_where_there_is_one(served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True, **CLIPBOARD)
    # Headless Chromium on Linux has no share sheet; stand one in that records its calls.
    page.add_init_script("navigator.share = async (data) => { window.shared = data; };")
    page.goto(served_site + PAGE)
    control = page.get_by_role("link", name="Copy link to section: Other checkpoints")
    control.scroll_into_view_if_needed()
    control.tap()
    # (wait_for_function would evaluate a string, which the site's Content Security Policy forbids)
    for _ in range(50):
        if page.evaluate("window.shared !== undefined"):
            break
        page.wait_for_timeout(100)
    shared = page.evaluate("window.shared")
    assert shared["url"] == urljoin(served_site, PAGE) + "#other-checkpoints"
    assert shared["title"].startswith("Other checkpoints")
    page.context.close()
