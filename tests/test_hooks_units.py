"""The small pieces of build-time code outside the citation layer, on their own
(the layer's own: tests/test_citation_stages_work_alone.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError


def test_unused_css_rules_go_and_the_rest_stays_as_written() -> None:
    from output.unused_css import purge

    css = (
        ".used{color:red}.unused{color:blue}.used .unused,.used{margin:0}"
        "@media screen{.unused{x:1}.used{content:\"\\3c !--\"}}"
        "[data-md-color-primary=pink]{a:b}[data-md-color-primary=indigo]{a:c}"
        "@keyframes k{0%{opacity:0}}/*# sourceMappingURL=main.css.map*/"
    )
    assert purge(css, {"used", "indigo"}) == (
        ".used{color:red}.used .unused,.used{margin:0}"
        "@media screen{.used{content:\"\\3c !--\"}}"
        "[data-md-color-primary=indigo]{a:c}"
        "@keyframes k{0%{opacity:0}}"
    )


def test_css_for_elements_and_a_text_direction_no_page_has_goes() -> None:
    from output.unused_css import purge

    css = (
        ".md-typeset kbd{a:1}.md-typeset :is(h1,kbd){a:2}.md-typeset h1{a:3}"
        "[dir=rtl] .used{a:4}[dir=ltr] .used,[dir=rtl] .used{a:5}.used[type=checkbox]{a:6}"
    )
    assert purge(css, {"md-typeset", "h1", "used"}, {"ltr"}) == (
        ".md-typeset :is(h1,kbd){a:2}.md-typeset h1{a:3}[dir=ltr] .used,[dir=rtl] .used{a:5}.used[type=checkbox]{a:6}"
    )
    # a page written right to left, or one that writes <kbd>, keeps them
    assert purge(css, {"md-typeset", "h1", "used", "kbd"}, {"ltr", "rtl"}) == css


def test_custom_properties_nothing_reads_go() -> None:
    from output.unused_css import without_unread_properties

    css = (
        ':root{--kept:1px;--icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--via:var(--chain);--chain:2px}'
        ".a{margin:var(--kept)}@media screen{:root{--named:3px;--unread:calc((1px + 2px) * 2)}}"
    )
    # --named is read by a page, a script or another stylesheet (a word there); --chain only by --via
    assert without_unread_properties(css, {"named"}) == ":root{--kept:1px;}.a{margin:var(--kept)}@media screen{:root{--named:3px;}}"
    assert without_unread_properties(css, {"named", "icon", "via"}) == (
        ':root{--kept:1px;--icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--via:var(--chain);--chain:2px}'
        ".a{margin:var(--kept)}@media screen{:root{--named:3px;}}"
    )


def test_css_that_names_a_missing_class_or_element_only_to_exclude_it_stays() -> None:
    from output.unused_css import purge

    # `:not(.unused)` and `:not(kbd)` match every element when no page has them; `odd` is no element
    css = ".used:not(.unused){a:1}li:not(kbd){a:2}li:nth-child(odd){a:3}.unused:not(.used){a:4}"
    assert purge(css, {"used", "li"}) == ".used:not(.unused){a:1}li:not(kbd){a:2}li:nth-child(odd){a:3}"


def test_serve_polls_the_project_fast_and_the_installed_theme_as_before(tmp_path: Path) -> None:
    import material
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from output.serve_polling import PROJECT_POLL_S, on_serve

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    theme = Path(material.__file__).parent / "templates"
    server.watch(str(tmp_path / "docs"))
    server.watch(str(theme))
    on_serve(server, config, None)
    server.watch(str(tmp_path / "mkdocs.yml"))  # added after the event, as `watch:` entries are
    timeouts = {Path(e.watch.path): e.timeout for e in server.observer.emitters}
    # A file is watched through its folder.
    assert timeouts == {tmp_path / "docs": PROJECT_POLL_S, theme: 0.5, tmp_path: PROJECT_POLL_S}
    server.server_close()


def test_section_ids_are_read_from_the_markdown_with_their_lines() -> None:
    from checks.section_ids import source_ids

    page = (
        "---\ntitle: T\n# a: comment\n---\n"  # lines 1-4: front matter
        "# Title {#title}\n\n## Section {#section}\n\n"  # 5, 7
        '<figure id="figure-one" markdown="1">\n\n'  # 9
        "//// html | div\n    attrs: {id: check-one, class: self-check}\n////\n\n"  # 12
        "Setext {: #setext .x }\n------\n\n"  # 15
        "```md\n## Shown {#section}\n```\n\nWrite `## Shown {#section}`.\n\n# Second title\n"
    )
    assert source_ids(page, "docs/p.md") == {"title": 5, "section": 7, "figure-one": 9, "check-one": 12, "setext": 15}


def test_a_section_id_missing_or_given_twice_is_refused_in_one_line() -> None:
    import pytest
    from mkdocs.exceptions import PluginError

    from checks.section_ids import source_ids

    with pytest.raises(PluginError, match=r"^docs/p\.md:3: heading 'Why\? IFN' has no explicit id; write '### Why\? IFN \{#why-ifn\}'$"):
        source_ids("# T\n\n### Why? IFN\n", "docs/p.md")
    with pytest.raises(PluginError, match=r"^docs/p\.md:4: id 'a' is already used on line 2$"):
        source_ids("# T\n## A {#a}\n\n<div id='a'></div>\n", "docs/p.md")


def test_an_id_the_site_also_gives_is_named_with_the_element_that_has_it() -> None:
    import pytest
    from mkdocs.exceptions import PluginError

    from checks.section_ids import check_built_page

    own = '<h2 id="cite">Cite<a class="headerlink" href="#cite">\u2060¶</a></h2>'
    page = f'<input id="__drawer"><article>{own}<h2 id="cite">Cite this page</h2></article>'
    with pytest.raises(PluginError, match=r"^docs/p\.md:7: id 'cite' is already used on this page by the site's own heading 'Cite this page'$"):
        check_built_page(page, own, {"cite": 7}, "docs/p.md")
    with pytest.raises(PluginError, match=r"^docs/p\.md:2: id '__drawer' is already used on this page by the site's own <input>$"):
        check_built_page(page.replace('"cite">Cite this', '"x">Cite this') + '<p id="__drawer">', '<p id="__drawer">', {"__drawer": 2}, "docs/p.md")
    check_built_page('<p id="a"></p><code>id="a"</code>', "", {"a": 1}, "docs/p.md")


@pytest.mark.parametrize("value", ["soon", "2026-13-01", "2026/12/01", 2026, datetime.datetime(2026, 12, 1, 9, 0)])
def test_a_review_date_that_is_not_a_date_is_refused_with_file_line_and_value(value: object) -> None:
    from checks import review_date

    with pytest.raises(PluginError, match=r"^docs/x\.md:4: front matter 'reviewed: .*' is not a date"):
        review_date.review_date(value, "docs/x.md", 4)


def test_a_review_date_may_be_yaml_s_date_or_a_quoted_one() -> None:
    from checks import review_date

    assert review_date.review_date(datetime.date(2026, 12, 1), "d", 1) == datetime.date(2026, 12, 1)
    assert review_date.review_date(" 2026-12-01 ", "d", 1) == datetime.date(2026, 12, 1)
    assert 'datetime="2026-12-01">1 December 2026</time>' in review_date.reviewed_html(datetime.date(2026, 12, 1))
