"""New slides and notes pages, made without python-pptx's slow paths; the deck is the same, byte for byte.

python-pptx builds every new slide (and notes page) by cloning its layout's placeholders one at a
time, each through several XPath searches, and names each new part after walking every part of the
package: together, half of a deck's build time, growing with the square of its slides. A fresh
slide's XML depends only on its layout, so the first slide made from each layout is kept and
copied; part names are counted; and the new parts are named and related exactly as python-pptx
names and relates them (pptx_compat.py).
"""

from __future__ import annotations

import copy

from . import pptx_compat as compat


class SlideMaker:
    def __init__(self, prs):
        self.prs = prs
        compat.count_part_names(prs.part.package)
        self.slides: dict[str, object] = {}  # layout name → the XML of a fresh slide from it
        self.notes = None  # the XML of a fresh notes page

    def add_slide(self, layout):
        template = self.slides.get(layout.name)
        if template is None:
            slide = self.prs.slides.add_slide(layout)
            self.slides[layout.name] = copy.deepcopy(compat.element(slide))
            return slide
        return compat.add_slide_copy(self.prs, layout, copy.deepcopy(template))

    def notes_slide(self, slide):
        if self.notes is None:
            notes = slide.notes_slide
            self.notes = copy.deepcopy(compat.element(notes))
            return notes
        return compat.add_notes_copy(slide, copy.deepcopy(self.notes))
