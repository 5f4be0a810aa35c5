"""Draw images/eight-principles.png: Imroc's eight principles of peer support.

Run from anywhere with a Python that has Pillow:

    python modules/peer-support/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
The principle names are Imroc's (Paper 5, 2013); the short descriptions are this module's own
words. Edit the TEXT below and run the script again to change the words.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    NAVY, WHITE, WIDTH, banded_card, canvas, centred, font, save, wrap, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "eight-principles.png"

TITLE = "Eight principles of peer support"
SOURCE = "Principles named by Imroc (Paper 5, 2013). Descriptions in this module's own words."

PRINCIPLES = [
    ("Mutual", "We share experiences and understanding."),
    ("Reciprocal", "Both people give, and both people gain."),
    ("Non-directive", "No telling people what to do. They find their own way."),
    ("Recovery-focused", "Holds on to hope and the person's own goals."),
    ("Strengths-based", "Starts from what the person can do and cares about."),
    ("Inclusive", "Welcomes people as they are, with their culture and community."),
    ("Progressive", "Moves forward, step by step, towards what the person wants."),
    ("Safe", "Clear, kind boundaries, so both people know where they stand."),
]


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 54)
    name_face = font(True, 30)
    body_face = font(False, 32)
    source_face = font(False, 24)

    centred(draw, 36, TITLE, title_face, NAVY)

    margin, gap = 40, 24
    cols, rows = 4, 2
    card_w = (WIDTH - 2 * margin - (cols - 1) * gap) // cols
    top, bottom = 128, 812
    card_h = (bottom - top - (rows - 1) * gap) // rows
    band_h = 68
    pad = 24
    line_h = 45
    for i, (name, text) in enumerate(PRINCIPLES):
        row, col = divmod(i, cols)
        x0 = margin + col * (card_w + gap)
        y0 = top + row * (card_h + gap)
        x1, y1 = x0 + card_w, y0 + card_h
        # Teal band with the principle's name in white (contrast about 6:1).
        banded_card(draw, (x0, y0, x1, y1), band_h, 22)
        if draw.textlength(name, font=name_face) > card_w - 2 * pad:
            raise SystemExit(f"the name {name!r} is too wide for its card")
        draw.text((x0 + pad, y0 + 16), name, font=name_face, fill=WHITE)

        # Left-aligned description (BDA style guide: left-aligned text reads more easily).
        lines = wrap(draw, text, body_face, card_w - 2 * pad)
        y = write_lines(draw, x0 + pad, y0 + band_h + 26, lines, body_face, line_h)
        if y - line_h + body_face.size + 8 > y1 - 16:
            raise SystemExit(f"text in the {name} card is too long for the card")

    centred(draw, 842, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
