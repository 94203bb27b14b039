"""Build the teaching-links page: every section of every page, with its full address and a QR code.

A page holding the marker line `<!-- teaching-links -->` gets, in its place, one block per page
of the navigation listing the page and each of its h2/h3 sections with the title, the full
address (`site_url` + page + `#id`) and a QR code of that address. The QR codes are made with
segno at build time and written to `assets/qr/` in the built site, twice: a PNG of one pixel
per module, 0.3 KB, that the page shows enlarged with square pixels (site.css), and an SVG,
sharp at any size, that each card offers as a download for slides. The page's contents list
(the right sidebar) gets one entry per block.

The list is made when the marker page is rendered, after every page's Markdown has been
converted, so it always matches the headings and ids the site publishes.
"""

from __future__ import annotations

import functools
import html
import io
from dataclasses import dataclass
from pathlib import Path

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

MARKER = "<!-- teaching-links -->"
QR_DIR = "assets/qr"
QR_SIZE_PX = 132  # intrinsic size, so the layout does not shift; site.css sets the shown size
SVG_PX_PER_MODULE = 20

_written: dict[str, bytes] = {}


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    qr_file: str  # the PNG; the SVG has the same name with .svg
    alt: str


@functools.lru_cache(maxsize=None)  # `mkdocs serve` keeps this module: a rebuild reuses the codes
def qr_code(url: str, kind: str) -> bytes:
    """A QR code of `url`, black on white with a four-module margin: a PNG of one pixel per
    module, or an SVG."""
    buffer = io.BytesIO()
    qr = segno.make(url, error="m")
    if kind == "png":
        qr.save(buffer, kind="png", scale=1, border=4, dark="#000", light="#fff")
        return buffer.getvalue()
    # A viewBox, so that it scales, and a size of 20 px a module for programs that want one.
    qr.save(buffer, kind="svg", scale=1, border=4, dark="#000", light="#fff", xmldecl=False, omitsize=True)
    width, height = qr.symbol_size(scale=SVG_PX_PER_MODULE, border=4)
    return buffer.getvalue().replace(b"<svg ", f'<svg width="{width}" height="{height}" '.encode(), 1)


def page_heading(page: Page) -> AnchorLink:
    """The page's h1: its title is fuller than the navigation label, and its explicit id,
    unlike the file name, survives a rename."""
    first = next(iter(page.toc), None)
    if first is None or first.level != 1:
        raise PluginError(f"{page.file.src_uri}: the teaching links need the page to start with a # heading")
    return first


def is_links_page(page: Page) -> bool:
    """Whether `page` is the teaching-links page (it lists the others, not itself)."""
    return MARKER in (page.markdown or "")


def sections(page: Page) -> list[AnchorLink]:
    """The page's h2 and h3 sections, in reading order: the sections the teaching links list
    (and hooks/cards.py gives a share address)."""
    found: list[AnchorLink] = []

    def walk(anchors: list[AnchorLink]) -> None:
        for anchor in anchors:
            if anchor.level in (2, 3):
                found.append(anchor)
            walk(anchor.children)

    walk(list(page.toc))
    return found


def section_links(page: Page, site_url: str) -> list[Link]:
    """The page itself, then each of its h2 and h3 sections, in reading order."""
    heading = page_heading(page)
    slug = heading.id
    page_url = site_url + page.url
    links = [Link("Whole page", page_url, f"{slug}.png", f"QR code for the whole page “{heading.title}”")]
    for anchor in sections(page):
        alt = f"QR code for the section “{anchor.title}” of “{heading.title}”"
        links.append(Link(anchor.title, f"{page_url}#{anchor.id}", f"{slug}--{anchor.id}.png", alt))
    return links


def links_html(pages: list[Page], here: Page, site_url: str) -> str:
    blocks = []
    for page in pages:
        items = []
        for link in section_links(page, site_url):
            svg_file = link.qr_file.removesuffix(".png") + ".svg"
            _written[link.qr_file] = qr_code(link.url, "png")
            _written[svg_file] = qr_code(link.url, "svg")
            src = get_relative_url(f"{QR_DIR}/{link.qr_file}", here.url)
            svg = get_relative_url(f"{QR_DIR}/{svg_file}", here.url)
            url = html.escape(link.url)
            items.append(
                '<li class="teaching-links__item">'
                f'<img src="{html.escape(src)}" alt="{html.escape(link.alt)}" width="{QR_SIZE_PX}" height="{QR_SIZE_PX}" loading="lazy">'
                '<div class="teaching-links__text">'
                f'<p class="teaching-links__title"><a href="{url}">{html.escape(link.title)}</a></p>'
                f'<p class="teaching-links__url">{url}</p>'
                f'<p class="teaching-links__download"><a href="{html.escape(svg)}" download>Download QR code (SVG)</a></p>'
                "</div></li>"
            )
        heading = page_heading(page)
        heading_id = f"links-{heading.id}"
        blocks.append(
            f'<section class="teaching-links" aria-labelledby="{heading_id}">'
            f'<h2 id="{heading_id}">{html.escape(heading.title)}</h2>'
            f'<ul class="teaching-links__list">{"".join(items)}</ul>'
            "</section>"
        )
    return "\n".join(blocks)


def on_page_context(context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, object]:
    if page.content is None or MARKER not in page.content:
        return context
    site_url = config.site_url
    if not site_url:
        raise PluginError(f"{page.file.src_uri}: the teaching links need site_url in mkdocs.yml")
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    pages = [other for other in nav.pages if other is not page]
    page.content = page.content.replace(MARKER, links_html(pages, page, site_url))
    # The contents list: one entry per block, under the page's own heading.
    contents = page_heading(page).children
    contents.extend(AnchorLink(page_heading(other).title, f"links-{page_heading(other).id}", 2) for other in pages)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    out = Path(config.site_dir) / QR_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, png in sorted(_written.items()):
        (out / name).write_bytes(png)
    _written.clear()
