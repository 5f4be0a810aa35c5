"""Page flow in print (issue 17): no page is left nearly empty in the middle of a part, no heading or
lead-in (a line ending in ":") is left at the foot of a page away from what it introduces, and every
table cell an author wrote is in the text of every PDF edition, large print included (a wide table
reflows there rather than running off the page).

Pages are read the way a reader sees them: poppler's `pdftohtml -xml` gives every line of text with
its position, size and weight, and `pdftoppm` draws each page, so that a box or the ruled lines of a
reflection count as used. The text area is the page less the margins of print.css (the running
header and footer sit in the margins). A page is nearly empty when what is printed on it reaches
less than a fifth of the way down the text area; that is allowed only at the end of a part, the last page before one
that starts on a new page (each such page starts with a bookmarked title: a module, a section, the
contents, the glossary…), and on the cover. A heading is a bold line at least 15% larger than the
body text (the size most of the text is set in); it is stranded when nothing follows it on its page.

Built: the bundled course (every module in three editions, and the course handbook) and the stress
fixtures (tests/fixtures/stress-*, written the way a trainer converting a Word handbook writes).
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from coursebuilder.load import load_course
from coursebuilder.markdown import render_markdown
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, REPO, require_tool

pytestmark = pytest.mark.slow

MM = 72 / 25.4
NEAR_EMPTY = 0.2  # a page whose text reaches less than this far down the text area
HEADING_RATIO = 1.15  # a bold line at least this much larger than the body text is a heading
STRESS = ("stress-sensory", "stress-words")


# ---------------------------------------------------------------------------------------------------
# Reading the pages.

@dataclass(frozen=True)
class Line:
    top: float  # points from the top of the sheet
    bottom: float
    size: float  # font size, points
    bold: bool
    text: str


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]  # inside the text area, top to bottom
    area: tuple[float, float]  # top and bottom of the text area, points
    ink: float  # how far down the text area anything is printed (text, a box, ruled lines), points

    def used(self) -> float:
        """How far down the text area the page is used, 0 to 1."""
        top, bottom = self.area
        lowest = max([line.bottom for line in self.lines] + [self.ink])
        return max(0.0, (lowest - top) / (bottom - top))

    def last(self) -> Line | None:
        return self.lines[-1] if self.lines else None


def page_margins(theme_css: Path = REPO / "themes" / "default" / "print" / "print.css") -> tuple[float, float]:
    """Top and bottom page margins (points), from the first `margin:` of the stylesheet's @page rule."""
    css = theme_css.read_text(encoding="utf-8")
    rule = re.search(r"@page\s*\{[^}]*?margin:\s*([^;]+);", css)
    assert rule, "print.css has no @page margin"
    values = [float(v.removesuffix("mm")) for v in rule.group(1).split()]
    top, bottom = values[0], values[2 if len(values) > 2 else 0]
    return top * MM, bottom * MM


def read_pages(pdf: Path) -> list[Page]:
    return list(_read_pages(str(pdf), pdf.stat().st_mtime_ns))


@cache
def _read_pages(pdf: str, _mtime: int) -> tuple[Page, ...]:
    xml = subprocess.run([require_tool("pdftohtml"), "-xml", "-i", "-zoom", "1", "-stdout", "-q", pdf],
                         check=True, capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ElementTree.fromstring(xml)
    margin_top, margin_bottom = page_margins()
    sizes: dict[str, float] = {}
    pages = []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            sizes[spec.get("id", "")] = float(spec.get("size", "0"))
        height = float(page.get("height", "0"))
        area = (margin_top, height - margin_bottom)
        pieces = []
        for text in page.iter("text"):
            words = " ".join("".join(text.itertext()).split())
            top = float(text.get("top", "0"))
            bottom = top + float(text.get("height", "0"))
            if not words or top < area[0] - 2 or bottom > area[1] + 2:
                continue  # running header and footer
            bold = text.find(".//b") is not None
            pieces.append((top, bottom, float(text.get("left", "0")), sizes.get(text.get("font", ""), 0.0), bold, words))
        pieces.sort()
        lines: list[Line] = []
        row: list[tuple] = []
        for piece in pieces + [(float("inf"), 0, 0, 0, False, "")]:  # pieces on one baseline make a line
            if row and piece[0] - row[0][0] > 2:
                row.sort(key=lambda p: p[2])
                lines.append(Line(min(p[0] for p in row), max(p[1] for p in row), max(p[3] for p in row),
                                  all(p[4] for p in row), " ".join(p[5] for p in row)))
                row = []
            row.append(piece)
        pages.append(Page(int(page.get("number", "0")), tuple(lines), area, 0.0))
    inks = _ink(pdf, [page.area for page in pages])
    return tuple(Page(page.number, page.lines, page.area, ink) for page, ink in zip(pages, inks))


DPI = 24


def _ink(pdf: str, areas: list[tuple[float, float]]) -> list[float]:
    """Per page, the lowest point (in points) inside the text area where anything differs from the
    page's own background: text, a block's box, the ruled lines of a reflection."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([require_tool("pdftoppm"), "-gray", "-r", str(DPI), pdf, f"{folder}/p"], check=True)
        files = sorted(Path(folder).glob("p-*.pgm"), key=lambda f: int(f.stem.rsplit("-", 1)[1]))
        assert len(files) == len(areas), pdf
        lowest = []
        for file, (top, bottom) in zip(files, areas):
            with Image.open(file) as image:
                width, height = image.size
                pixels = image.load()
                background = Counter(pixels[x, y] for x in range(0, width, 3) for y in range(0, height, 3))
                paper = background.most_common(1)[0][0]
                first, last = int(top * DPI / 72) + 1, min(height, int(bottom * DPI / 72))
                found = 0.0
                for y in range(last - 1, first - 1, -1):
                    if any(abs(pixels[x, y] - paper) > 12 for x in range(width)):
                        found = (y + 1) * 72 / DPI
                        break
                lowest.append(found)
        return lowest


def part_starts(pdf: Path) -> set[int]:
    """Pages that start a part: the cover and every bookmarked title (each starts on a new page)."""
    reader = PdfReader(pdf)
    starts = {1}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                starts.add(reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return starts


def body_size(pages: list[Page]) -> float:
    chars: Counter = Counter()
    for page in pages:
        for line in page.lines:
            chars[line.size] += len(line.text)
    return max(chars, key=lambda size: chars[size])


def is_heading(line: Line, body: float) -> bool:
    return line.bold and line.size >= body * HEADING_RATIO


@dataclass(frozen=True)
class Finding:
    pdf: str
    page: int
    what: str

    def __str__(self) -> str:
        return f"{self.pdf}, page {self.page}: {self.what}"


def near_empty_pages(pdf: Path, *, at_part_ends: bool = False) -> list[Finding]:
    """Pages whose text fills less than a fifth of the text area. The last page of a part (the page
    before one that starts a part, or the last page) is allowed, unless `at_part_ends`."""
    pages = read_pages(pdf)
    starts = part_starts(pdf)
    found = []
    for page in pages:
        if page.number in starts and page.number == 1:
            continue  # the cover
        part_end = page.number + 1 in starts or page.number == len(pages)
        if part_end and not at_part_ends:
            continue
        if page.used() < NEAR_EMPTY:
            last = page.last()
            found.append(Finding(pdf.name, page.number, f"{page.used():.0%} used"
                                 f"{' (end of a part)' if part_end else ''}; last line: {last.text if last else '(none)'!r}"))
    return found


def stranded_lines(pdf: Path, lead_ins: list[str] | None = None) -> list[Finding]:
    """Headings with nothing after them on their page, and lead-ins (paragraphs of the source that
    end in ":", as `lead_ins`) ending at the foot of a page, away from what they introduce."""
    endings = [tokens(text) for text in lead_ins or []]
    pages = read_pages(pdf)
    body = body_size(pages)
    starts = part_starts(pdf)
    found = []
    for page in pages:
        last = page.last()
        if last is None or page.number == len(pages):
            continue
        if is_heading(last, body):
            found.append(Finding(pdf.name, page.number, f"heading at the foot of the page: {last.text!r}"))
        elif (last.text.rstrip().endswith(":") and page.number + 1 not in starts
              and any(ending[-len(words):] == words for ending in endings if (words := tokens(last.text)))):
            found.append(Finding(pdf.name, page.number, f"lead-in at the foot of the page: {last.text!r}"))
    return found


# ---------------------------------------------------------------------------------------------------
# Table cells: the source's, and the text of each PDF.

class _Cells:
    """The text of every <td> and <th> in rendered Markdown (as the print templates get it)."""

    def __init__(self, html: str):
        self.cells = [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).split())
                      for cell in re.findall(r"(?s)<t[dh]\b[^>]*>(.*?)</t[dh]>", html)]


def markdown_texts(project: Path) -> dict[str, list[tuple[str, str]]]:
    """Per module slug: (audience, Markdown) of every text an author wrote in Markdown: the content
    note, section bodies and blocks ("participant"), facilitator notes ("facilitator")."""
    course = load_course(Project.find(project)).course
    assert course is not None
    found: dict[str, list[tuple[str, str]]] = {}
    for module in course.modules:
        texts: list[tuple[str, str]] = [("participant", module.meta.content_note.text)]
        for section in module.meta.sections:
            for name, audience in ((section.body, "participant"), (section.facilitator_notes, "facilitator")):
                document = module.document(name)
                if document is not None:
                    texts.append((audience, document.text))
            for block in section.blocks:
                for field in ("text", "instructions"):
                    value = getattr(block, field, None)
                    if isinstance(value, str):
                        texts.append(("participant", value))
        found[module.slug] = texts
    return found


def table_cells(project: Path) -> dict[str, dict[str, list[str]]]:
    """Per module slug: the cells of participant text ("participant") and facilitator notes ("facilitator")."""
    found: dict[str, dict[str, list[str]]] = {}
    for slug, texts in markdown_texts(project).items():
        cells: dict[str, list[str]] = {"participant": [], "facilitator": []}
        for audience, text in texts:
            cells[audience] += [c for c in _Cells(str(render_markdown(text))).cells if c]
        found[slug] = cells
    return found


def lead_ins(project: Path) -> list[str]:
    """Every paragraph that ends in ":" and so introduces what follows it ("A welcome card might read:")."""
    found = []
    for texts in markdown_texts(project).values():
        for _, text in texts:
            for paragraph in re.findall(r"(?s)<p>(.*?)</p>", str(render_markdown(text))):
                words = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", paragraph)).split())
                if words.endswith(":"):
                    found.append(words)
    return found


def tokens(text: str) -> list[str]:
    """Words, case folded, with hyphens and apostrophes dropped (so "ear-" at a line end and "plugs"
    on the next are the two halves of "earplugs")."""
    return re.findall(r"[^\W_]+", re.sub(r"[-\u00ad\u2010\u2011'\u2019]", "", text).casefold())


GAP = 40  # words of other text allowed between two words of a cell: the next cell's line beside it, a page footer


def found_in(cell: list[str], words: list[str]) -> bool:
    """Whether the cell's words are in `words` in order, each one whole or split over up to four
    consecutive words (a word or web address broken at a line end), with at most GAP words of other
    text between two of them (pdftotext reads a table's rows line by line, across the cells)."""

    def at(position: int, word: str) -> int | None:  # the position after `word` if it starts at position
        joined = ""
        for end in range(position, min(position + 4, len(words))):
            joined += words[end]
            if joined == word:
                return end + 1
            if not word.startswith(joined):
                return None
        return None

    for start in range(len(words)):
        position: int | None = at(start, cell[0])
        for word in cell[1:]:
            if position is None:
                break
            position = next((after for k in range(position, min(position + GAP, len(words)))
                             if (after := at(k, word)) is not None), None)
        if position is not None:
            return True
    return False


def pdf_text(pdf: Path) -> str:
    return subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def lost_cells(pdf: Path, cells: list[str]) -> list[str]:
    words = tokens(pdf_text(pdf))
    return [cell for cell in cells if tokens(cell) and not found_in(tokens(cell), words)]


# ---------------------------------------------------------------------------------------------------
# Builds.

@pytest.fixture(scope="module")
def stress_builds(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name in STRESS:
        copy = tmp_path_factory.mktemp(name) / name
        shutil.copytree(FIXTURES / name, copy)
        build(Project.find(copy), out=copy / "build", formats=["pdf"])
        out[name] = copy / "build" / "pdf"
    return out


@pytest.fixture(scope="module")
def every_pdf(bundled_build, stress_builds) -> list[tuple[Path, Path]]:
    """(PDF, the project it was built from) for every PDF of the bundled course and the stress fixtures."""
    pdfs = [(pdf, REPO) for pdf in sorted((bundled_build / "pdf").glob("*.pdf"))]
    for name, folder in stress_builds.items():
        pdfs += [(pdf, FIXTURES / name) for pdf in sorted(folder.glob("*.pdf"))]
    assert len(pdfs) > 20
    return pdfs


def test_no_page_is_nearly_empty_except_at_the_end_of_a_part(every_pdf):
    found = [finding for pdf, _ in every_pdf for finding in near_empty_pages(pdf)]
    assert not found, "\n".join(map(str, found))


def test_no_heading_or_lead_in_is_left_at_the_foot_of_a_page(every_pdf):
    leads = {project: lead_ins(project) for project in {project for _, project in every_pdf}}
    assert leads[FIXTURES / "stress-sensory"], "the stress fixture's lead-ins must be checked"
    found = [finding for pdf, project in every_pdf for finding in stranded_lines(pdf, leads[project])]
    assert not found, "\n".join(map(str, found))


@pytest.mark.parametrize("project", ["bundled", *STRESS])
def test_every_table_cell_is_in_every_pdf_edition(project, bundled_build, stress_builds):
    source = REPO if project == "bundled" else FIXTURES / project
    pdfs = bundled_build / "pdf" if project == "bundled" else stress_builds[project]
    cells = table_cells(source)
    checked, lost = 0, []
    for slug, found in cells.items():
        for edition in ("handbook", "large-print", "facilitator-guide"):
            wanted = found["participant"] + (found["facilitator"] if edition == "facilitator-guide" else [])
            checked += len(wanted)
            lost += [f"{slug}-{edition}.pdf: {cell!r}" for cell in lost_cells(pdfs / f"{slug}-{edition}.pdf", wanted)]
    participant = [cell for found in cells.values() for cell in found["participant"]]
    checked += len(participant)
    lost += [f"course-handbook.pdf: {cell!r}" for cell in lost_cells(pdfs / "course-handbook.pdf", participant)]
    if project != "bundled":
        assert checked, f"{project} has tables: they must be checked"
    assert not lost, f"{len(lost)} of {checked} cells lost:\n" + "\n".join(lost)


def words_past_the_margin(pdf: Path) -> list[Finding]:
    """Words that end to the right of the text area (the right page margin of print.css)."""
    css = (REPO / "themes" / "default" / "print" / "print.css").read_text(encoding="utf-8")
    rule = re.search(r"@page\s*\{[^}]*?margin:\s*([^;]+);", css)
    assert rule
    values = [float(v.removesuffix("mm")) for v in rule.group(1).split()]
    right = values[1 if len(values) > 1 else 0] * MM
    xml = subprocess.run([require_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    found = []
    for number, (width, body) in enumerate(re.findall(r'(?s)<page width="([\d.]+)"[^>]*>(.*?)</page>', xml), start=1):
        edge = float(width) - right + 1
        found += [Finding(pdf.name, number, f"{html_lib.unescape(word)!r} ends at {float(x):.0f} pt, past the margin at {edge:.0f}")
                  for x, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', body)
                  if float(x) > edge]
    return found


def test_no_word_runs_past_the_right_margin(every_pdf):
    found = [finding for pdf, _ in every_pdf for finding in words_past_the_margin(pdf)]
    assert not found, "\n".join(map(str, found[:40]))


def test_the_wide_table_reads_as_labelled_groups_in_large_print(stress_builds):
    text = " ".join(pdf_text(stress_builds["stress-sensory"] / "sensory-friendly-ward-large-print.pdf").split())
    assert "Sense: Hearing Common triggers on the ward: Alarms and buzzers" in text
    assert "Who can help: Catering team, dietitian, ward pharmacist." in text


# The measures themselves, on small examples (so a pass above means something).

def test_a_wrapped_cell_or_a_broken_address_still_counts_as_there():
    words = tokens("Ear defenders Calming a or ear-\nplugs tense kept in https://exam\nple.org/a_b moment")
    assert found_in(tokens("Ear defenders or earplugs kept in"), words)
    assert found_in(tokens("https://example.org/a_b"), words)
    assert found_in(tokens("Calming a tense moment"), words)  # beside another cell's lines
    assert not found_in(tokens("Ear defenders and earplugs"), words)
    assert not found_in(tokens("moment tense"), words)  # words out of order


def test_cells_are_read_from_rendered_markdown():
    html = str(render_markdown("| Sense | Who & why |\n|---|---|\n| Hearing | **Ward** manager |\n"))
    assert _Cells(html).cells == ["Sense", "Who & why", "Hearing", "Ward manager"]


def test_a_heading_is_bold_and_larger_than_the_body_text():
    assert is_heading(Line(0, 20, 16.2, True, "Why it matters"), 12)
    assert not is_heading(Line(0, 14, 12, True, "A bold answer"), 12)
    assert not is_heading(Line(0, 16, 13.8, False, "A lead paragraph"), 12)
