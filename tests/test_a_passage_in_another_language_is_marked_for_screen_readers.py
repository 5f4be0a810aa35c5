"""The language of a passage (WCAG 3.1.2): `[words]{lang=cy}` inside a sentence, or `{lang=cy}` alone on
the line before a paragraph, list or quotation. HTML carries it as `lang` (with `dir="rtl"` for a
right-to-left language); the English checks leave such words alone; a mark that is not a language
code, or one written so that it stays text, is a located error with the fix."""

from __future__ import annotations

import lxml.html
import pytest

from coursebuilder.markdown import render_markdown

from .checks_support import BODY, findings, first_section_page, write

pytestmark = pytest.mark.fast

CARD = """\
A welcome card by each bed might read:

{lang=cy}
Croeso i Ward Derwen. Rydyn ni yma i helpu.

We also say [آپ کا خیر مقدم ہے]{lang=ur} to people who speak Urdu, and [witamy]{lang=pl} in Polish.
"""


def _tree(markdown: str):
    return lxml.html.fragment_fromstring(str(render_markdown(markdown)), create_parent="div")


def test_a_marked_paragraph_and_marked_words_carry_their_language():
    tree = _tree(CARD)
    [welsh] = tree.xpath("//p[@lang='cy']")
    assert welsh.text_content().startswith("Croeso i Ward Derwen.")
    assert [(s.get("lang"), s.get("dir")) for s in tree.xpath("//span")] == [("ur", "rtl"), ("pl", None)]


def test_a_marked_quotation_or_list_carries_its_language():
    tree = _tree("{lang=cy}\n> Croeso.\n\n{lang=cy-GB}\n- Bore da\n- Nos da\n")
    assert tree.xpath("//blockquote/@lang") == ["cy"] and tree.xpath("//ul/@lang") == ["cy-GB"]


def test_only_a_language_keeps_a_span_and_only_a_language_code_is_kept():
    html = str(render_markdown('<span>plain</span> <span lang="fr" style="color:red">bonjour</span> '
                               '[Croeso]{lang=welsh} <span lang="x y">odd</span>'))
    assert html.strip() == '<p>plain <span lang="fr">bonjour</span> Croeso odd</p>'


def test_welsh_words_are_not_read_as_hard_english(make_project):
    root = make_project("minimal")
    welsh = ("Mae croeso cynnes i bawb sy'n dod i'r ward, ac rydyn ni'n gobeithio y byddwch chi'n teimlo'n "
             "ddiogel, yn cael eich clywed ac yn cael eich parchu bob dydd tra byddwch chi yma gyda ni ar y ward.")
    write(root, BODY, f"Some text in English first.\n\n{{lang=cy}}\n{welsh}\n")
    assert findings(root, "long-sentence") == []
    write(root, BODY, f"Some text in English first.\n\n{welsh}\n")
    assert len(findings(root, "long-sentence")) == 1


def test_a_name_instead_of_a_code_is_a_located_error_with_the_code(make_project):
    root = make_project("minimal")
    write(root, BODY, "Say hello.\n\n{lang=welsh}\nCroeso.\n\nAnd [Dzień dobry]{lang=Polish-language}.\n")
    found = findings(root, "lang-code")
    assert [(d.line, d.column, d.severity) for d in found] == [(3, 2, "error"), (6, 19, "error")]
    assert found[0].message == '"welsh" is not a language code' and found[0].hint == "write {lang=cy}"


def test_a_mark_that_would_stay_text_is_a_located_error(make_project):
    root = make_project("minimal")
    write(root, BODY, "Say hello.\n\n{lang cy}\nCroeso.\n\nAnd Croeso {lang=cy} too.\n")
    found = findings(root, "lang-syntax")
    assert [(d.line, d.column) for d in found] == [(3, 1), (6, 12)]
    assert "[Croeso]{lang=cy}" in (found[0].hint or "")


def test_the_e_learning_page_marks_the_welsh(make_project, tmp_path):
    page = first_section_page(make_project("minimal"), CARD, tmp_path / "out")
    assert '<p lang="cy">Croeso i Ward Derwen.' in page and '<span lang="ur" dir="rtl">' in page
    assert "{lang" not in page
