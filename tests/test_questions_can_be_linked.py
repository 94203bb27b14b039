"""Every self-check question has the same link control as a section heading: a visible section
sign beside the question, named "Copy link to question: …" for screen readers, at least 24 px
square, that copies the question's share address (`<page>s/<id>/`, whose link preview shows the
question) and says "Link copied"; followed, it links to that address."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import DESKTOP, PHONE, BuiltSite, activate, new_page, squash

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def questions(site: BuiltSite) -> list[tuple[str, str, str]]:
    """(page url, id, question text) of every self-check question of the site."""
    found = []
    for page in site.pages():
        for block in page.tree.xpath("//article//div[contains(@class, 'self-check')][@id]"):
            found.append((page.url, block.get("id"), squash(block.xpath("string(./details/summary)"))))
    return found


def test_every_question_has_a_named_visible_control_on_a_phone(site: BuiltSite, served_site: str, browser) -> None:
    found = questions(site)
    assert len(found) >= 13
    page = new_page(browser, PHONE, touch=True)
    for url in sorted({url for url, _, _ in found}):
        page.goto(served_site + url)
        for _, anchor, text in [q for q in found if q[0] == url]:
            control = page.get_by_role("link", name=f"Copy link to question: {text}", exact=True)
            assert control.count() == 1, f"/{url}#{anchor}: no control named for its question"
            assert control.get_attribute("href") == f"s/{anchor}/", f"/{url}#{anchor}: not its share address"
            control.scroll_into_view_if_needed()
            assert control.is_visible()
            box = control.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, f"/{url}#{anchor}: too small to tap"
            # Beside the question, on the line of its first words, and not inside its summary
            # (the button that opens the answer).
            summary = page.locator(f'[id="{anchor}"] > details > summary').bounding_box()
            assert summary["y"] <= box["y"] + box["height"] / 2 <= summary["y"] + summary["height"], f"/{url}#{anchor}"
            assert box["x"] >= summary["x"] + summary["width"] - 1
            assert page.locator(f'[id="{anchor}"] summary a').count() == 0
    page.context.close()


@pytest.mark.parametrize("how", ["tap", "keyboard"])
def test_the_control_copies_the_question_address_and_leaves_it_closed(site: BuiltSite, served_site: str, browser, how: str) -> None:
    url, anchor, text = questions(site)[-1]
    page = new_page(browser, PHONE if how == "tap" else DESKTOP, touch=how == "tap", **CLIPBOARD)
    page.goto(served_site + url)
    control = page.get_by_role("link", name=f"Copy link to question: {text}", exact=True)
    activate(page, control, how)
    page.get_by_role("status").filter(has_text="Link copied").wait_for(state="visible", timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") == urljoin(served_site, url) + f"s/{anchor}/"  # its share address
    assert page.locator(f'[id="{anchor}"] > details').get_attribute("open") is None, "the answer stays closed"
    page.context.close()
