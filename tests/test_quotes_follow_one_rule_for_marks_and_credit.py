"""One rule for a quote's quotation marks and credit, in every format (issue 17): marks are added only
when the author's words do not bring their own, so none is ever doubled; the credit is one sentence
on its own line, never joined to other words and never used as a slide title."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.provenance import ILLUSTRATIVE, in_quote_marks, quote_marks

from .slides_support import project_with, squeeze
from .test_pptx import build_pptx, check_deck

pytestmark = pytest.mark.fast

OWN_MARKS = "“I was frightened, and nobody told me what would happen next.”"
NO_MARKS = "It helped to be heard."
BLOCKS = f"""\
      - type: quote
        text: "{OWN_MARKS}"
        source: guide
        attribution: A person who stayed on an acute ward, interviewed for the guide about their first night
        page: p. 4
      - type: quote
        text: {NO_MARKS}
        illustrative: true
"""


@pytest.mark.parametrize("text, marks", [
    ("Words without marks.", ("“", "”")),
    ("“Words with their own marks.”", ("", "")),
    ('"Straight marks too."', ("", "")),
    ("‘Single marks.’", ("", "")),
    ("“Marks, then a full stop”.", ("", "")),
    ("“I was scared,” she said.", ("“", "”")),  # opens with a mark but is not wholly a quotation
    ("“", ("“", "”")),
])
def test_marks_are_added_only_when_the_words_do_not_bring_their_own(text, marks):
    assert quote_marks(text) == marks


def test_marks_go_inside_the_first_and_last_paragraph_of_rendered_markdown():
    assert in_quote_marks("<p>One.</p>\n<p>Two.</p>", "One.\n\nTwo.") == "<p>“One.</p>\n<p>Two.”</p>"
    assert in_quote_marks("<p>“Own.”</p>", "“Own.”") == "<p>“Own.”</p>"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return project_with(tmp_path_factory.mktemp("quotes"), "Some words.\n", blocks=BLOCKS)


def test_a_quote_slide_never_doubles_marks_or_takes_its_credit_as_title(root):
    deck = build_pptx(root) / "demo.pptx"
    check_deck(deck)
    quotes = [s for s in Presentation(str(deck)).slides if s.slide_layout.name == "Quote"]
    texts = {s.shapes.title.text: " ".join(sh.text_frame.text for sh in s.shapes
                                           if sh.has_text_frame and sh != s.shapes.title) for s in quotes}
    everything = " ".join(texts.values())
    assert OWN_MARKS in everything and "““" not in everything and "””" not in everything
    assert f"“{NO_MARKS}”" in everything
    assert "A person who stayed on an acute ward, interviewed for the guide about their first night, quoted in" \
        in everything, "the credit in full, never shortened"
    assert not [t for t in texts if "interviewed" in t or t.endswith("…")], "the credit is never a title"
    assert ILLUSTRATIVE in everything


def test_every_format_shows_the_same_marks_and_credit(root):
    out = root / "out"
    build(Project.find(root), formats=["html"], out=out)
    page = " ".join(p.read_text(encoding="utf-8") for p in (out / "html").rglob("*.html"))
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>\s*<figcaption>(.*?)</figcaption>", page, re.S)
    shown = [(squeeze(re.sub(r"<[^>]+>", "", q)), squeeze(c)) for q, c in quotes]
    assert (OWN_MARKS, "A person who stayed on an acute ward, interviewed for the guide about their first night, "
            "quoted in A guide (Someone, 2020), p. 4.") in [(q.replace("&quot;", '"'), c) for q, c in shown]
    assert (f"“{NO_MARKS}”", ILLUSTRATIVE) in shown


def test_the_print_and_e_learning_templates_use_the_rule():
    from .conftest import REPO

    for template in ("templates/_blocks.html", "print/_blocks.html"):
        macro = (REPO / "themes" / "default" / template).read_text(encoding="utf-8")
        assert "|in_quote_marks(block.text)" in macro and "quote_credit(block, " in macro, template
