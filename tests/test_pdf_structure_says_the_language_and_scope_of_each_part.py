"""The handbooks' structure tree says the language of each passage and the scope of each table header
(render/pdf_tags.py): a paragraph, words in a sentence, a quotation or a list marked `{lang=cy}` get
/Lang (cy) on their structure element, each TH gets /Scope /Column or /Row in its table attributes,
in every printed edition. Urdu is printed right to left, with a glyph for every letter.

Each structure element is found by its text: the text of the MCIDs below it, each read from the
marked content of the page the element names (/Pg)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import types
from pathlib import Path

import pikepdf
import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import pdf_tags

from .checks_support import BODY, write
from .conftest import FIXTURES, require_tool
from .pdf_support import elements_with_text as _elements
from .pdf_support import unicode_map
from .pdf_support import words as _words

URDU = "آپ کا خیر مقدم ہے"  # "you are welcome"
URDU_LETTERS = set(URDU.replace(" ", "")) | set("میں۔")
LONG_WELSH = "Mae croeso cynnes i bawb ar y ward. " * 120  # runs on over a page break
TEXT = f"""\
We also say [{URDU}]{{lang=ur}} to people who speak Urdu, and [Croeso]{{lang=cy}} in Welsh.

{{lang=ur}}
NHS میں {URDU}۔

{{lang=cy}}
Rydyn ni yma i helpu bob dydd.

{{lang=cy}}
> Bore da, sut dych chi?

{{lang=cy}}
- Nos da i bawb
- Diolch yn fawr

{{lang=cy}}
{LONG_WELSH}

| Shift | Task |
|-------|------|
| Early | Talk |

{{.row-headers}}
| Ward | Lead |
|------|------|
| Derwen | Sam |

<table><thead><tr><th>Day</th><th>Room</th></tr></thead><tbody><tr><td>Monday</td><td>Two</td></tr></tbody></table>
"""
EDITIONS = ["demo-handbook.pdf", "demo-facilitator-guide.pdf", "demo-large-print.pdf", "course-handbook.pdf"]


def _build(out: Path, root: Path) -> Path:
    build(Project.find(root), out=out, formats=["pdf"], jobs=1)
    return out / "pdf"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    write(root, BODY, TEXT)
    return root


@pytest.fixture(scope="module")
def pdfs(project) -> Path:
    return _build(project / "out", project)


def _visual(line: str) -> str:
    """A line written right to left as it is printed, read left to right: the last word first, and each
    Urdu word's letters from its end (an English word inside it keeps its own order)."""
    return " ".join(word if word.isascii() else word[::-1] for word in reversed(line.split()))


def _languages(elements, tag: str, text: str) -> tuple[list[str], set[str]]:
    """For the elements tagged `tag` whose text is `text` (its words, as printed): the /Lang they carry
    themselves, and the languages they are read in (the text's own elements, below, inherit it)."""
    matching = [(e, language) for e, t, language in elements if e.S == tag and _words(t) == text]
    return [str(e.Lang) for e, _ in matching if "/Lang" in e], {language for _, language in matching}


@pytest.mark.slow
@pytest.mark.parametrize("name", EDITIONS)
def test_each_passage_says_its_language(pdfs, name):
    with pikepdf.open(pdfs / name) as pdf:
        elements = _elements(pdf)
        assert str(pdf.Root.Lang) == "en-GB"  # the document's own language, from <html lang>
        [document] = pdf.Root.StructTreeRoot.K
        assert "/Lang" not in document  # <html> and <body> make no element of their own
        assert _languages(elements, "/Span", _visual(URDU)) == (["ur"], {"ur"})  # words in a sentence
        assert _languages(elements, "/Span", "Croeso") == (["cy"], {"cy"})
        assert _languages(elements, "/P", _visual(f"NHS میں {URDU}۔")) == (["ur"], {"ur"})  # a paragraph
        assert _languages(elements, "/P", "Rydyn ni yma i helpu bob dydd.") == (["cy"], {"cy"})
        assert _languages(elements, "/BlockQuote", "Bore da, sut dych chi?") == (["cy"], {"cy"})
        assert _languages(elements, "/LBody", "Nos da i bawb") == ([], {"cy"})  # read in the language of its list
        assert [str(e.Lang) for e, t, _ in elements if e.S == "/L" and "Nos da i bawb" in t] == ["cy"]
        # A paragraph broken over pages is one element (its lines on each page): it says its language.
        [broken] = [e for e, t, _ in elements if e.S == "/P" and "Mae croeso cynnes" in t]
        assert str(broken.Lang) == "cy" and len({kid.Pg.objgen for kid in broken.K}) >= 2
        # Only what is marked: the English sentence round the words, and everything else, say nothing.
        [(sentence, _)] = [(e, t) for e, t, _ in elements if e.S == "/P" and _words(t).startswith("We also say")]
        assert "/Lang" not in sentence
        assert {str(e.Lang) for e, _, _ in elements if "/Lang" in e} == {"cy", "ur"}


@pytest.mark.slow
@pytest.mark.parametrize("name", EDITIONS)
def test_each_table_header_says_its_scope(pdfs, name):
    with pikepdf.open(pdfs / name) as pdf:
        elements = _elements(pdf)
        scope = {_words(t): (str(e.A.O), str(e.A.get("/Scope"))) for e, t, _ in elements if e.S == "/TH"}
    column, row = ("/Table", "/Column"), ("/Table", "/Row")
    assert {text: scope[text] for text in ("Shift", "Task", "Ward", "Lead", "Derwen", "Day", "Room")} == {
        "Shift": column, "Task": column, "Ward": column, "Lead": column, "Derwen": row,
        "Day": column, "Room": column}  # a header without scope="row" heads its column
    assert all(value in (column, row) for value in scope.values())  # the session plan's too
    if name == "demo-facilitator-guide.pdf":
        assert scope["Time"] == column and scope["Total"] == row


def _notdef_characters(path: Path) -> set[str]:
    """The characters the PDF draws with glyph 0, the font's missing-glyph box."""
    missing: set[str] = set()
    with pikepdf.open(path) as pdf:
        for font in pdf.objects:
            if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") != "/Type0":
                continue
            to_cid: dict[bytes, int] | None = None  # None: Identity-H, the code is the glyph
            if isinstance(font.Encoding, pikepdf.Stream):
                cmap = font.Encoding.read_bytes().decode("latin-1")
                to_cid = {bytes.fromhex(code): int(cid)
                          for code, cid in re.findall(r"<([0-9a-fA-F]{4})>\s+(\d+)", cmap)}
            else:
                assert font.Encoding == "/Identity-H"
            for code, text in unicode_map(font).items():
                cid = int.from_bytes(code, "big") if to_cid is None else to_cid.get(code, 0)
                if cid == 0 and text != "\uffff":  # WeasyPrint maps code 0 to U+FFFF: not a character
                    missing.add(text)
    return missing


def _fonts_with(letters: set[str]) -> list[str]:
    """The fonts fontconfig knows that have all of `letters` (the fonts WeasyPrint can fall back on)."""
    charset = " ".join(f"{ord(letter):x}" for letter in sorted(letters))
    found = subprocess.run([require_tool("fc-list"), f":charset={charset}", "family"], capture_output=True,
                           text=True, check=True)
    return found.stdout.split()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo-handbook.pdf", "demo-large-print.pdf"])
def test_every_urdu_letter_has_a_glyph(pdfs, name):
    if not _fonts_with(URDU_LETTERS):  # DejaVu Sans lacks U+06C1, U+06D2 and U+06D4
        require_tool("a font with every Urdu letter (fonts-sil-scheherazade)")
    assert _notdef_characters(pdfs / name) & URDU_LETTERS == set()


def _line_of(pdf: Path, word: str) -> list[str]:
    """The words of the first printed line that has `word`, left to right as printed (pdftotext gives
    each word as drawn, so an Urdu word comes with its letters left to right: see `_visual`)."""
    xml = subprocess.run([require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    for line in re.findall(r"<line [^>]*>(.*?)</line>", xml, re.S):
        words = sorted((float(x), text)
                       for x, text in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', line))
        if word in [text for _, text in words]:
            return [text for _, text in words]
    raise AssertionError(f"no line has {word!r}")


def _line_box(pdf: Path, word: str) -> tuple[float, float]:
    """Where the first printed line that has `word` starts and ends across the page, in points."""
    xml = subprocess.run([require_tool("pdftotext"), "-f", "1", "-l", "99", "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    for start, end, line in re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', xml,
                                       re.S):
        if word in re.findall(r"<word [^>]*>([^<]*)</word>", line):
            return float(start), float(end)
    raise AssertionError(f"no line has {word!r}")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo-handbook.pdf", "demo-large-print.pdf"])
def test_a_right_to_left_paragraph_is_set_against_the_right_margin(pdfs, name):
    from coursebuilder.render.pdf_tables import A4_TEXT_WIDTH_PT

    left_margin, _ = _line_box(pdfs / name, "say")  # English: starts at the left margin
    urdu_start, urdu_end = _line_box(pdfs / name, _visual("میں"))  # a short Urdu paragraph
    assert urdu_start > left_margin + 50, "the Urdu paragraph starts at the left margin"
    assert abs(urdu_end - (left_margin + A4_TEXT_WIDTH_PT)) < 3, "the Urdu paragraph does not reach the right margin"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo-handbook.pdf", "demo-large-print.pdf"])
def test_urdu_reads_right_to_left(pdfs, name):
    # Words inside an English sentence: the first Urdu word is the rightmost of them, the last the leftmost.
    line = _line_of(pdfs / name, "say")
    urdu = line[line.index("say") + 1:line.index("to")]
    assert " ".join(urdu) == _visual(URDU)
    # A paragraph written right to left begins at the right: the English word it starts with is rightmost,
    # where it would be leftmost if the paragraph had lost its direction.
    paragraph = _line_of(pdfs / name, _visual("میں"))
    assert " ".join(paragraph) == _visual(f"NHS میں {URDU}۔")  # "NHS" last: at the right
    # And text extraction gives the Urdu back in its logical order.
    text = subprocess.run([require_tool("pdftotext"), str(pdfs / name), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert URDU in re.sub("[\u202a-\u202e]", "", text)


@pytest.mark.slow
def test_the_same_sources_give_the_same_bytes(pdfs, project, tmp_path):
    again = _build(tmp_path / "again", project)
    for name in EDITIONS:
        assert (again / name).read_bytes() == (pdfs / name).read_bytes(), name


EDGES = """<html lang="en-GB"><head><title>Edges</title><style>
  .pinned { position: absolute; top: 300px; left: 50px }
  .marked::before { content: "» " }
  ul { list-style: none }
</style></head><body>
<p>English first.</p>
<dl lang="cy"><dt>Bore da</dt><dd>Good morning</dd></dl>
<ul><li lang="pl">Witamy</li><li>Hello</li></ul>
<p class="pinned" lang="ga">Fáilte</p>
<p class="marked" lang="gd">Fàilte</p>
<table><tr><th scope="row">Early</th><td>Talk</td></tr><tr><th scope="colgroup">Late</th><td>Walk</td></tr></table>
</body></html>"""


def test_the_boxes_weasyprint_treats_apart_say_their_language_too():
    """An absolutely placed box, a ::before box, and the LI WeasyPrint wraps round a <dd> or a
    bullet-less <li>: the elements made for them say the language; <html> and <body> make none."""
    from weasyprint import HTML

    out = io.BytesIO()
    with pdf_tags.tagging():
        HTML(string=EDGES).write_pdf(out, pdf_variant="pdf/ua-1")
    out.seek(0)
    with pikepdf.open(out) as pdf:
        elements = _elements(pdf)
        [document] = pdf.Root.StructTreeRoot.K
        assert "/Lang" not in document
        assert _languages(elements, "/L", "Bore daGood morning") == (["cy"], {"cy"})
        assert _languages(elements, "/LI", "Witamy") == (["pl"], {"pl"})  # WeasyPrint's own LI
        assert _languages(elements, "/LBody", "Witamy") == (["pl"], {"pl"})
        assert _languages(elements, "/P", "Fáilte") == (["ga"], {"ga"})  # position: absolute
        assert _languages(elements, "/P", "» Fàilte") == (["gd"], {"gd"})  # with its ::before
        assert _languages(elements, "/P", "English first.") == ([], {""})
        scope = {_words(t): str(e.A.Scope) for e, t, _ in elements if e.S == "/TH"}
        assert scope == {"Early": "/Row", "Late": "/Column"}  # as WeasyPrint links it: only "row" heads a row


def test_the_wrappers_stand_in_for_weasyprint_only_while_a_handbook_is_written():
    wrapped = {name: getattr(pdf_tags._OWNERS[owner], name) for owner, name in pdf_tags._WRAPPED}
    with pdf_tags.tagging():
        with pdf_tags.tagging():  # a second writer at the same time
            assert pdf_tags._handbook() is not None
        for owner, name in pdf_tags._WRAPPED:
            assert getattr(pdf_tags._OWNERS[owner], name) is pdf_tags._wrappers()[owner, name]
    assert {name: getattr(pdf_tags._OWNERS[owner], name) for owner, name in pdf_tags._WRAPPED} == wrapped
    assert pdf_tags._handbook() is None


def test_a_weasyprint_without_a_function_we_wrap_is_a_clear_error():
    import weasyprint

    for owner, name in pdf_tags._WRAPPED:
        pdf_tags._checked(owner, name)  # the installed WeasyPrint has it, as pdf_tags.py knows it

        def renamed(*args, extra=None):
            yield from ()

        for where in (types.SimpleNamespace(), types.SimpleNamespace(**{name: renamed}),
                      types.SimpleNamespace(**{name: lambda *args: None})):
            with pytest.raises(RuntimeError, match=f"WeasyPrint {re.escape(weasyprint.__version__)} has no "
                                                   f"{re.escape(owner)}\\.{re.escape(name)}\\("):
                pdf_tags._checked(owner, name, where)


def test_weasyprint_does_not_write_the_keys_itself():
    """When a new WeasyPrint writes /Lang or /Scope itself, pdf_tags.py may be retired: this says so."""
    import inspect

    from weasyprint.pdf import tags

    written = [line.strip() for line in inspect.getsource(tags).splitlines()
               if re.search(r"\[['\"](Lang|Scope)['\"]\]\s*=", line)]
    assert written == ["pdf.catalog['Lang'] = pydyf.String()"]  # only the catalog's, when <html> has no lang
