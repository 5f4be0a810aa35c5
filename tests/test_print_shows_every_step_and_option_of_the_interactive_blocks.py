"""Interactive blocks on paper (issue 21), built from tests/fixtures/interactive in every printed edition.

A branching scenario prints as "choose your path": every step numbered with its title and text, its
choices lettered A, B … each saying which step to go to and on which page (the page that step really
starts on), each choice's feedback at the top of the step it leads to (never beside the choice, so
nobody reads an outcome before choosing), endings marked with their feedback, and a blank path record
with a row for each step and two more. Only the facilitator guide shows the best path, which choices
are best, the time for the scenario and its steps, each step's notes and each ending's discussion
points.

Put-in-order questions print their steps in the mixed-up order every format shows, each with a box
for its place; match-pairs questions number the items, each with a box for a letter, and letter the
matches in their mixed-up order. The answers (the right order, each item's letter and match, the
pairs' and questions' feedback) and the model answers of written answers are at the back of the
participant handbook and beside the questions in the facilitator guide. A self-rating is a table of
tick boxes where the scale fits across the page, and a group of tick boxes per statement where it
does not (large print); a second rating names the page of the first. Text is read with pdftotext and
through the PDF's structure tree (tests/pdf_support.py)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from coursebuilder.load import load_course
from coursebuilder.markdown import parse
from coursebuilder.model import BranchingScenario, FreeResponse, KnowledgeCheck, SelfRating
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, require_tool
from .pdf_support import elements_with_text, words

pytestmark = pytest.mark.slow

SLUG = "night-shift"
PARTICIPANT = ("handbook", "large-print")
EDITIONS = (*PARTICIPANT, "facilitator-guide")


def norm(text: str) -> str:
    """Words, with whitespace collapsed and hyphens dropped (a word may be broken at its hyphen)."""
    return words(re.sub("[-\u00ad]", "", unicodedata.normalize("NFKC", text)))


def squeezed(text: str) -> str:
    return "".join(norm(text).split())


def plain(markdown: str) -> list[str]:
    """The words of each paragraph and list item of a Markdown text."""
    return [norm("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")))
            for token in parse(markdown) if token.type == "inline" and token.children]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("interactive") / "interactive"
    shutil.copytree(FIXTURES / "interactive", root)
    build(Project.find(root), out=root / "build", formats=["pdf"])
    return root / "build" / "pdf"


@pytest.fixture(scope="module")
def module():
    result = load_course(Project.find(FIXTURES / "interactive"))
    assert result.course is not None
    return result.course.module(SLUG).meta


def blocks(module, kind):
    return [block for section in module.sections for block in section.blocks if isinstance(block, kind)]


MM = 72 / 25.4


@functools.cache
def _pages(path: str) -> tuple[str, ...]:
    """Each page's text between the running header and footer (print.css's page margins: 24 mm at the
    top, 32 mm in large print, and 22 mm at the foot), so that a text running over a page break reads on."""
    top = (32 if "large-print" in path else 24) * MM
    crop = ["-x", "0", "-y", str(int(top)), "-W", "596", "-H", str(int(842 - top - 22 * MM))]
    out = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", *crop, path, "-"], check=True,
                         capture_output=True, text=True).stdout
    return tuple(norm(page) for page in out.split("\f")[:-1])


def pages(built: Path, edition: str) -> list[str]:
    return list(_pages(str(built / f"{SLUG}-{edition}.pdf")))


def whole(built: Path, edition: str) -> str:
    return " ".join(pages(built, edition))


def page_of(texts: list[str], needle: str, after: int = 0, last: bool = False) -> int:
    """The 1-based page where `needle` first (or last) appears, from page `after` on."""
    found = [number for number, text in enumerate(texts, start=1) if number > after and norm(needle) in text]
    assert found, f"{needle!r} is on no page"
    return found[-1] if last else found[0]


def step_heading(block: BranchingScenario, step) -> str:
    number = block.number(step.id)
    return f"Step {number}{', an ending' if step.ending else ''}" + (f": {step.title}" if step.title else "")


def letter(index: int) -> str:
    return chr(ord("A") + index)


# --- branching scenario ----------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_every_step_is_numbered_with_its_text_and_lettered_choices_that_say_where_to_go(built, module, edition):
    texts = pages(built, edition)
    text = " ".join(texts)
    [block] = blocks(module, BranchingScenario)
    for sentence in plain(block.text or ""):
        assert sentence in text
    # (The last time: a facilitator guide names the ending of the best path before the steps.)
    starts = {step.id: page_of(texts, step_heading(block, step), last=True) for step in block.steps}
    for step in block.steps:
        for sentence in plain(step.text):
            assert sentence in text, (edition, step.id, sentence)
        for index, choice in enumerate(step.choices):
            target = block.number(choice.go_to)
            best = " (best choice)" if edition == "facilitator-guide" and choice.best else ""
            wanted = norm(f"{letter(index)}. {choice.text}{best} Go to step {target} (page {starts[choice.go_to]})")
            assert wanted in text, (edition, wanted)
    # Steps come in their numbered order.
    assert list(starts.values()) == sorted(starts.values())


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_choices_feedback_is_read_at_the_top_of_the_step_it_leads_to(built, module, edition):
    texts = pages(built, edition)
    text = " ".join(texts)
    [block] = blocks(module, BranchingScenario)
    for number, step in enumerate(block.steps, start=1):
        for index, choice in enumerate(step.choices):
            if not choice.feedback:
                continue
            arrival = norm(f"{letter(index)} at step {number}: {choice.feedback}")
            target = block.step(choice.go_to)
            heading = norm(step_heading(block, target))
            assert arrival in text, (edition, arrival)
            # Under the heading of the step it leads to, before that step's own text …
            start = text.rindex(heading)
            assert start < text.index(arrival, start) < text.index(plain(target.text)[0], start)
            # … and never beside the choice itself, before anyone has chosen.
            choice_at = text.index(norm(choice.text))
            assert norm(choice.feedback) not in text[choice_at:choice_at + len(choice.text) + 60]


@pytest.mark.parametrize("edition", EDITIONS)
def test_endings_are_marked_with_their_feedback(built, module, edition):
    text = whole(built, edition)
    [block] = blocks(module, BranchingScenario)
    endings = [step for step in block.steps if step.ending]
    assert text.count("This is an ending.") == len(endings)
    for step in endings:
        start = text.rindex(norm(step_heading(block, step)))
        for sentence in plain(step.feedback or ""):
            assert text.index("This is an ending.", start) < text.index(sentence, start), sentence


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_path_record_is_a_blank_table_with_a_row_for_each_step_and_two_more(built, module, edition):
    [block] = blocks(module, BranchingScenario)
    text = whole(built, edition)
    assert re.search(r"path record on page (\d+)", text)
    record_page = int(re.search(r"path record on page (\d+)", text)[1])
    assert "Path record" in pages(built, edition)[record_page - 1]
    with pikepdf.open(built / f"{SLUG}-{edition}.pdf") as pdf:
        found = elements_with_text(pdf)
        tables = [(element, content) for element, content, _ in found if str(element.S) == "/Table"
                  and "Choice we made" in content]
        assert len(tables) == 1, edition
        table, content = tables[0]
        rows = [element for element, _, _ in found if str(element.S) == "/TR" and _inside(element, table)]
        assert len(rows) == 1 + len(block.steps) + 2  # the header row, then one to write in per turn
        assert norm(content).startswith("Write down each step you reach")
        # Blank: the numbers of the turns and the headers, nothing else.
        assert re.sub(r"\d+", "", norm(content).split("Choice we made", 1)[1]).strip() == ""


def _inside(element, ancestor) -> bool:
    while "/P" in element:
        element = element.P
        if element.objgen == ancestor.objgen:
            return True
    return False


def test_only_the_facilitator_guide_has_the_best_path_timings_notes_and_discussion_points(built, module):
    [block] = blocks(module, BranchingScenario)
    path = block.best_path
    expected = " → ".join(
        f"Step {block.number(step.id)}" + (f", an ending: {step.title}" if step.ending else "")
        + (f" → {letter(next(i for i, c in enumerate(step.choices) if c.best))}" if not step.ending else "")
        for step in path)
    facilitator = whole(built, "facilitator-guide")
    assert norm(f"The best path: {expected}") in facilitator
    assert f"Allow about {block.minutes} minutes" in facilitator
    assert facilitator.count("(best choice)") == sum(c.best for step in block.steps for c in step.choices)
    timed = [step for step in block.steps if step.minutes]
    assert timed
    assert norm("Time for each step: " + "; ".join(
        f"step {block.number(step.id)}, about {step.minutes} minutes" for step in timed) + ".") in facilitator
    private = [norm(point) for step in block.steps for point in step.debrief]
    private += [sentence for step in block.steps for sentence in plain(step.facilitator_notes or "")]
    assert private
    for text in private:
        assert text in facilitator
    for edition in (*PARTICIPANT, "course-handbook"):
        text = " ".join(_pages(str(built / f"{SLUG}-{edition}.pdf"))) if edition != "course-handbook" else \
            " ".join(_pages(str(built / "course-handbook.pdf")))
        assert "best path" not in text.lower() and "best choice" not in text.lower(), edition
        assert "discussion points" not in text, edition
        for secret in private:
            assert secret not in text, (edition, secret)


def test_the_session_plan_lists_each_new_block_with_its_time(built, module):
    text = whole(built, "facilitator-guide")
    plan = text[text.index("Session plan From"):text.index("Group agreement and materials", text.index("Session plan From"))]
    [block] = blocks(module, BranchingScenario)
    assert norm(f"Branching scenario: {block.title} ({block.minutes} minutes)") in plan
    for rating in blocks(module, SelfRating):
        assert norm(f"Self-rating: {rating.title}") in plan
    for answer in blocks(module, FreeResponse):
        assert norm(f"Written answer: {answer.title}") in plan


# --- put in order, match pairs, written answers ----------------------------------------------------

def questions(module, kind: str):
    return [q for check in blocks(module, KnowledgeCheck) for q in check.questions if q.kind == kind]


@pytest.mark.parametrize("edition", EDITIONS)
def test_order_steps_are_mixed_up_each_with_a_box_and_match_items_numbered_beside_lettered_matches(
        built, module, edition):
    text = whole(built, edition)
    [order] = questions(module, "order")
    start = text.index(norm(order.question))
    assert "Write 1 in the box by the step that comes first" in text[start:]
    at = [text.index(norm(order.order[i]), start) for i in order.shown]
    assert at == sorted(at), "the steps are printed in the order every format shows"
    if edition == "facilitator-guide":  # each box holds the step's right place
        for i in order.shown:
            assert norm(f"{i + 1} {order.order[i]}") in text[start:]
    [match] = questions(module, "match")
    start = text.index(norm(match.question))
    assert "Write the letter of its match in the box by each item." in text[start:]
    for number, pair in enumerate(match.pairs, start=1):
        box = letter(match.shown.index(number - 1)) + " " if edition == "facilitator-guide" else ""
        assert norm(f"{number}. {box}{pair.item}") in text[start:], (edition, number, pair.item)
    options = text.index("Matches to choose from:", start)
    at = []
    for index, i in enumerate(match.shown):
        wanted = norm(f"{letter(index)}. {match.pairs[i].match}")
        at.append(text.index(wanted, options))
    assert at == sorted(at)


def answers(module) -> list[str]:
    """What the answers to the knowledge checks and the model answers say, each as printed."""
    found = []
    for question in questions(module, "choice"):
        found += [norm(option.text) for option in question.options]
        found += [norm(option.feedback) for option in question.options if option.feedback]
    [order] = questions(module, "order")
    found.append(norm("The right order: " + " ".join(f"{n}. {step}" for n, step in enumerate(order.order, start=1))))
    found.append(norm("So the boxes read, from the top: " + ", ".join(str(i + 1) for i in order.shown) + "."))
    [match] = questions(module, "match")
    for n, pair in enumerate(match.pairs):
        found.append(norm(f"{n + 1}. {pair.item} → {letter(match.shown.index(n))}. {pair.match}"
                          + (f" {pair.feedback}" if pair.feedback else "")))
    for question in (*questions(module, "choice"), order, match):
        if question.feedback:
            found.append(norm(f"About this question: {question.feedback}"))
    for block in blocks(module, FreeResponse):
        found += plain(block.model_answer)
    return found


@pytest.mark.parametrize("edition", PARTICIPANT)
def test_participants_find_every_answer_and_model_answer_at_the_back(built, module, edition):
    texts = pages(built, edition)
    back = page_of(texts, "Answers to the knowledge checks and model answers", last=True)  # not the contents
    before, after = " ".join(texts[:back - 1]), " ".join(texts[back - 1:])
    for answer in answers(module):
        assert answer in after, (edition, answer)
    for order in questions(module, "order"):
        assert "The right order" not in before and norm(" ".join(order.order)) not in before
    for block in blocks(module, FreeResponse):
        assert plain(block.model_answer)[0] not in before, "the model answer is not beside the question"
        assert norm(block.question) in before
        assert re.search(r"compare it with the model answer on page (\d+)", before)
        assert int(re.search(r"compare it with the model answer on page (\d+)", before)[1]) >= back


def test_the_facilitator_guide_has_every_answer_beside_its_question(built, module):
    text = whole(built, "facilitator-guide")
    assert "Answers to the knowledge checks" not in text
    for answer in answers(module):
        assert answer in text, answer
    [block] = blocks(module, FreeResponse)
    assert text.index(norm(block.question)) < text.index(plain(block.model_answer)[0])


# --- self-ratings ----------------------------------------------------------------------------------

def test_a_self_rating_is_a_table_of_tick_boxes_that_reflows_in_large_print(built, module):
    ratings = blocks(module, SelfRating)
    for edition, grid in (("handbook", True), ("facilitator-guide", True), ("large-print", False)):
        with pikepdf.open(built / f"{SLUG}-{edition}.pdf") as pdf:
            found = elements_with_text(pdf)
            # (Without spaces: the structure tree runs a header's wrapped lines together.)
            headers = [squeezed(text) for element, text, _ in found if str(element.S) == "/TH"]
        text = whole(built, edition)
        for rating in ratings:
            assert norm(rating.question) in text
            for statement in rating.statements:
                assert norm(statement) in text
            if grid:
                assert all(squeezed(label) in headers for label in rating.scale), edition
                assert all(squeezed(statement) in headers for statement in rating.statements), edition
            else:
                assert not any(squeezed(label) in headers for label in rating.scale), "large print reflows"
                start = text.index(norm(rating.question))
                for statement in rating.statements:
                    assert norm(statement + " " + " ".join(rating.scale)) in text[start:], statement
        assert text.count("nobody will ask for your ratings") == len(ratings)
        first, second = ratings
        texts = pages(built, edition)
        earlier = page_of(texts, first.question)
        assert f"You rated the same statements earlier, on page {earlier}." in text
