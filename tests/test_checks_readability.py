"""Readability: syllables, Flesch–Kincaid grade per section, long sentences and paragraphs, abbreviations."""

from __future__ import annotations

import pytest

from coursebuilder.checks.readability import grade, sentences
from coursebuilder.checks.syllables import syllables
from coursebuilder.checks.text import Passage
from coursebuilder.diagnostics import Diagnostic

from .checks_support import BODY, MODULE, NOTES, edit, findings, located, write

PLAIN = "We talk. We listen. We help. " * 40  # 120 short sentences of one-syllable words
DENSE = ("Organisational psychological interventions necessitate considerable interdisciplinary "
         "collaboration, comprehensive documentation and institutional accountability. ") * 12


@pytest.mark.parametrize("word, count", [
    ("the", 1), ("table", 2), ("little", 2), ("makes", 1), ("places", 2), ("walked", 1), ("wanted", 2),
    ("agreed", 2), ("radio", 3), ("media", 3), ("social", 2), ("various", 3), ("conscious", 2), ("saying", 2),
    ("being", 2), ("wellbeing", 3), ("autism", 3), ("actual", 3), ("quality", 3), ("language", 2),
    ("management", 3), ("safely", 2), ("organisational", 6), ("psychological", 5), ("supervision", 4),
    ("restorative", 4), ("facilitator", 5), ("depersonalisation", 7), ("colleague", 2), ("people", 2),
    ("NHS", 3), ("2014", 4), ("every", 2), ("recovery", 4), ("daily", 2),
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_grade_is_the_flesch_kincaid_formula():
    found = list(sentences(Passage("text", "The cat sat on the mat. It was a happy cat.", [])))
    assert [s.words for s in found] == [["The", "cat", "sat", "on", "the", "mat"], ["It", "was", "a", "happy", "cat"]]
    # 11 words, 2 sentences, 12 syllables (happy has two)
    assert grade(found) == pytest.approx(0.39 * 11 / 2 + 11.8 * 12 / 11 - 15.59)


def test_sentences_do_not_end_at_abbreviations_or_inside_a_sentence():
    text = "Ask e.g. a nurse, i.e. someone you trust. Then rest! Is it 9.30 yet? Yes"
    assert [s.words[0] for s in sentences(Passage("text", text, []))] == ["Ask", "Then", "Is", "Yes"]


def test_a_section_above_the_target_grade_is_reported_at_its_title(make_project):
    project = make_project()
    write(project, BODY, DENSE)
    found = findings(project, "reading-grade")
    assert len(found) == 1
    diagnostic = found[0]
    assert (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.severity) == (MODULE, 18, 12, "warning")
    assert diagnostic.message.startswith('section "First steps" reads at grade ')
    assert diagnostic.message.endswith("; the target is 9 or lower")
    assert diagnostic.hint == ("use shorter sentences and everyday words; the hardest sentences are at "
                               f"{BODY}:1:1 and {BODY}:1:164")


def test_a_plain_section_is_not_reported(make_project):
    project = make_project()
    write(project, BODY, PLAIN)
    assert findings(project, "reading-grade") == []


def test_the_target_comes_from_course_yaml(make_project):
    project = make_project()
    write(project, BODY, PLAIN.replace("We help.", "We understand everybody."))
    assert findings(project, "reading-grade") == []
    edit(project, "course.yaml", "group_agreement:", "checks: {reading_grade: 1}\ngroup_agreement:")
    assert findings(project, "reading-grade")[0].message.endswith("; the target is 1 or lower")


def test_short_sections_and_facilitator_notes_are_not_graded(make_project):
    project = make_project()
    write(project, BODY, "Organisational interdisciplinary accountability considerations. " * 5)  # 20 words
    write(project, NOTES, DENSE)
    assert findings(project, "reading-grade") == []


def test_a_sentence_over_25_words_is_reported_where_it_starts(make_project):
    project = make_project()
    twenty_six = "Words " + " ".join(["word"] * 24) + " end."
    write(project, BODY, f"A short one. {twenty_six}\n\nWords " + " ".join(["word"] * 23) + " end.\n")
    assert findings(project, "long-sentence") == [Diagnostic(
        BODY, 1, 14, "warning", "long-sentence",
        'this sentence has 26 words ("Words word word word word word…"); aim for 25 or fewer',
        "split it into two or more sentences")]


def test_long_sentences_in_yaml_text_and_list_items_are_found_but_not_in_facilitator_notes(make_project):
    project = make_project()
    long = " ".join(["word"] * 30)
    write(project, BODY, f"- {long}\n- short item\n")
    write(project, NOTES, f"{long}.\n")
    edit(project, MODULE, "prompts: [What helps you?]", f"prompts: [What helps you?, {long}?]")
    assert located(findings(project, "long-sentence")) == [
        (BODY, 1, 3, "long-sentence"), (MODULE, 24, 55, "long-sentence")]


def test_a_paragraph_over_120_words_is_reported(make_project):
    project = make_project()
    long = "We talk and we listen. " * 25  # 125 words in 25 sentences
    write(project, BODY, f"Intro.\n\n{long}\n\n{'We talk and we listen. ' * 24}\n")
    assert findings(project, "long-paragraph") == [Diagnostic(
        BODY, 3, 1, "warning", "long-paragraph", "this paragraph has 125 words; aim for 120 or fewer",
        "break it into shorter paragraphs, or turn a series of points into a list")]


def test_an_abbreviation_must_be_explained_where_it_first_appears(make_project):
    project = make_project()
    write(project, BODY, (
        "Ask your CMHT first. Later the CMHT again.\n\n"
        "Your general practitioner (GP) can help. An AMHP (approved mental health professional) too.\n\n"
        "A Ward round, a chapter III, and OK.\n"
    ))
    assert findings(project, "acronym") == [Diagnostic(
        BODY, 1, 10, "warning", "acronym", '"CMHT" is not explained where it first appears',
        'spell it out the first time, like "… (CMHT)", or add CMHT to the glossary')]


def test_the_glossary_and_course_settings_explain_abbreviations(make_project):
    project = make_project()
    write(project, BODY, "Ask your CMHT or your GP, or the NHS.\n")
    assert [d.message[:6] for d in findings(project, "acronym")] == ['"CMHT"', '"GP" i', '"NHS" ']
    edit(project, MODULE, "glossary:\n", "glossary:\n  - {term: GP, definition: A family doctor.}\n")
    edit(project, "course.yaml", "group_agreement:", "checks: {acronyms: [NHS, CMHT]}\ngroup_agreement:")
    assert findings(project, "acronym") == []


def test_an_abbreviation_first_used_in_module_yaml_is_reported_there(make_project):
    project = make_project()
    edit(project, MODULE, "outcomes: [Name one thing, Do another thing]", "outcomes: [Name one CMHT, Do another thing]")
    write(project, BODY, "Your community mental health team (CMHT) can help.\n")
    assert located(findings(project, "acronym")) == [(MODULE, 13, 21, "acronym")]
