"""A reader who follows a citation to the reference list and takes the reference's visible
back-link (the arrow) returns to the citation they followed, not to the work's first citation,
with the focus on it: as the browser's Back button would, in Chromium on a laptop. Without
JavaScript the arrow leads to the first citation, as the footnotes extension writes it."""

from __future__ import annotations

import re

import pytest

from conftest import DESKTOP, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/"]
VISIBLE_ARROW = "a.footnote-backref:visible"


def follow_a_late_citation(page, served_site: str, url: str, how: str):
    """Open `url`, follow the last citation of the reference list's second work (far down the
    page, not its first citation) with the mouse or the keyboard; return (its link, its id,
    the reference's list item, the scroll position the reader left)."""
    page.goto(served_site + url)
    key = page.locator("div.footnote li").nth(1).get_attribute("id")
    citations = page.locator(f'article a.footnote-ref[href="#{key}"]:visible')
    assert citations.count() > 2, "the second work should be cited several times"
    link = citations.last
    link.evaluate("c => window.scrollTo(0, c.getBoundingClientRect().top + scrollY - innerHeight / 2)")
    page.wait_for_timeout(200)
    left = page.evaluate("scrollY")
    first = citations.first.evaluate("c => c.getBoundingClientRect().top + scrollY")
    assert left - first > 2 * DESKTOP["height"], "the citation should be far below the work's first citation"
    citation_id = link.evaluate("a => a.id || a.parentElement.id")
    if how == "mouse":
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{re.escape(key)}$"), timeout=5000)
    return link, citation_id, page.locator(f'li[id="{key}"]'), left


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
@pytest.mark.parametrize("url", PAGES)
def test_the_visible_back_link_returns_to_the_citation_followed(served_site: str, browser, url: str, how: str) -> None:
    page = new_page(browser, DESKTOP)
    link, citation_id, reference, left = follow_a_late_citation(page, served_site, url, how)
    arrow = reference.locator(VISIBLE_ARROW)
    assert arrow.count() == 1, "one back-link is shown"
    assert arrow.get_attribute("href") == f"#{citation_id}"
    if how == "mouse":
        arrow.click()
    else:
        arrow.focus()
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{re.escape(citation_id)}$"), timeout=5000)
    page.wait_for_timeout(300)
    top = link.evaluate("c => c.getBoundingClientRect().top")
    assert 0 < top < DESKTOP["height"], "the citation followed is on screen"
    assert abs(page.evaluate("scrollY") - left) < DESKTOP["height"], "the reader is back where they were"
    assert link.evaluate("c => document.activeElement === c"), "the focus is back on the citation"
    assert page.locator(".md-tooltip2--active").count() == 0, "no reference pops up over the text returned to"

    # The browser's Back button leads to the reference again, whose arrow still leads back here.
    page.go_back()
    page.wait_for_url(re.compile(r"#fn:"), timeout=5000)
    assert reference.locator(VISIBLE_ARROW).get_attribute("href") == f"#{citation_id}"
    page.context.close()


def test_without_javascript_the_back_link_leads_to_the_first_citation(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP, java_script_enabled=False)
    page.goto(served_site + PAGES[0])
    key = page.locator("div.footnote li").nth(1).get_attribute("id")
    arrow = page.locator(f'li[id="{key}"] {VISIBLE_ARROW}')
    assert arrow.count() == 1
    assert arrow.get_attribute("href") == "#" + key.replace("fn:", "fnref:", 1)
    page.context.close()
