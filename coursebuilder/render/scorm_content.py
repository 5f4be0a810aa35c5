"""What goes inside a module's SCORM package: its e-learning pages, and what the runtime tracks.

The pages are the HTML renderer's own, rendered standalone (they work without the course index).
What the runtime tracks comes from the module's outline (outline.py), which also names those pages
and the `data-question` ids learning.js reports answers with, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..load import LoadedModule
from ..model import KnowledgeCheck
from ..outline import outline
from ..output import Files
from . import RenderJob
from .html import HtmlRenderer, module_pages


@dataclass(frozen=True)
class TrackedSection:
    page: str  # page file, relative to the module folder
    title: str
    questions: tuple[str, ...]  # knowledge check question ids on that page
    options: tuple[int, ...] = ()  # how many answers each of those questions offers, in the same order


@dataclass(frozen=True)
class ModuleContent:
    slug: str
    files: dict[str, bytes]  # package path → contents: the pages, pictures and theme files
    pages: tuple[str, ...]  # every page file in reading order; the start page first
    sections: tuple[TrackedSection, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(q for section in self.sections for q in section.questions)


def module_content(job: RenderJob, module: LoadedModule) -> ModuleContent:
    """Render one module's pages standalone, with what the runtime tracks."""
    course = dataclasses.replace(job.course, modules=[module], complete=False)
    single = RenderJob(course, job.theme)
    pages_made = Files()
    renderer = HtmlRenderer(standalone=True)
    for unit in renderer.units(course):
        renderer.render_unit(single, unit, pages_made)
    files = dict(sorted(pages_made.files.items()))
    pages = module_pages(module)
    sections = tuple(TrackedSection(entry.page, entry.title, entry.questions, tuple(
        len(question.options) for block in entry.section.blocks if isinstance(block, KnowledgeCheck)
        for question in block.questions)) for entry in outline(module.meta).entries)
    return ModuleContent(module.slug, files, tuple(page.file for page in pages), sections)
