"""The built site.js leaves out its authors' whole-line comments (a third of its compressed
bytes, on every page's first load) and keeps every other line as written; a template literal
spanning lines, where such a line would be text, stops the build with a one-line error."""

from __future__ import annotations

import gzip

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, BuiltSite
from hooks.script_comments import without_comment_lines

SOURCE = ROOT / "overrides" / "assets" / "javascripts" / "site.js"


def test_the_built_script_keeps_every_line_but_the_comments(site: BuiltSite) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    built = (site.root / "assets" / "javascripts" / "site.js").read_text(encoding="utf-8")
    comments = [line for line in source.splitlines() if line.lstrip().startswith("//")]
    assert len(comments) > 10
    assert built.splitlines() == [line for line in source.splitlines() if line not in comments]
    assert len(gzip.compress(built.encode())) < 0.8 * len(gzip.compress(source.encode()))


def test_a_comment_sign_in_code_stays_and_a_spanning_template_literal_is_refused() -> None:
    script = '// why\nconst url = "https://example.org/"; // trailing\n  // indented\nrun();\n'
    assert without_comment_lines(script, "x.js") == 'const url = "https://example.org/"; // trailing\nrun();\n'
    with pytest.raises(PluginError, match=r"^x\.js, line 2: a template literal spanning lines"):
        without_comment_lines("const a = 1;\nconst b = `one\n// two`;\n", "x.js")
