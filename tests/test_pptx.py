"""PowerPoint decks: reopened with python-pptx and checked slide by slide, and converted by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from coursebuilder.model import BLOCK_TYPES
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import get as get_renderer
from coursebuilder.render import pptx_fit as fit
from coursebuilder.render import pptx_layouts as L
from coursebuilder.render.pptx_blocks import BLOCKS
from coursebuilder.render.pptx_style import contrast
from coursebuilder.render.pptx_template import build_template, default_tokens
from coursebuilder.render.pptx_text import Chunk, Para, Span, Table, cell_text, chunks, key_points

from .conftest import FIXTURES, REPO, require_tool

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


# --- reading a deck back ------------------------------------------------------------------


def paragraph_text(paragraph) -> str:
    p_pr = paragraph._p.pPr
    marker = ""
    if p_pr is not None:
        char, number = p_pr.find(f"{A}buChar"), p_pr.find(f"{A}buAutoNum")
        if char is not None:
            marker = char.get("char") + " "
        elif number is not None:
            start = int(number.get("startAt", "1"))
            marker = (f"{start}. " if number.get("type") == "arabicPeriod" else f"{chr(64 + start)}. ")
    text = ""
    for run in paragraph.runs:
        words = run.text.strip()
        piece = run.text.replace(words, f"**{words}**") if run.font.bold and words else run.text
        if run.hyperlink.address:
            piece = f"[{piece}]({run.hyperlink.address})"
        text += piece
    return marker + text


def shape_label(slide, shape) -> str:
    if shape.is_placeholder:
        layout_shape = slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
        if layout_shape is not None:
            return layout_shape.name
    return shape.name


def dump_deck(path: Path) -> str:
    """A readable dump: per slide its layout, title, text by placeholder (with size), pictures and notes."""
    prs = Presentation(str(path))
    lines = [f"slide size: {Emu(prs.slide_width).inches:.3f} x {Emu(prs.slide_height).inches:.3f} in"]
    for number, slide in enumerate(prs.slides, start=1):
        lines += ["", f"slide {number}: [{slide.slide_layout.name}] {slide.shapes.title.text}"]
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            if shape.shape_type is not None and shape.shape_type == 13:  # picture
                descr = shape._element.nvPicPr.cNvPr.get("descr")
                lines.append(f"  picture {shape.name}: {descr or '(decorative)'}")
            elif shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                continue
            elif shape.has_text_frame:
                sizes = sorted({run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs})
                lines.append(f"  {shape_label(slide, shape)} ({', '.join(f'{s:g}' for s in sizes)} pt):")
                lines += [f"    {paragraph_text(p)}" for p in shape.text_frame.paragraphs]
        lines.append("  notes:")
        lines += [f"    {paragraph_text(p)}" for p in slide.notes_slide.notes_text_frame.paragraphs]
    return "\n".join(lines) + "\n"


def text_runs(slide):
    """(shape, size in pt, colour) of every run and field that shows text on the slide."""
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        for element in shape._element.iter(f"{A}r", f"{A}fld"):
            text = element.find(f"{A}t")
            if text is None or not (text.text or "").strip():
                continue
            r_pr = element.find(f"{A}rPr")
            size = int(r_pr.get("sz")) / 100 if r_pr is not None and r_pr.get("sz") else None
            fill = r_pr.find(f"{A}solidFill/{A}srgbClr") if r_pr is not None else None
            yield shape, size, "#" + fill.get("val") if fill is not None else None


def table_runs(slide):
    """(cell, size in pt, colour, cell fill) of every run in the slide's tables."""
    for shape in slide.shapes:
        if not shape.has_table:
            continue
        for row in shape.table.rows:
            for cell in row.cells:
                fill = cell._tc.find(f"{A}tcPr/{A}solidFill/{A}srgbClr")
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip():
                            colour = run._r.find(f"{A}rPr/{A}solidFill/{A}srgbClr")
                            yield (cell, run.font.size.pt if run.font.size else None,
                                   "#" + colour.get("val") if colour is not None else None,
                                   "#" + fill.get("val") if fill is not None else slide_background(slide))


def slide_background(slide) -> str:
    colour = slide._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill/{A}srgbClr")
    assert colour is not None, "every slide sets its background colour"
    return "#" + colour.get("val")


def shape_background(slide, shape) -> str:
    fill = shape._element.find(f"{P}spPr/{A}solidFill/{A}srgbClr")
    return "#" + fill.get("val") if fill is not None else slide_background(slide)


def check_deck(path: Path) -> Presentation:
    """The accessibility and layout rules every deck keeps."""
    prs = Presentation(str(path))
    assert (prs.slide_width, prs.slide_height) == (L.SLIDE_WIDTH, L.SLIDE_HEIGHT), "16:9"
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1]
    assert prs.slides[1].shapes.title.text.startswith("Before we start"), "the content note is the second slide"
    for number, slide in enumerate(prs.slides, start=1):
        where = f"{path.name} slide {number} ({titles[number - 1]})"
        assert titles[number - 1].strip(), where
        first = slide.shapes._spTree.find(f"{P}sp")
        assert first is not None and first.find(f".//{P}ph") is not None and \
            first.find(f".//{P}ph").get("type") in ("title", "ctrTitle"), f"{where}: the title is read first"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"{where}: speaker notes"
        numbers = [s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert [s.text_frame.text for s in numbers] == [str(number)], f"{where}: slide number"
        for shape, size, colour in text_runs(slide):
            floor = 28 if shape == slide.shapes.title else 18
            assert size is not None and size >= floor, f"{where}: {shape.name} has text at {size} pt"
            background = shape_background(slide, shape)
            assert colour and contrast(colour, background) >= 4.5, \
                f"{where}: {colour} on {background} is {contrast(colour, background):.2f}:1"
        for _, size, colour, background in table_runs(slide):
            assert size is not None and size >= 18, f"{where}: table text at {size} pt"
            assert colour and contrast(colour, background) >= 4.5, f"{where}: table text {colour} on {background}"
        for picture in slide.shapes:
            if picture.shape_type == 13:
                c_nv_pr = picture._element.nvPicPr.cNvPr
                assert c_nv_pr.get("descr") or c_nv_pr.find(f".//{DECORATIVE}") is not None, \
                    f"{where}: picture without alt text"
        for rel in slide.part.rels.values():
            if rel.is_external:
                assert re.match(r"^(https?|mailto):", rel.target_ref), f"{where}: link {rel.target_ref}"
        xml = slide.part.blob.decode()
        assert "<script" not in xml and "&lt;script" not in xml, where
    return prs


def pdf_page_count(pdf: Path) -> int:
    out = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])


def convert(decks: list[Path], out: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, decks)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr


def words_outside_boxes(deck: Path, pdf: Path) -> list[str]:
    """Words LibreOffice drew outside every text box of their slide: text that ran out of its box."""
    html = subprocess.run([require_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = html.split("<page ")[1:]
    prs = Presentation(str(deck))
    found = []
    for number, (slide, page) in enumerate(zip(prs.slides, pages), start=1):
        boxes = [(s.left / 12700, s.top / 12700, (s.left + s.width) / 12700, (s.top + s.height) / 12700)
                 for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip() or s.has_table]
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if not any(bx0 - 3 <= x0 and x1 <= bx1 + 3 and by0 - 3 <= y0 and y1 <= by1 + 3
                       for bx0, by0, bx1, by1 in boxes):
                found.append(f"slide {number}: {word!r} at ({x0:.0f}, {y0:.0f})-({x1:.0f}, {y1:.0f})")
    return found


# --- the bundled module --------------------------------------------------------------------


def bundled_modules() -> list[str]:
    from coursebuilder.load import load_course

    return [m.slug for m in load_course(Project.find(REPO)).course.modules]


def test_every_bundled_module_has_a_deck_with_a_fixed_name(bundled_build):
    folder = bundled_build / "pptx"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{slug}.pptx" for slug in bundled_modules())


def test_bundled_deck_matches_golden_dump(bundled_build, golden):
    golden("pptx-space-to-think.txt", dump_deck(bundled_build / "pptx" / "space-to-think.pptx"))


def test_bundled_decks_keep_every_rule(bundled_build):
    for deck in sorted((bundled_build / "pptx").glob("*.pptx")):
        check_deck(deck)
    prs = Presentation(str(bundled_build / "pptx" / "space-to-think.pptx"))
    layouts = [slide.slide_layout.name for slide in prs.slides]
    for name in (L.TITLE_SLIDE, L.SECTION, L.BULLETS, L.ACTIVITY, L.QUOTE, L.KEY_POINT, L.PICTURE_SLIDE, L.CLOSING):
        assert name in layouts, f"no slide uses the {name} layout"
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles[0] == "A Space to Think: reflective practice on the ward"
    assert any(t.endswith("(continued)") or "(continued," in t for t in titles), "long content continues"
    question = titles.index("Check what you have learned: question 1 of 5")
    assert titles[question + 1] == "Check what you have learned: answer 1 of 5"
    assert titles[-1].startswith("References")
    notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    assert all(n.startswith("Timing:") for n in notes), "every slide's notes start with its timing"
    section = titles.index("Section 1: Why a space to think?")
    following = titles.index("Section 2: Supervision and its three functions")
    assert "If someone becomes distressed" in "\n".join(notes[section:following]), "facilitator notes"
    body = " ".join(shape.text_frame.text for shape in prs.slides[section + 1].shapes if shape.has_text_frame)
    assert "An acute ward is where adults come" in body, "the section's own words are on its slides"


def test_bundled_deck_converts_with_libreoffice_and_nothing_overflows(bundled_build, tmp_path):
    decks = sorted((bundled_build / "pptx").glob("*.pptx"))
    convert(decks, tmp_path / "pdf", tmp_path)
    for deck in decks:
        pdf = tmp_path / "pdf" / f"{deck.stem}.pdf"
        assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides), deck.name
        assert words_outside_boxes(deck, pdf) == []


# --- small projects ------------------------------------------------------------------------


def build_pptx(root: Path, **kwargs) -> Path:
    out = root / "build"
    build(Project.find(root), formats=["pptx"], out=out, **kwargs)
    return out / "pptx"


LONG_SECTION = """\
Text before any heading stays on a slide named after the section.

## A very long heading that goes on and on so that it cannot possibly fit on one line of a slide title

{paragraph}

## Many points

{bullets}

## Links and code

Read [the guidance](https://example.org/guidance), write to [us](mailto:team@example.org), and ignore
[this](javascript:alert(1)). Type `coursebuilder build` to build.

<div>raw HTML <script>alert(1)</script></div>
"""


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pptx-long") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    sentence = "Staff who have time to think together notice more and recover faster after a hard shift. "
    bullets = "\n".join(f"- Point number {n}: {sentence * (1 + n % 3)}" for n in range(1, 15))
    (root / "modules" / "demo" / "02-second.md").write_text(
        LONG_SECTION.format(paragraph=sentence * 40, bullets=bullets), encoding="utf-8")
    return build_pptx(root) / "demo.pptx"


def test_long_content_splits_onto_continuation_slides(long_deck):
    prs = check_deck(long_deck)
    titles = [slide.shapes.title.text for slide in prs.slides]
    many = [t for t in titles if t.startswith("Many points")]
    assert len(many) >= 3 and many[1] == f"Many points (continued, 2 of {len(many)})"
    for slide in prs.slides:
        body = [s for s in slide.placeholders if s.placeholder_format.idx == L.BODY]
        if body and slide.slide_layout.name == L.BULLETS:
            points = [p for p in body[0].text_frame.paragraphs if p._p.pPr.find(f"{A}buNone") is None]
            assert len(points) <= fit.MAX_PARAS
    long_title = next(slide.shapes.title.text for slide in prs.slides if slide.shapes.title.text.startswith("A very"))
    assert long_title.startswith("A very long heading")
    text = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Point number 14: " + "Staff who have time" in text, "every point is on a slide, whole"


def test_links_are_kept_only_when_safe_and_html_never_reaches_a_deck(long_deck):
    prs = Presentation(str(long_deck))
    targets = {rel.target_ref for slide in prs.slides for rel in slide.part.rels.values() if rel.is_external}
    assert {"https://example.org/guidance", "mailto:team@example.org"} <= targets
    assert not any("javascript" in t for t in targets)
    text = "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert "<script" not in text and "<div>" not in text and "raw HTML" not in text
    assert "coursebuilder build" in text


def test_long_deck_converts_and_nothing_overflows(long_deck, tmp_path):
    convert([long_deck], tmp_path, tmp_path)
    pdf = tmp_path / "demo.pdf"
    assert pdf_page_count(pdf) == len(Presentation(str(long_deck)).slides)
    assert words_outside_boxes(long_deck, pdf) == []


def test_a_theme_gives_its_colours_fonts_and_logo(make_project):
    root = make_project("minimal")
    shutil.copytree(FIXTURES / "pptx-theme", root / "themes" / "pptx-theme")
    deck = build_pptx(root, theme="pptx-theme") / "demo.pptx"
    prs = check_deck(deck)  # includes contrast: the pale primary colour must not be used for text on white
    first, last = prs.slides[0], prs.slides[len(prs.slides) - 2]
    logos = [s for s in (*first.shapes, *last.shapes) if s.shape_type == 13 and s.name == "Logo"]
    assert len(logos) == 2 and all(s._element.nvPicPr.cNvPr.get("descr") for s in logos)
    assert slide_background(prs.slides[2]) == "#FFFFFF"
    section = next(s for s in prs.slides if s.slide_layout.name == L.SECTION)
    assert slide_background(section) == "#7FB2E5"
    fonts = {r.font.name for s in prs.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs}
    assert {"Tahoma", "Georgia"} <= fonts


def test_the_default_theme_has_no_logo_on_its_slides(long_deck):
    prs = Presentation(str(long_deck))
    assert not [s for slide in prs.slides for s in slide.shapes if s.name == "Logo"]


def test_a_decorative_picture_gets_no_slide_unless_it_has_a_caption_and_is_then_marked_decorative(make_project):
    root = make_project("minimal")
    module = root / "modules" / "demo" / "module.yaml"
    original = module.read_text(encoding="utf-8")
    module.write_text(original.replace("{type: image, src: images/dot.png, alt: A small teal square}",
                                       "{type: image, src: images/dot.png, decorative: true}"), encoding="utf-8")
    prs = check_deck(build_pptx(root) / "demo.pptx")
    assert not [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == 13 and s._element.nvPicPr.cNvPr.find(f".//{DECORATIVE}") is not None]
    module.write_text(original.replace(
        "{type: image, src: images/dot.png, alt: A small teal square}",
        "{type: image, src: images/dot.png, decorative: true, caption: The ward garden in spring}"), encoding="utf-8")
    prs = check_deck(build_pptx(root) / "demo.pptx")
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    decorative = [p for p in pictures if p._element.nvPicPr.cNvPr.find(f".//{DECORATIVE}") is not None]
    assert len(decorative) == 1 and decorative[0]._element.nvPicPr.cNvPr.get("descr") == ""


def test_webp_pictures_are_converted_and_svg_pictures_described(make_project):
    from PIL import Image

    root = make_project("minimal")
    images = root / "modules" / "demo" / "images"
    Image.open(images / "dot.png").save(images / "dot.webp")
    (images / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                      encoding="utf-8")
    module = root / "modules" / "demo" / "module.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "{type: image, src: images/dot.png, alt: A small teal square}",
        "{type: image, src: images/dot.webp, alt: A small teal square}\n"
        "      - {type: image, src: images/chart.svg, alt: A chart of three bars}"), encoding="utf-8")
    prs = check_deck(build_pptx(root) / "demo.pptx")
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13 and s.name == "Picture"]
    assert any(p.image.content_type == "image/png" and p.image.size == Image.open(images / "dot.png").size
               for p in pictures)
    described = [slide for slide in prs.slides for s in slide.shapes
                 if s.has_text_frame and s.text_frame.text == "A chart of three bars"]
    assert len(described) == 1
    assert "save it as PNG" in described[0].notes_slide.notes_text_frame.text


def test_a_theme_template_that_is_not_a_deck_is_a_located_error(make_project, run):
    root = make_project("minimal")
    theme = root / "themes" / "own"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: Own\npptx:\n  template: deck.pptx\n", encoding="utf-8")
    (theme / "deck.pptx").write_text("not a deck", encoding="utf-8")
    result = run(root, "build", "--format", "pptx", "--theme", "own", "--out", str(root / "out"))
    assert result.exit_code == 1, result.output
    assert "themes/own/theme.yaml:3:13:" in result.output and "not a PowerPoint file" in result.output
    assert not (root / "out" / "pptx").exists()


def test_a_theme_template_without_the_layouts_is_a_located_error(make_project, run):
    root = make_project("minimal")
    theme = root / "themes" / "own"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: Own\npptx:\n  template: deck.pptx\n", encoding="utf-8")
    Presentation().save(str(theme / "deck.pptx"))  # python-pptx's own 4:3 template: other layout names
    result = run(root, "build", "--format", "pptx", "--theme", "own", "--out", str(root / "out"))
    assert result.exit_code == 1, result.output
    assert 'has no layout called "Title slide"' in result.output and "hint:" in result.output


def test_a_theme_may_name_its_own_template(make_project):
    root = make_project("minimal")
    theme = root / "themes" / "own"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: Own\npptx:\n  template: mine.pptx\n", encoding="utf-8")
    template = build_template(default_tokens())
    template.slide_layouts.get_by_name(L.BULLETS).placeholders.get(idx=L.BODY).name = "My body"
    template.save(str(theme / "mine.pptx"))
    prs = check_deck(build_pptx(root, theme="own") / "demo.pptx")
    assert prs.slides[2].slide_layout.placeholders.get(idx=L.BODY).name == "My body"


# --- the template and the parts ------------------------------------------------------------


def layout_summary(prs) -> list[tuple]:
    return [(layout.name, [(ph.placeholder_format.idx, ph.name, str(ph.placeholder_format.type),
                            ph.left, ph.top, ph.width, ph.height) for ph in layout.placeholders])
            for layout in prs.slide_layouts]


def test_committed_template_is_what_the_script_draws():
    committed = Presentation(str(REPO / "themes" / "default" / "deck.pptx"))
    assert layout_summary(committed) == layout_summary(build_template(default_tokens()))
    assert [layout.name for layout in committed.slide_layouts] == [spec.name for spec in L.LAYOUTS]
    assert (committed.slide_width, committed.slide_height) == (L.SLIDE_WIDTH, L.SLIDE_HEIGHT)
    assert len(committed.slides) == 0


def test_renderer_owns_exactly_its_deck():
    renderer = get_renderer("pptx")
    assert renderer.owns("demo", "demo.pptx")
    assert not renderer.owns("demo", "demo-2.pptx") and not renderer.owns("demo", "other.pptx")


def test_every_block_type_has_slides():
    assert set(BLOCKS) == set(BLOCK_TYPES)


def test_widths_come_from_real_font_metrics():
    assert fit._font(False, False) is not None, "DejaVu Sans is installed with LibreOffice's fonts"
    assert fit.text_width("WWWW", 20) > 2 * fit.text_width("iiii", 20)
    assert fit.text_width("word", 20, bold=True) > fit.text_width("word", 20)
    assert fit.text_width("word", 40) == pytest.approx(2 * fit.text_width("word", 20))


def test_key_points_keep_every_word_and_the_authors_line_breaks():
    (chunk,) = chunks("## Heading\n\nFirst sentence here. Second one. Third.\n\nAnother paragraph. More.\n\n"
                      "Some lead-in:\n\n- **Bold** item. With more.\n\nA card reads:\\\nLine one.\\\nLine two.\n")
    points = key_points(chunk.paras)
    assert chunk.heading == "Heading"
    assert [p.text for p in points] == ["First sentence here. Second one. Third.", "Another paragraph. More.",
                                        "Some lead-in:", "Bold item. With more.", "A card reads:", "Line one.",
                                        "Line two."]
    assert points[0].bullet is None and points[3].bullet == "•", "paragraphs stay paragraphs, items keep bullets"
    assert points[2].keep_with_next and points[4].keep_with_next and points[5].keep_with_next
    assert points[3].spans[0] == Span("Bold", bold=True)


def test_a_table_stays_a_table_and_a_long_list_of_short_items_one_line():
    (table,) = chunks("## Rs\n\n| R | Meaning |\n|---|---|\n| Realise | Trauma is **common**. |\n| Respond | Act. |\n")
    (grid,) = [piece for piece in table.pieces if isinstance(piece, Table)]
    assert [cell_text(c) for c in grid.header] == ["R", "Meaning"]
    assert [[cell_text(c) for c in row] for row in grid.rows] == [["Realise", "Trauma is common."], ["Respond", "Act."]]
    assert [p.text for p in table.paras] == ["R: Realise — Meaning: Trauma is common.", "R: Respond — Meaning: Act."]
    (short,) = chunks("Standards:\n\n" + "".join(f"- item {n}\n" for n in range(1, 13)))
    assert [p.text for p in key_points(short.paras)] == ["Standards:", ", ".join(f"item {n}" for n in range(1, 13))]
    (kept,) = chunks("".join(f"- item {n}\n" for n in range(1, 6)))
    assert len(key_points(kept.paras)) == 5, "a list that fits a slide keeps its bullets"


def test_paginate_splits_a_paragraph_taller_than_a_slide():
    box = fit.TextBox(400, 200)
    long = Para([Span("word " * 400)], "•", "source")
    pages = fit.paginate([long], 20, box)
    assert len(pages) > 1
    assert all(fit.fits(page, 20, box) for page in pages)
    assert pages[0][0].bullet == "•" and pages[1][0].bullet is None and pages[1][0].continues
    assert sum(len(p.text.split()) for page in pages for p in page) == 400


def test_paginate_keeps_a_lead_in_with_what_it_leads():
    box = fit.TextBox(800, 300)
    paras = [Para([Span(f"Point {n}")]) for n in range(5)] + [Para([Span("Lead-in:")], None, keep_with_next=True)]
    paras += [Para([Span(f"Item {n}")]) for n in range(3)]
    pages = fit.paginate(paras, 20, box)
    for page in pages:
        assert not page[-1].keep_with_next
    assert all(fit.fits(page, 20, box) for page in pages)


def test_empty_chunks_are_dropped():
    assert chunks("") == [] and isinstance(chunks("Text.")[0], Chunk)
