"""A quote, a picture and a key point can each have a `title`, and a quote or key point a `lang`: the
e-learning page names the block by its title and marks its words' language (and Chromium's accessibility
tree says so), the handbooks print the title over the block and carry the language into the PDF's text,
the deck titles the block's slide with it and writes the words as runs of that language; the English
checks leave the words alone, and a language written as a name is a located error with the code."""

from __future__ import annotations

import shutil
import subprocess

import lxml.html
import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .checks_support import MODULE, edit, findings
from .conftest import FIXTURES, require_tool

WELSH = ("Mae croeso cynnes i bawb sy'n dod i'r ward, ac rydyn ni'n gobeithio y byddwch chi'n teimlo'n ddiogel, "
         "yn cael eich clywed ac yn cael eich parchu bob dydd tra byddwch chi yma gyda ni ar y ward.")


def _titled(root) -> None:
    edit(root, MODULE, "- {type: key_point, text: Remember this.}",
         f'- {{type: key_point, title: "Croeso, not just welcome", text: "{WELSH}", lang: cy}}')
    edit(root, MODULE, "- {type: quote, text: It helped to be heard.,",
         "- {type: quote, title: Being heard, lang: en-GB, text: It helped to be heard.,")
    edit(root, MODULE, "- {type: image, src: images/dot.png, alt: A small teal square}",
         "- {type: image, title: The teal square, src: images/dot.png, alt: A small teal square, "
         "caption: Drawn for the course.}")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("titled") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    _titled(root)
    build(Project.find(root), out=root / "out", formats=["html", "pdf", "pptx"], jobs=1)
    return root


def _page(project):
    return next((project / "out" / "html").rglob("01-*.html"))


def test_the_page_names_each_titled_block_by_its_title_and_marks_the_welsh(project):
    tree = lxml.html.parse(str(_page(project))).getroot()
    [key] = tree.xpath("//aside[contains(@class, 'key-point')]")
    heading = tree.get_element_by_id(key.get("aria-labelledby"))
    assert " ".join(heading.text_content().split()) == "Key point Croeso, not just welcome"
    assert heading.xpath("span[@lang='cy']")[0].text == "Croeso, not just welcome"
    assert key.xpath("div[@lang='cy']")[0].text_content().strip() == WELSH
    [quote] = tree.xpath("//figure[contains(@class, 'quote')]")
    assert tree.get_element_by_id(quote.get("aria-labelledby")).text_content() == "Being heard"
    assert quote.xpath("blockquote/@lang") == ["en-GB"]
    [image] = tree.xpath("//figure[contains(@class, 'image')]")
    assert tree.get_element_by_id(image.get("aria-labelledby")).text_content() == "The teal square"
    assert image.xpath("figcaption")[0].text_content().strip() == "Drawn for the course."


def test_chromium_names_the_figures_by_their_titles(project, browser):
    page = browser.new_page()
    try:
        page.goto(_page(project).as_uri())
        nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    finally:
        page.close()
    figures = [n.get("name", {}).get("value") for n in nodes if n.get("role", {}).get("value") == "figure"]
    assert figures == ["Being heard", "The teal square"]
    assert "Key point Croeso, not just welcome" in [n.get("name", {}).get("value") for n in nodes
                                                    if n.get("role", {}).get("value") == "complementary"]


def test_every_handbook_prints_the_titles_over_their_blocks(project):
    pdftotext = require_tool("pdftotext")
    for pdf in sorted((project / "out" / "pdf").rglob("demo*.pdf")):
        text = " ".join(subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for before, after in (("Key point Croeso, not just welcome", "Mae croeso cynnes"),
                              ("Being heard", "It helped to be heard"),
                              ("The teal square", "Drawn for the course.")):
            assert before in text and text.index(before) < text.index(after), (pdf.name, before)


def test_every_handbook_tags_the_welsh_key_point_as_welsh_and_nothing_round_it(project):
    import pikepdf

    from .pdf_support import elements_with_text, words

    for pdf_file in sorted((project / "out" / "pdf").glob("*.pdf")):
        with pikepdf.open(pdf_file) as pdf:
            found = elements_with_text(pdf)
        marked = {(str(e.S), words(t)): str(e.Lang) for e, t, _ in found if "/Lang" in e}
        assert marked[("/Span", "Croeso, not just welcome")] == "cy", pdf_file.name
        assert [lang for (tag, text), lang in marked.items() if text.startswith("Mae croeso cynnes")] == ["cy"]
        assert marked[("/BlockQuote", "“It helped to be heard.”")] == "en-GB"
        assert set(marked.values()) == {"cy", "en-GB"}  # "Key point", the credit and the rest: the page's


def test_the_deck_titles_the_slides_and_writes_the_welsh_as_welsh(project):
    from pptx import Presentation

    deck = Presentation(str(project / "out" / "pptx" / "demo.pptx"))
    titles = {slide.shapes.title.text_frame.text: slide for slide in deck.slides if slide.shapes.title is not None}
    assert {"Key point: Croeso, not just welcome", "Being heard", "The teal square"} <= set(titles)
    runs = [r for shape in titles["Key point: Croeso, not just welcome"].shapes if shape.has_text_frame
            and shape != titles["Key point: Croeso, not just welcome"].shapes.title
            for p in shape.text_frame.paragraphs for r in p.runs]
    assert "".join(r.text for r in runs).strip() == WELSH
    assert {r._r.rPr.get("lang") for r in runs} == {"cy"}


def test_the_english_checks_leave_a_welsh_block_alone(make_project):
    root = make_project("minimal")
    edit(root, MODULE, "- {type: key_point, text: Remember this.}", f'- {{type: key_point, text: "{WELSH}", lang: cy}}')
    assert findings(root, "long-sentence") == []
    edit(root, MODULE, ", lang: cy}", "}")
    assert len(findings(root, "long-sentence")) == 1


def test_a_language_name_instead_of_a_code_is_a_located_error_with_the_code(make_project):
    root = make_project("minimal")
    edit(root, MODULE, "- {type: key_point, text: Remember this.}", "- {type: key_point, text: Croeso., lang: Welsh}")
    [found] = [d for d in findings(root) if d.severity == "error"]
    assert (found.file, found.line) == (MODULE, 33) and found.column > 1
    assert found.message.endswith('"Welsh" is not a language code') and found.hint == "write lang: cy"
