"""Draw images/chime-questions.png: the five CHIME recovery processes, each with an opening question.

Run from anywhere with a Python that has Pillow:

    python modules/recovery-focused-conversations/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
Edit the TEXT below and run the script again to change the words; the script stops with a
message if any text would not fit its space.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "chime-questions.png"

WIDTH, HEIGHT = 1600, 900
CREAM = "#fbf8f1"
NAVY = "#1d2a44"
TEAL = "#0b6e69"
CARD = "#ffffff"
CARD_EDGE = "#c9d6d4"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

TITLE = "CHIME: five processes of personal recovery"
SOURCE = "Processes from Leamy and others (2011). The questions are this module's suggestions."

ROWS = [
    ("C", "Connectedness", "Who matters to you? Who would you like to see more of?"),
    ("H", "Hope and optimism", "What are you looking forward to? What has helped you through hard times before?"),
    ("I", "Identity", "What would you like us to know about you, apart from why you are here?"),
    ("M", "Meaning in life", "What gives your days purpose? What would you like to get back to?"),
    ("E", "Empowerment", "What would you like more say over while you are here?"),
]


def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    raise SystemExit(f"DejaVu Sans ({name}) not found; install fonts-dejavu-core")


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Split text into lines no wider than `width` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=face) <= width:
            current = trial
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def balanced(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap into as few lines as `wrap` needs, but with lines of similar length (no lone last word)."""
    lines = wrap(draw, text, face, width)
    narrow = width
    while narrow > 100 and len(wrap(draw, text, face, narrow - 10)) == len(lines):
        narrow -= 10
    return wrap(draw, text, face, narrow)


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, face, fill) -> None:
    draw.text(((WIDTH - draw.textlength(text, font=face)) / 2, y), text, font=face, fill=fill)


def main() -> None:
    img = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    draw = ImageDraw.Draw(img)

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
        draw.rounded_rectangle((left, y0, right, y1), radius=22, fill=CARD, outline=CARD_EDGE, width=3)

        # Teal circle with the white initial letter (contrast about 6:1).
        bx = left + 36
        draw.ellipse((bx, cy - badge // 2, bx + badge, cy + badge // 2), fill=TEAL)
        lw = draw.textlength(letter, font=letter_face)
        box = draw.textbbox((0, 0), letter, font=letter_face)
        draw.text((bx + (badge - lw) / 2, cy - (box[1] + box[3]) / 2), letter, font=letter_face, fill="#ffffff")

        if draw.textlength(name, font=name_face) > name_w:
            raise SystemExit(f'the name "{name}" is too long for its column')
        box = draw.textbbox((0, 0), name, font=name_face)
        draw.text((name_x, cy - (box[1] + box[3]) / 2), name, font=name_face, fill=TEAL)

        # Left-aligned question text reads more easily than centred text (BDA style guide).
        lines = balanced(draw, question, question_face, question_w)
        if len(lines) * line_h > row_h - 20:
            raise SystemExit(f'the question for "{name}" is too long for its row')
        y = cy - len(lines) * line_h / 2 + 4
        for line in lines:
            draw.text((question_x, y), line, font=question_face, fill=NAVY)
            y += line_h

    centred(draw, top + 5 * row_h + 4 * gap + 20, SOURCE, source_face, NAVY)

    img.save(OUT, optimize=True)
    print(f"wrote {OUT} ({WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
