"""Safe teaching: a section where someone says there is no point teaches the suicide-risk response, and no
activity casts a participant as a person who is restrained, secluded, searched or harmed."""

from __future__ import annotations

import pytest

from coursebuilder.diagnostics import Diagnostic

from .checks_support import BODY, MODULE, NOTES, edit, findings, located, write

SAFE_NOTES = ("If someone says there is no point, ask directly and kindly about thoughts of suicide. Stay with "
              "them, tell the nurse in charge this shift, write down their words and follow the trust's "
              "safety-planning policy (NICE NG225).\n")


@pytest.mark.parametrize("words, column", [
    ("there's no point", 31), ("There\u2019s no point", 31), ("there is no\npoint", 31),
    ("NOTHING'S WAITING FOR ME", 31), ("I can\u2019t go on", 33), ("they'd be better off without me", 41),
    ("I feel hopeless", 33),
])
def test_statements_of_hopelessness_are_found_in_any_case_with_any_apostrophe_across_lines(make_project, words,
                                                                                             column):
    project = make_project()
    write(project, BODY, f'A man on the ward tells you, "{words}."\n')
    found = findings(project, "suicide-response")
    assert located(found) == [(BODY, 1, column, "suicide-response")]
    assert found[0].severity == "error"


def test_a_role_card_in_facilitator_notes_counts_and_the_message_says_what_the_notes_lack(make_project):
    project = make_project()
    write(project, NOTES, "Role card 2: right now you feel there is no point in anything.\n\nFACILITATOR-ONLY-TEXT\n")
    assert findings(project, "suicide-response") == [Diagnostic(
        NOTES, 1, 33, "error", "suicide-response",
        'section "First steps": "there is no point" is a statement of hopelessness, but the section\'s '
        "facilitator notes do not say to ask directly and kindly about thoughts of suicide and name an "
        "escalation route, such as the nurse in charge and the safety-planning policy",
        "in the section's facilitator notes, teach the response: ask directly and kindly about thoughts of "
        "suicide, stay with the person, tell the nurse in charge this shift, record their words and follow "
        "the trust's safety-planning policy (NICE NG225)")]


def test_notes_that_teach_the_response_are_enough_and_only_the_content_note_must_then_name_suicide(make_project):
    project = make_project()
    write(project, BODY, 'She says, "What\'s the point?"\n')
    write(project, NOTES, SAFE_NOTES + "FACILITATOR-ONLY-TEXT\n")
    assert findings(project, "suicide-response") == []
    assert located(findings(project, "suicide-content-note")) == [(MODULE, 15, 11, "suicide-content-note")]
    edit(project, MODULE, "topics: [distress]", "topics: [distress, suicide]")
    assert findings(project, "suicide-content-note") == []


def test_a_route_without_the_word_suicide_is_not_enough(make_project):
    project = make_project()
    write(project, BODY, 'He says, "I want to die."\n')
    write(project, NOTES, "Tell the nurse in charge.\n")
    [finding] = findings(project, "suicide-response")
    assert "do not say to ask directly and kindly about thoughts of suicide\"" not in finding.message
    assert finding.message.endswith("do not say to ask directly and kindly about thoughts of suicide")


def test_a_section_without_facilitator_notes_is_told_to_add_them(make_project):
    project = make_project()
    write(project, "modules/demo/02-second.md", "He said there's no point in going on.\n")
    [finding] = findings(project, "suicide-response")
    assert finding.file == "modules/demo/02-second.md"
    assert finding.message.endswith("do not exist: the section has no facilitator notes")


def test_hope_and_pointless_meetings_are_not_hopelessness(make_project):
    project = make_project()
    write(project, BODY, "Hope matters. The meeting had no point to it. Pointless forms waste time.\n")
    assert findings(project, "suicide-response") == []


def test_a_suppression_with_a_reason_allows_a_statement_of_hopelessness(make_project):
    project = make_project()
    write(project, BODY, "<!-- coursebuilder: allow suicide-response because module 3 teaches the response "
                         "and this section links to it -->\nHe said there's no point.\n")
    assert findings(project, "suicide-response") == []


RESTRAINT = "{type: scenario, title: After the hold, text: Staff held him down on the floor., questions: [What now?]}"


def test_casting_a_participant_as_the_person_who_was_held_is_an_error(make_project):
    project = make_project()
    edit(project, MODULE, "{type: key_point, text: Remember this.}", RESTRAINT)
    edit(project, MODULE, "instructions: Talk about it.,",
         "instructions: Work in threes. One person is the nurse and one plays the young man.,")
    found = findings(project, "roleplay-harm")
    assert located(found) == [(MODULE, 25, 86, "roleplay-harm")]
    assert '"one plays the young man"' in found[0].message


@pytest.mark.parametrize("sentence", [
    "The facilitator plays the young man from a prompt card.",
    "Nobody plays the man who was held.",
    "Never ask anyone to play the patient.",
    "One person plays the nurse, one observes.",
])
def test_safe_ways_to_voice_the_person_are_not_reported(make_project, sentence):
    project = make_project()
    edit(project, MODULE, "{type: key_point, text: Remember this.}", RESTRAINT)
    edit(project, MODULE, "instructions: Talk about it.,", f"instructions: {sentence},")
    assert findings(project, "roleplay-harm") == []


def test_a_role_play_is_fine_when_nobody_in_the_section_is_harmed(make_project):
    project = make_project()
    edit(project, MODULE, "instructions: Talk about it.,", "instructions: One person plays the patient at ward round.,")
    assert findings(project, "roleplay-harm") == []


def test_a_role_play_of_a_searched_person_is_found_through_the_words_of_its_own_sentence(make_project):
    project = make_project()
    write(project, BODY, "Work in pairs. One of you is the woman who was searched on admission.\n")
    assert located(findings(project, "roleplay-harm")) == [(BODY, 1, 16, "roleplay-harm")]
