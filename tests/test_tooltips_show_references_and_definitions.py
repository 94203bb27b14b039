"""In Chromium on a desktop: hovering or focusing a citation shows its full reference;
hovering an abbreviation shows its definition, in place of the browser's own title tooltip.
One tooltip at a time, built when the reader reaches for it (site.js, with the theme's tooltip
markup). Taps on a phone: test_citation_tap_keeps_the_reader_in_place.py."""

from __future__ import annotations


import pytest

from conftest import DESKTOP, BuiltSite, new_page, reference_text, squash

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
    expected = f"{citation.inner_text()}. {reference_text(site, PAGE, citation.get_attribute('href'))}"
    getattr(citation, action)()
    assert active_tooltip_text(page) == expected  # numbered, as in the reference list
    assert "doi:" in expected
    page.close()


def test_hovering_an_abbreviation_shows_its_definition_in_place_of_its_title(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(served_site + PAGE)
    abbreviation = page.locator("article abbr", has_text="LBCL").first
    abbreviation.hover()
    assert active_tooltip_text(page) == "large B-cell lymphoma"
    # No title while the tooltip shows (the browser would draw its own on top), and the
    # tooltip describes the abbreviation for assistive technology.
    assert abbreviation.get_attribute("title") is None
    described_by = abbreviation.get_attribute("aria-describedby")
    assert described_by and squash(page.locator(f"#{described_by}").inner_text()) == "large B-cell lymphoma"

    page.mouse.move(0, DESKTOP["height"] - 1)
    page.locator(".md-tooltip2").wait_for(state="detached", timeout=5000)
    assert abbreviation.get_attribute("title") == "large B-cell lymphoma"
    assert abbreviation.get_attribute("aria-describedby") is None
    page.close()


def test_one_tooltip_at_a_time(site: BuiltSite, served_site: str, browser) -> None:
    """Moving from one citation to another leaves one reference showing: the second. (Were the
    theme's own tooltip features switched back on, each citation would get two.)"""
    page = new_page(browser, DESKTOP)
    page.goto(served_site + PAGE)
    first, second = page.locator(".footnote-ref").nth(3), page.locator(".footnote-ref").nth(12)
    first.hover()
    active_tooltip_text(page)
    second.hover()
    expected = reference_text(site, PAGE, second.get_attribute("href"))
    assert expected != reference_text(site, PAGE, first.get_attribute("href"))
    page.wait_for_timeout(600)  # longer than the fade-out
    assert page.locator(".md-tooltip2").count() == 1
    assert active_tooltip_text(page) == f"{second.inner_text()}. {expected}"
    assert second.get_attribute("aria-controls") == page.locator(".md-tooltip2").get_attribute("id")
    assert first.get_attribute("aria-controls") is None
    page.close()


def test_moving_the_focus_away_closes_the_reference(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(served_site + PAGE)
    citation = page.locator(".footnote-ref").nth(3)
    citation.focus()
    active_tooltip_text(page)
    assert citation.get_attribute("aria-haspopup") == "dialog"
    page.locator(".md-content h1").first.evaluate("h => { h.tabIndex = -1; h.focus(); }")
    page.locator(".md-tooltip2").wait_for(state="detached", timeout=5000)
    assert citation.get_attribute("aria-haspopup") is None
    page.close()
