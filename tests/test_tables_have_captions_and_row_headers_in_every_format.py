"""A table's caption (`Table: …` on the line before or after it) and header column (`{.row-headers}` on the
line before it), in every format: HTML has `<caption>` as the table's name and `<th scope="row">` (and
Chromium's accessibility tree says so), print keeps the caption above a grid or a reflowed table, the deck
titles the table's slide with it and marks the first column; a mark the tool does not read is a located
error with the fix."""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from coursebuilder.markdown import render_markdown
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.pdf import for_print

from .checks_support import BODY, findings, write
from .conftest import FIXTURES

# Tiers follow the fixtures (tests/conftest.py): the Chromium test is in the browser tier, the rest fast.

# Stressed as real material is: a caption with its own quotation marks, an ampersand and markup, and a
# table as wide as a handover sheet, with its first column naming each row.
TEXT = """\
Handover works best when everyone knows who leads.

Table: Who leads on each shift & who to “call first”

{.row-headers}
| Shift | Who leads | Who to call for help | What to hand over |
|---|---|---|---|
| Early | The nurse in charge | The ward manager, or the matron on call | Observations, leave plans and anything promised to a patient |
| Late | The nurse in charge | The site manager | The same, with visitors expected in the evening |
| Night | The nurse in charge | The site manager | Who is awake, who asked to be woken, and what helps each person sleep |

After the table.

| Sense | Common triggers |
|---|---|
| Hearing | Alarms |

: Senses and *triggers*
"""


def _tree(markdown: str):
    return lxml.html.fragment_fromstring(str(render_markdown(markdown)), create_parent="div")


def test_the_caption_is_the_tables_first_child_and_its_name():
    tree = _tree(TEXT)
    first, second = tree.xpath("//table")
    assert first[0].tag == "caption" and first[0].text_content() == "Who leads on each shift & who to “call first”"
    assert first.getparent().get("aria-label") == "Who leads on each shift & who to “call first”"
    assert second[0].tag == "caption" and lxml.html.tostring(second[0], encoding=str).strip() == \
        "<caption>Senses and <em>triggers</em></caption>"
    text = tree.text_content()
    assert "Table:" not in text and ": Senses" not in text and text.count("Senses and triggers") == 1


def test_row_headers_are_header_cells_scoped_to_their_row_and_the_other_cells_keep_their_labels():
    first = _tree(TEXT).xpath("//table")[0]
    assert [th.text_content() for th in first.xpath(".//tbody/tr/th[@scope='row']")] == ["Early", "Late", "Night"]
    assert first.xpath(".//thead//th/@scope") == ["col"] * 4
    assert first.xpath(".//tbody/tr[1]/td/@data-label") == ["Who leads", "Who to call for help", "What to hand over"]


def test_a_paragraph_starting_table_that_is_not_next_to_a_table_stays_a_paragraph():
    tree = _tree("Table: a word we define below.\n\nSome text.\n\n| A |\n|---|\n| 1 |\n")
    assert tree.xpath("//p")[0].text_content() == "Table: a word we define below."
    assert tree.xpath("//caption") == []


def test_print_keeps_the_caption_above_a_grid_and_above_a_reflowed_table():
    html = render_markdown(TEXT)
    grid = lxml.html.fragment_fromstring(str(for_print(html, 8)), create_parent="div")
    table = grid.xpath("//table")[0]
    assert [child.tag for child in table][:2] == ["caption", "colgroup"]
    reflowed = lxml.html.fragment_fromstring(str(for_print(html, 18)), create_parent="div")
    region = reflowed.xpath("//div[@class='table-reflow']")[0]
    assert region[0].get("class") == "table-caption" and region[0].text_content().startswith("Who leads on each")
    assert region.get("aria-label").startswith("Who leads on each shift")
    assert [p.text_content() for p in region.xpath(".//p[@class='table-row-name']")] == \
        ["Shift: Early", "Shift: Late", "Shift: Night"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("tables") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    write(root, BODY, TEXT)
    return root


def test_the_deck_titles_the_tables_slide_with_its_caption_and_marks_its_first_column(project):
    from pptx import Presentation
    from pptx.util import Pt  # noqa: F401 - python-pptx is what reads the deck back

    build(Project.find(project), out=project / "out", formats=["pptx"], jobs=1)
    deck = Presentation(str(project / "out" / "pptx" / "demo.pptx"))
    slides = [slide for slide in deck.slides if any(shape.has_table for shape in slide.shapes)]
    titles = [slide.shapes.title.text_frame.text for slide in slides]
    assert titles[0].startswith("Who leads on each shift & who to “call first”")
    assert any(title.startswith("Senses and triggers") for title in titles)
    grid = next(shape for shape in slides[0].shapes if shape.has_table).table
    assert grid.first_col and grid.first_row
    first_cells = [grid.cell(r, 0) for r in range(1, len(grid.rows))]
    assert [c.text_frame.text for c in first_cells] == ["Early", "Late", "Night"][:len(first_cells)]
    assert all(run.font.bold for c in first_cells for p in c.text_frame.paragraphs for run in p.runs)
    assert not any(run.font.bold for p in grid.cell(1, 1).text_frame.paragraphs for run in p.runs)


def test_every_handbook_tags_the_caption_inside_its_table_and_the_row_headers_as_row_headers(project):
    import pikepdf

    from .pdf_support import elements_with_text, words

    wide = "Who leads on each shift & who to “call first”"
    build(Project.find(project), out=project / "pdf-out", formats=["pdf"], jobs=1)
    for pdf_file in sorted((project / "pdf-out" / "pdf").glob("*.pdf")):
        with pikepdf.open(pdf_file) as pdf:
            found = elements_with_text(pdf)
            tables = {}
            for element, text, _ in found:
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                if element.S == "/Table" and str(kids[0].S) == "/Caption":
                    caption = next(words(t) for e, t, _ in found if e.objgen == kids[0].objgen)
                    tables[caption] = [str(kid.S) for kid in kids]
            scopes = {words(t): str(e.A.get("/Scope")) for e, t, _ in found if e.S == "/TH"}
            paragraphs = [words(t) for e, t, _ in found if e.S == "/P"]
        assert tables["Senses and triggers"] == ["/Caption", "/THead", "/TBody"], pdf_file.name
        if wide in tables:  # printed as a grid
            assert tables[wide] == ["/Caption", "/THead", "/TBody"]
            assert [scopes[n] for n in ("Shift", "Early", "Late", "Night")] == ["/Column", "/Row", "/Row", "/Row"]
        else:  # too wide for large print: its caption, then each row as a labelled group
            assert pdf_file.name == "demo-large-print.pdf"
            assert paragraphs.index(wide) < paragraphs.index("Shift: Early") < paragraphs.index("Shift: Night")


def test_chromium_names_the_table_by_its_caption_and_reads_the_row_headers_as_such(project, browser):
    build(Project.find(project), out=project / "html-out", formats=["html"], jobs=1)
    page_file = next((project / "html-out" / "html").rglob("01-*.html"))
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        client = page.context.new_cdp_session(page)
        nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        page.close()

    def named(role: str) -> list[str]:
        return [n.get("name", {}).get("value", "") for n in nodes
                if n.get("role", {}).get("value") == role and not n.get("ignored")]

    assert named("table")[:2] == ["Who leads on each shift & who to “call first”", "Senses and triggers"]
    assert named("rowheader") == ["Early", "Late", "Night"]
    assert "Hearing" in named("cell") and "Who leads" in named("columnheader")


def test_a_mark_the_tool_does_not_read_is_a_located_error_with_the_fix(make_project):
    root = make_project("minimal")
    write(root, BODY, "Some text.\n\n{.row-header}\n| Shift | Lead |\n|---|---|\n| Day | Nurse |\n\n"
                      "{.row-headers}\n- a list\n\n{.wide}\nA paragraph.\n")
    found = findings(root, "mark-unknown")
    assert [(d.line, d.column, d.severity) for d in found] == [(3, 2, "error"), (8, 2, "error"), (11, 2, "error")]
    assert found[0].message == "{.row-header} is not a mark coursebuilder reads"
    assert found[0].hint == "did you mean {.row-headers}? Write it on the line before the table"
    assert found[1].message == "{.row-headers} only goes on the line before a table, not before a list"
    assert findings(root, "mark-unknown") and not findings(root, "lang-syntax")


def test_a_captioned_table_with_row_headers_is_clean(make_project):
    root = make_project("minimal")
    write(root, BODY, TEXT)
    assert [d for d in findings(root) if d.code in ("mark-unknown", "table-header", "lang-syntax")] == []
