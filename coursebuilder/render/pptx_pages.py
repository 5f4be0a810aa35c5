"""How many slides each planned slide needs: its text measured at the sizes it may take and split onto
continuation slides when long, a table planned by rows (pptx_table). The renderer uses it with its
template's boxes; `check` uses it with coursebuilder's own template to see how far a section's text
runs on (checks/slides.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..load import LoadedModule
from ..model import Section
from . import pptx_fit as fit
from . import pptx_layouts as L
from . import pptx_table as tables
from .pptx_plan import Note, SlideSpec
from .pptx_style import FLOOR_PT, Palette
from ..outline import citer
from .pptx_text import Para, citing, labelled_group


@dataclass
class Page:
    """One slide as it will be written: a spec, or one part of a spec too long for one slide."""

    spec: SlideSpec
    body: list[Para]
    size: float
    part: int = 1
    parts: int = 1
    title: str = ""
    notes_extra: list[Note] = field(default_factory=list)
    shown_as: tuple[int, int] = (1, 1)  # which part of its title's slides this is, of how many
    rows: tuple[int, ...] = ()  # the table rows this slide shows
    table_plan: tables.TablePlan | None = None


def paginate(spec: SlideSpec, palette: Palette, boxes: Callable[[str], tuple[fit.TextBox, fit.TextBox]]) -> list[Page]:
    """The slides one spec needs. `boxes(layout)`: the inside of the layout's body placeholder and the
    whole of it, asked only when the spec has a body or a table."""
    sizes = palette.body_sizes(spec.sizes)
    if spec.table is not None:
        sizes = tuple(sorted({*sizes, FLOOR_PT}, reverse=True))  # a table may go down to the floor
        table_plan = tables.plan(spec.table, sizes, boxes(spec.layout)[1])
        if table_plan is not None:
            return [Page(spec, [], table_plan.size, n, len(table_plan.pages), rows=rows, table_plan=table_plan)
                    for n, rows in enumerate(table_plan.pages, start=1)]
        # Too wide for its columns to stand side by side: each row as a labelled group.
        groups = [p for row in spec.table.rows for p in labelled_group(spec.table, row)]
        spec = replace(spec, body=groups, table=None, intro=[*spec.intro, Note(
            "The table is too wide for a slide, so each row is shown as a group of labelled points.")])
    if not spec.body:
        return [Page(spec, [], sizes[-1])]
    box = boxes(spec.layout)[0]
    for body in (spec.body, spec.compact):
        fitted = fit.fit_size(body, sizes, box) if body else None
        if body and fitted is not None:
            return [Page(spec, body, fitted)]
    # Split at the largest size that needs no more slides than the smallest size does.
    fewest = len(fit.paginate(spec.body, sizes[-1], box))
    size, parts = next((size, parts) for size in sizes
                       if len(parts := fit.paginate(spec.body, size, box)) <= fewest)
    return [Page(spec, body, size, n, len(parts)) for n, body in enumerate(parts, start=1)]


def own_boxes(layout: str) -> tuple[fit.TextBox, fit.TextBox]:
    """The inside and the whole of a layout's body placeholder in coursebuilder's own template, in points."""
    holder = next(ph for ph in L.layout_spec(layout).placeholders if ph.idx == L.BODY)
    width, height = holder.box.w * 72, holder.box.h * 72
    return fit.TextBox(width - 2 * holder.inset * 72, height - 2 * holder.inset * 72), fit.TextBox(width, height)


def text_continuations(module: LoadedModule, section: Section, number: int, palette: Palette) -> int:
    """How many continuation slides the section's own text (not its blocks) needs, with every word shown."""
    from .pptx_blocks import Context, text_slides  # pptx_blocks imports this module's neighbours

    count = 0
    seen: set[str] = set()
    with citing(citer(module.meta, None)):
        specs = text_slides(Context(module, section, number, ""))
    for spec in specs:
        pages = len(paginate(spec, palette, own_boxes))
        first = spec.series is None or spec.series not in seen
        seen.add(spec.series or "")
        count += pages - (1 if first else 0)
    return count
