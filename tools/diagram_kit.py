"""Shared kit for the bundled modules' diagram scripts (modules/<slug>/images/make_diagram.py).

It holds what every diagram has in common: the 1600 x 900 canvas, the colour palette, DejaVu
Sans font loading, wrapping text to a pixel width, centred text, cards and saving. Each
make_diagram.py keeps only its own text and layout; it finds this file by adding the
repository's tools/ folder to sys.path. Nothing here is part of the coursebuilder package: run
the scripts with any Python that has Pillow, for example /work/main/.venv/bin/python.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900

CREAM = "#fbf8f1"  # background
NAVY = "#1d2a44"  # text
TEAL = "#0b6e69"  # accents; white text on teal has a contrast of about 6:1
WHITE = "#ffffff"
CARD = WHITE  # card fill
CARD_EDGE = "#c9d6d4"
TINT = "#e3f0ee"  # light teal: icon discs, pills, highlighted cards

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    raise SystemExit(f"DejaVu Sans ({name}) not found; install fonts-dejavu-core")


def canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank cream picture, WIDTH x HEIGHT, and something to draw on it with."""
    img = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    return img, ImageDraw.Draw(img)


def save(img: Image.Image, out: Path) -> None:
    img.save(out, optimize=True)
    print(f"wrote {out} ({WIDTH}x{HEIGHT})")


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int,
         strict: bool = False) -> list[str]:
    """Split text into lines no wider than `width` pixels.

    A single word wider than `width` gets a line of its own; with `strict`, the script stops
    instead.
    """
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
    if strict:
        for line in lines:
            if draw.textlength(line, font=face) > width:
                raise SystemExit(f'"{line}" is too wide for its box')
    return lines


def balanced(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap into as few lines as `wrap` needs, but with lines of similar length (no lone last word)."""
    lines = wrap(draw, text, face, width)
    narrow = width
    while narrow > 100 and len(wrap(draw, text, face, narrow - 10)) == len(lines):
        narrow -= 10
    return wrap(draw, text, face, narrow)


def write_lines(draw: ImageDraw.ImageDraw, x: float, y: float, lines: list[str], face, line_h: float,
                fill: str = NAVY) -> float:
    """Draw lines left-aligned at x, one every `line_h` pixels from y. Returns the y after the last."""
    for line in lines:
        draw.text((x, y), line, font=face, fill=fill)
        y += line_h
    return y


def centred(draw: ImageDraw.ImageDraw, y: float, text: str, face, fill, left: float = 0,
            right: float = WIDTH) -> None:
    """Draw text centred between `left` and `right` (the whole picture by default)."""
    w = draw.textlength(text, font=face)
    if w > right - left:
        raise SystemExit(f'"{text}" is too wide for its space')
    draw.text((left + (right - left - w) / 2, y), text, font=face, fill=fill)


def card(draw: ImageDraw.ImageDraw, box, radius: int, fill: str = CARD, outline: str = CARD_EDGE) -> None:
    """A rounded card with a thin edge."""
    draw.rounded_rectangle(box, radius=radius, fill=fill, outline=outline, width=3)


def banded_card(draw: ImageDraw.ImageDraw, box, band: int, radius: int) -> None:
    """A white card with a teal band `band` pixels deep across its top, for a name in white."""
    x0, y0, x1, _ = box
    card(draw, box, radius)
    draw.rounded_rectangle((x0, y0, x1, y0 + band), radius=radius, fill=TEAL)
    draw.rectangle((x0, y0 + band - radius, x1, y0 + band), fill=TEAL)


def icon_disc(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """The light teal disc with a teal ring that an icon is drawn on."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=TINT, outline=TEAL, width=4)
