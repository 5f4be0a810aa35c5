"""PDF handbooks: the right editions and file names, text in reading order, facilitator-only
content only in the facilitator guide, contents page numbers that match, and tagged, A4, embedded-font
PDFs that fetch nothing from outside the project."""

from __future__ import annotations

import functools
import math
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from coursebuilder.errors import ResolveError
from coursebuilder.load import load_course
from coursebuilder.markdown import find_images, parse
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import get
from coursebuilder.render.pdf_fetch import ProjectFetcher, RefusedURL
from coursebuilder.render.pdf_plan import materials_checklist, session_plan
from coursebuilder.render.picture_text import needs_words_in_print
from coursebuilder.themes import load_theme

from .conftest import FIXTURES, REPO, require_tool

SLUG = "space-to-think"
EDITIONS = ("handbook", "facilitator-guide", "large-print")
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


def plain_text(text: str) -> str:
    """The words of each block of a Markdown text, a line each (what the PDF should print)."""
    return "\n".join("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
                     for token in parse(text) if token.type == "inline" and token.children)


def words(text: str) -> str:
    return " ".join(text.split())


def pages_text(path: Path) -> list[str]:
    """Each page's text in reading order, whitespace collapsed (pdftotext separates pages by \\f)."""
    return list(_pages_text(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=32)
def _pages_text(path: str, mtime: int) -> tuple[str, ...]:
    tool = require_tool("pdftotext")
    out = subprocess.run([tool, "-enc", "UTF-8", path, "-"], check=True, capture_output=True, text=True).stdout
    return tuple(words(page) for page in out.split("\f")[:-1])


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    reader = PdfReader(path)
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def text_sizes(path: Path) -> tuple[dict[float, int], dict[float, int]]:
    """Characters per font size (pt): (in the page area, in the margins where headers and footers go)."""
    body: dict[float, int] = {}
    margins: dict[float, int] = {}
    for page in PdfReader(path).pages[:14]:  # cover, front matter and the first sections
        def visit(text, cm, tm, font, size):
            if not text.strip():
                return
            points = round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 1)
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            where = body if 22 * MM < y < (297 - 24) * MM else margins
            where[points] = where.get(points, 0) + len(text.strip())
        page.extract_text(visitor_text=visit)
    return body, margins


def figure_alts(pdf: pikepdf.Pdf) -> list[str]:
    """The alt text of every Figure in the structure tree, in order."""
    alts = []

    def walk(element):
        if isinstance(element, pikepdf.Dictionary):
            if element.get("/S") == "/Figure":
                alts.append(str(element.get("/Alt", "")))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return alts


@pytest.fixture(scope="module")
def pdfs(bundled_build) -> Path:
    return bundled_build / "pdf"


@pytest.fixture(scope="module")
def bundled_course():
    return load_course(Project.find(REPO)).course


@pytest.fixture(scope="module")
def bundled(bundled_course):
    return bundled_course.module(SLUG).meta


def blocks_of(module, kind: str) -> list:
    return [block for section in module.sections for block in section.blocks if block.type == kind]


def module_pdfs(course) -> dict[str, list]:
    """Each PDF of the bundled build, with the modules (LoadedModule, in order) it holds."""
    found = {f"{m.slug}-{edition}.pdf": [m] for m in course.modules for edition in EDITIONS}
    found["course-handbook.pdf"] = list(course.modules)
    return found


WORDS_BELOW = "Picture: its words are printed below it"  # the alt of a picture whose words are printed


def picture_alts(module, facilitator: bool, large_print: bool = False) -> list[str]:
    """Alt text of every picture in one edition of a module, in reading order (decorative ones are left out;
    a picture whose letters are too small for the edition points to its words, printed below it)."""
    alts = []
    for section in module.meta.sections:
        for name in ([section.facilitator_notes] if facilitator else []) + [section.body]:
            if name:
                alts += [ref.alt for ref in find_images(module.document(name).text)]
        alts += [WORDS_BELOW if needs_words_in_print(block, module.images[block.src], 18 if large_print else 12,
                                                     large_print=large_print) else block.alt
                 for block in section.blocks if block.type == "image" and not block.decorative]
    return alts


def blockquotes(module, facilitator: bool) -> int:
    """Quote blocks, and quotations written in Markdown (`>`), in one edition of a module (a written answer's
    model answer is printed in every edition: at the back for participants, beside the question for facilitators)."""
    texts = [module.meta.content_note.text]
    for section in module.meta.sections:
        names = [section.body, section.facilitator_notes] if facilitator else [section.body]
        texts += [module.document(name).text for name in names if name]
        texts += [getattr(block, key) for block in section.blocks for key in ("instructions", "text", "model_answer")
                  if isinstance(getattr(block, key, None), str)]
        steps = [step for block in section.blocks for step in getattr(block, "steps", [])]  # branching scenarios
        texts += [text for step in steps for text in (step.text, step.feedback, facilitator and step.facilitator_notes)
                  if text]
    written = sum(token.type == "blockquote_open" for text in texts for token in parse(text))
    return written + len(blocks_of(module.meta, "quote"))


@pytest.fixture(scope="module")
def minimal_build(tmp_path_factory):
    """The minimal fixture, with a project theme that has a logo (and no print templates of its own),
    built as PDF while recording every URL WeasyPrint asks for."""
    from weasyprint.urls import URLFetcher

    root = tmp_path_factory.mktemp("pdf") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    theme = root / "themes" / "custom"
    theme.mkdir(parents=True)
    shutil.copyfile(root / "modules" / "demo" / "images" / "dot.png", theme / "logo.png")
    (theme / "theme.yaml").write_text('name: Custom\nlogo: logo.png\ncolours:\n  primary: "#5a2d82"\n',
                                      encoding="utf-8")
    course_yaml = root / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8") + "theme: custom\n", encoding="utf-8")
    default_fetcher, served = [], []
    original = ProjectFetcher.fetch
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: default_fetcher.append(url))
        patch.setattr(ProjectFetcher, "fetch", lambda self, url, headers=None: served.append(url) or
                      original(self, url, headers))
        build(Project.find(root), out=root / "build", formats=["pdf"], jobs=1)  # recorded in this process
    return root / "build" / "pdf", default_fetcher, served


@pytest.fixture(scope="module")
def minimal_pdfs(minimal_build) -> Path:
    return minimal_build[0]


def test_every_edition_is_written_with_its_fixed_name(pdfs, bundled_course):
    assert sorted(p.name for p in pdfs.iterdir()) == sorted(module_pdfs(bundled_course))
    assert {f"{SLUG}-{edition}.pdf" for edition in EDITIONS} <= {p.name for p in pdfs.iterdir()}


def test_files_belong_to_exactly_their_module():
    renderer = get("pdf")
    for edition in EDITIONS:
        assert renderer.owns("a", f"a-{edition}.pdf")
        assert not renderer.owns("a", f"a-b-{edition}.pdf")
        assert not renderer.owns("a-b", f"a-{edition}.pdf")
    assert not renderer.owns("a", "course-handbook.pdf")
    assert not renderer.owns("a", "a-handbook.pdf.tmp")


def test_the_course_handbook_can_be_left_out(make_project):
    root = make_project("minimal")
    course_yaml = root / "course.yaml"
    course = load_course(Project.find(root)).course
    assert [unit.id for unit in get("pdf").units(course)][-1] == "pdf/course/course-handbook"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8") + "course_handbook: false\n", encoding="utf-8")
    course = load_course(Project.find(root)).course
    assert [unit.id for unit in get("pdf").units(course)] == [f"pdf/demo/{edition}" for edition in EDITIONS]


@pytest.mark.parametrize("name", [f"{SLUG}-{e}.pdf" for e in EDITIONS] + ["course-handbook.pdf"])
def test_section_titles_appear_in_order_after_the_contents(pdfs, bundled, name):
    pages = pages_text(pdfs / name)
    contents = next(i for i, page in enumerate(pages) if page.startswith(("Contents", "Acute ward practice Contents"))
                    or " Contents Before you start" in page[:200])
    text = " ".join(pages[contents + 1:])
    position = 0
    for section in bundled.sections:
        found = text.find(section.title, position)
        assert found >= 0, f"{name}: section {section.title!r} missing or out of order"
        position = found + len(section.title)


def test_outline_lists_the_sections_in_order(pdfs, bundled):
    titles = [title for _, title, _ in outline(pdfs / f"{SLUG}-handbook.pdf")]
    assert titles[:3] == ["Before you start", "Contents", "About this module"]
    assert [t for t in titles if t in {s.title for s in bundled.sections}] == [s.title for s in bundled.sections]
    course = outline(pdfs / "course-handbook.pdf")
    assert (0, bundled.title) in [(depth, title) for depth, title, _ in course]
    assert [title for depth, title, _ in course if depth == 1][:2] == ["Before you start", "About this module"]


def facilitator_lines(bundled) -> list[str]:
    """One distinctive line from each section's facilitator notes."""
    found = []
    for section in bundled.sections:
        text = (REPO / "modules" / SLUG / section.facilitator_notes).read_text(encoding="utf-8")
        found.append(max(plain_text(text).splitlines(), key=len)[:60])
    return found


def test_facilitator_notes_and_session_plan_only_in_the_facilitator_guide(pdfs, bundled):
    lines = facilitator_lines(bundled)
    guide = words(" ".join(pages_text(pdfs / f"{SLUG}-facilitator-guide.pdf")))
    for line in lines:
        assert words(line) in guide
    assert "Session plan" in guide and "09:30 to 09:45" in guide and "Group agreement" in guide
    assert "Materials checklist" in guide and "Flipchart paper" in guide
    for name in (f"{SLUG}-handbook.pdf", f"{SLUG}-large-print.pdf", "course-handbook.pdf"):
        text = words(" ".join(pages_text(pdfs / name)))
        for line in lines:
            assert words(line) not in text, name
        assert "Session plan" not in text and "09:30" not in text and "Facilitator notes" not in text, name
        assert "Materials checklist" not in text and "Facilitator: bring" not in text, name


def test_minimal_fixture_marker_only_in_the_facilitator_guide(minimal_pdfs):
    assert "FACILITATOR-ONLY-TEXT" in " ".join(pages_text(minimal_pdfs / "demo-facilitator-guide.pdf"))
    for name in ("demo-handbook.pdf", "demo-large-print.pdf", "course-handbook.pdf"):
        assert "FACILITATOR-ONLY-TEXT" not in " ".join(pages_text(minimal_pdfs / name)), name


@pytest.mark.parametrize("name", [f"{SLUG}-{e}.pdf" for e in EDITIONS] + ["course-handbook.pdf"])
def test_content_note_and_signposting_in_every_edition(pdfs, bundled, bundled_course, name):
    course = bundled_course.meta
    pages = pages_text(pdfs / name)
    text = " ".join(pages)
    assert words(f"This module talks about: {', '.join(bundled.content_note.topics)}.") in text
    assert words(plain_text(bundled.content_note.text).splitlines()[0]) in text
    assert "If you need support" in text
    for service in course.signposting:
        assert words(f"{service.name}: {service.contact}") in text, service.name
    # The note comes before the first section.
    note_page = next(number for number, page in enumerate(pages, start=1) if "This module talks about" in page)
    assert note_page < dict((title, page) for _, title, page in outline(pdfs / name))[bundled.sections[0].title]


def contents_entries(path: Path) -> list[tuple[str, int]]:
    """(title, printed page number) of each entry of the contents, which may run over several pages."""
    tool = require_tool("pdftotext")
    layout = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                            text=True).stdout.split("\f")
    first = next(i for i, p in enumerate(layout) if re.search(r"^\s*Contents\s*$", p, re.MULTILINE) and "....." in p)
    entries = []
    for number, page in enumerate(layout[first:]):
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        if number and not lines[0].endswith("Contents"):  # the running header names the page
            break
        if number == 0:  # after the page's title (the running header may say "Contents" too)
            first_entry = next(i for i, line in enumerate(lines) if re.search(r"\.{3,}\s*\d+$", line))
            body = lines[max(i for i in range(first_entry) if lines[i] == "Contents") + 1:]
        else:
            body = lines[1:]
        pending = ""
        for line in body:
            if re.search(r"Page \d+ of \d+$", line):
                break
            match = re.fullmatch(r"(.*?)\s*\.{3,}\s*(\d+)", line)
            if match:
                entries.append((words(f"{pending} {match[1]}"), int(match[2])))
                pending = ""
            else:  # a long title wraps onto the next line
                pending = f"{pending} {line}"
    return entries


@pytest.mark.parametrize("name", [f"{SLUG}-{e}.pdf" for e in EDITIONS] + ["course-handbook.pdf"])
def test_contents_page_numbers_are_the_pages_sections_start_on(pdfs, bundled, name):
    pages = pages_text(pdfs / name)
    entries = contents_entries(pdfs / name)
    titles = [title for title, _ in entries]
    assert "Before you start" in titles and "About this module" in titles
    for section in bundled.sections:
        assert section.title in titles, f"{name}: {section.title!r} missing from the contents"
    starts = {title: page for _, title, page in outline(pdfs / name)}
    for title, number in entries:
        assert title in pages[number - 1][:400], f"{name}: {title!r} is not on page {number}"
        assert f"Page {number} of {len(pages)}" in pages[number - 1]
    for section in bundled.sections:
        assert dict(entries)[section.title] == starts[section.title], section.title


def test_pdfs_are_tagged_titled_a4_with_language_and_alt_text(pdfs, bundled, bundled_course):
    course = bundled_course.meta
    titles = {
        f"{SLUG}-handbook.pdf": f"{bundled.title} – Participant handbook",
        f"{SLUG}-facilitator-guide.pdf": f"{bundled.title} – Facilitator guide",
        f"{SLUG}-large-print.pdf": f"{bundled.title} – Large print handbook",
        "course-handbook.pdf": f"{course.title} – Course handbook",
    }
    holds = module_pdfs(bundled_course)
    for name, title in titles.items():
        pictures = [alt for m in holds[name]
                     for alt in picture_alts(m, facilitator="facilitator" in name, large_print="large" in name)]
        with pikepdf.open(pdfs / name) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, name
            assert bool(root.MarkInfo.Marked), name
            assert str(root.Lang) == course.language, name
            assert bool(root.ViewerPreferences.DisplayDocTitle), name
            assert str(pdf.docinfo.Title) == title, name
            assert 'pdfuaid:part="1"' in str(pdf.open_metadata()), name
            assert "/Outlines" in root and int(root.Outlines.Count) != 0, name
            for page in pdf.pages:
                width, height = (float(v) for v in page.MediaBox[2:])
                assert (round(width, 2), round(height, 2)) == A4, name
            assert figure_alts(pdf) == pictures, name
            assert root.StructTreeRoot.K[0].S == "/Document"


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, int, int]]:
    """(type, depth, page) of every element of the structure tree, in reading order.

    WeasyPrint tags each page separately, so an element split across pages appears once per page.
    """
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    found = []

    def walk(element, depth):
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            page = element.get("/Pg")
            found.append((str(element.S), depth, pages[page.objgen] if page is not None else 0))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot.K[0], 0)
    return found


@pytest.mark.parametrize("name", [f"{SLUG}-{e}.pdf" for e in EDITIONS] + ["course-handbook.pdf"])
def test_no_heading_is_stranded_at_the_foot_of_a_page(pdfs, name):
    with pikepdf.open(pdfs / name) as pdf:
        elements = structure(pdf)
    headings = 0
    for index, (kind, depth, page) in enumerate(elements):
        if kind in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
            headings += 1
            following = next((e for e in elements[index + 1:] if e[1] <= depth), None)
            assert following is None or following[2] == page, f"{name}: a heading on page {page} is cut off"
    assert headings > 30


def test_quotes_and_pictures_are_never_split(pdfs, bundled_course):
    for name, modules in module_pdfs(bundled_course).items():
        quotes = sum(blockquotes(m, facilitator="facilitator" in name) for m in modules)
        pictures = sum(len(picture_alts(m, facilitator="facilitator" in name)) for m in modules)
        with pikepdf.open(pdfs / name) as pdf:
            kinds = [kind for kind, _, _ in structure(pdf)]
            assert kinds.count("/BlockQuote") == quotes, name  # a split quote is tagged once per page
            assert kinds.count("/Figure") == pictures, name
            width, height = (float(v) * 96 / 72 for v in pdf.pages[0].MediaBox[2:])  # CSS pixels
            for box in figure_boxes(pdf):
                x1, y1, x2, y2 = box
                assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height, f"{name}: picture outside the page"


def figure_boxes(pdf: pikepdf.Pdf) -> list[tuple[float, ...]]:
    boxes = []

    def walk(element):
        if isinstance(element, pikepdf.Dictionary):
            if element.get("/S") == "/Figure":
                boxes.append(tuple(float(v) for v in element.A.BBox))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return boxes


def test_every_font_is_embedded(pdfs):
    tool = require_tool("pdffonts")
    for path in sorted(pdfs.glob("*.pdf")):
        rows = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
        assert rows, path.name
        for row in rows:
            emb = row.split()[-5]
            assert emb == "yes", f"{path.name}: font not embedded: {row}"
            assert "Italic" not in row and "Oblique" not in row, f"{path.name}: bold, not italics, for emphasis"


def test_facilitator_guide_says_so_on_every_page(pdfs):
    pages = pages_text(pdfs / f"{SLUG}-facilitator-guide.pdf")
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        assert "Facilitator guide" in page, f"page {number}"


def test_page_footer_counts_pages(pdfs):
    pages = pages_text(pdfs / f"{SLUG}-handbook.pdf")
    for number, page in enumerate(pages[1:], start=2):  # the cover has no footer
        assert f"Page {number} of {len(pages)}" in page


def test_answers_at_the_back_for_participants_beside_questions_for_facilitators(pdfs, bundled):
    check = next(b for s in bundled.sections for b in s.blocks if b.type == "knowledge_check")
    feedback = words(check.questions[0].options[0].feedback)
    question = words(check.questions[0].question)
    handbook = words(" ".join(pages_text(pdfs / f"{SLUG}-handbook.pdf")))
    answers = handbook.index("Answers to the knowledge checks", handbook.index(question))
    assert answers < handbook.index(feedback)
    assert handbook.count(feedback) == 1
    guide = words(" ".join(pages_text(pdfs / f"{SLUG}-facilitator-guide.pdf")))
    assert "Answers to the knowledge checks" not in guide
    assert guide.index(question) < guide.index(feedback) < guide.index("Glossary", guide.index(question))


def test_reflections_leave_room_to_write(pdfs, bundled):
    reflection = next(b for s in bundled.sections for b in s.blocks if b.type == "reflection")
    text = words(" ".join(pages_text(pdfs / f"{SLUG}-handbook.pdf")))
    assert "You can write your thoughts in the space below each one." in text
    for prompt in reflection.prompts:
        assert words(prompt) in text


def test_references_are_clickable(pdfs, bundled):
    with pikepdf.open(pdfs / f"{SLUG}-handbook.pdf") as pdf:
        uris = {str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                if annot.get("/A") is not None and "/URI" in annot.A}
        # The contents page (after the cover and the content note) links each entry to its page.
        internal = [annot for page in pdf.pages[1:6] for annot in page.get("/Annots", []) if "/Dest" in annot]
    assert {ref.url for ref in bundled.references if ref.url} <= uris
    assert internal, "contents entries should link to their pages"


@pytest.mark.parametrize(("name", "token"), [(f"{SLUG}-handbook.pdf", "body_pt"),
                                             (f"{SLUG}-large-print.pdf", "large_print_pt")])
def test_body_text_size_comes_from_the_theme(pdfs, name, token):
    size = getattr(load_theme(Project.find(REPO), "default").tokens.pdf, token)
    body, margins = text_sizes(pdfs / name)
    assert max(body, key=body.get) == size
    assert min(body) >= size, f"text smaller than the body size in {name}: {sorted(body)}"
    assert min(margins) >= 9, "running headers and footers stay readable"


def test_large_print_reflows_rather_than_scales(pdfs):
    handbook = PdfReader(pdfs / f"{SLUG}-handbook.pdf")
    large = PdfReader(pdfs / f"{SLUG}-large-print.pdf")
    assert large.pages[0].mediabox == handbook.pages[0].mediabox  # still A4
    assert len(large.pages) > len(handbook.pages) * 1.4


def test_session_plan_clock_times_come_from_the_durations():
    course = load_course(Project.find(FIXTURES / "minimal")).course
    module = course.module("demo").meta
    plan = session_plan(module, "09:30")
    assert [(row.start, row.end, row.minutes) for row in plan.rows] == [("09:30", "09:50", 20), ("09:50", "10:00", 10)]
    assert (plan.start, plan.end, plan.minutes) == ("09:30", "10:00", 30)
    discussion = next(a for a in plan.rows[0].activities if a.kind == "Discussion")
    assert discussion.details == "groups of 3-4, 10 minutes"
    assert plan.rows[0].materials == ["Flip chart"]
    assert session_plan(module, "23:50").rows[1].start == "00:10"
    assert [(m.name, m.sections) for m in materials_checklist(module)] == [("Flip chart", [1])]


def test_minimal_facilitator_guide_shows_the_plan_from_session_start(minimal_pdfs):
    text = " ".join(pages_text(minimal_pdfs / "demo-facilitator-guide.pdf"))
    assert "09:30 to 09:50" in text and "09:50 to 10:00" in text and "Ends 10:00" in text
    assert "We listen without judging" in text
    assert "Flip chart (section 1)" in text


def test_markdown_never_smuggles_script_into_a_pdf(minimal_pdfs):
    text = " ".join(pages_text(minimal_pdfs / "demo-handbook.pdf"))
    assert 'alert("x")' not in text and "<script" not in text
    with pikepdf.open(minimal_pdfs / "demo-handbook.pdf") as pdf:
        uris = {str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                if annot.get("/A") is not None and "/URI" in annot.A}
    assert "https://example.org/guide" in uris  # the reference
    assert not [uri for uri in uris if uri.startswith("javascript")]


def test_pictures_are_embedded_with_alt_text(minimal_pdfs):
    with pikepdf.open(minimal_pdfs / "demo-handbook.pdf") as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        alts = figure_alts(pdf)
    assert len(images) == 2  # the logo, and one picture used twice (in Markdown and in an image block)
    assert alts == ["Example NHS Foundation Trust", "A small teal square", "A small teal square"]


@pytest.fixture
def fetcher(make_project):
    root = make_project()
    project = Project.find(root)
    theme = load_theme(project, "default")
    return ProjectFetcher(project, {"demo": project.module_dir("demo")}, theme.folder), root


def test_fetcher_serves_project_files_through_the_resolver(fetcher):
    fetch, root = fetcher
    response = fetch("demo/images/dot.png")
    assert response.read() == (root / "modules" / "demo" / "images" / "dot.png").read_bytes()
    assert response.content_type == "image/png"
    assert fetch("_theme/theme.yaml").read().startswith(b"#")


@pytest.mark.parametrize("url", [
    "https://example.org/picture.png",
    "http://127.0.0.1/secret",
    "file:///etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://example.org/x.png",
    "module:demo/images/dot.png",
    "//example.org/x.png",
    "/etc/passwd",
    "images/dot.png",
    "other/images/dot.png",
    "demo/../../course.yaml/../../../etc/passwd",
    "demo/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "demo//etc/passwd",
    "_theme/../../../../../etc/passwd",
    "demo/images/missing.png",
])
def test_fetcher_refuses_everything_else(fetcher, url):
    fetch, _ = fetcher
    with pytest.raises((RefusedURL, ResolveError)):
        fetch(url)


def test_weasyprint_never_uses_its_own_fetcher(minimal_build):
    _, default_fetcher, served = minimal_build
    assert default_fetcher == []
    assert "demo/images/dot.png" in served and "_theme/logo.png" in served
    assert all(url.startswith(("demo/", "_theme/")) for url in served)


def test_a_project_theme_brings_its_logo_and_falls_back_to_the_default_print_templates(minimal_pdfs):
    with pikepdf.open(minimal_pdfs / "demo-handbook.pdf") as pdf:
        assert figure_alts(pdf)[0] == "Example NHS Foundation Trust"  # the logo, first on the cover


def test_outline_of_the_minimal_handbooks(minimal_pdfs, golden):
    lines = []
    for edition in EDITIONS:
        lines.append(f"# demo-{edition}.pdf")
        lines += [f"{'  ' * depth}{title}" for depth, title, _ in outline(minimal_pdfs / f"demo-{edition}.pdf")]
    lines.append("# course-handbook.pdf")
    lines += [f"{'  ' * depth}{title}" for depth, title, _ in outline(minimal_pdfs / "course-handbook.pdf")]
    golden("pdf-outline.txt", "\n".join(lines) + "\n")
