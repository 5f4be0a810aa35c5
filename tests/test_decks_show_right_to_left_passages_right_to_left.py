"""Issue 18 in the deck: a passage marked as a language written right to left (`[آپ کا خیر مقدم ہے]{lang=ur}`
inside a sentence, or `{lang=ur}` on the line before a paragraph or list) is written in runs that name
their language and complex-script font, and a paragraph wholly in it reads right to left, aligned to
the right with its bullet on the right. LibreOffice, converting the deck, shows it so: the Urdu words
read right to left with every letter drawn, the Urdu paragraph and list at the right of their box.

The XML tests are fast; the two that convert the deck with LibreOffice are in the office tier."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pptx import Presentation

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .checks_support import BODY, write
from .conftest import FIXTURES, require_tool
from .test_pptx import convert, words_outside_boxes

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

PHRASE = "آپ کا خیر مقدم ہے"  # "you are welcome"
PARAGRAPH = "آپ کا خیر مقدم ہے۔ ہم آپ کی مدد کے لیے یہاں ہیں۔"  # "You are welcome. We are here to help you."
ITEMS = ("خوش آمدید", "شکریہ")  # "welcome", "thank you"
CELL, HEADER = "خوش آمدید", "اردو"  # "welcome", "Urdu"
URDU_LETTERS = {c for text in (PHRASE, PARAGRAPH, *ITEMS) for c in text if not c.isspace()}

TEXT = f"""\
Staff say [{PHRASE}]{{lang=ur}} to everyone who arrives.

{{lang=ur}}
{PARAGRAPH}

{{lang=ur}}
- {ITEMS[0]}
- {ITEMS[1]}

| Word | [{HEADER}]{{lang=ur}} |
|---|---|
| Welcome | [{CELL}]{{lang=ur}} |
"""

# The children of a:rPr in the order DrawingML requires (ECMA-376 Part 1, CT_TextCharacterProperties).
RUN_PROPERTIES = ("ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst",
                  "effectDag", "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym",
                  "hlinkClick", "hlinkMouseOver", "rtl", "extLst")


def _build(root: Path, text: str, language: str | None = None) -> Path:
    shutil.copytree(FIXTURES / "minimal", root)
    write(root, BODY, text)
    if language:
        course = root / "course.yaml"
        course.write_text(course.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}"),
                          encoding="utf-8")
    build(Project.find(root), out=root / "out", formats=["pptx"], jobs=1)
    return root / "out" / "pptx" / "demo.pptx"


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("rtl") / "minimal", TEXT)


def _slides(deck: Path) -> dict[int, etree._Element]:
    """Each slide's XML as stored in the deck, by its number in the show."""
    prs = Presentation(str(deck))
    with zipfile.ZipFile(deck) as package:
        return {number: etree.fromstring(package.read(str(slide.part.partname).lstrip("/")))
                for number, slide in enumerate(prs.slides, start=1)}


def _number(deck: Path, words: str) -> int:
    """The number of the first slide that shows `words`, in a text box or a table."""
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
        frames += [cell.text_frame for shape in slide.shapes if shape.has_table for cell in shape.table.iter_cells()]
        if any(words in frame.text for frame in frames):
            return number
    raise AssertionError(f"no slide shows {words!r}")


def _paragraph(slide: etree._Element, text: str) -> etree._Element:
    found = [p for p in slide.iter(f"{A}p") if "".join(p.itertext()) == text]
    assert len(found) == 1, f"{len(found)} paragraphs read {text!r}"
    return found[0]


def _runs(paragraph: etree._Element) -> list[tuple[str, str, str | None]]:
    """Each run of the paragraph: its text, its language and its complex-script font (None: none named)."""
    found = []
    for run in paragraph.iter(f"{A}r"):
        properties = run.find(f"{A}rPr")
        cs = properties.find(f"{A}cs")
        found.append((run.findtext(f"{A}t"), properties.get("lang"), None if cs is None else cs.get("typeface")))
    return found


@pytest.mark.fast
def test_a_run_in_urdu_names_its_language_and_a_font_for_its_script(deck):
    slide = _slides(deck)[_number(deck, "Staff say")]
    assert _runs(_paragraph(slide, f"Staff say {PHRASE} to everyone who arrives.")) == [
        ("Staff say ", "en-GB", None), (PHRASE, "ur", "Arial"), (" to everyone who arrives.", "en-GB", None)]
    assert _runs(_paragraph(slide, PARAGRAPH)) == [(PARAGRAPH, "ur", "Arial")]
    assert [_runs(_paragraph(slide, item)) for item in ITEMS] == [[(item, "ur", "Arial")] for item in ITEMS]


@pytest.mark.fast
def test_every_run_keeps_the_order_drawingml_gives_its_properties(deck):
    checked = 0
    for slide in _slides(deck).values():
        for properties in slide.iter(f"{A}rPr"):
            names = [etree.QName(child).localname for child in properties]
            assert all(name in RUN_PROPERTIES for name in names), names
            assert names == sorted(names, key=RUN_PROPERTIES.index), names
            checked += "cs" in names
    assert checked >= 4  # the phrase, the paragraph, the two list items (and the table cell)


@pytest.mark.fast
def test_a_paragraph_wholly_in_urdu_reads_right_to_left_and_an_english_sentence_left_to_right(deck):
    slide = _slides(deck)[_number(deck, "Staff say")]
    direction = {text: (p.find(f"{A}pPr").get("rtl"), p.find(f"{A}pPr").get("algn"))
                 for text in (f"Staff say {PHRASE} to everyone who arrives.", PARAGRAPH, *ITEMS)
                 for p in [_paragraph(slide, text)]}
    assert direction == {f"Staff say {PHRASE} to everyone who arrives.": (None, "l"), PARAGRAPH: ("1", "r"),
                         ITEMS[0]: ("1", "r"), ITEMS[1]: ("1", "r")}
    assert all(_paragraph(slide, item).find(f"{A}pPr/{A}buChar") is not None for item in ITEMS)  # still bullets


@pytest.mark.fast
def test_table_cells_in_urdu_read_right_to_left_header_and_body(deck):
    slide = _slides(deck)[_number(deck, "Welcome")]
    cells = {"".join(cell.itertext()): cell.find(f"{A}txBody/{A}p") for cell in slide.iter(f"{A}tc")}
    assert {text: _runs(cells[text]) for text in (HEADER, CELL, "Word", "Welcome")} == {
        HEADER: [(HEADER, "ur", "Arial")], CELL: [(CELL, "ur", "Arial")],
        "Word": [("Word", "en-GB", None)], "Welcome": [("Welcome", "en-GB", None)]}
    direction = {text: (cells[text].find(f"{A}pPr").get("rtl"), cells[text].find(f"{A}pPr").get("algn"))
                 for text in (HEADER, CELL, "Word", "Welcome")}
    assert direction == {HEADER: ("1", "r"), CELL: ("1", "r"), "Word": (None, "l"), "Welcome": (None, "l")}
    assert cells[HEADER].find(f"{A}r/{A}rPr").get("b") == "1"  # still the header's bold


@pytest.mark.fast
def test_slides_without_right_to_left_text_name_no_complex_script_font_and_no_direction(deck):
    urdu = {_number(deck, "Staff say"), _number(deck, "Welcome")}
    for number, slide in _slides(deck).items():
        if number not in urdu:
            xml = etree.tostring(slide, encoding="unicode")
            assert "<a:cs " not in xml and "rtl=" not in xml, f"slide {number}"


@pytest.mark.fast
def test_in_a_course_written_in_urdu_titles_and_paragraphs_read_right_to_left_and_english_left_to_right(
        tmp_path):
    deck = _build(tmp_path / "urdu", f"{PARAGRAPH}\n\nہم [NHS]{{lang=en}} میں ہیں۔\n\n{{lang=en}}\nStaff say hello.\n",
                  language="ur")
    slide = _slides(deck)[_number(deck, "Staff say hello.")]
    title = _paragraph(slide, "First steps")  # the section's title, English words in an Urdu course
    assert (title.find(f"{A}pPr").get("rtl"), _runs(title)[0][1:]) == ("1", ("ur", "Arial"))
    mixed = _paragraph(slide, "ہم NHS میں ہیں۔")
    assert mixed.find(f"{A}pPr").get("rtl") == "1"  # the course's direction, with an English word in it
    assert _runs(mixed) == [("ہم ", "ur", "Arial"), ("NHS", "en", None), (" میں ہیں۔", "ur", "Arial")]
    english = _paragraph(slide, "Staff say hello.")
    assert english.find(f"{A}pPr").get("rtl") is None and _runs(english) == [("Staff say hello.", "en", None)]


# --- LibreOffice ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(deck, tmp_path_factory) -> Path:
    """The deck converted to PDF by LibreOffice: one page a slide."""
    out = tmp_path_factory.mktemp("rtl-pdf")
    convert([deck], out, out)
    return out / "demo.pdf"


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """The words poppler finds on the page: each as drawn, so an Urdu word's letters come left to right."""
    html = subprocess.run([require_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def _lines(words) -> list[list[tuple[float, float, float, float, str]]]:
    """The words in printed lines (a bullet with its text), top to bottom, each line left to right."""
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for word in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
        if lines and abs((word[1] + word[3]) / 2 - (lines[-1][0][1] + lines[-1][0][3]) / 2) < 6:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line) for line in lines]


def _line(words, text: str) -> list[tuple[float, float, float, float, str]]:
    """The printed line with the word `text`."""
    found = [line for line in _lines(words) if text in [w[4] for w in line]]
    assert found, f"no line has {text!r}: {[w[4] for w in words]}"
    return found[0]


def _read(drawn: list[str]) -> str:
    """Urdu words as poppler gives them, each as drawn left to right, back in the order they are read,
    without spaces: poppler also cuts a word after a letter that does not join the next (ر in شکریہ)."""
    return "".join(drawn)[::-1]


def _text_box(deck: Path, number: int, words: str) -> tuple[float, float]:
    """The left and right edges, in points, inside the insets of the slide's text box that shows `words`."""
    slide = Presentation(str(deck)).slides[number - 1]
    shape = next(s for s in slide.shapes if s.has_text_frame and words in s.text_frame.text)
    frame = shape.text_frame
    return (shape.left + frame.margin_left) / 12700, (shape.left + shape.width - frame.margin_right) / 12700


@pytest.mark.office
def test_libreoffice_sets_the_urdu_paragraph_and_list_at_the_right_with_bullets_on_the_right(deck, converted):
    number = _number(deck, "Staff say")
    left, right = _text_box(deck, number, "Staff say")
    lines = _lines(_words(converted, number))
    sentence = next(n for n, line in enumerate(lines) if "Staff" in [w[4] for w in line])
    assert abs(lines[sentence][0][0] - left) < 2  # the English sentence starts at the left
    paragraph, *items = lines[sentence + 1:sentence + 4]  # found by place: its letters are checked below
    for line in (paragraph, *items):
        assert abs(line[-1][2] - right) < 6, line  # each Urdu line ends at the right of the box (a glyph's bearing)
        assert line[0][0] - left > 200, line  # and leaves the left empty
    for line in items:
        *text, bullet = line
        assert bullet[4] == "•" and text and all(bullet[0] > w[2] for w in text), line  # the bullet on the right
    assert "•" not in [w[4] for w in paragraph]
    assert words_outside_boxes(deck, converted) == []  # measured for DejaVu Sans, drawn in another font


def _no_font_has(letters: set[str]) -> bool:
    """Whether fontconfig knows no font with all of `letters` (False when fc-list is not there to ask)."""
    charset = " ".join(f"{ord(letter):x}" for letter in sorted(letters))
    try:
        found = subprocess.run(["fc-list", f":charset={charset}", "family"], capture_output=True, text=True)
    except FileNotFoundError:
        return False
    return not found.stdout.strip()


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    """The font's ToUnicode map: each character code and the text it stands for."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    mapped: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapped[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            for n in range(int(high, 16) - int(low, 16) + 1):
                mapped[int(low, 16) + n] = chr(int(start, 16) + n)
    return mapped


def _letters_drawn(pdf: Path, page: int) -> tuple[dict[str, set[str]], set[str]]:
    """The characters the page draws with a glyph of their own, by font, and those it draws with a
    font's missing-glyph box (.notdef, or a copy of it: what LibreOffice draws when no font has one).
    From each font's ToUnicode map, which lists the glyphs of it the document uses."""
    drawn: dict[str, set[str]] = {}
    boxed: set[str] = set()
    with pikepdf.open(pdf) as document:
        sheet = document.pages[page - 1]
        used = {str(operands[0]) for operands, _ in pikepdf.parse_content_stream(sheet, "Tf")}
        for key, font in sheet.Resources.Font.items():  # LibreOffice gives every page all the fonts
            if key not in used:
                continue
            assert font.Subtype == "/TrueType" and "/FontFile2" in font.FontDescriptor, (
                f"{font.get('/BaseFont')}: {font.Subtype}, a kind of font this test does not read")
            program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
            glyphs = program["glyf"]
            codes = {code & 0xFF: name for table in program["cmap"].tables for code, name in table.cmap.items()}

            def outline(name: str):
                glyph = glyphs[name]
                return glyph.getCoordinates(glyphs)[:2] if glyph.numberOfContours else None

            box = outline(".notdef")
            for code, text in _to_unicode(font).items():
                name = codes.get(code, ".notdef")
                (boxed if name == ".notdef" or outline(name) == box
                 else drawn.setdefault(str(font.BaseFont).split("+")[-1], set())).update(text)
    return drawn, boxed


@pytest.mark.office
def test_libreoffice_draws_every_urdu_letter_and_the_words_read_right_to_left(deck, converted):
    if _no_font_has(URDU_LETTERS):  # DejaVu Sans lacks U+06C1 heh goal, U+06D2 yeh barree, U+06D4 full stop
        require_tool("a font with every Urdu letter (fonts-sil-scheherazade)")
    number = _number(deck, "Staff say")
    drawn, boxed = _letters_drawn(converted, number)
    assert URDU_LETTERS - set().union(*drawn.values()) == set() and URDU_LETTERS & boxed == set()
    # All from one font, the one LibreOffice finds for Urdu: letters of one word from two fonts do not join.
    assert len([font for font, letters in drawn.items() if letters & URDU_LETTERS]) == 1, drawn
    words = _words(converted, number)
    # Inside the English sentence the phrase is ordered right to left: its first word is the rightmost.
    sentence = [w[4] for w in _line(words, "Staff")]
    assert _read(sentence[sentence.index("say") + 1:sentence.index("to")]) == PHRASE.replace(" ", "")
    # The paragraph and the list items, each whole and right to left.
    lines = [[w[4] for w in line if w[4] != "•"] for line in _lines(words)]
    for passage in (PARAGRAPH, *ITEMS):
        assert passage.replace(" ", "") in [_read(line) for line in lines], passage
    # Text extraction gives them back in the order they are read (spaces aside, as above).
    text = subprocess.run([require_tool("pdftotext"), "-f", str(number), "-l", str(number), str(converted), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", text)  # and poppler's direction marks
    assert all(passage.replace(" ", "") in text for passage in (PHRASE, PARAGRAPH, *ITEMS))
