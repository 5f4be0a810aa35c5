"""What goes inside a module's SCORM package: its e-learning pages, and what the runtime tracks.

The pages are the HTML renderer's own, rendered standalone (they work without the course index).
What the runtime tracks is read from those pages, so the two cannot disagree: the page order
comes from `module_pages`, and the question ids are the `data-question` attributes learning.js
uses when it reports an answer.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..load import LoadedModule
from ..output import Stage
from . import RenderJob
from .html import HtmlRenderer, module_pages


@dataclass(frozen=True)
class TrackedSection:
    page: str  # page file, relative to the module folder
    title: str
    questions: tuple[str, ...]  # knowledge check question ids on that page


@dataclass(frozen=True)
class ModuleContent:
    slug: str
    files: dict[str, bytes]  # package path → contents: the pages, pictures and theme files
    pages: tuple[str, ...]  # every page file in reading order; the start page first
    sections: tuple[TrackedSection, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(q for section in self.sections for q in section.questions)


class _QuestionIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        value = dict(attrs).get("data-question")
        if value:
            self.ids.append(value)


def question_ids(html: str) -> tuple[str, ...]:
    parser = _QuestionIds()
    parser.feed(html)
    return tuple(dict.fromkeys(parser.ids))


def module_content(job: RenderJob, module: LoadedModule) -> ModuleContent:
    """Render one module's pages standalone and read them back, with what the runtime tracks."""
    course = dataclasses.replace(job.course, modules=[module], complete=False)
    single = RenderJob(course, job.theme)
    folder = Path(tempfile.mkdtemp(prefix="coursebuilder-scorm-"))
    try:
        stage = Stage(folder)
        HtmlRenderer(standalone=True).render(single, stage)
        files = {relative: (folder / relative).read_bytes() for relative in sorted(set(stage.written))}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    pages = module_pages(module)
    sections = tuple(
        TrackedSection(page.file, page.title,
                       question_ids(files[f"{module.slug}/{page.file}"].decode("utf-8")))
        for page in pages if page.section
    )
    return ModuleContent(module.slug, files, tuple(page.file for page in pages), sections)
