"""On a phone, the dialog a tap on a citation group opens shows every reference of the group in
full (none cut off or behind a fade), says how many there are, and says so when a screen is too
short for all of them; it has a Close button, and Escape and Close give the focus back to the
citation. On a desktop, Escape hides a citation's reference and leaves the focus on it.
In Debian's Chromium; the placement beside the citation: test_citation_tap_keeps_the_reader_in_place.py."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import DESKTOP, PHONE, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/"]
DIALOG = ".md-tooltip2--active"
LANDSCAPE = {"width": PHONE["height"], "height": PHONE["width"]}


def scroll_mid_screen(page, locator) -> None:
    locator.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - innerHeight / 2)")
    page.wait_for_timeout(100)


def open_dialog(page, group, tap=None):
    """Tap `group` (a citation's superscript) on its first number, or at `tap` (x, y); return the
    open dialog once its fade-in has run."""
    scroll_mid_screen(page, group)
    if tap is None:
        group.locator("a.footnote-ref").first.tap()
    else:
        page.touchscreen.tap(*tap)
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(450)
    return dialog


def focus_is_in(locator) -> bool:
    return bool(locator.evaluate("e => e.contains(document.activeElement) && document.activeElement !== document.body"))


@pytest.mark.parametrize("url", PAGES)
def test_every_reference_of_a_group_shows_in_full(served_site: str, browser, url: str) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + url)
    page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")  # answers too
    groups = page.locator("article sup.citation-group")
    assert groups.count() >= 5
    cut = []
    for index in range(groups.count()):
        group = groups.nth(index)
        dialog = open_dialog(page, group)
        numbers = group.locator("a.footnote-ref").evaluate_all("ls => new Set(ls.map(l => l.href)).size")
        shown = dialog.evaluate(
            """d => {
              const inner = d.querySelector(".md-tooltip2__inner"), box = inner.getBoundingClientRect();
              const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
              const refs = [...d.querySelectorAll(".citation-reference")];
              const inside = r => r.top >= Math.max(box.top, header) && r.bottom <= Math.min(box.bottom, innerHeight);
              return {count: refs.length, hidden: inner.scrollHeight - inner.clientHeight,
                      whole: refs.filter(r => inside(r.getBoundingClientRect())).length,
                      title: d.querySelector("[id$=_title]")?.textContent ?? ""};
            }"""
        )
        if not (shown["count"] == shown["whole"] == numbers and shown["hidden"] <= 1
                and shown["title"] == (f"{numbers} references" if numbers > 1 else "Reference")):
            cut.append((group.inner_text(), shown))
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=3000)
    page.context.close()
    assert cut == []


def test_a_screen_too_short_for_every_reference_says_so(served_site: str, browser) -> None:
    """A phone turned sideways is 390 px high: four references do not fit, and the dialog's
    bar, with its Close button, stays in view and says there is more."""
    page = new_page(browser, LANDSCAPE, touch=True)
    page.goto(served_site + PAGES[0])
    group = page.locator("article sup.citation-group", has_text="1,3,5,6").first
    dialog = open_dialog(page, group)
    inner = dialog.locator(".md-tooltip2__inner")
    assert inner.evaluate("i => i.scrollHeight > i.clientHeight"), "four references should not fit"
    title = dialog.locator("[id$=_title]")
    assert title.inner_text() == "4 references, scroll for more"
    assert dialog.get_attribute("aria-labelledby") == title.get_attribute("id")
    inner.evaluate("i => i.scrollTo(0, i.scrollHeight)")
    page.wait_for_timeout(100)
    close = dialog.get_by_role("button", name="Close")
    box = close.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= LANDSCAPE["height"]
    assert close.evaluate("b => { const r = b.getBoundingClientRect(); "
                          "return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }")
    page.context.close()


@pytest.mark.parametrize("how", ["tap", "keyboard"])
def test_close_gives_the_focus_back_to_the_citation(served_site: str, browser, how: str) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + PAGES[0])
    group = page.locator("article sup.citation-group", has_text="1,3,5,6").first
    link = group.locator("a.footnote-ref").nth(2)
    scroll_mid_screen(page, group)
    link.tap()
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(450)
    assert focus_is_in(dialog), "the dialog takes the focus as it opens"
    close = dialog.get_by_role("button", name="Close")
    box = close.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    if how == "tap":
        close.tap()
    else:
        page.keyboard.press("Tab")
        assert close.evaluate("b => document.activeElement === b"), "Tab reaches the Close button"
        page.keyboard.press("Enter")
    dialog.wait_for(state="detached", timeout=3000)
    assert link.evaluate("a => document.activeElement === a"), "the focus is back on the number tapped"
    page.context.close()


def test_escape_gives_the_focus_back_to_the_citation(served_site: str, browser) -> None:
    """Tapped just above its numbers (no link under the finger: site.css widens the target), a
    group's dialog opens; after Escape the focus is on the group's citation, not on the page."""
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + PAGES[0])
    group = page.locator("article sup.citation-group", has_text="1,3,5,6").first
    scroll_mid_screen(page, group)
    box = group.bounding_box()
    assert box is not None
    dialog = open_dialog(page, group, tap=(box["x"] + box["width"] / 2, box["y"] - 8))
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached", timeout=3000)
    assert focus_is_in(group), "the focus is on the citation"
    page.wait_for_timeout(400)  # longer than the fade-out
    assert page.locator(".md-tooltip2").count() == 0, "and its reference does not open again"
    page.context.close()


def test_escape_on_a_desktop_leaves_the_focus_on_the_citation(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(served_site + PAGES[0])
    citation = page.locator("article a.footnote-ref").nth(3)
    citation.focus()
    page.locator(DIALOG).wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")
    page.locator(".md-tooltip2").wait_for(state="detached", timeout=3000)
    assert citation.evaluate("a => document.activeElement === a")
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_open_dialog(served_site: str, browser, scheme: str) -> None:
    page = new_page(browser, PHONE, touch=True, color_scheme=scheme)
    page.goto(served_site + PAGES[0])
    open_dialog(page, page.locator("article sup.citation-group", has_text="1,3,5,6").first)
    violations = Axe().run(page, context=DIALOG).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    page.context.close()
