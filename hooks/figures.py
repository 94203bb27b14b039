"""Figures ready for slides: each figure offers its SVG and a 1600 px PNG, with its licence and a
one-line credit next to its caption.

The figures are drawn once, as SVG in docs/includes/figures/, and inlined into the pages, where
site.css gives them the palette's colours. For a download each one is written standalone: the
same SVG with the `.site-figure svg` rules of site.css embedded, their palette colours replaced
by the light palette's, on a white background; and a PNG made from that SVG by resvg (resvg-py,
a maintained renderer whose wheels need no system library), with text in DejaVu Sans, which
Debian's fonts-dejavu-core ships. Nothing is drawn by hand twice, so the three cannot drift.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from drawing import draw_png
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

SOURCE_DIR = "includes/figures"  # in docs/
OUT_DIR = "assets/figures"
CACHE = ".cache/figures"  # next to mkdocs.yml
PNG_WIDTH = 1600
LICENCE = "CC BY 4.0"
# The light palette's values of the theme variables the figure rules use.
LIGHT = {
    "--md-default-fg-color": "rgba(0, 0, 0, 0.87)",
    "--md-default-fg-color--light": "rgba(0, 0, 0, 0.54)",
    "--md-default-fg-color--lighter": "rgba(0, 0, 0, 0.32)",
    "--md-default-bg-color": "#ffffff",
    "--md-accent-fg-color": "#526cfe",
    "--md-accent-fg-color--transparent": "rgba(82, 108, 254, 0.1)",
    "--md-text-font-family": '"DejaVu Sans", sans-serif',
}
FIGURE_RULE = re.compile(r"(?P<selector>\.site-figure svg[^{]*)\{(?P<body>[^}]*)\}")
VAR = re.compile(r"var\((--[\w-]+)\)")
TITLE_ID = re.compile(r'<title id="(?P<id>[^"]+)">')
DRAWN_TITLE = re.compile(r'<text class="fig-title"[^>]*>(?P<title>[^<]*)</text>')
FIGURE = re.compile(r'<figure class="site-figure" id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)</figure>', re.S)


def figure_style(stylesheet: str) -> str:
    """The `.site-figure svg` rules of site.css, for a standalone SVG in the light palette."""
    rules = []
    for m in FIGURE_RULE.finditer(stylesheet):
        selector = ", ".join(part.strip().removeprefix(".site-figure svg").strip() or "svg" for part in m["selector"].split(","))
        body = VAR.sub(lambda v: LIGHT[v.group(1)], m["body"].strip())
        rules.append(f"{selector} {{ {' '.join(body.split())} }}")
    return "\n".join(rules)


def standalone(svg: str, style: str) -> str:
    """`svg` with `style` embedded and a white background, to stand on its own."""
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("does not start with <svg>")
    box = re.search(r'viewBox="([\d.\s-]+)"', opening.group(0))
    if box is None:
        raise ValueError("has no viewBox")
    x, y, width, height = box.group(1).split()
    background = f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#ffffff"/>'
    return f"{opening.group(0)}\n<style>\n{style}\n</style>\n{background}{svg[opening.end():]}"


def png(svg: str, cache: Path) -> bytes:
    """`svg` drawn as a PNG PNG_WIDTH px wide. Drawing both figures takes about 0.5 s, so each
    PNG is kept in `cache` (in .cache/, git-ignored) under a hash of what it is drawn from."""
    return draw_png(svg, PNG_WIDTH, cache, "figures: the PNG downloads")


class Figures:
    """The project's figures: name -> source SVG; the <title> id that finds each in a page; and
    the title drawn on each, which the credit line quotes."""

    def __init__(self, docs_dir: Path) -> None:
        self.sources = {p.stem: p.read_text(encoding="utf-8") for p in sorted((docs_dir / SOURCE_DIR).glob("*.svg"))}
        self.by_title_id: dict[str, str] = {}
        self.drawn_title: dict[str, str] = {}
        for name, svg in self.sources.items():
            title_id, drawn = TITLE_ID.search(svg), DRAWN_TITLE.search(svg)
            if title_id is None or drawn is None:
                raise PluginError(f"docs/{SOURCE_DIR}/{name}.svg: a figure needs <title id=...> and a <text class=\"fig-title\">")
            self.by_title_id[title_id["id"]] = name
            self.drawn_title[name] = html.unescape(drawn["title"])


_figures: Figures | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _figures
    _figures = Figures(Path(config.docs_dir))
    return config


def credit(title: str, page: Page, figure_id: str, config: MkDocsConfig) -> str:
    """How to attribute the figure: its title, the site, its address."""
    address = f"{str(config.site_url).rstrip('/')}/{page.url}#{figure_id}"
    return f"Credit: “{title}”, {config.site_name}, {address}."


@event_priority(-50)  # after the citation layer has rendered the caption's citations
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _figures is not None

    def with_downloads(m: re.Match[str]) -> str:
        found = TITLE_ID.search(m["body"])
        name = _figures.by_title_id.get(found["id"]) if found else None
        if name is None:
            return m.group(0)
        def link(ext: str) -> str:
            return html.escape(get_relative_url(f"{OUT_DIR}/{name}.{ext}", page.url))

        meta = (
            '<span class="site-figure__meta">'
            f'<a href="{link("svg")}" download>Download SVG</a> · '
            f'<a href="{link("png")}" download>Download PNG</a> ({PNG_WIDTH} px wide) · Licence: {LICENCE}'
            f'<br>{html.escape(credit(_figures.drawn_title[name], page, m["id"], config))}'
            "</span>"
        )
        body = m["body"].replace("</figcaption>", f"{meta}</figcaption>", 1)
        return m.group(0).replace(m["body"], body)

    return FIGURE.sub(with_downloads, html_text)


def on_post_build(config: MkDocsConfig) -> None:
    assert _figures is not None
    theme_dir = Path(str(config.theme.custom_dir))
    stylesheet = "".join((theme_dir / str(css)).read_text(encoding="utf-8") for css in config.extra_css)
    out = Path(config.site_dir) / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    style = figure_style(stylesheet)
    for name, svg in _figures.sources.items():
        try:
            whole = standalone(svg, style)
        except ValueError as e:
            raise PluginError(f"docs/{SOURCE_DIR}/{name}.svg: {e}") from None
        (out / f"{name}.svg").write_text(whole, encoding="utf-8")
        (out / f"{name}.png").write_bytes(png(whole, Path(config.config_file_path).parent / CACHE))
