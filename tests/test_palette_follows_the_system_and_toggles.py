"""Light and dark palettes: the site follows the system setting, and a named toggle switches
between them."""

from __future__ import annotations

import pytest

from conftest import PHONE, new_page

SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_palette_follows_the_system_and_the_toggle_switches_it(served_site: str, browser, system: str) -> None:
    page = new_page(browser, PHONE, touch=True, color_scheme=system)
    page.goto(served_site + "car-t-failure/")
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == SCHEMES[system]
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    other = "dark" if system == "light" else "light"
    page.get_by_role("radio", name=f"Switch to {other} mode").locator("xpath=following-sibling::label[1]").tap()
    assert page.evaluate(scheme) == SCHEMES[other]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    page.context.close()
