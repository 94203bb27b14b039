"""axe-core (through axe-playwright-python) finds no violations on any page, at 390 and
1280 px wide, in the light and the dark palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import DESKTOP, PHONE, BuiltSite, new_page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_axe_finds_no_violations(site: BuiltSite, served_site: str, browser, viewport, scheme: str) -> None:
    axe = Axe()
    page = new_page(browser, viewport, touch=viewport is PHONE, color_scheme=scheme)
    found = {}
    for built in site.pages():
        page.goto(served_site + built.url)
        violations = axe.run(page).response["violations"]
        if violations:
            found[built.url or "/"] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.context.close()
    assert found == {}
