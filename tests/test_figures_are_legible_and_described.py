"""The project's own figures: inline SVG with a text alternative, cited in their caption,
as wide as a phone allows, with type no smaller than 10 px at 390 px, whole in a laptop's
window, and with text that stands out from its background in both palettes."""

from __future__ import annotations

import pytest

from conftest import DESKTOP, PHONE, BuiltSite, new_page

FIGURES = {
    "car-t-failure/": "figure-immune-profiles",
    "loncastuximab-dose-finding/": "figure-dosing-path",
}

CONTRAST = """figure => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const blend = (top, bottom) => {
    const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a));
  };
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const ratios = [];
  for (const text of figure.querySelectorAll("text")) {
    const fill = blend(rgb(getComputedStyle(text).fill), page);
    const boxes = [...figure.querySelectorAll("rect.fig-box")].filter(r => {
      const a = r.getBoundingClientRect(), b = text.getBoundingClientRect();
      return b.left >= a.left && b.right <= a.right && b.top >= a.top && b.bottom <= a.bottom;
    });
    const behind = boxes.length ? blend(rgb(getComputedStyle(boxes[0]).fill), page) : page;
    const [hi, lo] = [lum(fill), lum(behind)].sort((x, y) => y - x);
    ratios.push((hi + 0.05) / (lo + 0.05));
  }
  return ratios;
}"""


def test_each_figure_has_a_text_alternative_and_a_cited_caption(site: BuiltSite) -> None:
    for url, figure_id in FIGURES.items():
        [figure] = site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]')
        [svg] = figure.xpath(".//svg")
        assert svg.get("role") == "img"
        labels = [figure.xpath(f'.//*[@id="{i}"]')[0] for i in svg.get("aria-labelledby").split()]
        assert [label.tag for label in labels] == ["title", "desc"]
        assert len(labels[1].text_content()) > 200, "the description must carry what the figure shows"
        assert figure.xpath(".//figcaption//a[@class='footnote-ref']"), f"{figure_id}: caption cites nothing"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_fit_a_phone_and_read_in_both_palettes(served_site: str, browser, scheme: str) -> None:
    page = new_page(browser, PHONE, touch=True, color_scheme=scheme)
    for url, figure_id in FIGURES.items():
        page.goto(served_site + url)
        svg = page.locator(f"#{figure_id} svg")
        box = svg.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        smallest = svg.evaluate(
            """svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return Math.min(...[...svg.querySelectorAll('text')].map(
                    t => parseFloat(getComputedStyle(t).fontSize) * scale));
            }"""
        )
        assert smallest >= 10, f"{figure_id}: {smallest:.1f} px type at {PHONE['width']} px"
        ratios = page.locator(f"#{figure_id}").evaluate(CONTRAST)
        assert min(ratios) >= 4.5, f"{figure_id} ({scheme}): text contrast {min(ratios):.2f}:1"
    page.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, {"width": 1024, "height": 768}, {"width": 1920, "height": 1080}], ids=lambda v: f"{v['width']}x{v['height']}")
def test_a_whole_figure_fits_a_laptop_window_and_stays_legible(served_site: str, browser, viewport: dict[str, int]) -> None:
    """On a laptop the reader sees a whole figure at once: it takes at most 80% of the window's
    height (or, in a window so short that 80% would shrink its type under 10 px, no more than that
    type needs), and its smallest type is still at least 10 px."""
    page = new_page(browser, viewport)
    for url, figure_id in FIGURES.items():
        page.goto(served_site + url)
        found = page.locator(f"#{figure_id} svg").evaluate(
            """svg => ({ height: svg.getBoundingClientRect().height, header: document.querySelector('.md-header').offsetHeight,
                         smallest: Math.min(...[...svg.querySelectorAll('text')].map(
                             t => parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a)) })"""
        )
        assert found["smallest"] >= 10, f"{figure_id}: {found['smallest']:.1f} px type at {viewport}"
        assert found["height"] <= viewport["height"] - found["header"], f"{figure_id}: {found['height']:.0f} px high, {viewport}"
        assert found["height"] <= max(0.8 * viewport["height"], 620) + 1, f"{figure_id}: {found['height']:.0f} px high, {viewport}"
    page.context.close()
