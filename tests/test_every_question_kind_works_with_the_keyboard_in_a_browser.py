"""Every kind of question in the e-learning (the interactive fixture), answered in chromium with the keyboard
alone: a choice question with its overall feedback; put in order and match pairs through labelled lists,
with feedback on each step or pair and the answer recorded in the shown numbers the SCORM runtime expects
(outline.Tracked.correct); a written answer kept like a reflection, with its model answer; and private
self-ratings, the later one showing the earlier. axe finds nothing in any state, nothing private reaches
the learning platform, and without JavaScript every question still reads with its answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursebuilder.load import load_course
from coursebuilder.outline import outline
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, HANG_GUARD_SECONDS
from .test_accessibility import run_axe
from .test_branching_scenarios_play_with_the_keyboard_in_a_browser import lms_page, served  # noqa: F401 - fixture
from .test_elearning import tab_to

pytestmark = pytest.mark.browser

FIRST = "night-shift/01-arriving-at-night.html"
CHECKS = "night-shift/02-checking-what-you-learned.html"
SUMMARY = "night-shift/summary.html"
STATE = "coursebuilder:interactive-fixture-course:night-shift"
CHOICE, ORDER, MATCH = "s2-b1-q1", "s2-b1-q2", "s2-b1-q3"
WRITTEN = "s2-b2"
WAIT = HANG_GUARD_SECONDS * 1000


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kinds") / "interactive"
    shutil.copytree(FIXTURES / "interactive", root)
    build(Project.find(root), formats=["html"], out=root / "build", jobs=1)
    return root


@pytest.fixture(scope="module")
def html(project) -> Path:
    return project / "build" / "html"


@pytest.fixture(scope="module")
def tracked(project) -> dict:
    """What the SCORM package tracks for each question, from the outline: right answers in shown numbers."""
    course = load_course(Project.find(project)).course
    assert course is not None
    return {item.id: item for item in outline(course.module("night-shift").meta).tracked}


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.errors == []


def state(page) -> dict:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key) || '{}')", STATE)


def result(page, qid: str, starts: str) -> str:
    """The question's status message, once it starts with `starts` (announced a moment after the check)."""
    selector = f"#{qid} .question-result"
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent.startsWith(t)", arg=[selector, starts],
                           timeout=WAIT)
    return page.inner_text(selector)


def press_on(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def pick(page, select: str, index: int) -> None:
    """Choose the option at `index` (0: the "Choose" prompt) of a closed list with the keyboard: Home, then
    the down arrow, as a keyboard user does."""
    tab_to(page, select)
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("s => document.querySelector(s).selectedIndex", select) == index


def no_axe_violations(page, node_modules) -> None:
    violations = run_axe(page, node_modules)
    assert violations == [], json.dumps(violations, indent=2)


def test_a_choice_question_gives_its_overall_feedback_once_answered(page, html, node_modules):
    page.goto((html / CHECKS).as_uri())
    overall = f"#{CHOICE} .overall-feedback"
    assert page.is_hidden(overall)
    press_on(page, f"#{CHOICE}-o1", "ArrowDown")  # the arrow moves to the second answer and chooses it
    assert page.is_checked(f"#{CHOICE}-o2")
    press_on(page, f"#{CHOICE} [data-action=check-answer]")
    result(page, CHOICE, "Not quite yet")
    assert page.inner_text(overall) == ("Predictability and choice come up again and again in trauma-informed "
                                        "practice.")
    assert page.evaluate("s => document.querySelector(s).previousElementSibling.className",
                         overall) == "question-result"  # read straight after the result
    no_axe_violations(page, node_modules)
    press_on(page, f"#{CHOICE} [data-action=try-again]")
    assert page.is_hidden(overall)
    tab_to(page, f"#{CHOICE}-o1")
    page.keyboard.press("Space")
    press_on(page, f"#{CHOICE} [data-action=check-answer]")
    result(page, CHOICE, "That is right.")
    assert page.is_visible(overall)
    assert state(page)["answers"][CHOICE] == {"chosen": ["1"], "correct": True, "tries": 2}


def test_put_in_order_with_labelled_lists_and_the_answer_in_shown_numbers(page, html, tracked, node_modules):
    page.goto((html / CHECKS).as_uri())
    selects = [f"#{ORDER}-s{n}" for n in range(1, 5)]
    group = page.get_by_role("group", name="Put the steps of a debrief after an incident in order.")
    assert group.count() == 1
    for select in selects:  # each list is named by its step and "Position"
        text = page.inner_text(f"{select}-t")
        assert page.get_by_role("combobox", name=f"{text} Position", exact=True).count() == 1
        assert page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.textContent)") == [
            "Choose", "1", "2", "3", "4"]

    press_on(page, f"#{ORDER} [data-action=check-answer]")
    assert result(page, ORDER, "Give every step a position first") == (
        "Give every step a position first, then select Check my answer.")
    assert page.evaluate("document.activeElement.id") == f"{ORDER}-s1"
    for select in selects:
        pick(page, select, 1)  # position 1, four times
    press_on(page, f"#{ORDER} [data-action=check-answer]")
    assert result(page, ORDER, "Give each step") == (
        "Give each step its own position: position 1 is given to more than one step.")
    assert ORDER not in state(page).get("answers", {})  # only a whole answer is checked

    for position, select in enumerate(selects, start=1):  # the shown order, as it stands: not the right one
        pick(page, select, position)
    press_on(page, f"#{ORDER} [data-action=check-answer]")
    right_positions = {n: int(page.get_attribute(select, "data-right")) for n, select in enumerate(selects, 1)}
    in_place = sum(1 for n in right_positions if right_positions[n] == n)
    assert in_place < 4
    assert result(page, ORDER, "Not quite yet") == (
        f"Not quite yet: {in_place} of 4 steps are in the right place. Move the ones marked “Not in the right place "
        "yet”, then try again when you are ready.")
    marks = page.locator(f"#{ORDER} .item-feedback").all_inner_texts()
    assert marks == ["In the right place." if right_positions[n] == n else "Not in the right place yet."
                     for n in range(1, 5)]
    # Why the order is so comes with a right answer (it would give the answer away), or with the answers.
    assert not page.is_visible(f"#{ORDER} .overall-feedback")
    assert page.is_visible(f"#{ORDER} details.answers summary")  # the right order, for a learner who wants it
    assert state(page)["answers"][ORDER] == {"chosen": ["1", "2", "3", "4"], "correct": False, "tries": 1}
    no_axe_violations(page, node_modules)
    snapshot = page.locator(f"#{ORDER}").aria_snapshot()
    assert '- status: "Not quite yet: ' in snapshot  # the result, in a live region
    assert 'combobox "Agree what happened, in plain words, without blame Position"' in snapshot

    press_on(page, f"#{ORDER} [data-action=try-again]")
    wrong = [n for n in range(1, 5) if right_positions[n] != n]
    assert page.evaluate("document.activeElement.id") == f"{ORDER}-s{wrong[0]}"  # the first step to move
    for n in wrong:
        pick(page, f"#{ORDER}-s{n}", right_positions[n])
    press_on(page, f"#{ORDER} [data-action=check-answer]")
    assert result(page, ORDER, "That is right") == "That is right: every step is in its place."
    assert page.inner_text(f"#{ORDER} .overall-feedback") == (
        "Safety first, then the facts, then feelings and what to change — without blame.")
    assert page.is_visible(f"#{ORDER} .overall-feedback")
    # For each position in turn, the shown number of the step put there: what the outline calls right.
    expected = [str(n) for n in tracked[ORDER].correct]
    assert state(page)["answers"][ORDER] == {"chosen": expected, "correct": True, "tries": 2}
    assert expected != ["1", "2", "3", "4"]  # the steps are shown mixed up

    page.reload()  # the answer comes back, as it was checked
    assert [page.input_value(select) for select in selects] == [str(right_positions[n]) for n in range(1, 5)]
    assert page.inner_text(f"#{ORDER} .question-result") == "That is right: every step is in its place."


def test_match_pairs_with_labelled_lists_and_feedback_on_each_pair(page, html, tracked, node_modules):
    page.goto((html / CHECKS).as_uri())
    right = list(tracked[MATCH].correct)  # for each item, the shown number of its match
    selects = [f"#{MATCH}-s{n}" for n in range(1, 5)]
    assert page.get_by_role("combobox", name="Trigger goes with", exact=True).count() == 1
    shown = page.eval_on_selector_all(f"{selects[0]} option", "os => os.map(o => o.textContent)")
    assert shown[0] == "Choose a match" and shown[right[0]] == "Something that brings back the feeling of a past threat"

    press_on(page, f"#{MATCH} [data-action=check-answer]")
    assert result(page, MATCH, "Choose a match") == "Choose a match for every item first, then select Check my answer."
    assert page.evaluate("document.activeElement.id") == f"{MATCH}-s1"

    wrong_first = right[1]  # the second item's match, given to the first
    pick(page, selects[0], wrong_first)
    for n, select in enumerate(selects[1:], start=1):
        pick(page, select, right[n])
    press_on(page, f"#{MATCH} [data-action=check-answer]")
    assert result(page, MATCH, "Not quite yet") == (
        "Not quite yet: 3 of 4 pairs match. Read the feedback beside each item, then try again when you are ready.")
    marks = page.locator(f"#{MATCH} .item-feedback").all_inner_texts()
    assert marks == ["Not this one.", "Yes, these go together.", "Yes, these go together.", "Yes, these go together."]
    assert not page.is_visible(f"#{MATCH} .overall-feedback")
    assert state(page)["answers"][MATCH] == {
        "chosen": [str(wrong_first), *map(str, right[1:])], "correct": False, "tries": 1}
    no_axe_violations(page, node_modules)

    press_on(page, f"#{MATCH} [data-action=try-again]")
    assert page.evaluate("document.activeElement.id") == f"{MATCH}-s1"
    pick(page, selects[0], right[0])
    press_on(page, f"#{MATCH} [data-action=check-answer]")
    assert result(page, MATCH, "That is right") == "That is right: every pair matches."
    assert page.is_visible(f"#{MATCH} .overall-feedback")
    assert page.inner_text(f"#{MATCH} .overall-feedback") == "These four ideas come up throughout the course."
    # A pair's own feedback, once it is matched.
    assert page.inner_text(f"#{MATCH} .item-feedback >> nth=0") == (
        "Yes, these go together. Triggers differ from person to person — ask, don't guess.")
    assert state(page)["answers"][MATCH] == {"chosen": [str(n) for n in right], "correct": True, "tries": 2}


def test_a_written_answer_is_kept_like_a_reflection_with_its_model_answer(page, html, node_modules):
    page.goto((html / CHECKS).as_uri())
    area = f"#{WRITTEN}-answer"
    assert page.get_by_role("textbox", name="Jo says “I’m not staying.” What could you say first, in your own words?"
                            ).count() == 1
    press_on(page, f"[data-reflection={WRITTEN}] details.model-answer summary")  # revealed before writing
    page.wait_for_selector(f"[data-reflection={WRITTEN}] .write-first", state="visible", timeout=WAIT)  # on toggle
    assert "You can write your answer first" in page.inner_text(f"[data-reflection={WRITTEN}] .write-first")
    assert page.is_visible(f"[data-reflection={WRITTEN}] details.model-answer li >> nth=0")
    page.keyboard.press("Enter")  # closed again
    tab_to(page, area)
    page.keyboard.type("I'm Sam. It sounds like a long night: would you like a seat?")
    page.wait_for_selector(f"[data-reflection={WRITTEN}] .save-status:has-text('Saved in this browser.')",
                           timeout=WAIT)
    note = state(page)["reflections"][f"02-checking-what-you-learned.html#{WRITTEN}-answer"]
    assert note["text"] == "I'm Sam. It sounds like a long night: would you like a seat?"
    assert note["prompt"] == "Jo says “I’m not staying.” What could you say first, in your own words?"
    press_on(page, f"[data-reflection={WRITTEN}] details.model-answer summary", "Space")
    page.wait_for_function("s => document.querySelector(s).open", arg=f"[data-reflection={WRITTEN}] details",
                           timeout=WAIT)
    page.evaluate("() => new Promise(done => setTimeout(done, 0))")  # after the toggle event, queued before it
    assert page.is_hidden(f"[data-reflection={WRITTEN}] .write-first")  # written: nothing to say
    assert "There is no single right answer." in page.inner_text(f"[data-reflection={WRITTEN}] details.model-answer")
    no_axe_violations(page, node_modules)
    page.reload()
    assert page.input_value(area) == "I'm Sam. It sounds like a long night: would you like a seat?"


def test_self_ratings_stay_private_and_the_later_one_shows_the_earlier(page, html, node_modules):
    page.goto((html / FIRST).as_uri())
    statement = "Welcoming someone who arrives on the ward after midnight, tired and frightened"
    group = page.get_by_role("group", name=statement, exact=True)
    assert group.count() == 1 and group.get_by_role("radio").count() == 4
    tab_to(page, "#s1-b1-s1-1")
    page.keyboard.press("ArrowRight")  # radio buttons: the arrow moves to the next label and chooses it
    assert page.is_checked("#s1-b1-s1-2")
    page.wait_for_selector("[data-rating=s1-b1] .save-status:has-text('Saved in this browser.')", timeout=WAIT)
    rating = state(page)["reflections"]["01-arriving-at-night.html#s1-b1-s1"]
    assert rating["text"] == "My rating: A little confident" and rating["rating"] == "before"
    no_axe_violations(page, node_modules)

    page.goto((html / CHECKS).as_uri())
    befores = page.locator("[data-rating=s2-b3] .before").all_inner_texts()
    assert befores == ["Before: A little confident", "You did not rate this earlier."]
    tab_to(page, "#s2-b3-s1-1")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # to the last point of the scale
    assert page.is_checked("#s2-b3-s1-4")
    page.reload()
    assert page.is_checked("#s2-b3-s1-4") and not page.is_checked("#s2-b3-s1-1")
    no_axe_violations(page, node_modules)


def test_everything_answered_counts_on_the_summary_and_notes_download_with_ratings(page, html, tracked):
    page.goto((html / CHECKS).as_uri())
    answers = {CHOICE: [1]}
    press_on(page, f"#{CHOICE}-o1", "Space")
    press_on(page, f"#{CHOICE} [data-action=check-answer]")
    for qid in (ORDER, MATCH):
        selects = page.locator(f"#{qid} select")
        for n in range(selects.count()):
            pick(page, f"#{qid}-s{n + 1}", int(page.get_attribute(f"#{qid}-s{n + 1}", "data-right")))
        press_on(page, f"#{qid} [data-action=check-answer]")
        result(page, qid, "That is right")
        answers[qid] = list(tracked[qid].correct)
    tab_to(page, f"#{WRITTEN}-answer")
    page.keyboard.type("A written answer to keep")
    page.wait_for_selector(f"[data-reflection={WRITTEN}] .save-status:has-text('Saved')", timeout=WAIT)
    tab_to(page, "#s2-b3-s2-1")  # Tab reaches a group of radio buttons at its first; the arrows move in it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("[data-rating=s2-b3] .save-status:has-text('Saved')", timeout=WAIT)

    page.goto((html / SUMMARY).as_uri())
    assert page.get_attribute("body", "data-questions") == "3"  # every kind counts
    assert "answered 3 of 3 questions (3 right)" in page.inner_text("#completion")
    listed = page.inner_text("#reflection-list")
    assert "A written answer to keep" in listed and "My rating: Fairly confident" in listed
    tab_to(page, "main [data-action=download-reflections]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Jo says “I’m not staying.” What could you say first, in your own words?\nA written answer to keep" in text
    assert "Offering a choice when the options are few\nMy rating: Fairly confident" in text
    kept = state(page)
    assert {qid: [int(c) for c in kept["answers"][qid]["chosen"]] for qid in answers} == answers

    tab_to(page, "[data-action=remove-everything]")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # "Yes, remove everything" has the focus
    page.wait_for_function("key => !localStorage.getItem(key)", arg=STATE, timeout=WAIT)


def test_in_a_package_answers_go_to_the_platform_in_shown_numbers_and_notes_and_ratings_never(
        browser, html, served, tracked):  # noqa: F811 - the fixture imported above
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(served + lms_page(html, {"visited": [], "answers": {}, "last": None, "paths": {}}, CHECKS))
    frame = page.frame_locator("iframe")
    frame.locator(f"#{ORDER} select").first.wait_for()
    for qid in (ORDER, MATCH):
        for n in range(4):
            select = frame.locator(f"#{qid}-s{n + 1}")
            select.select_option(select.get_attribute("data-right"))
        frame.locator(f"#{qid} [data-action=check-answer]").click()
    frame.locator(f"#{WRITTEN}-answer").fill("Private words")
    frame.locator("#s2-b3-s1-2").check()
    frame.locator("[data-rating=s2-b3] .save-status:has-text('Saved')").wait_for()
    frame.locator(f"[data-reflection={WRITTEN}] .save-status:has-text('Saved')").wait_for()
    records = page.evaluate("window.records")
    last = records[-1]
    assert sorted(last) == ["answers", "last", "paths", "visited"]
    assert last["answers"] == {qid: {"chosen": [str(n) for n in tracked[qid].correct], "correct": True, "tries": 1}
                               for qid in (ORDER, MATCH)}
    sent = json.dumps(records)
    assert "Private words" not in sent and "confident" not in sent  # notes and ratings stay in the browser
    kept = page.evaluate("Object.entries(localStorage).filter(([k]) => k.startsWith('coursebuilder:'))")
    assert len(kept) == 1 and kept[0][0].endswith(":learner-l123")  # this learner's notes only
    assert "Private words" in kept[0][1] and "A little confident" in kept[0][1]
    context.close()


def test_without_javascript_every_question_reads_with_its_answers(browser, html):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((html / CHECKS).as_uri())
    for details in page.query_selector_all("details"):
        details.evaluate("d => { d.open = true; }")
    order = page.inner_text(f"#{ORDER} details.answers")
    assert ("Check that everyone — staff and patients — is safe and has what they need\n"
            "Agree what happened, in plain words, without blame\nTalk about how it felt, for anyone who wants to\n"
            "Agree what to change, who will do it and by when") in order
    assert "Safety first, then the facts" in order
    match = page.inner_text(f"#{MATCH} details.answers")
    assert ("Trigger goes with: Something that brings back the feeling of a past threat. Triggers differ from person "
            "to person — ask, don't guess.") in match
    assert "These four ideas come up throughout the course." in page.inner_text(f"#{MATCH} details.answers")
    assert "Predictability and choice" in page.inner_text(f"#{CHOICE} details.answers")
    assert "There is no single right answer." in page.inner_text(f"[data-reflection={WRITTEN}] details")
    assert page.is_visible(f"#{ORDER}-s1") and page.is_visible(f"#{MATCH}-s1")  # lists still there to think with
    assert page.is_visible("#s2-b3-s1-1")
    assert page.is_hidden(f"#{ORDER} [data-action=check-answer]")  # checking needs JavaScript
    context.close()
