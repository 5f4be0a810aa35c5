"""Author text as the checks see it: words with every character traced back to the author's file.

A check never reports a place in generated output. Each piece of text (a Markdown file, or one
string value in a YAML file) keeps a `Locator` that turns an offset in the text into the line and
column where the author typed it: for YAML that means following the scalar through quotes,
escapes, folding and the indentation of `|` and `>` blocks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..source import Loc

SKIP_LIMIT = 10  # characters of markup (quotes, escapes, entities) passed over while lining up text


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    column: int


class Lines:
    """Offsets ↔ 1-based lines and columns in one string."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


class Locator:
    """Where each character of a text was written: `at(offset)` → (line, column) in the file."""

    def at(self, offset: int) -> tuple[int, int]:
        raise NotImplementedError


class FileLocator(Locator):
    """The text is the whole file (a Markdown document)."""

    def __init__(self, text: str):
        self.lines = Lines(text)

    def at(self, offset: int) -> tuple[int, int]:
        return self.lines.position(max(0, min(offset, len(self.lines.text))))


class ScalarLocator(Locator):
    """The text is one YAML string value; `offsets[i]` is where its character i sits in the file."""

    def __init__(self, file: Lines, offsets: list[int]):
        self.file = file
        self.offsets = offsets

    def at(self, offset: int) -> tuple[int, int]:
        if not self.offsets:
            return 1, 1
        return self.file.position(self.offsets[max(0, min(offset, len(self.offsets) - 1))])


def align_scalar(file: Lines, line: int, column: int, value: str) -> ScalarLocator:
    """Line up a YAML string value with the file text it was read from.

    YAML may fold line breaks into spaces, drop indentation and quotes, and turn escapes into
    characters, so each character of the value is matched, in order, with the next equal
    character of the file; markup in between is passed over.
    """
    text = file.text
    p = file.offset(line, column)
    if p < len(text) and text[p] in "|>":  # block scalar: the text starts on the next line
        newline = text.find("\n", p)
        p = newline + 1 if newline >= 0 else len(text)
    elif p < len(text) and text[p] in "\"'":
        p += 1
    offsets: list[int] = []
    for char in value:
        if char.isspace():
            offsets.append(min(p, len(text) - 1) if text else 0)
            if p < len(text) and text[p].isspace():
                p += 1
            continue
        j = seek(text, char, p)
        if j is None:
            offsets.append(min(p, len(text) - 1) if text else 0)
        else:
            offsets.append(j)
            p = j + 1
    return ScalarLocator(file, offsets)


def seek(text: str, char: str, start: int) -> int | None:
    """The next position of `char` in `text` from `start`, passing over spaces and a little markup."""
    j, skipped = start, 0
    while j < len(text) and text[j] != char:
        if not text[j].isspace():
            skipped += 1
            if skipped > SKIP_LIMIT:
                return None
        j += 1
    return j if j < len(text) else None


@dataclass
class Passage:
    """One block of running text (a paragraph, list item, heading…) with its markup removed."""

    kind: str  # paragraph | item | heading | cell | alt | text
    text: str
    origin: list[int]  # for each character of `text`, its offset in the author text
    teaching: bool = False  # inside a "Language example" passage that teaches about words

    @property
    def prose(self) -> bool:
        """Running text that readability counts (not headings, table cells or alt text)."""
        return self.kind in ("paragraph", "item", "text")


@dataclass
class Link:
    text: str
    href: str
    offset: int  # in the author text, where the link starts


@dataclass
class Picture:
    alt: str
    src: str
    offset: int


@dataclass
class Emphasis:
    kind: str  # italic | underline
    text: str
    offset: int


@dataclass
class Heading:
    level: int  # as written
    offset: int


@dataclass
class Note:
    """A footnote mark (`[^label]` in the text) or a note (`[^label]: …` on a line of its own)."""

    kind: str  # mark | note
    label: str
    offset: int
    found: bool = True  # for a mark: whether its note exists (markdown-it leaves an unmatched mark as text)


@dataclass
class Language:
    """A passage marked as being in a language: `[words]{lang=cy}`, or `{lang=cy}` before a block."""

    tag: str  # as written
    offset: int
    valid: bool


@dataclass
class Comment:
    """An HTML or YAML comment, and the lines of the file it speaks about."""

    text: str
    place: Place
    first_line: int
    last_line: int  # less than first_line when it speaks about nothing


@dataclass
class AuthorText:
    """One piece of text an author wrote: a Markdown file, or one string value in a YAML file."""

    file: str  # as shown to the author
    text: str
    locator: Locator
    markdown: bool = False
    participant: bool = True  # shown to learners (facilitator notes are not)
    own_words: bool = True  # our words, so the language rules apply (not a real person's quote)
    language: str | None = None  # the language its unmarked words are in (None: English, the checks' language)
    prose: bool = True  # running text that readability counts (not titles, names or lists of materials)
    section: int | None = None  # index of the section it belongs to
    loc: Loc | None = None  # for YAML values: the path to the value
    heading_shift: int = 0  # added to heading levels when rendered (1 inside blocks)
    passages: list[Passage] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    emphasis: list[Emphasis] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    headerless_tables: list[int] = field(default_factory=list)  # offsets of tables without a header row
    comments: list[Comment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # footnote marks and the notes themselves
    languages: list[Language] = field(default_factory=list)  # passages marked as in another language
    unread_marks: list[int] = field(default_factory=list)  # offsets of `{…}` marks markdown-it left as text
    unknown_marks: list[tuple[str, str, int]] = field(default_factory=list)  # (`.name`, block type, offset)
    citations: list[tuple[str, int]] = field(default_factory=list)  # (reference id, offset) of each `[@id]`
    unread_citations: list[int] = field(default_factory=list)  # offsets of `[@…` that is not a citation

    def place(self, offset: int) -> Place:
        line, column = self.locator.at(offset)
        return Place(self.file, line, column)

    def passage_place(self, passage: Passage, index: int) -> Place:
        if not passage.origin:
            return self.place(0)
        return self.place(passage.origin[max(0, min(index, len(passage.origin) - 1))])

    def line_of(self, offset: int) -> int:
        return self.locator.at(offset)[0]


def plain_text(file: str, text: str, locator: Locator, **details) -> AuthorText:
    """A YAML value that is not Markdown: one passage, the value itself."""
    author = AuthorText(file, text, locator, **details)
    words = " " * len(text) if in_another_language(author.language) else text  # the checks read English only
    author.passages.append(Passage("text", words, list(range(len(text)))))
    return author


def in_another_language(lang: str | None) -> bool:
    """Whether words in `lang` (a language tag; None: the checks' own) are kept out of the checks, which
    read English: their word lists, patterns and reading-grade formula are English ones."""
    return lang is not None and not lang.lower().startswith("en")
