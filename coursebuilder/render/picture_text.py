"""How large a picture's letters come out in each output, when its author says how large they are drawn
(an image block's `text_px`), and where they would be too small to read.

A diagram is drawn once, at one size, but printed at the width of an A4 text column and shown in the
middle of a slide: a 1600-pixel-wide diagram with 24-pixel letters prints them at about 6.5 pt, where
large print promises 18 pt. Where the letters come out smaller than an output's least readable size,
that output also gives the picture's words (its alt text) as text of the output's own size: printed
under the picture in a handbook, on a slide of their own in the deck. `coursebuilder check` says where
(checks/structure.py, `picture-text-small`).

The sizes are estimates from the page and slide geometry of coursebuilder's own theme (the width of
the text column less a block's padding; the picture box of its deck template), as a picture is shown
no wider than its own pixels at 96 per inch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Image
from .pdf_tables import A4_TEXT_WIDTH_PT

BLOCK_INSET_EM = 2.2  # a block's padding, left and right (print.css `.block`)
SLIDE_PICTURE_PT = (8.6 * 72, 4.8 * 72)  # the picture box of the Picture layout (pptx_layouts.py)
PT_PER_PX = 0.75  # CSS pixels: 96 to the inch
PRINT_LEAST_PT = 9.0  # smaller letters are hard to read on paper even at arm's length
SLIDE_LEAST_PT = 18.0  # the least text size on a slide (pptx_style.FLOOR_PT)


@dataclass(frozen=True)
class Shown:
    """Where a picture is shown, how large its smallest letters come out there, and the least readable."""

    where: str  # "in the handbooks", "on the slides"
    letters_pt: float
    least_pt: float

    @property
    def too_small(self) -> bool:
        return self.letters_pt < self.least_pt


def pixel_size(file: Path) -> tuple[int, int] | None:
    """A picture's width and height in pixels; None for a file Pillow cannot read (SVG)."""
    from PIL import Image as PILImage, UnidentifiedImageError

    try:
        with PILImage.open(file) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def in_print(block: Image, pixels: tuple[int, int] | None, body_pt: float, *, large_print: bool) -> Shown | None:
    """The letters in a handbook whose body text is `body_pt` (large print promises its body size)."""
    if block.text_px is None or pixels is None or pixels[0] <= 0:
        return None
    width_pt = min(pixels[0] * PT_PER_PX, A4_TEXT_WIDTH_PT - BLOCK_INSET_EM * body_pt)
    where = "in the large print handbook" if large_print else "in the handbooks"
    return Shown(where, block.text_px * width_pt / pixels[0], body_pt if large_print else PRINT_LEAST_PT)


def on_slides(block: Image, pixels: tuple[int, int] | None) -> Shown | None:
    """The letters on the picture's slide, the picture fitted into the layout's picture box."""
    if block.text_px is None or pixels is None or min(pixels) <= 0:
        return None
    scale = min(SLIDE_PICTURE_PT[0] / pixels[0], SLIDE_PICTURE_PT[1] / pixels[1], PT_PER_PX)
    return Shown("on the slides", block.text_px * scale, SLIDE_LEAST_PT)


def needs_words_in_print(block: Image, file: Path, body_pt: float, *, large_print: bool) -> bool:
    shown = in_print(block, pixel_size(file), body_pt, large_print=large_print)
    return bool(shown and shown.too_small and block.alt)


def needs_words_on_slides(block: Image, file: Path) -> bool:
    shown = on_slides(block, pixel_size(file))
    return bool(shown and shown.too_small and block.alt)
