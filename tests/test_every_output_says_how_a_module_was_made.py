"""Every output tells the truth about a module: where each quote comes from, what co-production happened
(or that none has yet), and whether it is approved for use: the e-learning start page, the handbook and
facilitator guide, the title slide, and the SCORM package's description. Breaks appear in the session
plan and the deck's agenda."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.provenance import ILLUSTRATIVE, NOT_APPROVED, NOT_CO_PRODUCED

from .checks_support import MODULE, edit
from .conftest import FIXTURES, require_tool

APPROVED = ("Clinical lead, acute inpatient services approved the clinical content of every section on "
            "20 October 2026.")
CO_PRODUCED = ("Planned the scenarios and reviewed the full draft (Peer trainers with lived experience, "
               "1 October 2026).")
QUOTE = "{type: quote, text: It helped to be heard., source: guide, attribution: A person interviewed for the guide, page: p. 4}"


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    tool = require_tool("pdftotext")
    return words(subprocess.run([tool, str(path), "-"], capture_output=True, text=True,
                                check=True).stdout)


def slides_text(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return [words(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))
            for slide in deck.slides]


def notes_text(path: Path) -> str:
    deck = Presentation(str(path))
    return words(" ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides
                          if slide.has_notes_slide))


def scorm_description(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return words(package.read("metadata.xml").decode("utf-8"))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The minimal fixture as it is: published, approved and co-produced, with a quote from a source."""
    project = tmp_path_factory.mktemp("published") / "course"
    import shutil
    shutil.copytree(FIXTURES / "minimal", project)
    build(Project.find(project), out=project / "build")
    return project / "build"


@pytest.fixture(scope="module")
def in_review(tmp_path_factory) -> Path:
    """The same module, honest about being unfinished: in review, no record, an illustrative quote and a break."""
    project = tmp_path_factory.mktemp("review") / "course"
    import shutil
    shutil.copytree(FIXTURES / "minimal", project)
    edit(project, MODULE, "status: published", "status: review")
    edit(project, MODULE, "co_production:\n  - {what: Planned the scenarios and reviewed the full draft, "
                          "who: [{role: Peer trainers with lived experience}], when: 2026-10-01}", "\n")
    text = (project / MODULE).read_text(encoding="utf-8")
    (project / MODULE).write_text(text[:text.index("approvals:")], encoding="utf-8")
    edit(project, MODULE, QUOTE, "{type: quote, text: A ward is calmer when people know what happens next., "
                                 "illustrative: true}")
    edit(project, MODULE, "    outcomes: [1]\n", "    outcomes: [1]\n    break_after: 10\n")
    edit(project, MODULE, "minutes: 30", "minutes: 40")
    build(Project.find(project), out=project / "build")
    return project / "build"


def test_the_e_learning_start_page_shows_approval_and_co_production(published, in_review):
    page = words((published / "html" / "demo" / "index.html").read_text(encoding="utf-8"))
    assert APPROVED in page and CO_PRODUCED in page and "Approved for use." in page
    page = words((in_review / "html" / "demo" / "index.html").read_text(encoding="utf-8"))
    assert "Ready for local review: not yet approved for use." in page
    assert NOT_APPROVED in page and NOT_CO_PRODUCED in page
    assert "drawn from many experiences" not in page


def test_each_quote_says_where_its_words_come_from_in_e_learning_print_and_slides(published, in_review):
    credit = "A person interviewed for the guide, quoted in A guide (Someone, 2020), p. 4."
    assert credit in words((published / "html" / "demo" / "01-first-steps.html").read_text(encoding="utf-8"))
    assert credit in pdf_text(published / "pdf" / "demo-handbook.pdf")
    assert any(credit in slide for slide in slides_text(published / "pptx" / "demo.pptx"))
    assert ILLUSTRATIVE in words((in_review / "html" / "demo" / "01-first-steps.html").read_text(encoding="utf-8"))
    assert ILLUSTRATIVE in pdf_text(in_review / "pdf" / "demo-handbook.pdf")
    assert any(ILLUSTRATIVE in slide for slide in slides_text(in_review / "pptx" / "demo.pptx"))
    assert "not the words of a real person" in notes_text(in_review / "pptx" / "demo.pptx")


@pytest.mark.parametrize("edition", ["handbook", "facilitator-guide", "large-print"])
def test_every_printed_edition_says_whether_the_module_is_approved_and_co_produced(published, in_review, edition):
    text = pdf_text(published / "pdf" / f"demo-{edition}.pdf")
    assert APPROVED in text and CO_PRODUCED in text
    text = pdf_text(in_review / "pdf" / f"demo-{edition}.pdf")
    assert "Ready for local review: not yet approved for use." in text  # on the cover
    assert NOT_APPROVED in text and NOT_CO_PRODUCED in text


def test_the_title_slide_carries_the_approval_state(published, in_review):
    title = slides_text(published / "pptx" / "demo.pptx")[0]
    assert "Approval:" in title and "approved the clinical content" in title
    title = slides_text(in_review / "pptx" / "demo.pptx")[0]
    assert "Example NHS Foundation Trust · For local review" in title
    assert NOT_APPROVED in title and NOT_CO_PRODUCED in title
    assert "…" not in title  # nothing shortened to fit


def test_the_scorm_description_an_lms_shows_carries_the_approval_state(published, in_review):
    for edition in ("scorm12", "scorm2004"):
        assert APPROVED in scorm_description(published / "scorm" / f"demo-{edition}.zip")
        described = scorm_description(in_review / "scorm" / f"demo-{edition}.zip")
        assert NOT_APPROVED in described and NOT_CO_PRODUCED in described
        assert "Final" not in described and "final" not in described.replace("finally", "")


def test_a_break_is_in_the_session_plan_and_the_deck_agenda(in_review):
    plan = pdf_text(in_review / "pdf" / "demo-facilitator-guide.pdf")
    assert "09:30 to 09:50" in plan and "09:50 to 10:00 Break 10 None" in plan and "10:00 to 10:10" in plan
    slides = slides_text(in_review / "pptx" / "demo.pptx")
    agenda = next(slide for slide in slides if slide.startswith("Agenda"))
    assert "09:50 Break (10 minutes)" in agenda and "10:00 Second steps" in agenda
    assert "Agenda: 09:30 to 10:10" in agenda
