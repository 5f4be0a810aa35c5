"""Draw images/four-rs-six-principles.png: the four Rs, the fifth R and the six principles.

Run from anywhere with a Python that has Pillow:

    python modules/trauma-informed-care/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background with teal accents, in
DejaVu Sans. Edit the TEXT below and run the script again to change the words; the script stops
with a message if any text no longer fits.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    CARD, CARD_EDGE, NAVY, TEAL, TINT, WHITE, WIDTH, canvas, card, centred, font, save, wrap, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "four-rs-six-principles.png"

# --- TEXT ------------------------------------------------------------------------------------
TITLE = "A trauma-informed approach"
SOURCE = "Sources: SAMHSA (2014); NHS Education for Scotland (NES)"

RS_HEADING = "The Rs: what the ward does"
RS = [
    ("Realise", "Trauma is common and shapes how people react."),
    ("Recognise", "Notice the signs in patients, families and staff."),
    ("Respond", "Build it into routines and the way we talk."),
    ("Resist re-traumatisation", "Change what could repeat past harm."),
]
FIFTH_R = ("Relationships matter", "Build consistent, trusting relationships.")

PRINCIPLES_HEADING = "Six principles (SAMHSA)"
PRINCIPLES = [
    "Safety",
    "Trustworthiness and transparency",
    "Peer support",
    "Collaboration and mutuality",
    "Empowerment, voice and choice",
    "Cultural, historical and gender issues",
]
# ---------------------------------------------------------------------------------------------


def r_card(draw, x0, y0, x1, name, text, name_face, body_face, fifth=False) -> int:
    """One R as a card with a teal bar on the left. Returns the card's bottom edge."""
    pad, bar = 26, 14
    inner = x1 - x0 - bar - 2 * pad
    lines = wrap(draw, text, body_face, inner, strict=True)
    height = 18 + 40 + len(lines) * 36 + 16
    fill = TINT if fifth else CARD
    card(draw, (x0, y0, x1, y0 + height), 16, fill=fill, outline=TEAL if fifth else CARD_EDGE)
    draw.rounded_rectangle((x0, y0, x0 + bar + 8, y0 + height), radius=16, fill=TEAL)
    draw.rectangle((x0 + bar, y0 + 2, x0 + bar + 8, y0 + height - 2), fill=fill)
    tx = x0 + bar + pad
    draw.text((tx, y0 + 14), name, font=name_face, fill=TEAL if not fifth else NAVY)
    write_lines(draw, tx, y0 + 18 + 40, lines, body_face, 36)
    return y0 + height


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 54)
    heading_face = font(True, 34)
    name_face = font(True, 31)
    body_face = font(False, 27)
    principle_face = font(False, 30)
    number_face = font(True, 30)
    plus_face = font(True, 26)
    source_face = font(False, 24)

    centred(draw, 34, TITLE, title_face, NAVY)

    margin, gap = 48, 44
    left_x0, left_x1 = margin, 860
    right_x0, right_x1 = left_x1 + gap, WIDTH - margin
    top = 124

    # Left: the four Rs, then the fifth.
    draw.text((left_x0, top), RS_HEADING, font=heading_face, fill=NAVY)
    y = top + 56
    for name, text in RS:
        y = r_card(draw, left_x0, y, left_x1, name, text, name_face, body_face) + 10
    label = "+ NES adds a fifth R"
    draw.text((left_x0 + 4, y + 2), label, font=plus_face, fill=TEAL)
    y += 40
    y = r_card(draw, left_x0, y, left_x1, *FIFTH_R, name_face, body_face, fifth=True)
    if y > 820:
        raise SystemExit(f"the Rs run too low ({y}px); shorten the text")

    # Right: the six principles.
    draw.text((right_x0, top), PRINCIPLES_HEADING, font=heading_face, fill=NAVY)
    panel_top = top + 56
    panel_bottom = y
    card(draw, (right_x0, panel_top, right_x1, panel_bottom), 16)
    rows = len(PRINCIPLES)
    row_h = (panel_bottom - panel_top - 20) / rows
    r = 24
    text_x = right_x0 + 28 + 2 * r + 22
    for i, principle in enumerate(PRINCIPLES):
        cy = panel_top + 10 + row_h * (i + 0.5)
        cx = right_x0 + 28 + r
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=TEAL)
        centred(draw, int(cy - 18), str(i + 1), number_face, WHITE, int(cx - r), int(cx + r))
        lines = wrap(draw, principle, principle_face, right_x1 - 24 - text_x, strict=True)
        block_h = len(lines) * 38
        if block_h > row_h - 6:
            raise SystemExit(f'"{principle}" does not fit its row')
        write_lines(draw, text_x, cy - block_h / 2 - 2, lines, principle_face, 38)
        if i < rows - 1:
            ly = panel_top + 10 + row_h * (i + 1)
            draw.line((text_x, ly, right_x1 - 24, ly), fill=CARD_EDGE, width=2)

    centred(draw, 850, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
