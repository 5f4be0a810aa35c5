"""The content checks read English: their word lists, patterns and reading-grade formula are English ones
(issue 22). So they read only English words: a course whose `language` is another one has only the
passages it marks `{lang=en}` checked, a block with `lang:` is left alone, and Welsh text is never
reported as hard to read by an English formula."""

from __future__ import annotations

import pytest

from .checks_support import BODY, MODULE, edit, findings, run_checks, write

# Plain Welsh, written for these tests: long words and long sentences by English measures.
WELSH = (
    "Mae llawer o bobl yn cyrraedd y ward yn hwyr yn y nos ar ôl oriau hir mewn adran achosion brys, "
    "ac mae'r hyn y mae'r aelod cyntaf o staff yn ei ddweud wrth y drws yn gwneud gwahaniaeth mawr i ba "
    "mor ddiogel y mae'r ward yn teimlo i bawb sydd yno, gan gynnwys cleifion, teuluoedd a chydweithwyr "
    "sy'n gweithio'n galed drwy'r nos.\n\n"
    "Gofynnwch yn garedig ac yn uniongyrchol beth fyddai'n helpu, a pheidiwch â rhuthro."
)
ENGLISH = "Say what you saw: the service user suffers from nothing we can label."


@pytest.fixture
def welsh(make_project):
    project = make_project()
    edit(project, "course.yaml", "language: en-GB", "language: cy-GB")
    return project


def test_a_welsh_course_is_not_read_by_the_english_checks(welsh):
    write(welsh, BODY, f"{WELSH}\n\n![Sgwâr bach gwyrddlas](images/dot.png)\n")
    codes = {d.code for d in run_checks(welsh)}
    assert not codes & {"long-sentence", "long-paragraph", "reading-grade", "long-word", "passive", "acronym"}, codes


def test_the_same_words_in_an_english_course_are_read(make_project):
    project = make_project()
    write(project, BODY, f"{WELSH}\n\n![Sgwâr bach gwyrddlas](images/dot.png)\n")
    assert findings(project, "long-sentence")  # so the test above means something


def test_english_marked_inside_a_welsh_course_is_still_checked(welsh):
    write(welsh, BODY, f"{WELSH}\n\n{{lang=en}}\n{ENGLISH}\n\n![Sgwâr bach gwyrddlas](images/dot.png)\n")
    found = {d.code for d in run_checks(welsh)}
    assert {"service-users", "suffers-from"} <= found
    write(welsh, BODY, f"{WELSH} [{ENGLISH}]{{lang=en}}\n\n![Sgwâr bach gwyrddlas](images/dot.png)\n")
    assert {"service-users", "suffers-from"} <= {d.code for d in run_checks(welsh)}


def test_a_value_in_module_yaml_is_read_in_the_courses_language(welsh):
    edit(welsh, MODULE, "{type: key_point, text: Remember this.}",
         "{type: key_point, text: Cofiwch ofyn i'r defnyddiwr gwasanaeth beth sy'n helpu.}")
    edit(welsh, "course.yaml", "language: cy-GB", "language: en-GB")
    edit(welsh, MODULE, "Cofiwch ofyn i'r defnyddiwr gwasanaeth beth sy'n helpu.",
         "Remember to ask the service user what helps.")
    assert [d.code for d in findings(welsh, "service-users")] == ["service-users"]
    edit(welsh, "course.yaml", "language: en-GB", "language: cy-GB")
    assert findings(welsh, "service-users") == []
