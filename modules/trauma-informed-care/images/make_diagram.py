"""Draw images/four-rs-six-principles.png: the four Rs, the fifth R and the six principles.

Run from anywhere with a Python that has Pillow:

    python modules/trauma-informed-care/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background with teal accents, in
DejaVu Sans. Edit the TEXT below and run the script again to change the words; the script stops
with a message if any text no longer fits.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "four-rs-six-principles.png"

WIDTH, HEIGHT = 1600, 900
CREAM = "#fbf8f1"
NAVY = "#1d2a44"
TEAL = "#0b6e69"
CARD = "#ffffff"
CARD_EDGE = "#c9d6d4"
TINT = "#e3f0ee"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

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
    for line in lines:
        if draw.textlength(line, font=face) > width:
            raise SystemExit(f'"{line}" is too wide for its box')
    return lines


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, face, fill, left: int = 0, right: int = WIDTH) -> None:
    w = draw.textlength(text, font=face)
    draw.text((left + (right - left - w) / 2, y), text, font=face, fill=fill)


def r_card(draw, x0, y0, x1, name, text, name_face, body_face, fifth=False) -> int:
    """One R as a card with a teal bar on the left. Returns the card's bottom edge."""
    pad, bar = 26, 14
    inner = x1 - x0 - bar - 2 * pad
    lines = wrap(draw, text, body_face, inner)
    height = 18 + 40 + len(lines) * 36 + 16
    fill = TINT if fifth else CARD
    draw.rounded_rectangle((x0, y0, x1, y0 + height), radius=16, fill=fill, outline=TEAL if fifth else CARD_EDGE,
                           width=3)
    draw.rounded_rectangle((x0, y0, x0 + bar + 8, y0 + height), radius=16, fill=TEAL)
    draw.rectangle((x0 + bar, y0 + 2, x0 + bar + 8, y0 + height - 2), fill=fill)
    tx = x0 + bar + pad
    draw.text((tx, y0 + 14), name, font=name_face, fill=TEAL if not fifth else NAVY)
    y = y0 + 18 + 40
    for line in lines:
        draw.text((tx, y), line, font=body_face, fill=NAVY)
        y += 36
    return y0 + height


def main() -> None:
    img = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    draw = ImageDraw.Draw(img)

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
    draw.rounded_rectangle((right_x0, panel_top, right_x1, panel_bottom), radius=16, fill=CARD,
                           outline=CARD_EDGE, width=3)
    rows = len(PRINCIPLES)
    row_h = (panel_bottom - panel_top - 20) / rows
    r = 24
    text_x = right_x0 + 28 + 2 * r + 22
    for i, principle in enumerate(PRINCIPLES):
        cy = panel_top + 10 + row_h * (i + 0.5)
        cx = right_x0 + 28 + r
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=TEAL)
        centred(draw, int(cy - 18), str(i + 1), number_face, "#ffffff", int(cx - r), int(cx + r))
        lines = wrap(draw, principle, principle_face, right_x1 - 24 - text_x)
        block_h = len(lines) * 38
        if block_h > row_h - 6:
            raise SystemExit(f'"{principle}" does not fit its row')
        ty = cy - block_h / 2 - 2
        for line in lines:
            draw.text((text_x, ty), line, font=principle_face, fill=NAVY)
            ty += 38
        if i < rows - 1:
            ly = panel_top + 10 + row_h * (i + 1)
            draw.line((text_x, ly, right_x1 - 24, ly), fill=CARD_EDGE, width=2)

    centred(draw, 850, SOURCE, source_face, NAVY)

    img.save(OUT, optimize=True)
    print(f"wrote {OUT} ({WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
