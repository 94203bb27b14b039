"""Give every built page a Content Security Policy that allows nothing from other origins.

The policy is a `<meta http-equiv>` tag (GitHub Pages cannot send headers), placed right after
the charset so that it governs every element after it. Scripts, styles, fonts, images, fetches
and workers may come only from the site itself; the theme's small inline scripts are allowed
by their SHA-256 hashes, computed from the page being written, so a changed theme or page
cannot run an inline script the build did not see. Images may also be `data:` URIs: the
theme's stylesheet draws its icons from them.

`mkdocs serve` injects an inline live-reload script into every page as it serves it; the
policy would block it, so pages built by `serve` get no policy (and the log says so).
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("content_security_policy")

CHARSET = '<meta charset="utf-8">'
# An inline script the browser runs: no src, and no type or a JavaScript type.
INLINE_SCRIPT = re.compile(
    r'<script(?![^>]*\ssrc=)(?:\s+type="(?:text/javascript|module)")?\s*>(?P<body>.*?)</script>', re.S
)
POLICY = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'self'"
)

def policy_for(html: str) -> str:
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(m["body"].encode("utf-8")).digest()).decode() + "'"
            for m in INLINE_SCRIPT.finditer(html)
        }
    )
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def with_policy(html: str, where: str) -> str:
    if html.count(CHARSET) != 1:
        raise PluginError(f"{where}: the page has no single {CHARSET} to put the Content Security Policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html.replace(CHARSET, f"{CHARSET}\n      {meta}", 1)


def note_serving() -> None:
    log.info("mkdocs serve: pages get no Content Security Policy (it would block live reload)")
