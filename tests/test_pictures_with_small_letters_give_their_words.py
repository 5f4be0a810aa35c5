"""A picture that says how large its letters are drawn (`text_px`) gives its words as text wherever they
would come out too small to read: printed under it in a handbook ("The picture in words", with the alt
text), on a slide of their own after it in the deck; `coursebuilder check` says where, as information.
A picture with letters large enough, or that does not say, is shown as before."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image as PILImage

from coursebuilder.model import Image
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.picture_text import in_print, on_slides

from .checks_support import MODULE, edit, findings
from .conftest import FIXTURES, require_tool

pytestmark = pytest.mark.fast

ALT = "Three stages in a row: notice the trigger, offer a choice, check in afterwards."


def test_a_1600_pixel_diagram_with_24_pixel_letters_is_too_small_everywhere_but_the_e_learning():
    block = Image(type="image", src="d.png", alt=ALT, text_px=24)
    handbook = in_print(block, (1600, 900), 12, large_print=False)
    large = in_print(block, (1600, 900), 18, large_print=True)
    slides = on_slides(block, (1600, 900))
    assert handbook is not None and large is not None and slides is not None
    assert 6 < handbook.letters_pt < 7 and handbook.too_small
    assert 6 < large.letters_pt < 7 and large.least_pt == 18 and large.too_small
    assert 9 < slides.letters_pt < 10 and slides.too_small
    # Drawn twice as large, the letters are fine on paper and on slides, though not in large print.
    big = Image(type="image", src="d.png", alt=ALT, text_px=48)
    assert not in_print(big, (1600, 900), 12, large_print=False).too_small  # type: ignore[union-attr]
    assert in_print(big, (1600, 900), 18, large_print=True).too_small  # type: ignore[union-attr]
    assert not on_slides(big, (1600, 900)).too_small  # type: ignore[union-attr]
    assert in_print(Image(type="image", src="d.png", alt=ALT), (1600, 900), 12, large_print=False) is None


def _project(tmp_path_factory, text_px: int):
    root = tmp_path_factory.mktemp(f"letters{text_px}") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    PILImage.new("RGB", (1600, 900), "#fbf8f1").save(root / "modules" / "demo" / "images" / "stages.png")
    edit(root, MODULE, "- {type: image, src: images/dot.png, alt: A small teal square}",
         f'- {{type: image, title: Three stages, src: images/stages.png, text_px: {text_px}, alt: "{ALT}"}}')
    build(Project.find(root), out=root / "out", formats=["pdf", "pptx"], jobs=1)
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return _project(tmp_path_factory, 24)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return _project(tmp_path_factory, 48)


def _text(pdf) -> str:
    out = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_every_handbook_prints_the_words_of_a_picture_whose_letters_are_too_small(small):
    for name in ("demo-handbook.pdf", "demo-facilitator-guide.pdf", "demo-large-print.pdf", "course-handbook.pdf"):
        text = _text(small / "out" / "pdf" / name)
        assert f"The picture in words {ALT}" in text, name


def test_large_letters_need_no_words_except_in_large_print(large):
    for name in ("demo-handbook.pdf", "demo-facilitator-guide.pdf"):
        assert "The picture in words" not in _text(large / "out" / "pdf" / name), name
    assert f"The picture in words {ALT}" in _text(large / "out" / "pdf" / "demo-large-print.pdf")


def test_the_deck_follows_the_picture_with_its_words_only_when_they_are_too_small(small, large):
    from pptx import Presentation

    def titles(root):
        deck = Presentation(str(root / "out" / "pptx" / "demo.pptx"))
        return {s.shapes.title.text_frame.text: s for s in deck.slides if s.shapes.title is not None}

    shown = titles(small)
    words = shown["Three stages: in words"]
    assert ALT in " ".join(sh.text_frame.text for sh in words.shapes if sh.has_text_frame)
    order = list(shown)
    assert order.index("Three stages: in words") == order.index("Three stages") + 1
    assert "Three stages: in words" not in titles(large)


def test_check_says_where_the_letters_are_too_small_as_information(make_project):
    root = make_project("minimal")
    PILImage.new("RGB", (1600, 900), "#fbf8f1").save(root / "modules" / "demo" / "images" / "stages.png")
    edit(root, MODULE, "- {type: image, src: images/dot.png, alt: A small teal square}",
         f'- {{type: image, src: images/stages.png, text_px: 24, alt: "{ALT}"}}')
    [found] = findings(root, "picture-text-small")
    assert (found.file, found.line, found.severity) == (MODULE, 35, "info")
    assert found.message.startswith("the smallest letters in images/stages.png come out at 6.5 pt in the handbooks")
    assert found.hint == "to make the picture itself readable everywhere, draw its smallest letters at 69 px or more"
    edit(root, MODULE, "text_px: 24", "text_px: 48")
    [found] = findings(root, "picture-text-small")
    assert "in the handbooks" not in found.message and "in the large print handbook" in found.message
