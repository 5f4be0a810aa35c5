"""Citations: text cites a module's reference by its id, `[@guide]`, `[@guide, p. 12]` or
`[@guide; @other]`. Each output shows the citation in the course's author–date style, linked to the
reference list where the list is on the same output; an unknown id or a citation that cannot be read
is a located error, and a reference with an id that nothing cites is still a warning. Years that are
not a single number ("2023–24", "n.d.") are allowed and shown as written."""

from __future__ import annotations

import pytest

from coursebuilder.checks.prose import markdown_text
from coursebuilder.checks.text import FileLocator
from coursebuilder.markdown import Cited, render_markdown

from .checks_support import BODY, MODULE, edit, findings, write

pytestmark = pytest.mark.fast

CITE = {"guide": Cited("Someone, 2020", "summary.html#ref-guide"), "plan": Cited("NHS England, 2023–24", None)}.get


def test_a_citation_shows_author_and_date_linked_to_the_reference_list():
    html = str(render_markdown("Staff need time to talk [@guide, p. 12].", cite=CITE))
    assert html.strip() == ('<p>Staff need time to talk (<a class="citation" href="summary.html#ref-guide" '
                            'rel="noopener noreferrer">Someone, 2020, p. 12</a>).</p>')


def test_two_citations_share_one_pair_of_brackets_and_an_unlinked_one_is_plain_text():
    html = str(render_markdown("It helps [@guide; @plan].", cite=CITE))
    assert "(<a" in html and "Someone, 2020</a>; NHS England, 2023–24)." in html


def test_a_citation_is_not_part_of_the_words_the_checks_count():
    text = "It helps [@guide]. Always."
    [passage] = markdown_text("x.md", text, FileLocator(text)).passages
    assert passage.text == "It helps  . Always."  # the citation keeps its neighbours apart, and is no word


def test_an_unknown_id_is_a_located_error_with_did_you_mean(make_project):
    root = make_project("minimal")
    write(root, BODY, "Staff need time to talk [@guide].\n\nAnd more time [@giude, p. 4].\n")
    [unknown] = findings(root, "citation-unknown")
    assert (unknown.file, unknown.line, unknown.column, unknown.severity) == (BODY, 3, 17, "error")
    assert unknown.message == 'the module has no reference with the id "giude"'
    assert unknown.hint == 'did you mean "[@guide]"?'


def test_a_citation_that_cannot_be_read_is_a_located_error(make_project):
    root = make_project("minimal")
    write(root, BODY, "Staff need time to talk [@guide].\n\nAs [@Someone 2020] found.\n")
    [unread] = findings(root, "citation-syntax")
    assert (unread.line, unread.column) == (3, 4)
    assert "[@leamy-2011, p. 445]" in (unread.hint or "")


def test_citing_by_id_counts_as_citing_and_a_reference_nothing_cites_is_a_warning(make_project):
    root = make_project("minimal")
    edit(root, MODULE, "source: guide, attribution: A person interviewed for the guide, page: p. 4",
         "illustrative: true")  # the quote no longer names the reference as its source
    write(root, BODY, "Staff need time to talk [@guide].\n")
    assert findings(root, "uncited-reference") == []
    write(root, BODY, "Staff need time to talk.\n")
    [uncited] = findings(root, "uncited-reference")
    assert uncited.file == MODULE and "[@leamy-2011]" in (uncited.hint or "")


@pytest.mark.parametrize("year", ['"2023–24"', '"April 2014"', '"n.d."', "2020"])
def test_a_year_may_be_written_as_the_work_gives_it(make_project, year):
    root = make_project("minimal")
    edit(root, MODULE, "year: 2020,", f"year: {year},")
    write(root, BODY, "Staff need time to talk [@guide].\n")
    assert [d for d in findings(root) if d.severity == "error"] == []


def test_the_e_learning_links_each_citation_to_the_reference_list(make_project, tmp_path):
    from coursebuilder.pipeline import build
    from coursebuilder.project import Project

    root = make_project("minimal")
    write(root, BODY, "Staff need time to talk [@guide, p. 4].\n")
    build(Project.find(root), out=tmp_path / "out", formats=["html"], jobs=1)
    pages = tmp_path / "out" / "html" / "demo"
    section = next(pages.glob("01-*.html")).read_text(encoding="utf-8")
    assert '(<a class="citation" href="summary.html#ref-guide" rel="noopener noreferrer">Someone, 2020, p. 4</a>)' \
        in section and "[@" not in section
    assert '<li id="ref-guide">' in (pages / "summary.html").read_text(encoding="utf-8")


def test_a_citation_in_a_plain_text_field_is_a_located_error(make_project):
    root = make_project("minimal")
    edit(root, MODULE, "feedback: Yes.}", "feedback: \"Yes [@guide].\"}")
    [plain] = findings(root, "citation-syntax")
    assert plain.file == MODULE and "plain text" in plain.message
    assert "(Leamy and others, 2011)" in (plain.hint or "")
