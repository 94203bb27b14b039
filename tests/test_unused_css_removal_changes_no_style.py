"""Removing the theme's unused CSS rules (hooks/output/unused_css.py) and minifying the site's own
stylesheet (hooks/output/minify.py) change no style a reader sees: on every page, at phone and desktop
widths, and with the search dialog open on a result list and a citation's tooltip shown, every
element and pseudo-element has the same computed style with the built stylesheets as with
Material's own and the site.css the authors wrote."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import DESKTOP, PHONE, BuiltSite, new_page

MATERIAL_CSS = Path(material.__file__).resolve().parent / "templates" / "assets" / "stylesheets"
THEME_CSS = re.compile(r".*/assets/stylesheets/((?:main|palette)\.[0-9a-f]+\.min\.css)(\?v=[0-9a-f]+)?$")
SITE_CSS = re.compile(r".*/assets/stylesheets/site\.css$")
SITE_CSS_SOURCE = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "stylesheets" / "site.css"


def serve_originals(page) -> None:
    """Let `page` load Material's stylesheets and site.css as written, not as built."""
    page.route(THEME_CSS, lambda route: route.fulfill(
        path=MATERIAL_CSS / THEME_CSS.match(route.request.url).group(1), content_type="text/css"))
    page.route(SITE_CSS, lambda route: route.fulfill(path=SITE_CSS_SOURCE, content_type="text/css"))

# Every element's computed style, and its ::before and ::after where they exist: a list of
# [element, hash of its style], or, given an index, that entry's {property: value}. A tooltip's
# place is set by script from where things were when it opened, not by the stylesheet, so it is
# left out; so are custom properties (--md-...), which no reader sees: what they do shows in the
# properties that read them (hooks/output/unused_css.py drops those that nothing reads). Some
# values read are used values that come from layout (an `auto` margin in px), and
# Chromium reports what its last layout of a box left behind: after the incremental relayout of
# the header when search results open, .md-header__inner's auto margins read 0px in some runs and
# 30px in others, with either stylesheet, while the box sits 30px in every time. So the whole page
# is laid out afresh first (the root's width changed and restored, within this one call, so no
# script sees it): every run then reads the values that the styles and the state alone give.
STYLES = """(detail) => {
  const root = document.documentElement.style;
  const width = root.width;
  root.width = "1px";
  document.body.offsetWidth;
  root.width = width;
  document.body.offsetWidth;
  const placed = /^(left|right|top|bottom|inset.*)$/;
  const out = [];
  for (const el of document.querySelectorAll("*")) {
    const name = el.tagName + "#" + el.id + "." + el.className;
    for (const pseudo of [null, "::before", "::after"]) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && cs.content === "none") continue;
      const style = {};
      for (const p of cs) {
        if (p.startsWith("--") || (el.id.startsWith("__tooltip") && placed.test(p))) continue;
        style[p] = cs.getPropertyValue(p);
      }
      if (detail === out.length) return style;
      let hash = 2166136261;
      const text = JSON.stringify(Object.keys(style).sort().map((p) => [p, style[p]]));
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
      out.push([name + (pseudo || ""), hash >>> 0]);
    }
  }
  return out;
}"""


def styles(page) -> list:
    """The page's style hashes once two readings in a row agree (the search bar animates)."""
    last = page.evaluate(STYLES, None)
    for _ in range(10):
        page.wait_for_timeout(250)
        now = page.evaluate(STYLES, None)
        if now == last:
            return now
        last = now
    raise AssertionError("the page's styles never settled")


def through_states(page, viewport: dict[str, int], interact: bool):
    """Bring the loaded `page` through the states compared, yielding each once it is reached:
    "loaded"; with `interact`, on a desktop a citation's tooltip shown, then the tooltip gone
    and the search dialog open on a result list."""
    yield "loaded"
    if not interact:
        return
    if viewport == DESKTOP:
        page.locator("a.footnote-ref").first.hover()
        page.locator(".md-tooltip2--active").wait_for()
        yield "citation tooltip"
        page.mouse.move(0, 0)
        page.locator(".md-tooltip2--active").wait_for(state="detached")
    if viewport == PHONE:
        page.locator("label[for=__search]").first.click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("ferritin")
    page.locator(".md-search-result__item").first.wait_for()
    yield "search results"


def opened(browser, url: str, viewport: dict[str, int], original: bool):
    page = new_page(browser, viewport)
    if original:
        serve_originals(page)
    page.goto(url, wait_until="networkidle")
    return page


def states(browser, url: str, viewport: dict[str, int], original: bool, interact: bool) -> dict[str, list]:
    page = opened(browser, url, viewport, original)
    found = {state: styles(page) for state in through_states(page, viewport, interact)}
    page.context.close()
    return found


def first_difference(ours: list, theirs: list) -> int | None:
    """The index of the first element styled differently, -1 if the elements differ."""
    if [name for name, _ in ours] != [name for name, _ in theirs]:
        return -1
    return next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), None)


def explain(browser, url: str, viewport: dict[str, int], state: str, index: int) -> str:
    """What differs in element `index`, in `state` reached again as the test reached it."""
    if index < 0:
        return "the elements differ"
    details = []
    for original in (False, True):
        page = opened(browser, url, viewport, original)
        for reached in through_states(page, viewport, interact=True):
            if reached == state:
                styles(page)  # once it has settled
                details.append(page.evaluate(STYLES, index))
                break
        page.context.close()
    a, b = details
    return f"element {index}: " + str({k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)})


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_trimmed_stylesheets_style_every_page_as_the_originals(site: BuiltSite, served_site: str, browser, viewport) -> None:
    assert len(list(MATERIAL_CSS.glob("*.min.css"))) == 2
    for built in site.pages():
        interact = built.url == "car-t-failure/"
        trimmed = states(browser, served_site + built.url, viewport, False, interact)
        original = states(browser, served_site + built.url, viewport, True, interact)
        for state in original:
            index = first_difference(trimmed[state], original[state])
            if index is not None:
                name = trimmed[state][index][0] if index >= 0 else ""
                pytest.fail(f"{built.url} ({state}) {name}: {explain(browser, served_site + built.url, viewport, state, index)}")
