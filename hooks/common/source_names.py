"""How the build's one-line errors name a page: by its path from the project's root
(`docs/about.md`), as the author knows it. A helper, not a hook."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def shown(config: MkDocsConfig, src_uri: str) -> str:
    """`src_uri` (a path in the docs folder) as the author knows it: docs/about.md."""
    docs = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).resolve().parent)
    return f"{docs.as_posix()}/{src_uri}"
