"""Every page carries a Content Security Policy that allows nothing from other origins, and a
reader who searches, switches the palette, opens citations and copies a section link sets off
no violation of it."""

from __future__ import annotations

import re

from conftest import DESKTOP, PHONE, BuiltSite, new_page

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def policy_of(source: str) -> dict[str, list[str]]:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', source)
    assert match, "no Content Security Policy"
    return {d.split()[0]: d.split()[1:] for d in match.group(1).split(";") if d.strip()}


def test_every_page_allows_only_its_own_origin(site: BuiltSite) -> None:
    pages = [*site.pages(), site.page("404.html")]
    for page in pages:
        policy = policy_of(page.source)
        assert policy["default-src"] == ["'none'"], page.url
        for directive in ("script-src", "style-src", "font-src", "img-src", "connect-src"):
            sources = policy[directive]
            assert sources[0] == "'self'", (page.url, directive)
            assert all(s.startswith("'sha256-") or s == "data:" for s in sources[1:]), (page.url, directive, sources)
        assert "'unsafe-inline'" not in page.source.split("Content-Security-Policy")[1].split(">")[0]
        # The policy must come before any script or stylesheet to govern it.
        head = page.source.split("<head>")[1]
        assert head.index("Content-Security-Policy") < min(head.index("<script"), head.index("<link"))


def test_reading_the_site_sets_off_no_violation(served_site: str, browser) -> None:
    page = new_page(browser, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.context.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)

    for url in ["", "car-t-failure/", "loncastuximab-dose-finding/", "glossary/", "references/", "teaching-links/",
                "about/", "no-such-page/", "car-t-failure/s/clinical-problem/"]:
        page.goto(served_site + url, wait_until="networkidle")
        assert page.evaluate("window.__violations") == [], url

    page.goto(served_site + "car-t-failure/", wait_until="networkidle")
    # Search: the worker loads the index and shows results.
    page.locator("input.md-search__input").click()
    page.keyboard.type("ferritin")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    # Palette toggle.
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    # A citation's tooltip, by hover, and the copy-link control.
    citation = page.locator("a.footnote-ref").first
    citation.hover()
    page.locator(".md-tooltip2--active, .md-tooltip2").first.wait_for(state="visible")
    control = page.locator("h2 .headerlink").first
    section = control.evaluate("a => a.parentElement.id")
    control.click()
    page.get_by_text("Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/s/{section}/")  # its share address
    page.context.close()

    # The same on a phone: tap a citation, tap a section link.
    phone = new_page(browser, PHONE, touch=True, permissions=["clipboard-read", "clipboard-write"])
    phone.context.add_init_script(RECORD_VIOLATIONS)
    phone.goto(served_site + "loncastuximab-dose-finding/", wait_until="networkidle")
    phone.locator("a.footnote-ref").first.tap()
    phone.locator("h2 .headerlink").first.tap()
    phone.get_by_text("Link copied").wait_for()
    assert phone.evaluate("window.__violations") == []
    phone.context.close()

    assert console == []
