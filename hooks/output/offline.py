"""Offline reading: a service worker and a web app manifest, in built sites only.

After a build, this writes to the site's root:
- `sw.js`, the service worker, from hooks/output/offline.js, with the list of what it caches at install
  (every page, the offline page, and every file the pages load: stylesheets, scripts, images,
  the search index stub and the search stand-in worker, and what the stand-in loads at the
  first query, Material's search worker and the full index, so that a reader who never
  searched online can search offline; not source maps) and a version, the hash of all those
  files, so a deploy that changes any of them installs a new worker, which deletes the old
  cache; and, for answering offline, where each refresh page sends the reader (a share address
  to its page's section, a renamed page's old address to the page), so that a share address of
  a saved page opens that page at its section offline, though share pages are not saved. The
  worker installs after the page has loaded, so none of this adds to a first load;
- `manifest.webmanifest`, whose icon is the favicon (an SVG, any size), so the site can be
  added to a home screen.
Every page, and the offline page, links the manifest; site.js registers the worker once the
page has loaded, and only where the manifest is linked. `mkdocs serve` gets neither, so it
works as before. The Content Security Policy already allows both: `worker-src 'self'` and
`manifest-src 'self'`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from common import site as site_constants
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "offline.html"
USED = re.compile(r'<(?:link|script|img)\b[^>]*?\s(?:href|src)="(?P<url>[^"#]+)"')
SEARCH_WORKER = re.compile(r'"search":\s*"(?P<url>[^"]+)"')
WORKERS = "assets/javascripts/workers"  # the search stand-in, Material's search worker and its helper
NOT_AT_INSTALL = re.compile(r"\.map$")
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; ?url=(?P<url>[^"]+)"')

def with_manifest(html: str, here: str) -> str:
    """`html` linking the manifest, from a page at `here` (relative to the site's root)."""
    manifest = get_relative_url(MANIFEST, here)
    links = f'<link rel="manifest" href="{manifest}">\n    <meta name="theme-color" content="{site_constants.THEME_COLOR}">\n  </head>'
    return html.replace("</head>", links, 1)


def precache(site: Path) -> list[str]:
    """What the worker caches at install: every page by its address, and what the pages load."""
    pages = sorted(p for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    found = {OFFLINE_PAGE, MANIFEST, "search/search_index.json", "search/search_index.full.json"}
    for path in [*pages, site / OFFLINE_PAGE]:
        here = path.relative_to(site).as_posix()
        found.add(str(PurePosixPath(here).parent) + "/" if path.name == "index.html" else here)
        html = path.read_text(encoding="utf-8")
        for m in [*USED.finditer(html), *SEARCH_WORKER.finditer(html)]:
            url = m["url"]
            if urlsplit(url).scheme or url.startswith("//"):
                continue  # another site: nothing is loaded from one
            address = urljoin("/" + here, url).lstrip("/")
            if (site / urlsplit(address).path).is_file():
                found.add(address)
    # what the search stand-in loads at the first query: the full index, and the workers' scripts
    paths = {urlsplit(address).path for address in found}
    found.update(a for a in (p.relative_to(site).as_posix() for p in (site / WORKERS).glob("*.js")) if a not in paths)
    return sorted(a.removeprefix("./") if a != "./" else "./" for a in found if not NOT_AT_INSTALL.search(urlsplit(a).path))


def moved(site: Path) -> dict[str, str]:
    """Each refresh page (a share address, hooks/sharing/link_previews.py; a renamed page's old address) by its
    address, with the address it sends the reader to, both relative to the site's root: offline,
    the worker answers the one with the other, which it has saved."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        target = REFRESH.search(path.read_text(encoding="utf-8"))
        if target is None:
            continue
        here = path.parent.relative_to(site).as_posix() + "/"
        here = "" if here == "./" else here
        to = urljoin("/" + here, html.unescape(target["url"]))
        if not urlsplit(to).scheme and not to.startswith("//"):
            found[here] = to.lstrip("/")
    return found


def version(site: Path, addresses: list[str]) -> str:
    digest = hashlib.sha256()
    for address in addresses:
        path = site / urlsplit(address).path
        file = path / "index.html" if address.endswith("/") else path
        digest.update(address.encode("utf-8") + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def manifest(config: MkDocsConfig) -> str:
    icon = str(config.theme.get("favicon"))
    return json.dumps(
        {
            "name": config.site_name,
            "short_name": site_constants.SHORT_NAME,
            "description": config.site_description,
            "start_url": "./",
            "scope": "./",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": site_constants.THEME_COLOR,
            "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml"}],
        },
        indent=2,
    )


def write_offline_copy(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if site_constants.serving:
        (site / WORKER).unlink(missing_ok=True)
        return
    (site / MANIFEST).write_text(manifest(config), encoding="utf-8")
    addresses = precache(site)
    worker = (Path(__file__).parent / "offline.js").read_text(encoding="utf-8")
    worker = worker.replace('"__VERSION__"', json.dumps(version(site, addresses)))
    worker = worker.replace("__PRECACHE__", json.dumps(addresses, indent=2))
    worker = worker.replace("__MOVED__", json.dumps(moved(site), indent=2))
    (site / WORKER).write_text(worker, encoding="utf-8")
