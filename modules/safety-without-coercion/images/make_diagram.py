"""Draw images/safewards-flashpoints.png: the Safewards model, from domains to flashpoints to outcome.

Run from anywhere with a Python that has Pillow:

    python modules/safety-without-coercion/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background with teal accents, in
DejaVu Sans. Edit the TEXT below and run the script again to change the words; the script stops
with a message if any text no longer fits its box.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    CREAM, NAVY, TEAL, TINT, WHITE, WIDTH, banded_card, canvas, card, centred, font, save, wrap, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "safewards-flashpoints.png"

# --- TEXT ------------------------------------------------------------------------------------
TITLE = "The Safewards model"
SUBTITLE = "Where conflict starts, and where it can be changed"
DOMAINS_HEADING = "Six domains give rise to flashpoints"
DOMAINS = [
    "The staff team",
    "The physical environment",
    "Outside hospital",
    "The patient community",
    "Patient characteristics",
    "The regulatory framework",
]
FLASHPOINT = ("Flashpoints", "Moments when conflict could start, such as bad news or being told no.")
NEXT = ("What happens next", "Staff and patients can calm things or make them worse. "
        "The ten interventions help here.")
OUTCOME_HEADING = "The outcome"
OUTCOME_GOOD = "Less conflict and containment"
OUTCOME_BAD = "More conflict and containment"
FOOTER = "Staff and patients can change the outcome at every flashpoint."
SOURCE = "Source: Bowers and others (2014)"
# ---------------------------------------------------------------------------------------------


def arrow_right(draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float) -> None:
    draw.line([(x0, y), (x1 - 18, y)], fill=TEAL, width=8)
    draw.polygon([(x1, y), (x1 - 26, y - 20), (x1 - 26, y + 20)], fill=TEAL)


def arrow_down(draw: ImageDraw.ImageDraw, x: float, y0: float, y1: float) -> None:
    draw.line([(x, y0), (x, y1 - 18)], fill=TEAL, width=8)
    draw.polygon([(x, y1), (x - 20, y1 - 26), (x + 20, y1 - 26)], fill=TEAL)


def named_card(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], name: str, text: str,
               name_face, body_face) -> None:
    """A white card with a teal band holding its name, and wrapped text below."""
    x0, y0, x1, y1 = box
    band = 70
    banded_card(draw, box, band, 22)
    centred(draw, y0 + 14, name, name_face, WHITE, x0, x1)
    pad = 30
    line_h = 44
    lines = wrap(draw, text, body_face, x1 - x0 - 2 * pad)
    y = write_lines(draw, x0 + pad, y0 + band + 26, lines, body_face, line_h)
    if y - line_h + body_face.size + 6 > y1 - 20:
        raise SystemExit(f'text in the "{name}" card is too long for the card')


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 52)
    subtitle_face = font(False, 30)
    heading_face = font(True, 30)
    pill_face = font(True, 28)
    name_face = font(True, 36)
    body_face = font(False, 29)
    outcome_face = font(True, 27)
    footer_face = font(True, 31)
    source_face = font(False, 24)

    centred(draw, 30, TITLE, title_face, NAVY)
    centred(draw, 96, SUBTITLE, subtitle_face, NAVY)

    # Six domains, in a 3 x 2 grid inside a light frame.
    margin = 48
    frame = (margin, 150, WIDTH - margin, 392)
    card(draw, frame, 22)
    centred(draw, frame[1] + 18, DOMAINS_HEADING, heading_face, TEAL)
    gap = 22
    inner = 28
    pill_w = (frame[2] - frame[0] - 2 * inner - 2 * gap) // 3
    pill_h = 70
    for i, name in enumerate(DOMAINS):
        row, col = divmod(i, 3)
        x0 = frame[0] + inner + col * (pill_w + gap)
        y0 = frame[1] + 70 + row * (pill_h + 16)
        card(draw, (x0, y0, x0 + pill_w, y0 + pill_h), 35, fill=TINT, outline=TEAL)
        centred(draw, y0 + (pill_h - pill_face.size) / 2 - 3, name, pill_face, NAVY, x0, x0 + pill_w)

    # Three cards: flashpoints -> what happens next -> outcome.
    top, bottom = 452, 762
    arrow_gap = 70
    card_w = (WIDTH - 2 * margin - 2 * arrow_gap) // 3
    boxes = []
    for i in range(3):
        x0 = margin + i * (card_w + arrow_gap)
        boxes.append((x0, top, x0 + card_w, bottom))

    arrow_down(draw, (boxes[0][0] + boxes[0][2]) / 2, frame[3] + 6, top - 6)
    named_card(draw, boxes[0], *FLASHPOINT, name_face, body_face)
    arrow_right(draw, boxes[0][2] + 10, boxes[1][0] - 10, (top + bottom) / 2)
    named_card(draw, boxes[1], *NEXT, name_face, body_face)
    arrow_right(draw, boxes[1][2] + 10, boxes[2][0] - 10, (top + bottom) / 2)

    # The outcome card holds two possible results: the hoped-for one filled in teal.
    x0, y0, x1, y1 = boxes[2]
    band = 70
    banded_card(draw, boxes[2], band, 22)
    centred(draw, y0 + 14, OUTCOME_HEADING, name_face, WHITE, x0, x1)
    pad = 26
    slot_h = 86
    good = (x0 + pad, y0 + band + 22, x1 - pad, y0 + band + 22 + slot_h)
    bad = (x0 + pad, good[3] + 20, x1 - pad, good[3] + 20 + slot_h)
    if bad[3] > y1 - 16:
        raise SystemExit("the outcome boxes do not fit in their card")
    draw.rounded_rectangle(good, radius=16, fill=TEAL)
    card(draw, bad, 16, fill=CREAM, outline=NAVY)
    for box, text, colour in ((good, OUTCOME_GOOD, WHITE), (bad, OUTCOME_BAD, NAVY)):
        lines = wrap(draw, text, outcome_face, box[2] - box[0] - 32)
        line_h = 36
        y = box[1] + (slot_h - line_h * len(lines)) / 2 + 2
        for line in lines:
            centred(draw, y, line, outcome_face, colour, box[0], box[2])
            y += line_h

    centred(draw, 792, FOOTER, footer_face, NAVY)
    centred(draw, 846, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
