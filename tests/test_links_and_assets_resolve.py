"""A crawl of the served site, from the home page, finds no broken internal link, anchor, image
or asset; every external link is https, and a link that opens a new tab carries rel=noopener."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html as lxml_html

REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "use": "href"}
CSS_URL = re.compile(r"url\((?!['\"]?data:)['\"]?([^'\")]+)")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as e:
        return e.code, "", b""


def test_crawl_finds_no_broken_link_anchor_or_asset(served_site: str) -> None:
    queue, seen = [served_site], set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, id)
    external: list[tuple[str, str, str]] = []  # (from page, url, rel) for target=_blank links too
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: HTTP {status}")
            continue
        found: list[str] = []
        if kind == "text/html":
            tree = lxml_html.fromstring(body)
            ids[url] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
            for tag, attribute in REFERENCES.items():
                for element in tree.iter(tag):
                    value = element.get(attribute) or element.get("{http://www.w3.org/1999/xlink}href")
                    if not value or value.startswith(("mailto:", "data:")):
                        continue
                    target = urljoin(url, value)
                    if element.get("target") == "_blank" and "noopener" not in (element.get("rel") or "").split():
                        broken.append(f"{url}: {value} opens a new tab without rel=noopener")
                    if not target.startswith(served_site):
                        external.append((url, target, element.get("rel") or ""))
                        continue
                    page, fragment = urldefrag(target)
                    if fragment:
                        fragments.append((url, page, fragment))
                    found.append(page)
        elif kind == "text/css":
            found += [urljoin(url, m) for m in CSS_URL.findall(body.decode("utf-8"))]
        queue += [u for u in found if u not in seen]

    for source, page, fragment in fragments:
        if page in ids and fragment not in ids[page]:
            broken.append(f"{source}: #{fragment} is not an id on {page}")
    for source, target, _ in external:
        if urlsplit(target).scheme != "https":
            broken.append(f"{source}: external link {target} is not https")
    assert not broken, "\n".join(broken)
    # The crawl reached every page and the assets they load.
    assert {served_site + p for p in ["car-t-failure/", "teaching-links/", "about/"]} <= seen
    assert any(u.endswith(".png") and "/assets/qr/" in u for u in seen)
    assert any(u.endswith(".js") for u in seen) and any(u.endswith(".css") for u in seen)
    assert len(external) > 10, "the crawl should have met the DOI links"
