"""What goes inside a module's SCORM package: its e-learning pages, and what the runtime tracks.

The pages are the HTML renderer's own, rendered standalone (they work without the course index).
What the runtime tracks comes from the module's outline (outline.py: `Entry.tracked`, the questions
of every kind and the branching scenarios), which also names those pages and the ids learning.js
reports answers and paths with, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..load import LoadedModule
from ..markdown import parse
from ..model import BranchingScenario, KnowledgeCheck
from ..outline import Tracked, outline
from ..output import Files
from . import RenderJob
from .html import HtmlRenderer, module_pages

DESCRIPTION_LIMIT = 250  # SCORM 2004 cmi.interactions.n.description: localized_string_type, SPM 250


@dataclass(frozen=True)
class Item:
    """One tracked thing (outline.Tracked) with what the runtime reports about it beyond the outline."""

    tracked: Tracked
    text: str  # the question, or the scenario's title, as plain text cut to DESCRIPTION_LIMIT: the author's words
    best: tuple[int, ...] = ()  # a scenario: the step numbers of its best path (the right answer when scored)
    endings: tuple[int, ...] = ()  # a scenario: the numbers of its ending steps


@dataclass(frozen=True)
class TrackedSection:
    page: str  # page file, relative to the module folder
    title: str
    items: tuple[Item, ...]  # its questions and scenarios, in page order

    @property
    def scored(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.tracked.scored)


@dataclass(frozen=True)
class ModuleContent:
    slug: str
    files: dict[str, bytes]  # package path → contents: the pages, pictures and theme files
    pages: tuple[str, ...]  # every page file in reading order; the start page first
    sections: tuple[TrackedSection, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def scored(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.tracked.scored)


def plain(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Markdown as the words a reader sees, on one line, at most `limit` UTF-16 code units (what
    JavaScript and the SCORM platforms count)."""
    words: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.type in ("text", "code_inline"):
                words.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append(" ")
            if token.children:
                walk(token.children)

    for token in parse(text):
        if token.type == "inline":
            walk(token.children or [])
            words.append(" ")
    flat = re.sub(r"\s+", " ", "".join(words)).strip().lstrip("{")  # a leading "{" would read as a language tag
    if len(flat.encode("utf-16-le")) // 2 <= limit:
        return flat
    while len((flat + "…").encode("utf-16-le")) // 2 > limit:
        flat = flat[:-1]
    return flat.rstrip() + "…"


def _items(entry) -> tuple[Item, ...]:
    blocks = {entry.block_id(index): block for index, block in enumerate(entry.section.blocks, start=1)}
    items = []
    for tracked in entry.tracked:
        if tracked.kind == "path":
            scenario = blocks[tracked.id]
            assert isinstance(scenario, BranchingScenario)
            items.append(Item(tracked, plain(scenario.title),
                              tuple(scenario.number(step.id) or 0 for step in scenario.best_path),
                              tuple(n for n, step in enumerate(scenario.steps, start=1)
                                    if step.ending or not step.choices)))
        else:
            block_id, _, number = tracked.id.rpartition("-q")
            check = blocks[block_id]
            assert isinstance(check, KnowledgeCheck)
            items.append(Item(tracked, plain(check.questions[int(number) - 1].question)))
    return tuple(items)


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
    sections = tuple(TrackedSection(entry.page, entry.title, _items(entry)) for entry in outline(module.meta).entries)
    return ModuleContent(module.slug, files, tuple(page.file for page in pages), sections)
