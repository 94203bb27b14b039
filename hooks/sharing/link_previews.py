"""Link previews: a card for every page, and a share address for every listed section.

A card is a 1200 × 630 PNG that apps show when a link is pasted (Teams, Slack, WhatsApp, course
pages). It is drawn at build time like the figures' PNGs (hooks/figures/drawing.py: resvg with DejaVu
Sans, kept in .cache/cards by a hash of its SVG): from the template hooks/sharing/card.svg, with the
site's name, the page's title and, for a commentary page, its source, set in the page's front
matter as `card_source: After Strati & Neelapu, *Blood* 2021` (`*...*` is set in italics).
Long titles are wrapped, measured with the font's own widths, and set smaller if they need to.
overrides/main.html writes the card's tags (`og:image` and its size and alt text, and the
matching `twitter:*` tags) from the `card` this hook gives each page's template. No page loads
its own card, so the offline copy (hooks/output/offline.py) and first loads do not grow.

A share address, `<page address>s/<id>/`, is written for every section and every self-check
question the teaching-links page lists (hooks/sharing/teaching_links.py, `sections` and `questions`): a
tiny page whose Open Graph tags name the section (its heading and the page's title, its opening
sentence, and a card of its own showing its heading) or the question (its text and the page's
title, a card showing the question, and a description that does not give the answer away), with
`noindex`, the site's icon (a page naming none makes the browser ask the server's root for
/favicon.ico) and a `<meta http-equiv="refresh">` to `../../#<id>`, which lands on it without
JavaScript and under the Content Security Policy. The ¶ control of the section or question
links to its share address, so that following it lands there too and a long press's "Copy link"
gives the address that previews it; site.js copies the same address. page#id keeps working,
and the QR codes keep pointing at it. A page renamed with a redirect (plugins.redirects) keeps
its share addresses too. Share pages are written after the build, so they are in neither the
sitemap nor the search index, and the offline copy leaves them out like every refresh page
(offline, the service worker answers a share address with its page, hooks/output/offline.js).

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

from output.content_security_policy import with_policy
from common.site import cache_folder, site_url
from common.source_names import shown
from figures.drawing import draw_png, fonts, text_width
from lxml import html as lxml_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from sharing.teaching_links import is_links_page, page_heading, questions, sections
from markup.no_break import keep_together

TEMPLATE = Path(__file__).parent / "card.svg"
CARD_DIR = "assets/cards"
CACHE = "cards"  # in .cache/
WIDTH, HEIGHT = 1200, 630
SHARE_DIR = "s"
SOURCE_KEY = "card_source"
DESCRIPTIONS_KEY = "share_descriptions"
# A source line for the cards of one h2 section and its h3s, where it is not the page's (the
# site's own "After this commentary" part reports later work, not the commentary).
SECTION_SOURCES_KEY = "section_card_sources"
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
# A question's share page describes it thus: its answer is not given away.
QUESTION_DESCRIPTION = "A self-check question: try to answer it before you open the answer on the page."
# A description opening with one of these leans on text before it, which a link preview does not show.
DANGLING = re.compile(r"(?:Such|This|These|That|Those|It|Its|They|Their|Both|Thus|Therefore|However|Hence|So|The reason)\b(?!-)")
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
_shared: dict[str, set[str]] = {}  # the ids with a share address, by page address


def wrap(text: str, font: str, size: float, width: float = MAX_WIDTH) -> list[str]:
    """`text` in lines no wider than `width` px, broken between words, never inside a dose,
    "3 + 3" or "cycle 1" (hooks/markup/no_break.py, as on the pages); a word too wide for a line gets
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


def make_card(config: MkDocsConfig, file: str, heading: str, page_title: str | None, source: str | None, where: str, kind: str = "") -> Card:
    """The card `file`: the site's name, `heading`, a section's `page_title`, and the `source`.
    The home page, whose heading is the site's name, shows the site's description instead, and
    its sections do not repeat the site's name below their heading. `kind` ("the question ")
    says in the alt text what the heading is."""
    address = re.sub(r"^https?://|/$", "", _site_url)
    plain = ITALIC.sub(r"\1", source) if source else None
    if page_title and page_title != config.site_name:
        svg = card_svg(_template, config.site_name, address, heading, page_title, SECTION_TITLE_LINES, source, where)
        alt = f"{config.site_name}: {kind}{'“' + heading + '”' if kind else heading}, from “{page_title}”"
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
    _site_url = site_url(config, WHO)
    _template = TEMPLATE.read_text(encoding="utf-8")
    try:
        Template(_template).substitute({name: "" for name in PLACEHOLDERS})
    except (KeyError, ValueError) as e:
        raise PluginError(f"{TEMPLATE.name}: a placeholder other than ${', $'.join(PLACEHOLDERS)}: {e}") from None
    _cards.clear()
    _shares.clear()
    _shared.clear()
    return config


@event_priority(-100)  # after the citation layer and the figures have rendered the page
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = shown(config, page.file.src_uri)
    heading = page_heading(page)
    source = page.meta.get(SOURCE_KEY)
    if source is not None and not isinstance(source, str):
        raise PluginError(f"{where}: {SOURCE_KEY} must be one line of text, such as “After Strati & Neelapu, *Blood* 2021”")
    _cards[page.url] = make_card(config, f"{heading.id}.png", heading.title, None, source, where)
    if is_links_page(page):
        return content
    listed = [(anchor.id, anchor.title) for anchor in sections(page)]
    asked = questions(content, where)
    set_here = author_descriptions(page.meta.get(DESCRIPTIONS_KEY), [anchor_id for anchor_id, _ in [*listed, *asked]], page, where)
    in_part = {anchor.id: part.id for part in sections(page) if part.level == 2 for anchor in [part, *part.children]}
    part_sources = author_descriptions(page.meta.get(SECTION_SOURCES_KEY), sorted(set(in_part.values())), page, where, SECTION_SOURCES_KEY)
    openings = opening_sentences(content, [anchor_id for anchor_id, _ in listed])
    description = str(page.meta.get("description") or config.site_description)
    shared = _shared.setdefault(page.url, set())
    for anchor_id, title in listed:
        card = make_card(config, f"{heading.id}--{anchor_id}.png", title, heading.title, part_sources.get(in_part.get(anchor_id, ""), source), where)
        said = keep_together(set_here.get(anchor_id) or openings.get(anchor_id, description))
        _shares.append(Share(page.url, anchor_id, keep_together(f"{title} – {heading.title}"), standing_alone(said, anchor_id, anchor_id in set_here, page, where), card))
        shared.add(anchor_id)
    for anchor_id, question in asked:
        card = make_card(config, f"{heading.id}--{anchor_id}.png", question, heading.title, source, where, "the question ")
        said = keep_together(set_here.get(anchor_id, QUESTION_DESCRIPTION))
        _shares.append(Share(page.url, anchor_id, keep_together(f"Question: {question} – {heading.title}"), standing_alone(said, anchor_id, anchor_id in set_here, page, where), card))
        shared.add(anchor_id)
    return content


def author_descriptions(value: object, ids: list[str], page: Page, where: str, key_name: str = DESCRIPTIONS_KEY) -> dict[str, str]:
    """A front-matter map (`share_descriptions`, or `section_card_sources`), checked: from the id
    of a section or question with a share address (of an h2 section, for the card sources) to
    one line of text."""
    if value is None:
        return {}
    example = f"{key_name}: {{{ids[0] if ids else 'section-id'}: One line of text.}}"
    if not isinstance(value, dict):
        raise PluginError(f"{where}: {key_name} must map section or question ids to one line of text, such as “{example}”")
    for key, text in value.items():
        line = source_line(page, rf"^\s+{re.escape(str(key))}\s*:")
        if key not in ids:
            raise PluginError(f"{where}{line}: {key_name}: #{key} is not a section or question with a share address on this page")
        if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
            raise PluginError(f"{where}{line}: {key_name}: #{key} must be one line of text, such as “{example}”")
    return {str(key): " ".join(text.split()) for key, text in value.items()}


def source_line(page: Page, pattern: str) -> str:
    """":N", the line of the page's source (front matter included) that `pattern` first matches,
    or "" if none does."""
    m = re.search(pattern, page.file.content_string, re.M)
    return f":{page.file.content_string.count(chr(10), 0, m.start()) + 1}" if m else ""


def standing_alone(description: str, anchor_id: str, set_by_author: bool, page: Page, where: str) -> str:
    """`description`, unless it opens with a word that points back to text the preview does not
    show ("Such targets…", "The reason is…"): then the build stops, naming the file, the line
    (of the description set, or of the section's id) and the id."""
    m = DANGLING.match(description)
    if m is None:
        return description
    if set_by_author:
        line = source_line(page, rf"^\s+{re.escape(anchor_id)}\s*:")
        whose, hint = f"{DESCRIPTIONS_KEY}: #{anchor_id}", ""
    else:
        line = source_line(page, rf"[{{\s]#{re.escape(anchor_id)}(?![\w-])|\bid: *{re.escape(anchor_id)}(?![\w-])")
        whose = f"#{anchor_id} opens with a sentence that"
        hint = f"; give it one that does under {DESCRIPTIONS_KEY} in the front matter (CONTRIBUTING.md)"
    raise PluginError(f"{where}{line}: {whose} starts with “{m[0].strip()}” (“{description if len(description) <= 60 else description[:60] + '…'}”), which does not stand alone in a link preview{hint}")


def with_share_links(output: str, page: Page) -> str:
    """The ¶ control of each section and question with a share address links to it: followed,
    it lands on the section (the share page's refresh), and a long press's "Copy link" gives
    the address whose preview shows the section. site.js copies the same address."""
    for anchor_id in _shared.get(page.url, ()):
        output = output.replace(f'<a class="headerlink" href="#{anchor_id}"', f'<a class="headerlink" href="{SHARE_DIR}/{anchor_id}/"', 1)
    return output


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
        ("property", "og:locale", "en_US"),
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
        # The site's icon: without it a browser asks the server's root for /favicon.ico.
        f'    <link rel="icon" href="{e(get_relative_url(str(config.theme["favicon"]), at))}">\n'
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


def write_cards_and_share_pages(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    cache = cache_folder(config, CACHE)
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
