"""Stop the build, in one line naming the file, when a page is missing from the navigation.

MkDocs lists such pages on a warning line of its own and their names on the lines below it;
in strict mode the build then stops with only a count of warnings. A page that is meant to be
reachable only by links belongs under `not_in_nav` in mkdocs.yml.
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from common.source_names import shown


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in files.documentation_pages():
        in_nav_setting: bool = file.inclusion.is_in_nav()  # type: ignore[no-untyped-call]
        if in_nav_setting and file.src_uri not in in_nav:
            raise PluginError(
                f"{shown(config, file.src_uri)}: page is not in the nav of mkdocs.yml (add it, or list it under not_in_nav)"
            )
    return nav
