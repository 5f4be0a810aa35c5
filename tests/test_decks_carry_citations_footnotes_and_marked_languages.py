"""Issue 18 in the deck: a citation on the slide as the handbook prints it, a footnote's mark numbered
on the slide and its note in that slide's speaker notes, and a passage marked as another language
written in runs of that language, so PowerPoint's voice and spelling follow it."""

from __future__ import annotations

import re
import zipfile

import pytest
from pptx import Presentation

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .checks_support import BODY, write

pytestmark = pytest.mark.fast

TEXT = """\
Staff need time to talk [@guide, p. 4].[^time] A card says [Croeso]{lang=cy} to everyone.

{lang=cy}
Bore da i bawb.

[^time]: Time here means paid time, not a break.
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    import shutil

    from .conftest import FIXTURES

    root = tmp_path_factory.mktemp("deck") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    write(root, BODY, TEXT)
    build(Project.find(root), out=root / "out", formats=["pptx"], jobs=1)
    return root / "out" / "pptx" / "demo.pptx"


def _slide(deck, words: str):
    prs = Presentation(str(deck))
    for number, slide in enumerate(prs.slides, start=1):
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        if words in text:
            return number, slide, text
    raise AssertionError(f"no slide shows {words!r}")


def test_the_citation_is_on_the_slide_as_the_handbook_prints_it(deck):
    _, _, text = _slide(deck, "Staff need time to talk")
    assert "Staff need time to talk (Someone, 2020, p. 4).[1]" in text and "[@" not in text


def test_the_footnote_is_in_the_notes_of_the_slide_with_its_mark_and_not_on_any_slide(deck):
    _, slide, text = _slide(deck, "Staff need time to talk")
    notes = slide.notes_slide.notes_text_frame.text
    assert "Notes to the text on this slide:\n1. Time here means paid time, not a break." in notes
    prs = Presentation(str(deck))
    shown = " ".join(shape.text_frame.text for s in prs.slides for shape in s.shapes if shape.has_text_frame)
    assert "paid time" not in shown and "[^" not in shown


def test_marked_words_and_paragraphs_are_runs_in_their_language(deck):
    number, _, _ = _slide(deck, "Croeso")
    with zipfile.ZipFile(deck) as package:
        xml = package.read(f"ppt/slides/slide{number}.xml").decode("utf-8")
    runs = dict((text, lang) for lang, text in re.findall(r'<a:rPr lang="([^"]+)"[^>]*>.*?<a:t>([^<]*)</a:t>', xml))
    assert runs["Croeso"] == "cy" and runs["Bore da i bawb."] == "cy"
    assert runs[" to everyone."] == "en-GB"
