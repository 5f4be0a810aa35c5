"""`coursebuilder check` reads the interactive blocks as a careful colleague would: a choice that leads
nowhere, a step nobody reaches, a dead end, a loop with no way out, an ending that does not say why,
unclear best choices, order and pairs questions without feedback, a self-rating that compares with a
rating that is not there; and a question of no known kind is a located error with the fix."""

from __future__ import annotations

import pytest

from coursebuilder.diagnostics import Diagnostic

from .checks_support import edit, findings, run_checks

MODULE = "modules/night-shift/module.yaml"


@pytest.fixture
def project(make_project):
    return make_project("interactive")


def test_the_interactive_fixture_has_no_findings(project):
    assert run_checks(project) == []


def test_a_choice_that_leads_to_no_step_is_an_error_with_a_did_you_mean(project):
    edit(project, MODULE, "go_to: calm-ending", "go_to: calm-endin")
    assert findings(project, "step-unknown") == [Diagnostic(
        MODULE, 77, 24, "error", "step-unknown",
        'section "Arriving at night": the scenario "Arriving at 02:40 — “I’m not staying”": the choice "Explain honestly what happens in the '
        'morning and help Jo phone their sister" leads to "calm-endin", but no step is called that',
        'did you mean "calm-ending"?')]


def test_a_step_nobody_can_reach_is_a_warning(project):
    # The only way to the crowd at the door is from the desk; send that choice elsewhere.
    edit(project, MODULE, "go_to: crowd", "go_to: seat")
    found = findings(project, "step-unreachable")
    assert [(d.line, d.column, d.severity) for d in found] == [(61, 17, "warning"), (91, 17, "warning")]
    assert found[0].message.endswith('no choice leads to the step "crowd", so no learner will see it')
    # The crowd was the only way to the hard ending: both go unseen, and that is no loop.
    assert found[1].message.endswith('no choice leads to the step "hard-ending", so no learner will see it')
    assert findings(project, "step-no-way-out") == []


def test_a_step_without_choices_that_is_not_an_ending_is_an_error(project):
    edit(project, MODULE, "            ending: true\n            text: Jo talks",
         "            text: Jo talks")
    [found] = findings(project, "step-dead-end")
    assert (found.line, found.column, found.severity) == (83, 17, "error")
    assert 'the step "calm-ending" has no choices and is not marked as an ending' in found.message
    assert "ending: true" in found.hint


def test_a_loop_with_no_way_out_is_an_error_naming_the_steps(project):
    # Seat's best choice goes back to the door, and the crowd never lets anyone go: only loops remain.
    edit(project, MODULE, "go_to: calm-ending", "go_to: door")
    edit(project, MODULE, "go_to: hard-ending", "go_to: crowd")
    [found] = findings(project, "step-no-way-out")
    assert found.severity == "error"
    assert 'from the steps "door", "desk", "crowd", "seat" no ending can be reached' in found.message
    assert found.line == 43  # the first stuck step's choices
    # The endings are now out of reach too, and the best choices go round in a loop.
    assert {d.message.split("step ")[-1] for d in findings(project, "step-unreachable")} == {
        '"calm-ending", so no learner will see it', '"hard-ending", so no learner will see it'}
    assert [d.code for d in findings(project, "best-path")] == ["best-path"]


def test_an_ending_without_feedback_is_a_warning(project):
    edit(project, MODULE, "            feedback: A crowd at the door can feel like a threat, even when nobody means it. "
         "Jo's first night shaped how they saw the ward for days.\n", "")
    [found] = findings(project, "ending-feedback")
    assert (found.line, found.severity) == (91, "warning")
    assert 'the ending "hard-ending" does not say why things turned out this way' in found.message


def test_two_best_choices_at_one_step_are_a_warning(project):
    edit(project, MODULE, "                go_to: crowd\n", "                go_to: crowd\n                best: true\n")
    [found] = findings(project, "best-path")
    assert 'the step "desk" has 2 best choices' in found.message


def test_order_and_pairs_questions_without_feedback_are_warnings(project):
    edit(project, MODULE, "            feedback: Safety first, then the facts, then feelings and what to change — "
         "without blame.\n", "")
    edit(project, MODULE, "            feedback: These four ideas come up throughout the course.\n", "")
    found = findings(project, "question-feedback")
    assert [(d.line, d.severity) for d in found] == [(111, "warning"), (117, "warning")]
    assert found[0].message == ('section "Checking what you learned": the question "Put the steps of a debrief '
                                'after an incident in order." has no feedback')


@pytest.mark.parametrize("change, message", [
    ("compare_with: befor", 'section "Checking what you learned": there is no earlier self-rating called "befor"'),
    ("compare_with: after", 'section "Checking what you learned": a self-rating cannot compare with itself'),
])
def test_a_self_rating_compares_only_with_an_earlier_rating_that_exists(project, change, message):
    edit(project, MODULE, "compare_with: before", change)
    [found] = findings(project, "rating-compare")
    assert found.severity == "error" and found.message == message


def test_a_self_rating_compares_only_the_same_statements(project):
    path = project / MODULE
    text = path.read_text(encoding="utf-8")
    last = text.rindex("Offering a choice when the options are few")  # the later rating's statement
    path.write_text(text[:last] + "Asking for help early" + text[last + len("Offering a choice when the options are "
                                                                            "few"):], encoding="utf-8")
    [found] = findings(project, "rating-compare")
    assert (found.line, found.severity) == (142, "error")  # statements:
    assert found.message == ('section "Checking what you learned": these statements are not the same as those of the '
                             'self-rating "before"')


def test_a_question_of_no_known_kind_is_a_located_error(project, run):
    edit(project, MODULE, "            order:\n", "            steps:\n")
    result = run(project, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (f"{MODULE}:111:13: error[question-kind]: section \"Checking what you learned\", block 1 "
            "(knowledge_check), question 2: a question needs one of `options:` (choose the right answer), "
            "`order:` (put in order) or `pairs:` (match pairs)") in result.output
    assert "hint: give the question `options:`, `order:` or `pairs:`, and only one of them" in result.output


def test_a_facilitator_only_field_of_a_step_is_not_read_as_participant_text(project):
    from coursebuilder.checks.content import module_words
    from coursebuilder.project import Project
    from coursebuilder.load import load_course

    course = load_course(Project.find(project)).course
    texts, _ = module_words(course.module("night-shift"))
    kinds = {text.loc[-2] if isinstance(text.loc[-1], int) else text.loc[-1]: text.participant
             for text in texts if text.loc and "steps" in text.loc}
    assert kinds["facilitator_notes"] is False and kinds["debrief"] is False
    assert kinds["text"] is True and kinds["feedback"] is True


def test_a_branching_step_that_casts_a_learner_as_a_person_being_restrained_is_found(project):
    edit(project, MODULE, "            minutes: 5\n            choices:\n              - text: Introduce yourself",
         "            minutes: 5\n            choices:\n              - text: One of you is the patient and the others hold "
         "her down, then introduce yourself")
    [found] = findings(project, "roleplay-harm")
    assert found.file == MODULE and found.severity == "error"
    assert '"One of you is the patient" casts a participant as a person who is restrained' in found.message


def test_hopelessness_in_a_step_needs_the_suicide_response_in_the_facilitator_notes(project):
    edit(project, MODULE, "Jo sits in the quiet room with a cup of tea.",
         "Jo sits in the quiet room with a cup of tea and says, “What's the point of any of this?”")
    [found] = findings(project, "suicide-response")
    assert "say to ask directly and kindly about thoughts of suicide" in found.message
    # The step's own facilitator notes can carry the response.
    edit(project, MODULE, "            minutes: 5\n            choices:\n              - text: Explain honestly",
         "            facilitator_notes: If Jo sounds hopeless, ask directly and kindly about thoughts of suicide, "
         "and tell the nurse in charge.\n            minutes: 5\n            choices:\n              - text: Explain "
         "honestly")
    assert findings(project, "suicide-response") == []


def test_a_picture_inside_a_step_is_a_located_error(project):
    edit(project, MODULE, "Jo sits in the quiet room with a cup of tea.", "Jo sits in the quiet room ![tea](x.png).")
    found = [d for d in run_checks(project) if d.code == "image-in-text"]
    assert [(d.line, d.column, d.message) for d in found] == [
        (73, 19, 'section "Arriving at night": pictures cannot go inside `text`')]


def test_two_choices_to_the_same_step_are_a_warning(project):
    edit(project, MODULE, "                go_to: desk\n", "                go_to: seat\n")
    [found] = findings(project, "choices-same-step")
    assert found.severity == "warning"
    assert found.message.endswith('at the step "door", two choices lead to "seat"')
