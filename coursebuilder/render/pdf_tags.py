"""The language of each passage and the scope of each table header, in the handbooks' structure tree.

WeasyPrint tags the handbooks (pdf_variant "pdf/ua-1") but, in version 70, leaves out two things a
screen reader needs from the structure tree:

- `/Lang` on the structure element of an HTML element that says its language (`<p lang="cy">`,
  `<span lang="ur" dir="rtl">`, a quotation or a list): without it the Welsh or Urdu is read with
  the English voice of the document's own /Lang (PDF/UA-1 7.2, WCAG 3.1.2);
- `/Scope` (/Column or /Row) in the table attributes (`/A << /O /Table >>`) of each TH.

How: while `language_and_scope()` is entered, WeasyPrint's private `weasyprint.pdf.tags.
_build_box_tree` is wrapped. That generator makes the structure element of one box and yields it; it
calls itself for each child box through the module's global name, so the wrapper sees every box. For
each element it yields, the wrapper adds the two keys from the box's HTML element. The boxes of the
page, <html> and <body> make no element of their own: they yield their children's elements, which
are left as they are (the document's language is the catalog's /Lang, from <html lang>). Everything
else is WeasyPrint's: an element made from an anonymous box or a ::marker/::before pseudo-element
box shares its HTML element, so it gets the same language (said twice, harmless); the extra LI that
WeasyPrint wraps round a <dt>, <dd> or bullet-less <li> gets it too; only an element tagged /TH
gets a scope (an anonymous block inside a cell is /NonStruct). A header with scope="row" is a row
header, any other a column header: exactly the headers WeasyPrint links each TD to in its /Headers.

Why not a pikepdf pass over the written file: once written, a structure element no longer says which
HTML element it came from, so a post-pass would have to find each passage again by its text, which is
fragile (a word inside a sentence, a paragraph broken across pages, the same word twice); it would also
read and write every PDF a second time. The wrapper adds two keys at the moment WeasyPrint has both
the box and its element, and changes nothing else, so the output stays byte-for-byte reproducible.

The wrapper is installed only while a handbook is written (entered from `_Context.write` in pdf.py),
and the original is put back when the last writer leaves, so nothing else that uses WeasyPrint in the
same process is changed outside those calls (a count under a lock, for writers in several threads).

The function is private, so `_box_tree_builder()` checks that it is there with the parameters this
module knows, and raises a RuntimeError naming the WeasyPrint version when it is not. The tests in
tests/test_pdf_structure_says_the_language_and_scope_of_each_part.py fail if a new WeasyPrint builds
the tree differently, or starts writing the keys itself.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer (a dependency of it): PDF strings
import weasyprint

# weasyprint.pdf.tags._build_box_tree(box, parent, pdf, page_number, nums, annotations, tags) in 70.0
_PARAMETERS = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")


def _unsupported() -> str:
    return (f"WeasyPrint {weasyprint.__version__} has no weasyprint.pdf.tags._build_box_tree"
            f"({', '.join(_PARAMETERS)}) generator, which coursebuilder/render/pdf_tags.py wraps to write "
            "each passage's /Lang and each table header's /Scope into the handbooks (written for "
            "WeasyPrint 70.0): adapt pdf_tags.py to this version, or install WeasyPrint 70")


try:
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags as weasyprint_tags
except ImportError as error:  # the modules this one reaches into moved
    raise RuntimeError(_unsupported()) from error

_lock = threading.Lock()
_writers = 0  # how many handbooks are being written in this process now
_original: Any = None  # WeasyPrint's function, while the wrapper stands in for it


def _box_tree_builder(module: Any = weasyprint_tags) -> Any:
    """WeasyPrint's `_build_box_tree`, after checking that it is the generator this module wraps."""
    function = getattr(module, "_build_box_tree", None)
    if function is None or not inspect.isgeneratorfunction(function) or \
            tuple(inspect.signature(function).parameters) != _PARAMETERS:
        raise RuntimeError(_unsupported())
    return function


@contextmanager
def language_and_scope() -> Iterator[None]:
    """While entered, the PDFs WeasyPrint writes say the language of each passage and each table
    header's scope in their structure trees."""
    global _writers, _original
    with _lock:
        if _writers == 0:
            _original = _box_tree_builder()
            weasyprint_tags._build_box_tree = _build_box_tree
        _writers += 1
    try:
        yield
    finally:
        with _lock:
            _writers -= 1
            if _writers == 0:
                weasyprint_tags._build_box_tree = _original
                _original = None


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    """WeasyPrint's function, with /Lang and /Scope added to the elements made for `box`."""
    own = _makes_elements(box)
    for element in _original(box, parent, pdf, page_number, nums, annotations, tags):
        if own:
            _describe(element, box)
        yield element


def _makes_elements(box) -> bool:
    """False for the boxes that only pass on their children's elements: a page, <html>, <body>."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if box.element is None or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
        return False
    return box.element_tag not in ("html", "body")


def _describe(element: pydyf.Dictionary, box) -> None:
    html = (box._box if isinstance(box, AbsolutePlaceholder) else box).element
    lang = html.get("lang")
    if lang is not None:
        element["Lang"] = pydyf.String(lang)
    if element["S"] == "/TH":
        element["A"]["Scope"] = "/Row" if html.get("scope") == "row" else "/Column"
