"""Draw images/eight-principles.png: Imroc's eight principles of peer support.

Run from anywhere with a Python that has Pillow:

    python modules/peer-support/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
The principle names are Imroc's (Paper 5, 2013); the short descriptions are this module's own
words. Edit the TEXT below and run the script again to change the words.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "eight-principles.png"

WIDTH, HEIGHT = 1600, 900
CREAM = "#fbf8f1"
NAVY = "#1d2a44"
TEAL = "#0b6e69"
CARD = "#ffffff"
CARD_EDGE = "#c9d6d4"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

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


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, face, fill) -> None:
    w = draw.textlength(text, font=face)
    draw.text(((WIDTH - w) / 2, y), text, font=face, fill=fill)


def main() -> None:
    img = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    draw = ImageDraw.Draw(img)

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
        draw.rounded_rectangle((x0, y0, x1, y1), radius=22, fill=CARD, outline=CARD_EDGE, width=3)
        # Teal band with the principle's name in white (contrast about 6:1).
        draw.rounded_rectangle((x0, y0, x1, y0 + band_h), radius=22, fill=TEAL)
        draw.rectangle((x0, y0 + band_h - 22, x1, y0 + band_h), fill=TEAL)
        if draw.textlength(name, font=name_face) > card_w - 2 * pad:
            raise SystemExit(f"the name {name!r} is too wide for its card")
        draw.text((x0 + pad, y0 + 16), name, font=name_face, fill="#ffffff")

        # Left-aligned description (BDA style guide: left-aligned text reads more easily).
        y = y0 + band_h + 26
        for line in wrap(draw, text, body_face, card_w - 2 * pad):
            draw.text((x0 + pad, y), line, font=body_face, fill=NAVY)
            y += line_h
        if y - line_h + body_face.size + 8 > y1 - 16:
            raise SystemExit(f"text in the {name} card is too long for the card")

    centred(draw, 842, SOURCE, source_face, NAVY)

    img.save(OUT, optimize=True)
    print(f"wrote {OUT} ({WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
