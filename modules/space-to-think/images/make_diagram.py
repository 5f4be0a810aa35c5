"""Draw images/proctor-three-functions.png: Proctor's three functions of supervision.

Run from anywhere with a Python that has Pillow:

    python modules/space-to-think/images/make_diagram.py

The picture is 1600 x 900 pixels, dark navy text on a cream background, in DejaVu Sans.
Edit the TEXT below and run the script again to change the words.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "proctor-three-functions.png"

WIDTH, HEIGHT = 1600, 900
CREAM = "#fbf8f1"
NAVY = "#1d2a44"
TEAL = "#0b6e69"
CARD = "#ffffff"
CARD_EDGE = "#c9d6d4"
ICON_BG = "#e3f0ee"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]

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


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, face, fill, left: int = 0, right: int = WIDTH) -> None:
    w = draw.textlength(text, font=face)
    draw.text((left + (right - left - w) / 2, y), text, font=face, fill=fill)


def draw_icon(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, r: int) -> None:
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ICON_BG, outline=TEAL, width=4)
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
    img = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    draw = ImageDraw.Draw(img)

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
        draw.rounded_rectangle((x0, top, x1, bottom), radius=24, fill=CARD, outline=CARD_EDGE, width=3)
        # Teal band with the function's name in white (contrast about 6:1).
        draw.rounded_rectangle((x0, top, x1, top + band_h), radius=24, fill=TEAL)
        draw.rectangle((x0, top + band_h - 24, x1, top + band_h), fill=TEAL)
        centred(draw, top + 17, card["name"], name_face, "#ffffff", x0, x1)

        icon_cy = top + band_h + 84
        draw_icon(draw, card["icon"], (x0 + x1) // 2, icon_cy, 58)

        # Left-aligned text under the icon reads more easily than centred text (BDA style guide).
        pad = 36
        y = icon_cy + 88
        for line in wrap(draw, card["tag"], tag_face, card_w - 2 * pad):
            draw.text((x0 + pad, y), line, font=tag_face, fill=NAVY)
            y += 46
        y += 14
        for line in wrap(draw, card["text"], body_face, card_w - 2 * pad):
            draw.text((x0 + pad, y), line, font=body_face, fill=NAVY)
            y += 45
        text_bottom = y - 45 + body_face.size + 6
        if text_bottom > bottom - 36:
            raise SystemExit(f"text in the {card['name']} card is too long for the card")

    centred(draw, 770, FOOTER, footer_face, NAVY)
    centred(draw, 830, SOURCE, source_face, NAVY)

    img.save(OUT, optimize=True)
    print(f"wrote {OUT} ({WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
