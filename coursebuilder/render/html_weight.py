"""Page weight of the e-learning: each page's HTML plus the CSS and JavaScript it loads (pictures excluded).

A trust PC on a slow network, or a phone on mobile data, should get every page quickly; the budget
is 88 KB a page, uncompressed. It was 50 KB until the reviewed curriculum's six-question knowledge
checks, with kind feedback on every answer, made three pages 51-52 KB; then 60 KB until issue 21's
interactive blocks (branching scenarios, put-in-order and match-pairs questions, written answers,
self-ratings) brought their own script and styles (about 15 KB, loaded only on the pages that have
them) and longer knowledge checks took the heaviest page to 78 KB. Used by the test suite and by
benchmarks/page_weight.py.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

BUDGET = 88 * 1024  # bytes a page may weigh with the CSS and JavaScript it loads


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.files.append(values["href"])
        if tag == "script" and values.get("src"):
            self.files.append(values["src"])


def page_weight(page: Path) -> int:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    size = page.stat().st_size
    for ref in parser.files:
        asset = (page.parent / ref).resolve()
        size += asset.stat().st_size
    return size


def page_weights(html_root: Path) -> dict[str, int]:
    """Bytes per page, keyed by the page's path relative to the html/ folder."""
    return {p.relative_to(html_root).as_posix(): page_weight(p) for p in sorted(html_root.rglob("*.html"))}
