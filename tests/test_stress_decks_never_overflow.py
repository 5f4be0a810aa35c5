"""The stress fixtures' decks (material not shaped to suit the renderer: a five-column table of long
cells, long sections, quotes with their own marks, Welsh on two lines, very long web addresses) keep
every deck rule and, converted by LibreOffice, show no word outside its box or table (issue 17)."""

from __future__ import annotations

import pytest
from pptx import Presentation

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES
from .test_pptx import check_deck, convert, pdf_page_count, words_outside_boxes

pytestmark = pytest.mark.office


def test_stress_decks_keep_every_rule_and_nothing_overflows(tmp_path):
    decks = []
    for name in ("stress-sensory", "stress-words"):
        out = tmp_path / name
        build(Project.find(FIXTURES / name), formats=["pptx"], out=out)
        decks += sorted((out / "pptx").glob("*.pptx"))
    assert len(decks) == 2
    for deck in decks:
        prs = check_deck(deck)
        assert any(shape.has_table for slide in prs.slides for shape in slide.shapes), f"{deck.name}: a table"
    convert(decks, tmp_path / "pdf", tmp_path)
    for deck in decks:
        pdf = tmp_path / "pdf" / f"{deck.stem}.pdf"
        assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides), deck.name
        assert words_outside_boxes(deck, pdf) == [], deck.name
