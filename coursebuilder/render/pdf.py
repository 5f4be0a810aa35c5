"""Printable handbooks (build/pdf/): per module a participant handbook, a facilitator guide and a
large-print edition, and, for a whole-course build, one course handbook with every module in order.

Each PDF is one HTML document (themes/<name>/print/handbook.html) laid out by WeasyPrint in this
process, tagged as PDF/UA, styled by print.css with the theme's tokens. WeasyPrint reads files only
through `ProjectFetcher`, which serves nothing the project's resolver refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from jinja2 import Environment
from markupsafe import Markup
from ..load import LoadedCourse, LoadedModule
from ..markdown import render_markdown
from ..model import BranchingScenario, FreeResponse, KnowledgeCheck, Section, SelfRating, Step
from ..outline import block_id, citer, outline, reference_anchor, step_anchor
from ..output import Stage
from ..themes import Theme
from . import COURSE, Renderer, RenderJob, Unit
from .templating import environment
from .pdf_urls import BASE_URL, module_url, theme_url
from .pdf_plan import Material, SessionPlan, materials_checklist, session_plan
from .pdf_tables import CELL_PADDING_EM, LETTER_EM, MIN_LINE, PAGE_TEXT_HEIGHT_PT, print_tables, text_width_em

PDF_VARIANT = "pdf/ua-1"  # tagged: structure tree, language, title, alt text (see TOOLING.md)
COURSE_FILE = "course-handbook.pdf"


@dataclass(frozen=True)
class Edition:
    key: str  # file name suffix and CSS class
    label: str  # printed on the cover and in the footer of every page
    facilitator: bool = False
    large_print: bool = False

    def file(self, slug: str) -> str:
        return f"{slug}-{self.key}.pdf"


PARTICIPANT = Edition("handbook", "Participant handbook")
FACILITATOR = Edition("facilitator-guide", "Facilitator guide", facilitator=True)
LARGE_PRINT = Edition("large-print", "Large print handbook", large_print=True)
MODULE_EDITIONS = (PARTICIPANT, FACILITATOR, LARGE_PRINT)
COURSE_EDITION = Edition("course-handbook", "Course handbook")


@dataclass(frozen=True)
class CheckRef:
    """A block with answers (a knowledge check, or a written answer's model answer), and where it and
    its answers are in the document."""

    number: int  # section number
    section: Section
    block: KnowledgeCheck | FreeResponse
    anchor: str

    @property
    def answers_anchor(self) -> str:
        return f"{self.anchor}-answers"


@dataclass(frozen=True)
class Arrival:
    """A choice that leads to a step, as the step it leads to prints it: "If you came here by choosing
    A at step 1: <feedback>"."""

    number: int  # the step the choice is on
    letter: str
    anchor: str  # that step's anchor
    feedback: str


@dataclass(frozen=True)
class PathStop:
    """One step of a branching scenario's best path, with the letter of its best choice (None at the end)."""

    number: int
    step: Step
    letter: str | None


def letter(index: int) -> str:
    """A, B, C … for the 0-based index of a choice, an option or a match."""
    return chr(ord("A") + index)


@dataclass
class Part:
    """One module as the print templates see it. Anchors carry the slug: a course handbook holds many."""

    module: LoadedModule
    edition: Edition
    session_start: str
    body_pt: float = 12  # the edition's body text size: how many letters fit across a table

    @property
    def meta(self):
        return self.module.meta

    @property
    def slug(self) -> str:
        return self.module.slug

    def anchor(self, name: str) -> str:
        return f"{self.slug}-{name}"

    def section_anchor(self, number: int, suffix: str = "") -> str:
        return self.anchor(outline(self.meta).entries[number - 1].anchor + suffix)

    def block_anchor(self, number: int, index: int) -> str:
        return self.anchor(block_id(number, index))

    def markdown(self, text: str, heading_shift: int, images: dict | None = None) -> Markup:
        def image_url(src: str) -> str | None:
            file = (images or {}).get(src)
            return module_url(self.slug, self.module.folder, file) if file else None

        return for_print(render_markdown(text, heading_shift=heading_shift, image_url=image_url,
                                         cite=citer(self.meta, self.reference_href)), self.body_pt)

    def reference_href(self, ref_id: str) -> str:
        """A reference's entry in this part's reference list (the same document)."""
        return "#" + self.anchor(reference_anchor(ref_id))

    def document(self, name: str | None, heading_shift: int) -> Markup | None:
        document = self.module.document(name)
        if document is None:
            return None
        return self.markdown(document.text, heading_shift, document.images)

    def body(self, section: Section) -> Markup:
        return self.document(section.body, heading_shift=1) or Markup()  # author `##` → h3 under the h2 title

    def notes(self, section: Section) -> Markup | None:
        if not self.edition.facilitator:
            return None
        return self.document(section.facilitator_notes, heading_shift=2)  # inside the notes' h3

    def image_src(self, src: str) -> str:
        return module_url(self.slug, self.module.folder, self.module.images[src])

    @cached_property
    def answered(self) -> list[CheckRef]:
        """The knowledge checks and written answers, in order: what the answers at the back hold."""
        return [CheckRef(number, section, block, self.block_anchor(number, index))
                for number, section in enumerate(self.meta.sections, start=1)
                for index, block in enumerate(section.blocks, start=1)
                if isinstance(block, (KnowledgeCheck, FreeResponse))]

    @property
    def checks(self) -> list[CheckRef]:
        return [ref for ref in self.answered if isinstance(ref.block, KnowledgeCheck)]

    def check(self, number: int, index: int) -> CheckRef:
        anchor = self.block_anchor(number, index)
        return next(ref for ref in self.answered if ref.anchor == anchor)

    @property
    def answers_title(self) -> str:
        if not self.checks:
            return "Model answers"
        return "Answers to the knowledge checks" + (
            " and model answers" if len(self.checks) < len(self.answered) else "")

    def fits_half_a_page(self, question) -> bool:
        """Whether a question and its answers (and, for facilitators, their feedback) take less than
        half a page in this edition: print.css keeps such a question whole on one page, and lets a
        longer one run on, one whole option at a time, rather than leave most of a page blank."""
        texts = [question.question, question.feedback or "" if self.edition.facilitator else ""]
        if question.kind == "order":
            texts += list(question.order) * (2 if self.edition.facilitator else 1)
        elif question.kind == "match":
            texts += [pair.item for pair in question.pairs] + [pair.match for pair in question.pairs]
            if self.edition.facilitator:
                texts += [f"{pair.item} {pair.match} {pair.feedback or ''}" for pair in question.pairs]
        else:
            texts += [option.text for option in question.options]
            if self.edition.facilitator:
                texts += [option.feedback or "" for option in question.options]
        return self._lines(texts) * self.body_pt * 1.6 < PAGE_TEXT_HEIGHT_PT / 2

    # Branching scenarios: numbered steps, lettered choices, each choice's feedback at the top of the
    # step it leads to (so nobody reads a choice's outcome before choosing it).

    @property
    def has_branching(self) -> bool:
        return any(isinstance(block, BranchingScenario) for section in self.meta.sections for block in section.blocks)

    def step_anchor(self, number: int, index: int, step_id: str) -> str:
        return self.anchor(step_anchor(block_id(number, index), step_id))

    def arrivals(self, block: BranchingScenario, number: int, index: int) -> dict[str, list[Arrival]]:
        """For each step, the choices with feedback that lead to it."""
        found: dict[str, list[Arrival]] = {}
        for n, step in enumerate(block.steps, start=1):
            for i, choice in enumerate(step.choices):
                if choice.feedback:
                    found.setdefault(choice.go_to, []).append(
                        Arrival(n, letter(i), self.step_anchor(number, index, step.id), choice.feedback))
        return found

    def best_path(self, block: BranchingScenario) -> list[PathStop]:
        stops = []
        for step in block.best_path:
            best = next((i for i, choice in enumerate(step.choices) if choice.best), None)
            stops.append(PathStop(block.number(step.id) or 0, step, None if best is None else letter(best)))
        return stops

    def _lines(self, texts: list[str]) -> float:
        """Lines of body text that `texts` take, each with the space after it (on a line: the page's
        letters less a tick box's indent)."""
        letters = int(text_width_em(self.body_pt) / LETTER_EM - 4)
        return sum(-(-len(text) // letters) + 0.5 for text in texts if text)

    @staticmethod
    def path_rows(block: BranchingScenario) -> int:
        """Rows in the group's blank path record: enough for the longest sensible path."""
        return len(block.steps) + 2

    # Self-ratings: a grid of tick boxes when the scale fits across the page, else one group per statement.

    def rating_columns(self, block: SelfRating) -> list[float] | None:
        """The width of each column of a self-rating's grid (the statements', then one per point of the
        scale), in per cent, or None when the scale cannot fit across the page beside readable statements:
        then each statement is printed with its own row of tick boxes."""
        width = text_width_em(self.body_pt)
        # A point of the scale needs its longest word on a line: bold (a tenth wider), and at 0.9 of the
        # body size but in large print (print.css).
        size = 1.0 if self.edition.large_print else 0.9
        scale = [max(len(word) for word in label.split()) * LETTER_EM * 1.1 * size + CELL_PADDING_EM
                 for label in block.scale]
        point = max(max(scale), 3.0)
        statements = width - point * len(block.scale)
        if statements < MIN_LINE * 1.5 * LETTER_EM + CELL_PADDING_EM:
            return None
        statements = min(statements, width * 0.5)
        return [100 * statements / width] + [100 * (width - statements) / width / len(block.scale)] * len(block.scale)

    def rating_anchor(self, rating_id: str) -> str | None:
        """The anchor of the self-rating with this id in the module (what `compare_with` names)."""
        for number, section in enumerate(self.meta.sections, start=1):
            for index, block in enumerate(section.blocks, start=1):
                if isinstance(block, SelfRating) and block.id == rating_id:
                    return self.block_anchor(number, index)
        return None

    @cached_property
    def plan(self) -> SessionPlan:
        return session_plan(self.meta, self.session_start)

    @cached_property
    def materials(self) -> list[Material]:
        return materials_checklist(self.meta)

    @property
    def answers_at_back(self) -> bool:
        # Facilitators get answers and feedback beside each question; participants turn to the back.
        return bool(self.answered) and not self.edition.facilitator

    def contents(self) -> list[tuple[str, str]]:
        """(anchor, title) of every page this module adds to the contents, in order."""
        entries = [(self.anchor("before"), "Before you start"), (self.anchor("about"), "About this module")]
        if self.edition.facilitator:
            entries += [(self.anchor("plan"), "Session plan"),
                        (self.anchor("agreement"), "Group agreement and materials")]
        entries += [(self.anchor(entry.anchor), entry.title) for entry in outline(self.meta).entries]
        if self.answers_at_back:
            entries.append((self.anchor("answers"), self.answers_title))
        if self.meta.glossary:
            entries.append((self.anchor("glossary"), "Glossary"))
        if self.meta.references:
            entries.append((self.anchor("references"), "References"))
        return entries


class PdfRenderer(Renderer):
    name = "pdf"
    summary = "Printable handbooks, facilitator guides and large print (build/pdf/)"
    editions = tuple(edition.key for edition in MODULE_EDITIONS)

    def __init__(self) -> None:
        self._context: tuple[RenderJob, _Context] | None = None

    def owns(self, slug: str, relative: str) -> bool:
        return relative in {edition.file(slug) for edition in MODULE_EDITIONS}

    def units(self, course: LoadedCourse) -> list[Unit]:
        units = super().units(course)
        if course.complete and course.meta.course_handbook:
            units.append(Unit(self.name, COURSE, edition=COURSE_EDITION.key, label="course handbook"))
        return units

    def render_unit(self, job: RenderJob, unit: Unit, out: Stage) -> None:
        context = self._prepare(job)
        start = job.course.meta.session_start
        sizes = job.theme.tokens.pdf
        if unit.scope == COURSE:
            parts = [Part(module, COURSE_EDITION, start, sizes.body_pt) for module in job.modules]
            html = context.env.get_template("handbook.html").render(
                edition=COURSE_EDITION, parts=parts, title=f"{job.course.meta.title} – {COURSE_EDITION.label}",
                whole_course=True, description=job.course.meta.summary or job.course.meta.title,
                keywords=list(dict.fromkeys(t for m in job.modules for t in m.meta.content_note.topics)))
            context.write(out, COURSE_FILE, html)
            return
        module = job.course.module(unit.slug)
        edition = next(edition for edition in MODULE_EDITIONS if edition.key == unit.edition)
        body_pt = sizes.large_print_pt if edition.large_print else sizes.body_pt
        html = context.env.get_template("handbook.html").render(
            edition=edition, parts=[Part(module, edition, start, body_pt)], title=f"{module.meta.title} – {edition.label}",
            whole_course=False, description=module.meta.summary, keywords=module.meta.content_note.topics)
        context.write(out, edition.file(module.slug), html)

    def _prepare(self, job: RenderJob) -> _Context:
        """Templates, fonts and the stylesheet are set up once per job and shared by its documents."""
        if self._context is None or self._context[0] is not job:
            self._context = (job, _Context(job))
        return self._context[1]


class _Context:
    def __init__(self, job: RenderJob):
        # WeasyPrint is imported here, not at the top: planning a build that renders no PDF
        # (nothing changed) must not spend most of a second importing it.
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        from .pdf_fetch import ProjectFetcher

        self._html = HTML
        self.env = _environment(job)
        self.fetcher = ProjectFetcher(job.course.project, {m.slug: m.folder for m in job.modules}, job.theme.folder)
        self.fonts = FontConfiguration()
        self.css = CSS(string=_stylesheet(self.env, job.theme), base_url=BASE_URL, url_fetcher=self.fetcher,
                       font_config=self.fonts)

    def write(self, out: Stage, relative: str, html: str) -> None:
        from .pdf_tags import tagging  # imports WeasyPrint: here, as in __init__

        with tagging():  # a structure tree that meets PDF/UA-1 (pdf_tags.py)
            self._html(string=html, base_url=BASE_URL, url_fetcher=self.fetcher).write_pdf(
                out.path(relative), stylesheets=[self.css], font_config=self.fonts, pdf_variant=PDF_VARIANT)


# A paragraph that ends in ":" ("A welcome card might read:") introduces what follows it.
_LEAD_IN = re.compile(r"<p>((?:(?!</?p\b).)*?:(?:</(?:strong|em|b|i)>)*)</p>", re.S)


def for_print(html: Markup, body_pt: float) -> Markup:
    """Rendered Markdown as print lays it out: each table as a grid that fits or as labelled groups
    (pdf_tables.py), and each lead-in paragraph marked, so that print.css keeps it on the page of
    what it introduces."""
    html = Markup(_LEAD_IN.sub(r'<p class="lead-in">\1</p>', str(html)))
    return print_tables(html, text_width_em(body_pt))


def _print_dirs(theme: Theme) -> list[str]:
    """The theme's print templates, falling back to the built-in default theme's."""
    return [str(d) for d in theme.search("print")]


def _environment(job: RenderJob) -> Environment:
    env = environment(_print_dirs(job.theme))
    logo = None
    if job.theme.logo is not None:
        assert job.theme.tokens.logo is not None  # Theme.logo is the file that the tokens' `logo` names
        logo = theme_url(job.theme.tokens.logo)
    env.globals.update(course=job.course.meta, logo=logo, reference_anchor=reference_anchor, letter=letter)
    return env


def _stylesheet(env: Environment, theme: Theme) -> str:
    """The theme's tokens as CSS variables, then print.css (which uses only the variables)."""
    assert env.loader is not None  # templating.environment() always gives it a FileSystemLoader
    print_css, _, _ = env.loader.get_source(env, "print.css")
    return theme.css_variables(theme.pdf_sizes()) + print_css
