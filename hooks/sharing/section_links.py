"""A link control on every section heading and every self-check question.

The toc extension gives each h2/h3 written in Markdown its permalink (¶). Headings written by
templates or hooks ("Cite this page" on every page, the page headings of the teaching-links
page) get the same control here, so that site.js makes every one of them copy its section's
full address. Like the toc extension's, the control's text starts with a WORD JOINER
(mkdocs.yml), which with site.css keeps it on the line of its heading's last word.

A self-check question (a `div.self-check` with an id around a details block, written in the
pages with pymdownx.blocks) gets the same control, after its details block: it is not put in
the question's summary, which is the button that opens the answer. site.js treats it as a
heading's, naming it "Copy link to question: …"; site.css shows it beside the question.
"""

from __future__ import annotations

import re

from common.source_names import shown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

HEADING = re.compile(r'<(?P<tag>h[23]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<inner>.*?)</(?P=tag)>', re.S)
CONTROL = '<a class="headerlink" href="#{id}" title="{title}">{text}</a>'
# A self-check question: the div pymdownx.blocks.html writes (its attributes in either order),
# and the details block in it, up to the first end of a details block.
QUESTION = re.compile(
    r'<div (?=[^>]*\bclass="self-check")(?=[^>]*\bid="(?P<id>[^"]+)")[^>]*>\s*<details\b(?P<inner>.*?)</details>', re.S
)
QUESTION_TITLE = "Link to this question"


def with_controls(html: str, text: str, title: str, where: str = "the page") -> str:
    """`html` with a control on every h2/h3 and every self-check question of its article;
    `where` names the page in an error."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return html

    def control(m: re.Match[str]) -> str:
        inner = m["inner"]
        if 'class="headerlink"' in inner:
            return m.group(0)
        return f'<{m["tag"]} id="{m["id"]}"{m["attrs"]}>{inner}{CONTROL.format(id=m["id"], text=text, title=title)}</{m["tag"]}>'

    def question(m: re.Match[str]) -> str:
        if "<details" in m["inner"]:
            raise PluginError(f"{where}: the self-check question #{m['id']} holds another details block; give it its own")
        return m.group(0) + CONTROL.format(id=m["id"], text=text, title=QUESTION_TITLE)

    article = QUESTION.sub(question, HEADING.sub(control, html[start:end]))
    return html[:start] + article + html[end:]


def with_section_links(output: str, page: Page, config: MkDocsConfig) -> str:
    toc = config.mdx_configs.get("toc", {})  # the same control as the toc extension's
    text, title = str(toc.get("permalink", "¶")), str(toc.get("permalink_title", "Permanent link"))
    return with_controls(output, text, title, shown(config, page.file.src_uri))
