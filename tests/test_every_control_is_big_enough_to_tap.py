"""On a phone (320, 390 and 430 px, touch screen) every control a reader can tap is at least
24 x 24 CSS px (WCAG 2.2, 2.5.8), whichever of the common sans-serif families draws the page:
Noto Sans (most Android phones), DejaVu Sans, and Liberation Sans (what Arial and Helvetica
resolve to where neither is installed). No invisible control can be tapped.

What counts as a control: every element a tap or Tab reaches (links, buttons, summaries,
labels of the theme's header toggles, anything with a tabindex), in the header, the navigation
drawer, the article and the footer, unless it is transparent; in the article, a transparent
control that a tap or Tab still reaches is a failure of its own. A link or abbreviation that is a word inside a sentence
(its block has text of its own besides it) is exempt, as WCAG's inline exception allows: its
size is the text's. The page's own small controls are measured whether or not they stand in
text: each section's link (the section sign), the back-link arrow after a reference, the
downloads under a figure's caption, and a citation's superscript, whose target site.css widens
on a touch screen with a pseudo-element that only hit testing sees (so it is measured by
asking the browser which elements lie under each point across and down its middle). Where two
citations stand on consecutive lines, 23-26 px apart, their targets overlap: the strip they share
counts for both (a tap there opens one of them; citations are inside sentences, which WCAG's
inline exception allows)."""

from __future__ import annotations

import pytest

from conftest import BuiltSite, new_page

FONTS = ["Noto Sans", "DejaVu Sans", "Liberation Sans"]
WIDTHS = [320, 390, 430]
MIN = 24

# Measured whether or not they stand in a sentence.
OWN_CONTROLS = {"section link": ":is(h2, h3) > a.headerlink", "back-link": "a.footnote-backref", "figure download": ".site-figure__downloads > a"}
CITATION = "article sup:has(> a.footnote-ref)"
MEASURE = """([ownControls, citation, min]) => {
  const focusable = 'a[href], button, summary, input:not([type=hidden]), select, textarea, label[for], [tabindex]:not([tabindex="-1"])';
  const where = (el) => {
    const id = el.closest('[id]');
    return `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40)}" in #${id ? id.id : '?'}`;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const block = (el) => {
    let e = el.parentElement;
    while (e && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
    return e;
  };
  const inSentence = (el) => {
    if (!el.matches('a, abbr')) return false;
    const b = block(el);
    return !!b && b.textContent.replace(el.textContent, '').trim() !== '';
  };
  const result = { small: [], invisible: [], exempt: 0, measured: {} };
  for (const details of document.querySelectorAll('article details')) details.open = true; // answers too
  const count = (kind) => (result.measured[kind] = (result.measured[kind] || 0) + 1);
  for (const el of document.querySelectorAll(focusable)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || !el.checkVisibility({ visibilityProperty: true })) continue;
    if (opacity(el) === 0) {
      // (the theme's header and drawer keep hidden states of their own: a search box, a title)
      if (el.closest('article') && style.pointerEvents !== 'none') result.invisible.push(where(el));
      continue;
    }
    if (el.matches('a.footnote-ref')) continue; // its superscript is the target (below)
    const own = Object.keys(ownControls).find((kind) => el.matches(ownControls[kind]));
    if (!own && inSentence(el)) { result.exempt += 1; continue; }
    count(own || 'other');
    if (box.width < min || box.height < min) result.small.push(`${where(el)}: ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`);
  }
  // A citation's target: the points where its superscript is hit, under nothing but another
  // citation's target (on consecutive lines, 23-26 px apart, two citations' targets overlap).
  for (const sup of document.querySelectorAll(citation)) {
    sup.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = sup.getClientRects()[0];
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hits = (px, py) => {
      const stack = document.elementsFromPoint(px, py), i = stack.findIndex((e) => sup.contains(e));
      return i >= 0 && stack.slice(0, i).every((e) => e.closest(citation));
    };
    const reach = (dx, dy) => { let n = 0; while (n < 60 && hits(x + (n + 1) * dx, y + (n + 1) * dy)) n++; return n; };
    count('citation');
    if (!hits(x, y)) { result.small.push(`citation ${sup.textContent} in #${sup.closest('[id]').id}: not hit at its centre`); continue; }
    const w = reach(-1, 0) + reach(1, 0) + 1, h = reach(0, -1) + reach(0, 1) + 1;
    if (w < min || h < min) result.small.push(`citation ${sup.textContent} in #${sup.closest('[id]').id}: ${w} x ${h} px`);
  }
  return result;
}"""


def drawn_in(page, selector: str) -> set[str]:
    """The font families Chromium drew the text of `selector` with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("font", FONTS)
def test_every_control_is_at_least_24_px_square(site: BuiltSite, served_site: str, browser, font: str, width: int) -> None:
    page = new_page(browser, {"width": width, "height": 800}, touch=True)
    small, invisible, exempt, measured = [], [], 0, {}
    for built in site.pages():
        page.goto(served_site + built.url)
        # The theme's font stack starts with --md-text-font (empty: `font: false` in mkdocs.yml);
        # naming the family there draws the page with it, whatever the machine would prefer.
        # Then two frames, so that Chromium has drawn the page anew before it is asked which
        # fonts it drew with (asked at once, it could answer for the page's default font).
        page.evaluate(
            """async family => {
                document.documentElement.style.setProperty('--md-text-font', `"${family}"`);
                await document.fonts.ready;
                await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            }""",
            font,
        )
        drawn = {name.removesuffix(" Light") for name in drawn_in(page, "article h2 > a.headerlink") | drawn_in(page, "article p")}
        assert drawn == {font}, f"/{built.url}: drawn in {drawn}, not {font} (apt-get install fonts-noto-core fonts-dejavu-core fonts-liberation2)"
        found = page.evaluate(MEASURE, [OWN_CONTROLS, CITATION, MIN])
        small += [f"/{built.url}: {line}" for line in found["small"]]
        invisible += [f"/{built.url}: {line}" for line in found["invisible"]]
        exempt += found["exempt"]
        for kind, n in found["measured"].items():
            measured[kind] = measured.get(kind, 0) + n
    page.context.close()
    print(f"{font}, {width} px: measured {measured}; {exempt} links and abbreviations inside sentences exempt")
    # Every kind of control the pages have was found and measured.
    assert all(measured.get(kind, 0) >= n for kind, n in
               {"section link": 40, "back-link": 20, "figure download": 4, "citation": 100, "other": 100}.items()), measured
    assert (small, invisible) == ([], []), (
        f"{font} at {width} px: {len(small)} controls under {MIN} x {MIN} px: {small}; "
        f"{len(invisible)} invisible controls that a tap or Tab still reaches: {invisible}"
    )
