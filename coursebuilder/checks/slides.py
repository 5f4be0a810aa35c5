"""Slides: a section whose words run over many continuation slides, where the author could write the
slide text themselves (a section's `slides:`). Measured as the deck measures it (render/pptx_pages.py),
with coursebuilder's own deck template at its own slide text size: check findings are kept by what
they depend on, which is not the theme (cache.Keys.check_key).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from functools import lru_cache

from ..load import LoadedCourse, LoadedModule
from ..render.pptx_pages import text_continuations
from ..render.pptx_style import Palette
from ..themes import ThemeTokens
from .registry import Rule
from .text import Place

MOST_CONTINUATIONS = 3  # continuation slides a section's text may need before `check` suggests slide text

RULES = [
    Rule("many-continuation-slides", "Structure and care", "warning",
         f"sections whose words would need more than {MOST_CONTINUATIONS} continuation slides in the deck",
         "Slides carry every word of a section unless the author writes slide text, so nothing is cut in the "
         "wrong place. A section that runs over many \"(continued)\" slides is hard to present: choosing what "
         "the group sees is the author's call, not the software's.",
         "write slide text for this section: add `slides:` to the section in module.yaml, a `##` heading for "
         "each slide with the points to show under it; the whole text stays in the speaker notes",
         "- title: Sense by sense\n  body: 02-senses.md   # six long paragraphs and a five-column table",
         "- title: Sense by sense\n  body: 02-senses.md\n  slides: |\n    ## Common triggers\n"
         "    - Alarms, keys and doors\n    - Bright lights at night"),
]
_RULE = RULES[0]


def check_module(course: LoadedCourse, module: LoadedModule) -> list[Diagnostic]:
    palette = _palette()
    found = []
    for number, section in enumerate(module.meta.sections, start=1):
        if section.slides:
            continue
        count = text_continuations(module, section, number, palette)
        if count > MOST_CONTINUATIONS:
            line, column = module.yaml.position(("sections", number - 1, "title"))
            found.append(_RULE.at(Place(module.yaml.path, line, column),
                                  f'the words of section {number}, "{section.title}", would need {count} '
                                  f"continuation slides in the deck (more than {MOST_CONTINUATIONS})"))
    return found


@lru_cache(maxsize=1)
def _palette() -> Palette:
    return Palette(ThemeTokens(name="default"))
