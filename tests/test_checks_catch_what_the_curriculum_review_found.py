"""The expert review of the bundled curriculum (issue 15) found three critical problems that `check` missed.
On the old wording (tests/fixtures/old-curriculum, converted only where the format changed), the checks
now find each of them on their own, at the place a reviewer would point to."""

from __future__ import annotations

import shutil

import pytest

from .checks_support import findings
from .conftest import FIXTURES

OLD = FIXTURES / "old-curriculum"
RFC = "modules/recovery-focused-conversations"
SWC = "modules/safety-without-coercion"


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    project = tmp_path_factory.mktemp("old") / "course"
    shutil.copytree(OLD, project)
    return findings(project)


def at(found, code):
    return [(d.file, d.line, d.column) for d in found if d.code == code]


def test_hopelessness_taught_without_the_suicide_risk_response_is_an_error_where_it_is_written(found):
    # "When hope is hard to find" (and role card 3 in the same section), and the model rewrite of Note 3.
    assert (f"{RFC}/02-chime.md", 36, 40) in at(found, "suicide-response")
    assert (f"{RFC}/04-language-facilitator.md", 23, 112) in at(found, "suicide-response")
    message = next(d for d in found if d.code == "suicide-response" and d.file.endswith("02-chime.md"))
    assert '"nothing will get better" (and 1 more in this section)' in message.message
    assert "thoughts of suicide" in message.hint and "nurse in charge" in message.hint and "NG225" in message.hint
    assert all(d.severity == "error" for d in found if d.code == "suicide-response")


def test_a_content_note_that_does_not_name_suicide_is_reported_when_someone_says_there_is_no_point(found):
    notes = [d for d in found if d.code == "suicide-content-note"]
    assert any(d.file == f"{RFC}/module.yaml" and f"{RFC}/02-chime.md:36:40" in d.message for d in notes)


def test_casting_a_learner_as_the_man_who_was_restrained_is_an_error(found):
    assert at(found, "roleplay-harm") == [(f"{SWC}/module.yaml", 191, 52)]
    finding = next(d for d in found if d.code == "roleplay-harm")
    assert '"one is the man"' in finding.message
    assert "prompt card" in finding.hint and "talk-through" in finding.hint


def test_every_authored_voice_is_reported_and_every_module_claiming_published_lacks_approval(found):
    # Sixteen quotes were written by the course authors in the voice of patients, autistic people, peer
    # workers and staff, and shown as voices "drawn from many experiences".
    assert len(at(found, "quote-voice")) == 16
    assert len(at(found, "unapproved")) == 6
    assert len(at(found, "not-co-produced")) == 6


def test_second_hand_claims_and_an_unverifiable_reference_are_warnings(found):
    hedged = {file for file, _, _ in at(found, "hedged-claim")}
    assert "modules/trauma-informed-care/05-restraint.md" in hedged
    assert f"{SWC}/04-law-and-guidance.md" in hedged
    uncited = [d.message for d in found if d.code == "uncited-reference"]
    assert any("title not checked" in message for message in uncited)  # the untitled BMC HSR 2016 item


def test_long_sessions_without_a_break_are_found(found):
    assert {file for file, _, _ in at(found, "no-break")} == {
        f"modules/{slug}/module.yaml" for slug in
        ("trauma-informed-care", "neuro-inclusive-practice", "peer-support", "safety-without-coercion")}


def test_citations_that_name_a_journal_instead_of_its_authors_are_found(found):
    assert sorted(file for file, _, _ in at(found, "journal-as-author")) == [
        f"{RFC}/01-what-recovery-means.md", f"{SWC}/05-debrief.md", "modules/space-to-think/03-ways-to-reflect.md"]
