"""The site's own script and stylesheet ship minified.

site.js and site.css explain themselves in comments and indentation for their authors; every
page's first load would download them. After the build, rjsmin and rcssmin (pinned in
requirements.in) rewrite the built copies without comments and needless white space; the
sources keep them. Both keep strings, template literals and regular expressions as written.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

SCRIPTS = ("assets/javascripts/site.js",)
STYLESHEETS = ("assets/stylesheets/site.css",)


def minify_site(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for names, minify in ((SCRIPTS, rjsmin.jsmin), (STYLESHEETS, rcssmin.cssmin)):
        for name in names:
            path = site / name
            if path.is_file():
                path.write_text(minify(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
