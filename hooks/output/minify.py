"""The site's own script and stylesheet ship minified.

site.js and site.css explain themselves in comments and indentation for their authors; every
page's first load would download them. After the build, rjsmin and rcssmin (pinned in
requirements.in) rewrite the built copies without comments and needless white space; the
sources keep them. Both keep strings, template literals and regular expressions as written.

Each page's HTML loses the blank lines and indentation the theme's templates leave between
tags (about 590 B of a page's gzipped first load): every run of white space that holds a line
break becomes one line break, which renders the same, except inside pre, textarea, code,
script and style, which keep theirs as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

SCRIPTS = ("assets/javascripts/site.js",)
STYLESHEETS = ("assets/stylesheets/site.css",)
AS_WRITTEN = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1>", re.S | re.I)
LINE_BREAKS = re.compile(r"\n[ \t\n]*")


def squeezed(html: str) -> str:
    """`html` with each run of white space holding a line break made one line break, outside
    the elements that keep their white space as written."""
    parts, last = [], 0
    for m in AS_WRITTEN.finditer(html):
        parts += [LINE_BREAKS.sub("\n", html[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join(parts) + LINE_BREAKS.sub("\n", html[last:])


def minify_site(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for names, minify in ((SCRIPTS, rjsmin.jsmin), (STYLESHEETS, rcssmin.cssmin)):
        for name in names:
            path = site / name
            if path.is_file():
                path.write_text(minify(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
