"""Tables fit a phone: from 320 to 430 px no table needs sideways scrolling. A table too wide
for the screen (three or more columns) shows each row as a card with every cell under its
column's heading; a table of two columns, such as the glossary, fits and stays a table. Desktop
and print keep the table, and the markup still tells screen readers it is a table."""

from __future__ import annotations

import pytest

from conftest import DESKTOP, BuiltSite, new_page
from markup.table_cards import labelled

CARD_CHECK = """table => {
  const headings = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
  const wrap = table.closest(".md-typeset__scrollwrap") || table;
  const problems = [];
  if (table.scrollWidth > table.clientWidth + 1 || wrap.scrollWidth > wrap.clientWidth + 1) problems.push("scrolls sideways");
  if (headings.length < 3) return problems;  // a table, not cards
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, i) => {
      const label = getComputedStyle(cell, "::before").content;
      if (cell.textContent.trim() && label !== `${JSON.stringify(headings[i])} / ""`) problems.push(`cell ${i} labelled ${label}`);
    });
  }
  return problems;
}"""


def test_each_body_cell_carries_its_column_heading() -> None:
    out = labelled("\n<thead>\n<tr>\n<th>A <em>b</em></th>\n<th style=\"x\">C &amp; D</th>\n</tr>\n</thead>\n"
                   "<tbody>\n<tr>\n<td>1</td>\n<td style=\"x\">2</td>\n</tr>\n</tbody>\n")
    assert '<td data-label="A b">1</td>' in out and '<td data-label="C &amp; D" style="x">2</td>' in out
    assert out.startswith('<table role="table">')


def test_a_screen_reader_still_meets_a_table_on_a_phone(served_site: str, browser) -> None:
    page = new_page(browser, {"width": 390, "height": 800}, touch=True)
    page.goto(served_site + "car-t-failure/")
    tree = page.locator("article table").first.aria_snapshot()
    page.context.close()
    assert tree.startswith("- table:") and '- columnheader "Ligand on the tumor cell"' in tree
    assert '- cell "PD-L1"' in tree, tree  # the shown label is not read out a second time


@pytest.mark.parametrize("width", [320, 360, 390, 430])
def test_no_table_scrolls_sideways_on_a_phone(site: BuiltSite, served_site: str, browser, width: int) -> None:
    page = new_page(browser, {"width": width, "height": 800}, touch=True)
    tables = 0
    for built in site.pages():
        page.goto(served_site + built.url)
        for table in page.locator("article table").all():
            assert table.evaluate(CARD_CHECK) == [], f"/{built.url} at {width} px"
            tables += 1
    page.context.close()
    assert tables >= 5


@pytest.mark.parametrize("media", ["screen", "print"])
def test_desktop_and_print_keep_the_table(served_site: str, browser, media: str) -> None:
    page = new_page(browser, DESKTOP)
    page.emulate_media(media=media)
    page.goto(served_site + "car-t-failure/")
    table = page.locator("#summary-table ~ * table").first
    assert table.evaluate("t => getComputedStyle(t).display") in {"table", "inline-block"}
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "table-row"
    assert table.locator("thead").is_visible()
    page.context.close()


@pytest.mark.parametrize("width", [320, 390, 430])
def test_only_a_table_too_wide_for_a_phone_becomes_cards(site: BuiltSite, served_site: str, browser, width: int) -> None:
    """The glossary (two columns) stays a table on a phone, with its header row shown, and is
    not much taller than on a laptop; a table of three or more columns becomes cards."""
    page = new_page(browser, {"width": width, "height": 800}, touch=True)
    kinds = []
    for built in site.pages():
        page.goto(served_site + built.url)
        for table in page.locator("article table").all():
            columns = table.locator("thead th").count()
            row = table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display")
            kinds.append((built.url, columns, row))
            if columns <= 2:
                assert row == "table-row" and table.locator("thead").is_visible(), f"/{built.url} at {width} px"
            else:
                assert row == "block", f"/{built.url} at {width} px: a table of {columns} columns is not cards"
    page.goto(served_site + "glossary/")
    phone = page.locator("article table").evaluate("t => t.getBoundingClientRect().height")
    page.context.close()
    assert ("glossary/", 2, "table-row") in kinds and any(columns >= 3 for _, columns, _ in kinds)
    laptop = new_page(browser, DESKTOP)
    laptop.goto(served_site + "glossary/")
    desk = laptop.locator("article table").evaluate("t => t.getBoundingClientRect().height")
    laptop.context.close()
    assert phone <= 2 * desk, f"the glossary is {phone:.0f} px tall at {width} px, {desk:.0f} px on a laptop"
