"""Printing a page gives a handout: no header, navigation, search or footer; the page's own
address at the top; references with their DOIs; figures no wider than the paper."""

from __future__ import annotations

import pytest

from conftest import TEST_SITE_URL, BuiltSite, new_page

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
HIDDEN = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer", ".headerlink"]


@pytest.fixture
def printed(browser):
    page = new_page(browser, {"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    yield page
    page.context.close()


def test_print_hides_navigation_and_shows_the_address(site: BuiltSite, served_site: str, printed) -> None:
    for built in site.pages():
        printed.goto(served_site + built.url)
        for selector in HIDDEN:
            for element in printed.locator(selector).all():
                assert not element.is_visible(), f"/{built.url}: {selector} is printed"
        address = printed.locator("article .page-address")
        assert address.is_visible()
        assert address.inner_text().strip() == TEST_SITE_URL + built.url
        assert address.evaluate("p => p.getBoundingClientRect().top") < 200, "the address belongs at the top"


def test_print_keeps_references_with_dois_and_fits_figures(served_site: str, printed) -> None:
    for url in ["car-t-failure/", "loncastuximab-dose-finding/"]:
        printed.goto(served_site + url)
        references = printed.locator(".footnote li")
        assert references.count() > 1
        assert references.first.is_visible()
        assert "doi:10." in printed.locator(".footnote").inner_text()
        content_width = printed.locator("article").evaluate("a => a.clientWidth")
        figure = printed.locator(".site-figure svg").first
        assert figure.is_visible()
        assert figure.bounding_box()["width"] <= content_width
    pdf = printed.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


CONTROLS = "article :is(button, input, select, textarea, [role=button], a[download], .md-button, .headerlink, .footnote-backref, .reference-downloads)"


def test_print_hides_every_control_and_keeps_table_citations_legible(site: BuiltSite, served_site: str, printed) -> None:
    checked = 0
    for built in site.pages():
        printed.goto(served_site + built.url)
        for control in printed.locator(CONTROLS).all():
            assert not control.is_visible(), f"/{built.url}: {control.evaluate('e => e.outerHTML')[:120]} is printed"
            checked += 1
        sizes = printed.locator("article table sup").evaluate_all("s => s.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert all(size >= 8 * 96 / 72 - 0.01 for size in sizes), f"/{built.url}: table citations at {min(sizes)} px"
    assert checked > 20


def test_print_shows_every_self_check_answer_without_arrows(site: BuiltSite, served_site: str, printed, tmp_path) -> None:
    """Paper cannot open a question: printed, each answer stands under its question, and no
    arrow offers to open it. Read from the PDF itself, as well as from the print layout."""
    import subprocess

    from conftest import squash

    checked = 0
    for url in ["car-t-failure/", "loncastuximab-dose-finding/"]:
        printed.goto(served_site + url)
        questions = printed.locator("article .self-check > details")
        assert questions.count() >= 6
        for question in questions.all():
            answer = question.locator(":scope > :not(summary)").first
            assert answer.is_visible(), f"/{url}#{question.evaluate('d => d.parentElement.id')}: answer not printed"
            arrow = question.locator("summary").evaluate("s => getComputedStyle(s, '::after').display")
            assert arrow == "none", f"/{url}: an arrow is printed"
        pdf = tmp_path / "page.pdf"
        pdf.write_bytes(printed.pdf(format="A4"))
        text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        for block in site.page(url).tree.xpath("//article//div[contains(@class, 'self-check')]/details"):
            first_words = " ".join(squash(block.xpath("string(./p[1])")).split()[:6])
            assert first_words in text, f"/{url}: the answer '{first_words} …' is not in the PDF"
            checked += 1
    assert checked >= 13
