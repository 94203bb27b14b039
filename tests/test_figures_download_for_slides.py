"""Each figure offers, next to its caption, its SVG, a PNG at least 1600 px wide and a
1920 × 1080 PNG laid out for a 16:9 slide, all on a light background with their text drawn
and their colours as Chromium draws them, made at build time from the one SVG source, with the
licence and a one-line credit; the slide PNG and the SVGs carry the credit themselves."""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path

import pytest
from lxml import etree
from mkdocs.exceptions import PluginError

from figures import drawing
from figures import downloads as figures
from conftest import DESKTOP, DRAW_IMAGE, ROOT, TEST_SITE_URL, BuiltSite, new_page

FIGURES = [("car-t-failure/", "figure-immune-profiles"), ("loncastuximab-dose-finding/", "figure-dosing-path")]
LINKS = {"Download SVG", "Download PNG", "Download PNG for slides (16:9)", "Download SVG for slides (16:9)"}
SVG = "{http://www.w3.org/2000/svg}"
SOURCES = ROOT / "docs" / "includes" / "figures"
LAYOUTS = sorted(SOURCES.glob("*.slide.svg"))

# The share of dark pixels in the top band of a PNG (its drawn title; `share` of its height), and its corner's colour.
PIXELS = """async ([src, share]) => {
  """ + DRAW_IMAGE + """
  const context = await drawn(src), image = context.canvas;
  const band = context.getImageData(0, 0, image.width, Math.round(image.height * share)).data;
  let dark = 0;
  for (let i = 0; i < band.length; i += 4) if (band[i] + band[i + 1] + band[i + 2] < 200) dark++;
  return { dark: dark / (band.length / 4), corner: [...context.getImageData(1, 1, 1, 1).data] };
}"""

# Two images drawn at one size and cut into CELL-px cells; each cell's colour is the median of
# its pixels (its background: text and lines cover less than half a cell) and falls in a class:
# dark, mid or light, and neutral, warm or cool. Returns the cells whose classes differ, and
# those that are near-black in the first image where the second is light.
COMPARE = """async ({ png, drawn, width, height, cell }) => {
  const pixels = async src => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const context = new OffscreenCanvas(width, height).getContext("2d");
    context.imageSmoothingQuality = "high";
    context.fillStyle = "#fff";
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  };
  const [a, b] = [await pixels(png), await pixels(drawn)];
  const median = (data, x0, y0) => {
    const channels = [[], [], []];
    for (let y = y0; y < y0 + cell; y++)
      for (let x = x0; x < x0 + cell; x++)
        for (let c = 0; c < 3; c++) channels[c].push(data[(y * width + x) * 4 + c]);
    return channels.map(v => v.sort((p, q) => p - q)[v.length >> 1]);
  };
  const luma = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;
  const kind = rgb => {
    const l = luma(rgb), chroma = Math.max(...rgb) - Math.min(...rgb);
    const tone = l < 90 ? "dark" : l < 200 ? "mid" : "light";
    const hue = chroma < 12 ? "neutral" : rgb[0] > rgb[2] ? "warm" : "cool";
    return `${tone} ${hue}`;
  };
  const differ = [], black = [];
  let cells = 0;
  for (let y = 0; y + cell <= height; y += cell)
    for (let x = 0; x + cell <= width; x += cell) {
      cells++;
      const [p, q] = [median(a, x, y), median(b, x, y)];
      // Text edges move with a fraction of a pixel of layout: a cell agrees if Chromium's
      // drawing has its class there or half a cell away.
      const near = [];
      for (const dy of [-cell / 2, 0, cell / 2])
        for (const dx of [-cell / 2, 0, cell / 2])
          if (x + dx >= 0 && y + dy >= 0 && x + dx + cell <= width && y + dy + cell <= height)
            near.push(kind(median(b, x + dx, y + dy)));
      if (!near.includes(kind(p))) differ.push({ x, y, png: p, drawn: q });
      if (luma(p) < 60 && luma(q) >= 200) black.push({ x, y, png: p, drawn: q });
    }
  return { cells, differ, black };
}"""
CELL = 16


def downloads(site: BuiltSite, url: str, figure_id: str) -> dict[str, Path]:
    figure = site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]')[0]
    links = {a.text_content(): a.get("href") for a in figure.xpath(".//figcaption//a[@download]")}
    assert set(links) == LINKS, links
    return {kind: (site.page(url).path.parent / href).resolve() for kind, href in links.items()}


def size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize(("url", "figure_id"), FIGURES)
def test_each_figure_offers_its_svg_and_pngs_with_licence_and_credit(site: BuiltSite, url: str, figure_id: str) -> None:
    files = downloads(site, url, figure_id)
    address = f"{TEST_SITE_URL}{url}#{figure_id}"
    svg = etree.parse(str(files["Download SVG"])).getroot()
    assert svg.tag.endswith("svg") and svg.find(f"{SVG}style") is not None
    assert svg.find(f"{SVG}rect").get("fill") == "#ffffff"
    metadata = etree.tostring(svg.find(f"{SVG}metadata"), encoding="unicode")
    assert address in metadata and "creativecommons.org/licenses/by/4.0/" in metadata
    assert size(files["Download PNG"].read_bytes())[0] >= 1600
    width, height = size(files["Download PNG for slides (16:9)"].read_bytes())
    assert width >= 1920 and height >= 1080 and width * 9 == height * 16, (width, height)
    caption = " ".join(site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]//figcaption')[0].text_content().split())
    assert "Licence: CC BY 4.0" in caption
    assert f"Lymphoma therapy explained, {address}." in caption and "Credit: “" in caption


def png_text(png: bytes) -> dict[str, str]:
    """The iTXt fields of a PNG."""
    found, at = {}, 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"iTXt":
            keyword, _, rest = png[at + 8:at + 8 + length].partition(b"\0")
            found[keyword.decode("latin-1")] = rest[2:].split(b"\0", 2)[2].decode("utf-8")
        at += 12 + length
    return found


@pytest.mark.parametrize(("url", "figure_id"), FIGURES)
def test_each_png_carries_the_credit_in_its_properties(site: BuiltSite, url: str, figure_id: str) -> None:
    files = downloads(site, url, figure_id)
    for kind in ("Download PNG", "Download PNG for slides (16:9)"):
        fields = png_text(files[kind].read_bytes())
        assert fields.get("Source") == f"{TEST_SITE_URL}{url}#{figure_id}", (kind, fields)
        assert fields["Author"] == "Lymphoma therapy explained" and "CC BY 4.0" in fields["Copyright"], (kind, fields)


@pytest.mark.parametrize(("url", "figure_id"), FIGURES)
def test_the_slide_png_carries_title_site_address_and_licence(site: BuiltSite, url: str, figure_id: str) -> None:
    """The slide SVG the PNG is drawn from has the credit as drawn text (the next test holds the
    PNG to Chromium's drawing of that SVG, so the credit is in the PNG's pixels too)."""
    png = downloads(site, url, figure_id)["Download PNG for slides (16:9)"]
    svg = etree.parse(str(png.with_suffix(".svg"))).getroot()
    drawn = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    title = "".join(svg.find(f".//{SVG}text[@class='fig-title']").itertext())
    for part in (f"“{title}”", "Lymphoma therapy explained", f"{TEST_SITE_URL}{url}#{figure_id}", "Licence: CC BY 4.0"):
        assert part in drawn, f"{png.name}: the credit lacks {part}"


def test_every_png_looks_as_chromium_draws_the_figure(site: BuiltSite, served_site: str, browser) -> None:
    """Each downloaded PNG, drawn at Chromium's size, has the same colour class as Chromium's own
    drawing cell by cell: the portrait PNG as the figure on its page (light palette), the slide
    PNG as its SVG. resvg draws a colour it cannot read black, where Chromium draws it."""
    page = new_page(browser, {"width": 1280, "height": 2000}, color_scheme="light")
    checked = []
    for url, figure_id in FIGURES:
        figure = site.page(url).tree.xpath(f'//figure[@id="{figure_id}"]')[0]
        pngs = [(site.page(url).path.parent / a.get("href")).resolve() for a in figure.xpath('.//figcaption//a[@download]')
                if a.get("href").endswith(".png")]
        for png in pngs:
            address = served_site + png.relative_to(site.root).as_posix()
            if png.stem.endswith("-slide"):
                page.set_viewport_size({"width": 960, "height": 540})
                page.goto(address.removesuffix(".png") + ".svg")
                shot = page.screenshot()
            else:
                # The figure as on its page, with the credit drawn under it (as the PNG has it):
                # its SVG download, drawn by Chromium at the PNG's proportions.
                width, height = size(png.read_bytes())
                page.set_viewport_size({"width": 720, "height": round(720 * height / width)})
                page.goto(address.removesuffix(".png") + ".svg")
                shot = page.screenshot()
            width, height = size(shot)
            found = page.evaluate(COMPARE, {"png": address, "drawn": "data:image/png;base64," + base64.b64encode(shot).decode(),
                                            "width": width, "height": height, "cell": CELL})
            assert not found["black"], f"{png.name}: {len(found['black'])} cells black where Chromium draws light, e.g. {found['black'][:3]}"
            assert len(found["differ"]) <= 0.01 * found["cells"], (
                f"{png.name}: {len(found['differ'])} of {found['cells']} cells differ in colour from Chromium's, e.g. {found['differ'][:3]}")
            checked.append(png.name)
    page.context.close()
    assert len(checked) >= 2 * len(FIGURES), checked


def test_slide_body_text_reads_when_projected(site: BuiltSite, served_site: str, browser) -> None:
    """Drawn at 1920 × 1080, the slide's body text is at least 24 px (its smallest text 20 px)."""
    page = new_page(browser, {"width": 1920, "height": 1080})
    for url, figure_id in FIGURES:
        png = downloads(site, url, figure_id)["Download PNG for slides (16:9)"]
        page.goto(served_site + png.with_suffix(".svg").relative_to(site.root).as_posix())
        sizes = page.evaluate("""() => {
            const svg = document.documentElement;
            const scale = Math.min(innerWidth / svg.viewBox.baseVal.width, innerHeight / svg.viewBox.baseVal.height);
            const px = t => parseFloat(getComputedStyle(t).fontSize) * scale;
            const texts = [...svg.querySelectorAll("text")];
            return { body: Math.min(...texts.filter(t => t.classList.contains("fig-text")).map(px)),
                     smallest: Math.min(...texts.map(px)) };
        }""")
        assert sizes["body"] >= 24 and sizes["smallest"] >= 20, f"{png.name}: {sizes}"
    page.context.close()


def boxes_and_texts(path: Path) -> tuple[list[tuple[str, str]], dict[str, str], set[tuple[str, str]], set[tuple[str, str]]]:
    """A figure's texts (class, words) in order; the box each text lies in (named by the texts it
    holds); and the pairs of boxes side by side (a row) and one above the other (a column)."""
    root = etree.parse(str(path)).getroot()

    def shift(element: etree._Element) -> tuple[float, float]:
        dx = dy = 0.0
        for parent in element.iterancestors(f"{SVG}g"):
            m = re.fullmatch(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)", parent.get("transform", ""))
            assert m, f"{path.name}: a group may only be moved (translate)"
            dx, dy = dx + float(m[1]), dy + float(m[2])
        return dx, dy

    texts = [t for t in root.iter(f"{SVG}text")]
    boxes = []
    for rect in root.iter(f"{SVG}rect"):
        if "fig-box" in rect.get("class", "").split():
            dx, dy = shift(rect)
            x, y = float(rect.get("x")) + dx, float(rect.get("y")) + dy
            boxes.append((x, y, x + float(rect.get("width")), y + float(rect.get("height"))))
    inside: dict[str, str] = {}
    names: dict[int, list[str]] = {i: [] for i in range(len(boxes))}
    for t in texts:
        dx, dy = shift(t)
        x, y = float(t.get("x")) + dx, float(t.get("y")) + dy
        for i, (left, top, right, bottom) in enumerate(boxes):
            if left < x < right and top < y < bottom:
                names[i].append(t.text)
                inside[t.text] = str(i)
    name = {i: " / ".join(words) for i, words in names.items()}
    inside = {words: name[int(i)] for words, i in inside.items()}
    row, column = set(), set()
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            if i != j and a[1] < b[3] and b[1] < a[3] and 0 <= b[0] - a[2] <= 20:
                row.add((name[i], name[j]))
            if i != j and a[0] < b[2] and b[0] < a[2] and 0 <= b[1] - a[3] <= 30:
                column.add((name[i], name[j]))
    return [(t.get("class"), t.text) for t in texts], inside, row, column


@pytest.mark.parametrize("layout", LAYOUTS, ids=[p.name for p in LAYOUTS])
def test_a_slide_layout_keeps_its_figures_texts_boxes_and_neighbours(layout: Path) -> None:
    """A 16:9 layout has exactly its figure's texts, in its order, each in the same box, and
    every box beside, above and below the same boxes as in the figure."""
    figure = layout.with_name(layout.name.replace(".slide.svg", ".svg"))
    texts, inside, row, column = boxes_and_texts(figure)
    slide_texts, slide_inside, slide_row, slide_column = boxes_and_texts(layout)
    assert slide_texts == texts
    assert slide_inside == inside
    assert slide_row == row, f"side by side: lost {row - slide_row}, new {slide_row - row}"
    assert slide_column == column, f"one above the other: lost {column - slide_column}, new {slide_column - column}"


def test_the_png_is_light_with_its_text_drawn(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP)
    for url, figure_id in FIGURES:
        for kind, share in (("Download PNG", 0.04), ("Download PNG for slides (16:9)", 0.12)):
            png = downloads(site, url, figure_id)[kind].relative_to(site.root).as_posix()
            page.goto(served_site + png)
            found = page.evaluate(PIXELS, [served_site + png, share])
            assert found["corner"][:3] == [255, 255, 255], found
            assert found["dark"] > 0.02, f"{png}: no text in its title band"
    page.context.close()


def test_both_files_come_from_the_one_source_and_the_stylesheet() -> None:
    palette = {"--md-default-bg-color": "#fff", "--md-accent-fg-color": "#526cfe1a"}
    style = figures.figure_style(
        ".md-typeset .site-figure svg { max-height: 80vh; }\n"
        ".site-figure svg .fig-box { fill: var(--md-default-bg-color); stroke: var(--md-accent-fg-color); }\n.other { x: y }", palette)
    assert style == ".fig-box { fill: #ffffff; stroke: rgba(82, 108, 254, 0.102); }"
    out = figures.standalone('<svg viewBox="0 0 360 100" role="img"><text>x</text></svg>', style)
    assert out.startswith('<svg viewBox="0 0 360 100" role="img">\n<style>\n.fig-box') and out.endswith("<text>x</text></svg>")


@pytest.mark.parametrize(("written", "read"), [
    ("rgb(255 145 0 / 12%)", "rgba(255, 145, 0, 0.12)"),
    ("rgba(0, 0, 0, .87)", "rgba(0, 0, 0, 0.87)"),
    ("rgb(100% 0% 0%)", "#ff0000"),
    ("#FFF", "#ffffff"),
    ("#0000008a", "rgba(0, 0, 0, 0.541)"),
    ("2px solid rgb(1 2 3)", "2px solid #010203"),
])
def test_colours_are_written_as_svg_1_1_reads_them(written: str, read: str) -> None:
    assert figures.svg_colours(written, "x") == read


@pytest.mark.parametrize("written", ["color-mix(in srgb, red 12%, white)", "oklch(70% 0.1 200)", "hsla(225deg, 15%, 90%, 0.82)", "var(--nowhere)"])
def test_a_colour_that_cannot_be_converted_stops_the_build_with_its_rule(written: str) -> None:
    css = f".site-figure svg .fig-box {{\n  fill: {written};\n}}"
    with pytest.raises(PluginError, match=r"^site\.css, line 1, \.site-figure svg \.fig-box"):
        figures.figure_style(css, {})


def test_the_light_palette_is_read_from_materials_stylesheets(site: BuiltSite) -> None:
    palette = figures.light_palette(site.root, "indigo")
    assert figures.svg_colours(palette["--md-default-fg-color"], "x") == "rgba(0, 0, 0, 0.871)"
    assert figures.svg_colours(palette["--md-accent-fg-color"], "x") == "#526cfe"
    with pytest.raises(PluginError, match="no light palette with accent 'no-such-colour'"):
        figures.light_palette(site.root, "no-such-colour")


def test_without_the_font_the_build_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(drawing, "FONTS", tmp_path)
    with pytest.raises(PluginError, match="fonts-dejavu-core"):
        figures.png('<svg viewBox="0 0 1 1"/>', tmp_path / "cache")
