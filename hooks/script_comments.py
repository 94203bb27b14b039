"""The site's own script ships without its authors' comments.

site.js explains itself in whole-line `//` comments, which every page's first load would
download: compressed, the script is 3.7 KB with them and 2.5 KB without. After the build, this
drops every line that holds only a comment from the built copy; the source keeps them. A line
with an odd number of backticks may open a template literal that spans lines, in which a line
starting with `//` is text, not a comment: the build stops with a one-line error instead of
guessing (write such a literal on one line, or join strings).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SCRIPTS = ("assets/javascripts/site.js",)


def without_comment_lines(script: str, name: str) -> str:
    """`script` without the lines that hold only a `//` comment."""
    kept = []
    for number, line in enumerate(script.splitlines(keepends=True), start=1):
        if line.count("`") % 2:
            raise PluginError(f"{name}, line {number}: a template literal spanning lines; keep it on one line")
        if not line.lstrip().startswith("//"):
            kept.append(line)
    return "".join(kept)


@event_priority(-90)  # after every page is written, before hooks/offline.py hashes the files
def on_post_build(config: MkDocsConfig) -> None:
    for name in SCRIPTS:
        path = Path(config.site_dir) / name
        if path.is_file():
            path.write_text(without_comment_lines(path.read_text(encoding="utf-8"), name), encoding="utf-8")
