"""Accessibility checks: alt text, link text, heading levels, italics, underline, capitals, table headers."""

from __future__ import annotations

import pytest

from coursebuilder.diagnostics import Diagnostic

from .checks_support import BODY, MODULE, NOTES, edit, findings, located, write


def test_a_markdown_picture_without_alt_text_is_an_error(make_project):
    project = make_project()
    write(project, BODY, "Intro.\n\nSee ![](images/dot.png) here, and ![A teal square](images/dot.png).\n")
    assert findings(project, "alt-missing") == [Diagnostic(
        BODY, 3, 5, "error", "alt-missing", 'the picture "images/dot.png" has no alt text',
        "write what the picture shows between the brackets: ![Three panels showing …](diagram.png)")]


@pytest.mark.parametrize("alt, message", [
    ("dot.png", 'the alt text "dot.png" is a file name'),
    ("dot", 'the alt text "dot" is a file name'),
    ("IMG_0042", 'the alt text "IMG_0042" is a file name'),
    ("Image of a teal square", 'the alt text starts "Image of"; screen readers already say it is a picture'),
    ("A picture of a square", 'the alt text starts "A picture"; screen readers already say it is a picture'),
])
def test_alt_text_that_says_nothing_is_a_warning(make_project, alt, message):
    project = make_project()
    write(project, BODY, f"![{alt}](images/dot.png)\n")
    found = findings(project, "alt-text")
    assert [(d.line, d.column, d.message) for d in found] == [(1, 1, message)]


@pytest.mark.parametrize("alt", ["A teal square", "Imagery used on the ward's walls", "Photographs of the garden"])
def test_alt_text_that_describes_the_picture_is_fine(make_project, alt):
    project = make_project()
    write(project, BODY, f"![{alt}](images/dot.png)\n")
    assert findings(project, "alt-text") == []


def test_the_alt_text_of_an_image_block_is_checked_where_it_is_written(make_project):
    project = make_project()
    edit(project, MODULE, "alt: A small teal square", "alt: Photo of a small teal square")
    assert located(findings(project, "alt-text")) == [(MODULE, 35, 49, "alt-text")]


@pytest.mark.parametrize("markdown, column, message", [
    ("For support, [click here](https://example.org).", 14, 'the link text "click here" does not say where it goes'),
    ("Support is [here](https://example.org).", 12, 'the link text "here" does not say where it goes'),
    ("Go to [https://example.org](https://example.org).", 8,
     '"https://example.org" is a bare web address; screen readers read it out character by character'),
    ("Go to <https://example.org/help>.", 8,
     '"https://example.org/help" is a bare web address; screen readers read it out character by character'),
    ("Go to www.example.org today.", 7,
     '"www.example.org" is a bare web address; screen readers read it out character by character'),
])
def test_link_text_must_say_where_it_goes(make_project, markdown, column, message):
    project = make_project()
    write(project, BODY, markdown + "\n")
    found = findings(project, "link-text")
    assert [(d.line, d.column, d.message) for d in found] == [(1, column, message)]


def test_descriptive_links_and_email_addresses_are_fine(make_project):
    project = make_project()
    write(project, BODY, "Contact [Samaritans](https://www.samaritans.org), or email jo@samaritans.org. "
                         "Read [more about supervision](https://example.org).\n")
    assert findings(project, "link-text") == []


def test_a_heading_that_skips_a_level_is_reported(make_project):
    project = make_project()
    write(project, BODY, "## One\n\nText.\n\n#### Two\n\n### Three\n\n## Four\n\n### Five\n")
    assert findings(project, "heading-skip") == [Diagnostic(
        BODY, 5, 1, "warning", "heading-skip", "this heading (####) skips a level: the heading above it is ##",
        "make it ###")]


def test_the_first_heading_must_follow_the_section_title(make_project):
    project = make_project()
    write(project, BODY, "Intro.\n\n### Too deep\n")
    write(project, NOTES, "## Fine\n\n### Also fine\n")
    found = findings(project, "heading-skip")
    assert [(d.file, d.line, d.message, d.hint) for d in found] == [
        (BODY, 3, "this heading (###) skips a level: the first heading here should be ##", "make it ##")]


def test_headings_in_block_text_sit_below_the_blocks_own_heading(make_project):
    project = make_project()
    edit(project, MODULE, "{type: key_point, text: Remember this.}",
         '{type: key_point, text: "## Fine\\n\\nText."}\n      - {type: key_point, text: "### Too deep"}')
    assert located(findings(project, "heading-skip")) == [(MODULE, 34, 34, "heading-skip")]


def test_long_italics_are_reported_and_short_titles_are_fine(make_project):
    project = make_project()
    write(project, BODY, ("Read *Changing the language* first.\n\n"
                          "*You can stop at any time and come back later.*\n\n"
                          "<i>You can stop at any time and come back later.</i>\n"))
    found = findings(project, "italic-run")
    assert [(d.line, d.column, d.message) for d in found] == [
        (3, 1, '10 words in italics ("You can stop at any time…")'),
        (5, 1, '10 words in italics ("You can stop at any time…")'),
    ]


def test_underline_is_reported_but_bold_is_fine(make_project):
    project = make_project()
    write(project, BODY, "Please <u>do not</u> share names. Please **do not** share names.\n\n<ins>Added text</ins>\n")
    assert [(d.line, d.column, d.message) for d in findings(project, "underline")] == [
        (1, 8, '"do not" is underlined'), (3, 1, '"Added text" is underlined')]


def test_runs_of_capitals_are_reported_but_abbreviations_are_fine(make_project):
    project = make_project()
    write(project, BODY, "Please DO NOT SHARE names. The NHS and UK guidance. Text SHOUT to 85258.\n\n## WHAT TO DO\n")
    assert [(d.line, d.column, d.message) for d in findings(project, "caps-run")] == [
        (1, 8, '"DO NOT SHARE" is written in capitals'), (3, 4, '"WHAT TO DO" is written in capitals')]


def test_tables_need_a_header_row(make_project):
    project = make_project()
    write(project, BODY, (
        "|   |   |\n|---|---|\n| Normative | Safe practice |\n\n"
        "| Function | What it does |\n|---|---|\n| Normative | Safe practice |\n\n"
        "<table><tr><td>Normative</td></tr></table>\n\n"
        "<table><tr><th>Function</th></tr><tr><td>Normative</td></tr></table>\n"
    ))
    assert located(findings(project, "table-header")) == [(BODY, 1, 1, "table-header"), (BODY, 9, 1, "table-header")]
