"""On a phone (Chromium, 390 px) a dose ("150 µg/kg"), "3 + 3" and "cycle 1" never break
across lines, on the pages and on the link-preview cards, whose wrapping is the build's own;
the pages' descriptions (og:description) follow the same rule. Citation numbers are at least
10 px, and the text of boxes, answers, references and tables at least 14 px."""

from __future__ import annotations

import re

import pytest

from conftest import PHONE, BuiltSite, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/"]
# Written with a space or a no-break space: the test does not care how they are kept together.
SPACE = "[ \u00a0]"
UNITS = re.compile(rf"\d+{SPACE}(?:µg|mg)/kg|\d{SPACE}\+{SPACE}\d|\b[Cc]ycle{SPACE}\d")

BROKEN_UNITS = """pattern => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  const re = new RegExp(pattern, 'g');
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(re)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length && rects.some(r => Math.abs(r.bottom - rects[0].bottom) > 2)) found.push(m[0]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [320, 360, PHONE["width"]])
@pytest.mark.parametrize("url", PAGES)
def test_no_dose_or_step_breaks_across_lines_on_a_phone(served_site: str, browser, url: str, width: int) -> None:
    page = new_page(browser, {"width": width, "height": PHONE["height"]}, touch=True)
    page.goto(served_site + url)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.locator(".md-content").inner_text()
    if url.startswith("lonca"):
        assert len(UNITS.findall(text)) > 20, "the dose page should hold many doses, '3 + 3' and 'cycle 1'"
    assert page.evaluate(BROKEN_UNITS, UNITS.pattern) == []
    page.context.close()


def test_cards_wrap_by_the_same_rule() -> None:
    from sharing.link_previews import BOLD, REGULAR, wrap

    texts = ["Trial design: two parts, 3 + 3", "Escalation: up to 200 µg/kg, MTD not reached",
             "Dose-limiting toxicity: judged in cycle 1"]
    for text in texts:
        for font, size in [(BOLD, 64), (REGULAR, 36)]:
            for width in range(200, 1100, 10):
                lines = wrap(text, font, size, width)
                # each unit whole on one line, none split over two
                joined = [m.group(0).replace("\u00a0", " ") for m in UNITS.finditer(text)]
                whole = [m.group(0).replace("\u00a0", " ") for line in lines for m in UNITS.finditer(line)]
                assert whole == joined, f"{text!r} at {width} px in {lines}"


def test_page_descriptions_keep_doses_and_steps_together(site: BuiltSite) -> None:
    described = 0
    for url in PAGES:
        for meta in site.page(url).tree.xpath('//meta[@property="og:description" or @name="description"]'):
            content = meta.get("content")
            described += bool(UNITS.search(content))
            assert not re.search(r"\d \+ \d|\d (?:µg|mg)/kg|\b[Cc]ycle \d", content), content
    assert described, "the dose page's description names '3 + 3'"


@pytest.mark.parametrize("url", PAGES)
def test_citation_numbers_and_box_text_are_legible_on_a_phone(served_site: str, browser, url: str) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + url)
    sizes = page.evaluate("""() => {
      const px = e => parseFloat(getComputedStyle(e).fontSize);
      const smallest = sel => Math.min(...[...document.querySelectorAll(sel)].filter(e => e.textContent.trim()).map(px));
      return {
        citations: smallest('.md-content a.footnote-ref'),
        boxes: smallest('.md-content .admonition p, .md-content .admonition li'),
        questions: smallest('.md-content .self-check summary, .md-content .self-check details p'),
        references: smallest('.md-content .footnote li'),
        tables: smallest('.md-content td'),
        body: px(document.querySelector('.md-content p')),
      };
    }""")
    assert sizes["citations"] >= 10, sizes
    for kind in ["boxes", "questions", "references", "tables"]:
        assert sizes[kind] >= 14, (kind, sizes)
    page.context.close()


def test_glossary_text_is_legible_on_a_phone(served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + "glossary/")
    smallest = page.evaluate("Math.min(...[...document.querySelectorAll('.md-content td')].map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert smallest >= 14
    page.context.close()
