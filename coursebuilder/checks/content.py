"""Every piece of text in a course, in reading order, ready for the checks.

The model says which fields of a block hold words and what kind (model.words_in); this module
puts them in reading order with everything else a module says: Markdown or plain, seen by learners
or only by facilitators, running text or a title. References are left out:
their titles quote published work, and are not our words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..load import LoadedCourse, LoadedModule
from ..model import Quote, words_in
from ..project import MODULE_FILE
from ..source import Loc, YamlDocument, read_text
from .prose import markdown_text
from .text import AuthorText, Comment, FileLocator, Lines, Place, align_scalar, in_another_language, plain_text

COMMENT = re.compile(r"(?:^|\s)#\s*(coursebuilder\s*:.*)$")


@dataclass
class YamlFile:
    """A YAML file the author wrote, with its text, so values can be traced to line and column."""

    doc: YamlDocument
    lines: Lines
    language: str | None = None  # the language of its words, unless a value says otherwise (the course's)
    block_lines: set[int] = field(default_factory=set)  # lines inside `|` and `>` blocks

    @classmethod
    def read(cls, doc: YamlDocument, file, language: str | None = None) -> YamlFile:
        return cls(doc, Lines(read_text(file, doc.path).text), language)

    def value(self, loc: Loc) -> Any:
        node = self.doc.data
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def text(self, loc: Loc, kind: str, **details) -> list[AuthorText]:
        """The string at `loc` (or each string in the list at `loc`) as author text."""
        value = self.value(loc)
        if isinstance(value, list):
            return [t for i in range(len(value)) for t in self.text((*loc, i), kind, **details)]
        if not isinstance(value, str) or not value.strip() or loc not in self.doc.value_positions:
            return []
        line, column = self.doc.value_positions[loc]
        locator = align_scalar(self.lines, line, column, value)
        start = self.lines.offset(line, column)
        if self.lines.text[start:start + 1] in ("|", ">"):
            last = locator.at(len(value) - 1)[0] if value else line
            self.block_lines.update(range(line + 1, last + 1))
        details.setdefault("prose", kind in ("prose", "markdown"))
        details.setdefault("language", self.language)
        if kind == "markdown":
            return [markdown_text(self.doc.path, value, locator, loc=loc, heading_shift=1, **details)]
        return [plain_text(self.doc.path, value, locator, loc=loc, **details)]

    def comments(self) -> list[Comment]:
        """`# coursebuilder: …` comments, each speaking about the YAML entry it is on or above."""
        lines = self.lines.text.split("\n")
        found = []
        for number, line in enumerate(lines, start=1):
            match = COMMENT.search(line)
            if not match or number in self.block_lines:
                continue
            own_line = not line[:match.start()].strip()
            start = number + 1 if own_line else number
            while own_line and start <= len(lines) and (not lines[start - 1].strip()
                                                         or lines[start - 1].lstrip().startswith("#")):
                start += 1
            end = start
            if start <= len(lines):
                indent = _indent(lines[start - 1])
                while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                            or _indent(lines[end]) > indent):
                    end += 1
            column = match.start(1) + 1
            found.append(Comment(match[1], Place(self.doc.path, number, column),
                                 start, end if start <= len(lines) else start - 1))
        return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass
class CourseText:
    """The words of a course: course.yaml and each loaded module, with their comments."""

    texts: list[AuthorText]
    comments: list[Comment]
    modules: dict[str, list[AuthorText]]  # slug → that module's texts, in reading order


def collect(course: LoadedCourse) -> CourseText:
    texts, comments = course_words(course)
    modules = {}
    for module in course.modules:
        modules[module.slug], module_comments = module_words(module, course.meta.language)
        texts += modules[module.slug]
        comments += module_comments
    return CourseText(texts, comments, modules)


def course_words(course: LoadedCourse) -> tuple[list[AuthorText], list[Comment]]:
    """The words of course.yaml, and every comment in it."""
    course_yaml = YamlFile.read(course.yaml, course.project.course_file, course.meta.language)
    texts: list[AuthorText] = []
    for key, kind in (("title", "label"), ("organisation", "label"), ("summary", "markdown"),
                      ("audience", "label"), ("co_production", "markdown"), ("group_agreement", "prose")):
        texts += course_yaml.text((key,), kind, prose=False)
    for i in range(len(course.meta.signposting)):
        texts += course_yaml.text(("signposting", i, "name"), "label")
        texts += course_yaml.text(("signposting", i, "contact"), "prose", prose=False)
    return texts, course_yaml.comments() + [comment for text in texts for comment in text.comments]


FACILITATOR_FIELDS = {"facilitator_notes", "debrief"}  # block fields only facilitators see


def module_words(module: LoadedModule, language: str | None = None) -> tuple[list[AuthorText], list[Comment]]:
    """A module's words in reading order, and every comment in its YAML and Markdown. `language` is the
    course's: the checks read only English words, so a course in another language has only the passages
    it marks as English checked."""
    module_yaml = YamlFile.read(module.yaml, module.folder / MODULE_FILE, language)
    texts = module_texts(module, module_yaml)
    return texts, module_yaml.comments() + [comment for text in texts for comment in text.comments]


def module_texts(module: LoadedModule, yaml: YamlFile) -> list[AuthorText]:
    meta = module.meta
    texts: list[AuthorText] = []
    texts += yaml.text(("title",), "label")
    texts += yaml.text(("summary",), "prose")
    texts += yaml.text(("authors",), "label")
    for i, record in enumerate(meta.co_production):
        texts += yaml.text(("co_production", i, "what"), "prose")
        for j in range(len(record.who)):
            texts += yaml.text(("co_production", i, "who", j, "role"), "label")
    for i in range(len(meta.approvals)):
        texts += yaml.text(("approvals", i, "role"), "label")
        texts += yaml.text(("approvals", i, "approved"), "label")
    texts += yaml.text(("audience",), "label")
    texts += yaml.text(("outcomes",), "prose")
    texts += yaml.text(("content_note", "topics"), "label")
    texts += yaml.text(("content_note", "text"), "markdown")
    read: set[str] = set()
    for s, section in enumerate(meta.sections):
        where = {"section": s}
        texts += yaml.text(("sections", s, "title"), "label", **where)
        for field, kind in words_in(section, ("sections", s)):
            if field[2] != "blocks":  # the section's own Markdown fields (its slide text); blocks follow
                texts += yaml.text(field, kind, **where)
        for name, participant in ((section.body, True), (section.facilitator_notes, False)):
            document = module.document(name)
            if document is None or document.path in read:
                continue
            read.add(document.path)
            texts.append(markdown_text(document.path, document.text, FileLocator(document.text),
                                       participant=participant, language=yaml.language, **where))
        for b, block in enumerate(section.blocks):
            loc = ("sections", s, "blocks", b)
            quoted = isinstance(block, Quote) and block.source is not None  # published words are not ours
            lang = getattr(block, "lang", None) or yaml.language
            foreign = in_another_language(lang)  # the English checks leave it alone
            for field, kind in words_in(block, loc):
                ours = not foreign and not (quoted and field[-1] == "text")
                facilitator = any(part in FACILITATOR_FIELDS for part in field[len(loc):])
                texts += yaml.text(field, kind, own_words=ours, language=lang,
                                   **({"prose": False} if foreign else {}),
                                   **({"participant": False} if facilitator else {}), **where)
    for g in range(len(meta.glossary)):
        texts += yaml.text(("glossary", g, "term"), "label")
        texts += yaml.text(("glossary", g, "definition"), "prose")
    return texts
