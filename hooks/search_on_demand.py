"""Leave the page a small search index stub; keep the full index for when the reader searches.

Material's page script fetches search/search_index.json on every first visit. This hook moves
the index the search plugin wrote to search/search_index.full.json and leaves in its place the
same configuration with no documents. The site's search worker
(overrides/assets/javascripts/workers/search-on-demand.js) fetches the full index, and
Material's own worker, at the reader's first query.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index.full.json"


def split_index(site_dir: Path) -> None:
    index = site_dir / INDEX
    if not index.is_file():
        raise PluginError(f"{INDEX} was not written: the search plugin must stay enabled in mkdocs.yml")
    full = json.loads(index.read_text(encoding="utf-8"))
    index.replace(site_dir / FULL_INDEX)
    stub = {"config": full["config"], "docs": []}
    index.write_text(json.dumps(stub, sort_keys=True, separators=(",", ":")), encoding="utf-8")


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    split_index(Path(config.site_dir))
