"""Every download of a figure (its SVG and 1600 px PNG, and its slide SVG and PNG) has the
credit drawn in, which slide software keeps where it drops metadata; the slide SVG is linked
under the caption; and from 600 px wide each figure fits the window's height below the header."""

from __future__ import annotations

import re
import struct

import pytest
from lxml import etree

from conftest import TEST_SITE_URL, BuiltSite, new_page

FIGURES = [("car-t-failure/", "figure-immune-profiles"), ("loncastuximab-dose-finding/", "figure-dosing-path")]
SVG = "{http://www.w3.org/2000/svg}"


def downloads(site: BuiltSite, url: str, figure_id: str) -> list:
    figure = site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]')[0]
    return [(site.page(url).path.parent / a.get("href")).resolve() for a in figure.xpath(".//figcaption//a[@download]")]


@pytest.mark.parametrize(("url", "figure_id"), FIGURES)
def test_every_download_has_the_credit_drawn_in(site: BuiltSite, url: str, figure_id: str) -> None:
    files = downloads(site, url, figure_id)
    svgs = [f for f in files if f.suffix == ".svg"]
    assert {f.stem.endswith("-slide") for f in svgs} == {True, False}, "the figure's SVG and its slide SVG are linked"
    assert len(files) == 4
    address = f"{TEST_SITE_URL}{url}#{figure_id}"
    for file in files:
        svg_file = file.with_suffix(".svg")
        svg = etree.parse(str(svg_file)).getroot()
        title = "".join(svg.find(f".//{SVG}text[@class='fig-title']").itertext())
        credit = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text") if t.get("class") == "fig-credit"]
        for part in (f"“{title}”", "Lymphoma therapy explained", "Licence: CC BY 4.0"):
            assert part in " ".join(credit), f"{svg_file.name}: the drawn credit lacks {part}: {credit}"
        # An address may be broken over lines, after a / or #.
        assert address in "".join(credit), f"{svg_file.name}: the drawn credit lacks {address}: {credit}"
        # Inside the drawing, under the figure; and each PNG is drawn from its SVG whole.
        _, _, width, height = (float(n) for n in svg.get("viewBox").split())
        ys = [float(t.get("y")) for t in svg.iter(f"{SVG}text") if t.get("class") == "fig-credit"]
        others = [float(t.get("y")) for t in svg.iter(f"{SVG}text") if t.get("class") != "fig-credit" and t.get("y")]
        assert max(ys) <= height, svg_file.name
        if not svg_file.stem.endswith("-slide"):  # (a slide's lines are moved in groups)
            assert min(ys) > max(others), f"{svg_file.name}: the credit is not under the figure"
        if file.suffix == ".png":
            png_width, png_height = struct.unpack(">II", file.read_bytes()[16:24])
            assert abs(png_height / png_width - height / width) < 0.01, f"{file.name} is not its SVG drawn whole"


def test_a_long_address_is_broken_only_after_a_slash_or_hash() -> None:
    from figures.downloads import Credit

    credit = Credit("A figure", "Lymphoma therapy explained", "https://teaching.example.org/lymphoma/loncastuximab-dose-finding/#figure-dosing-path")
    lines = credit.lines(360)
    address_lines = [line for line in lines if "teaching" in line or "figure-dosing" in line]
    assert len(address_lines) > 1
    for line in address_lines[:-1]:
        assert re.search(r"[/#]$", line), lines


@pytest.mark.parametrize("window", [(600, 800), (800, 900), (1024, 768), (1280, 800)], ids=lambda w: f"{w[0]}x{w[1]}")
def test_each_figure_fits_the_window_from_600px_wide(served_site: str, browser, window: tuple[int, int]) -> None:
    width, height = window
    page = new_page(browser, {"width": width, "height": height})
    for url, figure_id in FIGURES:
        page.goto(served_site + url)
        figure = page.locator(f"#{figure_id} svg").bounding_box()
        header = page.locator(".md-header").bounding_box()["height"]
        assert figure["height"] <= height - header, f"{url}#{figure_id} is {figure['height']:.0f} px tall in a {width} × {height} window"
    page.context.close()
