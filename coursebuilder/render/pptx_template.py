"""Draw coursebuilder's own 16:9 deck template from the layouts in pptx_layouts.py.

    python -m coursebuilder.render.pptx_template [themes/default/deck.pptx]

python-pptx's built-in template is 4:3, and its placeholders stay where they are when the slide
size changes, so coursebuilder ships its own: named layouts with named placeholders, coloured
from the default theme's tokens. Run this after changing a layout and commit the result; builds
only read the template.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pptx.presentation
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.shapes.autoshape import Shape
from pptx.util import Emu

from ..errors import RenderError

from ..source import load_yaml, read_text
from ..themes import ThemeTokens, default_theme_dir
from ..validate import validate
from . import pptx_compat as compat
from .pptx_compat import parse_xml
from .pptx_layouts import (ACTIVITY, BODY, BULLETS, EMU_PER_INCH, LAYOUTS, PICTURE_SLIDE, SECTION, SLIDE_HEIGHT,
                           SLIDE_WIDTH, TITLE_SLIDE, Box, Layout, Placeholder, layout_spec)
from .pptx_style import Palette

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
BULLET_INDENT = round(0.4 * EMU_PER_INCH)
FIXED_DATE = datetime(2026, 1, 1)  # the template's own dates: fixed, so rebuilding changes nothing needless


def hex_colour(value: str) -> str:
    return value.lstrip("#").upper()


def default_tokens() -> ThemeTokens:
    file = default_theme_dir() / "theme.yaml"
    tokens, problems = validate(ThemeTokens, load_yaml(read_text(file, file.as_posix())))
    if tokens is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    return tokens


def build_template(tokens: ThemeTokens) -> pptx.presentation.Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    compat.element(prs.part).find(f"{P}sldSz").attrib.pop("type", None)  # not the 4:3 "screen4x3" any more
    _master(prs, tokens)
    layouts = list(prs.slide_layouts)
    for spare in layouts[len(LAYOUTS):]:
        prs.slide_layouts.remove(spare)
    for layout_part, spec in zip((layout.part for layout in layouts), LAYOUTS):
        compat.replace_element(layout_part, parse_xml(_layout_xml(spec, tokens)))
    prs = _reopened(prs)  # python-pptx keeps its objects for the replaced layouts until reopened
    apply_theme(prs, tokens)
    shape_notes_master(prs, tokens.fonts.body[0])
    _drop_thumbnail(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "coursebuilder deck template", "coursebuilder", "coursebuilder"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    return prs


def _reopened(prs: pptx.presentation.Presentation) -> pptx.presentation.Presentation:
    buffer = io.BytesIO()
    prs.save(buffer)
    buffer.seek(0)
    return Presentation(buffer)


def apply_theme(prs: pptx.presentation.Presentation, tokens: ThemeTokens) -> None:
    """The theme's colours and fonts in a template: its colour and font scheme (for text someone adds
    by hand, and for hyperlinks, which PowerPoint colours from the scheme) and its accent shapes."""
    part = compat.related_part(prs.slide_master.part, RT.THEME)
    theme = etree.fromstring(part.blob)
    c = tokens.colours
    link = Palette(tokens).slide("plain").link
    scheme = {"dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.surface, "accent1": c.primary,
              "accent2": c.focus, "accent3": c.muted, "accent4": c.border, "accent5": c.note, "accent6": c.caution,
              "hlink": link, "folHlink": link}
    clr = _theme_part(theme, f".//{A}clrScheme")
    clr.set("name", tokens.name)
    for slot, value in scheme.items():
        element = _theme_part(clr, f"{A}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{A}srgbClr", val=hex_colour(value))
    fonts = _theme_part(theme, f".//{A}fontScheme")
    fonts.set("name", tokens.name)
    _theme_part(fonts, f"{A}majorFont/{A}latin").set("typeface", tokens.fonts.headings[0])
    _theme_part(fonts, f"{A}minorFont/{A}latin").set("typeface", tokens.fonts.body[0])
    theme.set("name", tokens.name)
    compat.replace_blob(part, etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True))
    strong = {layout.name for layout in LAYOUTS if layout.strong}
    for layout in prs.slide_layouts:
        for shape in layout.shapes:
            # Accent shapes are the layouts' drawn decorations (autoshapes: pictures and the like have no fill)
            if isinstance(shape, Shape) and not shape.is_placeholder and shape.name.startswith("Accent"):
                shape.fill.solid()
                shape.fill.fore_color.rgb = RGBColor.from_string(
                    hex_colour(c.on_primary if layout.name in strong else c.primary))


def _theme_part(parent: etree._Element, path: str) -> etree._Element:
    """An element every deck theme has (DrawingML requires the colour and font schemes and their slots)."""
    found = parent.find(path)
    if found is None:
        raise RenderError(f"the deck template's theme has no {path.rpartition('}')[2]} element")
    return found


def _master(prs: pptx.presentation.Presentation, tokens: ThemeTokens) -> None:
    master = compat.element(prs.slide_master)
    c, t = tokens.colours, tokens.pptx
    tree = master.find(f"{P}cSld/{P}spTree")
    for shape in tree.findall(f"{P}sp"):
        tree.remove(shape)
    for shape_id, ph in enumerate(layout_spec(BULLETS).placeholders, start=2):
        tree.append(parse_xml(_placeholder_xml(shape_id, ph, tokens, bullets=ph.kind == "body")))
    bg = master.find(f"{P}cSld/{P}bg")
    bg.getparent().replace(bg, parse_xml(_background_xml(c.background)))
    styles = master.find(f"{P}txStyles")
    styles.getparent().replace(styles, parse_xml(
        f'<p:txStyles {NS}>'
        f'<p:titleStyle>{_level(1, t.title_pt, c.primary, "+mj-lt", bold=True)}</p:titleStyle>'
        f'<p:bodyStyle>{"".join(_level(n, t.body_pt, c.text, "+mn-lt", bullet=True) for n in (1, 2, 3))}'
        f'</p:bodyStyle>'
        f'<p:otherStyle>{_level(1, t.body_pt, c.text, "+mn-lt")}</p:otherStyle></p:txStyles>'))


def _level(n: int, size: float, colour: str, font: str, *, bullet: bool = False, bold: bool = False,
           align: str = "l") -> str:
    margin = BULLET_INDENT * n if bullet else 0
    indent = f' indent="{-BULLET_INDENT}"' if bullet else ""
    marker = f'<a:buFont typeface="{font}"/><a:buChar char="•"/>' if bullet else "<a:buNone/>"
    return (f'<a:lvl{n}pPr marL="{margin}"{indent} algn="{align}">'
            f'<a:lnSpc><a:spcPct val="115000"/></a:lnSpc><a:spcBef><a:spcPts val="{round(size * 35)}"/></a:spcBef>'
            f'{marker}<a:defRPr sz="{round(size * 100)}" b="{int(bold)}">'
            f'<a:solidFill><a:srgbClr val="{hex_colour(colour)}"/></a:solidFill>'
            f'<a:latin typeface="{font}"/></a:defRPr></a:lvl{n}pPr>')


def _background_xml(colour: str) -> str:
    return (f'<p:bg {NS}><p:bgPr><a:solidFill><a:srgbClr val="{hex_colour(colour)}"/></a:solidFill>'
            f'<a:effectLst/></p:bgPr></p:bg>')


def _xfrm(box: Box) -> str:
    x, y, w, h = box.emu()
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _placeholder_xml(shape_id: int, ph: Placeholder, tokens: ThemeTokens, *, bullets: bool,
                     strong: bool = False) -> str:
    c, t = tokens.colours, tokens.pptx
    ink = c.on_primary if strong else c.text
    size, colour, font, bold, align = {
        "title": (t.title_pt + (8 if ph.kind == "ctrTitle" else 4 if strong else 0),
                  c.on_primary if strong else c.primary, tokens.fonts.headings[0], True, "l"),
        "heading": (t.body_pt + 4, ink, tokens.fonts.headings[0], False, "l"),
        "quote": (t.body_pt + 6, ink, tokens.fonts.body[0], False, "l"),
        "number": (18, c.on_primary if strong else c.muted, tokens.fonts.body[0], False, "r"),
        "body": (t.body_pt, ink, tokens.fonts.body[0], False, "l"),
    }[ph.role]
    idx = "" if ph.idx == 0 else f' idx="{ph.idx}"'
    fill = f'<a:solidFill><a:srgbClr val="{hex_colour(c.note)}"/></a:solidFill>' if ph.panel else ""
    inset = round(ph.inset * EMU_PER_INCH)
    if ph.kind == "sldNum":
        text = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld>')
    else:
        text = f'<a:r><a:rPr lang="en-GB"/><a:t>{escape(ph.prompt or ph.name)}</a:t></a:r>'
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(ph.name)}/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{ph.kind}"{idx}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{_xfrm(ph.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" '
        f'anchor="{ph.anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr>'
        f'<a:lstStyle>{_level(1, size, colour, font, bullet=bullets, bold=bold, align=align)}</a:lstStyle>'
        f'<a:p>{text}</a:p></p:txBody></p:sp>'
    )


def _decoration_xml(shape_id: int, name: str, box: Box, colour: str) -> str:
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{hex_colour(colour)}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')


def _layout_xml(spec: Layout, tokens: ThemeTokens) -> str:
    c = tokens.colours
    shapes = []
    for shape_id, ph in enumerate(spec.placeholders, start=2):
        bullets = ph.idx == BODY and ph.kind == "body" and ph.role == "body" and spec.name != ACTIVITY
        shapes.append(_placeholder_xml(shape_id, ph, tokens, bullets=bullets, strong=spec.strong))
    first = len(spec.placeholders) + 2
    accent = c.on_primary if spec.strong else c.primary
    shapes += [_decoration_xml(first + n, d.name, d.box, accent) for n, d in enumerate(spec.decorations)]
    background = _background_xml(c.primary) if spec.strong else ""
    kind = {TITLE_SLIDE: ' type="title"', SECTION: ' type="secHead"', BULLETS: ' type="obj"',
            PICTURE_SLIDE: ' type="picTx"'}.get(spec.name, "")
    # Layout decorations sit behind the placeholders, so they never come first in reading order.
    return (f'<p:sldLayout {NS}{kind} preserve="1" userDrawn="1"><p:cSld name={quoteattr(spec.name)}>{background}'
            f'<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f'<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes[len(spec.placeholders):])}'
            f'{"".join(shapes[:len(spec.placeholders)])}</p:spTree></p:cSld>'
            f'<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def shape_notes_master(prs: pptx.presentation.Presentation, font: str) -> None:
    """A notes page with a 16:9 slide picture on top and room for the speaker notes below."""
    notes_master = compat.element(prs.notes_master)  # python-pptx creates its default (4:3) one on first use
    for shape in notes_master.iter(f"{P}sp"):
        ph = shape.find(f".//{P}ph")
        kind = ph.get("type") if ph is not None else None
        xfrm = shape.find(f"{P}spPr/{A}xfrm")
        if kind == "sldImg":
            box = Box(1.0, 0.5, 5.5, 5.5 * 9 / 16)
        elif kind == "body":
            box = Box(0.6, 3.8, 6.3, 5.85)
        else:
            continue
        xfrm.getparent().replace(xfrm, parse_xml(_xfrm(box).replace("<a:xfrm>", f"<a:xfrm {NS}>")))
    style = notes_master.find(f"{P}notesStyle")
    for level in style:
        rpr = level.find(f"{A}defRPr")
        if rpr is not None:
            rpr.set("sz", "1200")
            for old in rpr.findall(f"{A}latin"):
                rpr.remove(old)
            latin = etree.SubElement(rpr, f"{A}latin", typeface=font)
            fills = rpr.findall(f"{A}solidFill")
            if fills:  # keep schema order: fill before the font
                fills[-1].addnext(latin)


def _drop_thumbnail(prs: pptx.presentation.Presentation) -> None:
    """python-pptx's template carries a 4:3 thumbnail of an empty slide; leave it out."""
    compat.drop_package_relationships(prs.part.package, RT.THUMBNAIL)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else default_theme_dir() / "deck.pptx"
    build_template(default_tokens()).save(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
