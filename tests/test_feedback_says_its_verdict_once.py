"""Knowledge-check feedback says its verdict once: when the author's feedback opens with one ("Yes.",
"Not quite."), no format adds its own ("Not quite. Not quite."). One rule (coursebuilder/feedback.py,
as Option.feedback_has_verdict) for the e-learning, print and the deck's notes."""

from __future__ import annotations

import re

import pytest

from coursebuilder.feedback import author_verdict, says_own_verdict
from coursebuilder.model import KnowledgeCheck, Option, Question
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.pptx_blocks import Context, knowledge_check
from coursebuilder.render.templating import environment
from coursebuilder.themes import default_theme_dir

pytestmark = pytest.mark.fast


@pytest.mark.parametrize("feedback, verdict", [
    ("Yes. NICE recommends it.", True), ("Yes (Johnson 2020).", True), ("Correct.", True),
    ("That’s right: it helps.", True), ("This is right.", True), ("Well done!", True), ("Exactly — and more.", True),
    ("Not quite. Try again.", False), ("No, it is not.", False), ("Not this one: it shames.", False),
    ("Incorrect.", False), ("No", False),
])
def test_an_opening_verdict_is_recognised(feedback, verdict):
    assert author_verdict(feedback) is verdict


@pytest.mark.parametrize("feedback", [
    "No one chooses this.", "No-one chooses this.", "Right now, nobody can.", "Correct use of words matters.",
    "This is not enough on its own.", "Yesterday's plan still holds.", "Knowing a person helps.", "", None,
])
def test_words_that_only_begin_like_a_verdict_are_not_one(feedback):
    assert author_verdict(feedback) is None


def test_ours_is_left_out_only_when_the_authors_says_the_same():
    assert says_own_verdict("Yes. It helps.", correct=True)
    assert says_own_verdict("Not quite. It shames.", correct=False)
    assert not says_own_verdict("It helps.", correct=True)
    # An author's "Yes." on a wrong answer: ours stays, so the learner still hears the truth first.
    assert not says_own_verdict("Yes. It helps.", correct=False)
    assert Option(text="A", correct=True, feedback="Yes. It helps.").feedback_has_verdict


QUESTION = Question(question="Which is right?", options=[
    Option(text="This one", correct=True, feedback="Yes. It is kind."),
    Option(text="That one", feedback="Not quite. It shames."),
    Option(text="The other", feedback="It rushes the person."),
])
# Our verdicts (e-learning, print), then the author's.
DOUBLE = re.compile(r"(this is right|not this one|right answer|not quite)\.\s*(</strong>)?\s*(<span[^>]*>)?\s*"
                    r"(Yes|Not quite)\b", re.I)


def test_elearning_answers_say_the_verdict_once(make_project, tmp_path):
    project = make_project()  # the minimal fixture's feedback is "Yes." and "Not quite."
    build(Project.find(project), formats=["html"], out=tmp_path / "out", jobs=1)
    page = (tmp_path / "out" / "html" / "demo" / "01-first-steps.html").read_text(encoding="utf-8")
    assert '<strong>This one</strong>: <span class="feedback" data-verdict>Yes.</span>' in page
    assert '<strong>That one</strong>: <span class="feedback" data-verdict>Not quite.</span>' in page
    assert not DOUBLE.search(page)


def test_print_answers_say_the_verdict_once():
    env = environment([default_theme_dir() / "print"])
    env.filters["md_block"] = str  # the print renderer's own filter; answer lists do not use it
    html = str(env.get_template("_blocks.html").module.answer_list(QUESTION))
    assert not DOUBLE.search(html)
    assert "Yes. It is kind." in html and "Not quite. It shames." in html
    assert html.count('class="verdict"') == 1 and "Not this one." in html  # only the option with no verdict of its own


def test_deck_notes_say_the_verdict_once(make_project):
    from coursebuilder.load import load_course

    module = load_course(Project.find(make_project())).course.modules[0]
    section = module.meta.sections[0]
    specs = knowledge_check(KnowledgeCheck(type="knowledge_check", questions=[QUESTION]),
                            Context(module, section, 1, ""))
    notes = [note.text for spec in specs for note in spec.intro]
    assert "A. This one: Yes. It is kind." in notes
    assert "B. That one: Not quite. It shames." in notes
    assert "C. The other: not this one. It rushes the person." in notes
