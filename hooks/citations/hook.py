"""The citation layer's MkDocs wiring: which stage runs at which event. Nothing else in the
layer imports MkDocs, except the adapter.

    on_config (before mkdocs-bibtex loads)   read and check the bibliography; find and check
                                             the citations of every page; start formatting the
                                             cited references, ahead of the pages; hand the
                                             plugin the style and an empty bibliography
    on_page_markdown (before its page pass)  put markers where the page's citations and its
                                             reference list go
    on_page_markdown (after it)              give back the "@" signs hidden from the plugin
    on_page_content                          write the citations (a group as one superscript,
                                             locators in it) and the reference list in place
                                             of the markers, each reference's HTML made once;
                                             under each list, its files; on each entry, its
                                             COinS span
    on_page_context                          the page's review date, for "Cite this page"
    on_post_page                             the page's tags for reference managers, in its head
    on_post_build                            the files of every reference list
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

# MkDocs loads this file on its own; its folder's parent holds the layer as the package `citations`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citations import CitationError, mkdocs_bibtex_adapter as adapter  # noqa: E402
from citations import export  # noqa: E402
from citations.check import check  # noqa: E402
from citations.find import Found, find, problems  # noqa: E402
from citations.format import Cache, References, check_style, resolve_style  # noqa: E402
from citations.read import Bibliography, read  # noqa: E402
from citations.reference_html import ReferenceHtml, converter, describe_setup  # noqa: E402
from citations.render import Plan, render_html, render_markdown, without_markers  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.structure.files import Files, get_files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils.templates import TemplateContext  # noqa: E402

CACHE = Path(".cache/citations")  # next to mkdocs.yml; .cache/ is git-ignored


@dataclass
class Build:
    settings: adapter.Settings
    bibliography: Bibliography
    references: References
    reference_html: ReferenceHtml
    docs: str  # the docs folder as messages name it
    works: export.Works  # the cited works as CSL-JSON items and BibTeX, for the exports
    plans: dict[str, Plan] = field(default_factory=dict)  # by page, from its Markdown to its HTML
    reviewed: dict[str, datetime.date | None] = field(default_factory=dict)  # by page
    works_shown: dict[str, list[str]] = field(default_factory=dict)  # by page: the keys of its lists
    files: dict[str, str] = field(default_factory=dict)  # the reference lists' files, by path in the site


_build: Build | None = None


def _docs_shown(config: MkDocsConfig) -> str:
    config_dir = Path(config.config_file_path).resolve().parent
    return Path(config.docs_dir).resolve().relative_to(config_dir).as_posix()


def find_in_pages(config: MkDocsConfig, bib: Bibliography) -> tuple[list[tuple[str, list[str]]], bool]:
    """The keys each page MkDocs will build needs formatted, in build order (every key for a
    page with the full bibliography), and whether any page has it; CitationError on the first
    problem."""
    settings = adapter.settings(config)
    docs, known = _docs_shown(config), bib.keys()
    keys_by_page, full = [], False
    for file in get_files(config).documentation_pages():
        try:
            text = file.content_string
        except UnicodeDecodeError:
            continue  # page_source_check refuses it, naming the line
        try:
            found = find(text)
        except ValueError as e:
            raise CitationError(f"{docs}/{file.src_uri}: {e}") from None
        page_problems = problems(found, known, bib.shown)
        if page_problems:
            line, problem = page_problems[0]
            raise CitationError(f"{docs}/{file.src_uri}:{line}: {problem}")
        keys = found.keys()
        if settings.full_bib_command in text:
            full = True
            cited_here = set(keys)
            keys += [entry.key for entry in bib.entries if entry.key not in cited_here]
        keys_by_page.append((file.src_uri, keys))
    return keys_by_page, full


def check_unless_checked(bibliography: Bibliography, record: Path) -> None:
    """Check the bibliography, unless this very file passed before (its hash is in `record`)."""
    digest = hashlib.sha256(bibliography.text.encode("utf-8")).hexdigest()
    if record.is_file() and record.read_text(encoding="utf-8") == digest:
        return
    check(bibliography)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(digest, encoding="utf-8")


@event_priority(100)  # before mkdocs-bibtex (priority 0) loads its settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    adapter.check_version()
    settings = adapter.settings(config)
    config_dir = Path(config.config_file_path).resolve().parent
    try:
        if not settings.bib_file:
            raise CitationError("mkdocs.yml: plugins.bibtex.bib_file is not set")
        if not settings.csl_file:
            raise CitationError("mkdocs.yml: plugins.bibtex.csl_file is not set; Blood uses AMA")
        style = resolve_style(settings.csl_file, config_dir)
        check_style(style, settings.csl_file)
        bibliography = read(config_dir / settings.bib_file, settings.bib_file)
        check_unless_checked(bibliography, config_dir / CACHE / "checked.txt")
        keys_by_page, full = find_in_pages(config, bibliography)
    except CitationError as e:
        raise PluginError(str(e)) from None
    cited = bibliography.keys() if full else {key for _, keys in keys_by_page for key in keys}
    pandoc = functools.partial(adapter.format_references, bibliography.source_of(cited), style)
    cache = Cache(config_dir / CACHE / "references.json", adapter.engine() + style.read_text(encoding="utf-8"), bibliography)
    references = References(pandoc, keys_by_page, cache)
    reference_html = ReferenceHtml(
        config_dir / CACHE / "html.json",
        converter(config.markdown_extensions, config.mdx_configs),
        describe_setup(config.markdown_extensions, config.mdx_configs, config_dir),
    )
    works = export.Works(
        bibliography, cited, Cache(config_dir / CACHE / "exports.json", export.engine(), bibliography), export.pandoc_csl
    )
    _build = Build(settings, bibliography, references, reference_html, _docs_shown(config), works)
    adapter.hand_over(config, config_dir / CACHE / "empty.bib", style)
    return config


@event_priority(50)  # before mkdocs-bibtex's page pass (priority 0)
def _render(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    try:
        found: Found = find(markdown)
    except ValueError as e:
        raise PluginError(f"{_build.docs}/{page.file.src_uri}: {e}") from None
    settings = _build.settings
    try:
        source = page.file.content_string  # the file: front matter, then `markdown`
        reviewed = page.meta.get("reviewed")  # checked and made a date by hooks/review_date.py
        _build.reviewed[page.file.src_uri] = reviewed if isinstance(reviewed, datetime.date) else None
        offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        marked, _build.plans[page.file.src_uri] = render_markdown(
            markdown, found, settings.bib_command, (settings.full_bib_command, _build.bibliography), offset
        )
    except CitationError as e:
        raise PluginError(f"{_build.docs}/{page.file.src_uri}:{e}") from None
    return adapter.hide(marked)


@event_priority(-50)  # after mkdocs-bibtex's page pass, before anything else reads the Markdown
def _reveal(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return adapter.reveal(markdown)


on_page_markdown = CombinedEvent(_render, _reveal)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    where, plan = f"{_build.docs}/{page.file.src_uri}", _build.plans.pop(page.file.src_uri)
    texts = _build.references.for_page(page.file.src_uri)
    missing = [key for key in plan.keys() if key not in texts]
    if missing:
        raise PluginError(f"{where}: citation key '{missing[0]}' was not among the keys found before the build")
    try:
        made = _build.reference_html.of((texts[key] for key in plan.keys()), ahead=texts.values())
        label = _build.settings.footnote_format.format
        works = _build.works
        shown = {key: made[texts[key]] + export.coins(works.csl(key)) for key in plan.keys()}
        html = render_html(
            html, plan, shown, lambda key: label(key=key), lambda number: export.downloads(page.url, number)
        )
    except CitationError as e:
        raise PluginError(f"{where}:{e}") from None
    for number, (keys, _) in enumerate(plan.lists, start=1):
        items, written = [works.csl(key) for key in keys], [works.bibtex(key) for key in keys]
        _build.files.update(export.list_files(page.url, number, items, written))
    if plan.lists:
        _build.works_shown[page.file.src_uri] = plan.keys()
    entries = list(page.toc)
    while entries:  # a cited heading: its entry in the contents shows no citation
        entry = entries.pop()
        entry.title = without_markers(entry.title)
        entries += entry.children
    return html


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    assert _build is not None
    context["reviewed"] = _build.reviewed.get(page.file.src_uri)  # type: ignore[typeddict-unknown-key]
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page: the tags that make it a web page by the site for a reference manager, and, for
    a page with reference lists, one `citation_reference` per work, at the end of its head."""
    assert _build is not None
    items = [_build.works.csl(key) for key in _build.works_shown.get(page.file.src_uri, [])]
    tags = export.head_tags(config.site_name, _build.reviewed.get(page.file.src_uri), items)
    return output.replace("</head>", tags + "</head>", 1)


def on_post_build(config: MkDocsConfig) -> None:
    if _build is not None:
        _build.references.save()
        _build.reference_html.save()
        _build.works.save()
        site = Path(config.site_dir)
        for name, text in sorted(_build.files.items()):
            path = site / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
