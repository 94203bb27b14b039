"""On a phone a citation opens its references in place, so a reader reaches the reference list
by scrolling. Taking a reference's back-link (the arrow) there returns them to where they were
reading, not to the reference's first citation far up the page (Chromium, 390 px, touch)."""

from __future__ import annotations

import pytest

from conftest import PHONE, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/"]


@pytest.mark.parametrize("url", PAGES)
def test_the_arrow_returns_a_reader_who_scrolled_to_the_references(served_site: str, browser, url: str) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + url)
    key = page.locator("div.footnote li").nth(1).get_attribute("id")
    citations = page.locator(f'article a.footnote-ref[href="#{key}"]:visible')
    first = citations.first.evaluate("c => c.getBoundingClientRect().top + scrollY")
    # The reader stops to read far below the work's first citation, then scrolls to the list.
    citations.last.evaluate("c => window.scrollTo(0, c.getBoundingClientRect().top + scrollY - innerHeight / 2)")
    left = page.evaluate("scrollY")
    assert left - first > 2 * PHONE["height"], "the place read should be far below the work's first citation"
    page.wait_for_timeout(1500)
    page.locator(f'li[id="{key}"]').evaluate("li => li.scrollIntoView()")
    page.wait_for_timeout(300)
    arrow = page.locator(f'li[id="{key}"] a.footnote-backref:visible')
    arrow.tap()
    page.wait_for_timeout(500)
    back = page.evaluate("scrollY")
    assert abs(back - left) < PHONE["height"] / 2, f"back at {back}, read at {left}, first citation at {first}"
    page.context.close()
