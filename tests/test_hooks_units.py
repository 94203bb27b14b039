"""The small pieces of build-time code outside the citation layer, on their own
(the layer's own: tests/test_citation_stages_work_alone.py)."""

from __future__ import annotations

from pathlib import Path


def test_unused_css_rules_go_and_the_rest_stays_as_written() -> None:
    from hooks.unused_css import purge

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


def test_serve_polls_the_project_fast_and_the_installed_theme_as_before(tmp_path: Path) -> None:
    import material
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from hooks.serve_polling import PROJECT_POLL_S, on_serve

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


def test_the_site_stylesheet_loses_its_comments_and_nothing_else() -> None:
    from hooks.unused_css import without_comments

    css = "/* why */\n.a::before { content: \"/* not a comment */\"; }\n/* more\n lines */\n.b { x: '/*'; }"
    assert without_comments(css) == ".a::before { content: \"/* not a comment */\"; }\n.b { x: '/*'; }"
