"""Where our words end a sentence with the author's text ("This module is for: Ward staff."), the full
stop is added only when the text does not already end one: never "Ward staff..", "Why?." or
'"enough!".'. One helper does it (coursebuilder/render/templating.py: the `sentence` and `full_stop`
filters, and `sentence()` for the deck)."""

from __future__ import annotations

import re

import pytest

from coursebuilder.render.templating import full_stop, sentence

pytestmark = pytest.mark.slow  # builds the e-learning, the handbooks and the deck of a small module

ENDED = ["Ward staff.", "Who is it for?", "Everyone!", 'Staff who say "enough!"', "Staff who say “enough.”",
         "Bank staff (and agency staff.)", "Smith J.", "and so on…", "Ward staff.  "]
NOT_ENDED = ["Ward staff", 'Staff who say "frequent flyer"', "CC BY 4.0", "Smith J", "e.g", "Ward staff:"]


@pytest.mark.parametrize("text", ENDED)
def test_text_that_ends_a_sentence_gets_no_second_stop(text):
    assert full_stop(text) == ""
    assert sentence(text) == text.rstrip()


@pytest.mark.parametrize("text", NOT_ENDED)
def test_text_that_does_not_end_a_sentence_gets_one(text):
    assert full_stop(text) == "."
    assert sentence(text) == text + "."


DOUBLED = re.compile(r"\.\.(?!\.)|[?!]\.|[.!?][\"”’']\.")


def test_no_format_doubles_the_full_stop_after_the_authors_own(make_project, run):
    project = make_project()
    module = project / "modules" / "demo" / "module.yaml"
    text = module.read_text(encoding="utf-8")
    for before, after in [("audience: [Ward staff]", "audience: [Ward staff and their managers.]"),
                          ("authors: [coursebuilder tests]", "authors: [Jones A.]"),
                          ("topics: [distress]", "topics: [distress at work, and what helps?]")]:
        assert before in text
        text = text.replace(before, after)
    module.write_text(text, encoding="utf-8")
    result = run(project, "build", "--format", "html", "--format", "pptx", "--format", "pdf")
    assert result.exit_code == 0, result.output

    page = (project / "build" / "html" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "Ward staff and their managers.</p>" in page
    assert "Jones A.</p>" in page
    assert "what helps?</p>" in page
    assert not DOUBLED.search(re.sub(r"<[^>]+>", "", page).replace("...", "…"))

    from pptx import Presentation

    deck = Presentation(str(project / "build" / "pptx" / "demo.pptx"))
    words = []
    for slide in deck.slides:
        words += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            words.append(slide.notes_slide.notes_text_frame.text)
    said = "\n".join(words)
    assert "This module is for: Ward staff and their managers." in said
    assert "Written by Jones A. Version" in said
    assert "what helps?" in said
    for doubled in ("managers..", "Jones A..", "helps?."):
        assert doubled not in said

    import subprocess

    for pdf in sorted((project / "build" / "pdf").glob("demo*.pdf")):
        printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(printed.split())
        assert "what helps?" in flat, pdf.name
        for doubled in ("helps?.", "Jones A.."):
            assert doubled not in flat, pdf.name
