"""The deck template's layouts: their names, their placeholders and where those sit on a 16:9 slide.

pptx_template.py draws the template from these specs; the renderer finds layouts by name and
placeholders by idx, and reads every position from the template itself, never from here. A theme
that ships its own template needs layouts with these names and placeholder idx numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914400
SLIDE_WIDTH = 12192000  # 13.333 in: 16:9
SLIDE_HEIGHT = 6858000  # 7.5 in

# Placeholder idx numbers, the same in every layout that has the placeholder.
TITLE = 0
BODY = 1
CREDIT = 10
LOGO = 11
NUMBER = 12
DETAILS = 13
ATTRIBUTION = 14
PICTURE = 15
CAPTION = 16

# Layout names.
TITLE_SLIDE = "Title slide"
SECTION = "Section title"
BULLETS = "Title and bullets"
ACTIVITY = "Activity"
QUOTE = "Quote"
KEY_POINT = "Key point"
PICTURE_SLIDE = "Picture"
CLOSING = "Closing"


def _emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A rectangle in inches from the slide's top left corner."""

    x: float
    y: float
    w: float
    h: float

    def emu(self) -> tuple[int, int, int, int]:
        return _emu(self.x), _emu(self.y), _emu(self.w), _emu(self.h)


@dataclass(frozen=True)
class Placeholder:
    idx: int
    name: str
    kind: str  # OOXML placeholder type: title, ctrTitle, subTitle, body, pic, sldNum
    box: Box
    role: str = "body"  # text style: title, heading, body, quote, number
    anchor: str = "t"  # t, ctr or b
    panel: bool = False  # filled with the theme's note colour
    inset: float = 0.1  # inches between the box's edge and its text
    prompt: str = ""  # shown only while someone edits the template


@dataclass(frozen=True)
class Decoration:
    """A plain shape on the layout; `Accent…` shapes take the theme's primary colour at build time."""

    name: str
    box: Box


@dataclass(frozen=True)
class Layout:
    name: str
    placeholders: tuple[Placeholder, ...]
    decorations: tuple[Decoration, ...] = ()
    strong: bool = False  # primary-coloured background with on-primary text


MARGIN = 0.75
WIDTH = 13.333 - 2 * MARGIN
_number = Placeholder(NUMBER, "Slide number", "sldNum", Box(11.33, 6.82, 1.25, 0.55), role="number", anchor="ctr")
_title = Placeholder(TITLE, "Title", "title", Box(MARGIN, 0.35, WIDTH, 1.35), role="title", anchor="b",
                     prompt="Slide title")
_accent = Decoration("Accent bar", Box(MARGIN + 0.1, 1.78, 1.6, 0.08))
_body = Placeholder(BODY, "Body", "body", Box(MARGIN, 2.0, WIDTH, 4.75), prompt="Key points")

LAYOUTS: tuple[Layout, ...] = (
    Layout(TITLE_SLIDE, (
        Placeholder(TITLE, "Title", "ctrTitle", Box(MARGIN, 0.9, WIDTH - 2.6, 2.4), role="title", anchor="b",
                    prompt="Module title"),
        Placeholder(BODY, "Subtitle", "subTitle", Box(MARGIN, 3.55, WIDTH, 0.85), role="heading",
                    prompt="Course and organisation"),
        Placeholder(CREDIT, "Credit", "body", Box(MARGIN, 4.45, WIDTH - 1.3, 2.35), prompt="Who made it"),
        Placeholder(LOGO, "Logo", "pic", Box(WIDTH + MARGIN - 2.4, 0.5, 2.4, 1.2), prompt="Logo"),
        _number,
    ), (Decoration("Accent band", Box(0, 0, 0.3, 7.5)), Decoration("Accent rule", Box(MARGIN + 0.1, 3.42, 2.4, 0.08)))),
    Layout(SECTION, (
        Placeholder(TITLE, "Title", "title", Box(MARGIN, 0.7, WIDTH, 2.2), role="title", anchor="b",
                    prompt="Section title"),
        Placeholder(BODY, "Time and outcomes", "body", Box(MARGIN, 3.1, WIDTH, 3.65), prompt="Time and outcomes"),
        _number,
    ), strong=True),
    Layout(BULLETS, (_title, _body, _number), (_accent,)),
    Layout(ACTIVITY, (
        _title,
        Placeholder(DETAILS, "Details", "body", Box(MARGIN, 1.95, WIDTH, 0.62), panel=True, anchor="ctr",
                    inset=0.12, prompt="Time and groups"),
        Placeholder(BODY, "Instructions", "body", Box(MARGIN, 2.65, WIDTH, 4.1), prompt="What people do"),
        _number,
    ), (_accent,)),
    Layout(QUOTE, (
        _title,
        Placeholder(BODY, "Quote", "body", Box(1.4, 2.05, 10.5, 3.5), role="quote", anchor="ctr", prompt="Quote"),
        Placeholder(ATTRIBUTION, "Attribution", "body", Box(1.4, 5.6, 10.5, 1.15), prompt="Whose words"),
        _number,
    ), (_accent, Decoration("Accent quote rule", Box(1.0, 2.15, 0.08, 3.3)))),
    Layout(KEY_POINT, (
        _title,
        Placeholder(BODY, "Key point", "body", Box(MARGIN, 2.05, WIDTH, 4.6), role="quote", anchor="ctr",
                    panel=True, inset=0.35, prompt="One idea to remember"),
        _number,
    ), (_accent,)),
    Layout(PICTURE_SLIDE, (
        _title,
        Placeholder(PICTURE, "Picture", "pic", Box(MARGIN, 1.95, 8.6, 4.8), prompt="Picture"),
        Placeholder(CAPTION, "Caption", "body", Box(9.55, 1.95, WIDTH + MARGIN - 9.55, 4.8), anchor="b",
                    prompt="Caption"),
        _number,
    ), (_accent,)),
    Layout(CLOSING, (
        Placeholder(TITLE, "Title", "title", Box(MARGIN, 0.35, WIDTH - 2.6, 1.35), role="title", anchor="b",
                    prompt="Closing title"),
        _body,
        Placeholder(LOGO, "Logo", "pic", Box(WIDTH + MARGIN - 2.4, 0.45, 2.4, 1.2), prompt="Logo"),
        _number,
    ), (_accent,)),
)


def layout_spec(name: str) -> Layout:
    return next(layout for layout in LAYOUTS if layout.name == name)


def template_problem(prs) -> tuple[str, str] | None:
    """What a deck template lacks, as (message, hint), or None when it has every layout and placeholder."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    hint = "start from coursebuilder's own themes/default/deck.pptx, which has every layout and placeholder decks use"
    for spec in LAYOUTS:
        if spec.name not in layouts:
            return f'it has no layout called "{spec.name}" (decks use {", ".join(s.name for s in LAYOUTS)})', hint
        found = {ph.placeholder_format.idx for ph in layouts[spec.name].placeholders}
        missing = next((ph for ph in spec.placeholders if ph.idx not in found), None)
        if missing:
            return f'its layout "{spec.name}" has no placeholder "{missing.name}" (idx {missing.idx})', hint
    return None
