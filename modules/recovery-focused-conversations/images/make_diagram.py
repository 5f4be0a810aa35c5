"""Draw images/chime-questions.png: the five CHIME recovery processes, each with an opening question.

Run from anywhere with a Python that has Pillow:

    python modules/recovery-focused-conversations/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
Edit the TEXT below and run the script again to change the words; the script stops with a
message if any text would not fit its space.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from diagram_kit import (  # noqa: E402
    NAVY, TEAL, WHITE, WIDTH, balanced, canvas, card, centred, font, save, write_lines,
)

HERE = Path(__file__).resolve().parent
OUT = HERE / "chime-questions.png"

TITLE = "CHIME: five processes of personal recovery"
SOURCE = "Processes from Leamy and others (2011). The questions are this module's suggestions."

ROWS = [
    ("C", "Connectedness", "Who matters to you? Who would you like to see more of?"),
    ("H", "Hope and optimism", "What are you looking forward to? What has helped you through hard times before?"),
    ("I", "Identity", "What would you like us to know about you, apart from why you are here?"),
    ("M", "Meaning in life", "What gives your days purpose? What would you like to get back to?"),
    ("E", "Empowerment", "What would you like more say over while you are here?"),
]


def main() -> None:
    img, draw = canvas()

    title_face = font(True, 52)
    letter_face = font(True, 60)
    name_face = font(True, 38)
    question_face = font(False, 36)
    source_face = font(False, 26)

    centred(draw, 34, TITLE, title_face, NAVY)

    left, right = 60, WIDTH - 60
    top, row_h, gap = 128, 132, 12
    badge = 92  # diameter of the letter circle
    name_x = left + 36 + badge + 32
    name_w = 430
    question_x = name_x + name_w + 30
    question_w = right - 36 - question_x
    line_h = 47
    for i, (letter, name, question) in enumerate(ROWS):
        y0 = top + i * (row_h + gap)
        y1 = y0 + row_h
        cy = (y0 + y1) // 2
        card(draw, (left, y0, right, y1), 22)

        # Teal circle with the white initial letter (contrast about 6:1).
        bx = left + 36
        draw.ellipse((bx, cy - badge // 2, bx + badge, cy + badge // 2), fill=TEAL)
        lw = draw.textlength(letter, font=letter_face)
        box = draw.textbbox((0, 0), letter, font=letter_face)
        draw.text((bx + (badge - lw) / 2, cy - (box[1] + box[3]) / 2), letter, font=letter_face, fill=WHITE)

        if draw.textlength(name, font=name_face) > name_w:
            raise SystemExit(f'the name "{name}" is too long for its column')
        box = draw.textbbox((0, 0), name, font=name_face)
        draw.text((name_x, cy - (box[1] + box[3]) / 2), name, font=name_face, fill=TEAL)

        # Left-aligned question text reads more easily than centred text (BDA style guide).
        lines = balanced(draw, question, question_face, question_w)
        if len(lines) * line_h > row_h - 20:
            raise SystemExit(f'the question for "{name}" is too long for its row')
        write_lines(draw, question_x, cy - len(lines) * line_h / 2 + 4, lines, question_face, line_h)

    centred(draw, top + 5 * row_h + 4 * gap + 20, SOURCE, source_face, NAVY)

    save(img, OUT)


if __name__ == "__main__":
    main()
