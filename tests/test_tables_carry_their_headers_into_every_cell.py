"""Markdown tables: a labelled, keyboard-reachable scroll region around each table (so a wide table
scrolls on its own on a phone), header cells scoped to their column, and each data cell labelled
with its column's header (so print can reflow a row as labelled lines)."""

from __future__ import annotations

import re

import pytest

from coursebuilder.markdown import render_markdown

pytestmark = pytest.mark.fast

WIDE = """\
| Sense | Common triggers on a ward | Adjustments to offer |
|---|---|:-:|
| Hearing | Alarms, keys, doors banging at night & "quiet" hours that are not quiet | Ear defenders; a quieter room |
| Touch | Being held; | |
"""


def test_a_table_sits_in_a_labelled_focusable_region_named_by_its_headers():
    html = render_markdown(WIDE)
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" '
                           'aria-label="Table: Sense, Common triggers on a ward, Adjustments to offer">')
    assert html.rstrip().endswith("</table>\n</div>")


def test_header_cells_are_scoped_to_their_column():
    assert re.findall(r"<th\b[^>]*>", render_markdown(WIDE)) == ['<th scope="col">'] * 3


def test_each_cell_is_labelled_with_its_columns_header_even_when_empty():
    labels = re.findall(r'<td data-label="([^"]*)">', render_markdown(WIDE))
    assert labels == ["Sense", "Common triggers on a ward", "Adjustments to offer"] * 2


def test_markup_in_a_header_is_left_out_of_the_labels_and_quotes_are_escaped():
    html = render_markdown('| **Who** "helps" | `code` |\n|---|---|\n| a | b |\n')
    assert 'aria-label="Table: Who &quot;helps&quot;, code"' in html
    assert '<td data-label="Who &quot;helps&quot;">a</td>' in html


@pytest.mark.parametrize("raw", [
    '<div class="evil" role="button" tabindex="5" onclick="alert(1)">hi</div>',
    '<div aria-label="x" style="position:fixed">hi</div>',
])
def test_an_authors_own_div_is_removed_so_only_tables_get_a_region(raw):
    assert str(render_markdown(raw)) == "<p>hi</p>" or "<div" not in render_markdown(raw)


def test_an_authors_raw_html_table_gets_the_same_region_and_keeps_only_a_safe_label():
    html = str(render_markdown('<table aria-label="Shifts &quot;&lt;b&gt;" onclick="x()"><tr><td>Early</td></tr></table>'))
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="Shifts &quot;&lt;b&gt;">')
    assert "onclick" not in html and html.count("<div") == 1 and html.rstrip().endswith("</div>")
