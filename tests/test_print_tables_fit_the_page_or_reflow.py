"""Tables in print (issue 17, render/pdf_tables.py): a table whose columns fit across the page is a
grid with fixed column widths; one whose columns cannot fit reflows as labelled groups, one per row,
every cell headed by its column, so nothing runs past the margin and nothing is lost. Large print has
fewer letters to a line, so it reflows sooner. Lead-in paragraphs (ending in ":") are marked so that
print keeps them with what they introduce."""

from __future__ import annotations

import re

import pytest

from coursebuilder.markdown import render_markdown
from coursebuilder.render.pdf import for_print
from coursebuilder.render.pdf_tables import fits, text_width_em

pytestmark = pytest.mark.fast

WIDE = """\
| Sense | Common triggers on the ward | What a person might notice or do | Adjustments to offer | Who can help |
|---|---|---|---|---|
| Hearing | Alarms and buzzers, keys on belts, doors banging shut, the television in the lounge. | Covers their ears, leaves the room, cannot concentrate. | Ear defenders or earplugs kept in stock; soft-close doors. | Ward manager, physiotherapist, occupational therapist (sensory assessment). |
| Taste & texture < 5 | Unfamiliar food. | | Access to familiar, "safe" foods. | Catering team, dietitian, ward pharmacist. |
"""

NARROW = """\
| Intervention | In brief |
|---|---|
| Soft Words | Taking care with words, most of all when you have to say no. |
| Talk Down | Calming a tense moment with words, time and space (de-escalation). |
"""

HANDBOOK, LARGE_PRINT = 12, 18


def printed(markdown: str, body_pt: float) -> str:
    return str(for_print(render_markdown(markdown), body_pt))


def test_a_wide_table_with_long_cells_reflows_in_every_edition():
    for size in (HANDBOOK, LARGE_PRINT):
        html = printed(WIDE, size)
        assert "<table" not in html and 'class="table-reflow"' in html
        assert html.count('<li class="table-row">') == 2


def test_each_reflowed_cell_is_headed_by_its_column_and_the_first_names_the_row():
    html = printed(WIDE, LARGE_PRINT)
    assert ('<p class="table-row-name"><strong>Sense:</strong> Hearing</p>'
            '<p><strong>Common triggers on the ward:</strong> Alarms and buzzers') in html
    assert "<strong>Who can help:</strong> Catering team, dietitian, ward pharmacist.</p>" in html


def test_an_empty_cell_is_left_out_and_markup_stays_escaped():
    html = printed(WIDE, LARGE_PRINT)
    second = html[html.index("Taste"):]
    assert "What a person might notice or do" not in second  # that row's cell is empty
    assert "Taste &amp; texture &lt; 5" in html


def test_the_reflowed_table_keeps_its_labelled_region():
    html = printed(WIDE, HANDBOOK)
    assert re.search(r'<div class="table-reflow" role="region" tabindex="0" aria-label="Table: Sense, ', html)


def test_a_table_that_fits_is_a_grid_with_column_widths_that_add_up_to_the_page():
    html = printed(NARROW, LARGE_PRINT)
    assert '<div class="table-scroll table-grid"' in html and "<thead>" in html
    widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', html)]
    assert len(widths) == 2 and abs(sum(widths) - 100) < 0.5
    assert widths[0] < widths[1]  # the short names get less room than the sentences


def test_large_print_reflows_sooner_than_the_handbook():
    columns = [["Professional", "Occupational therapist"], ["Timing", "On admission, and again at discharge"],
               ["Assessment", "Sensory preferences, in their own words"], ["Adjustment", "Ear defenders, earplugs"]]
    assert fits(columns, text_width_em(HANDBOOK))
    assert not fits(columns, text_width_em(LARGE_PRINT))


def test_a_table_without_a_header_row_is_never_reflowed_without_labels():
    html = printed("<table><tr><td>" + "word " * 40 + "</td><td>x</td><td>y</td><td>z</td><td>w</td>"
                   "<td>v</td><td>u</td></tr></table>", LARGE_PRINT)
    assert "table-reflow" not in html and "<table>" in html


def test_a_paragraph_ending_in_a_colon_is_marked_as_a_lead_in():
    html = printed("A welcome card might read:\n\n**Croeso.**\n\nSome tips, for example: ask.\n\n"
                   "**Try this:**\n\n- one\n", HANDBOOK)
    assert '<p class="lead-in">A welcome card might read:</p>' in html
    assert "<p>Some tips, for example: ask.</p>" in html
    assert '<p class="lead-in"><strong>Try this:</strong></p>' in html
