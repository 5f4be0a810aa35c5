"""The PDF/UA-1 checker (tests/pdfua.py) knows each rule it claims: for every rule id in pdfua.RULES, a
tiny PDF that breaks it makes a finding with that id, and a PDF that keeps it makes none.

The PDFs are small HTML pages written by WeasyPrint with pdf_variant "pdf/ua-1" (as the handbooks
are), some then changed with pikepdf to break one rule. `clean` is WeasyPrint's page with the two
things WeasyPrint 70 leaves out added (each TH's /Scope, dc:language in the XMP): it has no findings
at all, so each broken copy shows exactly what its one change does."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, Operator, String

from . import pdfua

pytestmark = pytest.mark.fast

SQUARE = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'%3E"
          "%3Crect width='10' height='10' fill='teal'/%3E%3C/svg%3E")
PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Tiny</title>
<style>@page {{ size: A6; margin: 1cm }} {style}</style></head><body>{body}</body></html>"""
BODY = f"""<h1>Title</h1><p>A paragraph with a <a href="https://example.org">link</a>.</p>
<h2>Part</h2><ul><li>One</li><li>Two</li></ul>
<table><caption>Shifts</caption><thead><tr><th>Shift</th><th>Task</th></tr></thead>
<tbody><tr><td>Early</td><td>Talk</td></tr></tbody><tfoot><tr><td>All</td><td>Rest</td></tr></tfoot></table>
<img alt="A teal square" src="{SQUARE}">"""


@lru_cache(maxsize=None)
def _written(body: str, style: str = "") -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=PAGE.format(body=body, style=style)).write_pdf(pdf_variant="pdf/ua-1")
    return data


def weasyprint(body: str = BODY, style: str = "") -> pikepdf.Pdf:
    """A fresh copy of the page WeasyPrint writes, as is."""
    return pikepdf.open(io.BytesIO(_written(body, style)))


def clean(body: str = BODY, style: str = "") -> pikepdf.Pdf:
    """WeasyPrint's page with each TH's /Scope and dc:language added, as coursebuilder's handbooks should be."""
    pdf = weasyprint(body, style)
    for th in elements(pdf, "TH"):
        th.A.Scope = Name.Column
    xmp = pdf.Root.Metadata.read_bytes().replace(
        b"</rdf:RDF>", b'<rdf:Description rdf:about=""><dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag>'
                       b"</dc:language></rdf:Description></rdf:RDF>")
    pdf.Root.Metadata.write(xmp)
    return pdf


def ids(pdf: pikepdf.Pdf) -> set[str]:
    return {finding.rule for finding in pdfua.check(pdf)}


def findings(pdf: pikepdf.Pdf, rule: str) -> list[pdfua.Finding]:
    return [finding for finding in pdfua.check(pdf) if finding.rule == rule]


def elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    return [node.element for node in pdfua.Document(pdf).nodes if node.type == kind]


def element(pdf: pikepdf.Pdf, kind: str, index: int = 0) -> pikepdf.Dictionary:
    return elements(pdf, kind)[index]


def retype(kind: str, new: str, index: int = 0) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        element(pdf, kind, index).S = Name("/" + new)
    return change


def add_content(pdf: pikepdf.Pdf, content: bytes) -> None:
    pdf.pages[0].contents_add(pdf.make_stream(content), prepend=False)


def insert_after_first_mcid(pdf: pikepdf.Pdf, content: bytes) -> None:
    """Put `content` inside the first marked-content sequence with an MCID on page 1."""
    page = pdf.pages[0]
    instructions = list(pikepdf.parse_content_stream(page))
    extra = list(pikepdf.parse_content_stream(pdf.make_stream(content)))
    at = next(i for i, (operands, op) in enumerate(instructions)
              if str(op) == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1])
    changed = instructions[:at + 1] + extra + instructions[at + 1:]
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(changed))


def set_xmp(pdf: pikepdf.Pdf, change: Callable[[str], str]) -> None:
    pdf.Root.Metadata.write(change(pdf.Root.Metadata.read_bytes().decode()).encode())


def first_font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(iter(pdf.pages[0].Resources.Font.values()))


def link(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return next(a for a in pdf.pages[0].Annots if a.Subtype == Name.Link)


def add_annotation(pdf: pikepdf.Pdf, subtype: str, **keys) -> pikepdf.Dictionary:
    annotation = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name("/" + subtype),
                                              Rect=Array([20, 20, 40, 40]), **keys))
    pdf.pages[0].Annots.append(annotation)
    return annotation


def tag_annotation(pdf: pikepdf.Pdf, annotation: pikepdf.Dictionary, kind: str, **keys) -> None:
    """Put the annotation in a new structure element of `kind` under Document, by an OBJR and the ParentTree."""
    document = pdf.Root.StructTreeRoot.K[0]
    holder = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=document,
                                          Pg=pdf.pages[0].obj, **keys))
    holder.K = Array([Dictionary(Type=Name.OBJR, Obj=annotation, Pg=pdf.pages[0].obj)])
    document.K.append(holder)
    annotation.StructParent = 90
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend([90, holder])


# --------------------------------------------------------------------------------------------------
# The clean page keeps every rule; WeasyPrint's own misses only what coursebuilder adds


def test_the_clean_page_has_no_findings():
    assert pdfua.check(clean()) == []


def test_weasyprint_alone_leaves_out_scope_and_dc_language():
    assert ids(weasyprint()) == {"7.5-1", "coursebuilder/dc-language"}


# --------------------------------------------------------------------------------------------------
# Each rule, broken by one change to the clean page

Change = Callable[[pikepdf.Pdf], object]


def _delete(key: str, owner: Callable[[pikepdf.Pdf], Any]) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        del owner(pdf)[key]
    return change


def _set(key: str, value: object, owner: Callable[[pikepdf.Pdf], Any]) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        owner(pdf)[key] = value
    return change


def _catalog(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.Root


def _reorder(kind: str, order: list[int]) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        parent = element(pdf, kind)
        kids = list(parent.K)
        parent.K = Array([kids[i] for i in order])
    return change


def _both(*changes: Change) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        for one in changes:
            one(pdf)
    return change


def _role_map(**mapping: str) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        pdf.Root.StructTreeRoot.RoleMap = Dictionary({f"/{k}": Name("/" + v) for k, v in mapping.items()})
    return change


def _cell_attribute(kind: str, key: str, value: object, index: int = 0) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        element(pdf, kind, index).A[key] = value
    return change


def _to_unicode(cmap: bytes) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        first_font(pdf).ToUnicode = pdf.make_stream(cmap)
    return change


def _cid_to_gid(table: bytes) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        first_font(pdf).DescendantFonts[0].CIDToGIDMap = pdf.make_stream(table)
    return change


def _no_font_program(pdf: pikepdf.Pdf) -> None:
    descriptor = first_font(pdf).DescendantFonts[0].FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]


def _no_catalog_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def _drop_from_tree(kind: str) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        gone = element(pdf, kind)
        document = pdf.Root.StructTreeRoot.K[0]
        document.K = Array([kid for kid in document.K if kid.objgen != gone.objgen])
    return change


def _empty_parent_tree_for_page(pdf: pikepdf.Pdf) -> None:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    nums[1] = Array([])


def _form_with_mcid(draws: int) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        paragraph = element(pdf, "P")
        form = pdf.make_stream(b"/P <</MCID 0>> BDC 0 0 5 5 re f EMC", Type=Name.XObject, Subtype=Name.Form,
                               BBox=Array([0, 0, 10, 10]), StructParents=80)
        paragraph.K.append(Dictionary(Type=Name.MCR, MCID=0, Stm=form, Pg=pdf.pages[0].obj))
        pdf.Root.StructTreeRoot.ParentTree.Nums.extend([80, Array([paragraph])])
        pdf.pages[0].Resources.XObject = Dictionary(Fx=form)
        add_content(pdf, b"q /Fx Do Q " * draws)
    return change


def _unlinked(pdf: pikepdf.Pdf) -> None:
    target = link(pdf)
    holder = element(pdf, "Link")
    holder.K = Array([kid for kid in holder.K if not (isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR
                                                      and kid.Obj.objgen == target.objgen)])


BROKEN: list[tuple[str, str, Change]] = [
    ("6.1-1", "a PDF 2.0 header", lambda pdf: None),  # written by the test, see below
    ("6.2-1", "no MarkInfo", _delete("/MarkInfo", _catalog)),
    ("7.1-4", "MarkInfo Suspects true", lambda pdf: pdf.Root.MarkInfo.__setitem__("/Suspects", True)),
    ("7.1-10/07-001", "no DisplayDocTitle", lambda pdf: pdf.Root.ViewerPreferences.__delitem__("/DisplayDocTitle")),
    ("7.1-10/07-002", "DisplayDocTitle false",
     lambda pdf: pdf.Root.ViewerPreferences.__setitem__("/DisplayDocTitle", False)),
    ("7.1-8", "no Metadata", _delete("/Metadata", _catalog)),
    ("5-1", "no pdfuaid:part", lambda pdf: set_xmp(pdf, lambda x: x.replace('pdfuaid:part="1"', ""))),
    ("5-2", "pdfuaid:part 2", lambda pdf: set_xmp(pdf, lambda x: x.replace('pdfuaid:part="1"', 'pdfuaid:part="2"'))),
    ("7.1-9", "no dc:title", lambda pdf: set_xmp(pdf, lambda x: re.sub(r"<dc:title>.*?</dc:title>", "", x))),
    ("coursebuilder/dc-language", "no dc:language",
     lambda pdf: set_xmp(pdf, lambda x: re.sub(r"<dc:language>.*?</dc:language>", "", x))),
    ("coursebuilder/dc-language", "dc:language not the catalog's",
     lambda pdf: set_xmp(pdf, lambda x: x.replace("<rdf:li>en-GB</rdf:li>", "<rdf:li>cy</rdf:li>"))),
    ("7.2-29", "an empty catalog Lang", _set("/Lang", String(""), _catalog)),
    ("7.2-29", "an element's Lang not a tag", lambda pdf: element(pdf, "P").__setitem__("/Lang", String("en GB"))),
    ("7.2-29", "a marked-content Lang not a tag", lambda pdf: insert_after_first_mcid(
        pdf, b"/Span <</Lang (english!)>> BDC EMC")),
    ("7.2-34", "no language anywhere", _no_catalog_lang),
    ("7.2-22", "Alt with no language", _no_catalog_lang),
    ("7.2-21", "ActualText with no language",
     _both(_no_catalog_lang, lambda pdf: element(pdf, "Span").__setitem__("/ActualText", String("x")))),
    ("7.2-23", "E with no language",
     _both(_no_catalog_lang, lambda pdf: element(pdf, "Span").__setitem__("/E", String("for example")))),
    ("7.2-24", "a link's Contents with no language", _no_catalog_lang),
    ("7.2-2", "outline with no language", _no_catalog_lang),
    ("7.2-33", "metadata with no language", _no_catalog_lang),
    ("7.1-3", "a path painted outside marked content", lambda pdf: add_content(pdf, b"0 0 10 10 re f")),
    ("7.1-3", "text in marked content with no MCID", lambda pdf: add_content(
        pdf, b"/Span BMC BT /" + str(next(iter(pdf.pages[0].Resources.Font.keys())))[1:].encode()
        + b" 10 Tf 10 10 Td <0001> Tj ET EMC")),
    ("7.1-3", "an MCID missing from the ParentTree", _empty_parent_tree_for_page),
    ("7.1-3", "an element cut off from the root", _drop_from_tree("P")),
    ("7.1-1", "an Artifact inside tagged content", lambda pdf: insert_after_first_mcid(
        pdf, b"/Artifact BMC 0 0 1 1 re f EMC")),
    ("7.1-2", "tagged content inside an Artifact", lambda pdf: add_content(
        pdf, b"/Artifact BMC /Span <</MCID 0>> BDC 0 0 1 1 re f EMC EMC")),
    ("7.1-11", "no StructTreeRoot", _delete("/StructTreeRoot", _catalog)),
    ("7.1-12", "an element without P", _delete("/P", lambda pdf: element(pdf, "H2"))),
    ("7.1-5", "a type mapped to nothing", retype("P", "Paragraph")),
    ("7.1-6", "a circular role map", _both(retype("P", "Para"), _role_map(Para="Text", Text="Para"))),
    ("7.1-7", "a standard type remapped", _role_map(P="Span")),
    ("7.2-3", "a Table holding a P", retype("Caption", "P")),
    ("7.2-4", "a TR in a Div", retype("TBody", "Div")),
    ("7.2-5", "a THead outside a Table", retype("Table", "Div")),
    ("7.2-6", "a TBody outside a Table", retype("Table", "Div")),
    ("7.2-7", "a TFoot outside a Table", retype("Table", "Div")),
    ("7.2-8", "a TH outside a TR", retype("TR", "Div", 0)),
    ("7.2-9", "a TD outside a TR", retype("TR", "Div", 1)),
    ("7.2-10", "a TR holding a P", retype("TD", "P")),
    ("7.2-11", "two THead", retype("TFoot", "THead")),
    ("7.2-12", "two TFoot", retype("THead", "TFoot")),
    ("7.2-13", "a TFoot without TBody", retype("TBody", "THead")),
    ("7.2-14", "a THead without TBody", retype("TBody", "TFoot")),
    ("7.2-16", "a Caption in the middle of a Table", _reorder("Table", [1, 0, 2, 3])),
    ("7.2-39", "two Captions", retype("TFoot", "Caption")),
    ("7.2-17", "an LI outside an L", retype("L", "Div")),
    ("7.2-18", "an LBody outside an LI", retype("LI", "Div")),
    ("7.2-19", "an L holding a P", retype("LI", "P")),
    ("7.2-20", "an LI holding a P", retype("LBody", "P")),
    ("7.2-40", "an L's Caption second", retype("LI", "Caption", 1)),
    ("7.2-26", "a TOCI outside a TOC", retype("LI", "TOCI")),
    ("7.2-27", "a TOC holding LI", retype("L", "TOC")),
    ("7.2-28", "a TOC's Caption second", _both(retype("L", "TOC"), retype("LI", "TOCI", 0),
                                                retype("LI", "Caption", 0))),
    ("7.2-36", "a THead holding a TD", retype("TR", "TD", 0)),
    ("7.2-37", "a TBody holding a TD", retype("TR", "TD", 1)),
    ("7.2-38", "a TFoot holding a TD", retype("TR", "TD", 2)),
    ("7.2-42", "a row one column wider", _cell_attribute("TD", "/ColSpan", 2)),
    ("7.3-1", "a Figure without Alt", _delete("/Alt", lambda pdf: element(pdf, "Figure"))),
    ("7.3-1", "a Figure with an empty Alt", lambda pdf: element(pdf, "Figure").__setitem__("/Alt", String(" "))),
    ("7.7-1", "a Formula without Alt", _both(_delete("/Alt", lambda pdf: element(pdf, "Figure")),
                                            retype("Figure", "Formula"))),
    ("7.4.4-1", "two H kids", _both(retype("H1", "H"), retype("H2", "H"))),
    ("7.4.4-2", "H and H2 in one document", retype("H1", "H")),
    ("7.5-1", "a TH without Scope", _delete("/Scope", lambda pdf: element(pdf, "TH").A)),
    ("7.5-1", "a TH with Scope Diagonal", _cell_attribute("TH", "/Scope", Name("/Diagonal"))),
    ("7.5-2", "a TD naming a header no TH has", _cell_attribute("TD", "/Headers", Array([String("nowhere")]))),
    ("7.9-1", "a Note without ID", retype("P", "Note")),
    ("7.9-2", "two Notes with one ID", _both(
        retype("P", "Note"), lambda pdf: element(pdf, "Note").__setitem__("/ID", String("n1")),
        retype("H2", "Note"), lambda pdf: element(pdf, "Note", 1).__setitem__("/ID", String("n1")))),
    ("7.18.3-1/28-008", "a page with a link and no Tabs", _delete("/Tabs", lambda pdf: pdf.pages[0].obj)),
    ("7.18.3-1/28-009", "Tabs R", _set("/Tabs", Name.R, lambda pdf: pdf.pages[0].obj)),
    ("7.18.5-1", "a link its element does not hold", _unlinked),
    ("7.18.5-1", "a link in a Span", retype("Link", "Span")),
    ("7.18.5-1", "a link with no StructParent", _delete("/StructParent", link)),
    ("7.18.5-2", "a link without Contents", _delete("/Contents", link)),
    ("7.18.1-1", "a Text annotation not tagged", lambda pdf: add_annotation(pdf, "Text", Contents=String("note"))),
    ("7.18.1-2", "a Text annotation without Contents or Alt",
     lambda pdf: tag_annotation(pdf, add_annotation(pdf, "Text"), "Annot")),
    ("7.18.4-1", "a Widget not in a Form", lambda pdf: add_annotation(pdf, "Widget")),
    ("7.20-1", "a reference XObject", lambda pdf: pdf.pages[0].Resources.__setitem__("/XObject", Dictionary(
        Fr=pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 1, 1]),
                           Ref=Dictionary(F=String("other.pdf"), Page=0))))),
    ("7.20-2", "a Form XObject with MCIDs drawn twice", _form_with_mcid(2)),
    ("7.21.4.1-1", "a font not embedded", _no_font_program),
    ("7.21.3.2-1", "a CIDFontType2 without CIDToGIDMap",
     lambda pdf: first_font(pdf).DescendantFonts[0].__delitem__("/CIDToGIDMap")),
    ("7.21.7-1", "a font without ToUnicode", lambda pdf: first_font(pdf).__delitem__("/ToUnicode")),
    ("7.21.7-2", "a ToUnicode value U+0000", _to_unicode(b"1 beginbfchar\n<0001> <0000>\nendbfchar")),
    ("7.21.7-2", "a ToUnicode value U+FEFF", _to_unicode(b"1 beginbfrange\n<0001> <0002> <FEFF>\nendbfrange")),
    ("7.21.8-1", "every code drawn with .notdef", _cid_to_gid(bytes(2 * 70000))),
    ("7.21.4.1-2", "codes drawn with glyphs the font lacks", _cid_to_gid(b"\xff" * 2 * 70000)),
]


@pytest.mark.parametrize("rule, change", [pytest.param(rule, change, id=f"{rule} {what}")
                                          for rule, what, change in BROKEN if rule != "6.1-1"])
def test_each_rule_fires_on_a_page_that_breaks_it(rule, change):
    pdf = clean()
    change(pdf)
    found = findings(pdf, rule)
    assert found, f"no {rule} finding; found {sorted(ids(pdf))}"
    matterhorn = pdfua.RULES[rule][0]
    assert all(str(f).startswith(f"[{rule}") and matterhorn in str(f) and f.where for f in found)


def test_a_file_header_above_pdf_1_7_breaks_6_1_1(tmp_path):
    clean().save(tmp_path / "v2.pdf", force_version="2.0")
    assert "6.1-1" in ids(pikepdf.open(tmp_path / "v2.pdf"))


def test_every_rule_has_a_page_that_breaks_it():
    source = Path(__file__).read_text(encoding="utf-8")
    assert [rule for rule in pdfua.RULES if f'"{rule}"' not in source] == []


# --------------------------------------------------------------------------------------------------
# Where a finding says it is, and what keeps each rule


def test_a_finding_names_page_path_and_text():
    pdf = clean()
    retype("LBody", "P")(pdf)
    [found] = findings(pdf, "7.2-20")
    assert found.where == "page 1, Document/L[1]/LI[1], “• One”"
    assert str(found) == "[7.2-20 (09-005)] LI holds 1 × P; it may hold only LBody, Lbl — " + found.where


def test_running_headers_weasyprint_draws_in_the_margin_are_untagged_content():
    pdf = clean(style='@page { @top-center { content: "Running header" } }')
    [found] = findings(pdf, "7.1-3")
    assert "not reachable from the StructTreeRoot" in found.message and "18-001" in found.message
    assert found.where.startswith("page 1,") and found.where.endswith("“Running header”")


def test_drawing_marked_as_an_artifact_is_not_untagged():
    pdf = clean()
    add_content(pdf, b"/Artifact BMC 0 0 10 10 re f EMC /Artifact <</Type /Pagination>> BDC 0 0 5 5 re S EMC")
    assert pdfua.check(pdf) == []


def test_a_form_xobject_drawn_once_inside_its_marked_content_is_tagged():
    pdf = clean()
    _form_with_mcid(1)(pdf)
    assert pdfua.check(pdf) == []


def test_a_clipping_path_is_not_drawing():
    pdf = clean()
    add_content(pdf, b"q 0 0 10 10 re W n Q")
    assert pdfua.check(pdf) == []


def test_every_language_rule_is_kept_by_a_lang_on_the_elements():
    pdf = clean()
    _no_catalog_lang(pdf)
    assert {"7.2-34", "7.2-22"} <= ids(pdf)
    element(pdf, "Document").Lang = String("en-GB")
    assert not {"7.2-34", "7.2-22"} & ids(pdf)


def test_a_mapped_custom_type_is_kept():
    pdf = clean()
    retype("P", "Paragraph")(pdf)
    _role_map(Paragraph="P")(pdf)
    assert pdfua.check(pdf) == []


def test_a_tagged_annotation_with_contents_is_kept():
    pdf = clean()
    tag_annotation(pdf, add_annotation(pdf, "Text", Contents=String("A note")), "Annot")
    assert pdfua.check(pdf) == []


def test_a_table_with_spans_that_add_up_is_regular():
    pdf = clean("""<table><tr><th scope="col" colspan="2">Both</th></tr>
                   <tr><td rowspan="2">Tall</td><td>A</td></tr><tr><td>B</td></tr></table>""")
    assert "7.2-42" not in ids(pdf)


@pytest.mark.parametrize("body, rule", [
    ("<h2>Starts at two</h2><p>Text.</p>", "7.4.2-1/14-002"),
    ("<h1>One</h1><h3>Three</h3>", "7.4.2-1/14-003"),
    ("<h1>One</h1><h2>Two</h2><h4>Four</h4>", "7.4.2-1/14-003"),
])
def test_headings_start_at_h1_and_never_skip_a_level_going_down(body, rule):
    assert rule in ids(clean(body))


def test_headings_may_repeat_and_go_back_up_any_number_of_levels():
    assert pdfua.check(clean("<h1>A</h1><h2>B</h2><h3>C</h3><h3>D</h3><h1>E</h1><h2>F</h2><h3>G</h3><h2>H</h2>")) == []


def test_a_figure_caption_outside_its_figure_is_found_and_a_table_caption_is_not():
    pdf = clean(f'<figure><img alt="A square" src="{SQUARE}"><figcaption>A square</figcaption></figure>')
    [found] = findings(pdf, "coursebuilder/caption")
    assert "Caption is in NonStruct" in found.message
    assert "coursebuilder/caption" not in ids(clean())


# --------------------------------------------------------------------------------------------------
# coursebuilder's own check: an element cut in two by a page break

LONG = "<p>" + "a sentence that goes on " * 60 + "and ends.</p>"  # over two A6 pages


def test_a_paragraph_over_a_page_break_is_split_in_two_elements():
    pdf = clean("<h1>Long</h1>" + LONG)
    found = pdfua.split_elements(pdf)
    assert [f.rule for f in found] == ["coursebuilder/split-element"]
    assert found[0].message.startswith("P is split by the page break after page 1 into two elements: Document/P[2]")
    assert found[0].where.startswith("page 1, Document/P[1], “")


def test_a_list_and_a_table_over_a_page_break_are_split():
    items = "".join(f"<li>Item {n}.</li>" for n in range(30))
    rows = "".join(f"<tr><td>Row {n}</td></tr>" for n in range(30))
    list_pdf = clean(f"<h1>List</h1><ol>{items}</ol>")
    table_pdf = clean(f"<h1>Table</h1><table><caption>Rows</caption>{rows}</table>")
    assert {f.message.split()[0] for f in pdfua.split_elements(list_pdf)} == {"L"}
    [body] = pdfua.split_elements(table_pdf)  # the rows go on in a second Table, as its TBody
    assert body.message.startswith("TBody is split by the page break after page 1 (and Document/Table[1] around it) "
                                   "into two elements: Document/Table[2]/TBody[1] carries it on")


def test_paragraphs_that_end_and_start_at_a_page_break_are_not_split():
    pdf = clean('<h1>Two</h1><p>The first ends here.</p><p style="break-before: page">The second starts.</p>')
    assert pdfua.split_elements(pdf) == []


def _merge_second_into_first(pdf: pikepdf.Pdf, kind: str) -> None:
    """What a fixed structure tree holds: the kids of the second `kind` under the first, the second gone."""
    first, second = element(pdf, kind, 0), element(pdf, kind, 1)
    for kid in second.K:
        if isinstance(kid, Dictionary) and "/S" in kid:
            kid.P = first
            if "/Pg" not in kid:
                kid.Pg = second.Pg
        first.K.append(kid)
    document = pdf.Root.StructTreeRoot.K[0]
    document.K = Array([kid for kid in document.K if kid.objgen != second.objgen])


def test_one_paragraph_or_list_running_over_a_page_break_is_not_split():
    paragraph = clean("<h1>Long</h1>" + LONG)
    _merge_second_into_first(paragraph, "P")  # its lines (Spans) run on: one ends at the page's foot
    items = clean("<h1>List</h1><ol>" + "".join(f"<li>Item {n}.</li>" for n in range(30)) + "</ol>")
    _merge_second_into_first(items, "L")  # its items run on
    assert pdfua.split_elements(paragraph) == [] and pdfua.split_elements(items) == []
    assert pdfua.check(paragraph) == [] and pdfua.check(items) == []


def test_a_short_line_and_a_capitalised_paragraph_on_the_next_page_are_not_split():
    pdf = clean('<h1>Two</h1><p>The picture in words</p><p style="break-before: page">Diagram of a ward.</p>')
    assert pdfua.split_elements(pdf) == []


def test_split_elements_is_not_a_pdf_ua_rule():
    pdf = clean("<h1>Long</h1>" + LONG)
    assert "coursebuilder/split-element" in ids(pdf)
    assert pdfua.check(pdf, coursebuilder_checks=False) == []


# --------------------------------------------------------------------------------------------------
# Reading order and the command line


def test_reading_order_reads_the_tree_as_a_screen_reader_would():
    pdf = clean(BODY, style='@page { @bottom-center { content: "Page " counter(page) } }')
    assert pdfua.reading_order(pdf) == (
        "# Title\n"
        "A paragraph with a link.\n"
        "## Part\n"
        "- • One\n"
        "- • Two\n"
        "Caption: Shifts\n"
        "| **Shift** | **Task** |\n"
        "| Early | Talk |\n"
        "| All | Rest |\n"
        "[Figure: A teal square]\n")


def test_reading_order_puts_a_space_where_a_line_breaks():
    text = pdfua.reading_order(clean("<p>" + "word " * 60 + "</p>"))
    assert text == " ".join(["word"] * 60) + "\n"


def test_reading_order_reads_right_to_left_text_in_reading_order():
    urdu = "آپ کا خیر مقدم ہے"  # "you are welcome", drawn from the right
    text = pdfua.reading_order(clean(f'<p>We say <span lang="ur" dir="rtl">{urdu}</span> to people.</p>'
                                     f'<p lang="ur" dir="rtl">NHS میں {urdu}۔</p>'))
    assert text == f"We say {urdu} to people.\nNHS میں {urdu}۔\n"


def test_the_command_line_prints_findings_and_a_count_per_rule(tmp_path, capsys):
    broken = clean()
    retype("LBody", "P")(broken)
    broken.save(tmp_path / "broken.pdf")
    clean().save(tmp_path / "clean.pdf")
    assert pdfua.main([str(tmp_path / "broken.pdf"), str(tmp_path / "clean.pdf")]) == 1
    out = capsys.readouterr().out
    assert f"== {tmp_path / 'broken.pdf'}: 1 findings" in out and f"== {tmp_path / 'clean.pdf'}: 0 findings" in out
    assert out.count("1 × 7.2-20 (09-005): an LI holds only Lbl and LBody") == 2  # the file's count, and the total
    assert pdfua.main([str(tmp_path / "clean.pdf")]) == 0
