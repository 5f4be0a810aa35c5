"""New slides and notes pages, made by copying the first of each kind that python-pptx made.

python-pptx builds every new slide (and notes page) by cloning its layout's placeholders one at a
time, each through several XPath searches: a third of a deck's build time. A fresh slide's XML
depends only on its layout, so the first slide made from each layout is kept and copied, and the
new parts are named and related exactly as python-pptx names and relates them: the deck is the
same, byte for byte.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart, SlidePart

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class SlideMaker:
    def __init__(self, prs):
        self.prs = prs
        self.slides: dict[str, object] = {}  # layout name → the XML of a fresh slide from it
        self.notes = None  # the XML of a fresh notes page

    def add_slide(self, layout):
        template = self.slides.get(layout.name)
        if template is None:
            slide = self.prs.slides.add_slide(layout)
            self.slides[layout.name] = copy.deepcopy(slide._element)
            return slide
        presentation = self.prs.part
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                         copy.deepcopy(template))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        presentation._element.get_or_add_sldIdLst().add_sldId(presentation.relate_to(part, RT.SLIDE))
        return part.slide

    def notes_slide(self, slide):
        if self.notes is None:
            notes = slide.notes_slide
            self.notes = copy.deepcopy(notes._element)
            return notes
        package = slide.part.package
        part = NotesSlidePart(package.next_partname(NOTES_PARTNAME), CT.PML_NOTES_SLIDE, package,
                              copy.deepcopy(self.notes))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide
