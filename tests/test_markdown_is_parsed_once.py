"""A Markdown text is parsed once into one tree with source positions, which the e-learning, print, decks
and checks all read; rendering never changes the shared tree, so one format cannot disturb another."""

from __future__ import annotations

from coursebuilder.checks.prose import markdown_text
from coursebuilder.checks.text import FileLocator
from coursebuilder.markdown import parse, render_markdown
from coursebuilder.render.pptx_text import chunks

TEXT = "# Title\n\n## Part\n\nSome words.\n\n![A dot](images/dot.png) and more.\n"


def test_every_reader_gets_the_same_tree_with_source_lines():
    first, second = parse(TEXT), parse(TEXT)
    assert all(a is b for a, b in zip(first, second)) and len(first) == len(second)
    assert [t.map for t in first if t.type == "heading_open"] == [[0, 1], [2, 3]]


def test_rendering_with_a_heading_shift_and_pictures_leaves_the_tree_as_it_was():
    before = [(t.type, t.tag, t.map, [(c.type, dict(c.attrs)) for c in t.children or []]) for t in parse(TEXT)]
    shifted = render_markdown(TEXT, heading_shift=2, image_url=lambda src: f"../pictures/{src}")
    assert "<h3>Title</h3>" in shifted and '<img src="../pictures/images/dot.png" alt="A dot">' in shifted
    dropped = render_markdown(TEXT)
    assert "<h2>Title</h2>" in dropped and "<img" not in dropped
    after = [(t.type, t.tag, t.map, [(c.type, dict(c.attrs)) for c in t.children or []]) for t in parse(TEXT)]
    assert after == before
    # the other readers still see the author's own headings and picture
    assert [c.heading for c in chunks(TEXT)] == ["Title", "Part"]
    assert markdown_text("x.md", TEXT, FileLocator(TEXT)).pictures[0].src == "images/dot.png"
