"""PowerPoint decks: one 16:9 deck per module, `pptx/<slug>.pptx`, with speaker notes on every slide.

The deck is planned (pptx_plan, pptx_blocks), its text measured and long slides split onto
continuation slides (pptx_fit), then written into the named layouts of the theme's template
(coursebuilder's own is drawn by pptx_template) with the theme's colours, fonts and logo.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pptx.presentation
from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..diagnostics import Diagnostic
from ..errors import ContentError, RenderError
from ..load import LoadedModule
from ..output import Stage
from ..source import SourceError, load_yaml, read_text
from ..themes import default_theme_dir
from . import Renderer, RenderJob, Unit
from . import pptx_compat as compat
from . import pptx_fit as fit
from . import pptx_layouts as L
from . import pptx_shapes as shapes
from . import pptx_table as tables
from .pptx_blocks import section_slides
from .pptx_pages import Page, paginate
from .pptx_parts import SlideMaker
from .pptx_plan import Note, SlideSpec, closing, opening, timing
from .pptx_style import Palette
from .pptx_template import apply_theme, shape_notes_master
from .zips import deterministic_zip
from ..outline import citer
from .pptx_text import Para, citing, para

NOTES_SIZES = (12, 11, 10)  # speaker notes: as large as fits the printed notes page


class PptxRenderer(Renderer):
    name = "pptx"
    summary = "Slide decks with speaker notes (build/pptx/)"

    def owns(self, slug: str, relative: str) -> bool:
        return relative == f"{slug}.pptx"

    def render_unit(self, job: RenderJob, unit: Unit, out: Stage) -> None:
        deck = Deck(job, job.theme.deck_template)
        deck.build(job.course.module(unit.slug))
        out.write(f"{unit.module}.pptx", reproducible(deck.prs))


def reproducible(prs) -> bytes:
    """The deck as bytes that are the same whenever its content is. python-pptx would stamp each zip
    entry with the current time, so its parts are collected and zipped with fixed times (zips.py)."""
    return deterministic_zip(compat.package_files(prs.part.package), first=("[Content_Types].xml",))


class Deck:
    def __init__(self, job: RenderJob, template: Path):
        self.job = job
        tokens = job.theme.tokens
        self.palette = Palette(tokens)
        self.face = shapes.Type(tokens.fonts.body[0], tokens.fonts.headings[0], tokens.fonts.mono[0],
                                job.course.meta.language)
        self.prs = _open_template(job, template)
        self.maker = SlideMaker(self.prs)
        apply_theme(self.prs, tokens)
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self.carried: list[Note] = []  # facilitator notes that did not fit the previous notes page
        self.boxes: dict[tuple[str, int], fit.TextBox] = {}
        self.notes_box: fit.TextBox | None = None

    def build(self, module: LoadedModule) -> None:
        with citing(citer(module.meta, None)):
            self._build(module)

    def _build(self, module: LoadedModule) -> None:
        course = self.job.course
        times = timing(course, module)
        specs = opening(course, module, times)
        for number, section in enumerate(module.meta.sections, start=1):
            specs += section_slides(module, section, number, times)
        specs += closing(course, module, times)
        pages = [page for spec in specs for page in self._paginate(spec)]
        _name_pages(pages)
        for number, page in enumerate(pages, start=1):
            self._write(page, number, last=number == len(pages))
        self._properties(module)

    # --- measure --------------------------------------------------------------------------

    def _paginate(self, spec: SlideSpec) -> list[Page]:
        # Words in a placeholder that is never split (a quote's credit) that do not fit it even at the
        # smallest size go under the body instead, whole, where they may continue onto the next slide.
        if spec.layout != L.TITLE_SLIDE and any(ph.idx == L.BODY for ph in L.layout_spec(spec.layout).placeholders):
            sizes = self.palette.body_sizes((0, -2))
            moved = {idx for idx, paras in spec.extra.items()
                     if paras and fit.fit_size(paras, sizes, self._box(spec.layout, idx)) is None}
            if moved:
                spec = replace(spec, body=[*spec.body, *[p for idx in sorted(moved) for p in spec.extra[idx]]],
                               extra={idx: paras for idx, paras in spec.extra.items() if idx not in moved})
        return paginate(spec, self.palette, lambda layout: (self._box(layout, L.BODY), self._area_box(layout)))

    def _area_box(self, layout: str) -> fit.TextBox:
        """The whole body placeholder (not only its text area), in points: where a table goes."""
        holder = self.layouts[layout].placeholders.get(idx=L.BODY)
        assert holder is not None, "checked when the template was opened"
        return fit.TextBox(holder.width / shapes.EMU_PER_PT, holder.height / shapes.EMU_PER_PT)

    def _box(self, layout: str, idx: int) -> fit.TextBox:
        # Measured once per placeholder: finding one in a layout searches all its shapes' XML.
        key = (layout, idx)
        if key not in self.boxes:
            self.boxes[key] = shapes.inner_box(self.layouts[layout].placeholders.get(idx=idx))
        return self.boxes[key]

    # --- write ----------------------------------------------------------------------------

    def _write(self, page: Page, number: int, *, last: bool) -> None:
        spec = page.spec
        layout = self.layouts[spec.layout]
        slide = self.maker.add_slide(layout)
        ink = self.palette.slide(spec.style)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = shapes.rgb(ink.background)
        self._title(slide, page)
        holders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        texts = {L.BODY: (page.body, page.size)} if page.body else {}
        for idx, paras in spec.extra.items():
            if paras and idx in holders:
                texts[idx] = self._fixed(spec.layout, idx, paras, page)
        panels = {ph.idx for ph in L.layout_spec(spec.layout).placeholders if ph.panel}
        for idx, (paras, size) in texts.items():
            surface = self.palette.panel(spec.style) if idx in panels else ink
            shapes.paragraphs(holders.pop(idx), paras, size, surface, self.face,
                              fill=surface.background if idx in panels else None)
        if page.table_plan is not None and spec.table is not None and L.BODY in holders:
            holder = holders.pop(L.BODY)
            area = (holder.left, holder.top, holder.width)
            compat.element(holder).getparent().remove(compat.element(holder))
            tables.draw(slide, spec.table, page.rows, page.table_plan, area, self.palette, self.face,
                        f"Table: {page.title}")
        if spec.picture and spec.picture.file and L.PICTURE in holders:
            shapes.picture(slide, holders.pop(L.PICTURE), spec.picture.file, spec.picture.alt,
                           decorative=spec.picture.decorative, name="Picture")
        logo = self.job.theme.logo
        if spec.logo and logo and L.LOGO in holders:
            shapes.picture(slide, holders.pop(L.LOGO), logo, f"Logo: {self.job.course.meta.organisation}",
                           decorative=False, name="Logo", align="right")
        for idx, unused in holders.items():
            if idx != L.TITLE:
                unused = compat.element(unused)
                unused.getparent().remove(unused)  # an empty placeholder shows a prompt
        shapes.slide_number(slide, layout, number, ink, self.face)
        self._notes(slide, page, last=last)

    def _title(self, slide, page: Page) -> None:
        shape = slide.shapes.title
        extra = 8 if page.spec.layout == L.TITLE_SLIDE else 4 if page.spec.layout == L.SECTION else 0
        base, keep = page.title, ""
        if (found := re.search(r" \((continued[^)]*|\d+)\)$", base)):
            base, keep = base[:found.start()], found.group()
        text, size = fit.fit_title(base, self.palette.title_sizes(extra), self._box(page.spec.layout, L.TITLE), keep)
        if text != page.title:
            page.notes_extra.append(Note(f"Full title: {page.title}"))
        xml = compat.element(shape)
        tree = xml.getparent()
        tree.remove(xml)
        tree.insert(2, xml)  # after the tree's own properties: screen readers meet the title first
        shapes.title(shape, text, size, round(size * fit.TITLE_SPACING), self.palette.slide(page.spec.style).heading,
                     self.face)

    def _fixed(self, layout: str, idx: int, paras: list[Para], page: Page) -> tuple[list[Para], float]:
        """Text for a placeholder that is never split (credit, caption…): smaller if needed, else shortened."""
        box = self._box(layout, idx)
        sizes = self.palette.body_sizes((0, -2))
        size = fit.fit_size(paras, sizes, box)
        if size is not None:
            return paras, size
        page.notes_extra += [Note("Shortened on the slide; in full:", heading=True), *[Note(p.text) for p in paras]]
        return fit.shorten(paras, sizes[-1], box), sizes[-1]

    def _notes(self, slide, page: Page, *, last: bool) -> None:
        """Timing, how to run the slide, the full text it summarises, and the section's facilitator notes."""
        spec = page.spec
        notes = [Note(spec.timing)] if spec.timing else []
        part, parts = page.shown_as
        notes += spec.intro if page.part == 1 else [Note(f"Continued from the previous slide ({part} of {parts}).")]
        on_slide = " ".join(p.text for p in spec.body)
        if any(_unmarked(line) not in on_slide for p in page.body if p.source for line in p.source.split("\n")):
            sources = dict.fromkeys(p.source or p.text for p in page.body)
            notes += [Note("The full text behind this slide:", heading=True),
                      *[Note(line) for source in sources for line in source.split("\n")]]
        marked = list(dict.fromkeys(text for p in page.body for text in p.notes))
        if marked:
            notes += [Note("Notes to the text on this slide:", heading=True), *[Note(text) for text in marked]]
        notes += page.notes_extra
        if page.part == page.parts:
            notes += spec.outro
        if self.carried:
            notes += [Note(f"{self.carried[0].movable} (continued)", heading=True), *self.carried]
        notes_slide = self.maker.notes_slide(slide)
        holder = notes_slide.notes_placeholder
        if self.notes_box is None:  # every notes page is cloned from the same notes master
            self.notes_box = shapes.inner_box(holder)
        box = self.notes_box
        notes, self.carried = _fit_notes(notes, box, last=last)
        shown = [para(note.text, None, bold=note.heading) for note in notes]
        size = fit.fit_size(shown, NOTES_SIZES, box, max_paras=len(shown)) or NOTES_SIZES[-1]
        ink = self.palette.ink("#ffffff")  # notes pages print on white
        shapes.paragraphs(holder, shown, size, ink, self.face)

    def _properties(self, module: LoadedModule) -> None:
        meta = module.meta
        props = self.prs.core_properties
        props.title = meta.title
        props.subject = meta.summary[:255]
        props.author = ", ".join(meta.authors)[:255]
        props.keywords = ", ".join(meta.content_note.topics)[:255]
        props.language = self.face.language
        props.category = "Facilitation deck"
        props.last_modified_by = "coursebuilder"
        props.created = props.modified = datetime.combine(meta.reviewed, time())  # not the build time
        props.revision = 1
        default = compat.element(self.prs.part).find(f"{shapes.P}defaultTextStyle/{shapes.A}defPPr/{shapes.A}defRPr")
        if default is not None:
            default.set("lang", self.face.language)


def _fit_notes(notes: list[Note], box: fit.TextBox, *, last: bool) -> tuple[list[Note], list[Note]]:
    """The notes that fit one printed notes page, and the movable groups at the end that move on."""
    def fits(kept: list[Note]) -> bool:
        return fit.fits([para(n.text, None, bold=n.heading) for n in kept], NOTES_SIZES[-1], box, len(kept))

    kept = list(notes)
    moved: list[Note] = []
    while not last and kept and kept[-1].movable and not fits(kept):
        group = (kept[-1].movable, kept[-1].group)
        while kept and (kept[-1].movable, kept[-1].group) == group:
            moved.insert(0, kept.pop())
        if kept and kept[-1].heading and not kept[-1].movable:
            kept.pop()  # a heading left with nothing under it; the next page names the notes again
    return kept, moved


def _name_pages(pages: list[Page]) -> None:
    """Every slide a unique, meaningful title: repeats get their section's name, parts say which part.

    The slides of specs in one series (a heading's text and tables) are parts of one title."""
    parts: list[tuple[int, int]] = []
    n = 0
    while n < len(pages):
        series = pages[n].spec.series
        end = n + 1
        while end < len(pages) and (pages[end].spec is pages[n].spec and pages[end].part > 1
                                    or series is not None and pages[end].spec.series == series):
            end += 1
        parts += [(k, end - n) for k in range(1, end - n + 1)]
        n = end
    counts = Counter(page.spec.title for page, (part, _) in zip(pages, parts) if part == 1)
    for page, (part, total) in zip(pages, parts):
        base = page.spec.title
        if counts[base] > 1 and page.spec.section and page.spec.section not in base:
            base = f"{base} – {page.spec.section}"
        if part > 1:
            base += " (continued)" if total == 2 else f" (continued, {part} of {total})"
        page.title = base
        page.shown_as = (part, total)
    seen: Counter[str] = Counter()
    for page in pages:
        seen[page.title] += 1
        if seen[page.title] > 1:
            page.title = f"{page.title} ({seen[page.title]})"


def _unmarked(source: str) -> str:
    """A paragraph's full text without the bullet or number it starts with."""
    return re.sub(r"^(•|\d+\.)\s+", "", source.strip())


def _open_template(job: RenderJob, file: Path) -> pptx.presentation.Presentation:
    """The theme's deck template, checked for every layout and placeholder, without its own slides."""
    try:
        prs = Presentation(str(file))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise _template_error(job, file, f"the deck template {file.name} is not a PowerPoint file ({exc})",
                              "save it from PowerPoint or LibreOffice Impress as .pptx") from None
    problem = L.template_problem(prs)
    if problem:
        raise _template_error(job, file, f"the deck template {file.name} cannot be used: {problem[0]}", problem[1])
    compat.drop_slides(prs)
    try:
        compat.related_part(prs.part, RT.NOTES_MASTER)
    except KeyError:
        shape_notes_master(prs, job.theme.tokens.fonts.body[0])  # python-pptx's own notes page is 4:3
    return prs


def _template_error(job: RenderJob, file: Path, message: str, hint: str) -> Exception:
    """A template the theme names is the trainer's to fix: located at `pptx: template:` in theme.yaml."""
    theme = job.theme
    if theme.pptx_template is None or theme.folder.resolve() == default_theme_dir().resolve():
        return RenderError(f"coursebuilder's own deck template is damaged: {message}")
    yaml_file = theme.folder / "theme.yaml"
    display = job.course.project.display(yaml_file)
    try:
        line, column = load_yaml(read_text(yaml_file, display)).position(("pptx", "template"))
    except SourceError:
        line, column = 0, 0
    return ContentError([Diagnostic(display, line, column, "error", "pptx-template", message, hint)])
