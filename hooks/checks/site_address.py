"""No preview address is ever published.

`site_url` comes from the SITE_URL environment variable (mkdocs.yml). Canonical links, Open
Graph tags, "Cite this page" and the QR codes of the teaching-links page are built from it, so
a site built without it would print addresses that lead nowhere. `mkdocs serve` needs no
setting: MkDocs sets `site_url` to its own preview address. Every other build stops here, in
one line that names the setting and shows how to set it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)  # before anything builds an address from site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        raise PluginError(
            "SITE_URL is not set: give the address the site is published at, "
            "for example SITE_URL=https://owner.github.io/repo/ mkdocs build"
        )
    return config
