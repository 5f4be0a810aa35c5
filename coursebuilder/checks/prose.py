"""Markdown → passages of plain words, each character traced back to the author's text.

markdown-it decides what is markup (so the checks agree with what is rendered). Its inline tokens
carry no columns, so each one is lined up, in order, with the raw text of its block. Links,
pictures, emphasis, headings, tables and comments are collected on the way for the accessibility
checks and for suppressions.
"""

from __future__ import annotations

import bisect
import re

from markdown_it.token import Token

from ..markdown import LANGUAGE_TAG, parse
from .text import (AuthorText, Comment, Emphasis, Heading, Language, Lines, Link, Locator, Note, Passage, Picture,
                   in_another_language, seek)

TEACHING = re.compile(r"^[\s*_]*language examples?\b", re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
HTML_EMPHASIS = re.compile(r"<(/?)(u|ins|i|em)\b", re.IGNORECASE)
NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")  # left as text by markdown-it when the note is missing
NOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
UNREAD_MARK = re.compile(r"\{[^{}\n]*\blang\b[^{}\n]*\}")  # a language mark written so it stays text


def _foreign(lang: str | None) -> bool:
    """Words the English checks leave alone: a passage marked as in another language."""
    return in_another_language(lang)


def markdown_text(file: str, text: str, locator: Locator, **details) -> AuthorText:
    author = AuthorText(file, text, locator, markdown=True, **details)
    tokens = parse(text)
    _Reader(author).read(tokens)
    if "[^" in text:
        code = [t.map for t in tokens if t.type in ("fence", "code_block") and t.map]
        lines = Lines(text)
        for match in NOTE.finditer(text):
            line = lines.position(match.start())[0] - 1  # 0-based, as token maps count
            if not any(first <= line < end for first, end in code):
                author.notes.append(Note("note", match[1], match.start(1) - 2))
    return author


class _Reader:
    """Walks the block tokens of one Markdown text, filling in its AuthorText."""

    def __init__(self, author: AuthorText):
        self.author = author
        self.lines = author.text.split("\n")
        self.line_starts = [0]
        for line in self.lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)

    def read(self, tokens: list[Token]) -> None:
        languages: list[str | None] = []  # the language each open block names, if any
        containers: list[Token] = []  # open list items and blockquotes
        teaching_depth: int | None = None  # nesting depth of the open "Language example" quote
        pending: list[tuple[str, int]] = []  # comments on their own lines, waiting for the next block
        header_cells: list[Token] | None = None  # of the table being read
        table_offset = 0
        for index, token in enumerate(tokens):
            if pending and token.map and token.nesting >= 0 and token.type != "html_block":
                for comment, offset in pending:
                    self.comment(comment, offset, token.map)
                pending = []
            if token.nesting == 1:
                languages.append(self._language(token))
                self._marks(token)
            elif token.nesting == -1 and languages:
                languages.pop()
            if token.type in ("blockquote_open", "list_item_open"):
                containers.append(token)
                if token.type == "blockquote_open" and teaching_depth is None and _teaches(tokens, index):
                    teaching_depth = len(containers)
            elif token.type in ("blockquote_close", "list_item_close"):
                if teaching_depth == len(containers):
                    teaching_depth = None
                containers.pop()
            elif token.type == "html_block":
                pending += self._html_block(token)
            elif token.type == "table_open":
                header_cells, table_offset = [], self.offset_of_line(token.map[0] if token.map else 0)
            elif token.type == "table_close":
                if header_cells is not None and not any(cell.content.strip() for cell in header_cells):
                    self.author.headerless_tables.append(table_offset)
                header_cells = None
            elif token.type == "inline":
                parent = tokens[index - 1] if index else None
                kind = _kind(parent, containers)
                if parent is not None and parent.type == "th_open" and header_cells is not None:
                    header_cells.append(token)
                if kind == "heading" and parent is not None:
                    self._heading(int(parent.tag[1]), token)
                lang = next((lang for lang in reversed(languages) if lang), self.author.language)
                _Inline(self, token).read(kind, teaching_depth is not None, _foreign(lang))
        for comment, offset in pending:  # comments with nothing after them
            self.comment(comment, offset, None)

    def _language(self, token: Token) -> str | None:
        """The language a block names (`{lang=cy}` on the line before it), noted for the checks."""
        lang = token.attrs.get("lang") if token.attrs else None
        if lang is None:
            return None
        first = token.map[0] if token.map else 0
        offset = self._find(f"lang={lang}", self.offset_of_line(max(0, first - 1)))
        valid = bool(LANGUAGE_TAG.match(str(lang)))
        self.author.languages.append(Language(str(lang), offset, valid))
        return str(lang) if valid else None

    def _marks(self, token: Token) -> None:
        """Class marks (`{.name}` on the line before a block) that do nothing there, noted for the checks."""
        marks = (token.meta or {}).get("marks") if token.meta else None
        if not marks:
            return
        first = token.map[0] if token.map else 0
        start = self.offset_of_line(max(0, first - 1))
        for name in marks:
            at = self._find("." + name, start)
            self.author.unknown_marks.append((name, token.type.removesuffix("_open"), at))

    def _html_block(self, token: Token) -> list[tuple[str, int]]:
        start = self.offset_of_line(token.map[0] if token.map else 0)
        raw = token.content
        if re.search(r"<table\b", raw, re.IGNORECASE) and not re.search(r"<th\b", raw, re.IGNORECASE):
            self.author.headerless_tables.append(start + max(0, raw.lower().find("<table")))
        for match in re.finditer(r"<(u|ins)\b[^>]*>(.*?)</\1\s*>", raw, re.IGNORECASE | re.DOTALL):
            self.author.emphasis.append(Emphasis("underline", match[2], self._find(match[0], start)))
        return [(match[1], self._find(match[0], start)) for match in HTML_COMMENT.finditer(raw)]

    def _heading(self, level: int, token: Token) -> None:
        line = token.map[0] if token.map else 0
        indent = len(self.lines[line]) - len(self.lines[line].lstrip())
        self.author.headings.append(Heading(level, self.offset_of_line(line) + indent))

    def comment(self, text: str, offset: int, scope: list[int] | None) -> None:
        """A comment and the lines it speaks about: `scope` is a block's [first, end) lines."""
        if scope is None:
            first, last = 0, -1
        else:
            first = self.author.line_of(self.offset_of_line(scope[0]))
            last = self.author.line_of(self.offset_of_line(max(scope[0], scope[1] - 1)))
        self.author.comments.append(Comment(text, self.author.place(offset), first, last))

    def offset_of_line(self, line: int) -> int:
        return self.line_starts[max(0, min(line, len(self.line_starts) - 1))]

    def raw_line_offsets(self, raw: str, first_line: int) -> list[int]:
        """For each line of a block's raw inline text, the offset in the author text where it starts.

        markdown-it strips quote markers, list indentation and surrounding spaces from each line,
        so a raw line is found at the end of its source line (or, for table cells, inside it).
        """
        starts = []
        for k, raw_line in enumerate(raw.split("\n")):
            number = min(first_line + k, len(self.lines) - 1)
            line = self.lines[number]
            wanted = raw_line.rstrip()
            if wanted and line.rstrip().endswith(wanted):
                column = len(line.rstrip()) - len(wanted)
            else:
                found = line.find(wanted.strip()) if wanted.strip() else -1
                column = found - (len(wanted) - len(wanted.lstrip())) if found >= 0 else 0
            starts.append(self.line_starts[number] + max(0, column))
        return starts

    def _find(self, snippet: str, start: int) -> int:
        found = self.author.text.find(snippet, start)
        return found if found >= 0 else start


class _Inline:
    """One block's inline tokens, lined up with its raw text: words go into a Passage."""

    def __init__(self, reader: _Reader, token: Token):
        self.reader = reader
        self.author = reader.author
        self.token = token
        self.raw = token.content
        self.line_offsets = reader.raw_line_offsets(self.raw, token.map[0] if token.map else 0)
        self.raw_line_starts = [0] + [i + 1 for i, char in enumerate(self.raw) if char == "\n"]
        self.cursor = 0  # how far into the raw text the tokens have been lined up
        self.text: list[str] = []
        self.origin: list[int] = []

    def source(self, raw_offset: int) -> int:
        """Offset in the author text of an offset in the block's raw text."""
        raw_offset = max(0, min(raw_offset, max(0, len(self.raw) - 1)))
        line = bisect.bisect_right(self.raw_line_starts, raw_offset) - 1
        return self.line_offsets[min(line, len(self.line_offsets) - 1)] + raw_offset - self.raw_line_starts[line]

    def source_run(self, start: int, length: int) -> list[int]:
        """`source` of each of `length` raw offsets from `start`: consecutive within a line, so one
        lookup per line rather than per character (checks spend most of their time here)."""
        offsets: list[int] = []
        position, end = start, start + length
        while position < end:
            line = bisect.bisect_right(self.raw_line_starts, position) - 1
            line_end = self.raw_line_starts[line + 1] if line + 1 < len(self.raw_line_starts) else end
            stop = min(end, max(line_end, position + 1))
            first = self.source(position)
            offsets.extend(range(first, first + stop - position))
            position = stop
        return offsets

    def locate(self, content: str) -> list[int]:
        """Author-text offsets of each character of `content`, the next words in the raw text."""
        found = self.raw.find(content, self.cursor) if content else -1
        if found >= 0 and (found == self.cursor or seek(self.raw, content[0], self.cursor) == found):
            self.cursor = found + len(content)
            return self.source_run(found, len(content))
        offsets = []  # escapes or entities: line up character by character
        for char in content:
            j = seek(self.raw, char, self.cursor)
            offsets.append(self.source(self.cursor if j is None else j))
            if j is not None:
                self.cursor = j + 1
        return offsets

    def skip_to(self, marker: str) -> int:
        """Move past the next `marker`; returns where it starts."""
        found = self.raw.find(marker, self.cursor) if marker else -1
        if found < 0:
            return self.cursor
        self.cursor = found + len(marker)
        return found

    def skip_destination(self) -> None:
        """After the text of a link or picture: `](address "title")` or `][label]`."""
        close = self.raw.find("]", self.cursor)
        if close < 0:
            return
        self.cursor = close + 1
        if self.raw.startswith("(", self.cursor):
            depth, j = 0, self.cursor
            while j < len(self.raw):
                depth += {"(": 1, ")": -1}.get(self.raw[j], 0)
                if depth == 0:
                    break
                j += 1
            self.cursor = j + 1
        elif self.raw.startswith("[", self.cursor):
            end = self.raw.find("]", self.cursor)
            self.cursor = end + 1 if end >= 0 else self.cursor

    def add(self, content: str, offsets: list[int]) -> None:
        self.text.extend(content)
        self.origin.extend(offsets)

    def read(self, kind: str, teaching: bool, foreign: bool = False) -> None:
        link: tuple[int, int, str] | None = None  # (raw start, text start, address)
        spans: list[bool] = []  # for each open language span: whether its words are in another language
        opened: dict[str, list[tuple[int, int]]] = {"italic": [], "underline": []}  # (raw start, text start)

        def close(kind_of: str) -> None:
            if opened[kind_of]:
                start, text_start = opened[kind_of].pop()
                self.author.emphasis.append(Emphasis(kind_of, "".join(self.text[text_start:]), self.source(start)))

        for child in self.token.children or []:
            if child.type == "text":
                offsets = self.locate(child.content)
                for match in NOTE_MARK.finditer(child.content) if "[^" in child.content else ():
                    self.author.notes.append(Note("mark", match[1], offsets[match.start()] if offsets else 0,
                                                  found=False))
                for match in UNREAD_MARK.finditer(child.content) if "{" in child.content else ():
                    self.author.unread_marks.append(offsets[match.start()] if offsets else 0)
                for match in re.finditer(r"\[\s*@", child.content) if "@" in child.content else ():
                    self.author.unread_citations.append(offsets[match.start()] if offsets else 0)
                if spans[-1] if spans else foreign:  # not English words: kept out of the English checks
                    self.add(" " * len(child.content), offsets)
                else:
                    self.add(child.content, offsets)
            elif child.type == "citation":  # not words of the sentence: "(Leamy and others, 2011)" in outputs
                start = self.skip_to(child.content)
                for ref_id, _ in child.meta["items"]:
                    at = child.content.find("@" + ref_id)
                    self.author.citations.append((ref_id, self.source(start + max(0, at) + 1)))
                self.add(" ", [self.source(start)])
            elif child.type == "span_open":
                start = self.skip_to("[")
                lang = str(child.attrs.get("lang", "")) if child.attrs else ""
                valid = bool(LANGUAGE_TAG.match(lang))
                if lang:
                    where = self.raw.find(f"lang={lang}", self.cursor)
                    self.author.languages.append(Language(lang, self.source(where if where >= 0 else start), valid))
                spans.append(_foreign(lang) if valid else (spans[-1] if spans else foreign))
            elif child.type == "span_close":
                self.skip_to("]")
                self.skip_to("}")
                if spans:
                    spans.pop()
            elif child.type == "footnote_ref":  # the mark is not a word: "said.[^1] Next" is two sentences
                label = str(child.meta.get("label", ""))
                start = self.skip_to(f"[^{label}]")
                self.author.notes.append(Note("mark", label, self.source(start)))
            elif child.type in ("softbreak", "hardbreak"):
                self.add("\n", [self.source(self.skip_to("\n"))])
            elif child.type == "code_inline":  # code is not words: a space keeps its neighbours apart
                start = self.skip_to(child.markup)
                self.skip_to(child.content)
                self.skip_to(child.markup)
                self.add(" ", [self.source(start)])
            elif child.type == "html_inline":
                start = self.skip_to(child.content)
                comment = HTML_COMMENT.fullmatch(child.content)
                tag = HTML_EMPHASIS.match(child.content)
                if comment:
                    self.reader.comment(comment[1], self.source(start), self.token.map)
                elif tag:
                    kind_of = "underline" if tag[2].lower() in ("u", "ins") else "italic"
                    if tag[1]:
                        close(kind_of)
                    else:
                        opened[kind_of].append((start, len(self.text)))
            elif child.type == "link_open":
                start = self.skip_to("<" if child.markup == "autolink" else "[")
                link = (start, len(self.text), str(child.attrs.get("href", "")))
            elif child.type == "link_close":
                if child.markup == "autolink":
                    self.skip_to(">")
                else:
                    self.skip_destination()
                if link is not None:
                    start, text_start, address = link
                    self.author.links.append(Link("".join(self.text[text_start:]), address, self.source(start)))
                link = None
            elif child.type == "image":
                start = self.skip_to("![")
                alt = "".join(c.content for c in _walk(child.children or []) if c.type in ("text", "code_inline"))
                alt_origin = self.locate(alt)
                self.skip_destination()
                self.author.pictures.append(Picture(alt, str(child.attrs.get("src", "")), self.source(start)))
                if alt:
                    self.author.passages.append(Passage("alt", alt, alt_origin, teaching))
            elif child.type in ("em_open", "strong_open"):
                start = self.skip_to(child.markup)
                if child.type == "em_open":
                    opened["italic"].append((start, len(self.text)))
            elif child.type in ("em_close", "strong_close"):
                self.skip_to(child.markup)
                if child.type == "em_close":
                    close("italic")
        self.author.passages.append(Passage(kind, "".join(self.text), self.origin, teaching))


def _kind(parent: Token | None, containers: list[Token]) -> str:
    if parent is not None and parent.type == "heading_open":
        return "heading"
    if parent is not None and parent.type in ("th_open", "td_open"):
        return "cell"
    if containers and containers[-1].type == "list_item_open":
        return "item"
    return "paragraph"


def _teaches(tokens: list[Token], index: int) -> bool:
    """A blockquote whose first words are "Language example" teaches about words: it is not checked."""
    for token in tokens[index + 1:]:
        if token.type == "inline":
            plain = "".join(c.content for c in _walk(token.children or []) if c.type == "text")
            return bool(TEACHING.match(plain))
        if token.type == "blockquote_close":
            return False
    return False


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)
