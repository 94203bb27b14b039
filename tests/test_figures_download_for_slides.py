"""Each figure offers, next to its caption, its SVG and a PNG at least 1600 px wide on a light
background with its text drawn, both made at build time from the one SVG source, with the
licence and a one-line credit."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from lxml import etree
from mkdocs.exceptions import PluginError

import drawing
import figures
from conftest import DESKTOP, TEST_SITE_URL, BuiltSite, new_page

FIGURES = [("car-t-failure/", "figure-immune-profiles"), ("loncastuximab-dose-finding/", "figure-dosing-path")]

# The share of dark pixels in the top band of a PNG (its drawn title), and its corner's colour.
PIXELS = """async src => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const band = context.getImageData(0, 0, image.width, Math.round(image.height * 0.04)).data;
  let dark = 0;
  for (let i = 0; i < band.length; i += 4) if (band[i] + band[i + 1] + band[i + 2] < 200) dark++;
  return { dark: dark / (band.length / 4), corner: [...context.getImageData(1, 1, 1, 1).data] };
}"""


def downloads(site: BuiltSite, url: str, figure_id: str) -> dict[str, Path]:
    figure = site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]')[0]
    links = {a.text_content(): a.get("href") for a in figure.xpath(".//figcaption//a[@download]")}
    assert set(links) == {"Download SVG", "Download PNG"}, links
    return {kind: (site.page(url).path.parent / href).resolve() for kind, href in links.items()}


@pytest.mark.parametrize(("url", "figure_id"), FIGURES)
def test_each_figure_offers_its_svg_and_png_with_licence_and_credit(site: BuiltSite, url: str, figure_id: str) -> None:
    files = downloads(site, url, figure_id)
    svg = etree.parse(str(files["Download SVG"])).getroot()
    assert svg.tag.endswith("svg") and svg.find("{http://www.w3.org/2000/svg}style") is not None
    assert svg.find("{http://www.w3.org/2000/svg}rect").get("fill") == "#ffffff"
    png = files["Download PNG"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", png[16:20])[0] >= 1600
    caption = " ".join(site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]//figcaption')[0].text_content().split())
    assert "Licence: CC BY 4.0" in caption
    assert f"Lymphoma therapy explained, {TEST_SITE_URL}{url}#{figure_id}." in caption and "Credit: “" in caption


def test_the_png_is_light_with_its_text_drawn(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    for url, figure_id in FIGURES:
        png = downloads(site, url, figure_id)["Download PNG"].relative_to(site.root).as_posix()
        page.goto(served_site + png)
        found = page.evaluate(PIXELS, served_site + png)
        assert found["corner"][:3] == [255, 255, 255], found
        assert found["dark"] > 0.02, f"{png}: no text in its title band"
    page.context.close()


def test_both_files_come_from_the_one_source_and_the_stylesheet() -> None:
    style = figures.figure_style(".site-figure svg .fig-box { fill: var(--md-default-bg-color); }\n.other { x: y }")
    assert style == ".fig-box { fill: #ffffff; }"
    out = figures.standalone('<svg viewBox="0 0 360 100" role="img"><text>x</text></svg>', style)
    assert out.startswith('<svg viewBox="0 0 360 100" role="img">\n<style>\n.fig-box') and out.endswith("<text>x</text></svg>")


def test_without_the_font_the_build_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(drawing, "FONTS", tmp_path)
    with pytest.raises(PluginError, match="fonts-dejavu-core"):
        figures.png('<svg viewBox="0 0 1 1"/>', tmp_path / "cache")
