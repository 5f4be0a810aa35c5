"""The handbooks' tagging, mended where WeasyPrint 70's falls short of PDF/UA-1 (issue 19).

WeasyPrint tags the handbooks (pdf_variant "pdf/ua-1"): it marks the text it draws with MCIDs and
builds a structure tree from the boxes of each page. While `tagging()` is entered, this module wraps
five of its functions. Each fix, numbered as in the issue, with the upstream change that would make
it unnecessary:

1. Page furniture (`_page_furniture`, `_marked`): running headers and "Page N of M" footers (the
   @page margin boxes) are drawn as `/Artifact <</Type /Pagination /Subtype /Header>> BDC … EMC`
   (/Footer for the bottom boxes, no /Subtype at the sides), with no MCID and no structure element;
   WeasyPrint marks them with MCIDs in elements it never links to the tree (Matterhorn 18-001,
   veraPDF 7.1-3). Upstream: draw margin boxes inside `stream.artifact()` and leave them out of
   `_build_box_tree`.
2. List items (`_renest_lists`, `_list_item`): an LI holds a label and a body only (veraPDF 7.2-20):
   LI → [Lbl, LBody[everything else]], and a list inside an <li> goes back into that item's body
   (WeasyPrint lifts it out into the outer list). Upstream: wrap a list item's content in LBody.
3. Whole elements (`_join_split`, `_prune`, and for tables `_stand_in_for_cells`,
   `_headers_read_once`): an HTML element whose boxes run on over page breaks is one structure
   element (a paragraph one P, a glossary one L), its kids from every page, each with its own /Pg,
   an MCID of another page than the element's /Pg as an MCR dictionary, each kid's /P its new
   parent, and the /ParentTree rebuilt from the tree (`_parent_tree`). The header (and footer) rows
   WeasyPrint draws again on each page a table runs onto are pagination artifacts, left out of the
   tree, and the cells below them name the first header's cells in /Headers. Elements left with
   nothing to read (a list item's continuation, an empty write-in box) are dropped. Upstream: build
   one element per element, not per page, and draw repeated row groups as artifacts.
4. Definition lists (`_pair_terms`): each term (dt, or terms in a row) with its definitions (dd) is
   one LI, Lbl the term, LBody the definitions; WeasyPrint makes each dt and each dd an LI of its
   own. Upstream: its own "TODO: dt should be different" in `_get_pdf_tag`.
5. Language and scope (`_describe`): the element of an HTML element that says its language (`<p
   lang="cy">`, `<span lang="ur">`, a quotation, a list) has /Lang, so that Welsh or Urdu is not
   read with the document's English voice (PDF/UA-1 7.2, WCAG 3.1.2); each TH has /Scope (/Row for
   scope="row", else /Column: exactly the headers WeasyPrint links each TD to). Upstream: write both
   in `_build_box_tree`.
6. XMP (`_with_language`): the metadata says the document's language (dc:language, from <html
   lang>), inside WeasyPrint's own rdf:RDF. The public `DocumentMetadata.xmp_metadata` list would
   add a second rdf:RDF after it, and XMP readers (Adobe's XMPCore, which veraPDF's parser comes
   from) read the first only. Upstream: write dc:language in `generate_rdf_metadata`.
7. Links (`_link_contents`): a link annotation's /Contents describes it in words (the <a>'s
   aria-label, "Note 1" on a footnote mark, or its text with a contents entry's page number)
   instead of its target, which is what WeasyPrint writes. Pages with annotations already have
   /Tabs /S. Upstream: take /Contents from the link's text.

How: `weasyprint.pdf.tags._build_box_tree` (the generator that makes the elements of one box and
calls itself for each child through the module's global name) is wrapped to leave out margin boxes
and repeated row groups, and to note which HTML element each element is made for; `Stream.marked` and
`weasyprint.document.draw_page` to draw page furniture as artifacts; `weasyprint.pdf.add_tags` to
rearrange the finished tree (fixes 2 to 4); `DocumentMetadata.generate_rdf_metadata` for fix 6. A
pass over the written file could not do this: once written, an element no longer says which HTML
element it came from, and margin-box text is already marked content. Nothing depends on object ids
or set order, so two builds of the same sources give the same bytes.

The wrappers stand in only while a handbook is written (entered from `_Context.write` in pdf.py):
the originals are put back when the last writer leaves (a count under a lock, for writers in several
threads), and a wrapper does WeasyPrint's own work, unchanged, in a thread that is not writing a
handbook. The functions are private, so `_checked()` looks each one up with the parameters this
module knows, and raises a RuntimeError naming the WeasyPrint version when one is not there. The tests
in tests/test_pdf_structure_says_the_language_and_scope_of_each_part.py and
tests/test_pdf_structure_has_no_page_furniture_and_whole_elements.py fail if a new WeasyPrint builds
the tree differently.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer (a dependency of it)
import weasyprint

# What this module wraps, with its parameters in WeasyPrint 70.0.
_WRAPPED = {
    ("weasyprint.pdf.tags", "_build_box_tree"): ("box", "parent", "pdf", "page_number", "nums", "annotations",
                                                 "tags"),
    ("weasyprint.pdf", "add_tags"): ("pdf", "document", "pdf_version", "page_streams"),
    ("weasyprint.document", "draw_page"): ("page", "stream"),
    ("weasyprint.pdf.stream.Stream", "marked"): ("self", "box", "tag"),
    ("weasyprint.pdf.metadata.DocumentMetadata", "generate_rdf_metadata"): ("self", "variant", "version",
                                                                            "conformance"),
}


def _unsupported(owner: str, name: str) -> str:
    return (f"WeasyPrint {weasyprint.__version__} has no {owner}.{name}({', '.join(_WRAPPED[owner, name])}), "
            "which coursebuilder/render/pdf_tags.py wraps to tag the handbooks for PDF/UA (written for "
            "WeasyPrint 70.0): adapt pdf_tags.py to this version, or install WeasyPrint 70")


try:
    import weasyprint.document as weasyprint_document
    import weasyprint.pdf as weasyprint_pdf
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import metadata as weasyprint_metadata
    from weasyprint.pdf import stream as weasyprint_stream
    from weasyprint.pdf import tags as weasyprint_tags
except ImportError as error:  # the modules this one reaches into moved
    raise RuntimeError(_unsupported("weasyprint.pdf.tags", "_build_box_tree")) from error

_OWNERS: dict[str, Any] = {
    "weasyprint.pdf.tags": weasyprint_tags, "weasyprint.pdf": weasyprint_pdf,
    "weasyprint.document": weasyprint_document, "weasyprint.pdf.stream.Stream": weasyprint_stream.Stream,
    "weasyprint.pdf.metadata.DocumentMetadata": weasyprint_metadata.DocumentMetadata}


def _checked(owner: str, name: str, where: Any = None) -> Any:
    """WeasyPrint's function `owner.name`, after checking that it has the parameters this module knows
    (and, for `_build_box_tree`, that it is a generator)."""
    function = getattr(_OWNERS[owner] if where is None else where, name, None)
    if function is None or not callable(function) or \
            tuple(inspect.signature(function).parameters) != _WRAPPED[owner, name] or \
            (name == "_build_box_tree" and not inspect.isgeneratorfunction(function)):
        raise RuntimeError(_unsupported(owner, name))
    return function


@dataclass
class _Handbook:
    """What the wrappers learn about the handbook being written in this thread, while it is drawn and
    its tree is built."""

    furniture: dict[Any, pydyf.Dictionary] = field(default_factory=dict)  # box → artifact properties
    row_groups: set[Any] = field(default_factory=set)  # <thead>/<tfoot> elements drawn on an earlier page
    repeated: set[Any] = field(default_factory=set)  # their boxes drawn again on a later page
    origin: dict[int, tuple[Any, str, str]] = field(default_factory=dict)  # element number → (HTML, tag, S)
    first_header: dict[Any, pydyf.Dictionary] = field(default_factory=dict)  # <th> → its first TH
    stand_ins: list[tuple[pydyf.Dictionary, Any]] = field(default_factory=list)  # (stand-in TH, <th>)


_lock = threading.Lock()
_writers = 0  # how many handbooks are being written in this process now
_originals: dict[str, Any] = {}  # WeasyPrint's functions by name, while the wrappers stand in for them
_local = threading.local()  # .handbook: the _Handbook this thread is writing, if any


def _handbook() -> _Handbook | None:
    return getattr(_local, "handbook", None)


@contextmanager
def tagging() -> Iterator[None]:
    """While entered, the PDFs WeasyPrint writes in this thread are tagged as this module describes."""
    global _writers
    with _lock:
        if _writers == 0:
            for (owner, name), wrapper in _wrappers().items():
                _originals[name] = _checked(owner, name)
                setattr(_OWNERS[owner], name, wrapper)
        _writers += 1
    outer, _local.handbook = _handbook(), _Handbook()
    try:
        yield
    finally:
        _local.handbook = outer
        with _lock:
            _writers -= 1
            if _writers == 0:
                for owner, name in _WRAPPED:
                    setattr(_OWNERS[owner], name, _originals.pop(name))


def _wrappers() -> dict[tuple[str, str], Any]:
    return {("weasyprint.pdf.tags", "_build_box_tree"): _build_box_tree,
            ("weasyprint.pdf", "add_tags"): _add_tags,
            ("weasyprint.document", "draw_page"): _draw_page,
            ("weasyprint.pdf.stream.Stream", "marked"): _marked,
            ("weasyprint.pdf.metadata.DocumentMetadata", "generate_rdf_metadata"): _generate_rdf_metadata}


# The wrappers.

def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    """WeasyPrint's function, without margin boxes and repeated row groups (fixes 1 and 3); each element
    made for `box` gets its language and scope (5) and a link its description (7), and the HTML element
    it comes from is noted (for fixes 2 to 4)."""
    handbook = _handbook()
    if handbook is None:  # not a handbook
        yield from _originals["_build_box_tree"](box, parent, pdf, page_number, nums, annotations, tags)
        return
    if isinstance(box, boxes.MarginBox):
        return  # drawn as pagination artifacts
    if box in handbook.repeated:
        _stand_in_for_cells(box, handbook)
        return
    if getattr(box, "is_leader", False):  # a contents entry's dot leader: drawn as a layout artifact
        if box.link_annotation is not None and parent["S"] == "/Link":  # its area stays part of the link
            _hold_annotation(pdf, parent, box.link_annotation, page_number, annotations)
            _link_contents(parent, box)
        return
    own = _makes_elements(box)
    for element in _originals["_build_box_tree"](box, parent, pdf, page_number, nums, annotations, tags):
        if own:
            _describe(element, box)
            _note(element, box, handbook)
            _link_contents(element, box)
            if element["S"] == "/Table":
                _headers_read_once(pdf, element, handbook)
        yield element


def _add_tags(pdf, document, pdf_version, page_streams):
    """WeasyPrint's structure tree, then rearranged (fixes 2 to 4) with its /ParentTree rebuilt."""
    _originals["add_tags"](pdf, document, pdf_version, page_streams)
    handbook = _handbook()
    if handbook is None:
        return
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    top = _object(pdf, root["K"][0])  # the /Document element
    for element in _descendants(pdf, top):
        if element["S"] == "/L":
            _renest_lists(pdf, element, handbook)
    _join_split(pdf, top, handbook)
    for element in _descendants(pdf, top):
        if element["S"] == "/L" and handbook.origin.get(element.number, (None, ""))[1] == "dl":
            _pair_terms(pdf, element, handbook)
    for element in _descendants(pdf, top):
        if element["S"] == "/LI":
            _list_item(pdf, element)
    _prune(pdf, top)
    _parent_tree(pdf, root, top)
    _local.handbook = _Handbook()  # a next PDF written in the same `tagging()` starts afresh


def _draw_page(page, stream):
    handbook = _handbook()
    if handbook is not None:
        _page_furniture(page, handbook)
    return _originals["draw_page"](page, stream)


@contextmanager
def _marked(stream, box, tag):
    """WeasyPrint's marked content, or for page furniture an artifact without MCID (fix 1)."""
    handbook = _handbook()
    properties = None if handbook is None else handbook.furniture.get(box)
    if properties is None or stream._tags is None:  # not furniture, or not tagging
        with _originals["marked"](stream, box, tag):
            yield
        return
    stream.begin_marked_content("Artifact", properties)
    try:
        yield
    finally:
        stream.end_marked_content()


def _generate_rdf_metadata(metadata, variant, version, conformance):
    rdf = _originals["generate_rdf_metadata"](metadata, variant, version, conformance)
    if _handbook() is None or not metadata.lang:
        return rdf
    return _with_language(rdf, metadata.lang)


# 1. Page furniture: running headers, page footers, repeated table headers.

_HEADER = pydyf.Dictionary({"Type": "/Pagination", "Subtype": "/Header"})
_FOOTER = pydyf.Dictionary({"Type": "/Pagination", "Subtype": "/Footer"})
_PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})
_LAYOUT = pydyf.Dictionary({"Type": "/Layout"})


def _page_furniture(page, handbook: _Handbook) -> None:
    """Before a page is drawn: its margin boxes' boxes, and those of the header and footer rows of a
    table that began on an earlier page, are drawn as pagination artifacts; a dot leader's dots (the
    contents) as a layout artifact."""
    for child in page.children:
        if isinstance(child, boxes.MarginBox):
            side = child.at_keyword.lstrip("@").split("-")[0]
            properties = {"top": _HEADER, "bottom": _FOOTER}.get(side, _PAGINATION)
            handbook.furniture.update(dict.fromkeys(child.descendants(placeholders=True), properties))
            continue
        for box in child.descendants(placeholders=True):
            if getattr(box, "is_leader", False):  # leader(dotted): dots a screen reader would read out
                handbook.furniture.update(dict.fromkeys(box.descendants(placeholders=True), _LAYOUT))
            if isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
                if box.element in handbook.row_groups:
                    handbook.repeated.add(box)
                    handbook.furniture.update(dict.fromkeys(box.descendants(placeholders=True), _PAGINATION))
                handbook.row_groups.add(box.element)


# 2. List items of a label and a body.

def _renest_lists(pdf, list_: pydyf.Dictionary, handbook: _Handbook) -> None:
    """A list that WeasyPrint lifted out of its <li> into the outer list goes back into that item."""
    kids, item = pydyf.Array(), None
    for kid in list_["K"]:
        element = _object(pdf, kid) if _is_element(pdf, kid) else None
        if element is not None and element["S"] == "/L" and item is not None and \
                _inside(handbook, element, item):
            item["K"].append(_moved(pdf, kid, list_, item))
            continue
        if element is not None and element["S"] == "/LI":
            item = element
        kids.append(kid)
    list_["K"] = kids


def _inside(handbook: _Handbook, element: pydyf.Dictionary, item: pydyf.Dictionary) -> bool:
    html, item_html = handbook.origin.get(element.number), handbook.origin.get(item.number)
    return html is not None and item_html is not None and \
        any(descendant is html[0] for descendant in item_html[0].iter() if descendant is not item_html[0])


def _list_item(pdf, item: pydyf.Dictionary) -> None:
    """LI → [Lbl…, LBody[everything else, a body WeasyPrint made opened into it]] (veraPDF 7.2-20)."""
    labels = [kid for kid in item["K"] if _is_element(pdf, kid) and _object(pdf, kid)["S"] == "/Lbl"]
    rest = [kid for kid in item["K"] if kid not in labels]
    if not rest or (len(rest) == 1 and _is_element(pdf, rest[0]) and _object(pdf, rest[0])["S"] == "/LBody"):
        return
    body = _new_element(pdf, "/LBody", item)
    for kid in rest:
        if _is_element(pdf, kid) and _object(pdf, kid)["S"] == "/LBody":
            inner = _object(pdf, kid)
            body["K"].extend(_moved(pdf, each, inner, body) for each in inner["K"])
        else:
            body["K"].append(_moved(pdf, kid, item, body))
    item["K"] = pydyf.Array(labels + [body.reference])


# 3. Whole elements across page breaks.

def _note(element: pydyf.Dictionary, box, handbook: _Handbook) -> None:
    html = _real(box).element
    handbook.origin[element.number] = (html, _real(box).element_tag, element["S"])
    if element["S"] == "/TH":
        handbook.first_header.setdefault(html, element)


def _stand_in_for_cells(group, handbook: _Handbook) -> None:
    """A repeated row group makes no elements, but WeasyPrint's table code gives each of its cells an
    ID and lists those IDs in the /Headers of the cells below: its cells get stand-ins to write to."""
    for row in group.children:
        for cell in row.children:
            cell.mark = pydyf.Dictionary({"A": pydyf.Dictionary()})
            if cell.element is not None and cell.element_tag == "th":
                handbook.stand_ins.append((cell.mark, cell.element))


def _headers_read_once(pdf, table: pydyf.Dictionary, handbook: _Handbook) -> None:
    """The cells of a table's part on a later page name, in their /Headers, the header cells of its
    first page instead of the stand-ins of the repeated header."""
    first = {stand_in["ID"].string: handbook.first_header[html]["ID"]
             for stand_in, html in handbook.stand_ins
             if "ID" in stand_in and "ID" in handbook.first_header.get(html, {})}
    handbook.stand_ins = [(stand_in, html) for stand_in, html in handbook.stand_ins if "ID" not in stand_in]
    for cell in _descendants(pdf, table) if first else ():
        headers = cell.get("A", {}).get("Headers")
        if headers is not None:
            headers[:] = [first.get(header.string, header) for header in headers]


def _page(pdf, kid, parent: pydyf.Dictionary) -> bytes:
    """The page a kid of `parent` is drawn on."""
    if isinstance(kid, int):
        return parent["Pg"]
    return (kid if isinstance(kid, pydyf.Dictionary) else _object(pdf, kid))["Pg"]


def _split_from(pdf, kids: list, kid, parent: pydyf.Dictionary, handbook: _Handbook) -> Any:
    """The sibling before `kid`, among `kids`, made for the same HTML element on an earlier page, if
    only kids of earlier pages come between them (a grid row or a table row has several parts that
    go on at once): `kid` is its part on a later page."""
    if not _is_element(pdf, kid):
        return None
    later = _object(pdf, kid)
    origin = handbook.origin.get(later.number)
    for earlier in reversed(kids):
        if origin is None or _page(pdf, earlier, parent) == later["Pg"]:
            return None
        if _is_element(pdf, earlier) and handbook.origin.get(_object(pdf, earlier).number) == origin:
            return earlier
    return None


def _join_split(pdf, element: pydyf.Dictionary, handbook: _Handbook) -> None:
    """Each element made for one HTML element on successive pages becomes the first of them, with the
    others' kids after its own; then the same inside each kid."""
    kids = pydyf.Array()
    for kid in element["K"]:
        earlier = _split_from(pdf, kids, kid, element, handbook)
        if earlier is None:
            kids.append(kid)
            continue
        earlier, later = _object(pdf, earlier), _object(pdf, kid)
        earlier["K"].extend(_moved(pdf, item, later, earlier) for item in later["K"])
    element["K"] = kids
    for kid in kids:
        if _is_element(pdf, kid):
            _join_split(pdf, _object(pdf, kid), handbook)


def _prune(pdf, element: pydyf.Dictionary) -> bool:
    """Leave out the elements below `element` with nothing to read (table cells stay, to keep the
    grid); whether `element` itself has anything."""
    element["K"] = pydyf.Array(kid for kid in element["K"]
                               if not _is_element(pdf, kid) or _prune(pdf, _object(pdf, kid)))
    return bool(element["K"]) or element["S"] in ("/TD", "/TH")


def _parent_tree(pdf, root: pydyf.Dictionary, top: pydyf.Dictionary) -> None:
    """The /ParentTree again, from the rearranged tree: each page's MCIDs, and each annotation, to the
    element that holds it."""
    pages = {reference: number for number, reference in enumerate(pdf.page_references)}
    marked: dict[int, dict[int, bytes]] = {number: {} for number in pages.values()}
    annotations: dict[int, bytes] = {}
    for element in [top] + _descendants(pdf, top):
        for kid in element["K"]:
            if isinstance(kid, int):
                marked[pages[element["Pg"]]][kid] = element.reference
            elif isinstance(kid, pydyf.Dictionary):
                marked[pages[kid["Pg"]]][kid["MCID"]] = element.reference
            elif not _is_element(pdf, kid) and _object(pdf, kid).get("Type") == "/OBJR":
                annotations[_object(pdf, _object(pdf, kid)["Obj"])["StructParent"]] = element.reference
    nums = pydyf.Array()
    for number, mcids in marked.items():
        nums += [number, pydyf.Array(mcids.get(mcid, "null") for mcid in range(max(mcids, default=-1) + 1))]
    for key in sorted(annotations):
        nums += [key, annotations[key]]
    _object(pdf, root["ParentTree"])["Nums"] = nums


# 4. A definition list's terms and definitions in pairs.

def _pair_terms(pdf, list_: pydyf.Dictionary, handbook: _Handbook) -> None:
    """dt, dd, dd … → one LI: Lbl the term (terms in a row share one), LBody the definitions."""
    kids, pair = pydyf.Array(), None  # pair: the LI of the last term, while definitions may follow
    for kid in list_["K"]:
        item = _object(pdf, kid) if _is_element(pdf, kid) else None
        tag = "" if item is None else handbook.origin.get(item.number, (None, ""))[1]
        body = next(iter(_kid_elements(pdf, item)), None) if item is not None else None  # WeasyPrint's LBody
        if tag == "dt" and body is not None:
            if pair is not None and len(pair["K"]) == 1:  # a second term for the same definitions
                label = _object(pdf, pair["K"][0])
                label["K"].extend(_moved(pdf, each, body, label) for each in body["K"])
                continue
            body["S"] = "/Lbl"
            pair = item
        elif tag == "dd" and body is not None and pair is not None:
            if len(pair["K"]) == 1:  # the first definition: its body becomes the pair's
                pair["K"].append(_moved(pdf, body.reference, item, pair))
            else:
                definitions = _object(pdf, pair["K"][1])
                definitions["K"].extend(_moved(pdf, each, body, definitions) for each in body["K"])
            continue
        else:
            pair = None
        kids.append(kid)
    list_["K"] = kids


# 5. Language, and table header scope.

def _makes_elements(box) -> bool:
    """False for the boxes that only pass on their children's elements: a page, <html>, <body>."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if box.element is None or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
        return False
    return box.element_tag not in ("html", "body")


def _describe(element: pydyf.Dictionary, box) -> None:
    html = _real(box).element
    lang = html.get("lang")
    if lang is not None:
        element["Lang"] = pydyf.String(lang)
    if element["S"] == "/TH":
        element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"


# 6. The document's language in the XMP metadata.

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"


def _with_language(rdf: bytes, lang: str) -> bytes:
    """WeasyPrint's rdf:RDF with an rdf:Description of dc:language (a bag of one) at its end."""
    description = Element(f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    bag = SubElement(SubElement(description, f"{{{_DC}}}language"), f"{{{_RDF}}}Bag")
    SubElement(bag, f"{{{_RDF}}}li").text = lang
    end = rdf.rindex(b"</rdf:RDF>")
    return rdf[:end] + tostring(description, encoding="utf-8", xml_declaration=False) + rdf[end:]


# 7. Links described in words.

def _link_contents(element: pydyf.Dictionary, box) -> None:
    """A link annotation's /Contents: the <a>'s aria-label or title, or its text with the text its
    ::before and ::after add (a page number, not a leader's dots)."""
    annotation = _real(box).link_annotation
    if element["S"] != "/Link" or annotation is None:
        return
    html = _real(box).element
    before, after = _generated(_real(box), "::before"), _generated(_real(box), "::after")
    text = html.get("aria-label") or html.get("title") or before + "".join(html.itertext()) + after
    if text.split():
        annotation["Contents"] = pydyf.String(" ".join(text.split()))


def _hold_annotation(pdf, element: pydyf.Dictionary, annotation, page_number: int, annotations: list) -> None:
    """`element` holds the link annotation (an OBJR), as WeasyPrint does for the box it makes an element for."""
    holder = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference, "Pg": pdf.page_references[page_number]})
    pdf.add_object(holder)
    annotations.append((element.reference, annotation))
    element["K"].append(holder.reference)


def _generated(box, pseudo: str) -> str:
    if box.is_leader:
        return ""
    if isinstance(box, boxes.TextBox):
        return box.text if box.element_tag.endswith(pseudo) else ""
    return "".join(_generated(_real(child), pseudo) for child in getattr(box, "children", ()))


# The structure tree as pydyf objects: an element's /K holds MCIDs (int), MCR dictionaries, and
# references (b"12 0 R") to elements and to OBJR dictionaries of annotations.

def _real(box):
    return box._box if isinstance(box, AbsolutePlaceholder) else box


def _object(pdf, reference: bytes) -> Any:
    return pdf.objects[int(reference.split()[0])]


def _is_element(pdf, kid) -> bool:
    return isinstance(kid, bytes) and _object(pdf, kid).get("Type") == "/StructElem"


def _kid_elements(pdf, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
    return [_object(pdf, kid) for kid in element["K"] if _is_element(pdf, kid)]


def _descendants(pdf, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
    found = []
    for kid in element["K"]:
        if _is_element(pdf, kid):
            found.append(_object(pdf, kid))
            found += _descendants(pdf, _object(pdf, kid))
    return found


def _new_element(pdf, tag: str, parent: pydyf.Dictionary) -> pydyf.Dictionary:
    element = pydyf.Dictionary({"Type": "/StructElem", "S": tag, "K": pydyf.Array(), "Pg": parent["Pg"],
                                "P": parent.reference})
    pdf.add_object(element)
    return element


def _moved(pdf, kid, source: pydyf.Dictionary, target: pydyf.Dictionary):
    """`kid` of `source` as a kid of `target`: an MCID says its page when that is not the target's."""
    if isinstance(kid, int):
        if source["Pg"] == target["Pg"]:
            return kid
        return pydyf.Dictionary({"Type": "/MCR", "Pg": source["Pg"], "MCID": kid})
    if isinstance(kid, pydyf.Dictionary):  # an MCR
        return kid["MCID"] if kid["Pg"] == target["Pg"] else kid
    if _is_element(pdf, kid):
        _object(pdf, kid)["P"] = target.reference
    return kid
