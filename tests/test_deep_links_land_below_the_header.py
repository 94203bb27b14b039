"""Opening page/#id shows that heading whole, below the sticky header, on a phone and on a
desktop, for every published id; and so does following an in-site link to a section. Each is
measured once the page has stopped scrolling (tests/helpers.py), not after a fixed time."""

from __future__ import annotations

import pytest

from conftest import DESKTOP, PHONE, new_page
from helpers import assert_lands_right, published


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_published_id_lands_below_the_header(served_site: str, browser, viewport) -> None:
    page = new_page(browser, viewport, touch=viewport is PHONE)
    for url, anchor in published():
        if anchor:
            page.goto("about:blank")  # each address opened as a reader opens a pasted link: a new page
            page.goto(f"{served_site}{url}#{anchor}")
            assert_lands_right(page, anchor, f"/{url}#{anchor}")
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_an_in_site_link_to_a_section_lands_below_the_header(served_site: str, browser, viewport) -> None:
    page = new_page(browser, viewport, touch=viewport is PHONE)
    page.goto(served_site + "loncastuximab-dose-finding/")
    page.locator('article a[href="#lesson-cumulative-toxicity"]').first.click()
    assert_lands_right(page, "lesson-cumulative-toxicity", "in-page link")
    page.goto(served_site)
    page.locator('article a[href$="car-t-failure/"]:not(.headerlink)').first.click()  # (a ¶ of the topic's section links to s/topic-car-t-failure/)
    page.wait_for_url("**/car-t-failure/")
    page.locator('article a[href="#strength-of-evidence"]').first.click()
    assert_lands_right(page, "strength-of-evidence", "in-page link")
    page.context.close()
