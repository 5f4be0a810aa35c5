"""Footnotes: `text.[^label]` and, on a line of its own, `[^label]: the note`. In HTML (e-learning,
SCORM and the PDF editions, which print a text's notes after it) each mark links to its note and
each note back to its mark, with ids unique on a page; the readability checks do not count a mark
as part of a word, and a mark without a note or a note without a mark is a located finding."""

from __future__ import annotations

import re

import lxml.html
import pytest

from coursebuilder.checks.prose import markdown_text
from coursebuilder.checks.text import FileLocator
from coursebuilder.markdown import render_markdown

from .checks_support import BODY, MODULE, findings, first_section_page, write

pytestmark = pytest.mark.fast

TEXT = """\
Most people on acute wards have lived through trauma.[^bowers] Many have been through it more than
once.[^bowers] A loud alarm can bring it back.[^alarm]

[^bowers]: The figure comes from a survey of ward staff, not of patients.
[^alarm]: See section 3 for what to do instead.
"""


def test_each_mark_links_to_its_note_and_each_note_links_back():
    tree = lxml.html.fragment_fromstring(str(render_markdown(TEXT)), create_parent="div")
    marks = tree.xpath("//sup[@class='footnote-ref']/a")
    assert [a.text for a in marks] == ["1", "1", "2"]
    assert [a.get("aria-label") for a in marks] == ["Note 1", "Note 1", "Note 2"]
    [notes] = tree.xpath("//section[@aria-label='Notes']")
    items = notes.xpath("./ol/li")
    assert [" ".join(li.text_content().split())[:20] for li in items] == ["The figure comes fro", "See section 3 for wh"]
    ids = {element.get("id") for element in tree.xpath("//*[@id]")}
    for a in marks:
        assert a.get("href").removeprefix("#") in ids  # mark → note
    backs = tree.xpath("//a[@class='footnote-backref']")
    assert len(backs) == 3 and all(a.get("href").removeprefix("#") in ids for a in backs)  # note → each mark
    assert backs[1].get("aria-label") == "Back to the text of note 1 (mark 2)"


def test_two_texts_on_one_page_never_share_an_id():
    first = str(render_markdown(TEXT))
    second = str(render_markdown(TEXT.replace("survey", "study")))
    ids = lambda html: set(re.findall(r'id="([^"]+)"', html))  # noqa: E731
    assert ids(first) and not ids(first) & ids(second)
    assert str(render_markdown(TEXT)) == first  # the same on every build


def test_an_authors_own_ids_and_classes_are_still_removed():
    html = str(render_markdown('<a id="main" class="button" href="#x">go</a> <sup class="big">2</sup>'))
    assert "id=" not in html and "class=" not in html


def test_a_mark_is_not_part_of_the_words_the_checks_read():
    text = "It helps.[^1] It is free.\n\n[^1]: A note."
    assert [p.text for p in markdown_text("x.md", text, FileLocator(text)).passages] == ["It helps. It is free.",
                                                                                       "A note."]


def test_a_mark_after_a_full_stop_does_not_join_two_sentences(make_project):
    root = make_project("minimal")
    twenty = "Staff on the ward can offer a person a quiet room, a drink and time to talk before anything else happens"
    write(root, BODY, f"{twenty}.[^a] {twenty}.\n\n[^a]: A short note.\n")
    assert findings(root, "long-sentence") == []
    write(root, BODY, f"{twenty} {twenty.lower()}.\n")  # the same words as one sentence are reported
    assert len(findings(root, "long-sentence")) == 1


def test_a_mark_without_its_note_is_a_located_error_with_did_you_mean(make_project):
    root = make_project("minimal")
    write(root, BODY, "Trauma is common.[^bower]\n\nMore text.[^bowers]\n\n[^bowers]: The note.\n")
    [missing] = findings(root, "footnote-missing")
    assert (missing.file, missing.line, missing.column, missing.severity) == (BODY, 1, 18, "error")
    assert '"[^bower]" has no note' in missing.message and '"[^bowers]"' in (missing.hint or "")


def test_a_note_nothing_points_to_is_a_located_warning(make_project):
    root = make_project("minimal")
    write(root, BODY, "Trauma is common.[^a]\n\n[^a]: Used.\n\n```\n[^code]: not a note: code\n```\n\n[^spare]: Unused.\n")
    [unused] = findings(root, "footnote-unused")
    assert (unused.file, unused.line, unused.column, unused.severity) == (BODY, 9, 1, "warning")
    assert "[^spare]" in unused.message


def test_notes_in_a_blocks_text_are_checked_at_their_place_in_module_yaml(make_project):
    root = make_project("minimal")
    text = (root / MODULE).read_text(encoding="utf-8")
    text = text.replace("{type: reflection, prompts: [What helps you?]}",
                        '{type: key_point, text: "It helps.[^x]"}', 1)
    write(root, MODULE, text)
    [missing] = findings(root, "footnote-missing")
    line = text.split("\n").index(next(ln for ln in text.split("\n") if "[^x]" in ln)) + 1
    assert (missing.file, missing.line) == (MODULE, line)


def test_the_e_learning_page_shows_the_notes(make_project, tmp_path):
    page = first_section_page(make_project("minimal"), TEXT, tmp_path / "out")
    assert "The figure comes from a survey of ward staff" in page and 'aria-label="Notes"' in page
    assert "[^" not in page
