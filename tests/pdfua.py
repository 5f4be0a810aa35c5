"""A PDF/UA-1 structure checker for the handbooks, built on pikepdf (veraPDF does not install here).

`check(pdf)` returns a list of `Finding`s, each naming the rule it breaks with veraPDF's id (the
clause and test number of ISO 14289-1 in veraPDF's PDF_UA/PDFUA-1.xml, "7.2-20") and the Matterhorn
Protocol 1.1 failure condition ("09-005") where there is one, and saying where: the page, the path of
the structure element ("Document/Sect[2]/L[1]/LI[3]") and a snippet of its text. Besides the PDF/UA
rules, it runs checks of coursebuilder's own (ids "coursebuilder/…"): things the handbooks promise
that PDF/UA-1 does not ask for (no element split in two by a page break, dc:language in the XMP, each
Caption first or last in its Table, Figure or list). `RULES` lists every id it checks.

`reading_order(pdf)` is the structure tree read in order, the way a screen reader meets it: headings
as "# …", list items as "- …", table rows as "| … |", figures as "[Figure: alt]"; artifacts are left
out (they are not in the tree).

    python -m tests.pdfua file.pdf…       the findings, then a count per rule and file

What it cannot see is listed with each rule's function and in `NOT_CHECKED`.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf

# --------------------------------------------------------------------------------------------------
# The rules

# id: (Matterhorn failure condition, what the rule requires). The id is veraPDF's ("7.2-20"); where one
# veraPDF rule covers two Matterhorn conditions the id carries both ("7.4.2-1/14-002").
RULES: dict[str, tuple[str, str]] = {
    "6.1-1": ("", "the file header is %PDF-1.n with n from 0 to 7"),
    "6.2-1": ("", "the catalog has MarkInfo with Marked true"),
    "5-1": ("06-002", "the XMP metadata has the PDF/UA identification (pdfuaid:part)"),
    "5-2": ("06-002", "pdfuaid:part is 1"),
    "7.1-1": ("01-003", "no Artifact inside tagged (MCID) content"),
    "7.1-2": ("01-004", "no tagged (MCID) content inside an Artifact"),
    "7.1-3": ("01-005", "all content is an Artifact or tagged real content (its MCID reaches the "
                        "StructTreeRoot through the ParentTree); page headers and footers are Artifacts (18-001)"),
    "7.1-4": ("01-007", "MarkInfo Suspects is not true"),
    "7.1-5": ("02-001", "every non-standard structure type is role-mapped to a standard one"),
    "7.1-6": ("02-003", "no circular role mapping"),
    "7.1-7": ("02-004", "standard structure types are not remapped"),
    "7.1-8": ("06-001", "the catalog has a Metadata stream (Type Metadata, Subtype XML)"),
    "7.1-9": ("06-003", "the XMP metadata has a dc:title"),
    "7.1-10/07-001": ("07-001", "the catalog's ViewerPreferences has DisplayDocTitle"),
    "7.1-10/07-002": ("07-002", "DisplayDocTitle is true"),
    "7.1-11": ("", "the catalog has a StructTreeRoot"),
    "7.1-12": ("", "each structure element has its parent (P)"),
    "7.2-2": ("11-003", "the language of the outline entries is known (catalog Lang)"),
    "7.2-3": ("09-004", "a Table holds only TR, THead, TBody, TFoot and Caption"),
    "7.2-4": ("09-004", "a TR is in a Table, THead, TBody or TFoot"),
    "7.2-5": ("09-004", "a THead is in a Table"),
    "7.2-6": ("09-004", "a TBody is in a Table"),
    "7.2-7": ("09-004", "a TFoot is in a Table"),
    "7.2-8": ("09-004", "a TH is in a TR"),
    "7.2-9": ("09-004", "a TD is in a TR"),
    "7.2-10": ("09-004", "a TR holds only TH and TD"),
    "7.2-11": ("09-004", "a Table has at most one THead"),
    "7.2-12": ("09-004", "a Table has at most one TFoot"),
    "7.2-13": ("09-004", "a Table with a TFoot has a TBody"),
    "7.2-14": ("09-004", "a Table with a THead has a TBody"),
    "7.2-16": ("09-004", "a Table's Caption is its first or last kid"),
    "7.2-17": ("09-005", "an LI is in an L"),
    "7.2-18": ("09-005", "an LBody is in an LI"),
    "7.2-19": ("09-005", "an L holds only L, LI and Caption"),
    "7.2-20": ("09-005", "an LI holds only Lbl and LBody"),
    "7.2-21": ("11-002", "the language of ActualText is known"),
    "7.2-22": ("11-002", "the language of Alt is known"),
    "7.2-23": ("11-002", "the language of E (expansion) is known"),
    "7.2-24": ("11-004", "the language of an annotation's Contents is known"),
    "7.2-26": ("09-006", "a TOCI is in a TOC"),
    "7.2-27": ("09-006", "a TOC holds only TOC, TOCI and Caption"),
    "7.2-28": ("09-006", "a TOC's Caption is its first kid"),
    "7.2-29": ("", "every Lang (catalog, structure element, marked content) is a language tag"),
    "7.2-33": ("11-006", "the language of the metadata is known"),
    "7.2-34": ("11-001", "the language of the page text is known"),
    "7.2-36": ("09-004", "a THead holds only TR"),
    "7.2-37": ("09-004", "a TBody holds only TR"),
    "7.2-38": ("09-004", "a TFoot holds only TR"),
    "7.2-39": ("09-004", "a Table has at most one Caption"),
    "7.2-40": ("09-005", "an L's Caption is its first kid"),
    "7.2-42": ("09-004", "the rows of a Table have the same number of columns (with spans)"),
    "7.3-1": ("13-004", "a Figure has Alt (not empty) or ActualText"),
    "7.4.2-1/14-002": ("14-002", "the first numbered heading is H1"),
    "7.4.2-1/14-003": ("14-003", "numbered heading levels never skip a level going down"),
    "7.4.4-1": ("14-006", "no element has more than one H kid"),
    "7.4.4-2": ("14-007", "a document uses either H or H1-H6 headings, not both"),
    "7.5-1": ("15-003", "each TH has a Scope (Row, Column or Both) in its Table attributes "
                        "(stricter than PDF/UA: required even where Headers and IDs say it)"),
    "7.5-2": ("15-003", "each ID a TD's Headers names is a TH of its table"),
    "7.7-1": ("17-002", "a Formula has Alt or ActualText"),
    "7.9-1": ("19-003", "a Note has an ID"),
    "7.9-2": ("19-004", "each Note's ID is unique"),
    "7.18.1-1": ("28-002", "an annotation (not Widget, Link or PrinterMark) is in an Annot element"),
    "7.18.1-2": ("28-004", "an annotation (not Widget) has Contents, or Alt on its element"),
    "7.18.3-1/28-008": ("28-008", "a page with annotations has Tabs"),
    "7.18.3-1/28-009": ("28-009", "a page with annotations has Tabs S"),
    "7.18.4-1": ("28-010", "a Widget annotation is in a Form element"),
    "7.18.5-1": ("28-011", "a Link annotation is in a Link element (OBJR) reachable from the root"),
    "7.18.5-2": ("28-012", "a Link annotation has Contents"),
    "7.20-1": ("30-001", "no reference XObjects"),
    "7.20-2": ("30-002", "a Form XObject with MCIDs is drawn only once"),
    "7.21.3.2-1": ("31-005", "an embedded CIDFontType2 has a CIDToGIDMap"),
    "7.21.4.1-1": ("31-009", "every font used for text is embedded"),
    "7.21.4.1-2": ("31-011", "the embedded font has every glyph the text draws"),
    "7.21.7-1": ("31-027", "every font used for text maps its codes to Unicode (ToUnicode)"),
    "7.21.7-2": ("31-028", "no ToUnicode value is U+0000, U+FEFF or U+FFFE"),
    "7.21.8-1": ("31-030", "no text draws the .notdef glyph"),
    "coursebuilder/dc-language": ("", "the XMP metadata has dc:language, a language tag, the catalog's Lang"),
    "coursebuilder/caption": ("", "a Caption is the first or last kid of a Table, Figure or L"),
    "coursebuilder/split-element": ("", "no paragraph, list, list item or table is split in two "
                                        "structure elements by a page break"),
}

NOT_CHECKED = {
    "7.1-1 (01-001, 01-002), 7.2-1 (09-001..003), 18-001": "whether content is rightly an artifact, the "
        "reading order, whether tags suit their content: human judgement (reading_order() helps)",
    "7.2-15, 7.2-41, 7.2-43": "table cells overlapping, columns of unequal length",
    "7.10, 7.11, 7.15, 7.16, 7.18.2, 7.18.6-8": "optional content, embedded files, XFA, encryption, "
        "TrapNet, media, PrinterMark: the handbooks have none",
    "7.21.3.1, 7.21.3.3, 7.21.4.2, 7.21.5, 7.21.6": "CMaps other than Identity, CharSet/CIDSet, glyph "
        "widths, TrueType cmap tables: need the font programs read in depth",
    "7.18.4-2, 7.18.1-3": "form fields: the handbooks have none",
}

STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 "
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Figure Formula Form".split())
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
PAINT_OPERATORS = TEXT_OPERATORS | {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}


@dataclass(frozen=True)
class Finding:
    rule: str  # an id in RULES
    message: str
    where: str

    @property
    def matterhorn(self) -> str:
        return RULES[self.rule][0]

    def __str__(self) -> str:
        ids = self.rule if not self.matterhorn or self.matterhorn in self.rule else f"{self.rule} ({self.matterhorn})"
        return f"[{ids}] {self.message} — {self.where}"


# --------------------------------------------------------------------------------------------------
# Reading the document: content streams (what is drawn, in which marked content) and the structure tree


@dataclass(frozen=True)
class Mark:
    """One open marked-content sequence (BMC/BDC … EMC)."""
    tag: str  # "Artifact", "Span", "P" …
    mcid: int | None
    properties: Any  # the BDC property list (a Dictionary), or None


@dataclass
class Paint:
    """One painting operator: text shown, a path stroked or filled, an image or shading drawn."""
    page: int  # 1-based
    owner: tuple[int, int]  # objgen of the page (or Form XObject with StructParents) the MCIDs belong to
    operator: str
    index: int  # the operator's position in its content stream
    marks: tuple[Mark, ...]  # open marked content, outermost first
    text: str = ""
    y: float | None = None  # the text's baseline, in device space (to tell lines apart)

    @property
    def mcid(self) -> int | None:
        for mark in reversed(self.marks):
            if mark.mcid is not None:
                return mark.mcid
        return None

    @property
    def artifact(self) -> bool:
        return any(mark.tag == "Artifact" for mark in self.marks)


@dataclass
class FontUse:
    font: pikepdf.Dictionary
    name: str
    page: int
    codes: set[int] = field(default_factory=set)


@dataclass
class Node:
    """A structure element, where it sits in the tree."""
    element: pikepdf.Dictionary
    type: str  # as written (/S, without the slash)
    standard: str  # after the role map ("" when it maps to nothing standard)
    path: str
    parent: Node | None
    page: int | None  # the page its /Pg (or an ancestor's) names
    kids: list[Node] = field(default_factory=list)
    content: list[Any] = field(default_factory=list)  # in order: Node, ("mcid", owner, n), ("objr", annot)


class Document:
    """Everything the rules read, gathered once."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.catalog = pdf.Root
        self.page_number = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        self.paints: list[Paint] = []
        self.marks_opened: list[tuple[int, int, tuple[Mark, ...]]] = []  # (page, op index, stack incl. the new one)
        self.fonts: dict[tuple[int, int], FontUse] = {}
        self.form_draws: Counter[tuple[int, int]] = Counter()
        self.forms_with_mcids: set[tuple[int, int]] = set()
        self.owner_struct_parents: dict[tuple[int, int], int | None] = {}
        self._unicode: dict[tuple[int, int], tuple[int, dict[bytes, str]]] = {}
        for number, page in enumerate(pdf.pages, start=1):
            self.owner_struct_parents[page.obj.objgen] = _int(page.obj.get("/StructParents"))
            self._read_content(page, page.obj, page.Resources if "/Resources" in page.obj else None,
                               number, page.obj.objgen, (), [1, 0, 0, 1, 0, 0], set())
        self.tree_root = self.catalog.get("/StructTreeRoot")
        self.role_map: dict[str, str] = {}
        if self.tree_root is not None and "/RoleMap" in self.tree_root:
            self.role_map = {str(key)[1:]: str(value)[1:] for key, value in self.tree_root.RoleMap.items()}
        self.parent_tree: dict[int, Any] = {}
        if self.tree_root is not None and "/ParentTree" in self.tree_root:
            self.parent_tree = _number_tree(self.tree_root.ParentTree)
        self.nodes: list[Node] = []  # every element reachable from the root, in tree order
        self.node_of: dict[tuple[int, int], Node] = {}
        self.roots: list[Node] = []
        if self.tree_root is not None:
            self._walk_tree()
        self._text_of: dict[tuple[int, int], str] = {}
        self._lines_of_mcid: dict[tuple[tuple[int, int], int], list[tuple[str, float | None]]] = defaultdict(list)
        for paint in self.paints:
            if paint.text and paint.mcid is not None:
                self._lines_of_mcid[(paint.owner, paint.mcid)].append((paint.text, paint.y))

    # ---- content streams

    def _read_content(self, page: pikepdf.Page, stream: Any, resources: Any, number: int,
                      owner: tuple[int, int], marks: tuple[Mark, ...], ctm: list[float],
                      forms_open: set[tuple[int, int]]) -> None:
        stack: list[tuple[list[float], Any]] = []
        font: Any = None
        text_matrix = line_matrix = [1.0, 0, 0, 1, 0, 0]
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError:
            return
        for index, instruction in enumerate(instructions):
            operands, operator = instruction.operands, instruction.operator
            op = str(operator)
            if op == "q":
                stack.append((ctm, font))
            elif op == "Q" and stack:
                ctm, font = stack.pop()
            elif op == "cm":
                ctm = _multiply([float(x) for x in operands], ctm)
            elif op == "BT":
                text_matrix = line_matrix = [1.0, 0, 0, 1, 0, 0]
            elif op == "Tm":
                text_matrix = line_matrix = [float(x) for x in operands]
            elif op in ("Td", "TD"):
                text_matrix = line_matrix = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])],
                                                      line_matrix)
            elif op == "Tf":
                font = _resource(resources, "/Font", operands[0])
            elif op == "BMC":
                marks = marks + (Mark(str(operands[0])[1:], None, None),)
                self.marks_opened.append((number, index, marks))
            elif op == "BDC":
                properties = operands[1]
                if isinstance(properties, pikepdf.Name):
                    properties = _resource(resources, "/Properties", properties)
                mcid = _int(properties.get("/MCID")) if isinstance(properties, pikepdf.Dictionary) else None
                marks = marks + (Mark(str(operands[0])[1:], mcid, properties),)
                self.marks_opened.append((number, index, marks))
                if mcid is not None and owner != page.obj.objgen:
                    self.forms_with_mcids.add(owner)
            elif op == "EMC" and marks:
                marks = marks[:-1]
            if op not in PAINT_OPERATORS:
                continue
            paint = Paint(number, owner, op, index, marks)
            if op in TEXT_OPERATORS and font is not None:
                shown = operands[-1]
                data = b"".join(bytes(part) for part in shown if isinstance(part, pikepdf.String)) \
                    if isinstance(shown, pikepdf.Array) else bytes(shown)
                paint.text = self.decode(font, data)
                origin = _multiply(text_matrix, ctm)
                paint.y = round(origin[5], 1)
                self._note_font(font, number, data)
            elif op == "Do":
                xobject = _resource(resources, "/XObject", operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form" and xobject.objgen not in forms_open:
                    self.form_draws[xobject.objgen] += 1
                    form_owner = owner
                    if "/StructParents" in xobject:
                        form_owner = xobject.objgen
                        self.owner_struct_parents[form_owner] = _int(xobject.StructParents)
                    matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    self._read_content(page, xobject, xobject.get("/Resources", resources), number, form_owner,
                                       marks, _multiply(matrix, ctm), forms_open | {xobject.objgen})
                    continue  # its own operators are the content
            self.paints.append(paint)

    def _note_font(self, font: pikepdf.Dictionary, page: int, data: bytes) -> None:
        use = self.fonts.get(font.objgen)
        if use is None:
            use = self.fonts[font.objgen] = FontUse(font, str(font.get("/BaseFont", "?"))[1:], page)
        width = self._code_length(font)
        use.codes.update(int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))

    @staticmethod
    def _code_length(font: pikepdf.Dictionary) -> int:
        return 2 if font.get("/Subtype") == "/Type0" else 1

    def decode(self, font: pikepdf.Dictionary, data: bytes) -> str:
        """The text of a shown string, through the font's ToUnicode map. A run wholly right to left
        (Urdu, Arabic, Hebrew) is drawn in visual order, its first letter rightmost: its glyphs are put
        back in reading order (a ligature's letters stay as its ToUnicode gives them)."""
        key = font.objgen
        if key not in self._unicode:
            self._unicode[key] = (self._code_length(font), to_unicode(font))
        width, mapping = self._unicode[key]
        if not mapping and width == 1:
            return data.decode("latin-1")
        glyphs = [mapping.get(data[i:i + width], "") for i in range(0, len(data), width)]
        directions = {unicodedata.bidirectional(ch) for glyph in glyphs for ch in glyph}
        if directions & {"R", "AL"} and "L" not in directions:
            glyphs.reverse()
        return "".join(glyphs)

    # ---- the structure tree

    def _walk_tree(self) -> None:
        seen: set[tuple[int, int]] = set()

        def walk(element: pikepdf.Dictionary, parent: Node | None, path: str, page: int | None) -> Node:
            seen.add(element.objgen)
            written = str(element.get("/S", "/?"))[1:]
            page_object = element.get("/Pg")
            if page_object is not None:
                page = self.page_number.get(page_object.objgen, page)
            node = Node(element, written, self.standard_type(written), path, parent, page)
            self.nodes.append(node)
            if element.is_indirect:
                self.node_of[element.objgen] = node
            counts: Counter[str] = Counter()
            for kid in _kids(element):
                if isinstance(kid, int) and not isinstance(kid, bool):
                    node.content.append(("mcid", self._owner(element, None), int(kid)))
                elif isinstance(kid, pikepdf.Dictionary):
                    kind = kid.get("/Type")
                    if kind == "/MCR":
                        node.content.append(("mcid", self._owner(element, kid), _int(kid.get("/MCID"))))
                    elif kind == "/OBJR":
                        node.content.append(("objr", kid.get("/Obj")))
                    elif "/S" in kid and (not kid.is_indirect or kid.objgen not in seen):
                        kid_type = str(kid.S)[1:]
                        counts[kid_type] += 1
                        child = walk(kid, node, f"{path}/{kid_type}[{counts[kid_type]}]", page)
                        node.kids.append(child)
                        node.content.append(child)
            return node

        counts: Counter[str] = Counter()
        for kid in _kids(self.tree_root):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                kid_type = str(kid.S)[1:]
                counts[kid_type] += 1
                self.roots.append(walk(kid, None, f"{kid_type}[{counts[kid_type]}]", None))
        for root in self.roots:  # "Document[1]" reads better as "Document" when it is the only one
            if counts[root.type] == 1:
                _rename(root, root.path, root.type)

    def _owner(self, element: pikepdf.Dictionary, mcr: Any) -> tuple[int, int]:
        if mcr is not None and "/Stm" in mcr:
            return mcr.Stm.objgen
        page = mcr.get("/Pg") if mcr is not None and "/Pg" in mcr else None
        node_element: Any = element
        while page is None and isinstance(node_element, pikepdf.Dictionary):
            page = node_element.get("/Pg")
            node_element = node_element.get("/P")
        return page.objgen if page is not None else (0, 0)

    def standard_type(self, written: str) -> str:
        seen = {written}
        current = written
        while current not in STANDARD_TYPES:
            current = self.role_map.get(current, "")
            if not current or current in seen:
                return "" if not re.fullmatch(r"H\d+", written) else "H" + written[1:]
            seen.add(current)
        return current

    # ---- text

    def mcid_text(self, owner: tuple[int, int], mcid: int) -> list[tuple[str, float | None]]:
        return self._lines_of_mcid.get((owner, mcid), [])

    def pieces(self, node: Node) -> list[tuple[str, float | None]]:
        found: list[tuple[str, float | None]] = []
        for item in node.content:
            if isinstance(item, Node):
                found.extend(self.pieces(item))
            elif item[0] == "mcid":
                found.extend(self.mcid_text(item[1], item[2]))
        return found

    def text(self, node: Node) -> str:
        key = node.element.objgen if node.element.is_indirect else (id(node), 0)
        if key not in self._text_of:
            self._text_of[key] = join_lines(self.pieces(node))
        return self._text_of[key]

    def pages_of(self, node: Node) -> list[int]:
        """The pages its marked content is drawn on (its /Pg when it has none)."""
        pages = {number for number in self._content_pages(node)}
        return sorted(pages) or ([node.page] if node.page else [])

    def _content_pages(self, node: Node) -> Iterator[int]:
        for item in node.content:
            if isinstance(item, Node):
                yield from self._content_pages(item)
            elif item[0] == "mcid":
                number = self.page_number.get(item[1])
                if number is not None:
                    yield number

    def where(self, node: Node) -> str:
        pages = self.pages_of(node)
        page = f"page {pages[0]}" if len(pages) <= 1 else f"pages {pages[0]}-{pages[-1]}"
        return f"{page}, {node.path}{snippet(self.text(node))}"


def join_lines(pieces: list[tuple[str, float | None]]) -> str:
    """Text pieces in drawing order, a space where a new line starts (WeasyPrint drops the space at a
    line's end) unless the line ended with a hyphen or a slash (a web address). A line mostly right to
    left has its runs drawn from the right: they are put back in reading order, as text extractors do
    (see `Document.decode`)."""
    lines: list[list[str]] = []
    last_y: float | None = None
    for text, y in pieces:
        if not lines or (y is not None and last_y is not None and abs(y - last_y) > 0.5):
            lines.append([])
        lines[-1].append(text)
        last_y = y if y is not None else last_y
    out = ""
    for runs in lines:
        line = _right_to_left(runs) if _mostly_right_to_left("".join(runs)) else "".join(runs)
        if out and not out.endswith((" ", "-", "/", "\u00ad", "\u2010")) and not line.startswith(" "):
            out += " "
        out += line
    return out


def _mostly_right_to_left(text: str) -> bool:
    directions = Counter(unicodedata.bidirectional(ch) for ch in text)
    return directions["R"] + directions["AL"] > directions["L"]


def _right_to_left(runs: list[str]) -> str:
    """Runs drawn left to right on a right-to-left line, in reading order; a space at either edge of
    a run separates it from the next."""
    out, ends_spaced = "", False
    for run in reversed(runs):
        if out and not out.endswith(" ") and (run[-1:].isspace() or run[:1].isspace() or ends_spaced):
            out += " "
        out += run.strip()
        ends_spaced = run[:1].isspace() or run[-1:].isspace()
    return out


def snippet(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return f", “{text[:length]}{'…' if len(text) > length else ''}”"


def to_unicode(font: pikepdf.Dictionary) -> dict[bytes, str]:
    """A font's ToUnicode CMap: code bytes → text (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    try:
        cmap = font.ToUnicode.read_bytes().decode("latin-1")
    except (pikepdf.PdfError, AttributeError):
        return {}
    mapping: dict[bytes, str] = {}

    def text(hexed: str) -> str:
        return bytes.fromhex(hexed).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[bytes.fromhex(code)] = text(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, rest in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]*>)",
                                          block):
            width, start, end = len(low) // 2, int(low, 16), int(high, 16)
            if rest.startswith("["):
                for offset, value in enumerate(re.findall(r"<([0-9a-fA-F]*)>", rest)):
                    mapping[(start + offset).to_bytes(width, "big")] = text(value)
            else:
                first = int(rest[1:-1], 16)
                for offset in range(end - start + 1):
                    value = first + offset
                    mapping[(start + offset).to_bytes(width, "big")] = \
                        value.to_bytes(len(rest[1:-1]) // 2, "big").decode("utf-16-be", errors="replace")
    return mapping


def _number_tree(node: Any, found: dict[int, Any] | None = None, depth: int = 0) -> dict[int, Any]:
    found = {} if found is None else found
    if depth > 32 or not isinstance(node, pikepdf.Dictionary):
        return found
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            found[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        _number_tree(kid, found, depth + 1)
    return found


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _rename(node: Node, old: str, new: str) -> None:
    node.path = new + node.path[len(old):]
    for kid in node.kids:
        _rename(kid, old, new)


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _resource(resources: Any, kind: str, name: Any) -> Any:
    try:
        return resources[kind][name]
    except (KeyError, TypeError, AttributeError):
        return None


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _element_kids(node: Node) -> list[str]:
    return [kid.standard or kid.type for kid in node.kids]


# --------------------------------------------------------------------------------------------------
# Document-level rules: file, catalog, metadata

Rule = Callable[[Document], Iterable[Finding]]
CHECKS: list[Rule] = []


def rule(function: Rule) -> Rule:
    CHECKS.append(function)
    return function


@rule
def file_header(doc: Document) -> Iterator[Finding]:
    """6.1-1: %PDF-1.0 to %PDF-1.7."""
    if not re.fullmatch(r"1\.[0-7]", doc.pdf.pdf_version):
        yield Finding("6.1-1", f"the file header says PDF {doc.pdf.pdf_version}", "file header")


@rule
def marked(doc: Document) -> Iterator[Finding]:
    """6.2-1 (MarkInfo Marked true) and 7.1-4 (no Suspects true)."""
    info = doc.catalog.get("/MarkInfo")
    if info is None or info.get("/Marked") is not True:
        yield Finding("6.2-1", "the catalog's MarkInfo does not say Marked true", "catalog /MarkInfo")
    if info is not None and info.get("/Suspects") is True:
        yield Finding("7.1-4", "MarkInfo says Suspects true", "catalog /MarkInfo")


@rule
def display_doc_title(doc: Document) -> Iterator[Finding]:
    """7.1-10: ViewerPreferences DisplayDocTitle true (07-001 missing, 07-002 false)."""
    preferences = doc.catalog.get("/ViewerPreferences")
    value = preferences.get("/DisplayDocTitle") if isinstance(preferences, pikepdf.Dictionary) else None
    if value is None:
        yield Finding("7.1-10/07-001", "the catalog's ViewerPreferences has no DisplayDocTitle",
                      "catalog /ViewerPreferences")
    elif value is not True:
        yield Finding("7.1-10/07-002", f"DisplayDocTitle is {value}, not true", "catalog /ViewerPreferences")


def _xmp(doc: Document) -> ElementTree.Element | None:
    metadata = doc.catalog.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return None
    try:
        return ElementTree.fromstring(metadata.read_bytes())
    except ElementTree.ParseError:
        return None


DC = "{http://purl.org/dc/elements/1.1/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _xmp_values(xmp: ElementTree.Element, name: str) -> list[str]:
    """An XMP property's values, written as an element (rdf:Alt/Seq/Bag items or text) or as an attribute."""
    values: list[str] = []
    for description in xmp.iter(f"{RDF}Description"):
        if name in description.attrib:
            values.append(description.attrib[name])
    for element in xmp.iter(name):
        items = list(element.iter(f"{RDF}li"))
        values.extend((item.text or "") for item in items) if items else values.append(element.text or "")
    return values


@rule
def metadata(doc: Document) -> Iterator[Finding]:
    """7.1-8 (a Metadata stream), 5-1/5-2 (pdfuaid:part 1), 7.1-9 (dc:title)."""
    stream = doc.catalog.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        yield Finding("7.1-8", "the catalog has no Metadata stream", "catalog /Metadata")
        return
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        yield Finding("7.1-8", "the Metadata stream is not Type Metadata, Subtype XML", "catalog /Metadata")
    xmp = _xmp(doc)
    if xmp is None:
        yield Finding("7.1-8", "the Metadata stream is not readable XMP", "catalog /Metadata")
        return
    parts = [value.strip() for value in _xmp_values(xmp, f"{PDFUAID}part")]
    if not parts:
        yield Finding("5-1", "the XMP metadata has no pdfuaid:part (PDF/UA identification)", "XMP metadata")
    elif parts[0] != "1":
        yield Finding("5-2", f"pdfuaid:part is {parts[0]!r}, not 1", "XMP metadata")
    if not any(value.strip() for value in _xmp_values(xmp, f"{DC}title")):
        yield Finding("7.1-9", "the XMP metadata has no dc:title", "XMP metadata")


@rule
def dc_language(doc: Document) -> Iterator[Finding]:
    """coursebuilder: dc:language present, each a language tag, one of them the catalog's /Lang."""
    xmp = _xmp(doc)
    if xmp is None:
        return
    languages = [value.strip() for value in _xmp_values(xmp, f"{DC}language")]
    catalog = str(doc.catalog.get("/Lang", ""))
    if not languages:
        yield Finding("coursebuilder/dc-language", f"the XMP metadata has no dc:language (the catalog's /Lang is "
                      f"{catalog!r})", "XMP metadata")
    elif not all(LANGUAGE_TAG.match(value) for value in languages):
        yield Finding("coursebuilder/dc-language", f"dc:language {languages} is not a list of language tags",
                      "XMP metadata")
    elif catalog and catalog.lower() not in [value.lower() for value in languages]:
        yield Finding("coursebuilder/dc-language", f"dc:language {languages} does not include the catalog's "
                      f"/Lang {catalog!r}", "XMP metadata")


# --------------------------------------------------------------------------------------------------
# Natural language


def _catalog_language(doc: Document) -> str:
    return str(doc.catalog.get("/Lang", "")).strip()


@rule
def language_tags(doc: Document) -> Iterator[Finding]:
    """7.2-29: each Lang (catalog, structure element, marked-content property list) is a language tag
    (an empty one is not)."""
    if "/Lang" in doc.catalog and not LANGUAGE_TAG.match(str(doc.catalog.Lang)):
        yield Finding("7.2-29", f"the catalog's /Lang {str(doc.catalog.Lang)!r} is not a language tag", "catalog")
    for node in doc.nodes:
        if "/Lang" in node.element and not LANGUAGE_TAG.match(str(node.element.Lang)):
            yield Finding("7.2-29", f"{node.type} has /Lang {str(node.element.Lang)!r}, not a language tag",
                          doc.where(node))
    seen = set()
    for page, index, marks in doc.marks_opened:
        properties = marks[-1].properties
        if isinstance(properties, pikepdf.Dictionary) and "/Lang" in properties:
            value = str(properties.Lang)
            if not LANGUAGE_TAG.match(value) and (page, value) not in seen:
                seen.add((page, value))
                yield Finding("7.2-29", f"marked content /{marks[-1].tag} has /Lang {value!r}, not a language tag",
                              f"page {page}, content stream operator {index}")


def _has_language(node: Node | None) -> bool:
    while node is not None:
        if str(node.element.get("/Lang", "")).strip():
            return True
        node = node.parent
    return False


@rule
def language_of_text(doc: Document) -> Iterator[Finding]:
    """7.2-34: with no catalog /Lang, text whose element (and the elements above it, and its marked
    content) says no /Lang has no known language. One finding per page."""
    if _catalog_language(doc):
        return
    owners = _mcid_owners(doc)
    pages_reported = set()
    for paint in doc.paints:
        if not paint.text.strip() or paint.artifact or paint.page in pages_reported:
            continue
        if any(isinstance(mark.properties, pikepdf.Dictionary) and str(mark.properties.get("/Lang", "")).strip()
               for mark in paint.marks):
            continue
        if paint.mcid is not None and _has_language(owners.get((paint.owner, paint.mcid))):
            continue
        pages_reported.add(paint.page)
        yield Finding("7.2-34", "the catalog has no /Lang and this text says no language of its own",
                      f"page {paint.page}{snippet(paint.text)}")


@rule
def language_of_alternates(doc: Document) -> Iterator[Finding]:
    """7.2-21/22/23 (ActualText, Alt, E of elements), 7.2-24 (annotation Contents), 7.2-2 (outline),
    7.2-33 (metadata): with no catalog /Lang, each needs a /Lang of its own (or above it)."""
    if _catalog_language(doc):
        return
    for node in doc.nodes:
        for key, rule_id in (("/ActualText", "7.2-21"), ("/Alt", "7.2-22"), ("/E", "7.2-23")):
            if key in node.element and not _has_language(node):
                yield Finding(rule_id, f"{node.type}'s {key[1:]} has no language (no /Lang on it, above it, "
                              "or in the catalog)", doc.where(node))
    for number, page in enumerate(doc.pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if "/Contents" in annotation and "/Lang" not in annotation:
                yield Finding("7.2-24", f"a {str(annotation.get('/Subtype'))[1:]} annotation's Contents has no "
                              "language", f"page {number}{snippet(str(annotation.Contents))}")
    if "/Outlines" in doc.catalog and "/First" in doc.catalog.Outlines:
        yield Finding("7.2-2", "the outline's entries have no language (no catalog /Lang)", "catalog /Outlines")
    xmp = _xmp(doc)
    if xmp is not None and any(item.get(XML_LANG) == "x-default" for item in xmp.iter(f"{RDF}li")):
        yield Finding("7.2-33", "the metadata's x-default texts have no language (no catalog /Lang)",
                      "XMP metadata")


# --------------------------------------------------------------------------------------------------
# Content: tagged or artifact


def _mcid_owners(doc: Document) -> dict[tuple[tuple[int, int], int], Node | None]:
    """(owner, MCID) → the reachable element the ParentTree gives for it (None: missing or unreachable)."""
    owners: dict[tuple[tuple[int, int], int], Node | None] = {}
    for owner, key in doc.owner_struct_parents.items():
        entry = doc.parent_tree.get(key) if key is not None else None
        if isinstance(entry, pikepdf.Array):
            for mcid, element in enumerate(entry):
                if isinstance(element, pikepdf.Dictionary) and element.is_indirect:
                    owners[(owner, mcid)] = doc.node_of.get(element.objgen)
    return owners


def _why_untagged(doc: Document, paint: Paint) -> str | None:
    """Why this drawing is neither an artifact nor tagged content; None if it is one of them."""
    if paint.artifact:
        return None
    if not paint.marks:
        return "outside any marked content"
    mcid = paint.mcid
    if mcid is None:
        tags = " > ".join(mark.tag for mark in paint.marks)
        return f"in marked content {tags} with no MCID"
    key = doc.owner_struct_parents.get(paint.owner)
    if key is None:
        return f"MCID {mcid}, but its page has no /StructParents"
    entry = doc.parent_tree.get(key)
    element = entry[mcid] if isinstance(entry, pikepdf.Array) and mcid < len(entry) else None
    if not isinstance(element, pikepdf.Dictionary):
        return f"MCID {mcid} has no entry in the ParentTree (StructParents {key})"
    if element.objgen not in doc.node_of:
        chain: list[str] = []
        current: Any = element
        seen: set[tuple[int, int]] = set()
        while isinstance(current, pikepdf.Dictionary) and "/S" in current and current.objgen not in seen:
            seen.add(current.objgen)
            chain.append(str(current.S)[1:])
            current = current.get("/P")
        return (f"MCID {mcid} (in {' < '.join(chain)}) is not reachable from the StructTreeRoot; a page header "
                "or footer must be an /Artifact (18-001)")
    return None


@rule
def content_tagged_or_artifact(doc: Document) -> Iterator[Finding]:
    """7.1-3: every painting operator (text, path, image, shading, inline image; a Form XObject's own
    operators) is inside an /Artifact or inside marked content whose MCID the ParentTree maps to an
    element reachable from the StructTreeRoot. One finding per MCID, or per run of unmarked drawing."""
    reported: dict[tuple[int, str], list[Paint]] = {}
    order: list[tuple[int, str]] = []
    last: tuple[int, str] | None = None
    run = 0
    for paint in doc.paints:
        why = _why_untagged(doc, paint)
        if why is None:
            last = None
            continue
        if paint.mcid is None:  # consecutive unmarked drawing is one finding
            if last is None or last[0] != paint.page or not last[1].startswith(why):
                run += 1
            key = (paint.page, f"{why}#{run}")
        else:
            key = (paint.page, why)
        last = key
        if key not in reported:
            reported[key] = []
            order.append(key)
        reported[key].append(paint)
    for key in order:
        paints = reported[key]
        why = key[1].split("#")[0]
        operators = Counter(paint.operator for paint in paints)
        drawn = ", ".join(f"{count} × {op}" for op, count in sorted(operators.items()))
        text = join_lines([(paint.text, paint.y) for paint in paints if paint.text])
        yield Finding("7.1-3", f"content is neither an artifact nor tagged: {why} ({drawn})",
                      f"page {key[0]}, content stream operator {paints[0].index}{snippet(text)}")


@rule
def artifacts_and_tags_do_not_nest(doc: Document) -> Iterator[Finding]:
    """7.1-1: no Artifact opened inside MCID content; 7.1-2: no MCID opened inside an Artifact."""
    for page, index, marks in doc.marks_opened:
        new, outer = marks[-1], marks[:-1]
        if new.tag == "Artifact" and any(mark.mcid is not None for mark in outer):
            yield Finding("7.1-1", "an /Artifact is opened inside tagged content (MCID "
                          f"{next(m.mcid for m in outer if m.mcid is not None)})",
                          f"page {page}, content stream operator {index}")
        if new.mcid is not None and any(mark.tag == "Artifact" for mark in outer):
            yield Finding("7.1-2", f"tagged content (MCID {new.mcid}) is opened inside an /Artifact",
                          f"page {page}, content stream operator {index}")


# --------------------------------------------------------------------------------------------------
# The structure tree: root, role map, parents


@rule
def structure_tree(doc: Document) -> Iterator[Finding]:
    """7.1-11 (a StructTreeRoot) and 7.1-12 (each element has P)."""
    if doc.tree_root is None:
        yield Finding("7.1-11", "the catalog has no StructTreeRoot", "catalog")
        return
    for node in doc.nodes:
        if "/P" not in node.element:
            yield Finding("7.1-12", f"{node.type} has no parent (P) entry", doc.where(node))


@rule
def role_map(doc: Document) -> Iterator[Finding]:
    """7.1-5 (non-standard types map to a standard one), 7.1-6 (no circular mapping), 7.1-7 (standard
    types are not remapped)."""
    for source, target in doc.role_map.items():
        if source in STANDARD_TYPES:
            yield Finding("7.1-7", f"the standard type {source} is role-mapped to {target}", "RoleMap")
        seen, current = [source], target
        while current not in STANDARD_TYPES and current in doc.role_map and current not in seen:
            seen.append(current)
            current = doc.role_map[current]
        if current in seen:
            yield Finding("7.1-6", f"role mapping goes round in a circle: {' → '.join(seen + [current])}", "RoleMap")
    reported = set()
    for node in doc.nodes:
        if not node.standard and node.type not in reported and not re.fullmatch(r"H\d+", node.type):
            reported.add(node.type)
            yield Finding("7.1-5", f"structure type {node.type} is not standard and maps to no standard type",
                          doc.where(node))


# --------------------------------------------------------------------------------------------------
# Tables, lists, tables of contents: which kids and parents each may have (ISO 32000-1 Tables 336-337)

ALLOWED_PARENTS = {  # structure type: (rule, the parents it may have)
    "TR": ("7.2-4", {"Table", "THead", "TBody", "TFoot"}),
    "THead": ("7.2-5", {"Table"}),
    "TBody": ("7.2-6", {"Table"}),
    "TFoot": ("7.2-7", {"Table"}),
    "TH": ("7.2-8", {"TR"}),
    "TD": ("7.2-9", {"TR"}),
    "LI": ("7.2-17", {"L"}),
    "LBody": ("7.2-18", {"LI"}),
    "TOCI": ("7.2-26", {"TOC"}),
}
ALLOWED_KIDS = {  # structure type: (rule, the kids it may have)
    "Table": ("7.2-3", {"TR", "THead", "TBody", "TFoot", "Caption"}),
    "TR": ("7.2-10", {"TH", "TD"}),
    "L": ("7.2-19", {"L", "LI", "Caption"}),
    "LI": ("7.2-20", {"Lbl", "LBody"}),
    "TOC": ("7.2-27", {"TOC", "TOCI", "Caption"}),
    "THead": ("7.2-36", {"TR"}),
    "TBody": ("7.2-37", {"TR"}),
    "TFoot": ("7.2-38", {"TR"}),
}


@rule
def allowed_parents(doc: Document) -> Iterator[Finding]:
    """7.2-4..9, 7.2-17, 7.2-18, 7.2-26: TR, THead, TBody, TFoot, TH, TD, LI, LBody, TOCI in their parents."""
    for node in doc.nodes:
        if node.standard in ALLOWED_PARENTS:
            rule_id, parents = ALLOWED_PARENTS[node.standard]
            parent = node.parent.standard if node.parent else "the StructTreeRoot"
            if parent not in parents:
                yield Finding(rule_id, f"{node.type} is in {parent}, not in {' or '.join(sorted(parents))}",
                              doc.where(node))


@rule
def allowed_kids(doc: Document) -> Iterator[Finding]:
    """7.2-3, 7.2-10, 7.2-19, 7.2-20, 7.2-27, 7.2-36..38: what Table, TR, L, LI, TOC, THead, TBody, TFoot hold."""
    for node in doc.nodes:
        if node.standard in ALLOWED_KIDS:
            rule_id, allowed = ALLOWED_KIDS[node.standard]
            wrong = [kid for kid in _element_kids(node) if kid not in allowed]
            if wrong:
                listed = ", ".join(f"{count} × {kind}" for kind, count in Counter(wrong).items())
                yield Finding(rule_id, f"{node.type} holds {listed}; it may hold only {', '.join(sorted(allowed))}",
                              doc.where(node))


@rule
def table_parts(doc: Document) -> Iterator[Finding]:
    """7.2-11/12 (at most one THead, TFoot), 7.2-13/14 (a TBody with them), 7.2-39 (one Caption)."""
    for node in doc.nodes:
        if node.standard != "Table":
            continue
        kids = Counter(_element_kids(node))
        if kids["THead"] > 1:
            yield Finding("7.2-11", f"Table has {kids['THead']} THead", doc.where(node))
        if kids["TFoot"] > 1:
            yield Finding("7.2-12", f"Table has {kids['TFoot']} TFoot", doc.where(node))
        if kids["TFoot"] and not kids["TBody"]:
            yield Finding("7.2-13", "Table has a TFoot but no TBody", doc.where(node))
        if kids["THead"] and not kids["TBody"]:
            yield Finding("7.2-14", "Table has a THead but no TBody", doc.where(node))
        if kids["Caption"] > 1:
            yield Finding("7.2-39", f"Table has {kids['Caption']} Captions", doc.where(node))


@rule
def caption_places(doc: Document) -> Iterator[Finding]:
    """7.2-16 (a Table's Caption first or last), 7.2-40 (an L's first), 7.2-28 (a TOC's first); and
    coursebuilder/caption: a Caption anywhere else than first or last in a Table, Figure or L."""
    for node in doc.nodes:
        if node.standard != "Caption":
            continue
        parent = node.parent
        siblings = parent.kids if parent else []
        position = siblings.index(node) if parent else 0
        first, last = position == 0, position == len(siblings) - 1
        kind = parent.standard if parent else ""
        if kind == "Table" and not (first or last):
            yield Finding("7.2-16", f"Caption is kid {position + 1} of {len(siblings)} of its Table, not the first or "
                          "last", doc.where(node))
        elif kind == "L" and not first:
            yield Finding("7.2-40", f"Caption is kid {position + 1} of its L, not the first", doc.where(node))
        elif kind == "TOC" and not first:
            yield Finding("7.2-28", f"Caption is kid {position + 1} of its TOC, not the first", doc.where(node))
        elif kind not in ("Table", "L", "TOC", "Figure"):
            yield Finding("coursebuilder/caption", f"Caption is in {kind or 'the StructTreeRoot'}, not in the Table, "
                          "Figure or L it describes", doc.where(node))
        elif kind == "Figure" and not (first or last):
            yield Finding("coursebuilder/caption", f"Caption is kid {position + 1} of {len(siblings)} of its Figure, "
                          "not the first or last", doc.where(node))


def _rows(table: Node) -> list[Node]:
    rows = []
    for kid in table.kids:
        if kid.standard == "TR":
            rows.append(kid)
        elif kid.standard in ("THead", "TBody", "TFoot"):
            rows.extend(row for row in kid.kids if row.standard == "TR")
    return rows


def _cells(row: Node) -> list[Node]:
    return [cell for cell in row.kids if cell.standard in ("TH", "TD")]


def _table_attribute(cell: Node, key: str) -> Any:
    """An attribute of the Table owner (/A: one dictionary, or an array of them and revision numbers)."""
    attributes = cell.element.get("/A")
    for item in (attributes if isinstance(attributes, pikepdf.Array) else [attributes]):
        if isinstance(item, pikepdf.Dictionary) and item.get("/O") == "/Table" and key in item:
            return item[key]
    return None


@rule
def table_is_regular(doc: Document) -> Iterator[Finding]:
    """7.2-42: every row of a Table spans the same number of columns, counting ColSpan and cells that
    reach down into it with RowSpan."""
    for node in doc.nodes:
        if node.standard != "Table":
            continue
        rows = _rows(node)
        if len(rows) < 2:
            continue
        taken: Counter[int] = Counter()  # row index → columns filled from rows above
        widths = []
        for index, row in enumerate(rows):
            width = taken[index]
            for cell in _cells(row):
                span = _int(_table_attribute(cell, "/ColSpan")) or 1
                down = _int(_table_attribute(cell, "/RowSpan")) or 1
                width += span
                for below in range(index + 1, index + down):
                    taken[below] += span
            widths.append(width)
        if len(set(widths)) > 1:
            yield Finding("7.2-42", f"Table's rows span different numbers of columns: {widths}", doc.where(node))


@rule
def header_scope(doc: Document) -> Iterator[Finding]:
    """7.5-1: each TH has /Scope Row, Column or Both in its Table attributes (the handbooks also write
    Headers and IDs, which PDF/UA would accept instead; coursebuilder asks for both)."""
    for node in doc.nodes:
        if node.standard != "TH":
            continue
        scope = _table_attribute(node, "/Scope")
        if scope is None:
            yield Finding("7.5-1", "TH has no /Scope in its Table attributes (/A)", doc.where(node))
        elif scope not in ("/Row", "/Column", "/Both"):
            yield Finding("7.5-1", f"TH has /Scope {scope}, not /Row, /Column or /Both", doc.where(node))


@rule
def header_ids(doc: Document) -> Iterator[Finding]:
    """7.5-2: every ID a TD's /Headers names is the /ID of a TH in the same table."""
    for table in doc.nodes:
        if table.standard != "Table":
            continue
        cells = [cell for row in _rows(table) for cell in _cells(row)]
        ids = {bytes(cell.element.ID) for cell in cells if cell.standard == "TH" and "/ID" in cell.element}
        for cell in cells:
            headers = _table_attribute(cell, "/Headers")
            if cell.standard != "TD" or headers is None:
                continue
            unknown = [str(header) for header in headers if bytes(header) not in ids]
            if unknown:
                yield Finding("7.5-2", f"TD names headers {unknown} that no TH of its table has as /ID",
                              doc.where(cell))


# --------------------------------------------------------------------------------------------------
# Headings


def _heading_level(node: Node) -> int | None:
    match = re.fullmatch(r"H([1-9]\d*)", node.standard or node.type)
    return int(match.group(1)) if match else None


@rule
def headings(doc: Document) -> Iterator[Finding]:
    """7.4.2-1: the first numbered heading is H1 (14-002), and going down the levels never skips one:
    H3 right after H1 is wrong (14-003); going up, or repeating a level, is fine."""
    previous: Node | None = None
    for node in doc.nodes:
        level = _heading_level(node)
        if level is None:
            continue
        if previous is None and level != 1:
            yield Finding("7.4.2-1/14-002", f"the first heading is H{level}, not H1", doc.where(node))
        elif previous is not None and level > (_heading_level(previous) or 0) + 1:
            yield Finding("7.4.2-1/14-003", f"H{level} follows H{_heading_level(previous)} "
                          f"({snippet(doc.text(previous), 40)[2:] or previous.path}): a level is skipped",
                          doc.where(node))
        previous = node


@rule
def h_and_hn(doc: Document) -> Iterator[Finding]:
    """7.4.4-1: no element has more than one H kid; 7.4.4-2: not both H and H1-H6 in one document."""
    plain = [node for node in doc.nodes if node.standard == "H"]
    numbered = [node for node in doc.nodes if _heading_level(node)]
    for node in doc.nodes:
        count = _element_kids(node).count("H")
        if count > 1:
            yield Finding("7.4.4-1", f"{node.type} has {count} H kids", doc.where(node))
    if plain and numbered:
        yield Finding("7.4.4-2", f"the document uses H ({len(plain)}) and numbered headings ({len(numbered)})",
                      doc.where(plain[0]))


# --------------------------------------------------------------------------------------------------
# Figures, formulas, notes


@rule
def alternative_text(doc: Document) -> Iterator[Finding]:
    """7.3-1: a Figure has a non-empty Alt or an ActualText; 7.7-1: a Formula too."""
    for node in doc.nodes:
        if node.standard not in ("Figure", "Formula"):
            continue
        alt = str(node.element.get("/Alt", "")).strip()
        if not alt and "/ActualText" not in node.element:
            rule_id = "7.3-1" if node.standard == "Figure" else "7.7-1"
            yield Finding(rule_id, f"{node.type} has no Alt or ActualText", doc.where(node))


@rule
def note_ids(doc: Document) -> Iterator[Finding]:
    """7.9-1: a Note has an ID; 7.9-2: no two Notes share one."""
    seen: dict[bytes, Node] = {}
    for node in doc.nodes:
        if node.standard != "Note":
            continue
        if not bytes(node.element.get("/ID", b"")):
            yield Finding("7.9-1", "Note has no ID", doc.where(node))
            continue
        key = bytes(node.element.ID)
        if key in seen:
            yield Finding("7.9-2", f"Note's ID {key!r} is also the ID of {seen[key].path}", doc.where(node))
        seen[key] = node


# --------------------------------------------------------------------------------------------------
# Annotations


def _visible(annotation: pikepdf.Dictionary, page: pikepdf.Page) -> bool:
    if (_int(annotation.get("/F")) or 0) & 2:
        return False
    try:
        x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
        box = page.obj.get("/CropBox", page.MediaBox)
        bx1, by1, bx2, by2 = (float(v) for v in box)
    except (AttributeError, ValueError, TypeError):
        return True
    return min(x1, x2) < bx2 and max(x1, x2) > bx1 and min(y1, y2) < by2 and max(y1, y2) > by1


def _annotation_element(doc: Document, annotation: pikepdf.Dictionary) -> Node | None:
    """The reachable element that holds the annotation by an OBJR, found through its StructParent."""
    key = _int(annotation.get("/StructParent"))
    element = doc.parent_tree.get(key) if key is not None else None
    if not isinstance(element, pikepdf.Dictionary) or not element.is_indirect:
        return None
    node = doc.node_of.get(element.objgen)
    if node is None:
        return None
    holds = any(item[0] == "objr" and isinstance(item[1], pikepdf.Dictionary) and item[1].objgen == annotation.objgen
                for item in node.content if not isinstance(item, Node))
    return node if holds else None


def _annotation_where(number: int, annotation: pikepdf.Dictionary) -> str:
    target = ""
    action = annotation.get("/A")
    if isinstance(action, pikepdf.Dictionary) and "/URI" in action:
        target = f" to {action.URI}"
    elif "/Dest" in annotation or isinstance(action, pikepdf.Dictionary):
        target = " (internal)"
    return f"page {number}, {str(annotation.get('/Subtype', '/?'))[1:]} annotation{target}"


@rule
def annotations_tagged(doc: Document) -> Iterator[Finding]:
    """7.18.3-1 (Tabs S on a page with annotations), 7.18.5-1 (a Link in a Link element by an OBJR),
    7.18.5-2 (a Link has Contents), 7.18.4-1 (a Widget in a Form element), 7.18.1-1 (other annotations
    in an Annot element), 7.18.1-2 (Contents, or Alt on its element). Hidden annotations and those
    outside the crop box are left out, as veraPDF does."""
    for number, page in enumerate(doc.pdf.pages, start=1):
        on_page = [a for a in page.obj.get("/Annots", []) if isinstance(a, pikepdf.Dictionary)]
        if not on_page:
            continue
        tabs = page.obj.get("/Tabs")
        if tabs is None:
            yield Finding("7.18.3-1/28-008", f"page has {len(on_page)} annotations and no /Tabs", f"page {number}")
        elif tabs != "/S":
            yield Finding("7.18.3-1/28-009", f"page has annotations and /Tabs {tabs}, not /S", f"page {number}")
        for annotation in on_page:
            subtype = str(annotation.get("/Subtype", "/?"))[1:]
            if subtype == "Popup" or not _visible(annotation, page):
                continue
            where = _annotation_where(number, annotation)
            node = _annotation_element(doc, annotation)
            kind = node.standard if node else None
            if subtype == "Link":
                if kind != "Link":
                    reason = f"its element is {node.type}" if node else \
                        "no element reachable from the root holds it by an OBJR (through its StructParent)"
                    yield Finding("7.18.5-1", f"Link annotation is not in a Link element: {reason}", where)
                if not str(annotation.get("/Contents", "")).strip():
                    yield Finding("7.18.5-2", "Link annotation has no Contents (its alternate description)", where)
                continue
            if subtype == "Widget":
                if kind != "Form":
                    yield Finding("7.18.4-1", "Widget annotation is not in a Form element", where)
                continue
            if subtype != "PrinterMark" and kind != "Annot":
                yield Finding("7.18.1-1", f"{subtype} annotation is not in an Annot element", where)
            alt = str(node.element.get("/Alt", "")).strip() if node else ""
            if not str(annotation.get("/Contents", "")).strip() and not alt:
                yield Finding("7.18.1-2", f"{subtype} annotation has no Contents and its element no Alt", where)


# --------------------------------------------------------------------------------------------------
# XObjects and fonts


@rule
def xobjects(doc: Document) -> Iterator[Finding]:
    """7.20-1 (no reference XObjects), 7.20-2 (a Form XObject holding MCIDs is drawn once)."""
    for number, page in enumerate(doc.pdf.pages, start=1):
        resources = page.obj.get("/Resources")
        for name, xobject in (resources.get("/XObject", {}) if resources is not None else {}).items():
            if isinstance(xobject, pikepdf.Stream) and "/Ref" in xobject:
                yield Finding("7.20-1", f"XObject {name} is a reference XObject", f"page {number}")
    for form in doc.forms_with_mcids:
        if doc.form_draws[form] > 1:
            yield Finding("7.20-2", f"a Form XObject with MCIDs is drawn {doc.form_draws[form]} times",
                          f"object {form[0]}")


def _descendant(font: pikepdf.Dictionary) -> Any:
    descendants = font.get("/DescendantFonts")
    return descendants[0] if font.get("/Subtype") == "/Type0" and descendants else font


def _font_program(font: pikepdf.Dictionary) -> Any:
    descriptor = _descendant(font).get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return None
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            return descriptor[key]
    return None


@rule
def fonts_embedded(doc: Document) -> Iterator[Finding]:
    """7.21.4.1-1: every font used for text (not Type3) has its program embedded; 7.21.3.2-1: an
    embedded CIDFontType2 has a CIDToGIDMap."""
    for use in doc.fonts.values():
        font = use.font
        if font.get("/Subtype") == "/Type3":
            continue
        program = _font_program(font)
        if program is None:
            yield Finding("7.21.4.1-1", f"font {use.name} is not embedded", f"page {use.page} (first use)")
        elif _descendant(font).get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in _descendant(font):
            yield Finding("7.21.3.2-1", f"font {use.name} (CIDFontType2) has no CIDToGIDMap",
                          f"page {use.page} (first use)")


STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding")


@rule
def fonts_map_to_unicode(doc: Document) -> Iterator[Finding]:
    """7.21.7-1: a font used for text has a ToUnicode CMap, unless its codes are known otherwise (a
    simple font with a standard encoding, a Type0 font of a standard Adobe character collection);
    7.21.7-2: no ToUnicode value is U+0000, U+FEFF or U+FFFE."""
    for use in doc.fonts.values():
        font = use.font
        if "/ToUnicode" in font:
            mapping = to_unicode(font)
            bad = sorted({f"U+{ord(ch):04X}" for text in mapping.values() for ch in text if ch in "\0\ufeff\ufffe"})
            if bad:
                yield Finding("7.21.7-2", f"font {use.name}'s ToUnicode maps codes to {', '.join(bad)}",
                              f"page {use.page} (first use)")
            continue
        encoding = font.get("/Encoding")
        if isinstance(encoding, pikepdf.Dictionary):
            encoding = encoding.get("/BaseEncoding")
        if font.get("/Subtype") != "/Type0" and encoding in STANDARD_ENCODINGS:
            continue
        info = _descendant(font).get("/CIDSystemInfo")
        if font.get("/Subtype") == "/Type0" and isinstance(info, pikepdf.Dictionary) and \
                str(info.get("/Ordering", "")) in ("GB1", "CNS1", "Japan1", "Korea1"):
            continue
        yield Finding("7.21.7-1", f"font {use.name} has no ToUnicode and no standard encoding",
                      f"page {use.page} (first use)")


def _glyph_count(program: pikepdf.Stream) -> int | None:
    try:
        from fontTools.ttLib import TTFont
        return int(TTFont(io.BytesIO(program.read_bytes()), lazy=True)["maxp"].numGlyphs)
    except Exception:  # noqa: BLE001 - a font fontTools cannot read is judged by the other rules
        return None


@rule
def glyphs(doc: Document) -> Iterator[Finding]:
    """7.21.8-1 (no code drawn with glyph 0, .notdef) and 7.21.4.1-2 (each glyph drawn is in the
    embedded program), for Type0 fonts with Identity-H/V encoding and a CIDFontType2 (TrueType)
    program, the fonts WeasyPrint writes. Other fonts are not read this deep."""
    for use in doc.fonts.values():
        font, descendant = use.font, _descendant(use.font)
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") not in ("/Identity-H", "/Identity-V") \
                or descendant.get("/Subtype") != "/CIDFontType2":
            continue
        cid_to_gid = descendant.get("/CIDToGIDMap", pikepdf.Name.Identity)
        table = cid_to_gid.read_bytes() if isinstance(cid_to_gid, pikepdf.Stream) else None

        def gid(cid: int, table: bytes | None = table) -> int:
            if table is None:
                return cid
            return int.from_bytes(table[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(table) else 0

        used = {cid: gid(cid) for cid in use.codes}
        notdef = sorted(cid for cid, glyph in used.items() if glyph == 0)
        if notdef:
            yield Finding("7.21.8-1", f"font {use.name} draws .notdef (glyph 0) for codes {notdef[:10]}: a "
                          "character no installed font has", f"page {use.page} (first use)")
        program = _font_program(font)
        count = _glyph_count(program) if program is not None else None
        if count is not None:
            missing = sorted(cid for cid, glyph in used.items() if glyph >= count)
            if missing:
                yield Finding("7.21.4.1-2", f"font {use.name} has {count} glyphs but the text draws glyphs "
                              f"{[used[cid] for cid in missing[:10]]}", f"page {use.page} (first use)")


# --------------------------------------------------------------------------------------------------
# coursebuilder: no element split by a page break

TEXT_TYPES = frozenset({"P", "Caption", "BlockQuote", "Note", "Code", "Quote", "Span", "LBody", "Lbl",
                        "TD", "TH", "H", "H1", "H2", "H3", "H4", "H5", "H6"})
CONTAINER_TYPES = frozenset({"Document", "Part", "Art", "Sect", "Div", "NonStruct", "Private", "BlockQuote",
                             "TOC", "TOCI", "Index", "Figure", "Form", "Link", "Reference", "BibEntry"})
LINE_PIECES = frozenset({"Span", "Link", "Lbl", "Quote", "Code", "Reference", "BibEntry", "Annot", "Ruby", "RB",
                         "RT", "RP", "Warichu", "WT", "WP", "Form"})
CARRIES_ON = tuple(",;-–—([{“‘«")
LIST_START = re.compile(r"^\W*(1|0|a|A|i|I)\W*$")


def _continues(doc: Document, before: Node, after: Node) -> bool:
    """Whether `after` carries on `before`, the same thing cut by a page break, as far as the PDF shows:
    a paragraph whose sentence goes on (`_text_goes_on`); a list item without its own label after one
    with; a table part without a caption of its own; a list whose numbering goes on; a section that
    does not start with a heading; a container whose last kid goes on into the other's first."""
    kind = before.standard
    if kind in ("Table", "THead", "TBody", "TFoot"):
        return not after.kids or after.kids[0].standard != "Caption"
    if kind == "L":
        first_item = next((kid for kid in after.kids if kid.standard == "LI"), None)
        label = next((kid for kid in first_item.kids if kid.standard == "Lbl"), None) if first_item else None
        return label is None or not LIST_START.match(doc.text(label).strip())
    if kind == "LI":  # the label is drawn on an item's first page only
        labelled = [any(kid.standard == "Lbl" for kid in item.kids) for item in (before, after)]
        return labelled == [True, False]
    if kind in TEXT_TYPES and not _heading_level(before):
        return _text_goes_on(doc.text(before), doc.text(after))
    if kind in CONTAINER_TYPES or not kind:
        if before.kids and after.kids and before.kids[-1].standard == after.kids[0].standard \
                and _split_pair(doc, before.kids[-1], after.kids[0]):
            return True
        # A section starts with its heading (perhaps after one line, "Section 2 of 5 · 12 minutes"):
        # one that does not carries on the section before it.
        return kind in ("Sect", "Part", "Art") and bool(after.kids) and \
            not any(kid.standard == "H" or _heading_level(kid) for kid in after.kids[:2])
    return False


def _text_goes_on(before: str, after: str) -> bool:
    """A sentence carried over: the second part starts with a small letter, or the first stops at a
    comma, dash or bracket. (A sentence cut just before a capital, a name, is not seen.)"""
    before, after = before.strip(), after.strip()
    if not before or not after:
        return False
    return after[0].islower() or before.endswith(CARRIES_ON)


def _split_pair(doc: Document, before: Node, after: Node) -> bool:
    pages_before, pages_after = doc.pages_of(before), doc.pages_of(after)
    if not pages_before or not pages_after or pages_after[0] != pages_before[-1] + 1:
        return False
    return _continues(doc, before, after)


def _deepest_split(doc: Document, before: Node, after: Node) -> tuple[Node, Node]:
    while before.kids and after.kids and before.kids[-1].standard == after.kids[0].standard \
            and before.kids[-1].standard not in INLINE_TYPES and _split_pair(doc, before.kids[-1], after.kids[0]):
        before, after = before.kids[-1], after.kids[0]
    return before, after


def split_elements(pdf: pikepdf.Pdf | Document | str | Path) -> list[Finding]:
    """coursebuilder/split-element: two sibling elements of the same type, the second starting on the
    page after the first ends, where the second carries on the first (see `_continues`) — one
    paragraph, list, list item or table made two elements by a page break (WeasyPrint 70 builds each
    page's structure apart). One finding per break, at the innermost element cut, naming the
    containers cut with it. Not a PDF/UA-1 rule (PDF/UA allows it); the handbooks promise it."""
    doc = pdf if isinstance(pdf, Document) else Document(_open(pdf))
    findings = []
    nested_in_reported: set[int] = set()
    for parent in [None, *doc.nodes]:
        kids = doc.roots if parent is None else parent.kids
        for before, after in zip(kids, kids[1:]):
            if id(before) in nested_in_reported or before.standard != after.standard \
                    or before.standard in LINE_PIECES:  # a paragraph's lines: one ends at the page's foot
                continue
            if not _split_pair(doc, before, after):
                continue
            inner_before, inner_after = _deepest_split(doc, before, after)
            node: Node | None = inner_before
            while node is not None and node is not before:
                nested_in_reported.add(id(node))
                node = node.parent
            cut = f" (and {before.path} around it)" if inner_before is not before else ""
            pages = doc.pages_of(inner_before)[-1], doc.pages_of(inner_after)[0]
            findings.append(Finding(
                "coursebuilder/split-element",
                f"{inner_before.type} is split by the page break after page {pages[0]}{cut} into two elements: "
                f"{inner_after.path} carries it on{snippet(doc.text(inner_after), 40)}",
                f"page {pages[0]}, {inner_before.path}{snippet(doc.text(inner_before)[-60:], 60)}"))
    return findings


# --------------------------------------------------------------------------------------------------
# Running it


def _open(pdf: pikepdf.Pdf | str | Path) -> pikepdf.Pdf:
    return pdf if isinstance(pdf, pikepdf.Pdf) else pikepdf.open(pdf)


def check(pdf: pikepdf.Pdf | str | Path, *, coursebuilder_checks: bool = True) -> list[Finding]:
    """Every finding for one PDF: the PDF/UA-1 rules, then (unless told not to) coursebuilder's own."""
    doc = Document(_open(pdf))
    findings = [finding for check_rule in CHECKS for finding in check_rule(doc)]
    if coursebuilder_checks:
        findings += split_elements(doc)
    else:
        findings = [finding for finding in findings if not finding.rule.startswith("coursebuilder/")]
    return findings


def counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(finding.rule for finding in findings)


def report(findings: list[Finding], limit: int | None = None) -> str:
    lines = [str(finding) for finding in findings[:limit]]
    if limit is not None and len(findings) > limit:
        lines.append(f"… and {len(findings) - limit} more")
    lines += [f"{count:6} × {rule_id} ({RULES[rule_id][0] or '-'}): {RULES[rule_id][1]}"
              for rule_id, count in sorted(counts(findings).items())]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Reading order: the tree as a screen reader meets it

INLINE_TYPES = frozenset({"Span", "Link", "Quote", "Code", "Reference", "Note", "BibEntry", "Annot", "Ruby",
                          "RB", "RT", "RP", "Warichu", "WT", "WP", "Lbl", "NonStruct", "Private", "Form"})


def _is_block(node: Node) -> bool:
    kind = node.standard or node.type
    if kind not in INLINE_TYPES:
        return True
    return any(_is_block(kid) for kid in node.kids)


def _lines(doc: Document, node: Node, depth: int = 0) -> list[str]:
    kind = node.standard or node.type
    indent = "  " * depth
    text = " ".join(doc.text(node).split())
    level = _heading_level(node)
    if level or kind == "H":
        return [f"{indent}{'#' * (level or 1)} {text}"]
    if kind in ("Figure", "Formula"):
        alt = str(node.element.get("/Alt", node.element.get("/ActualText", "")))
        return [f"{indent}[{kind}: {alt}]" + (f" {text}" if text else "")]
    if kind == "Caption":
        return [f"{indent}Caption: {text}"]
    if kind == "L":
        return [line for kid in node.kids for line in _lines(doc, kid, depth + (kid.standard == "L"))]
    if kind == "LI":
        label = " ".join(doc.text(kid) for kid in node.kids if kid.standard == "Lbl").strip()
        bodies = [kid for kid in node.kids if kid.standard != "Lbl"]
        inner = [line for body in bodies for line in _container(doc, body, depth + 1)]
        first = inner[0].strip() if inner else ""
        return [f"{indent}- {label + ' ' if label else ''}{first}".rstrip()] + inner[1:]
    if kind == "Table":
        lines = []
        for kid in node.kids:
            if kid.standard == "Caption":
                lines.extend(_lines(doc, kid, depth))
        for row in _rows(node):
            cells = [("**" + " ".join(doc.text(cell).split()) + "**") if cell.standard == "TH"
                     else " ".join(doc.text(cell).split()) for cell in _cells(row)]
            lines.append(f"{indent}| {' | '.join(cells)} |")
        return lines
    if kind == "BlockQuote":
        return [f"{indent}> {line.strip()}" for line in _container(doc, node, 0)]
    if kind in ("P", "TD", "TH", "LBody") and not any(_is_block(kid) for kid in node.kids):
        return [f"{indent}{text}"] if text else []
    return _container(doc, node, depth)


def _container(doc: Document, node: Node, depth: int) -> list[str]:
    """A block's kids: runs of inline content make one line each, blocks their own lines."""
    lines: list[str] = []
    pieces: list[tuple[str, float | None]] = []

    def flush() -> None:
        text = " ".join(join_lines(pieces).split())
        if text:
            lines.append("  " * depth + text)
        pieces.clear()

    for item in node.content:
        if isinstance(item, Node):
            if _is_block(item):
                flush()
                lines.extend(_lines(doc, item, depth))
            else:
                pieces.extend(doc.pieces(item))
        elif item[0] == "mcid":
            pieces.extend(doc.mcid_text(item[1], item[2]))
    flush()
    return lines


def reading_order(pdf: pikepdf.Pdf | str | Path) -> str:
    """The structure tree walked in order, one line per block: '# heading', '- list item', '| row |',
    '[Figure: alt]', 'Caption: …', '> quotation'; page artifacts are not in it."""
    doc = Document(_open(pdf))
    return "\n".join(line for root in doc.roots for line in _lines(doc, root)) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    total: Counter[str] = Counter()
    for name in argv:
        findings = check(name)
        total.update(counts(findings))
        print(f"== {name}: {len(findings)} findings")
        print(report(findings))
    if len(argv) > 1:
        print("== all files")
        for rule_id, count in sorted(total.items()):
            print(f"{count:6} × {rule_id} ({RULES[rule_id][0] or '-'}): {RULES[rule_id][1]}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
