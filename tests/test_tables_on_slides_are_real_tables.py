"""A table on slides is a PowerPoint table (issue 17): a header row repeated on every slide it spans,
its rows split between slides, text at 18 pt or more, every cell on the slides themselves; a table too
wide for its columns to stand side by side becomes labelled groups, never "cell; cell; cell" lines."""

from __future__ import annotations

import pytest
from pptx import Presentation

from coursebuilder.render import pptx_fit as fit
from coursebuilder.render import pptx_table as tables
from coursebuilder.render.pptx_text import Table, cell_text, chunks

from .slides_support import project_with, sentences_and_cells, slide_texts
from .test_pptx import build_pptx, check_deck

pytestmark = pytest.mark.fast

WIDE = """\
## Common triggers and what to offer

We pin this table up in the staff room. Use it to start a conversation, not as a checklist.

| Sense | Common triggers on the ward | What a person might notice or do | Adjustments to offer | Who can help |
|---|---|---|---|---|
| Hearing | Alarms and buzzers, keys on belts, doors banging shut, the television in the lounge, trolleys at mealtimes. | Covers their ears, leaves the room, hums or talks loudly over the noise, cannot sleep. | Ear defenders kept in stock; a quieter time for meals; soft-close doors; keys carried in a pouch. | Ward manager, occupational therapist, estates team. |
| Sight | Fluorescent lights that flicker, a torch shone through the door during night checks, bright corridors at night. | Squints or shields their eyes, stays in their room with the curtains shut, wakes at every check. | Dimmable or warmer lights; an agreed way of doing night checks; an eye mask; fewer notices on one wall. | Nurse in charge, estates team, the person themselves. |
| Smell | Cleaning products, food from the kitchen, other people's toiletries, smoke on clothes. | Feels sick, will not eat in the dining room, avoids parts of the ward. | Unscented products where infection control allows; cleaning rounds at agreed times; a choice of where to eat. | Housekeeping team, catering team. |
| Touch | Scratchy bedding, hospital gowns, being touched without warning, crowded corridors. | Pulls away, sleeps on top of the covers, reacts strongly to an unexpected touch. | Ask before any touch and say what you will do; the person's own clothes and bedding where possible. | Named nurse, occupational therapist, family or carers. |

## Two columns

| Term | Meaning |
|---|---|
| Realise | Trauma is common. |
| Respond | Act on what you know. |
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return build_pptx(project_with(tmp_path_factory.mktemp("tables"), WIDE)) / "demo.pptx"


def tables_in(deck):
    """(slide title, header texts, body rows as texts) for every table in the deck."""
    found = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[cell.text_frame.text for cell in row.cells] for row in shape.table.rows]
                assert shape.table.first_row, "the first row is marked as the header row"
                found.append((slide.shapes.title.text, rows[0], rows[1:]))
    return found


def test_a_wide_table_is_a_table_with_its_header_on_every_slide(deck):
    check_deck(deck)  # includes: table text at 18 pt or more, readable on its cell's colour
    found = [t for t in tables_in(deck) if t[0].startswith("Common triggers")]
    assert found, "the five-column table is drawn as a table"
    header = ["Sense", "Common triggers on the ward", "What a person might notice or do", "Adjustments to offer",
              "Who can help"]
    assert all(h == header for _, h, _ in found), "the header row is repeated on every slide"
    senses = [row[0] for _, _, rows in found for row in rows]
    assert senses == ["Hearing", "Sight", "Smell", "Touch"], "each row once, in order"
    titles = [title for title, _, _ in found]
    assert all("(continued" in t for t in titles), "after the text before it, under the same heading"


def test_every_cell_is_on_the_slides_themselves(deck):
    _, cells = sentences_and_cells(WIDE)
    shown = " ".join(slide_texts(deck))
    assert len(cells) > 25 and [c for c in cells if c not in shown] == []


def test_a_small_table_fits_one_slide_as_a_table(deck):
    (small,) = [t for t in tables_in(deck) if t[0] == "Two columns"]
    assert small[1] == ["Term", "Meaning"] and small[2] == [["Realise", "Trauma is common."],
                                                            ["Respond", "Act on what you know."]]


def test_columns_get_the_width_their_words_need():
    (chunk,) = [c for c in chunks(WIDE) if c.heading and c.heading.startswith("Common")]
    (table,) = [p for p in chunk.pieces if isinstance(p, Table)]
    box = fit.TextBox(850, 340)
    plan = tables.plan(table, (24, 22, 20, 18), box)
    assert plan is not None and plan.size >= 18
    assert sum(plan.widths) <= box.width + 0.5
    assert plan.widths[0] < plan.widths[3], "the short Sense column is narrower than the long Adjustments one"
    for rows in plan.pages:
        assert plan.height(rows, header=True) <= box.height


def test_a_table_too_wide_for_its_columns_becomes_labelled_groups(tmp_path):
    headers = [f"Heading number {n} with words" for n in range(1, 13)]
    row = [f"Notwithstanding{n}" for n in range(1, 13)]
    body = ("## Too many columns\n\n| " + " | ".join(headers) + " |\n|" + "---|" * 12 + "\n| "
            + " | ".join(row) + " |\n")
    deck = build_pptx(project_with(tmp_path, body)) / "demo.pptx"
    check_deck(deck)
    assert not [t for t in tables_in(deck) if t[0].startswith("Too many")]
    shown = " ".join(slide_texts(deck))
    assert "Heading number 1 with words: Notwithstanding1" in shown
    assert "Heading number 12 with words: Notwithstanding12" in shown
    assert "Notwithstanding1;" not in shown, "never cells run together with semicolons"


def test_a_table_cell_keeps_its_text():
    (chunk,) = chunks("| A | B |\n|---|---|\n| one **two** | three |\n")
    (table,) = chunk.pieces
    assert isinstance(table, Table)
    assert [cell_text(c) for c in table.rows[0]] == ["one two", "three"]
