"""The `checks:` settings in course.yaml: severities, switching rules off, project terms, and typos."""

from __future__ import annotations

from coursebuilder.diagnostics import Diagnostic

from .checks_support import BODY, edit, findings, located, write

SETTINGS_AT = "group_agreement:"


def with_settings(project, yaml: str) -> None:
    edit(project, "course.yaml", SETTINGS_AT, f"checks:\n{yaml}{SETTINGS_AT}")


def test_a_rule_can_be_switched_off_or_given_another_severity(make_project):
    project = make_project()
    write(project, BODY, "A frequent flyer. He is manipulative.\n")
    assert {(d.code, d.severity) for d in findings(project)} == {
        ("frequent-flyer", "error"), ("manipulative", "warning")}
    with_settings(project, "  rules:\n    frequent-flyer: warning\n    manipulative: off\n")
    assert {(d.code, d.severity) for d in findings(project)} == {("frequent-flyer", "warning")}


def test_an_unknown_rule_is_a_located_error_with_a_suggestion(make_project):
    project = make_project()
    with_settings(project, "  rules:\n    long-sentences: info\n")
    assert findings(project) == [Diagnostic(
        "course.yaml", 11, 5, "error", "unknown-rule", 'there is no rule called "long-sentences"',
        'did you mean "long-sentence"?')]


def test_a_mistyped_setting_is_a_located_error(make_project):
    project = make_project()
    with_settings(project, "  reading_grde: 8\n  rules: {long-sentence: sometimes}\n")
    assert [(d.line, d.column, d.code, d.message, d.hint) for d in findings(project)] == [
        (10, 3, "unknown-key", 'checks: unknown key "reading_grde"', 'did you mean "reading_grade"?'),
        (11, 26, "choice", 'checks, rules: long-sentence "sometimes" is not one of: error, warning, info, off',
         "use one of: error, warning, info, off"),
    ]


def test_project_terms_are_checked_like_the_built_in_ones(make_project):
    project = make_project()
    with_settings(project, (
        "  terms:\n"
        "    - code: ward-round\n"
        "      avoid: [ward round]\n"
        "      instead: [review meeting]\n"
        "      why: sounds like an inspection, not a conversation\n"
        "      severity: error\n"
    ))
    write(project, BODY, "See you at the ward\nrounds. A ward-rounder is fine.\n")
    assert findings(project) == [Diagnostic(
        BODY, 1, 16, "error", "ward-round", '"ward rounds" sounds like an inspection, not a conversation',
        'try "review meeting"')]


def test_a_project_term_can_be_suppressed_and_switched_off_by_its_code(make_project):
    project = make_project()
    with_settings(project, (
        "  rules: {ward-round: off}\n"
        "  terms:\n"
        "    - {code: ward-round, avoid: [ward round], advice: say review meeting, why: sounds like an inspection}\n"
    ))
    write(project, BODY, "See you at the ward round.\n")
    assert findings(project) == []


def test_a_project_term_needs_an_alternative_and_its_own_code(make_project):
    project = make_project()
    with_settings(project, (
        "  terms:\n"
        "    - {code: slurs, avoid: [loony], instead: [person], why: is a slur}\n"
        "    - {code: ward-round, avoid: [ward round], why: sounds like an inspection}\n"
    ))
    found = findings(project)
    assert [(d.line, d.column, d.code, d.message) for d in found] == [
        (12, 7, "no-alternative",
         'checks: the term "ward-round" says what to avoid but not what to do'),
    ]
    edit(project, "course.yaml", "    - {code: ward-round, avoid: [ward round], why: sounds like an inspection}\n", "")
    assert located(findings(project)) == [("course.yaml", 11, 14, "unknown-rule")]
    assert findings(project)[0].message == '"slurs" is already the code of a built-in rule'


def test_known_acronyms_and_the_reading_grade_come_from_settings(make_project):
    project = make_project()
    write(project, BODY, "Ask the CMHT. " + "We talk to people about their work. " * 15)
    assert [d.code for d in findings(project)] == ["acronym"]
    with_settings(project, "  acronyms: [CMHT]\n  reading_grade: 0.5\n")
    assert [d.code for d in findings(project)] == ["reading-grade"]
