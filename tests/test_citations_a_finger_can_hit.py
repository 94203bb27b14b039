"""On a touch screen a tap on a citation number, or up to 6 px off its centre in any
direction, opens a dialog that lists that number's reference, numbered as in the reference
list, with the other references of its group; the page does not scroll. Mouse and keyboard
keep one tooltip per number (test_tooltips_show_references_and_definitions.py)."""

from __future__ import annotations

from conftest import PHONE, BuiltSite, new_page, reference_text, squash

PAGE = "car-t-failure/"
OFFSETS = [(0, 0), (6, 0), (-6, 0), (0, 6), (0, -6), (6, 6), (-6, -6), (6, -6), (-6, 6)]
DIALOG = ".md-tooltip2--active"


def test_a_tap_up_to_6_px_off_any_number_opens_its_reference(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + PAGE)
    superscripts = page.locator("article p sup:has(> a.footnote-ref)")
    tried, right, wrong = 0, 0, []
    for index in range(0, 24, 2):  # groups and single citations from the whole page
        sup = superscripts.nth(index)
        sup.evaluate("s => window.scrollTo(0, s.getBoundingClientRect().top + scrollY - innerHeight / 2)")
        page.wait_for_timeout(100)
        for link in sup.locator("a.footnote-ref").all():
            expected = f"{link.inner_text()}. {reference_text(site, PAGE, link.get_attribute('href'))}"
            box = link.bounding_box()
            for dx, dy in OFFSETS:
                before = page.evaluate("scrollY")
                page.touchscreen.tap(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)
                dialog = page.locator(DIALOG)
                dialog.wait_for(state="visible", timeout=3000)
                tried += 1
                if expected in squash(dialog.inner_text()) and page.evaluate("scrollY") == before:
                    right += 1
                else:
                    wrong.append((link.inner_text(), dx, dy))
                page.keyboard.press("Escape")
                dialog.wait_for(state="detached", timeout=3000)
    page.context.close()
    print(f"taps tried: {tried}, right: {right}")
    assert tried >= 100 and wrong == []
