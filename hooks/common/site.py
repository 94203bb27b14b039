"""The site's constants, its address, and whether `mkdocs serve` is running: one place for each."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

THEME_COLOR = "#4051b5"  # the indigo of the palette (mkdocs.yml theme.palette)
SHORT_NAME = "Lymphoma explained"  # the web app's name under its icon
CACHE = Path(".cache")  # next to mkdocs.yml, git-ignored: what a build keeps for the next

serving = False  # `mkdocs serve`: set at startup, read as `site.serving`


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def site_url(config: MkDocsConfig, who: str) -> str:
    """The address the site is published at, ending in one slash. `who` names what needs it."""
    if not config.site_url:
        raise PluginError(f"{who} need site_url in mkdocs.yml (their addresses are absolute)")
    return config.site_url if config.site_url.endswith("/") else config.site_url + "/"


def cache_folder(config: MkDocsConfig, name: str) -> Path:
    """The folder of `.cache/` (next to mkdocs.yml) that keeps `name` for the next build."""
    return Path(config.config_file_path).parent / CACHE / name
