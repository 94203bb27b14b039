"""Leave the page a small search index stub; keep the full index for when the reader searches.

Material's page script fetches search/search_index.json on every first visit. This hook moves
the index the search plugin wrote to search/search_index.full.json and leaves in its place the
same configuration with no documents. The site's search worker
(overrides/assets/javascripts/workers/search-on-demand.js) fetches the full index, and
Material's own worker, at the reader's first query. Each page names that worker in place of
Material's, which its address carries (`?worker=search.<hash>.min.js`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index.full.json"
# Material's base.html names its search worker in the page's configuration.
MATERIAL_WORKER = re.compile(r'(?P<key>"search":\s*")(?P<dir>[^"]*assets/javascripts/workers/)(?P<name>search\.[0-9a-f]+\.min\.js)"')


def with_search_worker(html: str, where: str) -> str:
    """The page, starting the site's search worker, which loads Material's at the first query."""
    html, found = MATERIAL_WORKER.subn(r'\g<key>\g<dir>search-on-demand.js?worker=\g<name>"', html, count=1)
    if not found:
        raise PluginError(f"{where}: the page names no search worker of Material's (assets/javascripts/workers/search.<hash>.min.js) to replace")
    return html


def split_index(site_dir: Path) -> None:
    index = site_dir / INDEX
    if not index.is_file():
        raise PluginError(f"{INDEX} was not written: the search plugin must stay enabled in mkdocs.yml")
    full = json.loads(index.read_text(encoding="utf-8"))
    index.replace(site_dir / FULL_INDEX)
    stub = {"config": full["config"], "docs": []}
    index.write_text(json.dumps(stub, sort_keys=True, separators=(",", ":")), encoding="utf-8")
