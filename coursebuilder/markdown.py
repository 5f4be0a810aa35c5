"""Markdown → safe HTML. CommonMark (markdown-it-py) with tables, footnotes, citations of the
module's references (`[@leamy-2011]`), the language of a passage (`[Croeso]{lang=cy}`, or
`{lang=cy}` on the line before a paragraph, list or quotation), a table's caption (`Table: …` on the
line before or after it) and header column (`{.row-headers}` on the line before it), then an
allowlist sanitiser (nh3).

Everything an author writes in Markdown passes through `render_markdown`, whose result is the only
HTML from content that templates mark safe. Pictures must use Markdown syntax (`![alt](file)`) so
that the loader can resolve them; raw `<img>` tags, scripts, styles and event handlers are dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub", "dl", "dt", "dd", "kbd", "s", "del", "span",  # span: only with lang (see _bare_spans)
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir"},  # the language of a passage (checked by _keep)
    "a": {"href", "title", "id", "class", "aria-label"},  # id, class: footnote links (see _keep)
    "sup": {"class"},
    "li": {"id"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start", "class"},
    "th": {"scope"},  # col, or row in a table with {.row-headers}
    "td": {"data-label"},
    "table": {"aria-label"},
}
LINK_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class ImageRef:
    src: str  # as the author wrote it
    alt: str
    line: int  # 1-based, in the Markdown text
    column: int


def _extensions(md: MarkdownIt) -> MarkdownIt:
    """`text.[^note]` with `[^note]: …` on a line of its own, and the language of a passage. Inline
    notes (`^[…]`) are not part of the format; a mark without its note stays as typed, and the checks
    report it (`footnote-missing`), as they report language marks they cannot read."""
    md.use(footnote_plugin, inline=False)
    md.use(attrs_plugin, spans=True, allowed=["lang"], after=())
    md.use(attrs_block_plugin, allowed=["lang", "class"])
    md.core.ruler.push("languages", _languages)
    md.core.ruler.push("tables", _tables)
    md.inline.ruler.before("link", "citation", _citation)
    md.add_render_rule("citation", _render_citation)
    return md


# Citations: `[@id]`, `[@id, p. 12]` or `[@one; @two]`, where each id is a reference's `id`.
CITED = re.compile(r"@([a-z0-9]+(?:-[a-z0-9]+)*)(?:\s*,\s*([^;\]\n]*[^;\]\s]))?")
CITATION = re.compile(r"\[\s*@[a-z0-9-]+(?:\s*,\s*[^;\]\n@]+)?(?:\s*;\s*@[a-z0-9-]+(?:\s*,\s*[^;\]\n@]+)?)*\s*\]")


@dataclass(frozen=True)
class Cited:
    """How a format shows one cited reference: its short form ("Leamy and others, 2011") and the
    address of its entry in the reference list (None where the list is not on the same output)."""

    text: str
    href: str | None


def _citation(state, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    match = CITATION.match(state.src, state.pos)
    if not match:
        return False  # left as text; the checks report it (citation-syntax)
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"items": [(m[1], m[2] or "") for m in CITED.finditer(match[0])]}
        token.content = match[0]
    state.pos = match.end()
    return True


def cited(token: Token, cite: Callable[[str], Cited | None] | None) -> list[tuple[Cited, str]] | None:
    """Each reference a citation token cites, as the output shows it, with what the author wrote after
    its id ("p. 12"); None when an id is unknown (the checks stop the build first) or nothing cites."""
    found = [(cite(ref_id) if cite else None, where) for ref_id, where in token.meta["items"]]
    return [(c, where) for c, where in found if c is not None] if all(c for c, _ in found) else None


def citation_text(token: Token, cite: Callable[[str], Cited | None] | None) -> str:
    """A citation as plain text, "(Leamy and others, 2011, p. 445; NICE, 2021)", or as typed."""
    parts = cited(token, cite)
    if parts is None:
        return token.content
    return "(" + "; ".join(c.text + (f", {where}" if where else "") for c, where in parts) + ")"


def _render_citation(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    parts = cited(tokens[idx], env.get("cite"))
    if parts is None:
        return escapeHtml(tokens[idx].content)
    shown = [escapeHtml(c.text + (f", {where}" if where else "")) for c, where in parts]
    return "(" + "; ".join(f'<a class="citation" href="{escapeHtml(c.href)}">{text}</a>' if c.href else text
                           for (c, _), text in zip(parts, shown)) + ")"


LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", re.IGNORECASE)
# Languages written right to left (the first part of the tag), whose passages get dir="rtl".
RIGHT_TO_LEFT = {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}


# What authors write instead of a code, and the code to write.
LANGUAGE_NAMES = {
    "welsh": "cy", "cymraeg": "cy", "english": "en", "urdu": "ur", "polish": "pl", "punjabi": "pa", "bengali": "bn",
    "arabic": "ar", "somali": "so", "romanian": "ro", "portuguese": "pt", "spanish": "es", "french": "fr",
    "gujarati": "gu", "tamil": "ta", "chinese": "zh", "mandarin": "zh", "cantonese": "yue", "hindi": "hi",
    "farsi": "fa", "persian": "fa", "kurdish": "ku", "turkish": "tr", "italian": "it", "german": "de",
    "lithuanian": "lt", "ukrainian": "uk", "russian": "ru", "pashto": "ps", "tigrinya": "ti", "amharic": "am",
    "irish": "ga", "gaelic": "gd", "scottish gaelic": "gd", "cornish": "kw", "bsl": "bfi",
    "british sign language": "bfi", "hebrew": "he", "greek": "el", "dutch": "nl", "yoruba": "yo", "igbo": "ig",
}




def code_for_language(name: str) -> str | None:
    """The code to write for a language named in words ("Welsh": "cy"), if it is one we know."""
    return LANGUAGE_NAMES.get(name.lower().replace("_", " ").replace("-", " "))


def _languages(state) -> None:
    """A passage in a right-to-left language also gets its direction. (A tag that is not a language
    is left for the sanitiser to drop and the checks to report, as `lang-code`.)"""
    for token in _walk(state.tokens):
        lang = language_of(token)
        if lang is not None and lang.split("-")[0].lower() in RIGHT_TO_LEFT:
            token.attrs["dir"] = "rtl"


# A table's caption: a paragraph that starts "Table:" (or ":", as Pandoc writes it) straight before
# or after the table.
CAPTION = re.compile(r"^(?:table)?:[ \t]+(?=\S)", re.IGNORECASE)
ROW_HEADERS = "row-headers"  # {.row-headers}: the first cell of each row names the row


def _tables(state) -> None:
    """Each table's caption moved inside it (as `caption_open`, its words, `caption_close`), and with
    `{.row-headers}` the first cell of each body row made a row header. A class mark (`{.name}`) does
    nothing else: it is taken off every block and kept in `meta["marks"]`, for the checks to report
    one they cannot read (`mark-unknown`)."""
    tokens = state.tokens
    for token in tokens:
        classes = token.attrs.pop("class", None) if token.attrs else None
        if classes is not None:
            token.meta = {**(token.meta or {}), "marks": str(classes).split()}
    index = 0
    while index < len(tokens):
        table = tokens[index]
        if table.type == "table_open":
            index = _caption(tokens, index)
            marks = (table.meta or {}).get("marks", [])
            if ROW_HEADERS in marks:
                table.meta["marks"] = [m for m in marks if m != ROW_HEADERS]
                _row_headers(tokens, index)
        index += 1


def _is_caption(tokens: list[Token], start: int, level: int) -> bool:
    """Whether tokens[start:start + 3] is a visible paragraph at `level` whose text starts "Table:"."""
    return (0 <= start and start + 2 < len(tokens) and tokens[start].type == "paragraph_open"
            and tokens[start].level == level and not tokens[start].hidden
            and tokens[start + 1].type == "inline" and bool(CAPTION.match(tokens[start + 1].content)))


def _caption(tokens: list[Token], index: int) -> int:
    """Move the caption paragraph before or after the table at `index` inside it; returns where the
    table now starts."""
    level = tokens[index].level
    close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close" and tokens[i].level == level)
    if _is_caption(tokens, index - 3, level):
        start = index - 3
    elif _is_caption(tokens, close + 1, level):
        start = close + 1
    else:
        return index
    opening, words, closing = tokens[start:start + 3]
    cut = CAPTION.match(words.content).end()  # type: ignore[union-attr]
    words.content = words.content[cut:]
    for child in words.children or []:  # the prefix is in the first text child (or is all of it)
        if child.type == "text":
            child.content = child.content[cut:] if len(child.content) >= cut else child.content
            break
    opening.type, opening.tag, closing.type, closing.tag = "caption_open", "caption", "caption_close", "caption"
    opening.level, words.level, closing.level = level + 1, level + 2, level + 1
    del tokens[start:start + 3]
    table = index - 3 if start < index else index
    tokens[table + 1:table + 1] = [opening, words, closing]
    return table


def _row_headers(tokens: list[Token], index: int) -> None:
    """The first cell of each body row of the table at `index` as a row header (`<th scope="row">`)."""
    first = False
    for token in tokens[index + 1:]:
        if token.type == "table_close":
            return
        if token.type == "tr_open":
            first = True
        elif token.type == "td_open" and first:
            token.type, token.tag = "th_open", "th"
            token.attrs = {**(token.attrs or {}), "scope": "row"}
        elif token.type == "td_close" and first:
            token.type, token.tag, first = "th_close", "th", False
        elif token.type == "th_close":
            first = False


def language_of(token: Token) -> str | None:
    """The language a token marks, when it is a valid tag."""
    lang = token.attrs.get("lang") if token.attrs else None
    return str(lang) if lang is not None and LANGUAGE_TAG.match(str(lang)) else None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=True lets authors use simple inline HTML (like <abbr>); the sanitiser decides what survives.
    md = _extensions(MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table"))
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    md.add_render_rule("image", _image)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("tr_open", _row_open)
    md.add_render_rule("th_open", _header_cell)
    md.add_render_rule("td_open", _cell)
    md.add_render_rule("footnote_ref", _note_mark)
    md.add_render_rule("footnote_block_open", lambda self, tokens, idx, options, env: '<ol class="footnotes">\n')
    md.add_render_rule("footnote_block_close", lambda self, tokens, idx, options, env: "</ol>\n")
    md.add_render_rule("footnote_open", _note_open)
    md.add_render_rule("footnote_anchor", _note_back)
    return md


def parse(text: str) -> list[Token]:
    """The document tree of a Markdown text, with each block's source lines (`token.map`). It is parsed
    once, however many formats and checks read it: treat the tokens as read-only."""
    return list(_parsed(text))


@lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple[Token, ...]:
    return tuple(_parser().parse(text))


def _with(tokens: list[Token], idx: int, **changes) -> list[Token]:
    """The tokens with a changed copy at `idx`, leaving the shared tree as it is."""
    changed = list(tokens)
    copy = Token(**{**changed[idx].as_dict(children=False), **changes})
    copy.children = changed[idx].children
    changed[idx] = copy
    return changed


def _heading(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    # Headings never go above h2 (the page's own title is its only h1), shifted inside blocks.
    level = min(max(int(tokens[idx].tag[1]) + env.get("heading_shift", 0), 2), 6)
    return self.renderToken(_with(tokens, idx, tag=f"h{level}"), idx, options, env)


def _image(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    image_url = env.get("image_url")
    url = image_url(_raw_src(tokens[idx])) if image_url else None
    if url is None:
        return ""  # a picture the output has no file for is left out
    env["allowed_src"].add(url)
    return RendererHTML.image(self, _with(tokens, idx, attrs={**tokens[idx].attrs, "src": url}), idx, options, env)


def _table_open(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    """A table sits in a labelled scroll region that a keyboard can reach, so a wide table scrolls on
    its own on a phone instead of the whole page; each cell carries its column's header
    (`data-label`), so print can reflow a row as labelled lines when the columns cannot fit."""
    headers: list[str] = []
    caption = ""
    for n, token in enumerate(tokens[idx + 1:], start=idx + 1):
        if token.type in ("thead_close", "table_close"):
            break
        if token.type == "inline" and tokens[n - 1].type == "caption_open":
            caption = " ".join(_words(token).split())
        elif token.type == "inline":
            headers.append(" ".join(_words(token).split()))
    env["table_headers"] = headers
    label = caption or ("Table: " + ", ".join(h for h in headers if h) if any(headers) else "Table")
    return self.renderToken(_with(tokens, idx, attrs={"aria-label": label}), idx, options, env)


def _table_close(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    env.pop("table_headers", None)
    return self.renderToken(tokens, idx, options, env)


_SPAN = re.compile(r"<span\b[^>]*>|</span>")


def _bare_spans(html: str) -> str:
    """Remove every <span> that carries no language (an author's own, or one whose tag was not a
    language), keeping its words: a span is only ever kept to say which language a passage is in."""
    if "<span" not in html:
        return html
    out: list[str] = []
    kept: list[bool] = []
    last = 0
    for match in _SPAN.finditer(html):
        out.append(html[last:match.start()])
        last = match.end()
        if match[0] == "</span>":
            if kept and kept.pop():
                out.append(match[0])
        else:
            keep = " lang=" in match[0]
            kept.append(keep)
            if keep:
                out.append(match[0])
    out.append(html[last:])
    return "".join(out)


def _notes_section(html: str) -> str:
    """The notes of a text as a labelled section, added after sanitising like the table regions."""
    if '<ol class="footnotes">' not in html:
        return html
    start = html.rindex('<ol class="footnotes">')
    end = html.index("</ol>", start) + len("</ol>")
    return (html[:start] + '<section class="footnotes" aria-label="Notes">\n' + html[start:end] + "\n</section>"
            + html[end:])


_TABLE_START = re.compile(r'<table(?: aria-label="([^"]*)")?>')


def _in_scroll_regions(html: str) -> str:
    """Wrap every table of sanitised HTML in its scroll region. Done after sanitising, so that the
    region's powers (role, tabindex) are coursebuilder's alone: an author's own <div> is removed."""
    if "<table" not in html:
        return html
    html = _TABLE_START.sub(lambda m: '<div class="table-scroll" role="region" tabindex="0" '
                            f'aria-label="{m.group(1) or "Table"}">\n<table>', html)
    return html.replace("</table>", "</table>\n</div>")


def _row_open(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    env["table_column"] = 0
    return self.renderToken(tokens, idx, options, env)


def _header_cell(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    env["table_column"] = env.get("table_column", 0) + 1
    return self.renderToken(_with(tokens, idx, attrs={"scope": "col", **tokens[idx].attrs}), idx, options, env)


def _cell(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    headers, column = env.get("table_headers", []), env.get("table_column", 0)
    env["table_column"] = column + 1
    if column < len(headers) and headers[column]:
        tokens = _with(tokens, idx, attrs={**tokens[idx].attrs, "data-label": headers[column]})
    return self.renderToken(tokens, idx, options, env)


# Footnotes. Several Markdown texts share one page (a section and its blocks), so each text's note
# ids start with a digest of the text: the same on every build, different between texts.
_NOTE_ID = re.compile(r"^fn(?:ref)?-[0-9a-f]{8}-[0-9]+(?:-[0-9]+)?$")
_CLASSES = {"a": {"footnote-backref", "citation"}, "sup": {"footnote-ref"}, "ol": {"footnotes"}}  # ours only


def _note_id(tokens: list[Token], idx: int, env: dict) -> str:
    return f'{env["notes"]}-{tokens[idx].meta["id"] + 1}'


def _mark_id(tokens: list[Token], idx: int, env: dict) -> str:
    """The id of one mark of a note (a note marked twice has two, each with its own link back)."""
    sub = tokens[idx].meta.get("subId", 0)
    return _note_id(tokens, idx, env) + (f"-{sub}" if sub else "")


def _note_mark(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    number = tokens[idx].meta["id"] + 1
    return (f'<sup class="footnote-ref"><a href="#fn-{_note_id(tokens, idx, env)}" id="fnref-{_mark_id(tokens, idx, env)}" '
            f'aria-label="Note {number}">{number}</a></sup>')


def _note_open(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    return f'<li id="fn-{_note_id(tokens, idx, env)}">'


def _note_back(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    number, sub = tokens[idx].meta["id"] + 1, tokens[idx].meta.get("subId", 0)
    said = f"Back to the text of note {number}" + (f" (mark {sub + 1})" if sub else "")
    return f' <a href="#fnref-{_mark_id(tokens, idx, env)}" class="footnote-backref" aria-label="{said}">\u21a9\ufe0e</a>'


def _words(inline: Token) -> str:
    return "".join(c.content for c in _walk(inline.children or []) if c.type in ("text", "code_inline"))


class _EveryAddress(MarkdownIt):
    """markdown-it that trusts every link and picture address (see _finder)."""

    def validateLink(self, url: str) -> bool:
        return True


@lru_cache(maxsize=1)
def _finder() -> MarkdownIt:
    """The same parser, keeping every address. markdown-it turns a picture whose address it distrusts
    (file:, javascript:, most data:) into plain text; found this way, the loader refuses it like every
    other picture that is not a file in the project, with one located error."""
    return _extensions(_EveryAddress("commonmark", {"html": True, "linkify": False, "typographer": False})
                      .enable("table"))


def find_images(text: str) -> list[ImageRef]:
    """Every Markdown picture, whatever its address, with the line and column where the address starts."""
    if "![" not in text:  # every picture starts so; most texts have none, and parsing is the slow part
        return []
    lines = text.split("\n")
    found: list[ImageRef] = []
    for block in _finder().parse(text):
        if block.type != "inline" or not block.children:
            continue
        start = block.map[0] if block.map else 0
        end = block.map[1] if block.map else len(lines)
        cursor = (start, 0)  # pictures come in reading order: search on from the previous one (stays linear)
        for child in _walk(block.children):
            if child.type != "image":
                continue
            src = str(child.attrs.get("src", ""))
            raw_src = _raw_src(child)
            line, column = start + 1, 1
            forms = [(f"({form}", 1) for form in (raw_src, src) if form] + [(f"(<{raw_src}", 2)]
            for number in range(cursor[0], min(end, len(lines))):
                offset = cursor[1] if number == cursor[0] else 0
                col, skip = next(((c, skip) for c, skip in ((lines[number].find(form, offset), skip)
                                                            for form, skip in forms) if c >= 0), (-1, 0))
                if col >= 0:
                    line, column = number + 1, col + 1 + skip
                    cursor = (number, col + 1)
                    break
            found.append(ImageRef(src=raw_src or src, alt=child.content, line=line, column=column))
    return found


def _raw_src(token: Token) -> str:
    # markdown-it normalises (percent-encodes) URLs; authors should see their own spelling.
    from urllib.parse import unquote

    return unquote(str(token.attrs.get("src", "")))


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def render_markdown(
    text: str,
    *,
    heading_shift: int = 0,
    image_url: Callable[[str], str | None] | None = None,
    inline: bool = False,
    cite: Callable[[str], Cited | None] | None = None,
) -> Markup:
    """Render author Markdown to sanitised HTML.

    heading_shift: added to every heading level; headings never go above h2, because the page's
    own title is its only h1 (authors start section headings at `##`).
    image_url: maps a picture's file name (as written) to its URL in the output; pictures it
    returns None for are dropped.
    inline: for one-line fields such as titles in lists; drops the surrounding <p>.
    cite: maps a reference id to how this output shows it (see `Cited`).
    """
    allowed_src: set[str] = set()  # filled by _image with the address of each picture it writes
    notes = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    env = {"heading_shift": heading_shift, "image_url": image_url, "allowed_src": allowed_src, "notes": notes,
           "cite": cite}
    html = _parser().renderer.render(parse(text), _parser().options, env)
    clean = _notes_section(_in_scroll_regions(_bare_spans(sanitize(html, allowed_src))))
    if inline and clean.startswith("<p>") and clean.rstrip().endswith("</p>") and clean.count("<p>") == 1:
        clean = clean.strip()[3:-4]
    return Markup(clean)


def sanitize(html: str, allowed_src: AbstractSet[str] = frozenset()) -> str:
    """Allowlist-clean HTML. A picture keeps its `src` only if coursebuilder itself wrote that address
    (from a resolved Markdown picture), so a raw `<img src="https://…">` can never make a page fetch."""

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src" and value not in allowed_src:
            return None
        if attribute == "id" and not _NOTE_ID.match(value):
            return None
        if attribute == "lang" and not LANGUAGE_TAG.match(value):
            return None
        if attribute == "dir" and value not in ("rtl", "ltr", "auto"):
            return None
        if attribute == "class" and value not in _CLASSES.get(element, ()):
            return None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=keep,
    )


def find_raw_pictures(text: str) -> list[tuple[int, int]]:
    """(line, column) of raw HTML `<img>` tags, which coursebuilder does not follow."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        column = line.lower().find("<img")
        if column >= 0:
            found.append((number, column + 1))
    return found


_UNSAFE_LINK = re.compile(r"(?:\]\(\s*<?|\bhref\s*=\s*[\"']?\s*)((?:javascript|vbscript|data|file)\s*:)", re.IGNORECASE)


def find_unsafe_links(text: str) -> list[tuple[int, int, str]]:
    """(line, column, scheme) of links to javascript:, vbscript:, data: or file: addresses, which every
    output drops; the author should hear why their link does not work."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _UNSAFE_LINK.finditer(line):
            found.append((number, match.start(1) + 1, match.group(1).replace(" ", "").lower()))
    return found
