"""The README is a front door: short (at most 6,000 characters), every file it links to exists,
and it sends authors to CONTRIBUTING.md and maintainers to MAINTAINERS.md, which hold their
guides. Its set-up names the same system packages that CI installs."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

README_LIMIT = 6_000
GUIDES = ("README.md", "CONTRIBUTING.md", "MAINTAINERS.md")
AUTHOR_SECTIONS = (
    "Add a page",
    "Add a figure",
    "Cite",
    "Add a reference",
    "Rename a page",
    "What bad input looks like",
    "Review protocol",
)
MAINTAINER_SECTIONS = ("How the build works", "Dependencies", "If the stack moves", "Publishing", "Performance")

# [text](target) outside code; a target with a scheme (https:, mailto:) leaves the repository.
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.S | re.M)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    text = heading.replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    return {github_anchor(h) for h in HEADING.findall(CODE.sub("", markdown))}


def broken_links(path: Path) -> list[str]:
    """Every link of a Markdown file to a file that does not exist, or to a heading it lacks."""
    text = path.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(CODE.sub("", text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue
        name, _, anchor = target.partition("#")
        linked = (path.parent / name) if name else path
        if not linked.exists():
            broken.append(f"{path.name}: {target} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{path.name}: {target} (no such heading)")
    return broken


def headings(name: str) -> list[str]:
    return HEADING.findall(CODE.sub("", (ROOT / name).read_text(encoding="utf-8")))


def apt_packages(text: str) -> set[str]:
    packages: set[str] = set()
    for line in re.findall(r"apt-get install ([^\n`|&;]*)", text):
        packages.update(word for word in line.split() if not word.startswith("-"))
    return packages


def test_the_checker_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "GUIDE.md").write_text("# A guide\n\n## What bad input looks like\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text(
        "[ok](GUIDE.md#what-bad-input-looks-like) [gone](GONE.md) [bad](GUIDE.md#nope) "
        "[web](https://example.org/x.md) `[code](NOT-A-LINK.md)` [self](#a-readme)\n\n# A README\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["README.md: GONE.md (no such file)", "README.md: GUIDE.md#nope (no such heading)"]


def test_the_readme_is_at_most_6000_characters() -> None:
    length = len((ROOT / "README.md").read_text(encoding="utf-8"))
    assert length <= README_LIMIT, f"README.md has {length:,} characters; move detail to CONTRIBUTING.md or MAINTAINERS.md"


def test_every_file_the_guides_link_to_exists() -> None:
    assert [name for name in GUIDES if not (ROOT / name).is_file()] == []
    assert [broken for name in GUIDES for broken in broken_links(ROOT / name)] == []


def test_the_readme_sends_authors_and_maintainers_to_their_guides() -> None:
    targets = {target.partition("#")[0] for target in LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))}
    assert {"CONTRIBUTING.md", "MAINTAINERS.md"} <= targets


def test_contributing_holds_the_authors_guide() -> None:
    missing = [section for section in AUTHOR_SECTIONS if section not in headings("CONTRIBUTING.md")]
    assert missing == [], f"CONTRIBUTING.md has no section {missing}"


def test_maintainers_holds_the_maintainers_matters() -> None:
    missing = [section for section in MAINTAINER_SECTIONS if section not in headings("MAINTAINERS.md")]
    assert missing == [], f"MAINTAINERS.md has no section {missing}"


def test_the_readme_names_the_system_packages_that_ci_installs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    named = apt_packages(setup)
    assert "Node.js and npm" in setup
    assert named | {"nodejs", "npm"} == apt_packages(ci), "README.md's set-up and .ci/run install different packages"
