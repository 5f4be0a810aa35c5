"""Markdown → slide text: runs of plain words (bold, code, safe links), never HTML.

A section's Markdown becomes chunks, one per heading. Each paragraph or list item of a chunk
becomes one slide line: a paragraph by its first sentence, a list item by its first sentences up
to a length. Every line keeps the full prose it summarises, for the speaker notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from markdown_it.token import Token

from ..markdown import LINK_SCHEMES, parse

ITEM_LIMIT = 150  # characters of a list item kept on a slide; the rest goes into the notes
SHORT_LIST, SHORT_ITEM = 6, 40  # a bullet list longer than this, of items no longer than that, becomes one line
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9£])")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    code: bool = False
    link: str | None = None  # only http, https and mailto addresses


@dataclass
class Para:
    """One paragraph on a slide."""

    spans: list[Span]
    bullet: str | None = "•"  # "•", "1.", "A." … or None for a plain paragraph
    source: str = ""  # the prose this line stands for, for the speaker notes
    keep_with_next: bool = False  # a lead-in such as "Talk about:" never ends a slide
    continues: bool = False  # the rest of a paragraph too long for one slide: no new bullet

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass
class Picture:
    src: str  # as written in the Markdown
    alt: str


@dataclass
class Chunk:
    """The text under one heading (or before the first one)."""

    heading: str | None
    paras: list[Para] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def para(text: str, bullet: str | None = "•", *, bold: bool = False, source: str | None = None,
         keep_with_next: bool = False) -> Para:
    """A slide line from plain text (YAML fields that are not Markdown)."""
    return Para([Span(text, bold=bold)], bullet, text if source is None else source, keep_with_next)


def safe_link(href: str) -> str | None:
    scheme = urlparse(href).scheme.lower()
    return href if scheme in LINK_SCHEMES else None


def inline_spans(text: str) -> list[Span]:
    """One line of Markdown (a YAML field) as runs."""
    spans: list[Span] = []
    for token in parse(text):
        if token.type == "inline" and token.children:
            if spans:
                spans.append(Span(" "))
            spans += _spans(token.children, [])
    return _merge(spans)


def chunks(markdown: str) -> list[Chunk]:
    """Split a Markdown text at its headings; every paragraph and list item becomes a full-text Para."""
    found = [Chunk(None)]
    numbers: list[int | None] = []  # the next number of each open list; None for bullets
    lead = ""
    cells: list[list[Span]] | None = None  # the cells of the table row being read
    header = False
    for token in parse(markdown):
        if token.type in ("thead_open", "thead_close"):
            header = token.type == "thead_open"
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            if cells and not header:  # a row becomes one line: "First cell: the other cells"
                found[-1].paras.append(_row(cells))
            cells = None
        elif token.type == "inline" and cells is not None:
            cells.append(_merge(_spans(token.children or [], [])))
        elif token.type == "heading_open":
            found.append(Chunk(None))
            lead = "heading"
        elif token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type == "ordered_list_open":
            numbers.append(int(token.attrs.get("start", 1) or 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif token.type == "list_item_open":
            lead = "item"
        elif token.type == "inline" and lead == "heading":
            found[-1].heading = plain(token)
            lead = ""
        elif token.type == "inline":
            pictures: list[Picture] = []
            spans = _merge(_spans(token.children or [], pictures))
            found[-1].pictures += pictures
            if "".join(s.text for s in spans).strip():
                bullet = None
                if lead == "item" and numbers:
                    bullet = "•" if numbers[-1] is None else f"{numbers[-1]}."
                    if numbers[-1] is not None:
                        numbers[-1] += 1
                full = "".join(s.text for s in spans).strip()
                found[-1].paras.append(Para(spans, bullet, (f"{bullet} " if bullet else "") + full))
            lead = ""
        elif token.type in ("fence", "code_block") and token.content.strip():
            found[-1].paras.append(Para([Span(token.content.strip(), code=True)], None, token.content.strip()))
    return [chunk for chunk in found if chunk.paras or chunk.pictures or chunk.heading]


def _row(cells: list[list[Span]]) -> Para:
    spans = [replace(span, bold=True) for span in cells[0]]
    for n, cell in enumerate(cells[1:]):
        spans += [Span(": " if n == 0 else "; "), *cell]
    spans = _merge(spans)
    return Para(spans, "•", "• " + "".join(span.text for span in spans))


def key_points(chunk: Chunk) -> list[Para]:
    """The chunk's lines shortened to what a slide shows, each keeping its full prose as `source`.

    A list item keeps its first sentences up to ITEM_LIMIT characters. A paragraph keeps its first
    sentence, or its first two or three when the chunk has few lines, so a short chunk's point
    (often in its second sentence) is not lost.
    """
    sentences = 1 if len(chunk.paras) >= 4 else 2 if len(chunk.paras) >= 2 else 3
    points = []
    for item in _short_lists_joined(chunk.paras):
        spans = _first_sentences(item.spans, ITEM_LIMIT) if item.bullet else _sentences(item.spans, sentences)
        text = "".join(s.text for s in spans).rstrip()
        lead_in = text.endswith(":")
        bullet = None if lead_in else (item.bullet or "•")
        points.append(Para(spans, bullet, item.source, keep_with_next=lead_in))
    return points


def _short_lists_joined(paras: list[Para]) -> list[Para]:
    """A long list of short items ("safety", "choice"…) as one line, rather than slide after slide of them."""
    joined: list[Para] = []
    run: list[Para] = []
    for item in [*paras, None]:
        if item is not None and item.bullet == "•":
            run.append(item)
            continue
        if len(run) > SHORT_LIST and all(len(p.text) <= SHORT_ITEM for p in run):
            spans = [span for n, p in enumerate(run) for span in ([Span(", ")] if n else []) + p.spans]
            joined.append(Para(_merge(spans), "•", "\n".join(p.source for p in run)))
        else:
            joined += run
        run = []
        if item is not None:
            joined.append(item)
    return joined


def plain(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")).strip()


def _spans(children: list[Token], pictures: list[Picture]) -> list[Span]:
    spans: list[Span] = []
    bold = 0
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            link = safe_link(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            link = None
        elif kind == "text":
            spans.append(Span(child.content, bold=bold > 0, link=link))
        elif kind == "code_inline":
            spans.append(Span(child.content, bold=bold > 0, code=True, link=link))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bold=bold > 0, link=link))
        elif kind == "image":
            pictures.append(Picture(str(child.attrs.get("src", "")), child.content))
        # html_inline and anything else: dropped, a deck never carries raw HTML
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        elif span.text:
            merged.append(span)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return [span for span in merged if span.text]


def _sentence_ends(spans: list[Span]) -> list[int]:
    text = "".join(span.text for span in spans)
    return [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]


def _first_sentences(spans: list[Span], limit: int) -> list[Span]:
    ends = _sentence_ends(spans)
    return cut(spans, max([e for e in ends if e <= limit] or [ends[0]]))


def _sentences(spans: list[Span], count: int) -> list[Span]:
    ends = _sentence_ends(spans)
    return cut(spans, ends[min(count, len(ends)) - 1])


def cut(spans: list[Span], length: int) -> list[Span]:
    """The first `length` characters of the runs."""
    kept: list[Span] = []
    for span in spans:
        if length <= 0:
            break
        kept.append(replace(span, text=span.text[:length]))
        length -= len(span.text)
    return _merge(kept)


def split_words(spans: list[Span]) -> list[Span]:
    """Runs cut at spaces (each word keeps its trailing space), for wrapping and splitting.

    A link stays one piece: LibreOffice lays a hyperlink out as one field that never breaks at a space.
    """
    words = []
    for span in spans:
        for piece in [span.text] if span.link else _WORDS.findall(span.text):
            words.append(Span(piece, span.bold, span.code, span.link))  # not replace(): this runs very often
    return words


_WORDS = re.compile(r"\S+\s*|\s+")
