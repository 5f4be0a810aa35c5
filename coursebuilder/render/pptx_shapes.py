"""Writing into a slide's shapes with python-pptx: text with explicit sizes, colours and bullets,
pictures with alt text, and slide numbers. Every run carries its size, colour, font and language,
so a deck looks the same in PowerPoint and LibreOffice whatever the template's own styles say.

A run in a language written right to left (Urdu, Arabic, Hebrew …) also names its complex-script
font, and a paragraph written wholly in one reads right to left (`rtl`), aligned to the right, its
bullet on the right; a phrase in one inside an English sentence is ordered by the bidi algorithm."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
import re
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from PIL import Image as PILImage
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

from ..markdown import RIGHT_TO_LEFT
from . import pptx_compat as compat
from . import pptx_fit as fit
from .pptx_compat import parse_xml
from .pptx_style import FLOOR_PT, Ink
from .pptx_text import Para, Span, split_words

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
EMU_PER_PT = 12700
DECORATIVE_EXT = (f'<a:extLst {A_NS}><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}"><adec:decorative '
                  'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>'
                  '</a:extLst>')
# The complex-script font (<a:cs>) of a run in a right-to-left language: the one the template's theme
# names for its script (as Office's own does), so PowerPoint draws it as text typed into the deck;
# LibreOffice finds a font for the language when it lacks the glyphs (Arial is Liberation Sans there).
SCRIPT_FONTS = {"dv": "MV Boli", "syr": "Estrangelo Edessa"}  # Thaana, Syriac
SCRIPT_FONT = "Arial"  # Arabic and Hebrew script
EMBEDDABLE = {".png", ".jpg", ".jpeg", ".gif"}  # python-pptx embeds these; others are converted to PNG


@dataclass(frozen=True)
class Type:
    """The theme's fonts and the course's language, for every run written."""

    body: str
    headings: str
    mono: str
    language: str


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def inner_box(shape) -> fit.TextBox:
    """A shape's size less its text insets, in points."""
    body_pr = compat.element(shape).find(f".//{A}bodyPr")
    defaults = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}  # the OOXML defaults
    inset = {name: int(body_pr.get(name, default)) if body_pr is not None else default
             for name, default in defaults.items()}
    return fit.TextBox((shape.width - inset["lIns"] - inset["rIns"]) / EMU_PER_PT,
                       (shape.height - inset["tIns"] - inset["bIns"]) / EMU_PER_PT)


def empty_frame(shape):
    """The shape's text frame, emptied, wrapping, and never resized or shrunk by the application."""
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    return frame


@lru_cache(maxsize=64)
def right_to_left(language: str) -> bool:
    """Whether a language (a BCP 47 tag such as "ur" or "ar-EG") is written right to left."""
    return language.split("-")[0].lower() in RIGHT_TO_LEFT


@lru_cache(maxsize=64)
def _complex_font(language: str) -> str:
    """`<a:cs>` for a run in a right-to-left language, or nothing."""
    if not right_to_left(language):
        return ""
    return f"<a:cs typeface={quoteattr(SCRIPT_FONTS.get(language.split('-')[0].lower(), SCRIPT_FONT))}/>"


def title(shape, text: str, size: float, line_spacing: float, colour: str, face: Type) -> None:
    """One bold line (or more, wrapped) in the headings font: a slide's title."""
    frame = empty_frame(shape)
    direction = ' algn="r" rtl="1"' if right_to_left(face.language) else ""
    spacing = f'<a:pPr{direction}><a:lnSpc><a:spcPts val="{_centipoints(line_spacing)}"/></a:lnSpc></a:pPr>'
    run = _run(shape, Span(text, bold=True), size, colour, face.headings, face.language)
    _replace_paragraphs(frame, f"<a:p>{spacing}{run}</a:p>")


def paragraphs(shape, paras: list[Para], size: float, ink: Ink, face: Type, *, fill: str | None = None) -> None:
    """Paragraphs with the spacing pptx_fit measured them with; `fill` colours the shape behind them.

    The paragraphs are written as one piece of XML: setting each property through python-pptx
    costs a search of the element tree every time, and decks have thousands of runs.
    """
    frame = empty_frame(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if not paras:
        return  # the frame keeps the one empty paragraph every text body must have
    _replace_paragraphs(frame, "".join(_paragraph(shape, para, first=n == 0, size=size, ink=ink, face=face)
                                       for n, para in enumerate(paras)))


def _replace_paragraphs(frame, xml: str) -> None:
    body = compat.text_body(frame)
    for old in body.findall(f"{A}p"):
        body.remove(old)
    body.extend(etree.fromstring(f"<a:txBody {A_NS} {R_NS}>{xml}</a:txBody>"))


def _centipoints(points: float) -> int:
    return Pt(points).centipoints  # as python-pptx rounds them


def _paragraph(shape, para: Para, *, first: bool, size: float, ink: Ink, face: Type) -> str:
    spacing = (f'<a:lnSpc><a:spcPts val="{_centipoints(round(fit.line_height(size), 1))}"/></a:lnSpc>'
               f'<a:spcBef><a:spcPts val="{_centipoints(0 if first else round(fit.gap(size), 1))}"/></a:spcBef>')
    spans = [word for span in para.spans for word in (split_words([span]) if span.link else [span])]
    runs = "".join(_run(shape, span, size, ink.link if span.link else ink.text, face.mono if span.code else face.body,
                        span.lang or face.language) for span in spans)
    rtl = _right_to_left_paragraph(para, face.language)
    return f"<a:p>{_paragraph_properties(para, size, face.body, spacing, rtl=rtl)}{runs}</a:p>"


def _right_to_left_paragraph(para: Para, language: str) -> bool:
    """Whether a paragraph reads right to left (`language`: the course's). It does when all its words
    are in right-to-left languages (runs of spaces, numbers, marks or code alone do not count), and
    it does not when none are; a paragraph with both keeps the course's direction, so an English
    sentence with an Urdu phrase reads left to right."""
    if para.lang:  # a paragraph, list or quotation marked as one language ({lang=ur}), citations and all
        return right_to_left(para.lang)
    if not right_to_left(language) and not any(span.lang for span in para.spans):
        return False  # most paragraphs: nothing marked, in a course written left to right
    directions = {right_to_left(span.lang or language) for span in para.spans
                  if not span.code and any(c.isalpha() for c in span.text)}
    return directions.pop() if len(directions) == 1 else right_to_left(language)


def _run(shape, span: Span, size: float, colour: str, font: str, language: str) -> str:
    underline = ' u="sng"' if span.link else ""
    link = ""
    if span.link:
        link = f'<a:hlinkClick r:id="{compat.relate(shape.part, span.link, RT.HYPERLINK, external=True)}"/>'
    return (f'<a:r><a:rPr lang={quoteattr(language)} sz="{_centipoints(size)}" b="{int(span.bold)}"{underline}>'
            f'<a:solidFill><a:srgbClr val="{rgb(colour)}"/></a:solidFill><a:latin typeface={quoteattr(font)}/>'
            f"{_complex_font(language)}{link}</a:rPr><a:t>{escape(_printable(span.text))}</a:t></a:r>")


def _printable(text: str) -> str:
    """Control characters as OOXML escapes (`_x0007_`), as python-pptx writes them."""
    return _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def _paragraph_properties(para: Para, size: float, font: str, spacing: str, *, rtl: bool = False) -> str:
    """A hanging bullet, number or letter, or none; continued text keeps the indent without a marker."""
    hanging = fit.indent(size) * EMU_PER_PT
    marker = para.bullet
    # algn names a side, not the start: right-to-left text is set at the right with "r", as PowerPoint
    # writes it (LibreOffice sets algn="l" rtl="1" at the left, the bullet stranded away from its text).
    direction = 'algn="r" rtl="1"' if rtl else 'algn="l"'
    attributes = f'marL="{hanging if marker or para.continues else 0}" indent="{-hanging if marker else 0}" {direction}'
    if not marker:
        return f"<a:pPr {attributes}>{spacing}<a:buNone/></a:pPr>"
    if marker[:-1].isdigit():
        kind = f'<a:buAutoNum type="arabicPeriod" startAt="{marker[:-1]}"/>'
    elif len(marker) == 2 and marker[0].isalpha():
        kind = f'<a:buAutoNum type="alphaUcPeriod" startAt="{ord(marker[0].upper()) - 64}"/>'
    else:
        kind = f"<a:buChar char={quoteattr(marker)}/>"
    return f"<a:pPr {attributes}>{spacing}<a:buFont typeface={quoteattr(font)}/>{kind}</a:pPr>"


def picture(slide, holder, file: Path, alt: str, *, decorative: bool, name: str, align: str = "centre") -> bool:
    """The picture scaled into the placeholder's box (which it replaces), described or marked decorative.

    Returns False, leaving the slide without it, when the file is not a raster picture (SVG).
    """
    left, top, width, height = holder.left, holder.top, holder.width, holder.height
    holder = compat.element(holder)
    holder.getparent().remove(holder)
    source, pixels = _embeddable(file)
    if source is None:
        return False
    scale = min(width / pixels[0], height / pixels[1])
    w, h = int(pixels[0] * scale), int(pixels[1] * scale)
    x = left + width - w if align == "right" else left + (width - w) // 2
    shape = slide.shapes.add_picture(source, Emu(x), Emu(top + (height - h) // 2), Emu(w), Emu(h))
    c_nv_pr = compat.element(shape).find(f"{P}nvPicPr/{P}cNvPr")
    c_nv_pr.set("name", name)
    c_nv_pr.set("descr", "" if decorative else alt)
    if decorative:
        c_nv_pr.append(parse_xml(DECORATIVE_EXT))
    compat.element(slide.shapes.title).addnext(compat.element(shape))  # read straight after the title
    return True


def _embeddable(file: Path):
    """Something python-pptx can embed, and the picture's size in pixels."""
    try:
        with PILImage.open(file) as image:
            pixels = image.size
            if file.suffix.lower() in EMBEDDABLE:
                return str(file), pixels
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            buffer.seek(0)
            return buffer, pixels
    except (OSError, ValueError):
        return None, (1, 1)


def slide_number(slide, layout, number: int, ink: Ink, face: Type) -> None:
    """The layout's slide-number placeholder, copied onto the slide with a slide-number field.

    python-pptx does not copy date, footer and slide-number placeholders to new slides.
    """
    source = next((ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER),
                  None)
    if source is None:
        return
    element = copy.deepcopy(compat.element(source))
    element.find(f".//{P}cNvPr").set("id", str(compat.next_shape_id(slide)))
    sp_pr = element.find(f"{P}spPr")
    for child in list(sp_pr):
        sp_pr.remove(child)  # the position stays the layout's
    body = element.find(f"{P}txBody")
    for old in body.findall(f"{A}p"):
        body.remove(old)
    body.append(parse_xml(
        f'<a:p {A_NS}><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr lang={quoteattr(face.language)} sz="{FLOOR_PT * 100}"><a:solidFill><a:srgbClr val="{rgb(ink.muted)}"/>'
        f'</a:solidFill><a:latin typeface={quoteattr(face.body)}/></a:rPr><a:t>{number}</a:t></a:fld></a:p>'))
    compat.shape_tree(slide).append(element)
