"""HTML e-learning: a course index, and per module a start page, one page per section and a
resources page (glossary and references)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import rcssmin
import rjsmin
from jinja2 import Environment, pass_context
from markupsafe import Markup

from ..load import LoadedCourse, LoadedModule
from ..markdown import render_markdown
from ..model import BranchingScenario, FreeResponse, KnowledgeCheck, Section, SelfRating
from ..outline import SUMMARY_PAGE, block_id, citer, outline, reference_anchor, step_anchor
from ..output import Sink
from . import COURSE, THEME, Renderer, RenderJob, Unit
from .templating import environment, slugify

THEME_FOLDER = "_theme"
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


@dataclass
class Page:
    file: str  # relative to the module folder
    title: str
    section: Section | None = None
    number: int = 0  # section number, 1-based; 0 for other pages


_PRESERVED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)


def compact(html: str) -> str:
    """Drop template indentation and blank lines (every page has a weight budget, html_weight.BUDGET).
    Text inside <pre> and <textarea> keeps its spaces; entities and tags are left exactly as escaped."""
    parts = _PRESERVED.split(html)
    for index in range(0, len(parts), 2):  # even parts are outside <pre>/<textarea>
        parts[index] = re.sub(r"\n\s+", "\n", parts[index])
    return "".join(parts)


def _in_summary(ref_id: str) -> str:
    """A reference's entry in the list on its module's summary page (every module page is in one folder)."""
    return f"{SUMMARY_PAGE}#{reference_anchor(ref_id)}"


@pass_context
def _block_markdown(context, text: str) -> Markup:
    """A block's Markdown (inside the block's h2), citing the references of the page's module."""
    module = context.get("module")
    return render_markdown(text, heading_shift=1, cite=citer(module, _in_summary) if module is not None else None)


def interactive(section: Section | None) -> bool:
    """Whether a page needs interactive.js and interactive.css: it has a branching scenario, a written answer,
    a self-rating, or a put-in-order or match-pairs question (choice questions need only learning.js)."""
    return section is not None and any(
        isinstance(block, (BranchingScenario, FreeResponse, SelfRating))
        or isinstance(block, KnowledgeCheck) and any(q.kind != "choice" for q in block.questions)
        for block in section.blocks)


def module_pages(module: LoadedModule) -> list[Page]:
    """The start page, one page per section (named by the outline) and the summary, in reading order."""
    pages = [Page("index.html", module.meta.title)]
    pages += [Page(entry.page, entry.title, entry.section, entry.number) for entry in outline(module.meta).entries]
    pages.append(Page(SUMMARY_PAGE, "Summary"))
    return pages


class HtmlRenderer(Renderer):
    name = "html"
    summary = "E-learning pages (build/html/)"

    def __init__(self, standalone: bool = False):
        # standalone: each module's pages must work on their own (as in a SCORM package), so the
        # header links to the module's start page rather than to the course index.
        self.standalone = standalone
        self._env: Environment | None = None
        self._env_job: RenderJob | None = None

    def owns(self, slug: str, relative: str) -> bool:
        return relative.startswith(f"{slug}/")

    def units(self, course: LoadedCourse) -> list[Unit]:
        units = [Unit(self.name, THEME, label="theme files")]
        if course.complete and not self.standalone:
            units.append(Unit(self.name, COURSE, label="course index"))
        return units + super().units(course)

    def render_unit(self, job: RenderJob, unit: Unit, out: Sink) -> None:
        if unit.scope == THEME:
            self._write_theme(job, out)
            return
        env = self._environment(job)
        if unit.scope == COURSE:
            page = env.get_template("course.html").render(root="", home="index.html",
                                                          page_title=job.course.meta.title,
                                                          modules=job.modules)
            out.write("index.html", compact(page))
        else:
            self._render_module(env, job.course, job.course.module(unit.slug), out)

    def _environment(self, job: RenderJob) -> Environment:
        if self._env is not None and self._env_job is job:
            return self._env
        env = environment(job.theme.template_dirs)
        env.filters["md"] = _block_markdown
        env.globals.update(course=job.course.meta, theme=job.theme.tokens, theme_folder=THEME_FOLDER,
                           module_pages=module_pages, course_key=slugify(job.course.meta.title, 40),
                           reference_anchor=reference_anchor, step_anchor=step_anchor)
        self._env, self._env_job = env, job
        return env

    def _write_theme(self, job: RenderJob, out: Sink) -> None:
        out.write(f"{THEME_FOLDER}/tokens.css", job.theme.css_variables(job.theme.html_sizes()))
        static = job.theme.static_dir
        if static.is_dir():
            for file in sorted(static.rglob("*")):
                if not file.is_file():
                    continue
                target = f"{THEME_FOLDER}/{file.relative_to(static).as_posix()}"
                minify = MINIFIERS.get(file.suffix)
                if minify:  # every page loads these: keep each page within its weight budget
                    out.write(target, minify(file.read_text(encoding="utf-8")))
                else:
                    out.copy(file, target)

    def _render_module(self, env: Environment, course: LoadedCourse, module: LoadedModule, out: Sink) -> None:
        pages = module_pages(module)
        for file in sorted({*module.images.values(), *(f for d in module.documents.values() for f in d.images.values())}):
            out.copy(file, f"{module.slug}/{module.asset_name(file)}")

        def body(name: str | None):
            document = module.document(name)
            if document is None:
                return ""
            return render_markdown(document.text,
                                   image_url=lambda src: module.asset_name(document.images[src])
                                   if src in document.images else None,
                                   cite=citer(module.meta, _in_summary))

        def image_src(src: str) -> str:
            return module.asset_name(module.images[src])

        question_count = len(outline(module.meta).questions)  # every kind: choice, order and match
        for index, page in enumerate(pages):
            template = "module.html" if index == 0 else "section.html" if page.section else "summary.html"
            html = env.get_template(template).render(
                root="../",
                home="index.html" if self.standalone else "../index.html",
                module=module.meta,
                slug=module.slug,
                page=page,
                pages=pages,
                previous=pages[index - 1] if index > 0 else None,
                next=pages[index + 1] if index + 1 < len(pages) else None,
                page_title=f"{page.title} – {module.meta.title}" if index else module.meta.title,
                body=body(page.section.body) if page.section else "",
                image_src=image_src,
                question_count=question_count,
                interactive=interactive(page.section),
                block_id=lambda index, p=page: block_id(p.number, index),
            )
            out.write(f"{module.slug}/{page.file}", compact(html))
