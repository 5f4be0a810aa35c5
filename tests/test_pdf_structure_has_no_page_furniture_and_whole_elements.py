"""The handbooks' structure tree meets PDF/UA-1 where WeasyPrint 70's falls short (render/pdf_tags.py,
issue 19): running headers and "Page N of M" footers are pagination artifacts, not marked content that
no structure element reaches; every list item is a label and a body; a glossary is one list with one
item per term (the term its label, the definition its body); an element that runs over a page break
is one structure element, and a table's header rows that WeasyPrint draws again on each page are read
once; the XMP metadata says the document's language; links are described in words, on pages that
take annotations in structure order.

Each test reads the PDF back with pikepdf: the marked content of each page's content stream (MCID
sequences and artifacts, with their text), and the structure tree with the text below each element
(an MCID of the element's own page, or an MCR dictionary naming its page)."""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

from coursebuilder.load import load_course
from coursebuilder.project import Project
from coursebuilder.render import pdf_tags

from .conftest import REPO
from .pdf_support import unicode_map

SLUG = "space-to-think"


@dataclass
class Node:
    element: pikepdf.Dictionary
    tag: str
    kids: list[Node] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID) held directly
    text: str = ""  # the text of every mark below it, in order

    def pages(self) -> set[int]:
        return {page for page, _ in self.marks} | {page for kid in self.kids for page in kid.pages()}

    def find(self, tag: str) -> list[Node]:
        """This element and those below it tagged `tag`, in reading order."""
        mine = [self] if self.tag == tag else []
        return mine + [found for kid in self.kids for found in kid.find(tag)]


@dataclass
class Marked:
    """One marked-content sequence of a page: an MCID's or an artifact's, with the text it draws."""

    tag: str
    properties: dict[str, str]
    text: str


def marked_content(pdf: pikepdf.Pdf) -> list[list[Marked]]:
    """Each page's marked-content sequences, innermost text to the innermost sequence."""
    pages = []
    for page in pdf.pages:
        found, stack, mapping = [], [], {}
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                mapping = unicode_map(page.Resources.Font[operands[0]])
            elif op in ("BDC", "BMC"):
                properties = operands[1] if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else {}
                stack.append(Marked(str(operands[0]), {str(k): str(v) for k, v in dict(properties).items()}, ""))
            elif op == "EMC":
                found.append(stack.pop())
            elif op in ("Tj", "TJ") and stack:
                shown = operands[0] if op == "TJ" else [operands[0]]
                data = b"".join(bytes(part) for part in shown if isinstance(part, pikepdf.String))
                stack[-1].text += "".join(mapping.get(data[i:i + 2], "") for i in range(0, len(data), 2))
        pages.append(found)
    return pages


def structure(pdf: pikepdf.Pdf) -> Node:
    """The structure tree under the StructTreeRoot, with each element's text."""
    page_index = {page.objgen: number for number, page in enumerate(pdf.pages)}
    text_of = {(number, int(mark.properties["/MCID"])): mark.text
               for number, marks in enumerate(marked_content(pdf)) for mark in marks if "/MCID" in mark.properties}

    def build(element, page) -> Node:
        page = element.get("/Pg", page)
        node = Node(element, str(element.get("/S")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                node.marks.append((page_index[page.objgen], kid))
                node.text += text_of.get(node.marks[-1], "")
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                node.marks.append((page_index[kid.Pg.objgen], int(kid.MCID)))
                node.text += text_of.get(node.marks[-1], "")
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                node.kids.append(build(kid, page))
                node.text += node.kids[-1].text
        return node

    root = Node(pdf.Root.StructTreeRoot, "StructTreeRoot")
    root.kids = [build(kid, None) for kid in pdf.Root.StructTreeRoot.K]
    return root


@functools.lru_cache(maxsize=None)
def read(path: Path) -> tuple[pikepdf.Pdf, Node, list[list[Marked]]]:
    """A built PDF (left open for the session's tests), its structure tree and its marked content."""
    pdf = pikepdf.open(path)
    return pdf, structure(pdf), marked_content(pdf)


def squeezed(text: str) -> str:
    """Text without any white space: lines of a paragraph are drawn apart, with or without a space."""
    return "".join(text.split())


def all_nodes(root: Node) -> list[Node]:
    return [root] + [node for kid in root.kids for node in all_nodes(kid)]


@pytest.fixture(scope="module")
def pdfs(bundled_build) -> Path:
    return bundled_build / "pdf"


@pytest.fixture(scope="module")
def course():
    return load_course(Project.find(REPO)).course


def every_pdf(pdfs: Path) -> list[Path]:
    found = sorted(pdfs.glob("*.pdf"))
    assert len(found) >= 4
    return found


# 1. Running headers and footers

def test_running_headers_and_page_footers_are_pagination_artifacts(pdfs, course):
    module = course.module(SLUG).meta
    for path in (pdfs / f"{SLUG}-handbook.pdf", pdfs / f"{SLUG}-large-print.pdf", pdfs / "course-handbook.pdf"):
        pdf, _, pages = read(path)
        total = len(pages)
        footed = 0
        for number, marks in enumerate(pages, start=1):
            footers = [m for m in marks if squeezed(f"Page {number} of {total}") in squeezed(m.text)]
            footed += bool(footers)
            assert all((m.tag, m.properties) == ("/Artifact", {"/Type": "/Pagination", "/Subtype": "/Footer"})
                       for m in footers), (path.name, number)  # never an MCID's
        assert footed >= total - 2, path.name  # every page but the cover's (two in large print)
        headers = {m.text.strip() for page in pages for m in page if m.properties.get("/Subtype") == "/Header"}
        assert {"Before you start", module.sections[0].title[:20]} <= {text[:20] for text in headers}, path.name
        footers = [m.text for page in pages for m in page if m.properties.get("/Subtype") == "/Footer"]
        assert any(text.strip() in ("Participant handbook", "Large print handbook", "Course handbook")
                   for text in footers)


def test_every_mcid_belongs_to_an_element_the_tree_reaches_and_the_parent_tree_agrees(pdfs):
    for path in every_pdf(pdfs):
        pdf, root, pages = read(path)
        drawn = {(number, int(mark.properties["/MCID"]))
                 for number, marks in enumerate(pages) for mark in marks if "/MCID" in mark.properties}
        holders: Counter[tuple[int, int]] = Counter()
        holder_of = {}
        for node in all_nodes(root):
            for mark in node.marks:
                holders[mark] += 1
                holder_of[mark] = node.element.objgen
        assert set(holders) == drawn, path.name  # every MCID reached, none made up
        assert max(holders.values()) == 1, path.name  # and read once
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {}
        for i in range(0, len(nums), 2):
            if int(nums[i]) < len(pdf.pages):
                for mcid, element in enumerate(nums[i + 1]):
                    parent_tree[(int(nums[i]), mcid)] = element.objgen
        assert parent_tree == holder_of, path.name


# 2. List items

def test_every_list_item_is_a_label_and_a_body(pdfs):
    for path in every_pdf(pdfs):
        items = read(path)[1].find("/LI")
        assert items, path.name
        for item in items:
            kinds = [kid.tag for kid in item.kids]
            assert kinds in (["/Lbl", "/LBody"], ["/LBody"], ["/Lbl"]) and item.text.strip(), \
                (path.name, kinds, item.text[:60])


# 3. Definition lists: the glossary and the cover's facts

def test_the_glossary_is_one_list_with_a_term_and_its_definition_in_each_item(pdfs, course):
    for module in course.modules:
        glossary = module.meta.glossary
        [section] = [node for node in read(pdfs / f"{module.slug}-handbook.pdf")[1].find("/Sect")
                     if node.kids and node.kids[0].tag == "/H2" and node.kids[0].text.strip() == "Glossary"]
        [terms] = section.find("/L")
        assert [[kid.tag for kid in item.kids] for item in terms.kids] == [["/Lbl", "/LBody"]] * len(glossary)
        assert [(squeezed(item.kids[0].text), squeezed(item.kids[1].text)) for item in terms.kids] == [
            (squeezed(entry.term), squeezed(entry.definition)) for entry in glossary], module.slug
        if module.slug == SLUG:
            assert len(terms.pages()) >= 2  # this one runs over page breaks: still one list


def test_the_cover_facts_pair_each_label_with_its_value(pdfs):
    facts = next(node for node in read(pdfs / f"{SLUG}-handbook.pdf")[1].find("/L")
                 if squeezed(node.text).startswith("Time"))
    pairs = {item.kids[0].text.strip(): item.kids[1].text.strip() for item in facts.kids}
    assert list(pairs)[:3] == ["Time", "Version", "Next review due"]
    assert pairs["Licence"] == "CC BY 4.0"


# 4. Elements over page breaks, and repeated table headers

BLOCKS = {"/P", "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TBody", "/TR", "/BlockQuote", "/Div", "/Sect", "/Caption"}


def _split_siblings(root: Node) -> list[tuple[str, str, str]]:
    """Siblings of one kind on two pages where the first stops mid-sentence and the second goes on in
    lower case: the two halves of one paragraph or list that a page break made into two elements."""
    found = []
    for node in all_nodes(root):
        for before, after in zip(node.kids, node.kids[1:]):
            if before.tag == after.tag and before.tag in BLOCKS and before.pages() and after.pages() and \
                    max(before.pages()) < min(after.pages()) and \
                    re.search(r"[\w,;]$", before.text.strip()) and re.match(r"[a-z]", after.text.strip()):
                found.append((before.tag, before.text[-40:], after.text[:40]))
    return found


def test_an_element_over_a_page_break_is_one_element(pdfs):
    running_on = Counter()
    for path in every_pdf(pdfs):
        root = read(path)[1]
        assert _split_siblings(root) == [], path.name
        for node in all_nodes(root):
            if node.tag in ("/P", "/L", "/LI", "/Table") and len(node.pages()) > 1:
                running_on[node.tag] += 1
            kids = node.element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else []:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    # An MCID of another page than the element's /Pg is an MCR naming its page.
                    assert kid.Pg.objgen != node.element.Pg.objgen, path.name
        for node in all_nodes(root):
            for kid in node.kids:
                assert kid.element.P.objgen == node.element.objgen, path.name  # each kid's /P is its parent
    assert running_on["/P"] and running_on["/L"] and running_on["/LI"] and running_on["/Table"], running_on


def test_a_repeated_table_header_is_read_once(pdfs):
    _, root, pages = read(pdfs / f"{SLUG}-facilitator-guide.pdf")
    [plan] = [table for table in root.find("/Table") if "TimeActivityMinutesMaterials" in squeezed(table.text)]
    assert len(plan.pages()) > 1  # the session plan runs over a page break …
    assert [kid.tag for kid in plan.kids if kid.tag != "/Caption"] == ["/THead", "/TBody"]  # … one header, one body
    [head] = plan.find("/THead")
    headers = [cell.text.strip() for cell in head.find("/TH")]
    assert headers == ["Time", "Activity", "Minutes", "Materials"]
    later = max(plan.pages())
    repeated = [m for m in pages[later] if m.tag == "/Artifact" and m.properties == {"/Type": "/Pagination"}]
    assert [m.text.strip() for m in repeated] == headers  # drawn again on the next page, as an artifact
    ids = {str(cell.element.ID) for cell in plan.find("/TH")}
    for cell in plan.find("/TD"):
        assert {str(header) for header in cell.element.A.Headers} <= ids
        assert any(str(header) in {str(th.element.ID) for th in head.find("/TH")}
                   for header in cell.element.A.Headers)


def test_no_element_is_left_with_nothing_to_read(pdfs):
    for path in every_pdf(pdfs):
        empty = [node.tag for node in all_nodes(read(path)[1])
                 if node.tag not in ("/TD", "/TH", "StructTreeRoot") and not node.marks and not node.kids
                 and not any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                             for kid in (node.element.K if isinstance(node.element.K, pikepdf.Array) else []))]
        assert empty == [], path.name


# 5. Table header scope (the rest of it is in test_pdf_structure_says_the_language_and_scope_of_each_part.py)

def test_every_table_header_has_a_scope(pdfs):
    for path in every_pdf(pdfs):
        for header in read(path)[1].find("/TH"):
            assert str(header.element.A.Scope) in ("/Column", "/Row"), path.name


# 6. XMP

def test_the_xmp_metadata_says_the_language(pdfs):
    for path in every_pdf(pdfs):
        with pikepdf.open(path) as pdf:
            xmp = pdf.Root.Metadata.read_bytes().decode()
            assert xmp.count("<rdf:RDF") == 1, path.name  # XMP readers take the first rdf:RDF only
            with pdf.open_metadata() as meta:
                assert meta["dc:language"] == {str(pdf.Root.Lang)} == {"en-GB"}, path.name


# 7. Annotations

def test_links_are_described_in_words_on_pages_in_structure_order(pdfs, course):
    described = {}
    with pikepdf.open(pdfs / f"{SLUG}-handbook.pdf") as pdf:
        for page in pdf.pages:
            if "/Annots" in page:
                assert page.Tabs == "/S"
            for annotation in page.get("/Annots", []):
                if annotation.Subtype == "/Link":
                    contents = str(annotation.Contents)
                    target = str(annotation.get("/Dest", "")) or str(annotation.A.URI)
                    described[contents] = target
    assert described["Note 1"].startswith("fn-")  # a footnote mark: its aria-label
    sections = [section.title for section in course.module(SLUG).meta.sections]
    contents_entry = next(text for text in described if text.startswith(sections[0]))
    assert re.fullmatch(re.escape(sections[0]) + r" \d+", contents_entry)  # a contents entry: title, page
    assert any(re.fullmatch(r"page \d+", text) for text in described)  # "the answers are on page N"
    assert "https://www.samaritans.org" in described  # a web address printed as itself
    internal = {text: target for text, target in described.items() if not target.startswith("http")}
    assert len(internal) > 10 and all(text != target for text, target in internal.items())  # never "#anchor"


# The same, on a small document: every fix in a few pages, fast.

SMALL = """<html lang="en-GB"><head><title>Small</title><style>
@page { size: A6; margin: 20mm 10mm; @top-left { content: "Running head" }
        @bottom-right { content: "Page " counter(page) " of " counter(pages) } }
</style></head><body>
<p id="long">{long}</p>
<ol><li><p>Which is right?</p><ul style="list-style: none"><li>This one</li><li>That one</li></ul></li></ol>
<dl><dt>Term</dt><dd>Its definition</dd><dt>Second term</dt><dt>Also called</dt><dd>One</dd><dd>Two</dd></dl>
<p>A note<sup><a href="#long" aria-label="Note 1">1</a></sup> and <a href="#long">the long paragraph</a>.</p>
<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>{rows}</tbody></table>
</body></html>"""
LONG = "Every word of this paragraph is read in one piece. " * 60


def test_a_small_document_gets_every_fix():
    from weasyprint import HTML

    rows = "".join(f"<tr><th scope='row'>Row {i}</th><td>Cell {i}</td></tr>" for i in range(40))
    written = []
    with pdf_tags.tagging():
        for _ in range(2):  # two in one `tagging()`: the second as the first
            out = io.BytesIO()
            HTML(string=SMALL.replace("{long}", LONG).replace("{rows}", rows)).write_pdf(out, pdf_variant="pdf/ua-1")
            written.append(out.getvalue())
    assert written[0] == written[1]
    with pikepdf.open(out) as pdf:
        root = structure(pdf)
        pages = marked_content(pdf)
        [document] = root.kids
        assert [kid.tag for kid in document.kids] == ["/P", "/L", "/L", "/P", "/Table"]
        paragraph, questions, terms, note, table = document.kids
        assert squeezed(paragraph.text) == squeezed(LONG) and len(paragraph.pages()) >= 2
        [question] = questions.kids
        assert [kid.tag for kid in question.kids] == ["/Lbl", "/LBody"]
        assert [kid.tag for kid in question.kids[1].kids] == ["/P", "/L"]  # the options, inside the question
        assert [(item.kids[0].text, [kid.tag for kid in item.kids]) for item in terms.kids] == [
            ("Term", ["/Lbl", "/LBody"]), ("Second termAlso called", ["/Lbl", "/LBody"])]
        assert squeezed(terms.kids[1].kids[1].text) == "OneTwo"
        assert [kid.tag for kid in table.kids] == ["/THead", "/TBody"] and len(table.pages()) >= 2
        assert len(table.kids[1].kids) == 40
        for number, marks in enumerate(pages, start=1):
            assert all("/MCID" not in m.properties for m in marks if "Running head" in m.text or "Page " in m.text)
            furniture = {m.properties.get("/Subtype"): m.text for m in marks if m.tag == "/Artifact" and m.text}
            assert furniture["/Header"] == "Running head" and furniture["/Footer"] == f"Page {number} of {len(pages)}"
        links = [annotation for page in pdf.pages for annotation in page.get("/Annots", [])]
        assert [str(link.Contents) for link in links] == ["Note 1", "the long paragraph"]
        with pdf.open_metadata() as meta:
            assert meta["dc:language"] == {"en-GB"}


def test_outside_a_handbook_weasyprint_writes_as_it_did():
    """A document written without `tagging()`, before, after or in another thread while a handbook is
    written, is WeasyPrint's own."""
    import threading

    from weasyprint import HTML

    document = SMALL.replace("{long}", "Short.").replace("{rows}", "")

    def write() -> bytes:
        out = io.BytesIO()
        HTML(string=document).write_pdf(out, pdf_variant="pdf/ua-1")
        return out.getvalue()

    plain = write()
    beside: list[bytes] = []
    with pdf_tags.tagging():
        thread = threading.Thread(target=lambda: beside.append(write()))
        thread.start()
        thread.join()
    assert beside == [plain] and write() == plain
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert all(m.properties.get("/Type") != "/Pagination" for page in marked_content(pdf) for m in page)
