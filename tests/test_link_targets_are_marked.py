"""A reader who follows a link to a section or a question sees where it landed: the heading
or the question is marked, unlike its neighbours; and the section sign there stays at 4.5:1
contrast at least (axe's colour-contrast rule finds nothing on an h3's address)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PHONE, new_page

TARGETS = [
    ("loncastuximab-dose-finding/", "dlt-window", "dose-reduction"),  # an h3, and an h2 not linked
    ("car-t-failure/", "upstream-drivers", "other-checkpoints"),  # two h3s
    ("loncastuximab-dose-finding/", "check-cycle-1-window", "check-why-not-the-top-dose"),  # questions
]

LOOK = """e => { const s = getComputedStyle(e); return [s.backgroundColor, s.boxShadow, s.outlineStyle, s.borderLeftWidth].join(' | '); }"""


@pytest.mark.parametrize(("url", "target", "neighbour"), TARGETS)
def test_the_section_or_question_linked_to_is_marked(served_site: str, browser, url: str, target: str, neighbour: str) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(f"{served_site}{url}#{target}")
    page.wait_for_timeout(300)
    landed = page.locator(f'[id="{target}"]').evaluate(LOOK)
    other = page.locator(f'[id="{neighbour}"]').evaluate(LOOK)
    assert landed != other, f"#{target} looks like #{neighbour}: {landed}"
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("url", "target"), [(u, t) for u, t, _ in TARGETS])
def test_the_section_sign_at_a_target_has_enough_contrast(served_site: str, browser, url: str, target: str, scheme: str) -> None:
    page = new_page(browser, PHONE, touch=True, color_scheme=scheme)
    page.goto(f"{served_site}{url}#{target}")
    page.wait_for_timeout(300)
    result = Axe().run(page, context=f'[id="{target}"]', options={"runOnly": ["color-contrast"]}).response
    page.context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
