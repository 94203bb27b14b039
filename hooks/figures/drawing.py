"""Drawing SVG as PNG at build time, shared by the figures' downloads (hooks/figures/downloads.py) and the
link-preview cards (hooks/sharing/link_previews.py): resvg (resvg-py, whose wheels need no system library)
with DejaVu Sans, which Debian's fonts-dejavu-core ships, and no other font, so that a build
draws the same pixels on any machine. Each PNG is kept under `.cache/` (git-ignored) by a hash
of the SVG, the width, the renderer's version and the fonts, so an SVG is drawn again only when
one of them changes.

Also the width of a line of text in DejaVu Sans, read from the font's own advance widths, so
that a card can wrap its text before drawing it.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import resvg_py
from mkdocs.exceptions import PluginError

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"]


def fonts(who: str) -> list[Path]:
    """The DejaVu Sans files there are; `who` names the feature in the error if the regular or
    bold face is missing."""
    missing = [name for name in FONT_FILES[:2] if not (FONTS / name).is_file()]
    if missing:
        raise PluginError(f"{who} need the DejaVu Sans font ({FONTS / missing[0]}): apt-get install fonts-dejavu-core")
    return [FONTS / name for name in FONT_FILES if (FONTS / name).is_file()]


# What this process has drawn, by what it was drawn for: a build of an unchanged checkout after
# another draws nothing (tests/test_a_warm_build_draws_nothing.py).
drawn: Counter[str] = Counter()


def kept(cache: Path, source: str, draw: Callable[[], bytes], who: str, suffix: str = ".png") -> bytes:
    """What `draw` makes of `source` (everything the drawing depends on, as text), from `cache`
    if it was drawn before; else drawn, counted under `who`, and kept there."""
    path = cache / f"{hashlib.sha256(source.encode()).hexdigest()}{suffix}"
    if path.is_file():
        return path.read_bytes()
    made = draw()
    drawn[who] += 1
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(made)
    return made


def draw_png(svg: str, width: int, cache: Path, who: str) -> bytes:
    """`svg` drawn as a PNG `width` px wide on white, from `cache` if it was drawn before."""
    found = fonts(who)

    def draw() -> bytes:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width, background="white", font_files=[str(f) for f in found],
                                           skip_system_fonts=True, font_family="DejaVu Sans", sans_serif_family="DejaVu Sans"))

    return kept(cache, f"{resvg_py.__version__} {width} {[f.stat().st_size for f in found]}\n{svg}", draw, who)


@functools.lru_cache(maxsize=None)
def _advances(font: Path) -> tuple[dict[int, int], int]:
    """A TrueType font's advance width of each character, in font units, and its units per em
    (tables cmap format 12, hmtx, hhea, head)."""
    data = font.read_bytes()
    tables = {}
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = offset
    units_per_em = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    widths = [struct.unpack_from(">H", data, tables["hmtx"] + 4 * i)[0] for i in range(metrics)]
    cmap = tables["cmap"]
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) == (3, 10) and struct.unpack_from(">H", data, cmap + offset)[0] == 12:
            break
    else:
        raise PluginError(f"{font}: no Unicode character map (cmap format 12) to measure text with")
    table = cmap + offset
    by_char = {}
    for g in range(struct.unpack_from(">I", data, table + 12)[0]):
        start, end, glyph = struct.unpack_from(">III", data, table + 16 + 12 * g)
        for char in range(start, end + 1):
            by_char[char] = widths[min(glyph + char - start, metrics - 1)]
    return by_char, units_per_em


def text_width(text: str, font_file: str, size: float) -> float:
    """The width in px of `text` set in `font_file` (one of FONT_FILES) at `size` px, without
    kerning, which only narrows a line: a line measured to fit does fit."""
    by_char, units_per_em = _advances(FONTS / font_file)
    fallback = by_char.get(ord("M"), units_per_em)
    return sum(by_char.get(ord(c), fallback) for c in text) * size / units_per_em
