"""Draw images/proctor-three-functions.png: Proctor's three functions of supervision.

Run from anywhere with a Python that has Pillow:

    python modules/space-to-think/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
Edit the TEXT below and run the script again to change the words.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    NAVY, TEAL, WHITE, WIDTH, banded_card, canvas, centred, font, icon_disc, save, wrap, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "proctor-three-functions.png"

TITLE = "Three functions of clinical supervision"
SUBTITLE = "Proctor's model (1986)"
FOOTER = "Good supervision makes room for all three."
SOURCE = "Source: Proctor (1986), as described by Bowles and Young (1999)"

CARDS = [
    {
        "name": "Normative",
        "tag": "Keeping practice safe",
        "text": "Checking that care meets agreed standards, policy and the law. Being open and accountable.",
        "icon": "check",
    },
    {
        "name": "Formative",
        "tag": "Learning and growing",
        "text": "Building skills and knowledge. Making sense of what happened and what to try next time.",
        "icon": "growth",
    },
    {
        "name": "Restorative",
        "tag": "Support for you",
        "text": "Space to talk about how the work feels, so you can keep caring for others and yourself.",
        "icon": "heart",
    },
]


def draw_icon(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, r: int) -> None:
    icon_disc(draw, cx, cy, r)
    s = r * 0.55
    if kind == "check":
        draw.line(
            [(cx - s * 0.75, cy + s * 0.05), (cx - s * 0.2, cy + s * 0.6), (cx + s * 0.8, cy - s * 0.55)],
            fill=TEAL, width=10, joint="curve",
        )
    elif kind == "growth":  # rising bars
        step = s * 0.62
        base = cy + s * 0.8
        left = cx - s * 0.95
        for i in range(3):
            x0 = left + i * step
            draw.rectangle((x0, base - (i + 1) * step, x0 + step - 6, base), fill=TEAL)
    elif kind == "heart":
        lobe = s * 0.52
        draw.ellipse((cx - 2 * lobe, cy - s * 0.75, cx, cy - s * 0.75 + 2 * lobe), fill=TEAL)
        draw.ellipse((cx, cy - s * 0.75, cx + 2 * lobe, cy - s * 0.75 + 2 * lobe), fill=TEAL)
        draw.polygon(
            [(cx - 2 * lobe + 2, cy - s * 0.75 + lobe * 1.25), (cx + 2 * lobe - 2, cy - s * 0.75 + lobe * 1.25),
             (cx, cy + s * 0.95)],
            fill=TEAL,
        )


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 54)
    subtitle_face = font(False, 32)
    name_face = font(True, 44)
    tag_face = font(True, 32)
    body_face = font(False, 30)
    footer_face = font(True, 32)
    source_face = font(False, 24)

    centred(draw, 52, TITLE, title_face, NAVY)
    centred(draw, 124, SUBTITLE, subtitle_face, NAVY)

    margin, gap = 48, 36
    card_w = (WIDTH - 2 * margin - 2 * gap) // 3
    top, bottom = 196, 736
    band_h = 86
    for i, card in enumerate(CARDS):
        x0 = margin + i * (card_w + gap)
        x1 = x0 + card_w
        # Teal band with the function's name in white (contrast about 6:1).
        banded_card(draw, (x0, top, x1, bottom), band_h, 24)
        centred(draw, top + 17, card["name"], name_face, WHITE, x0, x1)

        icon_cy = top + band_h + 84
        draw_icon(draw, card["icon"], (x0 + x1) // 2, icon_cy, 58)

        # Left-aligned text under the icon reads more easily than centred text (BDA style guide).
        pad = 36
        text_w = card_w - 2 * pad
        y = write_lines(draw, x0 + pad, icon_cy + 88, wrap(draw, card["tag"], tag_face, text_w), tag_face, 46)
        y = write_lines(draw, x0 + pad, y + 14, wrap(draw, card["text"], body_face, text_w), body_face, 45)
        text_bottom = y - 45 + body_face.size + 6
        if text_bottom > bottom - 36:
            raise SystemExit(f"text in the {card['name']} card is too long for the card")

    centred(draw, 770, FOOTER, footer_face, NAVY)
    centred(draw, 830, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
