"""Language checks: the recovery-focused rule data, robust matching, teaching passages and suppressions."""

from __future__ import annotations

import pytest

from coursebuilder.checks import language
from coursebuilder.diagnostics import Diagnostic, format_text

from .checks_support import BODY, MODULE, NOTES, edit, findings, located, write

EXAMPLE = "She suffered from schizophrenia, was non compliant and is a real frequent-flyer"
LANGUAGE_CODES = {term.code for term in language.data().terms}


def language_findings(project):
    return [d for d in findings(project) if d.code in LANGUAGE_CODES or d.code.startswith("suppression")
            or d.code == "unknown-rule"]


def found_in(text: str) -> list[tuple[str, str]]:
    """(code, words) for each term the built-in matcher finds in one passage of text."""
    return [(term.code, text[start:end]) for term, start, end in language.builtin_matcher().find(text)]


def test_the_example_paragraph_gives_three_findings_with_columns_and_hints(make_project, golden):
    project = make_project()
    write(project, BODY, f"Some words first.\n\n{EXAMPLE}.\n")
    found = language_findings(project)
    assert found == [
        Diagnostic(BODY, 3, 5, "error", "suffers-from",
                   '"suffered from" casts a person as a passive victim of their condition',
                   'try "lives with", "has a diagnosis of" or "has experience of"'),
        Diagnostic(BODY, 3, 38, "warning", "non-compliant",
                   '"non compliant" frames care as orders to obey rather than a shared plan',
                   'try "chose not to follow the plan" or "has concerns about the plan"'),
        Diagnostic(BODY, 3, 66, "error", "frequent-flyer",
                   '"frequent-flyer" mocks people who need services often',
                   'try "familiar face" or "person who uses services often"'),
    ]
    golden("checks-example.txt", format_text(found) + "\n")


@pytest.mark.parametrize("text", ["suffers from", "suffered from", "suffering from", "suffer with", "sufferers",
                                  "commits suicide", "committed suicide", "committing suicide",
                                  "refused medication", "refuses his medication", "lacking insight"])
def test_inflections_are_found(text):
    assert len(found_in(f"They said he {text} it.")) == 1


@pytest.mark.parametrize("text", ["non-compliant", "non compliant", "noncompliant", "non\u2011compliant",
                                  "non-compliance", "frequent flyer", "frequent-flyer", "frequentflyer",
                                  "bed blocker", "bed-blocker", "attention seeking", "attention-seeking"])
def test_hyphen_and_space_variants_are_found(text):
    assert [words for _, words in found_in(f"Staff wrote {text} in the notes.")] == [text]


@pytest.mark.parametrize("text", ["SUFFERS FROM", "Suffers From", "Frequent Flyer", "NON-COMPLIANT"])
def test_any_case_is_found(text):
    assert len(found_in(f"{text} was written on the board.")) == 1


@pytest.mark.parametrize("text", ["frequent flyers", "frequent flyer's", "frequent flyers'", "psychos",
                                  "the schizophrenic's", "bed-blockers"])
def test_plurals_and_possessives_are_found(text):
    assert [words for _, words in found_in(f"One of the {text} here.")] == [text.removeprefix("the ")]


@pytest.mark.parametrize("text", ["Good morning, madam.", "A nomadic life.", "Clinical psychology helps.",
                                  "A psycho-social model.", "Schizophrenia is a diagnosis.", "An abnormality.",
                                  "The sufferance of others.", "Psychosis is an experience."])
def test_words_inside_other_words_are_not_found(text):
    assert [code for code, _ in found_in(text) if code != "normal"] == []


def test_a_term_split_across_a_line_break_is_found_where_it_starts(make_project):
    project = make_project()
    write(project, BODY, "The notes said he\nsuffered\nfrom psychosis and was a frequent-\nflyer.\n")
    found = language_findings(project)
    assert located(found) == [(BODY, 2, 1, "suffers-from"), (BODY, 3, 26, "frequent-flyer")]
    assert found[0].message.startswith('"suffered from"')  # the line break is shown as a space


def test_markup_inside_a_term_does_not_hide_it(make_project):
    project = make_project()
    write(project, BODY, "> - He is a *frequent* **flyer** here.\n")
    assert located(language_findings(project)) == [(BODY, 1, 14, "frequent-flyer")]


@pytest.mark.parametrize("text, code", [
    ("relapse prevention plan", None),
    ("a DNA test", None), ("alcoholic drinks", None), ("asylum seekers", None), ("political asylum", None),
    ("kick off the session", None), ("a depressive episode", None), ("a victim of assault", None),
    ("acting out the scene", None),
    ("he relapsed", "relapse"), ("he was a DNA", "dna-label"), ("an alcoholic", "addict"),
    ("it kicked off on the ward", "kicking-off"), ("depressives", "diagnosis-as-identity"),
])
def test_words_around_a_term_can_make_it_fine(text, code):
    assert [c for c, _ in found_in(text)] == ([code] if code else [])


def test_context_dependent_words_are_info_and_never_fail_a_build(make_project, run):
    project = make_project()
    write(project, BODY, "A normal day. He can be dangerous. She is resistant. Service users came.\n")
    found = language_findings(project)
    assert {d.code for d in found} == {"normal", "dangerous", "resistant", "service-users"}
    assert {d.severity for d in found} == {"info"}
    assert run(project, "check", "--strict", "--today", "2026-11-26").exit_code == 0


def test_a_language_example_passage_is_not_checked(make_project):
    project = make_project()
    write(project, BODY, (
        "> **Language example:** older leaflets said a person \"suffers from schizophrenia\",\n"
        "> or called them a frequent flyer.\n"
        ">\n"
        "> - another suffers from, inside the same quote\n"
        "\n"
        "> A quote that is not an example: she suffers from it.\n"
    ))
    assert located(language_findings(project)) == [(BODY, 6, 39, "suffers-from")]


def test_a_language_example_in_a_yaml_markdown_field_is_not_checked(make_project):
    project = make_project()
    edit(project, MODULE, "{type: key_point, text: Remember this.}",
         '{type: key_point, text: "> Language example: not \\"a frequent flyer\\" but a familiar face."}')
    assert language_findings(project) == []


def test_an_inline_suppression_with_a_reason_allows_one_finding(make_project):
    project = make_project()
    write(project, BODY, (
        "<!-- coursebuilder: allow suffers-from because we quote a 1990s leaflet -->\n"
        "The leaflet said she suffers from her nerves.\n"
        "\n"
        "A later paragraph: he suffers from it. <!-- coursebuilder: allow slurs, suffers-from because quoted -->\n"
        "\n"
        "Not covered: she suffers from it.\n"
    ))
    found = language_findings(project)
    assert located(found) == [
        (BODY, 4, 40, "suppression-unused"),  # "slurs" allowed nothing in that paragraph
        (BODY, 6, 18, "suffers-from"),
    ]
    assert found[0].message == 'nothing here needs "allow slurs"'


@pytest.mark.parametrize("comment, code, message", [
    ("coursebuilder: allow suffers-from", "suppression", "this suppression gives no reason"),
    ("coursebuilder: allow suffers-from because", "suppression", "this suppression gives no reason"),
    ("coursebuilder: ignore suffers-from because old", "suppression",
     'cannot read "coursebuilder: ignore suffers-from because old"'),
    ("coursebuilder: allow sufers-from because old", "unknown-rule", 'there is no rule called "sufers-from"'),
])
def test_a_suppression_must_name_a_rule_and_give_a_reason(make_project, comment, code, message):
    project = make_project()
    write(project, BODY, f"Text.\n\n<!-- {comment} -->\nShe suffers from it.\n")
    found = language_findings(project)
    assert (found[0].line, found[0].column, found[0].code, found[0].message) == (3, 1, code, message)
    assert found[0].severity == "error"
    assert "suffers-from" in {d.code for d in found}  # a broken suppression allows nothing
    if code == "unknown-rule":
        assert found[0].hint == 'did you mean "suffers-from"?'


def test_ordinary_html_comments_are_left_alone(make_project):
    project = make_project()
    write(project, BODY, "<!-- a note to myself -->\nPlain words.\n")
    assert language_findings(project) == []


def test_yaml_values_are_located_through_folding_quotes_and_block_indentation(make_project):
    project = make_project()
    edit(project, MODULE, "{type: key_point, text: Remember this.}",
         "type: key_point\n        text: >-\n          Remember that\n          we never say nutter.\n"
         "      - type: scenario\n        title: Night\n        text: |\n          It is late.\n"
         "          He is a frequent\n          flyer, staff say.\n"
         "        questions: [\"Why is he \\\"non-compliant\\\"?\", 'Who''s a psycho?']")
    assert located(language_findings(project)) == [
        (MODULE, 36, 24, "slurs"),  # on the second line of a folded (>-) block
        (MODULE, 41, 19, "frequent-flyer"),  # in a literal (|) block, split over two lines
        (MODULE, 43, 34, "non-compliant"),  # after escaped quotes in a double-quoted string
        (MODULE, 43, 63, "slurs"),  # after a doubled quote in a single-quoted string
    ]


def test_a_yaml_comment_allows_a_finding_in_the_entry_below_it(make_project):
    project = make_project()
    edit(project, MODULE, "      - {type: key_point, text: Remember this.}",
         "      # coursebuilder: allow slurs because the quote shows the words patients hear\n"
         "      - {type: key_point, text: They called him a psycho.}\n"
         "      - {type: key_point, text: Still a psycho.}  # coursebuilder: allow slurs because quoted\n"
         "      - {type: key_point, text: Here a psycho is not allowed.}")
    assert located(language_findings(project)) == [(MODULE, 36, 40, "slurs")]


def test_reference_titles_and_published_quotes_are_not_checked_but_illustrative_quotes_are(make_project):
    project = make_project()
    edit(project, MODULE, "{id: guide, title: A guide,", "{id: guide, title: Challenging behaviour in people who suffer from psychosis,")
    edit(project, MODULE, "{type: quote, text: It helped to be heard., source: guide,",
         "{type: quote, text: The ward treated him as a frequent flyer., illustrative: true}\n"
         "      - {type: quote, text: I suffered from depression for years., source: guide,")
    assert located(language_findings(project)) == [(MODULE, 34, 55, "frequent-flyer")]


def test_facilitator_notes_and_course_yaml_are_our_words_too(make_project):
    project = make_project()
    write(project, NOTES, "Some patients are attention-seeking.\n")
    edit(project, "course.yaml", "[We listen without judging]", "[We never call anyone a nutter]")
    assert located(language_findings(project)) == [
        ("course.yaml", 9, 42, "slurs"), (NOTES, 1, 19, "attention-seeking")]


@pytest.mark.parametrize("term", language.data().terms, ids=lambda t: t.code)
def test_every_term_has_an_example_that_fires_and_a_better_version_that_does_not(term):
    assert term.example and term.better
    assert term.code in {code for code, _ in found_in(term.example)}
    assert term.code not in {code for code, _ in found_in(term.better)}
    assert set(term.sources) <= set(language.data().sources)


# The "Avoid" column of FACTS §7, with the rule each must meet. Context-dependent words are info.
FACTS_TABLE = [
    ("She suffers from depression.", "suffers-from", "error"),
    ("He was the schizophrenic on the ward.", "diagnosis-as-identity", "error"),
    ("She is a depressive.", "diagnosis-as-identity", "error"),
    ("Care for the mentally ill.", "the-mentally-ill", "error"),
    ("A mental patient.", "slurs", "error"), ("A nutter.", "slurs", "error"),
    ("A psycho.", "slurs", "error"), ("A schizo.", "slurs", "error"),
    ("A schizophrenic policy.", "diagnosis-as-identity", "error"),
    ("The old asylum.", "asylum", "info"), ("He saw the shrink.", "the-shrink", "warning"),
    ("On happy pills.", "happy-pills", "warning"),
    ("A crazed man.", "crazed", "warning"), ("A deranged man.", "crazed", "warning"), ("He went mad.", "mad", "info"),
    ("He committed suicide.", "committed-suicide", "error"),
    ("A failed suicide attempt.", "suicide-attempt-outcome", "error"),
    ("A successful suicide.", "suicide-attempt-outcome", "error"),
    ("She is attention-seeking.", "attention-seeking", "error"),
    ("He is manipulative.", "manipulative", "warning"), ("She is non-compliant.", "non-compliant", "warning"),
    ("He refused medication.", "refused-medication", "warning"),
    ("Challenging behaviour again.", "challenging-behaviour", "warning"),
    ("He is resistant.", "resistant", "info"), ("She is unmotivated.", "unmotivated", "warning"),
    ("He is acting out.", "acting-out", "warning"), ("She may relapse.", "relapse", "info"),
    ("A frequent flyer.", "frequent-flyer", "error"), ("A bed-blocker.", "bed-blocker", "error"),
    ("He is a DNA.", "dna-label", "warning"), ("He is dangerous.", "dangerous", "info"),
    ("She lacks insight.", "lacks-insight", "warning"), ("He was kicking off.", "kicking-off", "warning"),
    ("She absconded.", "absconded", "warning"), ("He escaped from the ward.", "escaped", "info"),
    ("An addict.", "addict", "warning"), ("An alcoholic.", "addict", "warning"),
    ("People with autism.", "people-with-autism", "warning"), ("A clean test.", "clean-test", "warning"),
    ("A dirty test.", "clean-test", "warning"), ("The patient is psychotic.", "is-psychotic", "warning"),
    ("Normal people.", "normal", "info"), ("Service users.", "service-users", "info"),
    ("A victim of depression.", "victim-of", "info"),
]


@pytest.mark.parametrize("text, code, severity", FACTS_TABLE)
def test_the_rule_data_covers_the_language_table(text, code, severity):
    terms = {term.code: term for term in language.data().terms}
    assert code in {c for c, _ in found_in(text)}
    assert terms[code].severity == severity
