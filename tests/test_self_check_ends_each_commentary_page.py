"""Each commentary page ends with "Check your understanding": 5 to 8 questions, each ending in
"?", each with its own id and an answer that stays closed until a tap and cites its source
like the text."""

from __future__ import annotations

import pytest

from conftest import PHONE, BuiltSite, new_page

PAGES = ["car-t-failure/", "loncastuximab-dose-finding/"]


@pytest.mark.parametrize("url", PAGES)
def test_the_page_ends_with_five_to_eight_cited_questions(site: BuiltSite, url: str) -> None:
    tree = site.page(url).tree
    headings = [h.get("id") for h in tree.xpath('//article//h2[not(ancestor::section[@class="cite-this-page"])]')]
    assert headings[-2:] == ["check-your-understanding", "references"], headings
    questions = tree.xpath('//h2[@id="check-your-understanding"]/following-sibling::div[@class="self-check"]')
    assert 5 <= len(questions) <= 8
    for question in questions:
        summary = question.xpath("./details/summary")[0].text_content().strip()
        assert question.get("id", "").startswith("check-") and summary.endswith("?"), summary
        assert question.xpath("./details")[0].get("open") is None, f"{question.get('id')} is open before a tap"
        assert question.xpath('.//a[contains(@class, "footnote-ref")]'), f"{question.get('id')}: the answer cites nothing"


def test_a_linked_question_keeps_its_answer_closed_until_a_tap(served_site: str, browser) -> None:
    page = new_page(browser, PHONE, touch=True)
    page.goto(served_site + "loncastuximab-dose-finding/#check-cycle-1-window")
    page.wait_for_timeout(500)
    question = page.locator("#check-cycle-1-window")
    answer = question.locator("p").first
    assert not answer.is_visible()
    question.locator("summary").tap()
    answer.wait_for(state="visible", timeout=3000)
    assert "first cycle" in answer.inner_text()
    page.context.close()
