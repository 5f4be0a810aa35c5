"""Markdown → slide text: runs of plain words (bold, code, safe links), never HTML.

A section's Markdown becomes chunks, one per heading. Each paragraph or list item of a chunk
becomes one slide paragraph with every word the author wrote (a line break the author made starts
a new slide paragraph); a slide never summarises on its own. A table stays a table (pptx_table.py).
Where the author wants shorter slides, they write the slide text themselves (a section's `slides:`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from markdown_it.token import Token

from ..markdown import LINK_SCHEMES, Cited, citation_text, language_of, parse

SHORT_LIST, SHORT_ITEM = 6, 40  # a bullet list longer than this, of items no longer than that, becomes one line
# How the module being drawn shows a citation ([@id] in its Markdown): set around a deck's planning.
CITE: ContextVar[Callable[[str], Cited | None] | None] = ContextVar("cite", default=None)
LINE_BREAK = "\n"  # an author's hard line break inside a paragraph, until the paragraph is split at it


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    code: bool = False
    link: str | None = None  # only http, https and mailto addresses
    lang: str | None = None  # the language the author marked ([Croeso]{lang=cy}); None: the course's


@dataclass
class Para:
    """One paragraph on a slide."""

    spans: list[Span]
    bullet: str | None = "•"  # "•", "1.", "A." … or None for a plain paragraph
    source: str = ""  # the prose this line stands for, for the speaker notes
    keep_with_next: bool = False  # a lead-in such as "Talk about:" never ends a slide
    continues: bool = False  # the rest of a paragraph too long for one slide: no new bullet
    notes: tuple[str, ...] = ()  # its footnotes ("1. The figure comes from…"), for the slide's speaker notes
    lang: str | None = None  # the language its block is marked as ({lang=ur}); None: the course's, or mixed

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass
class Picture:
    src: str  # as written in the Markdown
    alt: str


@dataclass
class Table:
    """A Markdown table: its header cells (empty when it has none) and its rows, each cell as runs; its
    caption (`Table: …`) and whether the first cell of each row is the row's header (`{.row-headers}`)."""

    header: list[list[Span]]
    rows: list[list[list[Span]]]
    caption: list[Span] = field(default_factory=list)
    row_headers: bool = False

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows)])


@dataclass
class Chunk:
    """The text under one heading (or before the first one).

    `paras` has every paragraph and list item, and each table row as one labelled line; `pieces`
    has the same in reading order with each table whole, for slides that draw tables."""

    heading: str | None
    paras: list[Para] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    pieces: list[Para | Table] = field(default_factory=list)
    level: int = 0  # 1 for #, 2 for ## …; 0 before the first heading

    def add(self, item: Para | Table) -> None:
        self.pieces.append(item)
        if isinstance(item, Table):
            self.paras += [labelled_row(item, row) for row in item.rows]
        else:
            self.paras.append(item)


def para(text: str, bullet: str | None = "•", *, bold: bool = False, source: str | None = None,
         keep_with_next: bool = False) -> Para:
    """A slide line from plain text (YAML fields that are not Markdown; citations there are a check error)."""
    return Para([Span(text, bold=bold)], bullet, text if source is None else source, keep_with_next)


def safe_link(href: str) -> str | None:
    scheme = urlparse(href).scheme.lower()
    return href if scheme in LINK_SCHEMES else None


LINK_CHARACTERS = 60  # a web address shown on a slide is never longer: a link never wraps in LibreOffice


def short_address(url: str) -> str:
    """A web address as a slide shows it: without https://, and when long, its site and the end of its
    path ("www.example.org/…/report.pdf"). The link itself always goes to the whole address."""
    shown = url.split("://", 1)[-1].rstrip("/")
    if len(shown) <= LINK_CHARACTERS:
        return shown
    site, _, path = shown.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    room = LINK_CHARACTERS - len(site) - 3
    if room < 8:
        return shown[:LINK_CHARACTERS - 1] + "…"
    return f"{site}/…/{last if len(last) <= room else last[:room - 1] + '…'}"


def inline_lines(text: str) -> list[list[Span]]:
    """A short Markdown field (a quote, a key point) as runs, one list per line the author wrote."""
    lines: list[list[Span]] = []
    for token in parse(text):
        if token.type == "inline" and token.children:
            lines += [line for line in _lines(_spans(token.children, [])) if line]
    return lines


def chunks(markdown: str) -> list[Chunk]:
    """Split a Markdown text at its headings; every paragraph and list item becomes a full-text Para."""
    found = [Chunk(None)]
    numbers: list[int | None] = []  # the next number of each open list; None for bullets
    lead = ""
    table: Table | None = None
    cells: list[list[Span]] | None = None  # the cells of the table row being read
    header = False
    notes: dict[int, str] = {}  # footnote number → its text
    marked: list[tuple[Para, list[int]]] = []  # each paragraph with the numbers of the footnotes it marks
    note: int | None = None  # the footnote being read (notes come after the text, in their own block)
    languages: list[str | None] = []  # the language each open block is marked as, if any
    for token in parse(markdown):
        if token.nesting == 1:
            languages.append(language_of(token) or (languages[-1] if languages else None))
        elif token.nesting == -1 and languages:
            languages.pop()
        lang = languages[-1] if languages else None
        if token.type in ("footnote_block_open", "footnote_block_close"):
            note = -1 if token.type == "footnote_block_open" else None
            continue
        if note is not None:
            if token.type == "footnote_open":
                note = int((token.meta or {}).get("id", 0))
            elif token.type == "inline" and note >= 0:
                text = " ".join("".join(s.text for s in _spans(token.children or [], [])).split())
                notes[note] = f"{notes[note]} {text}" if note in notes else text
            continue
        if token.type == "table_open":
            table = Table([], [])
        elif token.type == "table_close" and table is not None:
            if table.rows or table.header:
                found[-1].add(table)
            table = None
        elif token.type in ("thead_open", "thead_close"):
            header = token.type == "thead_open"
        elif token.type == "th_open" and table is not None and not header:
            table.row_headers = True
        elif token.type == "inline" and table is not None and cells is None:  # the caption
            table.caption = _merge([Span(" ") if s.text == LINE_BREAK else s
                                    for s in _spans(token.children or [], [], lang)])
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            if cells is not None and table is not None:
                if header:
                    table.header = cells
                elif any(cells):
                    table.rows.append(cells)
            cells = None
        elif token.type == "inline" and cells is not None:
            cells.append(_merge([Span(" ") if s.text == LINE_BREAK else s
                                 for s in _spans(token.children or [], [], lang)]))
        elif token.type == "heading_open":
            found.append(Chunk(None, level=int(token.tag[1:]) if token.tag[1:].isdigit() else 1))
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
            lines = _lines(_spans(token.children or [], pictures, lang))
            found[-1].pictures += pictures
            if any(lines):
                bullet = None
                if lead == "item" and numbers:
                    bullet = "•" if numbers[-1] is None else f"{numbers[-1]}."
                    if numbers[-1] is not None:
                        numbers[-1] += 1
                lines = [line for line in lines if line]
                full = " ".join("".join(s.text for s in line) for line in lines)
                for n, line in enumerate(lines):
                    found[-1].add(Para(line, bullet if n == 0 else None,
                                       (f"{bullet} " if bullet else "") + full if n == 0 else "",
                                       keep_with_next=n < len(lines) - 1, continues=n > 0 and bool(bullet),
                                       lang=lang))
                    if n == 0:
                        marked.append((found[-1].paras[-1], [int((c.meta or {}).get("id", 0))
                                                             for c in token.children or [] if c.type == "footnote_ref"]))
            lead = ""
        elif token.type in ("fence", "code_block") and token.content.strip():
            found[-1].add(Para([Span(token.content.strip(), code=True)], None, token.content.strip()))
    for item, marks in marked:  # now that every note has been read (they come after the text)
        item.notes = tuple(f"{m + 1}. {notes[m]}" for m in dict.fromkeys(marks) if m in notes)
    return [chunk for chunk in found if chunk.paras or chunk.pictures or chunk.heading]


def _lines(spans: list[Span]) -> list[list[Span]]:
    """Runs split at the author's hard line breaks, each line merged and trimmed."""
    lines: list[list[Span]] = [[]]
    for span in spans:
        if span.text == LINE_BREAK:
            lines.append([])
        else:
            lines[-1].append(span)
    return [_merge(line) for line in lines]


def cell_text(cell: list[Span]) -> str:
    return "".join(span.text for span in cell).strip()


def labelled_row(table: Table, row: list[list[Span]]) -> Para:
    """A table row as one line, each cell after its column's header: "Sense: Hearing — Common triggers: …".
    Without a header: "First cell: the other cells"."""
    spans: list[Span] = []
    if table.header and any(cell_text(h) for h in table.header):
        for n, cell in enumerate(row):
            label = cell_text(table.header[n]) if n < len(table.header) else ""
            if not cell_text(cell):
                continue
            spans += [Span(" — ")] if spans else []
            spans += [Span(f"{label}: ", bold=True)] if label else []
            spans += cell
    else:
        spans = [replace(span, bold=True) for span in row[0]]
        for n, cell in enumerate(row[1:]):
            spans += [Span(": " if n == 0 else "; "), *cell]
    spans = _merge(spans)
    return Para(spans, "•", "• " + "".join(span.text for span in spans))


def labelled_group(table: Table, row: list[list[Span]]) -> list[Para]:
    """A table row reflowed for a slide too narrow for its columns: the first cell as a bold lead line
    ("Sense: Hearing"), then each other cell as a point after its column's header."""
    labels = [cell_text(h) for h in table.header] if table.header else []
    first = row[0] if row else []
    lead = [Span(f"{labels[0]}: ", bold=True)] if labels and labels[0] else []
    paras = [Para(_merge([*lead, *[replace(s, bold=True) for s in first]]), None,
                  "", keep_with_next=True)]
    for n, cell in enumerate(row[1:], start=1):
        if not cell_text(cell):
            continue
        label = labels[n] if n < len(labels) else ""
        paras.append(Para(_merge([*([Span(f"{label}: ", bold=True)] if label else []), *cell]), "•", ""))
    return paras


def key_points(paras: list[Para]) -> list[Para]:
    """A chunk's paragraphs as a slide shows them: every word, a paragraph as a paragraph, a list item
    with its bullet or number, a lead-in ("Talk about:") kept with what it leads."""
    points = []
    for item in _short_lists_joined(paras):
        lead_in = item.text.rstrip().endswith(":") or item.keep_with_next
        points.append(replace(item, keep_with_next=lead_in))
    return points


def _short_lists_joined(paras: list[Para]) -> list[Para]:
    """A long list of short items ("safety", "choice"…) as one line, rather than slide after slide of them."""
    joined: list[Para] = []
    run: list[Para] = []
    for item in [*paras, None]:
        if item is not None and item.bullet == "•" and not item.keep_with_next:
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


def _spans(children: list[Token], pictures: list[Picture], lang: str | None = None) -> list[Span]:
    """The runs of one inline token; `lang`: the language its block is marked as ({lang=cy})."""
    spans: list[Span] = []
    bold = 0
    link: str | None = None
    languages: list[str | None] = [lang]
    for child in children:
        kind = child.type
        if kind == "span_open":
            languages.append(language_of(child) or languages[-1])
        elif kind == "span_close":
            languages.pop() if len(languages) > 1 else None
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            link = safe_link(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            link = None
        elif kind == "text":
            spans.append(Span(child.content, bold=bold > 0, link=link, lang=languages[-1]))
        elif kind == "code_inline":
            spans.append(Span(child.content, bold=bold > 0, code=True, link=link))
        elif kind == "softbreak":
            spans.append(Span(" ", bold=bold > 0, link=link))
        elif kind == "hardbreak":
            spans.append(Span(LINE_BREAK))
        elif kind == "image":
            pictures.append(Picture(str(child.attrs.get("src", "")), child.content))
        elif kind == "citation":
            spans.append(Span(_citation(child), bold=bold > 0))
        elif kind == "footnote_ref":  # numbered as in the handbook; the note goes in the speaker notes
            spans.append(Span(f"[{(child.meta or {}).get('id', 0) + 1}]", bold=bold > 0))
        # html_inline and anything else: dropped, a deck never carries raw HTML
    return spans


@contextmanager
def citing(cite: Callable[[str], Cited | None]):
    """Citations read with `cite` (outline.citer of the module) while the block runs."""
    token = CITE.set(cite)
    try:
        yield
    finally:
        CITE.reset(token)


def _citation(token: Token) -> str:
    """A citation as the slides show it: "(Perkins and others, Imroc Paper 24)", as the handbook does."""
    return citation_text(token, CITE.get())


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

    LibreOffice lays a hyperlink out as one field that never breaks at a space, so a linked phrase is
    written as one linked run per word (pptx_shapes), and lines break between them as between words.
    """
    words = []
    for span in spans:
        for piece in _WORDS.findall(span.text):
            words.append(Span(piece, span.bold, span.code, span.link, span.lang))  # not replace(): runs very often
    return words


_WORDS = re.compile(r"\S+\s*|\s+")
