"""Decks for interactive blocks (issue 21), built from tests/fixtures/interactive and read back with
python-pptx, then converted by LibreOffice.

A branching scenario is run by a facilitator: an opening slide, then a slide per step with its text and
its choices lettered for the group to vote on, each step's notes saying what each choice leads to (its
step, its feedback, whether it is the best choice), the feedback of the choices that lead to it, the
step's time and facilitator notes; endings with their feedback on the slide and their discussion points
in the notes; and a last slide with the best path. A long step continues on continuation slides with
every choice kept. Put-in-order and match-pairs questions show their items in the mixed-up order every
format shows, lettered, with the answer in the notes and on the next slide; a written answer's model
answer is in the notes; a self-rating shows its statements and scale, and its notes say the ratings are
private. Every deck keeps the rules every deck keeps (test_pptx.check_deck), and LibreOffice renders
every slide with no text outside its box."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from ruamel.yaml import YAML

from coursebuilder.load import load_course
from coursebuilder.model import BranchingScenario, FreeResponse, KnowledgeCheck, SelfRating
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES
from .slides_support import squeeze
from .test_pptx import check_deck, convert, paragraph_text, pdf_page_count, words_outside_boxes

pytestmark = pytest.mark.office

SLUG = "night-shift"


def build_deck(root: Path) -> Path:
    build(Project.find(root), out=root / "build", formats=["pptx"])
    return root / "build" / "pptx" / f"{SLUG}.pptx"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("interactive") / "interactive"
    shutil.copytree(FIXTURES / "interactive", root)
    return root


@pytest.fixture(scope="module")
def deck(project) -> Path:
    return build_deck(project)


@pytest.fixture(scope="module")
def module(project):
    result = load_course(Project.find(project))
    assert result.course is not None
    return result.course.module(SLUG).meta


def blocks(module, kind):
    return [block for section in module.sections for block in section.blocks if isinstance(block, kind)]


def slides(deck: Path) -> list[tuple[str, list[str], str]]:
    """(title, the body's paragraphs with their bullet or letter, the notes) of every slide."""
    found = []
    for slide in Presentation(str(deck)).slides:
        body = [squeeze(paragraph_text(p)).replace("**", "") for shape in slide.shapes
                if shape.has_text_frame and shape != slide.shapes.title and not _number(shape)
                for p in shape.text_frame.paragraphs if p.text.strip()]
        found.append((slide.shapes.title.text, body, squeeze(slide.notes_slide.notes_text_frame.text)))
    return found


def _number(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER


def titled(deck: Path, title: str) -> list[tuple[str, list[str], str]]:
    """The slide with this title and its continuation slides."""
    found = [s for s in slides(deck) if s[0] == title or s[0].startswith(title + " (continued")]
    assert found, f"no slide is titled {title!r}: {[s[0] for s in slides(deck)]}"
    return found


def letter(index: int) -> str:
    return chr(ord("A") + index)


def step_title(block: BranchingScenario, step) -> str:
    return (f"Step {block.number(step.id)}" + (", an ending" if step.ending else "")
            + (f": {step.title}" if step.title else ""))


def test_every_step_has_a_slide_with_its_lettered_choices_and_notes_that_say_where_each_leads(deck, module):
    [block] = blocks(module, BranchingScenario)
    titles = [s[0] for s in slides(deck)]
    opening = titles.index(f"Choose your path: {block.title}")
    assert titles[opening + 1] == step_title(block, block.steps[0]), "the steps follow the opening slide"
    for number, step in enumerate(block.steps, start=1):
        found = titled(deck, step_title(block, step))
        body = [line for _, lines, _ in found for line in lines]
        notes = " ".join(notes for _, _, notes in found)
        assert squeeze(step.text) in " ".join(body)
        for index, choice in enumerate(step.choices):
            assert f"{letter(index)}. {squeeze(choice.text)}" in body, (step.id, choice.text)
            target = block.step(choice.go_to)
            consequence = f"{letter(index)} leads to step {block.number(choice.go_to)} ({target.title})"
            consequence += f": {choice.feedback}" if choice.feedback else "."
            consequence += " This is the best choice." if choice.best else ""
            assert squeeze(consequence) in notes, (step.id, consequence)
        if step.minutes:
            assert f"Step {number} of {len(block.steps)}, about {step.minutes} minutes." in notes
        if step.facilitator_notes:
            assert squeeze(step.facilitator_notes) in notes
        for earlier, before in enumerate(block.steps, start=1):
            for index, choice in enumerate(before.choices):
                if choice.go_to == step.id and choice.feedback:
                    assert squeeze(f"If the group came here by choosing {letter(index)} at step {earlier}, read "
                                   f"out: {choice.feedback}") in notes
        # Which choice is best is in the notes only, never on the slide.
        assert "best" not in " ".join(body).lower()


def test_endings_show_their_feedback_and_the_notes_give_the_discussion_points(deck, module):
    [block] = blocks(module, BranchingScenario)
    for step in block.steps:
        if not step.ending:
            continue
        [(_, body, notes)] = titled(deck, step_title(block, step))
        assert "Why it turned out this way:" in body
        assert squeeze(step.feedback) in " ".join(body)
        assert "Discussion points" in notes
        for point in step.debrief:
            assert f"• {point}" in notes


def test_the_last_slide_of_a_scenario_gives_the_best_path(deck, module):
    [block] = blocks(module, BranchingScenario)
    [(_, body, notes)] = titled(deck, f"Choose your path: {block.title}: the best path")
    assert "The best path: Step 1 → A → Step 4 → A → Step 5, an ending: Jo settles." in notes
    assert len(body) == len(block.best_path)
    for line, step in zip(body, block.best_path):
        assert line.startswith(step_title(block, step))
        best = [(index, choice) for index, choice in enumerate(step.choices) if choice.best]
        if best:
            assert line.endswith(f"→ {letter(best[0][0])}. {squeeze(best[0][1].text)}")


def question_slides(deck: Path, module, kind: str):
    [check] = blocks(module, KnowledgeCheck)
    number = next(n for n, q in enumerate(check.questions, start=1) if q.kind == kind)
    question = check.questions[number - 1]
    count = len(check.questions)
    return (question, titled(deck, f"{check.title}: question {number} of {count}"),
            titled(deck, f"{check.title}: answer {number} of {count}"))


def test_an_order_question_shows_the_mixed_up_steps_lettered_and_the_answer_next(deck, module):
    question, asked, answered = question_slides(deck, module, "order")
    [(_, body, notes)] = asked
    shown = [f"{letter(i)}. {squeeze(question.order[step])}" for i, step in enumerate(question.shown)]
    assert [line for line in body if line in shown] == shown
    sequence = ", ".join(letter(question.shown.index(step)) for step in range(len(question.order)))
    assert f"The answer (reveal it on the next slide): {sequence}." in notes
    [(_, body, notes)] = answered
    assert [line for line in body if line[0].isdigit()] == [
        f"{n}. {letter(question.shown.index(step))}. {squeeze(text)}"
        for n, (step, text) in enumerate(enumerate(question.order), start=1)]
    assert squeeze(question.feedback) in " ".join(body) and squeeze(question.feedback) in notes


def test_a_match_question_numbers_its_items_letters_the_mixed_up_matches_and_gives_the_pairs(deck, module):
    question, asked, answered = question_slides(deck, module, "match")
    [(_, body, notes)] = asked  # items and matches on one slide
    text = " ".join(body).replace("\u00a0", " ")
    for n, pair in enumerate(question.pairs, start=1):
        assert f"{n}. {squeeze(pair.item)}" in text
    assert [line for line in body if line[:2] in {f"{letter(i)}." for i in range(len(question.pairs))}] == [
        f"{letter(i)}. {squeeze(question.pairs[pair].match)}" for i, pair in enumerate(question.shown)]
    pairs = ", ".join(f"{n} {letter(question.shown.index(n - 1))}" for n in range(1, len(question.pairs) + 1))
    assert f"The answer (reveal it on the next slide): {pairs}." in notes
    [(_, body, notes)] = answered
    for n, pair in enumerate(question.pairs):
        line = f"{n + 1}. {squeeze(pair.item)} → {letter(question.shown.index(n))}. {squeeze(pair.match)}"
        assert line in body
        assert squeeze(line + (f" {pair.feedback}" if pair.feedback else "")) in notes
    assert squeeze(question.feedback) in notes


def test_a_choice_questions_overall_feedback_comes_with_its_answer(deck, module):
    question, asked, answered = question_slides(deck, module, "choice")
    [(_, body, notes)] = answered
    assert squeeze(question.feedback) in body and squeeze(question.feedback) in notes
    assert squeeze(question.feedback) not in " ".join(asked[0][1]) + asked[0][2]


def test_a_written_answer_has_its_question_on_the_slide_and_its_model_answer_in_the_notes(deck, module):
    [block] = blocks(module, FreeResponse)
    [(_, body, notes)] = titled(deck, f"Written answer: {block.title}")
    assert squeeze(block.question) in body
    assert "Model answer" in notes
    for sentence in ("There is no single right answer.", "acknowledges what Jo said, without arguing;",
                     "Would you like to sit down somewhere quiet while I find out what's happening?"):
        assert sentence in notes and sentence not in " ".join(body)


def test_a_self_rating_shows_its_statements_and_scale_and_the_notes_keep_ratings_private(deck, module):
    for block in blocks(module, SelfRating):
        [(_, body, notes)] = titled(deck, f"Self-rating: {block.title}")
        assert squeeze(block.question) in body
        for statement in block.statements:
            assert f"• {squeeze(statement)}" in body
        assert f"Scale: {' · '.join(block.scale)}" in body
        assert "These ratings are private." in notes and "not aloud" in notes
        assert ("look back at their earlier ratings" in notes) == bool(block.compare_with)


def test_the_deck_keeps_every_rule_and_libreoffice_renders_every_slide_inside_its_boxes(deck, tmp_path):
    check_deck(deck)
    convert([deck], tmp_path / "pdf", tmp_path)
    pdf = tmp_path / "pdf" / f"{deck.stem}.pdf"
    assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides)
    assert words_outside_boxes(deck, pdf) == []


LONG_STEP = " ".join(["Jo puts the cup down, looks at the door and the window, and talks about the ambulance, the "
                      "waiting room, the noise of the other people and the hours without any news."] * 6)
MORE_CHOICES = [f"Try another way to help, number {n}, by offering something small and concrete that Jo can "
                f"say yes or no to" for n in range(1, 5)]


def test_a_long_step_with_many_choices_continues_on_the_next_slide_and_keeps_every_choice(tmp_path):
    root = tmp_path / "interactive"
    shutil.copytree(FIXTURES / "interactive", root)
    file = root / "modules" / SLUG / "module.yaml"
    yaml = YAML()
    data = yaml.load(file.read_text(encoding="utf-8"))
    scenario = next(b for b in data["sections"][0]["blocks"] if b["type"] == "branching_scenario")
    seat = next(step for step in scenario["steps"] if step["id"] == "seat")
    seat["text"] = LONG_STEP
    seat["choices"] += [{"text": text, "go_to": "door"} for text in MORE_CHOICES]
    with file.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    deck = build_deck(root)
    found = titled(deck, "Step 4: A seat and a drink")
    assert len(found) > 1, "the step continues on a second slide"
    body = [line for _, lines, _ in found for line in lines]
    assert squeeze(" ".join(body)).count("Jo puts the cup down") == 6
    choices = [line for line in body if line[:2] in {f"{letter(i)}." for i in range(6)}]
    assert [c[:2] for c in choices] == [f"{letter(i)}." for i in range(6)]
    for index in range(2, 6):  # with the choices, on the last of the step's slides
        assert f"{letter(index)} leads to step 1 (At the door)." in found[-1][2]
    check_deck(deck)
    convert([deck], tmp_path / "pdf", tmp_path)
    pdf = tmp_path / "pdf" / f"{deck.stem}.pdf"
    assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides)
    assert words_outside_boxes(deck, pdf) == []
