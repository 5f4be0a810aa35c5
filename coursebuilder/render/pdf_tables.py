"""Tables in print: every cell on the page, never clipped at the margin.

A table whose columns fit side by side on the page is printed as a grid with fixed column widths
(`table-layout: fixed` in print.css), each column as wide as its words need: a long word or web
address wraps inside its cell. A table whose columns cannot each hold their longest word (and a
readable line of at least MIN_LINE letters) side by side reflows instead: each row becomes a labelled
group, one cell under the other, each starting with its column's header ("Common triggers on the
ward: Alarms and buzzers, …"). The groups are a list, one item per row, and the labels are real text
(not generated content), so a screen reader and the PDF's text say the same as the page. The large
print edition has fewer letters to a line, so the same table may be a grid in the handbook and
labelled groups in large print.
"""

from __future__ import annotations

import html as html_lib
import re

from markupsafe import Markup

# The text area of an A4 page, less print.css's page margins (@page: 24mm 24mm 22mm 24mm).
A4_TEXT_WIDTH_PT = (210 - 24 - 24) * 72 / 25.4
PAGE_TEXT_HEIGHT_PT = (297 - 24 - 22) * 72 / 25.4
LETTER_EM = 0.6  # the width of an average letter of the body font (Verdana, DejaVu Sans), in em
CELL_PADDING_EM = 1.2  # a cell's left and right padding and borders, in em
MIN_LINE = 10  # letters: a column narrower than this is too narrow to read
LONGEST_WORD = 24  # letters: a longer word (a web address) wraps anywhere, so asks no more room

_REGION = re.compile(r'<div class="table-scroll"(?P<attrs>[^>]*)>\s*<table>(?P<table>.*?)</table>\s*</div>', re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b[^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CAPTION = re.compile(r"\s*<caption>(.*?)</caption>", re.S)


def text_width_em(body_pt: float) -> float:
    """How many em of body text fit across the text area of an A4 page."""
    return A4_TEXT_WIDTH_PT / body_pt


def _text(cell_html: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub(" ", cell_html)).split())


def _rows(table: str) -> list[list[tuple[str, str]]]:
    """Each row's cells as (th or td, inner HTML), from a table's HTML."""
    return [_CELL.findall(row) for row in _ROW.findall(table)]


def _columns(rows: list[list[tuple[str, str]]]) -> list[list[str]]:
    """The text of each column's cells (header included)."""
    columns: list[list[str]] = []
    for row in rows:
        for index, (_, cell) in enumerate(row):
            while len(columns) <= index:
                columns.append([])
            columns[index].append(_text(cell))
    return columns


def _groups(rows: list[list[tuple[str, str]]]) -> str:
    """A table as labelled groups: a list with one item per body row, each cell a paragraph that
    starts with its column's header. The first cell names the row and is printed as its title."""
    headers = [_text(cell) for _, cell in rows[0]]
    items = []
    for row in rows[1:]:
        lines = []
        for index, (_, cell) in enumerate(row):
            if not _text(cell):
                continue  # an empty cell says nothing
            label = headers[index] if index < len(headers) else ""
            lead = f"<strong>{html_lib.escape(label, quote=False)}:</strong> " if label else ""
            name = ' class="table-row-name"' if index == 0 else ""
            lines.append(f"<p{name}>{lead}{cell.strip()}</p>")
        items.append('<li class="table-row">' + "".join(lines) + "</li>")
    return '<ul class="table-rows">\n' + "\n".join(items) + "\n</ul>"


def column_letters(cells: list[str]) -> int:
    """The letters a column needs on a line: its longest word, or a readable line if its cells are
    longer than that, whichever is more (a column of short values needs only their length)."""
    longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
    longest_cell = max((len(cell) for cell in cells), default=1)
    return max(min(longest_word, LONGEST_WORD), min(longest_cell, MIN_LINE))


def fits(columns: list[list[str]], width_em: float) -> bool:
    needed = sum(column_letters(cells) * LETTER_EM + CELL_PADDING_EM for cells in columns)
    return needed <= width_em


def _widths(columns: list[list[str]]) -> list[float]:
    """Each column's share of the width, in per cent: what its words need, and more for long text."""
    weights = []
    for cells in columns:
        longest_cell = max((len(cell) for cell in cells), default=1)
        weights.append(max(column_letters(cells), min(longest_cell, 40)))
    total = sum(weights)
    return [100 * weight / total for weight in weights]


def print_tables(html: Markup, width_em: float) -> Markup:
    """The tables in rendered Markdown, each marked to print as a grid (with its column widths) or,
    when its columns cannot fit across `width_em`, as labelled groups."""
    if "table-scroll" not in html:
        return html

    def mark(match: re.Match) -> str:
        table, attrs = match.group("table"), match.group("attrs")
        caption = _CAPTION.match(table)
        if caption:
            table = table[caption.end():]
        rows = _rows(table)
        columns = _columns(rows)
        # A table whose first row is not all headers has no labels to reflow with.
        labelled = len(rows) > 1 and all(kind == "th" for kind, _ in rows[0]) and any(_text(c) for _, c in rows[0])
        if columns and labelled and not fits(columns, width_em):
            title = f'<p class="table-caption">{caption[1]}</p>\n' if caption else ""
            return f'<div class="table-reflow"{attrs}>\n{title}{_groups(rows)}\n</div>'
        cols = "".join(f'<col style="width: {width:.1f}%">' for width in _widths(columns))
        title = f"<caption>{caption[1]}</caption>" if caption else ""
        return (f'<div class="table-scroll table-grid"{attrs}>\n<table>{title}<colgroup>{cols}</colgroup>{table}'
                '</table>\n</div>')

    return Markup(_REGION.sub(mark, str(html)))
