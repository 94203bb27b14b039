"""A link control on every section heading.

The toc extension gives each h2/h3 written in Markdown its permalink (¶). Headings written by
templates or hooks ("Cite this page" on every page, the page headings of the teaching-links
page) get the same control here, so that site.js makes every one of them copy its section's
full address. Like the toc extension's, the control's text starts with a WORD JOINER
(mkdocs.yml), which with site.css keeps it on the line of its heading's last word.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

HEADING = re.compile(r'<(?P<tag>h[23]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<inner>.*?)</(?P=tag)>', re.S)
CONTROL = '<a class="headerlink" href="#{id}" title="{title}">{text}</a>'


def with_controls(html: str, text: str, title: str) -> str:
    """`html` with a control on every h2/h3 of its article."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return html

    def control(m: re.Match[str]) -> str:
        inner = m["inner"]
        if 'class="headerlink"' in inner:
            return m.group(0)
        return f'<{m["tag"]} id="{m["id"]}"{m["attrs"]}>{inner}{CONTROL.format(id=m["id"], text=text, title=title)}</{m["tag"]}>'

    return html[:start] + HEADING.sub(control, html[start:end]) + html[end:]


@event_priority(50)  # before content_security_policy hashes the page's inline scripts
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    toc = config.mdx_configs.get("toc", {})  # the same control as the toc extension's
    return with_controls(output, str(toc.get("permalink", "¶")), str(toc.get("permalink_title", "Permanent link")))
