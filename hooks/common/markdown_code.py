"""Where a Markdown page holds code: fenced blocks and inline code spans.

A helper module for the hooks (not itself a hook): the citation hooks use it so that
`[@key]` written inside code is shown as written, never resolved or checked as a citation.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
# A private-use character stands in for "@" inside code while the citation plugin runs.
AT_MASK = "\ue000"


def code_lines(markdown: str) -> list[bool]:
    """For each line of `markdown`, whether it lies in a fenced code block (fences included)."""
    inside: list[bool] = []
    fence = ""
    for line in markdown.split("\n"):
        m = FENCE.match(line)
        if not fence and m:
            fence = m["fence"]
            inside.append(True)
        elif fence:
            inside.append(True)
            if m and m["fence"][0] == fence[0] and len(m["fence"]) >= len(fence) and not line[m.end():].strip():
                fence = ""
        else:
            inside.append(False)
    return inside


def mask_code_citations(markdown: str) -> str:
    """`markdown` with every "@" inside code replaced by AT_MASK, so that no citation
    pattern matches there; `unmask` undoes it exactly."""
    if AT_MASK in markdown:
        raise ValueError("contains the private-use character U+E000, which the build reserves")
    lines = markdown.split("\n")
    for i, in_fence in enumerate(code_lines(markdown)):
        if in_fence:
            lines[i] = lines[i].replace("@", AT_MASK)
        elif "`" in lines[i]:
            lines[i] = CODE_SPAN.sub(lambda m: m.group(0).replace("@", AT_MASK), lines[i])
    return "\n".join(lines)


def unmask(markdown: str) -> str:
    return markdown.replace(AT_MASK, "@")
