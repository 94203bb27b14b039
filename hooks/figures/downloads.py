"""Figures ready for slides: each figure offers its SVG, a 1600 px PNG and a 1920 × 1080 PNG
laid out for a 16:9 slide, with its licence and a one-line credit next to its caption.

The figures are drawn once, as SVG in docs/includes/figures/, and inlined into the pages, where
site.css gives them the palette's colours. For a download each one is written standalone: the
same SVG with the top-level `.site-figure svg …` rules of site.css embedded, their palette
colours replaced by the light palette's as Material's own stylesheets define them, on a white
background; and a PNG made from that SVG by resvg (resvg-py, a maintained renderer whose wheels
need no system library), with text in DejaVu Sans, which Debian's fonts-dejavu-core ships.

resvg, like much slide software, reads only SVG 1.1's colours (`#rgb`, `#rrggbb`, `rgb(r, g, b)`,
`rgba(r, g, b, a)`, names, `hsl(…)` with commas) and draws any other colour black. So every
colour of the embedded rules is written as `#rrggbb` or `rgba(r, g, b, a)`; a colour this hook
cannot convert (`color-mix()`, `oklch()`, a `var()` with no light value …) stops the build.

A figure `X.svg` may have a 16:9 layout, `X.slide.svg`, made of X.svg's own lines moved in
groups (a test holds its texts to X.svg's). Its PNG is drawn 1920 px wide with the credit and
the licence inside the image, in the strip its layout leaves free at the bottom. Every
standalone SVG carries the credit in its <metadata> too, and every PNG in its iTXt chunks.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from common.site import cache_folder, site_url
from common.source_names import shown
from figures.drawing import draw_png, text_width
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

SOURCE_DIR = "includes/figures"  # in docs/
SLIDE = ".slide"  # X.slide.svg: figure X laid out for a 16:9 slide
OUT_DIR = "assets/figures"
CACHE = "figures"  # in .cache/
PNG_WIDTH = 1600
SLIDE_WIDTH = 1920
CREDIT_SIZE = 9  # the credit's type, in the figure's or slide layout's units
CREDIT_FONT = "DejaVuSans.ttf"  # the downloads' font (hooks/figures/drawing.py), to fit the credit's lines
FONT_FAMILY = '"DejaVu Sans", sans-serif'
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Material's stylesheets, and the rules in them that hold the light palette's values.
MATERIAL_CSS = ("assets/stylesheets/main.*.css", "assets/stylesheets/palette.*.css")
LIGHT_SELECTORS = (":root", "[data-md-color-scheme=default]")
CSS_RULE = re.compile(r"(?P<selector>[^{}]+)\{(?P<body>[^{}]*)\}")
FIGURE_RULE = re.compile(r"^(?P<selector>\.site-figure svg[^{]*)\{(?P<body>[^}]*)\}", re.M)
VAR = re.compile(r"var\((--[\w-]+)(?:,\s*[^()]*)?\)")
COLOUR_FUNCTION = re.compile(r"\b(?P<name>[a-z-]+)\((?P<args>[^()]*)\)", re.I)
HEX = re.compile(r"#(?P<digits>[0-9a-fA-F]{3,8})\b")
NOT_SVG_COLOURS = {"hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix", "var", "light-dark"}
TITLE_ID = re.compile(r'<title id="(?P<id>[^"]+)">')
TITLE_AND_DESC = re.compile(r"<title\b.*?</desc>", re.S)
DRAWN_TITLE = re.compile(r'<text class="fig-title"[^>]*>(?P<title>[^<]*)</text>')
FIGURE = re.compile(r'<figure class="site-figure" id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)</figure>', re.S)


def light_palette(site_dir: Path, accent: str) -> dict[str, str]:
    """The custom properties Material gives the light palette (`default` scheme, `accent`)."""
    css = "".join(p.read_text(encoding="utf-8") for pattern in MATERIAL_CSS for p in sorted(site_dir.glob(pattern)))
    accent_selector = f"[data-md-color-accent={accent}]"
    values: dict[str, str] = {}
    found: set[str] = set()
    for m in CSS_RULE.finditer(css):
        selectors = {s.strip() for s in m["selector"].split(",")} & {*LIGHT_SELECTORS, accent_selector}
        if selectors:
            found |= selectors
            for declaration in m["body"].split(";"):
                name, _, value = declaration.partition(":")
                if name.strip().startswith("--"):
                    values[name.strip()] = value.strip()
    if accent_selector not in found or "--md-default-fg-color" not in values:
        raise PluginError(f"figures: no light palette with accent {accent!r} in Material's stylesheets ({', '.join(MATERIAL_CSS)})")
    return values | {"--md-text-font-family": FONT_FAMILY}


def svg_colour(colour: str, where: str) -> str:
    """`colour` (hex or rgb()/rgba() in any CSS syntax) as `#rrggbb` or `rgba(r, g, b, a)`."""
    hex_colour = HEX.fullmatch(colour)
    if hex_colour:
        digits = hex_colour["digits"]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        if len(digits) not in (6, 8):
            raise PluginError(f"{where}: {colour} is not a colour")
        channels: list[float] = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        channels[3:] = [c / 255 for c in channels[3:]]
    else:
        args = [a for a in re.split(r"[\s,/]+", colour[colour.index("(") + 1:-1].strip()) if a]
        if len(args) not in (3, 4):
            raise PluginError(f"{where}: {colour} is not a colour")
        try:
            channels = [float(a[:-1]) * (2.55 if i < 3 else 0.01) if a.endswith("%") else float(a) for i, a in enumerate(args)]
        except ValueError:
            raise PluginError(f"{where}: {colour} is not a colour") from None
    r, g, b = (round(min(max(c, 0), 255)) for c in channels[:3])
    alpha = round(min(max(channels[3], 0), 1), 3) if len(channels) == 4 else 1
    return f"#{r:02x}{g:02x}{b:02x}" if alpha == 1 else f"rgba({r}, {g}, {b}, {alpha:g})"


def svg_colours(value: str, where: str) -> str:
    """`value` with each colour in it written as SVG 1.1 reads it; an unconvertible one refused."""
    def function(m: re.Match[str]) -> str:
        name = m["name"].lower()
        if name in ("rgb", "rgba"):
            return svg_colour(m.group(0), where)
        if name in NOT_SVG_COLOURS:
            raise PluginError(f"{where}: {m.group(0)} is not a colour resvg or slide software reads; write it as rgba(r, g, b, a)")
        return m.group(0)

    return HEX.sub(lambda m: svg_colour(m.group(0), where), COLOUR_FUNCTION.sub(function, value))


def figure_style(stylesheet: str, palette: dict[str, str], source: str = "site.css") -> str:
    """The top-level `.site-figure svg …` rules of `stylesheet`, for a standalone SVG in the
    light `palette`: var() resolved, colours in SVG 1.1's syntax."""
    def resolve(value: str, where: str, depth: int = 0) -> str:
        def one(v: re.Match[str]) -> str:
            if v.group(1) not in palette:
                raise PluginError(f"{where}: var({v.group(1)}) has no value in the light palette")
            return resolve(palette[v.group(1)], where, depth + 1)

        if depth > 5:
            raise PluginError(f"{where}: var() nested too deep")
        return VAR.sub(one, value)

    rules = []
    for m in FIGURE_RULE.finditer(stylesheet):
        where = f"{source}, line {stylesheet.count(chr(10), 0, m.start()) + 1}, {m['selector'].strip()}"
        selector = ", ".join(part.strip().removeprefix(".site-figure svg").strip() or "svg" for part in m["selector"].split(","))
        body = svg_colours(resolve(m["body"].strip(), where), where)
        rules.append(f"{selector} {{ {' '.join(body.split())} }}")
    return "\n".join(rules)


@dataclass(frozen=True)
class Credit:
    """How to attribute a figure: its drawn title, the site, the figure's address."""

    title: str
    site_name: str
    address: str

    def line(self) -> str:
        return f"Credit: “{self.title}”, {self.site_name}, {self.address}."

    def metadata(self) -> str:
        """The credit and licence as RDF in SVG <metadata>, where image tools look for them."""
        e = html.escape
        return (
            '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#">'
            f'<cc:Work rdf:about="{e(self.address)}"><dc:title>{e(self.title)}</dc:title>'
            f"<dc:publisher>{e(self.site_name)}</dc:publisher><dc:source>{e(self.address)}</dc:source>"
            f"<dc:rights>{e(self.line())} Licence: {LICENCE}</dc:rights>"
            f'<cc:license rdf:resource="{LICENCE_URL}"/></cc:Work></rdf:RDF></metadata>'
        )

    def lines(self, width: float) -> list[str]:
        """The credit as lines no wider than `width` (the drawing's units, at CREDIT_SIZE):
        the title and the site, then the address, broken only after a `/` or `#` if it must
        be, and the licence."""
        tokens = [(" ", word) for word in f"“{self.title}”, {self.site_name}".split(" ")]
        tokens += [("\n" if i == 0 else "", part) for i, part in enumerate(re.findall(r"[^/#]*[/#]|[^/#]+$", self.address))]
        tokens.append((" · ", f"Licence: {LICENCE}"))
        lines: list[str] = []
        for joiner, text in tokens:
            if lines and joiner != "\n" and text_width(lines[-1] + joiner + text, CREDIT_FONT, CREDIT_SIZE) <= width - 2 * CREDIT_SIZE:
                lines[-1] += joiner + text
            else:
                lines.append(text)
        return lines

    def drawn(self, width: float, height: float) -> str:
        """The credit as lines of text at the bottom of a `width` × `height` drawing."""
        style = f'style="font-size: {CREDIT_SIZE}px; font-weight: 400; font-style: normal; text-anchor: middle"'
        lines = self.lines(width)
        ys = [height - 5 - (CREDIT_SIZE + 3) * (len(lines) - 1 - i) for i in range(len(lines))]
        return "".join(f'<text class="fig-credit" x="{width / 2:g}" y="{y:g}" {style}>{html.escape(t)}</text>\n' for t, y in zip(lines, ys))

    def strip(self, width: float) -> float:
        """The height of the strip its lines take under a drawing `width` wide."""
        return len(self.lines(width)) * (CREDIT_SIZE + 3) + 6


def with_credit(png_bytes: bytes, credit: Credit) -> bytes:
    """`png_bytes` with the credit and licence in iTXt chunks (Title, Author, Source, Copyright),
    which image viewers and slide software show as the file's properties."""
    def chunk(keyword: str, text: str) -> bytes:
        data = keyword.encode("latin-1") + b"\0\0\0\0\0" + text.encode("utf-8")
        return struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))

    fields = {"Title": credit.title, "Author": credit.site_name, "Source": credit.address,
              "Copyright": f"{LICENCE} ({LICENCE_URL}). {credit.line()}"}
    end_of_header = 8 + 8 + 13 + 4  # signature, then IHDR: length and type, data, CRC
    return png_bytes[:end_of_header] + b"".join(chunk(k, v) for k, v in fields.items()) + png_bytes[end_of_header:]


def standalone(svg: str, style: str, credit: Credit | None = None, title_and_desc: str = "", drawn: bool = False) -> str:
    """`svg` with `style` embedded and a white background, to stand on its own; with `credit`
    in its metadata, and if `drawn`, also drawn in a strip added under the figure; and with
    `title_and_desc` (a <title> and <desc>) if it has none."""
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("does not start with <svg>")
    box = re.search(r'viewBox="([\d.\s-]+)"', opening.group(0))
    if box is None:
        raise ValueError("has no viewBox")
    x, y, width, height = box.group(1).split()
    tag, end = opening.group(0), ""
    if credit and drawn:
        if float(x) or float(y):
            raise ValueError('a figure whose credit is drawn needs viewBox="0 0 W H"')
        taller = float(height) + credit.strip(float(width))
        height = f"{taller:g}"
        tag = tag.replace(box.group(0), f'viewBox="{x} {y} {width} {height}"')
        end = credit.drawn(float(width), taller)
    background = f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#ffffff"/>'
    head = f"{title_and_desc}\n" if title_and_desc and "<title" not in svg else ""
    meta = f"{credit.metadata()}\n" if credit else ""
    body = svg[opening.end():]
    if end:
        body = body[:body.rindex("</svg>")] + end + "</svg>" + body[body.rindex("</svg>") + 6:]
    return f"{tag}\n{head}{meta}<style>\n{style}\n</style>\n{background}{body}"


def slide(svg: str, style: str, credit: Credit, title_and_desc: str) -> str:
    """The 16:9 layout `svg`, standalone, with the credit drawn in its bottom strip."""
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg[:svg.index(">")])
    if box is None or abs(float(box[1]) * 9 - float(box[2]) * 16) > 0.5:
        raise ValueError('a slide layout needs viewBox="0 0 W H" with W:H = 16:9')
    whole = standalone(svg, style, credit, title_and_desc)
    end = whole.rindex("</svg>")
    return f"{whole[:end]}{credit.drawn(float(box[1]), float(box[2]))}{whole[end:]}"


def png(svg: str, cache: Path, width: int = PNG_WIDTH) -> bytes:
    """`svg` drawn as a PNG `width` px wide. Drawing all figures takes about 1 s, so each PNG
    is kept in `cache` (in .cache/, git-ignored) under a hash of what it is drawn from."""
    return draw_png(svg, width, cache, "figures: the PNG downloads")


class Figures:
    """The project's figures: name -> source SVG, and its 16:9 layout if it has one; the <title>
    id that finds each in a page; the title drawn on each, which the credit quotes; and, once
    the pages are built, where each is shown (its credit)."""

    def __init__(self, docs_dir: Path) -> None:
        found = sorted((docs_dir / SOURCE_DIR).glob("*.svg"))
        self.sources = {p.stem: p.read_text(encoding="utf-8") for p in found if not p.stem.endswith(SLIDE)}
        self.slides = {p.stem.removesuffix(SLIDE): p.read_text(encoding="utf-8") for p in found if p.stem.endswith(SLIDE)}
        for name in self.slides.keys() - self.sources.keys():
            raise PluginError(f"docs/{SOURCE_DIR}/{name}{SLIDE}.svg: a slide layout needs its figure, docs/{SOURCE_DIR}/{name}.svg")
        self.by_title_id: dict[str, str] = {}
        self.drawn_title: dict[str, str] = {}
        self.credits: dict[str, Credit] = {}
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


def credit(title: str, page: Page, figure_id: str, config: MkDocsConfig) -> Credit:
    """How to attribute the figure: its title, the site, its address."""
    return Credit(title, str(config.site_name), f"{site_url(config, 'figure credits')}{page.url}#{figure_id}")


@event_priority(-50)  # after the citation layer has rendered the caption's citations
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _figures is not None
    figures = _figures

    def with_downloads(m: re.Match[str]) -> str:
        found = TITLE_ID.search(m["body"])
        name = figures.by_title_id.get(found["id"]) if found else None
        if name is None:
            return m.group(0)
        def link(file: str) -> str:
            return html.escape(get_relative_url(f"{OUT_DIR}/{file}", page.url))

        figures.credits[name] = credit(figures.drawn_title[name], page, m["id"], config)
        for_slides = (
            f'<br><a href="{link(f"{name}-slide.png")}" download>Download PNG for slides (16:9)</a> ({SLIDE_WIDTH} × {SLIDE_WIDTH * 9 // 16} px)'
            f' · <a href="{link(f"{name}-slide.svg")}" download>Download SVG for slides (16:9)</a>'
            if name in figures.slides else ""
        )
        # The downloads in a span of their own, which print leaves out whole (paper cannot
        # download); each file has the credit drawn in.
        meta = (
            '<span class="site-figure__meta"><span class="site-figure__downloads">'
            f'<a href="{link(f"{name}.svg")}" download>Download SVG</a> · '
            f'<a href="{link(f"{name}.png")}" download>Download PNG</a> ({PNG_WIDTH} px wide)'
            f"{for_slides}<br></span>Licence: {LICENCE}. {html.escape(figures.credits[name].line())}"
            "</span>"
        )
        body = m["body"].replace("</figcaption>", f"{meta}</figcaption>", 1)
        return m.group(0).replace(m["body"], body)

    return FIGURE.sub(with_downloads, html_text)


def light_accent(config: MkDocsConfig) -> str:
    """The accent of the theme's light (`default`) palette."""
    palettes = config.theme.get("palette") or {}
    palettes = palettes if isinstance(palettes, list) else [palettes]
    light = [p for p in palettes if p.get("scheme", "default") == "default"] or [{}]
    return str(light[0].get("accent", "indigo")).replace(" ", "-")


def write_files(config: MkDocsConfig) -> None:
    assert _figures is not None
    theme_dir = Path(str(config.theme.custom_dir))
    site_dir = Path(config.site_dir)
    palette = light_palette(site_dir, light_accent(config))
    style = "\n".join(figure_style((theme_dir / str(css)).read_text(encoding="utf-8"), palette, str(css)) for css in config.extra_css)
    out = site_dir / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    cache = cache_folder(config, CACHE)
    for name, svg in _figures.sources.items():
        if name not in _figures.credits:
            continue  # shown on no page: nothing to download it from, nor an address to credit
        given = _figures.credits[name]
        try:
            whole = standalone(svg, style, given, drawn=True)
        except ValueError as e:
            raise PluginError(f"{shown(config, f'{SOURCE_DIR}/{name}.svg')}: {e}") from None
        (out / f"{name}.svg").write_text(whole, encoding="utf-8")
        (out / f"{name}.png").write_bytes(with_credit(png(whole, cache), given))
        if name in _figures.slides:
            head = TITLE_AND_DESC.search(svg)
            try:
                wide = slide(_figures.slides[name], style, given, head.group(0) if head else "")
            except ValueError as e:
                raise PluginError(f"{shown(config, f'{SOURCE_DIR}/{name}{SLIDE}.svg')}: {e}") from None
            (out / f"{name}-slide.svg").write_text(wide, encoding="utf-8")
            (out / f"{name}-slide.png").write_bytes(with_credit(png(wide, cache, SLIDE_WIDTH), given))
