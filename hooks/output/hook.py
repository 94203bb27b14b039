"""The order of what is done to each page once its template is rendered, and to the site once
it is built: the one place that order is written. Each step is a function of the part that
owns it. MkDocs runs the citation layer's own steps (hooks/citations/hook.py, priority 0)
between the two halves of the page steps, and before the build steps.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file on its own, by its path. The project's code is imported from one place,
# the packages in hooks/, so that no module is loaded twice.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.fresh_code import forget_if_changed  # noqa: E402

forget_if_changed()  # under mkdocs serve, after an edit to the code

from checks import section_ids  # noqa: E402
from common import site  # noqa: E402
from common.source_names import shown  # noqa: E402
from figures import downloads  # noqa: E402
from markup import no_break  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from output import content_security_policy, minify, offline, serve_polling, unused_css, valid_html  # noqa: E402
from search import entries, on_demand, variants  # noqa: E402
from sharing import link_previews, section_links, teaching_links  # noqa: E402


def on_startup(command: str, dirty: bool) -> None:
    site.on_startup(command, dirty)
    if site.serving:
        content_security_policy.note_serving()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    return serve_polling.on_serve(server, config, builder)


def theme_page(html: str, where: str) -> str:
    """Material's page, with the site's search worker and valid toggles."""
    return valid_html.without_toggle_autocomplete(on_demand.with_search_worker(html, where))


@event_priority(10)  # before the citation layer's Highwire Press tags (priority 0)
def page_steps_before_citation_tags(output: str, page: Page, config: MkDocsConfig) -> str:
    output = theme_page(output, shown(config, page.file.src_uri))
    output = section_links.with_section_links(output, page, config)  # the ¶ control on headings hooks and templates write
    output = link_previews.with_share_links(output, page)  # each shared section's and question's ¶ links to its share address
    return output if site.serving else offline.with_manifest(output, page.url)


@event_priority(-10)
def page_steps_after_citation_tags(output: str, page: Page, config: MkDocsConfig) -> str:
    output = no_break.with_units_kept_together(output)  # no line break inside a dose, "3 + 3" or "cycle 1"
    if not site.serving:  # the policy would block live reload
        output = content_security_policy.with_policy(output, shown(config, page.file.src_uri))  # hashes the page's inline scripts as they now are
    output = minify.squeezed(output)  # the blank lines and indentation between tags go (scripts stay as hashed)
    return section_ids.check_page(output, page, config)  # the page as every step leaves it


on_post_page = CombinedEvent(page_steps_before_citation_tags, page_steps_after_citation_tags)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html and offline.html: Material's page around a message; sitemap.xml: as MkDocs writes it."""
    if not template_name.endswith(".html"):
        return output
    output = theme_page(output, template_name)
    if site.serving:
        return output
    if template_name == offline.OFFLINE_PAGE:
        output = offline.with_manifest(output, template_name)
    return content_security_policy.with_policy(output, template_name)


@event_priority(-10)  # after the search plugin's index, the redirects and the citation layer's files
def on_post_build(config: MkDocsConfig) -> None:
    downloads.write_files(config)
    teaching_links.write_qr_codes(config)
    link_previews.write_cards_and_share_pages(config)
    entries.add_to_index(config)  # the items of data-search-by-item sections, as results of their own
    variants.add_to_index(config)  # the index as the search plugin and entries left it
    unused_css.prune(config)  # reads every page and script written so far
    minify.minify_site(config)
    on_demand.split_index(Path(config.site_dir))  # the index with its variants
    offline.write_offline_copy(config)  # last: hashes every file the others wrote
