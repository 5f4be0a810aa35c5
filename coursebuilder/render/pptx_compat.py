"""Every use of python-pptx below its public API, in one place.

Decks need a few things python-pptx has no public way to do: reach the XML behind its objects,
copy a slide or notes page from one made earlier (python-pptx's own way is half a deck's build
time), name parts by counting instead of walking the package, drop slides and relationships, and
collect the parts' bytes so they can be zipped with fixed times. Each is one function here.

python-pptx is pinned to the minor version these were written against (pyproject.toml), and
tests/test_python_pptx_internals_live_in_one_checked_module.py tries every name used here on a real
deck, and that no other module reaches below the public API: after an upgrade, what changed fails
loudly, by name.
"""

from __future__ import annotations

import io

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.oxml import parse_xml
from pptx.parts.slide import NotesSlidePart, SlidePart

from ..errors import RenderError

__all__ = ["parse_xml", "element", "replace_element", "replace_blob", "text_body", "next_shape_id", "shape_tree",
           "relate", "related_part", "drop_slides", "drop_package_relationships", "count_part_names",
           "add_slide_copy", "add_notes_copy", "package_files"]

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"  # as python-pptx names notes pages


# --- the XML behind python-pptx's objects --------------------------------------------------------

def element(obj):
    """The lxml element behind a shape, slide, notes page, slide master or part."""
    return obj._element


def replace_element(part, new) -> None:
    part._element = new


def replace_blob(part, blob: bytes) -> None:
    """New bytes for a part python-pptx keeps only as bytes (a theme)."""
    part._blob = blob


def text_body(frame):
    """A text frame's <p:txBody> (or <a:txBody>) element."""
    return frame._txBody


def next_shape_id(slide) -> int:
    return slide.shapes._next_shape_id


def shape_tree(slide):
    """A slide's <p:spTree>, to append shapes made as XML."""
    return slide.shapes._spTree


# --- relationships ---------------------------------------------------------------------------------

def relate(part, target, reltype: str, *, external: bool = False) -> str:
    """The id of a relationship from `part` to a part or (external) an address, made if new."""
    return part.relate_to(target, reltype, is_external=True) if external else part.relate_to(target, reltype)


def related_part(part, reltype: str):
    """The part `part` relates to by `reltype`; KeyError when there is none."""
    return part.part_related_by(reltype)


def drop_slides(prs) -> None:
    """Take every slide out of the deck (a template's own example slides)."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def drop_package_relationships(package, reltype: str) -> None:
    """Remove the package's own relationships of one type (such as its thumbnail)."""
    rels = package._rels
    for rId, rel in list(rels.items()):
        if rel.reltype == reltype:
            rels.pop(rId)


# --- new parts, named and related exactly as python-pptx does --------------------------------------

def count_part_names(package) -> None:
    """From now on, name new parts by counting the names in use (see _PartNames)."""
    package.next_partname = _PartNames(package)


class _PartNames:
    """python-pptx's `Package.next_partname` with the names in use counted, not found by walking
    every part. The same names come out: the highest free number up to one more than those in use."""

    def __init__(self, package):
        self.names = {str(part.partname) for part in package.iter_parts()}

    def __call__(self, template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        in_use = sum(1 for name in self.names if name.startswith(prefix))
        for number in range(in_use + 1, 0, -1):
            candidate = template % number
            if candidate not in self.names:
                self.names.add(candidate)  # every name asked for becomes a part straight away
                return PackURI(candidate)
        raise RenderError(f"no free part name for {template}")


def add_slide_copy(prs, layout, xml):
    """A new last slide from `layout` whose XML is `xml` (a copy of a fresh slide from that layout)."""
    presentation = prs.part
    part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package, xml)
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    presentation._element.get_or_add_sldIdLst().add_sldId(presentation.relate_to(part, RT.SLIDE))
    return part.slide


def add_notes_copy(slide, xml):
    """The slide's notes page, whose XML is `xml` (a copy of a fresh notes page)."""
    package = slide.part.package
    part = NotesSlidePart(package.next_partname(NOTES_PARTNAME), CT.PML_NOTES_SLIDE, package, xml)
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


# --- the deck's files --------------------------------------------------------------------------------

def package_files(package) -> dict[str, bytes]:
    """Each file of the saved deck by its name in the zip, in the order python-pptx writes them."""
    collected = _Parts()
    # PackageWriter keeps its file only for _write(), which is not called: the steps below write to `collected`.
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    writer._write_content_types_stream(collected)  # the three steps of PackageWriter._write
    writer._write_pkg_rels(collected)
    writer._write_parts(collected)
    return collected.files


class _Parts(_PhysPkgWriter):
    """Stands in for python-pptx's zip writer: keeps each part's bytes by its name in the zip."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, uri: PackURI, blob: bytes) -> None:
        self.files[uri.membername] = blob
