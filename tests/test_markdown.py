"""Markdown goes through CommonMark and an allowlist sanitiser: no script reaches output."""

from __future__ import annotations

import re

import pytest

from coursebuilder.markdown import find_images, render_markdown


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "Text <script src=x.js></script> more",
    '<img src="x.png" onerror="alert(1)">',
    '<p onclick="alert(1)">Hi</p>',
    "[link](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">link</a>',
    "<iframe src=https://example.org></iframe>",
    "<object data=x></object>",
    '<form action="https://example.org"><input name=a></form>',
    '<meta http-equiv="refresh" content="0;url=https://example.org">',
    "<style>body{display:none}</style>",
    '<span style="background:url(https://example.org/x)">x</span>',
])
def test_dangerous_html_never_survives(source):
    html = str(render_markdown(source))
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "<iframe", "<object", "<form", "<input", "<meta", "<style",
                "style=", "url(https://example.org/x)"):
        assert bad not in lowered, (source, html)
    for href in re.findall(r'(?:href|src)="([^"]*)"', lowered):
        assert href.startswith(("http://", "https://", "mailto:")) or ":" not in href, (source, html)


def test_safe_markdown_is_kept():
    html = str(render_markdown("## Heading\n\nSome **bold** and a [link](https://example.org).\n\n- one\n- two"))
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html


def test_headings_never_reach_h1_and_can_be_shifted():
    assert "<h2>Top</h2>" in str(render_markdown("# Top"))
    assert "<h3>Sub</h3>" in str(render_markdown("## Sub", heading_shift=1))


def test_tables_render_with_headers():
    html = str(render_markdown("| A | B |\n|---|---|\n| 1 | 2 |"))
    assert '<th scope="col">A</th>' in html and '<td data-label="B">2</td>' in html


def test_pictures_are_rewritten_or_dropped():
    text = "![Ward](images/ward.png) ![Other](other.png)"
    html = str(render_markdown(text, image_url=lambda src: "x/ward.png" if src == "images/ward.png" else None))
    assert '<img src="x/ward.png" alt="Ward">' in html
    assert "other.png" not in html


def test_raw_img_tags_never_keep_an_address():
    html = str(render_markdown('<img src="https://example.org/track.png" alt="x"> and <img src=images/a.png>',
                               image_url=lambda src: "images/a.png"))
    assert "example.org" not in html and "src=" not in html


def test_find_images_gives_line_and_column():
    refs = find_images("Intro.\n\nA picture: ![Ward](images/ward%20one.png)\n")
    assert [(r.src, r.line, r.column) for r in refs] == [("images/ward one.png", 3, 20)]


