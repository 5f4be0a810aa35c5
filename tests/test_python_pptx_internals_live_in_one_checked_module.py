"""Decks rely on python-pptx below its public API in a few places, all in
coursebuilder/render/pptx_compat.py. These tests try each of them on a real deck, so that a new
python-pptx that renames, removes or changes one fails here, naming it, instead of somewhere
deep in a deck build (or, worse, by writing a different deck). And no other module may reach
below the public API.
"""

from __future__ import annotations

import copy
import inspect
import io
import re
import tomllib
import zipfile
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.parts.slide import NotesSlidePart, SlidePart

from coursebuilder.render import pptx_compat as compat

from .conftest import REPO

INSTALLED = f"python-pptx {version('python-pptx')}"

# Every python-pptx callable pptx_compat calls below the public API, with the parameters it passes.
SIGNATURES = {
    "SlidePart": (SlidePart, ["partname", "content_type", "package", "element"]),
    "NotesSlidePart": (NotesSlidePart, ["partname", "content_type", "package", "element"]),
    "PackageWriter": (PackageWriter, ["pkg_file", "pkg_rels", "parts"]),
    "PackageWriter._write_content_types_stream": (PackageWriter._write_content_types_stream, ["self", "phys_writer"]),
    "PackageWriter._write_pkg_rels": (PackageWriter._write_pkg_rels, ["self", "phys_writer"]),
    "PackageWriter._write_parts": (PackageWriter._write_parts, ["self", "phys_writer"]),
    "PackURI": (PackURI, ["pack_uri_str"]),
    "_PhysPkgWriter.write": (_PhysPkgWriter.write, ["self", "pack_uri", "blob"]),  # what pptx_compat._Parts overrides
}


@pytest.mark.parametrize("name", SIGNATURES)
def test_each_internal_callable_takes_what_pptx_compat_passes(name):
    function, expected = SIGNATURES[name]
    parameters = list(inspect.signature(function).parameters)
    assert parameters == expected, f"{INSTALLED} changed {name}: it now takes ({', '.join(parameters)})"


def test_package_writer_still_writes_in_the_three_steps_pptx_compat_repeats():
    steps = ["_write_content_types_stream", "_write_pkg_rels", "_write_parts"]
    source = inspect.getsource(PackageWriter._write)
    found = sorted((source.find(step), step) for step in steps if step in source)
    assert [step for _, step in found] == steps, f"{INSTALLED} changed PackageWriter._write:\n{source}"


@pytest.fixture
def deck():
    """python-pptx's own default deck with one slide, its notes page and a title."""
    prs = Presentation()
    layout = prs.slide_layouts[1]
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "A title"
    slide.notes_slide.notes_text_frame.text = "Notes"
    return prs, layout, slide


# (what is used, how pptx_compat uses it on the deck above)
USES = {
    "Presentation.part._element": lambda prs, layout, slide: compat.element(prs.part).tag,
    "Slide._element": lambda prs, layout, slide: compat.element(slide).tag,
    "Shape._element": lambda prs, layout, slide: compat.element(slide.shapes.title).tag,
    "SlideMaster._element": lambda prs, layout, slide: compat.element(prs.slide_master).tag,
    "NotesMaster._element": lambda prs, layout, slide: compat.element(prs.notes_master).tag,
    "NotesSlide._element": lambda prs, layout, slide: compat.element(slide.notes_slide).tag,
    "TextFrame._txBody": lambda prs, layout, slide: compat.text_body(slide.shapes.title.text_frame).tag,
    "SlideShapes._next_shape_id": lambda prs, layout, slide: compat.next_shape_id(slide) + 0,
    "SlideShapes._spTree": lambda prs, layout, slide: compat.shape_tree(slide).tag,
    "Part.part_related_by": lambda prs, layout, slide: compat.related_part(prs.slide_master.part, RT.THEME).blob,
    "Part._blob": lambda prs, layout, slide: compat.replace_blob(
        compat.related_part(prs.slide_master.part, RT.THEME), b"<theme/>"),
    "XmlPart._element (replaced)": lambda prs, layout, slide: compat.replace_element(
        layout.part, compat.element(layout.part)),
    "Part.relate_to (external)": lambda prs, layout, slide: compat.relate(
        slide.part, "https://example.org/", RT.HYPERLINK, external=True),
    "Package._rels": lambda prs, layout, slide: compat.drop_package_relationships(prs.part.package, RT.THUMBNAIL),
    "PresentationPart._next_slide_partname": lambda prs, layout, slide: str(prs.part._next_slide_partname),
    "Slides._sldIdLst, CT_SlideId.rId and Part.drop_rel": lambda prs, layout, slide: compat.drop_slides(prs),
    "PackageWriter steps": lambda prs, layout, slide: compat.package_files(prs.part.package),
}


@pytest.mark.parametrize("name", USES)
def test_each_internal_used_on_a_deck_is_still_there(deck, name):
    try:
        USES[name](*deck)
    except Exception as exc:  # noqa: BLE001 - any failure at all is the news
        pytest.fail(f"{INSTALLED}: {name} failed: {type(exc).__name__}: {exc}")


def test_the_effects_are_those_python_pptx_would_have(deck):
    prs, layout, slide = deck
    assert b"/thumbnail" in compat.package_files(prs.part.package)["_rels/.rels"]
    compat.drop_package_relationships(prs.part.package, RT.THUMBNAIL)
    assert b"/thumbnail" not in compat.package_files(prs.part.package)["_rels/.rels"]
    compat.drop_slides(prs)
    assert len(prs.slides) == 0 and not [r for r in prs.part.rels.values() if r.reltype == RT.SLIDE]


def test_counted_part_names_are_the_names_python_pptx_gives(deck):
    prs, layout, slide = deck
    package = prs.part.package
    templates = [compat.NOTES_PARTNAME, "/ppt/slides/slide%d.xml", "/ppt/media/image%d.png"]
    theirs = [str(package.next_partname(template)) for template in templates]
    compat.count_part_names(package)
    assert [str(package.next_partname(template)) for template in templates] == theirs, \
        f"{INSTALLED}: Package.next_partname names parts differently"


def test_copied_slides_and_notes_save_as_python_pptx_would_write_them(deck):
    prs, layout, slide = deck
    compat.count_part_names(prs.part.package)
    made = compat.add_slide_copy(prs, layout, copy.deepcopy(compat.element(slide)))
    notes = compat.add_notes_copy(made, copy.deepcopy(compat.element(slide.notes_slide)))
    assert len(prs.slides) == 2 and prs.slides[1].has_notes_slide and notes.notes_text_frame.text == "Notes"
    assert str(made.part.partname) == "/ppt/slides/slide2.xml"
    assert str(notes.part.partname) == "/ppt/notesSlides/notesSlide2.xml"
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as archive:
        written = {name: archive.read(name) for name in archive.namelist()}
    assert compat.package_files(prs.part.package) == written, f"{INSTALLED}: parts are collected differently"
    assert len(Presentation(io.BytesIO(saved.getvalue())).slides) == 2


PRIVATE = re.compile(r"\._(element|txBody|sldIdLst|spTree|next_shape_id|next_slide_partname|rels|blob|write_\w+)\b"
                     r"|from pptx\.(opc\.serialized|opc\.packuri|opc\.package|parts|oxml)\b|next_partname"
                     r"|\.(relate_to|part_related_by|drop_rel)\(")


def test_no_other_module_reaches_below_python_pptx_public_api():
    found = []
    for file in sorted((REPO / "coursebuilder").rglob("*.py")):
        text = file.read_text(encoding="utf-8")
        if file.name == "pptx_compat.py" or not (file.name.startswith("pptx") or re.search(r"^(from|import) pptx\b",
                                                                                             text, re.MULTILINE)):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if PRIVATE.search(line):
                found.append(f"{file.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == [], "move these into coursebuilder/render/pptx_compat.py:\n" + "\n".join(found)


def test_python_pptx_is_pinned_to_a_range_the_installed_version_is_in():
    with open(REPO / "pyproject.toml", "rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    pinned = next(Requirement(d) for d in dependencies if Requirement(d).name == "python-pptx")
    assert any(spec.operator in ("<", "~=", "==") for spec in pinned.specifier), f"{pinned} has no upper bound"
    assert pinned.specifier.contains(version("python-pptx")), f"{INSTALLED} is outside {pinned}"
