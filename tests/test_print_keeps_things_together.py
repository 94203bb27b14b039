"""Printed on A4 (Chromium's page.pdf(), read back with pdftotext from poppler-utils) and at
phone width (print media at 390 px), a page keeps things together: no heading alone at the
foot of a sheet, no table row cut across sheets, a figure and its caption on one sheet, no
text left over from the download links paper cannot use, no reference files or BibTeX,
QR-card addresses broken only after a / or # (or inside a name wider than the card), and
every table whole at 390 px."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PHONE, BuiltSite, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/", "glossary/", "teaching-links/"]
A4_CONTENT_PX = 605  # 210 mm less the theme's 25 mm margins, at 96 px to the inch

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture(scope="module")
def printed(served_site: str, browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each page printed on A4: the text of each sheet."""
    folder = tmp_path_factory.mktemp("print")
    page = new_page(browser, {"width": 1280, "height": 800})
    sheets = {}
    for url in PAGES:
        page.goto(served_site + url)
        pdf = folder / f"{url.strip('/')}.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        sheets[url] = text.split("\f")
    page.context.close()
    return sheets


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2060", "").split())


@pytest.mark.parametrize("url", PAGES)
def test_no_heading_is_left_alone_at_the_foot_of_a_sheet(site: BuiltSite, printed: dict[str, list[str]], url: str) -> None:
    headings = {squash(h.text_content()).removesuffix("¶").strip() for h in site.page(url).tree.xpath("//article//*[self::h2 or self::h3]")}
    for number, sheet in enumerate(printed[url][:-1], 1):
        lines = [squash(line) for line in sheet.splitlines() if line.strip()]
        if lines:
            assert lines[-1] not in headings, f"/{url}: “{lines[-1]}” alone at the foot of sheet {number}"


@pytest.mark.parametrize("url", PAGES[:2])
def test_a_figure_and_its_caption_share_a_sheet(site: BuiltSite, printed: dict[str, list[str]], url: str) -> None:
    title = squash(site.page(url).tree.xpath("//figure//*[@class='fig-title']")[0].text_content())
    sheet = next(s for s in printed[url] if title in squash(s))
    assert "Licence: CC BY 4.0" in squash(sheet), f"/{url}: the figure's credit is printed on another sheet"


@pytest.mark.parametrize("url", PAGES)
def test_paper_has_no_leftovers_of_links_it_cannot_use(printed: dict[str, list[str]], url: str) -> None:
    text = squash("\n".join(printed[url]))
    for leftover in ("px wide", "credit included", "Download", "@misc{", "BibTeX", "RIS ·", "CSL-JSON"):
        assert leftover not in text, f"/{url} prints “{leftover}”"
    for line in "\n".join(printed[url]).splitlines():
        assert not re.match(r"\s*·", line), f"/{url} prints a line that starts with a separator: {line.strip()}"


def test_table_rows_are_not_cut_across_sheets(served_site: str, browser) -> None:
    page = new_page(browser, {"width": A4_CONTENT_PX, "height": 800})
    page.emulate_media(media="print")
    for url in PAGES[:3]:
        page.goto(served_site + url)
        kinds = page.evaluate("[...new Set([...document.querySelectorAll('article tr')].map(r => getComputedStyle(r).breakInside))]")
        assert kinds == ["avoid"], f"/{url}: rows may break: {kinds}"
    page.context.close()


BREAKS = """urls => urls.map(p => {
  // The characters after which the line breaks, in the address as printed.
  const found = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      // (a break inside a part too wide for the card's line is the only other kind allowed)
      if (last && box.top > last.top + 2 && !(last.part !== p && last.part.offsetWidth >= p.clientWidth - 1)) found.push(last.char);
      last = { top: box.top, char: node.data[i], part: node.parentElement };
    }
  return found;
})"""


@pytest.mark.parametrize("width", [A4_CONTENT_PX, PHONE["width"]])
def test_qr_card_addresses_break_only_after_a_slash_or_hash(served_site: str, browser, width: int) -> None:
    page = new_page(browser, {"width": width, "height": 800})
    page.emulate_media(media="print")
    page.goto(served_site + "teaching-links/")
    breaks = page.locator(".teaching-links__url").evaluate_all(BREAKS)
    page.context.close()
    assert sum(map(len, breaks)) > 10, "many addresses should need two lines"
    assert {c for found in breaks for c in found} <= {"/", "#"}, breaks


def test_every_table_is_whole_on_paper_at_phone_width(site: BuiltSite, served_site: str, browser) -> None:
    page = new_page(browser, PHONE)
    page.emulate_media(media="print")
    tables = 0
    for built in site.pages():
        page.goto(served_site + built.url)
        for table in page.locator("article table").all():
            right, inside = table.evaluate("t => [t.getBoundingClientRect().right, t.closest('article').getBoundingClientRect().right]")
            assert right <= inside + 1, f"/{built.url}: a table reaches {right:.0f} px, the page ends at {inside:.0f}"
            tables += 1
    page.context.close()
    assert tables >= 5
