"""Stop the build on a page source that MkDocs would crash on, quietly mangle, or publish
unsafely, with one line naming the file and line:

- a Markdown file that is not UTF-8 (MkDocs would stop with a traceback);
- front matter that is not valid YAML, or not a mapping (MkDocs would publish it as text);
- a raw `<script>` element or an inline event handler such as `onerror=` in page text
  (the site's own script is the theme's; a page must not run code of its own).
"""

from __future__ import annotations

import re

import yaml
from common.markdown_code import code_lines
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from common.source_names import shown

UNSAFE = re.compile(r"<script\b|<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def check_page(raw: bytes, shown: str) -> None:
    """Raise PluginError naming `shown` and the line if the page source is unusable or unsafe."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        lineno = raw[: e.start].count(b"\n") + 1
        raise PluginError(f"{shown}:{lineno}: not valid UTF-8") from None
    lines = text.splitlines()
    body_start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
        if end is None:
            raise PluginError(f"{shown}:1: front matter opened with '---' is never closed")
        try:
            meta = yaml.safe_load("\n".join(lines[1:end]))
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            lineno = mark.line + 2 if mark is not None else 1
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise PluginError(f"{shown}:{lineno}: invalid YAML front matter: {problem}") from None
        if meta is not None and not isinstance(meta, dict):
            raise PluginError(f"{shown}:2: front matter must be 'key: value' lines")
        body_start = end + 1
    body = lines[body_start:]
    for number, (line, in_code) in enumerate(zip(body, code_lines("\n".join(body))), start=body_start + 1):
        if not in_code and UNSAFE.search(line):
            raise PluginError(f"{shown}:{number}: raw <script> or on...= event handler is not allowed in a page")


@event_priority(100)  # before any hook that reads page text
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files.documentation_pages():
        check_page(file.content_bytes, shown(config, file.src_uri))
    return files
