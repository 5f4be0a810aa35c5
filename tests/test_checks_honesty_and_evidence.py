"""Honesty and evidence: quotes say where their words come from, published modules carry their approvals and
co-production record, every reference is cited, claims are not reported second-hand, and the course's own
published text is checked like module text."""

from __future__ import annotations

import pytest

from coursebuilder.diagnostics import Diagnostic

from .checks_support import BODY, MODULE, edit, findings, located, run_checks, write

QUOTE = "{type: quote, text: It helped to be heard., source: guide, attribution: A person interviewed for the guide, page: p. 4}"


def test_the_fixture_is_published_approved_co_produced_and_cites_its_reference(make_project):
    codes = {d.code for d in run_checks(make_project())}
    assert not codes & {"unapproved", "not-co-produced", "approval-date", "uncited-reference", "quote-voice"}


def test_a_published_module_without_approvals_is_an_error_and_review_is_the_honest_state(make_project):
    project = make_project()
    edit(project, MODULE, "approvals:\n", "old_approvals:\n")
    edit(project, MODULE, "old_approvals:\n  - {", "# ")
    assert findings(project, "unapproved") == [Diagnostic(
        MODULE, 4, 9, "error", "unapproved", '"Demo module" says it is published, but no approval is recorded',
        "add `approvals:` (role, date and what was approved), or set `status: review` until it is approved")]
    edit(project, MODULE, "status: published", "status: review")
    assert {d.code for d in run_checks(project)} & {"unapproved", "draft", "not-co-produced"} == set()


def test_an_approval_dated_in_the_future_is_an_error(make_project):
    project = make_project()
    edit(project, MODULE, "date: 2026-10-20", "date: 2026-12-25")
    found = findings(project, "approval-date")
    assert located(found) == [(MODULE, 45, 61, "approval-date")]
    assert "25 December 2026, which has not come yet" in found[0].message


def test_a_published_module_without_a_co_production_record_is_a_warning(make_project):
    project = make_project()
    edit(project, MODULE, "co_production:\n  - {what: Planned the scenarios and reviewed the full draft, "
                          "who: [{role: Peer trainers with lived experience}], when: 2026-10-01}",
         "co_production: []\n")
    assert located(findings(project, "not-co-produced")) == [(MODULE, 4, 9, "not-co-produced")]


@pytest.mark.parametrize("text, voice", [
    ("I was scared, and nobody asked me why.", "I"),
    ("On our ward we stopped saying no on its own.", "our"),
    ("They told me it would help.", "me"),
])
def test_an_illustrative_quote_in_the_first_person_reads_as_testimony(make_project, text, voice):
    project = make_project()
    edit(project, MODULE, QUOTE, f"{{type: quote, text: \"{text}\", illustrative: true}}")
    [found] = findings(project, "quote-voice")
    assert (found.file, found.line, found.severity) == (MODULE, 34, "warning")
    assert f'speaks as "{voice}"' in found.message


def test_illustrative_words_in_the_third_person_and_published_first_person_words_are_fine(make_project):
    project = make_project()
    edit(project, MODULE, QUOTE, "{type: quote, text: A ward is calmer when people know what happens next., "
                                 "illustrative: true}\n      - {type: quote, text: I was heard., source: guide}")
    assert findings(project, "quote-voice") == []


def test_a_quote_must_name_a_reference_that_exists(make_project):
    project = make_project()
    edit(project, MODULE, "source: guide,", "source: guid,")
    assert findings(project, "quote-source") == [Diagnostic(
        MODULE, 34, 61, "error", "quote-source",
        'section "First steps": the quote\'s source "guid" is not the id of any reference in this module',
        'did you mean "guide"?')]


@pytest.mark.parametrize("quote, message", [
    ("{type: quote, text: Heard., source: guide, illustrative: true}",
     "a quote cannot both come from a source and be illustrative"),
    ("{type: quote, text: Heard., illustrative: true, attribution: A nurse}",
     "an illustrative quote is the course authors' own words, so it names no speaker"),
    ("{type: quote, text: Heard., attribution: A nurse}", "a quote needs to say where its words come from"),
    ("{type: quote, text: Heard., composite: true}", 'unknown key "composite"'),
])
def test_a_quote_without_honest_provenance_does_not_load(make_project, quote, message):
    project = make_project()
    edit(project, MODULE, QUOTE, quote)
    assert any(message in d.message for d in run_checks(project) if d.severity == "error"), message


def test_the_old_co_produced_with_key_says_what_replaced_it(make_project):
    project = make_project()
    edit(project, MODULE, "co_production:\n  - {what: Planned the scenarios and reviewed the full draft, "
                          "who: [{role: Peer trainers with lived experience}], when: 2026-10-01}",
         "co_produced_with:\n  - role: Peer trainers")
    [found] = [d for d in run_checks(project) if d.code == "unknown-key"]
    assert "`co_produced_with` is now `co_production`" in found.hint


def test_two_references_with_one_id_are_an_error(make_project):
    project = make_project()
    edit(project, MODULE, "references:\n", "references:\n  - {id: guide, title: Another guide}\n")
    assert [d.message for d in findings(project, "reference-id")] == [
        'two references have the id "guide" (references 1 and 2)']


def test_a_reference_nobody_cites_is_a_warning_and_citing_it_by_name_and_year_title_or_code_is_enough(make_project):
    project = make_project()
    edit(project, MODULE, "references:\n", "references:\n  - {title: Shared decision making (NICE guideline NG197), "
                                           "author: NICE, year: 2021}\n  - {title: Personal Recovery and Mental "
                                           "Illness, author: Slade M, year: 2009}\n")
    found = findings(project, "uncited-reference")
    assert located(found) == [(MODULE, 41, 5, "uncited-reference"), (MODULE, 42, 5, "uncited-reference")]
    write(project, BODY, "Decide together (NG197). Recovery is personal (Slade, 2009).\n")
    assert findings(project, "uncited-reference") == []


def test_a_surname_without_its_year_does_not_count_as_a_citation(make_project):
    project = make_project()
    edit(project, MODULE, "references:\n", "references:\n  - {title: Personal Recovery and Mental Illness, "
                                           "author: Slade M, year: 2009}\n")
    write(project, BODY, "Slade wrote about recovery in 2019 too, but not in this book.\n")
    # "Slade … 2019" is not "Slade … 2009".
    assert len(findings(project, "uncited-reference")) == 1


def test_a_claim_reported_second_hand_is_a_warning_unless_it_cites_a_summary_marked_secondary(make_project):
    project = make_project()
    write(project, BODY, "The guidance is reported to rule out face-down restraint.\n")
    assert located(findings(project, "hedged-claim")) == [(BODY, 1, 14, "hedged-claim")]
    write(project, BODY, "The guidance is reported to rule out face-down restraint (Someone, 2020).\n")
    assert len(findings(project, "hedged-claim")) == 1  # the guide is not marked secondary
    edit(project, MODULE, "{id: guide, title: A guide,", "{id: guide, secondary: true, title: A guide,")
    assert findings(project, "hedged-claim") == []


def test_the_courses_audience_and_co_production_text_are_language_checked(make_project):
    project = make_project()
    edit(project, "course.yaml", "title: Fixture course\n",
         "title: Fixture course\naudience: [Staff who work with service users]\n"
         "co_production: Written with people who suffered from psychosis.\n")
    codes = {(d.file, d.code) for d in run_checks(project)}
    assert ("course.yaml", "service-users") in codes
    assert ("course.yaml", "suffers-from") in codes


@pytest.mark.parametrize("speech", ["They cannot follow what is said to them.",
                                    "The incident was reported to the nurse in charge.",
                                    "Anything that is said to staff in confidence stays on the ward."])
def test_words_said_to_someone_are_speech_not_a_hedge(make_project, speech):
    project = make_project()
    write(project, BODY, speech + "\n")
    assert findings(project, "hedged-claim") == []
