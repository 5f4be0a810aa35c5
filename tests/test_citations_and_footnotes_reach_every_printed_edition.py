"""Citations and footnotes in the PDF editions: the citation in author–date style, linked to the
module's reference list in the same document; a text's notes printed after it, numbered, without the
screen's links back; nothing left as typed ([@…], [^…])."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .checks_support import BODY, write
from .conftest import require_tool

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    from .conftest import FIXTURES
    import shutil

    root = tmp_path_factory.mktemp("cited") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    write(root, BODY, "Staff need time to talk [@guide, p. 4].[^time]\n\n[^time]: Time here means paid time.\n")
    build(Project.find(root), out=root / "out", formats=["pdf"], jobs=1)
    return root / "out" / "pdf"


@pytest.mark.parametrize("name", ["demo-handbook.pdf", "demo-facilitator-guide.pdf", "demo-large-print.pdf",
                                  "course-handbook.pdf"])
def test_each_edition_prints_the_citation_and_the_note(pdfs, name):
    text = subprocess.run([require_tool("pdftotext"), str(pdfs / name), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = " ".join(text.split())
    assert "Staff need time to talk (Someone, 2020, p. 4)." in words
    assert "1. Time here means paid time." in words and "↩" not in words
    assert "[@" not in text and "[^" not in text


@pytest.mark.parametrize("name", ["demo-handbook.pdf", "course-handbook.pdf"])
def test_the_citation_links_to_the_reference_in_the_same_document(pdfs, name):
    with pikepdf.open(pdfs / name) as pdf:
        targets = [str(a.get("/Dest")) for page in pdf.pages for a in page.get("/Annots", []) if "/Dest" in a]
    assert "demo-ref-guide" in targets
