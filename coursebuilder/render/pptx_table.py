"""Tables on slides: a real PowerPoint table with a header row, its rows split over slides with the
header repeated, its text never below the slide floor (18 pt); or, when the columns cannot fit side
by side at that size, each row reflowed as a labelled group ("Sense: Hearing", then "Common
triggers: …" for each other column), which the renderer lays out as ordinary slide text.

Column widths follow the text, as a browser lays out a table: each column at least as wide as its
longest word, the rest of the width shared by how much text each column has. Row heights are
measured with the same font metrics as all slide text (pptx_fit), so rows never grow past the box.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import pptx_fit as fit
from .pptx_style import Palette
from .pptx_text import Para, Span, Table, cell_text, split_words

if TYPE_CHECKING:
    from .pptx_shapes import Type

EMU_PER_PT = 12700

CELL_X = 6.0  # points of space left and right of a cell's text
CELL_Y = 4.0  # points above and below it
ROW_SLACK = 2.0  # points added to every measured row, for rounding in the applications
SHARE_STEPS = 40  # the spare width of a table is given to its columns in this many steps


@dataclass(frozen=True)
class TablePlan:
    size: float
    widths: tuple[float, ...]  # each column, in points
    heights: tuple[float, ...]  # the header row (if any) and then every row, in points
    pages: tuple[tuple[int, ...], ...]  # the rows (by index into table.rows) each slide shows

    def height(self, rows: tuple[int, ...], header: bool) -> float:
        offset = 1 if header else 0
        return (self.heights[0] if header else 0) + sum(self.heights[offset + r] for r in rows)


def _cells(table: Table) -> list[list[list[Span]]]:
    """Every row (the header first, when there is one) padded to the table's columns, as drawn: header
    cells in bold, and with `{.row-headers}` the first cell of every row."""
    rows = ([[_bold(c) for c in table.header]] if table.header else []) + \
        [[_bold(c) if n == 0 and table.row_headers else c for n, c in enumerate(row)] for row in table.rows]
    return [row + [[] for _ in range(table.columns - len(row))] for row in rows]


def _bold(cell: list[Span]) -> list[Span]:
    return [replace(s, bold=True) for s in cell]


def plan(table: Table, sizes: tuple[int, ...], box: fit.TextBox) -> TablePlan | None:
    """The table at the largest of `sizes` that needs no more slides than the smallest does, or None
    when even at the smallest size a column cannot hold its longest word or a row cannot fit a slide."""
    found = [p for p in (_plan_at(table, size, box) for size in sizes) if p is not None]
    if not found:
        return None
    fewest = min(len(p.pages) for p in found)
    return next(p for p in found if len(p.pages) <= fewest)


def _plan_at(table: Table, size: float, box: fit.TextBox) -> TablePlan | None:
    shown = _cells(table)
    header = bool(table.header)
    least, natural = [], []
    for column in range(table.columns):
        cells = [row[column] for row in shown]
        words = [w for cell in cells for w in split_words(cell)]
        least.append(max([fit.text_width(w.text.rstrip(), size, bold=w.bold, mono=w.code) for w in words] or [0])
                     + 2 * CELL_X + 1)
        natural.append(max(sum(fit.text_width(s.text, size, bold=s.bold, mono=s.code) for s in cell)
                           for cell in cells) + 2 * CELL_X + 1)
    if sum(least) > box.width:
        return None
    widths = [n * box.width / sum(natural) for n in natural]
    if sum(natural) > box.width:
        floor = _narrowest(shown, least, natural, box, size, header)
        if floor is None:
            return None
        # The spare width shared in a few ways; the one that needs the fewest slides, then the least height.
        spare = box.width - sum(floor)
        texts = [sum(sum(fit.text_width(s.text, size, bold=s.bold, mono=s.code) for s in row[c]) for row in shown)
                 for c in range(table.columns)]
        candidates = [_share(shown, floor, natural, box.width, size)]
        for weights in ([max(0.0, n - f) for n, f in zip(natural, floor)], texts):
            if sum(weights) > 0:
                candidates.append([f + spare * w / sum(weights) for f, w in zip(floor, weights)])
        plans = [p for p in (_paged(size, w, _heights(shown, w, size), header, box) for w in candidates) if p]
        return min(plans, key=lambda p: (len(p.pages), sum(p.heights))) if plans else None
    return _paged(size, widths, _heights(shown, widths, size), header, box)


def _paged(size: float, widths: list[float], heights: list[float], header: bool, box: fit.TextBox) -> TablePlan | None:
    """The rows shared out over slides, as many on each as fit under the header; None if a row never fits."""
    room = box.height - (heights[0] if header else 0)
    body = heights[1:] if header else heights
    if any(h > room for h in body):
        return None
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, h in enumerate(body):
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(index)
        used += h
    return TablePlan(size, tuple(widths), tuple(heights), tuple(tuple(p) for p in pages))


def _heights(rows: list[list[list[Span]]], widths: list[float], size: float) -> list[float]:
    return [max(_lines_within(cell, w, size) for cell, w in zip(row, widths)) * fit.line_height(size)
            + 2 * CELL_Y + ROW_SLACK for row in rows]


def _lines_within(cell: list[Span], width: float, size: float) -> int:
    return fit.para_lines(Para(cell, None), size, fit.TextBox(width - 2 * CELL_X, 1)) if cell_text(cell) else 1


def _width_for(cell: list[Span], lines: int, size: float, low: float, high: float) -> float | None:
    """About the least width (within 1 pt) at which the cell wraps into `lines` lines or fewer."""
    if _lines_within(cell, high, size) > lines:
        return None
    while high - low > 1:
        middle = (low + high) / 2
        low, high = (low, middle) if _lines_within(cell, middle, size) <= lines else (middle, high)
    return high


def _narrowest(rows: list[list[list[Span]]], least: list[float], natural: list[float], box: fit.TextBox,
               size: float, header: bool) -> list[float] | None:
    """The narrowest column widths at which the header and the tallest row fit one slide together: for
    each number of header lines, the rows get the lines left and each column the width its cells need."""
    pitch = fit.line_height(size)
    spare = 2 * CELL_Y + ROW_SLACK
    for header_lines in range(1, 8) if header else [0]:
        above = header_lines * pitch + spare if header else 0
        row_lines = int((box.height - above - spare) // pitch)
        if row_lines < 1:
            return None
        widths = []
        for column in range(len(least)):
            needs = [_width_for(row[column], header_lines if header and n == 0 else row_lines, size,
                                least[column], max(natural[column], least[column]))
                     for n, row in enumerate(rows)]
            if any(need is None for need in needs):
                break
            widths.append(max([least[column], *(need for need in needs if need is not None)]))
        if len(widths) == len(least) and sum(widths) <= box.width:
            return widths
    return None


def _share(rows: list[list[list[Span]]], floor: list[float], natural: list[float], width: float,
           size: float) -> list[float]:
    """The spare width beyond `floor`, given out a step at a time to the column where it shortens the
    table most (to the column with most text still unwrapped, on a tie)."""
    widths = list(floor)
    step = (width - sum(floor)) / SHARE_STEPS
    for _ in range(SHARE_STEPS):
        best = None
        for column in range(len(widths)):
            if widths[column] >= natural[column]:
                continue
            trial = list(widths)
            trial[column] += step
            key = (sum(_heights(rows, trial, size)), -(natural[column] - widths[column]))
            if best is None or key < best[0]:
                best = (key, trial)
        if best is None:
            break
        widths = best[1]
    spare = width - sum(widths)
    return [w + spare / len(widths) for w in widths] if spare > 0 else widths


def draw(slide, table: Table, rows: tuple[int, ...], table_plan: TablePlan, area: tuple[int, int, int],
         palette: Palette, face: Type, name: str) -> None:
    """The header and `rows` of the table as a PowerPoint table at (left, top, width) in EMU."""
    # python-pptx only here: `check` plans tables (through pptx_pages) without loading it.
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu, Pt

    from . import pptx_shapes as shapes

    left, top, _ = area
    header = bool(table.header)
    shown = ([table.header] if header else []) + [table.rows[r] for r in rows]
    heights = ([table_plan.heights[0]] if header else []) + \
        [table_plan.heights[(1 if header else 0) + r] for r in rows]
    emu = EMU_PER_PT
    widths = [round(w * emu) for w in table_plan.widths]
    frame = slide.shapes.add_table(len(shown), table.columns, Emu(left), Emu(top), Emu(sum(widths)),
                                   Emu(round(sum(heights) * emu)))
    frame.name = name
    grid = frame.table
    grid.first_row = header
    grid.first_col = table.row_headers  # {.row-headers}: the first column names each row
    grid.horz_banding = False
    grid.vert_banding = False
    for n, width in enumerate(widths):
        grid.columns[n].width = Emu(width)
    c = palette.tokens.colours
    for r, (row, h) in enumerate(zip(shown, heights)):
        grid.rows[r].height = Emu(round(h * emu))
        is_header = header and r == 0
        fill = c.primary if is_header else (c.background if (r - header) % 2 == 0 else c.surface)
        ink = palette.ink(fill, strong=is_header)
        for column in range(table.columns):
            cell = grid.cell(r, column)
            spans = row[column] if column < len(row) else []
            cell.fill.solid()
            cell.fill.fore_color.rgb = shapes.rgb(fill)
            cell.margin_left = cell.margin_right = Pt(CELL_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_Y)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            strong = is_header or (table.row_headers and column == 0)
            shapes.paragraphs(cell, [Para(_bold(spans) if strong else spans, None)] if spans else [],
                              table_plan.size, ink, face)
