"""Slides never cut the author's words (issue 17): every sentence of a section is on its slides (not only
in the notes), over "(continued)" slides when long; a line break the author made stays; a passage that
teaches about language is never shown half. Only the author may choose shorter slide text (`slides:`),
and then the speaker notes hold the whole text."""

from __future__ import annotations

import pytest

from coursebuilder.load import load_course
from coursebuilder.project import Project

from .slides_support import notes_texts, project_with, sentences_and_cells, slide_texts
from .test_pptx import build_pptx, check_deck

pytestmark = pytest.mark.fast

# Written the way a trainer's handbook reads: long paragraphs with figures, a passage on language,
# a greeting on two lines, a lead-in with a list.
SECTION = """\
## Past care leaves marks

Past care leaves marks. In one survey of 142 people who had used psychiatric services, 59% said they
had been secluded at some point, 34% said they had been restrained and 31% said they had been
physically assaulted in a psychiatric setting (Frueh and others, 2005). The survey is from another
country and is now 20 years old. Even so, it reminds us that a ward meant to help can also harm, and
that many people arrive already carrying what happened to them last time.

Ask yourself what a person may have lived through before they reach your door. You will rarely know.
You can assume that anyone might be carrying trauma, and shape everyday care around that: explain
what will happen before it happens, offer choices where there are choices, and knock and wait before
you go into someone's bedroom.

## Words at handover

> **Language example:** at handover, a person who is admitted often is sometimes called a "frequent
> flyer", and someone who is distressed may be said to be "kicking off". Neither tells the next shift
> what happened. Say instead "someone who uses our service often", with how often and why, and
> describe what happened: "Sam shouted after his leave was cancelled; he said nobody was listening."

## A welcome card

The card by each bed reads:\\
**Croeso i'r ward. Rydyn ni yma i helpu.**\\
**Welcome to the ward. We are here to help.**

Before you write a note, check three things:

1. Have I used the person's name?
2. Have I said what happened, and what came just before?
3. Would I be comfortable if the person read it?
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    root = project_with(tmp_path_factory.mktemp("whole-text"), SECTION)
    return build_pptx(root) / "demo.pptx"


def test_every_sentence_of_the_section_is_on_a_slide_not_only_in_the_notes(deck):
    check_deck(deck)
    shown = " ".join(slide_texts(deck))
    sentences, _ = sentences_and_cells(SECTION)
    assert len(sentences) > 15
    assert [s for s in sentences if s not in shown] == []
    assert "Past care leaves marks. In one survey of 142 people" in shown, "a paragraph is never cut to its first sentence"


def test_a_passage_on_language_shows_the_better_wording_on_the_same_slide_as_the_label(deck):
    slides = slide_texts(deck)
    labelled = [text for text in slides if "frequent flyer" in text]
    assert labelled and all("someone who uses our service often" in text and "describe what happened" in text
                            for text in labelled)


def test_a_line_break_the_author_made_stays_a_line_break(deck):
    from pptx import Presentation

    for slide in Presentation(str(deck)).slides:
        paragraphs = [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]
        if "Croeso i'r ward. Rydyn ni yma i helpu." in paragraphs:
            at = paragraphs.index("Croeso i'r ward. Rydyn ni yma i helpu.")
            assert paragraphs[at - 1] == "The card by each bed reads:"
            assert paragraphs[at + 1] == "Welcome to the ward. We are here to help."
            return
    pytest.fail("the Welsh line of the card is not a paragraph of its own on any slide")


def test_the_slides_no_longer_repeat_whole_text_in_their_notes(deck):
    notes = notes_texts(deck)
    assert not [n for n in notes if "The full text behind this slide" in n and "Past care" in n]


def test_long_text_continues_on_slides_with_the_same_title(tmp_path):
    long = "## A long part\n\n" + "\n\n".join(
        f"Paragraph {n}. Staff who have time to think together notice more, and recover faster after a hard "
        f"shift; the figures in paragraph {n} come from a survey of 400 ward staff." for n in range(1, 25))
    deck = build_pptx(project_with(tmp_path, long)) / "demo.pptx"
    prs = check_deck(deck)
    titles = [slide.shapes.title.text for slide in prs.slides]
    parts = [t for t in titles if t.startswith("A long part")]
    assert len(parts) >= 3 and parts[1] == f"A long part (continued, 2 of {len(parts)})"
    shown = " ".join(slide_texts(deck))
    assert all(f"the figures in paragraph {n} come from" in shown for n in range(1, 25))


def test_the_authors_slide_text_is_shown_and_the_whole_text_is_in_the_notes(tmp_path):
    slides = ("    slides: |\n      ## Past care leaves marks\n      - Many people arrive already carrying trauma\n"
              "      - Explain, offer choices, knock and wait\n\n      ## Words at handover\n"
              "      - Say \"someone who uses our service often\", not a label\n")
    root = project_with(tmp_path, SECTION, section_extra=slides)
    deck = build_pptx(root) / "demo.pptx"
    check_deck(deck)
    shown, notes = slide_texts(deck), notes_texts(deck)
    everything = " ".join(shown)
    assert "Explain, offer choices, knock and wait" in everything
    assert "59% said they had been secluded" not in everything, "the author chose what the slides show"
    assert "frequent flyer" not in everything
    sentences, _ = sentences_and_cells(SECTION)
    all_notes = " ".join(notes)
    assert [s for s in sentences if s not in all_notes] == [], "every sentence is in the speaker notes"
    first = next(n for t, n in zip(shown, notes) if t.startswith("Past care leaves marks"))
    assert "59% said they had been secluded" in first and "Croeso" in first, \
        "text under headings the slides do not use goes with the first slide"


def test_slide_text_is_declared_once_in_the_model_and_checked_like_any_markdown(tmp_path):
    from coursebuilder.checks import run_checks

    root = project_with(tmp_path, SECTION, section_extra="    slides: |\n      - Our frequent flyers\n")
    course = load_course(Project.find(root)).course
    assert course.module("demo").meta.sections[1].slides == "- Our frequent flyers"
    found = [d for d in run_checks(course) if d.file.endswith("module.yaml") and "frequent" in d.message.lower()]
    assert found, "the language rules read the slide text"
