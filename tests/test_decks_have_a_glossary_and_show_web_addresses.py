"""Small deck defects a presenter notices (issue 17): a module's glossary is on slides; a reference's web
address is on the slide itself (shortened when very long, the link and the notes keep all of it); a
decorative picture gets no slide of its own (see also tests/test_pptx.py)."""

from __future__ import annotations

import pytest
from pptx import Presentation

from coursebuilder.render.pptx_text import LINK_CHARACTERS, short_address

from .slides_support import notes_texts, project_with, slide_texts
from .test_pptx import build_pptx, check_deck

pytestmark = pytest.mark.fast

LONG_URL = ("https://www.england.nhs.uk/long-read/culture-of-care-standards-for-mental-health-inpatient-services/"
            "appendix-2-what-people-told-us-about-their-experience-of-inpatient-care?utm_source=newsletter")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    root = project_with(tmp_path_factory.mktemp("glossary"), "Some words.\n")
    module = root / "modules" / "demo" / "module.yaml"
    text = module.read_text(encoding="utf-8").replace(
        "glossary:\n", f"  - {{id: long, title: Culture of care standards, author: NHS England, year: 2024, "
        f"url: \"{LONG_URL}\"}}\nglossary:\n  - {{term: CHIME, definition: \"Five processes of personal recovery: "
        "connectedness, hope, identity, meaning and empowerment.\"}\n")
    module.write_text(text, encoding="utf-8")
    return build_pptx(root) / "demo.pptx"


def test_the_glossary_is_on_slides(deck):
    prs = check_deck(deck)
    titles = [s.shapes.title.text for s in prs.slides]
    assert "Glossary" in titles and titles.index("Glossary") < titles.index("Thank you: where to find support")
    glossary = slide_texts(deck)[titles.index("Glossary")]
    assert "Ward: A part of a hospital." in glossary
    assert "CHIME: Five processes of personal recovery: connectedness, hope, identity, meaning and empowerment." \
        in glossary


def test_a_references_web_address_is_on_the_slide_and_whole_in_the_link_and_notes(deck):
    prs = Presentation(str(deck))
    (slide,) = [s for s in prs.slides if s.shapes.title.text == "References"]
    text = slide_texts(deck)[list(prs.slides).index(slide)]
    assert "example.org/guide" in text, "a short address is shown whole"
    assert short_address(LONG_URL) in text and len(short_address(LONG_URL)) <= LINK_CHARACTERS
    targets = {rel.target_ref for rel in slide.part.rels.values() if rel.is_external}
    assert {"https://example.org/guide", LONG_URL} <= targets
    assert LONG_URL in notes_texts(deck)[list(prs.slides).index(slide)]


def test_a_long_address_keeps_its_site_and_the_end_of_its_path():
    assert short_address("https://example.org/guide/") == "example.org/guide"
    shown = short_address(LONG_URL)
    assert shown.startswith("www.england.nhs.uk/…/appendix-2-what-people") and shown.endswith("…")
    assert len(shown) <= LINK_CHARACTERS
