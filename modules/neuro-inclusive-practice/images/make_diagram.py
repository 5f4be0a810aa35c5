"""Draw images/three-sensory-differences.png: three forms of sensory difference, with ward ideas.

Run from anywhere with a Python that has Pillow:

    python modules/neuro-inclusive-practice/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
Edit the TEXT below and run the script again to change the words. If you change the words,
change the alt text in module.yaml to match.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    NAVY, TEAL, WHITE, WIDTH, banded_card, canvas, centred, font, icon_disc, save, wrap, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "three-sensory-differences.png"

TRY_BG = "#eef5f4"

TITLE = "Three forms of sensory difference"
SUBTITLE = "Between 69% and 90% of autistic people have sensory sensitivities"
FOOTER = "Ask about each sense: what is too much, what is too little, what helps?"
SOURCE = "Sources: NHS England, Sensory-friendly resource pack (2022); Memmott and others (2021)"

CARDS = [
    {
        "name": "Over-sensitive",
        "text": "Some sensations feel far too strong. An alarm or a strip light can hurt.",
        "try": "Turn it down: a quieter room, softer light",
        "icon": "loud",
    },
    {
        "name": "Under-sensitive",
        "text": "Some sensations feel faint. The person may need stronger input to notice them.",
        "try": "Turn it up: clear signals, check in often",
        "icon": "faint",
    },
    {
        "name": "Sensory seeking",
        "text": "The person looks for sensations that help, such as movement or pressure.",
        "try": "Make room: space to move, allow stimming",
        "icon": "seek",
    },
]


def arc(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, width: int, dashed: bool = False) -> None:
    """A sound wave: an arc opening to the right, from -50 to 50 degrees."""
    box = (cx - r, cy - r, cx + r, cy + r)
    if not dashed:
        draw.arc(box, -50, 50, fill=TEAL, width=width)
        return
    for start in range(-50, 50, 20):
        draw.arc(box, start, start + 10, fill=TEAL, width=width)


def draw_icon(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, r: int) -> None:
    icon_disc(draw, cx, cy, r)
    s = r * 0.66
    if kind in ("loud", "faint"):
        # A small speaker on the left, with waves: three thick waves (loud) or one dashed wave (faint).
        left = cx - s * 0.8
        draw.rectangle((left, cy - s * 0.25, left + s * 0.3, cy + s * 0.25), fill=TEAL)
        draw.polygon([(left + s * 0.3, cy - s * 0.25), (left + s * 0.75, cy - s * 0.6),
                      (left + s * 0.75, cy + s * 0.6), (left + s * 0.3, cy + s * 0.25)], fill=TEAL)
        origin = left + s * 0.55
        if kind == "loud":
            for i, radius in enumerate((s * 0.55, s * 0.95, s * 1.35)):
                arc(draw, origin, cy, radius, 7)
        else:
            arc(draw, origin, cy, s * 0.75, 4, dashed=True)
    elif kind == "seek":
        # An arrow reaching towards a dot with small rays: looking for input that helps.
        dot_x, dot_r = cx + s * 0.5, s * 0.24
        draw.ellipse((dot_x - dot_r, cy - dot_r, dot_x + dot_r, cy + dot_r), fill=TEAL)
        draw.line([(cx - s * 1.05, cy), (cx - s * 0.2, cy)], fill=TEAL, width=9)
        head = [(cx + s * 0.05, cy), (cx - s * 0.3, cy - s * 0.3), (cx - s * 0.3, cy + s * 0.3)]
        draw.polygon(head, fill=TEAL)
        for angle in (-45, 0, 45):
            a = math.radians(angle)
            x0, y0 = dot_x + math.cos(a) * s * 0.38, cy + math.sin(a) * s * 0.38
            x1, y1 = dot_x + math.cos(a) * s * 0.6, cy + math.sin(a) * s * 0.6
            draw.line([(x0, y0), (x1, y1)], fill=TEAL, width=5)


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 54)
    subtitle_face = font(False, 30)
    name_face = font(True, 40)
    body_face = font(False, 29)
    try_face = font(True, 27)
    footer_face = font(True, 31)
    source_face = font(False, 24)

    centred(draw, 44, TITLE, title_face, NAVY)
    centred(draw, 116, SUBTITLE, subtitle_face, NAVY)

    margin, gap = 48, 36
    card_w = (WIDTH - 2 * margin - 2 * gap) // 3
    top, bottom = 186, 746
    band_h = 80
    for i, card in enumerate(CARDS):
        x0 = margin + i * (card_w + gap)
        x1 = x0 + card_w
        # Teal band with the name in white (contrast about 6:1).
        banded_card(draw, (x0, top, x1, bottom), band_h, 24)
        centred(draw, top + 17, card["name"], name_face, WHITE, x0, x1)

        icon_cy = top + band_h + 80
        draw_icon(draw, card["icon"], (x0 + x1) // 2, icon_cy, 60)

        # Left-aligned text reads more easily than centred text (BDA style guide).
        pad = 32
        lines = wrap(draw, card["text"], body_face, card_w - 2 * pad)
        y = write_lines(draw, x0 + pad, icon_cy + 86, lines, body_face, 43)

        # "Try" panel pinned to the bottom of the card.
        try_lines = wrap(draw, card["try"], try_face, card_w - 2 * pad - 24)
        panel_h = 28 + 38 * len(try_lines)
        panel_top = bottom - 24 - panel_h
        if y + 8 > panel_top:
            raise SystemExit(f"text in the {card['name']} card is too long for the card")
        draw.rounded_rectangle((x0 + 20, panel_top, x1 - 20, bottom - 24), radius=16, fill=TRY_BG)
        write_lines(draw, x0 + pad + 4, panel_top + 14, try_lines, try_face, 38)

    centred(draw, 776, FOOTER, footer_face, NAVY)
    centred(draw, 834, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
