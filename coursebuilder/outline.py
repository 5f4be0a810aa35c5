"""One outline of a module that every format reads: section numbers, e-learning page names, the ids of
blocks and knowledge-check questions, and (with timetable.py) when each part of a session happens.

The e-learning names its pages and question ids from here, the printed handbooks their anchors, and
the SCORM package the pages and questions it reports to the learning platform, so no two of them can
disagree about what section 3 is called or which question an answer belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .model import BranchingScenario, KnowledgeCheck, Module, Section

if TYPE_CHECKING:
    from .markdown import Cited

SLUG_LIMIT = 48


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """A file-name form of a title: "Why a space to think?" → "why-a-space-to-think"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "section"


def block_id(number: int, index: int) -> str:
    """The id of block `index` (1-based) of section `number`: "s2-b3"."""
    return f"s{number}-b{index}"


def question_id(block: str, index: int) -> str:
    """The id of question `index` (1-based) of a knowledge check: "s2-b3-q1"."""
    return f"{block}-q{index}"


def step_anchor(block: str, step_id: str) -> str:
    """The id of a branching scenario's step: "s2-b4-at-the-door"."""
    return f"{block}-{step_id}"


@dataclass(frozen=True)
class Tracked:
    """Something a learner does that a SCORM package reports: a knowledge-check question ("choice",
    "order" or "match") or the path taken through a branching scenario ("path")."""

    id: str  # the question's or the scenario's id on the page: "s2-b3-q1", "s2-b4"
    kind: str  # "choice", "order", "match" or "path"
    size: int  # answers to choose from, steps to order, pairs to match, or steps in the scenario
    scored: bool  # counts in the score (questions always; a scenario when the author asks)
    correct: tuple[int, ...] = ()  # choice: the right answers (1 = the first); order: the steps' shown
    # positions in their right order; match: for each item in turn, the shown position of its match
    multiple: bool = False  # choice: more than one answer is right


@dataclass(frozen=True)
class Entry:
    """One section as every format names it."""

    number: int  # 1-based
    section: Section

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def page(self) -> str:
        """Its e-learning page, relative to the module folder: "01-why-a-space-to-think.html"."""
        return f"{self.number:02d}-{slugify(self.section.title)}.html"

    @property
    def anchor(self) -> str:
        """Its anchor within a module's printed pages (a handbook prefixes the module's slug)."""
        return f"s{self.number}"

    def block_id(self, index: int) -> str:
        return block_id(self.number, index)

    @property
    def questions(self) -> tuple[str, ...]:
        """The ids of its knowledge-check questions, in order."""
        return tuple(q.id for q in self.tracked if q.kind != "path")

    @property
    def tracked(self) -> tuple[Tracked, ...]:
        """Its questions and branching scenarios, in page order."""
        found: list[Tracked] = []
        for index, block in enumerate(self.section.blocks, start=1):
            if isinstance(block, KnowledgeCheck):
                for q, question in enumerate(block.questions, start=1):
                    found.append(_tracked(question_id(self.block_id(index), q), question))
            elif isinstance(block, BranchingScenario):
                found.append(Tracked(self.block_id(index), "path", len(block.steps), block.scored))
        return tuple(found)


def _tracked(qid: str, question) -> Tracked:
    if question.kind == "order":
        shown = question.shown
        return Tracked(qid, "order", len(question.order), True, tuple(shown.index(i) + 1 for i in range(len(shown))))
    if question.kind == "match":
        shown = question.shown
        return Tracked(qid, "match", len(question.pairs), True, tuple(shown.index(i) + 1 for i in range(len(shown))))
    return Tracked(qid, "choice", len(question.options), True,
                   tuple(n for n, option in enumerate(question.options, start=1) if option.correct), question.multiple)


@dataclass(frozen=True)
class Outline:
    module: Module

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(Entry(number, section) for number, section in enumerate(self.module.sections, start=1))

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(q for entry in self.entries for q in entry.questions)

    @property
    def tracked(self) -> tuple[Tracked, ...]:
        return tuple(item for entry in self.entries for item in entry.tracked)


def outline(module: Module) -> Outline:
    return Outline(module)


SUMMARY_PAGE = "summary.html"  # the e-learning page that lists a module's references


def reference_anchor(ref_id: str) -> str:
    """The anchor of a reference in a module's reference list: "ref-leamy-2011"."""
    return f"ref-{ref_id}"


def citer(module: Module, href: Callable[[str], str] | None) -> Callable[[str], Cited | None]:
    """How one output shows a citation of `module`'s references: author and date, linked to
    `href(ref_id)` (the entry in the output's reference list; None: not linked); None for an id the
    module does not have."""
    from .markdown import Cited
    from .provenance import short_citation

    found = {ref.id: ref for ref in module.references if ref.id}

    def cite(ref_id: str) -> Cited | None:
        ref = found.get(ref_id)
        return Cited(short_citation(ref), href(ref_id) if href else None) if ref else None

    return cite
