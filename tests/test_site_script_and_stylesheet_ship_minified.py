"""The built site.js and site.css are minified (hooks/output/minify.py): no comments, smaller on every
page's first load, and the script still parses. That the stylesheet still styles every element
as its source does is checked with the theme's stylesheets in
test_unused_css_removal_changes_no_style.py; that the script still works, by every browser test."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, BuiltSite

FILES = {
    "assets/javascripts/site.js": ROOT / "overrides" / "assets" / "javascripts" / "site.js",
    "assets/stylesheets/site.css": ROOT / "overrides" / "assets" / "stylesheets" / "site.css",
}
COMMENT = {"js": re.compile(r"^\s*//|/\*", re.M), "css": re.compile(r"/\*")}


@pytest.mark.parametrize("built_name", FILES)
def test_the_built_file_is_smaller_and_has_no_comments(site: BuiltSite, built_name: str) -> None:
    source = FILES[built_name].read_text(encoding="utf-8")
    built = (site.root / built_name).read_text(encoding="utf-8")
    assert COMMENT[built_name.rsplit(".", 1)[1]].search(source), "the source explains itself in comments"
    assert not COMMENT[built_name.rsplit(".", 1)[1]].search(built), f"{built_name} keeps a comment"
    assert len(gzip.compress(built.encode())) < 0.9 * len(gzip.compress(source.encode()))


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js, which .ci/run installs with npm")
def test_the_built_script_still_parses(site: BuiltSite) -> None:
    result = subprocess.run(["node", "--check", str(site.root / "assets" / "javascripts" / "site.js")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pages_ship_without_the_templates_blank_lines_and_keep_code_as_written(site: BuiltSite) -> None:
    from output.minify import squeezed

    assert squeezed("<p>a\n   \n  <b>b</b>\n</p><pre>x\n\n    y</pre><code>\n  z</code>") == (
        "<p>a\n<b>b</b>\n</p><pre>x\n\n    y</pre><code>\n  z</code>")
    for page in site.pages():
        outside = re.sub(r"<(pre|textarea|code|script|style)\b.*?</\1>", "<kept/>", page.source, flags=re.S)
        assert not re.search(r"\n[ \t]", outside), f"/{page.url} keeps indentation between tags"
