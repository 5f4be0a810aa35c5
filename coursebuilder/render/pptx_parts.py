"""New slides and notes pages, made without python-pptx's slow paths; the deck is the same, byte for byte.

python-pptx builds every new slide (and notes page) by cloning its layout's placeholders one at a
time, each through several XPath searches, and names each new part after walking every part of the
package: together, half of a deck's build time, growing with the square of its slides. A fresh
slide's XML depends only on its layout, so the first slide made from each layout is kept and
copied; part names are counted; and the new parts are named and related exactly as python-pptx
names and relates them.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlidePart

from ..errors import RenderError

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class SlideMaker:
    def __init__(self, prs):
        self.prs = prs
        prs.part.package.next_partname = _PartNames(prs.part.package)
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


class _PartNames:
    """python-pptx's `Package.next_partname` with the names in use counted, not found by walking
    every part. The same names come out: the highest free number up to one more than those in use."""

    def __init__(self, package):
        self.names = {str(part.partname) for part in package.iter_parts()}

    def __call__(self, template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        in_use = sum(1 for name in self.names if name.startswith(prefix))
        for number in range(in_use + 1, 0, -1):
            candidate = template % number
            if candidate not in self.names:
                self.names.add(candidate)  # every name asked for becomes a part straight away
                return PackURI(candidate)
        raise RenderError(f"no free part name for {template}")
