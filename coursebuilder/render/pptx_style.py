"""Slide colours and sizes from the theme's tokens, with text colours checked for contrast.

Every text colour is chosen against the colour actually behind it (the slide background or a
panel's fill) and must reach WCAG's 4.5:1; if the theme's preferred colour does not, the most
readable of the theme's own colours is used instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..themes import ThemeTokens

MIN_CONTRAST = 4.5
FLOOR_PT = 18  # no text on a slide is smaller
TITLE_FLOOR_PT = 28


@lru_cache(maxsize=256)  # a deck asks about the same few colours thousands of times
def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(background: str, *choices: str) -> str:
    """The first colour that reads on `background`, or the one that reads best."""
    return next((c for c in choices if contrast(c, background) >= MIN_CONTRAST),
                max(choices, key=lambda c: contrast(c, background)))


@dataclass(frozen=True)
class Ink:
    """The colours for one surface (a slide background or a panel)."""

    background: str
    text: str
    heading: str
    muted: str
    link: str


class Palette:
    def __init__(self, tokens: ThemeTokens):
        self.tokens = tokens
        c = tokens.colours
        # If a theme's text colour does not read on a surface, one of its other colours (or black or white) will.
        self._fallbacks = (c.text, c.on_primary, c.primary, c.muted, c.background, c.surface, "#000000", "#ffffff")
        self._inks: dict[tuple[str, bool], Ink] = {}

    def ink(self, background: str, *, strong: bool = False) -> Ink:
        key = (background, strong)
        if key not in self._inks:
            self._inks[key] = self._choose(background, strong)
        return self._inks[key]

    def _choose(self, background: str, strong: bool) -> Ink:
        c = self.tokens.colours
        text = readable(background, c.on_primary if strong else c.text, *self._fallbacks)
        return Ink(
            background=background,
            text=text,
            heading=readable(background, c.on_primary if strong else c.primary, text),
            muted=readable(background, c.on_primary if strong else c.muted, text),
            link=readable(background, c.on_primary if strong else c.primary, text),
        )

    def slide(self, style: str) -> Ink:
        c = self.tokens.colours
        return self.ink(c.primary, strong=True) if style == "strong" else self.ink(c.background)

    def panel(self, style: str) -> Ink:
        c = self.tokens.colours
        return self.ink(c.caution if style == "caution" else c.note)

    def body_sizes(self, offsets: tuple[int, ...]) -> tuple[int, ...]:
        """Text sizes for a slide: the theme's body size plus each offset, never below the floor."""
        base = self.tokens.pptx.body_pt
        sizes = sorted({max(FLOOR_PT, base + offset) for offset in offsets or (0,)}, reverse=True)
        return tuple(sizes)

    def title_sizes(self, extra: int = 0) -> tuple[int, ...]:
        top = self.tokens.pptx.title_pt + extra
        return tuple(range(top, TITLE_FLOOR_PT - 1, -2)) or (TITLE_FLOOR_PT,)
