"""A citation written inside code is shown as written: not resolved, not checked, not numbered;
the page's real citations around it still resolve."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build
from lxml import html as lxml_html

from common.markdown_code import AT_MASK, mask_code_citations, unmask

EXAMPLE = """
To cite, write `[@neelapu2017]` after the claim, or several keys at once:

```markdown
A claim.[@nobody2099; @schuster2019]
```

!!! note
    ~~~
    Indented [@benci2016] in a fence inside a box.
    ~~~

A real claim.[@dean2020]
"""


def test_citations_inside_code_stay_literal(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + EXAMPLE, encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    tree = lxml_html.fromstring((tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8"))
    code = [element.text_content() for element in tree.xpath("//article//code")]
    assert "[@neelapu2017]" in code
    assert any("A claim.[@nobody2099; @schuster2019]" in text for text in code)
    assert any("Indented [@benci2016] in a fence" in text for text in code)
    # Only the real claim became a footnote: one reference, dean2020.
    references = tree.xpath('//div[@class="footnote"]//li/@id')
    assert "fn:dean2020" in references
    assert not {"fn:neelapu2017", "fn:schuster2019", "fn:benci2016", "fn:nobody2099"} & set(references)
    assert AT_MASK not in result.stdout + (tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8")


def test_masking_touches_only_code_and_is_undone_exactly() -> None:
    masked = mask_code_citations(EXAMPLE)
    assert "A real claim.[@dean2020]" in masked
    assert "@neelapu2017" not in masked and "@benci2016" not in masked
    assert unmask(masked) == EXAMPLE


def test_a_page_holding_the_reserved_character_is_refused(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nOdd {AT_MASK} character.\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/about.md: contains the private-use character U+E000" in result.stderr
