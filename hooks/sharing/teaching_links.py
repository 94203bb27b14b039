"""Build the teaching-links page: every section and self-check question of every page, with its
full address and a QR code.

A page holding the marker line `<!-- teaching-links -->` gets, in its place, one block per page
of the navigation listing the page, each of its h2/h3 sections and each of its self-check
questions (a `div.self-check` with an id, hooks/sharing/section_links.py), in reading order, with the
title, the full address (`site_url` + page + `#id`) and a QR code of that address. The QR codes
are made with segno at build time and written to `assets/qr/` in the built site, three times:
a PNG of one pixel per module, 0.3 KB, that the page shows enlarged with square pixels
(site.css); an SVG, sharp at any size, and a PNG at least 600 px wide in `assets/qr/large/`
(for programs that take no SVG, such as Google Slides), that each card offers as downloads.
The page loads neither download. The page's contents list (the right sidebar) gets one entry per block.

The list is made when the marker page is rendered, after every page's Markdown has been
converted, so it always matches the headings and ids the site publishes.
"""

from __future__ import annotations

import functools
import html
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import segno
from common import site
from common.source_names import shown
from figures.drawing import kept
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from sharing.section_links import QUESTION

MARKER = "<!-- teaching-links -->"
QR_DIR = "assets/qr"
QR_SIZE_PX = 132  # intrinsic size, so the layout does not shift; site.css sets the shown size
SVG_PX_PER_MODULE = 20
DOWNLOAD_PNG_MIN_PX = 600  # Google Slides takes PNG, not SVG
SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.S)
CITATION = re.compile(r"<sup\b[^>]*>.*?</sup>", re.S)
TAG = re.compile(r"<[^>]+>")

QR_WHO = "teaching links: the QR codes"
CACHE = "qr"  # in .cache/

_written: dict[str, bytes] = {}


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    qr_file: str  # the PNG shown; the SVG has the same name with .svg, the large PNG is in large/
    alt: str

    def file(self, kind: str) -> str:
        stem = self.qr_file.removesuffix(".png")
        return {"png": self.qr_file, "svg": f"{stem}.svg", "large-png": f"large/{self.qr_file}"}[kind]

# A figure (hooks/figures/downloads.py) and the title drawn on it.
FIGURE = re.compile(r'<figure class="site-figure" id="(?P<id>[^"]+)"[^>]*>.*?<text class="fig-title"[^>]*>(?P<title>[^<]*)</text>', re.S)

@functools.lru_cache(maxsize=None)  # `mkdocs serve` keeps this module: a rebuild reuses the codes
def qr_code(url: str, kind: str, cache: Path) -> bytes:
    """A QR code of `url` (see `make_qr_code`), from `cache` if it was made before: a build of
    an unchanged checkout makes none."""
    source = f"segno {segno.__version__} {kind} {SVG_PX_PER_MODULE} {DOWNLOAD_PNG_MIN_PX}\n{url}"
    return kept(cache, source, lambda: make_qr_code(url, kind), QR_WHO, ".svg" if kind == "svg" else ".png")


def make_qr_code(url: str, kind: str) -> bytes:
    """A QR code of `url`, black on white with a four-module margin: a PNG of one pixel per
    module ("png"), a PNG at least DOWNLOAD_PNG_MIN_PX wide ("large-png"), or an SVG."""
    buffer = io.BytesIO()
    qr = segno.make(url, error="m")
    if kind in ("png", "large-png"):
        modules, _ = qr.symbol_size(scale=1, border=4)
        scale = 1 if kind == "png" else math.ceil(DOWNLOAD_PNG_MIN_PX / modules)
        qr.save(buffer, kind="png", scale=scale, border=4, dark="#000", light="#fff")
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
    (and hooks/sharing/link_previews.py gives a share address, as it does each of `questions`)."""
    found: list[AnchorLink] = []

    def walk(anchors: list[AnchorLink]) -> None:
        for anchor in anchors:
            if anchor.level in (2, 3):
                found.append(anchor)
            walk(anchor.children)

    walk(list(page.toc))
    return found


def question_title(summary_html: str) -> str:
    """A question's text from its summary's HTML, without citation numbers or markup."""
    return " ".join(html.unescape(TAG.sub("", CITATION.sub("", summary_html))).split())


def questions(content: str, where: str) -> list[tuple[str, str]]:
    """(id, question) of each self-check question in a page's HTML, in reading order (the
    questions the teaching links list, and hooks/sharing/link_previews.py gives a share address); `where`
    names the page in an error."""
    found = []
    for m in QUESTION.finditer(content):
        summary = SUMMARY.search(m["inner"])
        if summary is None:
            raise PluginError(f"{where}: the self-check question #{m['id']} needs a question (/// details | Question?)")
        found.append((m["id"], question_title(summary["text"])))
    return found


def section_links(page: Page, site_url: str) -> list[Link]:
    """The page itself, then each of its h2 and h3 sections, figures and self-check questions,
    in reading order."""
    heading = page_heading(page)
    slug = heading.id
    page_url = site_url + page.url
    links = [Link("Whole page", page_url, f"{slug}.png", f"QR code for the whole page “{heading.title}”")]
    for anchor in sections(page):
        alt = f"QR code for the section “{anchor.title}” of “{heading.title}”"
        links.append(Link(anchor.title, f"{page_url}#{anchor.id}", f"{slug}--{anchor.id}.png", alt))
    content = page.content or ""
    for anchor_id, title in questions(content, page.file.src_uri):
        alt = f"QR code for the question “{title}” of “{heading.title}”"
        links.append(Link(f"Question: {title}", f"{page_url}#{anchor_id}", f"{slug}--{anchor_id}.png", alt))
    for m in FIGURE.finditer(content):
        title = " ".join(html.unescape(m["title"]).split())
        alt = f"QR code for the figure “{title}” of “{heading.title}”"
        links.append(Link(f"Figure: {title}", f"{page_url}#{m['id']}", f"{slug}--{m['id']}.png", alt))

    # In reading order: a question after the section it is in.
    def place(link: Link) -> int:
        _, _, anchor = link.url.partition("#")
        return content.find(f' id="{anchor}"') if anchor else -1

    return sorted(links, key=place)


def breakable(address: str) -> str:
    """`address` as HTML that a line breaks only after a `/` or `#`: each part up to one of
    them kept whole (site.css) unless it is wider than the line, with a break opportunity
    (<wbr>) between parts."""
    return "<wbr>".join(f"<span>{html.escape(part)}</span>" for part in re.findall(r"[^/#]*[/#]+|[^/#]+$", address))


def links_html(pages: list[Page], here: Page, site_url: str, cache: Path) -> str:
    blocks = []
    for page in pages:
        items = []
        for link in section_links(page, site_url):
            for kind in ("png", "svg", "large-png"):
                _written[link.file(kind)] = qr_code(link.url, kind, cache)
            src, svg, png = (get_relative_url(f"{QR_DIR}/{link.file(kind)}", here.url) for kind in ("png", "svg", "large-png"))
            url = html.escape(link.url)
            items.append(
                '<li class="teaching-links__item">'
                f'<img src="{html.escape(src)}" alt="{html.escape(link.alt)}" width="{QR_SIZE_PX}" height="{QR_SIZE_PX}" loading="lazy">'
                '<div class="teaching-links__text">'
                f'<p class="teaching-links__title"><a href="{url}">{html.escape(link.title)}</a></p>'
                f'<p class="teaching-links__url">{breakable(link.url)}</p>'
                f'<p class="teaching-links__download">Download QR code: <a href="{html.escape(svg)}" download>SVG</a>, '
                f'<a href="{html.escape(png)}" download>PNG</a></p>'
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
    site_url = site.site_url(config, f"{shown(config, page.file.src_uri)}: the teaching links")
    pages = [other for other in nav.pages if other is not page]
    page.content = page.content.replace(MARKER, links_html(pages, page, site_url, site.cache_folder(config, CACHE)))
    # The contents list: one entry per block, under the page's own heading.
    contents = page_heading(page).children
    contents.extend(AnchorLink(page_heading(other).title, f"links-{page_heading(other).id}", 2) for other in pages)
    return context


def write_qr_codes(config: MkDocsConfig) -> None:
    out = Path(config.site_dir) / QR_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, png in sorted(_written.items()):
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(png)
    _written.clear()
