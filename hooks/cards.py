"""Link previews: a card for every page, and a share address for every listed section.

A card is a 1200 × 630 PNG that apps show when a link is pasted (Teams, Slack, WhatsApp, course
pages). It is drawn at build time like the figures' PNGs (hooks/drawing.py: resvg with DejaVu
Sans, kept in .cache/cards by a hash of its SVG): from the template hooks/card.svg, with the
site's name, the page's title and, for a commentary page, its source, set in the page's front
matter as `card_source: After Strati & Neelapu, *Blood* 2021` (`*...*` is set in italics).
Long titles are wrapped, measured with the font's own widths, and set smaller if they need to.
overrides/main.html writes the card's tags (`og:image` and its size and alt text, and the
matching `twitter:*` tags) from the `card` this hook gives each page's template. No page loads
its own card, so the offline copy (hooks/offline.py) and first loads do not grow.

A share address, `<page address>s/<section id>/`, is written for every section the
teaching-links page lists (hooks/teaching_links.py, `sections`): a tiny page whose Open Graph
tags name the section (its heading and the page's title, its opening sentence, and a card of
its own showing its heading), with `noindex` and a `<meta http-equiv="refresh">` to
`../../#<id>`, which lands on the section without JavaScript and under the Content Security
Policy. The section's ¶ control carries the share address (`data-share`), which site.js copies
instead of `page#id`; page#id keeps working, and the QR codes keep pointing at it. A page
renamed with a redirect (plugins.redirects) keeps its share addresses too. Share pages are
written after the build, so they are in neither the sitemap nor the search index, and the
offline copy leaves them out like every refresh page.

A section's opening sentence is the first sentence of its first paragraph, as the page shows
it, without citation markers; a section that opens with no paragraph of its own (a table, the
reference list) is described by its page's description.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from content_security_policy import with_policy
from drawing import draw_png, fonts, text_width
from lxml import html as lxml_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from no_break import keep_together
from teaching_links import is_links_page, page_heading, sections

TEMPLATE = Path(__file__).parent / "card.svg"
CARD_DIR = "assets/cards"
CACHE = ".cache/cards"  # next to mkdocs.yml
WIDTH, HEIGHT = 1200, 630
SHARE_DIR = "s"
SOURCE_KEY = "card_source"
PLACEHOLDERS = ["site_name", "address", "text", "bar_y", "bar_height"]
WHO = "cards: the link-preview cards"
# The text block: left edge, widest line, and the band it is centred in (between the site's
# name and its address).
LEFT, MAX_WIDTH, TOP, BOTTOM = 106, 1022, 168, 536
HEADING_SIZES = range(64, 39, -4)  # px: the largest at which the heading fits
HEADING_LINES = 4
BELOW_SIZE = 36  # the text below the heading:
SECTION_TITLE_LINES = 2  # a section's page title
DESCRIPTION_LINES = 4  # the home page's site description
SOURCE_SIZE = 34
BOLD, REGULAR = "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"
ITALIC = re.compile(r"\*([^*]+)\*")
SENTENCE_END = re.compile(r"[.?!](?=[”’\")]*(?:\s|$))")
BREAKABLE_SPACE = re.compile(r"[ \t\r\n]+")  # not the no-break space
NOT_AN_END = re.compile(r"\b(?:e\.g|i\.e|et al|vs|approx|cf|Fig|No)\.$")


@dataclass(frozen=True)
class Card:
    file: str  # under CARD_DIR
    image: str  # its absolute address
    alt: str  # what it says
    svg: str
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True)
class Share:
    page_url: str  # the page's address, relative to the site's root ("" for the home page)
    id: str
    title: str  # "Heading – Page title"
    description: str
    card: Card


_template = ""
_site_url = ""
_cards: dict[str, Card] = {}  # by page address
_shares: list[Share] = []


def wrap(text: str, font: str, size: float, width: float = MAX_WIDTH) -> list[str]:
    """`text` in lines no wider than `width` px, broken between words, never inside a dose,
    "3 + 3" or "cycle 1" (hooks/no_break.py, as on the pages); a word too wide for a line gets
    one of its own, and the caller finds it too wide."""
    lines: list[str] = []
    for word in BREAKABLE_SPACE.split(keep_together(text).strip()):
        if lines and text_width(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def fits(lines: list[str], font: str, size: float, most: int) -> bool:
    return len(lines) <= most and all(text_width(line, font, size) <= MAX_WIDTH for line in lines)


def with_italics(text: str) -> str:
    """`text` for SVG, its `*...*` parts in italics."""
    parts = ITALIC.split(text)
    return "".join(html.escape(part) if i % 2 == 0 else f'<tspan font-style="italic">{html.escape(part)}</tspan>' for i, part in enumerate(parts))


def card_svg(template: str, site_name: str, address: str, heading: str, below: str | None, below_lines: int, source: str | None, where: str) -> str:
    """The card's SVG: `heading` large, then the smaller text `below` (a section's page title,
    or the home page's description) in at most `below_lines` lines, then the `source`."""
    lines_below = wrap(below, REGULAR, BELOW_SIZE) if below else []
    if below and not fits(lines_below, REGULAR, BELOW_SIZE, below_lines):
        raise PluginError(f"{where}: “{below}” is too long for {below_lines} lines of a link-preview card")
    if source and text_width(ITALIC.sub(r"\1", source), REGULAR, SOURCE_SIZE) > MAX_WIDTH:
        raise PluginError(f"{where}: {SOURCE_KEY} “{source}” is too long for one line of the link-preview card")
    under = len(lines_below) * BELOW_SIZE * 1.3 + (SOURCE_SIZE * 1.3 if source else 0)
    gap = 24 if under else 0
    for size in HEADING_SIZES:
        lines = wrap(heading, BOLD, size)
        height = len(lines) * size * 1.2 + gap + under
        if fits(lines, BOLD, size, HEADING_LINES) and height <= BOTTOM - TOP:
            break
    else:
        raise PluginError(f"{where}: the heading “{heading}” is too long for a link-preview card, even at {size} px")
    top = TOP + (BOTTOM - TOP - height) / 2
    texts, y = [], top
    for line in lines:
        texts.append(f'  <text x="{LEFT}" y="{y + size * 0.95:.0f}" font-size="{size}" font-weight="bold" fill="#1f1f1f">{html.escape(line)}</text>')
        y += size * 1.2
    y += gap
    for line in lines_below:
        texts.append(f'  <text x="{LEFT}" y="{y + BELOW_SIZE * 0.95:.0f}" font-size="{BELOW_SIZE}" fill="#333333">{html.escape(line)}</text>')
        y += BELOW_SIZE * 1.3
    if source:
        texts.append(f'  <text x="{LEFT}" y="{y + SOURCE_SIZE * 0.95:.0f}" font-size="{SOURCE_SIZE}" fill="#333333">{with_italics(source)}</text>')
    return Template(template).substitute(
        site_name=html.escape(site_name), address=html.escape(address), text="\n".join(texts),
        bar_y=f"{top:.0f}", bar_height=f"{height:.0f}",
    )


def make_card(config: MkDocsConfig, file: str, heading: str, page_title: str | None, source: str | None, where: str) -> Card:
    """The card `file`: the site's name, `heading`, a section's `page_title`, and the `source`.
    The home page, whose heading is the site's name, shows the site's description instead, and
    its sections do not repeat the site's name below their heading."""
    address = re.sub(r"^https?://|/$", "", _site_url)
    plain = ITALIC.sub(r"\1", source) if source else None
    if page_title and page_title != config.site_name:
        svg = card_svg(_template, config.site_name, address, heading, page_title, SECTION_TITLE_LINES, source, where)
        alt = f"{config.site_name}: {heading}, from “{page_title}”"
    elif heading == config.site_name:
        description = str(config.site_description or "").strip()
        svg = card_svg(_template, config.site_name, address, heading, description, DESCRIPTION_LINES, source, where)
        alt = f"{config.site_name}: {description}"
    else:
        svg = card_svg(_template, config.site_name, address, heading, None, 0, source, where)
        alt = f"{config.site_name}: {heading}"
    return Card(file, f"{_site_url}{CARD_DIR}/{file}", keep_together(alt + (f". {plain}" if plain else "")), svg)


def first_sentence(paragraph: lxml_html.HtmlElement) -> str:
    """The paragraph's first sentence as plain text, without its citation markers; one that
    leads into a list (ends with a colon) ends with an ellipsis."""
    for marker in paragraph.xpath(".//sup[.//a[contains(@class, 'footnote-ref')]]"):
        marker.drop_tree()
    text = keep_together(" ".join(paragraph.text_content().split()))
    for m in SENTENCE_END.finditer(text):
        if not NOT_AN_END.search(text[: m.end()]):
            return text[: m.end()]
    return re.sub(r":$", "…", text)


def opening_sentences(content: str, ids: list[str]) -> dict[str, str]:
    """For each section id, the opening sentence of its first paragraph, where it has one
    before its first table, list or subsection."""
    tree = lxml_html.fragment_fromstring(content, create_parent="div")
    found = {}
    for heading in tree.xpath(".//*[self::h2 or self::h3][@id]"):
        if heading.get("id") not in ids:
            continue
        for sibling in heading.itersiblings():
            if sibling.tag == "p" and sibling.text_content().strip():
                found[heading.get("id")] = first_sentence(sibling)
            if sibling.tag in ("p", "h1", "h2", "h3", "table", "ul", "ol", "div"):
                break
    return found


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _template, _site_url
    fonts(WHO)
    if not config.site_url:
        raise PluginError("cards: the link-preview cards need site_url in mkdocs.yml (their addresses are absolute)")
    _site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    _template = TEMPLATE.read_text(encoding="utf-8")
    try:
        Template(_template).substitute({name: "" for name in PLACEHOLDERS})
    except (KeyError, ValueError) as e:
        raise PluginError(f"{TEMPLATE.name}: a placeholder other than ${', $'.join(PLACEHOLDERS)}: {e}") from None
    _cards.clear()
    _shares.clear()
    return config


@event_priority(-100)  # after the citation layer and the figures have rendered the page
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = f"docs/{page.file.src_uri}"
    heading = page_heading(page)
    source = page.meta.get(SOURCE_KEY)
    if source is not None and not isinstance(source, str):
        raise PluginError(f"{where}: {SOURCE_KEY} must be one line of text, such as “After Strati & Neelapu, *Blood* 2021”")
    _cards[page.url] = make_card(config, f"{heading.id}.png", heading.title, None, source, where)
    if is_links_page(page):
        return content
    listed = sections(page)
    openings = opening_sentences(content, [anchor.id for anchor in listed])
    description = str(page.meta.get("description") or config.site_description)
    for anchor in listed:
        card = make_card(config, f"{heading.id}--{anchor.id}.png", anchor.title, heading.title, source, where)
        _shares.append(Share(page.url, anchor.id, keep_together(f"{anchor.title} – {heading.title}"), openings.get(anchor.id, description), card))
        # The ¶ control copies the share address (site.js).
        content = content.replace(
            f'<a class="headerlink" href="#{anchor.id}"', f'<a class="headerlink" data-share="{SHARE_DIR}/{anchor.id}/" href="#{anchor.id}"', 1
        )
    return content


def on_page_context(context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, object]:
    context["card"] = _cards.get(page.url)
    return context


def share_page(share: Share, at: str, target: str, config: MkDocsConfig) -> str:
    """The share page at `at` (relative to the site's root), sending the reader to `target`."""
    def e(text: str) -> str:
        return html.escape(text, quote=False).replace('"', "&quot;")

    card = share.card
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", config.site_name),
        ("property", "og:title", share.title),
        ("property", "og:description", share.description),
        ("property", "og:url", _site_url + at),
        ("property", "og:locale", "en"),
        ("property", "og:image", card.image),
        ("property", "og:image:width", str(card.width)),
        ("property", "og:image:height", str(card.height)),
        ("property", "og:image:alt", card.alt),
        ("name", "twitter:card", "summary_large_image"),  # X reads the og:* tags, but not for the alt text
        ("name", "twitter:image:alt", card.alt),
    ]
    meta = "\n".join(f'    <meta {kind}="{name}" content="{e(value)}">' for kind, name, value in tags)
    page = (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "  <head>\n"
        '    <meta charset="utf-8">\n'
        '    <meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '    <meta name="robots" content="noindex">\n'
        f'    <meta http-equiv="refresh" content="0; url={e(target)}">\n'
        f"    <title>{e(share.title)}</title>\n"
        f'    <meta name="description" content="{e(share.description)}">\n'
        f"{meta}\n"
        "  </head>\n"
        "  <body>\n"
        f'    <p><a href="{e(target)}">{e(share.title)}</a></p>\n'
        "  </body>\n"
        "</html>\n"
    )
    return with_policy(page, at)


def renamed(config: MkDocsConfig) -> dict[str, list[str]]:
    """The old addresses of each page renamed with a redirect (plugins.redirects), by page address."""
    plugin = config.plugins.get("redirects")
    maps = plugin.config.get("redirect_maps", {}) if plugin is not None else {}
    old: dict[str, list[str]] = {}
    for before, after in sorted(maps.items()):
        if not str(after).startswith(("http://", "https://")):
            target = File(str(after), "", "", config.use_directory_urls).url.removeprefix("./")
            old.setdefault(target, []).append(File(str(before), "", "", config.use_directory_urls).url.removeprefix("./"))
    return old


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    cache = Path(config.config_file_path).parent / CACHE
    out = site / CARD_DIR
    out.mkdir(parents=True, exist_ok=True)
    for card in sorted([*_cards.values(), *(share.card for share in _shares)], key=lambda c: c.file):
        (out / card.file).write_bytes(draw_png(card.svg, WIDTH, cache, WHO))
    old_addresses = renamed(config)
    for share in _shares:
        at = f"{share.page_url}{SHARE_DIR}/{share.id}/"
        pages = [(at, f"../../#{share.id}")]
        for old in old_addresses.get(share.page_url, []):
            old_at = f"{old}{SHARE_DIR}/{share.id}/"
            pages.append((old_at, "../" * old_at.count("/") + f"{share.page_url}#{share.id}"))
        for where, target in pages:
            path = site / where / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(share_page(share, where, target, config), encoding="utf-8")
