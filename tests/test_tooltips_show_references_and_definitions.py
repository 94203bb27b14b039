"""In Chromium on a desktop: hovering or focusing a citation shows its full reference
(Material's footnote tooltip); hovering an abbreviation shows its definition. Taps on a
phone: test_citation_tap_keeps_the_reader_in_place.py."""

from __future__ import annotations


import pytest

from conftest import BuiltSite, reference_text, squash

PAGE = "car-t-failure/"


def active_tooltip_text(page) -> str:
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    return squash(tooltip.inner_text())


@pytest.mark.parametrize("action", ["hover", "focus"])
def test_hovering_or_focusing_a_citation_shows_its_full_reference(
    site: BuiltSite, served_site: str, browser, action: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served_site + PAGE)
    citation = page.locator(".footnote-ref").nth(3)
    expected = reference_text(site, PAGE, citation.get_attribute("href"))
    getattr(citation, action)()
    assert active_tooltip_text(page) == expected
    assert "doi:" in expected
    page.close()


def test_hovering_an_abbreviation_shows_its_definition(served_site: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served_site + PAGE)
    abbreviation = page.locator("article abbr", has_text="LBCL").first
    abbreviation.hover()
    assert active_tooltip_text(page) == "large B-cell lymphoma"
    page.close()
