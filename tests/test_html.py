"""First-light HTML: semantic pages with lang, one h1, ordered headings and working prev/next links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.lang = None
        self.headings: list[tuple[int, str]] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.attrs_seen: list[tuple[str, str, str]] = []
        self.rels: dict[str, str] = {}
        self._heading = None
        self.text_parts: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for name, value in attrs.items():
            self.attrs_seen.append((tag, name, value or ""))
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if attrs.get("rel") in ("prev", "next"):
                self.rels[attrs["rel"]] = attrs["href"]

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading:
            self._heading[1] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def check_page(page: Page, language: str) -> None:
    assert page.lang == language, page.path
    assert [level for level, _ in page.headings].count(1) == 1, page.path
    assert page.headings[0][0] == 1, page.path
    levels = [level for level, _ in page.headings]
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{page.path}: heading level jumps from h{before} to h{after}"
    for tag in ("main", "header", "footer"):
        assert tag in page.tags, page.path
    scripts = [value for tag, name, value in page.attrs_seen if tag == "script" and name == "src"]
    # Only our own files, no inline code: the two every page loads, and the interactive blocks' script
    # on the pages that have one of them.
    text = page.path.read_text(encoding="utf-8")
    interactive = any(mark in text for mark in ('class="block branching', 'class="block self-rating',
                                                'class="block free-response', 'data-kind="order"',
                                                'data-kind="match"'))
    names = [src.rsplit("/", 1)[-1] for src in scripts]
    assert page.tags.count("script") == len(scripts), page.path
    assert names[:2] == ["preferences-early.js", "learning.js"], page.path
    assert names[2:] in ([], ["interactive.js"]), page.path
    assert all("_theme/" in src for src in scripts), page.path
    if not interactive:
        assert names[2:] == [], f"{page.path} loads the interactive blocks' script but has none of them"
    assert not [a for a in page.attrs_seen if a[1].startswith("on")], page.path
    for href in page.links:
        if not href.startswith(("http://", "https://", "mailto:", "#")):
            assert (page.path.parent / href.split("#")[0]).is_file(), f"{page.path}: broken link {href}"


@pytest.fixture(scope="module")
def minimal_build(tmp_path_factory):
    from .conftest import FIXTURES
    import shutil

    root = tmp_path_factory.mktemp("html") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    out = root / "build"
    build(Project.find(root), out=out, formats=["html"])
    return out / "html"


def test_every_minimal_page_is_well_formed(minimal_build):
    pages = sorted(minimal_build.rglob("*.html"))
    assert len(pages) == 5  # course index, module start, two sections, summary
    for path in pages:
        check_page(Page(path), "en-GB")


def test_module_start_page_shows_what_a_learner_needs_first(minimal_build):
    page = Page(minimal_build / "demo" / "index.html")
    assert page.headings[0] == (1, "Demo module")
    text = page.text
    assert text.index("Before you start") < text.index("What you will be able to do")
    assert "This module talks about: distress." in text
    assert "You can pause or stop at any time." in text
    assert "Approved for use." in text
    assert ("Co-production: Planned the scenarios and reviewed the full draft (Peer trainers with lived "
            "experience, 1 October 2026).") in text
    assert ("Approval: Clinical lead, acute inpatient services approved the clinical content of every section "
            "on 20 October 2026.") in text
    assert "Time about 30 minutes" in text
    assert page.rels == {"next": "01-first-steps.html"}


def test_section_pages_have_blocks_and_navigation(minimal_build):
    page = Page(minimal_build / "demo" / "01-first-steps.html")
    assert page.headings[0] == (1, "First steps")
    assert page.rels == {"prev": "index.html", "next": "02-second-steps.html"}
    assert "Section 1 of 2" in page.text
    assert "Talk this through with a colleague or your supervisor." in page.text
    assert ("“It helped to be heard.” A person interviewed for the guide, quoted in A guide (Someone, 2020), p. 4."
            in page.text)  # the marks are in the text (provenance.quote_marks), as in print and on slides
    assert ("img", "alt", "A small teal square") in page.attrs_seen
    assert ("input", "type", "radio") in page.attrs_seen
    assert "FACILITATOR-ONLY-TEXT" not in page.text
    assert "If you need support" in page.text
    assert "Samaritans : Call 116 123, free, day or night" in page.text


def test_markdown_script_never_reaches_the_page(minimal_build):
    html = (minimal_build / "demo" / "01-first-steps.html").read_text(encoding="utf-8").lower()
    assert html.count("<script") == 2 and "alert(" not in html
    assert 'href="javascript' not in html


def test_course_index_lists_modules(minimal_build):
    page = Page(minimal_build / "index.html")
    assert page.headings[0] == (1, "Fixture course")
    assert "demo/index.html" in page.links
    assert "About 30 minutes" in page.text


def test_content_is_escaped(make_project, tmp_path):
    root = make_project()
    yaml_file = root / "modules" / "demo" / "module.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "title: Demo module", 'title: "<script>alert(1)</script> & more"'), encoding="utf-8")
    build(Project.find(root), out=tmp_path / "out", formats=["html"])
    html = (tmp_path / "out" / "html" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_every_bundled_page_is_well_formed(bundled_build):
    pages = sorted((bundled_build / "html").rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        check_page(Page(path), "en-GB")
