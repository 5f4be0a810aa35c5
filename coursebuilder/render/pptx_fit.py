"""The text budget: how much text fits a placeholder, measured with real font metrics.

Lines are wrapped word by word with the widths of DejaVu Sans (a wide sans-serif close to Verdana;
the fallback LibreOffice itself uses for Verdana on Linux). Widths are padded by SAFETY so a
slightly wider font (Verdana in PowerPoint on Windows) still fits. PowerPoint's own "shrink text
on overflow" is only applied when someone next edits the text, so coursebuilder never relies on
it: content that does not fit moves to a continuation slide instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .pptx_text import Para, Span, split_words

MAX_PARAS = 6  # bullets or paragraphs on one slide at most
LINE_SPACING = 1.2  # line pitch, as a multiple of the text size (set exactly on every paragraph)
TITLE_SPACING = 1.1
GAP = 0.35  # space before each paragraph after the first, as a multiple of the text size
SAFETY = 1.08  # widths are padded by this factor
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path.home() / ".fonts", Path("/Library/Fonts"),
             Path("C:/Windows/Fonts"))
AVERAGE_EM = 0.62  # width of an average character in em, used only when no font file is found


@dataclass(frozen=True)
class TextBox:
    """The inside of a placeholder (after its insets), in points."""

    width: float
    height: float


@lru_cache(maxsize=4)
def _font(bold: bool, mono: bool) -> ImageFont.FreeTypeFont | None:
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    file = f"{name}-Bold.ttf" if bold else f"{name}.ttf"
    for folder in FONT_DIRS:
        if (folder / file).is_file():
            return ImageFont.truetype(str(folder / file), 100)
    try:
        return ImageFont.truetype(file, 100)  # Pillow also looks in the system's font folders
    except OSError:
        return None


def text_width(text: str, size: float, *, bold: bool = False, mono: bool = False) -> float:
    """Width of `text` in points at `size` points."""
    return _em_width(text, bold, mono) * size * SAFETY


@lru_cache(maxsize=65536)
def _em_width(text: str, bold: bool, mono: bool) -> float:
    font = _font(bold, mono)
    text = text.replace("\n", " ").replace("\t", " ")  # a line break never reaches a slide's runs
    return font.getlength(text) / 100 if font else len(text) * AVERAGE_EM


def line_height(size: float) -> float:
    return size * LINE_SPACING


def gap(size: float) -> float:
    return size * GAP


def indent(size: float) -> float:
    """Hanging indent of a bullet or number: room for "10." at this size."""
    return round(size * 1.6)


def wrap(spans: list[Span], size: float, width: float) -> list[list[Span]]:
    """The runs broken into lines of at most `width` points, as PowerPoint wraps at spaces.

    A word wider than the box is broken into equal pieces, one line each (PowerPoint breaks it too).
    """
    lines: list[list[Span]] = [[]]
    em_width = width / (size * SAFETY)
    used = 0.0
    for word, (measure, full) in zip(split_words(spans), _word_ems(tuple(spans))):
        if used and used + measure > em_width:
            lines.append([])
            used = 0.0
        if measure > em_width:
            pieces = math.ceil(measure / em_width)
            cuts = [round(n * len(word.text) / pieces) for n in range(pieces + 1)]
            for n in range(pieces):
                if n:
                    lines.append([])
                lines[-1].append(replace(word, text=word.text[cuts[n]:cuts[n + 1]]))
            used = full - (pieces - 1) * em_width
        else:
            lines[-1].append(word)
            used += full
    return lines


def para_lines(para: Para, size: float, box: TextBox) -> int:
    """How many lines `wrap` makes of the paragraph, counted without building them (this runs often)."""
    width = (box.width - (indent(size) if para.bullet or para.continues else 0)) / (size * SAFETY)  # in em
    lines, used = 1, 0.0
    for measure, full in _word_ems(tuple(para.spans)):
        if used and used + measure > width:
            lines, used = lines + 1, 0.0
        if measure > width:  # a word wider than the box breaks inside
            extra = math.ceil(measure / width) - 1
            lines, used = lines + extra, full - extra * width
        else:
            used += full
    return lines


@lru_cache(maxsize=4096)
def _word_ems(spans: tuple[Span, ...]) -> tuple[tuple[float, float], ...]:
    """Each word's width in em, without and with its trailing space."""
    return tuple((_em_width(w.text.rstrip(), w.bold, w.code), _em_width(w.text, w.bold, w.code))
                 for w in split_words(list(spans)))


def height(paras: list[Para], size: float, box: TextBox) -> float:
    lines = sum(para_lines(p, size, box) for p in paras)
    return lines * line_height(size) + gap(size) * max(0, len(paras) - 1)


def fits(paras: list[Para], size: float, box: TextBox, max_paras: int = MAX_PARAS) -> bool:
    """Within the height, and at most `max_paras` points (a lead-in such as "Talk about:" is not one)."""
    points = sum(1 for p in paras if not p.keep_with_next)
    return points <= max_paras and height(paras, size, box) <= box.height


def paginate(paras: list[Para], size: float, box: TextBox) -> list[list[Para]]:
    """Paragraphs spread over as few slides as fit, as evenly as the budget allows."""
    pieces = [piece for p in paras for piece in _split_long(p, size, box)]
    pages = _greedy(pieces, size, box, MAX_PARAS)
    if len(pages) > 1:  # rebalance: 4 + 3 reads better than 6 + 1
        points = sum(1 for p in pieces if not p.keep_with_next)
        for limit in range(math.ceil(points / len(pages)), MAX_PARAS):
            balanced = _greedy(pieces, size, box, limit)
            if len(balanced) == len(pages):
                return balanced
    return pages


def _greedy(paras: list[Para], size: float, box: TextBox, limit: int) -> list[list[Para]]:
    pages: list[list[Para]] = [[]]
    for para in paras:
        if pages[-1] and not fits([*pages[-1], para], size, box, limit):
            carried: list[Para] = []
            while len(pages[-1]) > 1 and pages[-1][-1].keep_with_next:  # a lead-in goes with what it leads
                carried.insert(0, pages[-1].pop())
            pages.append(carried)
        pages[-1].append(para)
    return [page for page in pages if page]


def _split_long(para: Para, size: float, box: TextBox) -> list[Para]:
    """A paragraph taller than a whole slide, cut at word boundaries into pieces that fit."""
    if fits([para], size, box):
        return [para]
    width = box.width - (indent(size) if para.bullet or para.continues else 0)
    per_piece = max(1, int(box.height // line_height(size)))
    lines = wrap(para.spans, size, width)
    pieces = []
    for start in range(0, len(lines), per_piece):
        spans = [span for line in lines[start:start + per_piece] for span in line]
        first = start == 0
        pieces.append(replace(para, spans=spans, bullet=para.bullet if first else None,
                              continues=para.continues or (not first and bool(para.bullet)),
                              keep_with_next=False, source=para.source if first else ""))
    return pieces


def fit_size(paras: list[Para], sizes: tuple[float, ...], box: TextBox, max_paras: int = MAX_PARAS) -> float | None:
    """The largest of `sizes` at which all paragraphs fit one box, or None."""
    return next((size for size in sizes if fits(paras, size, box, max_paras)), None)


def fit_title(text: str, sizes: tuple[float, ...], box: TextBox, keep: str = "") -> tuple[str, float]:
    """A title at the largest size that fits its box; shortened with "…" only if even the smallest does not.
    `keep` (" (continued)") ends the title and is never shortened."""
    for size in sizes:
        if _title_fits(text + keep, size, box):
            return text + keep, size
    size = sizes[-1]
    words = text.split()
    while len(words) > 1 and not _title_fits(" ".join(words) + "…" + keep, size, box):
        words.pop()
    return " ".join(words).rstrip(",;:–-") + "…" + keep, size


def _title_fits(text: str, size: float, box: TextBox) -> bool:
    lines = len(wrap([Span(text, bold=True)], size, box.width))
    return lines * size * TITLE_SPACING <= box.height


def shorten(paras: list[Para], size: float, box: TextBox) -> list[Para]:
    """Paragraphs cut at a word and ended with "…" so they fit one box (the full text goes in the notes)."""
    kept = list(paras)
    while kept and not fits(kept, size, box):
        last = kept[-1]
        words = split_words(last.spans)
        if len(words) <= 1:
            kept.pop()
            continue
        spans = words[:-1]
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip(" ,;:") + "…")
        kept[-1] = replace(last, spans=spans)
    return kept
