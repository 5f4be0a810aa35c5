"""Nothing lost (issue 17): every sentence and every table cell an author wrote reaches every format
that promises it.

The bundled course, the interactive fixture and the two stress fixtures (tests/fixtures/stress-*, written the way a trainer
converting a Word handbook writes) are built in every format. The text of each output is extracted
the way a reader gets it: pdftotext for each PDF edition (running headers and footers cropped away;
in drawing order and in page order, see pdf_texts), python-pptx for the deck (the slides' shapes
and tables, and the speaker notes apart), and the e-learning pages with their tags stripped. Then
every unit of the source must be found where its format promises it:

- participant text (the sections' Markdown, the blocks' text, the content note, glossary and
  references) in the participant handbook, the large-print handbook, the facilitator guide and the
  e-learning;
- facilitator notes in the facilitator guide;
- in the deck, every sentence, heading and table cell of a section, with the glossary and the
  references, on the slides themselves (what the room sees), and the facilitator notes and the
  content note's full text on the slides or in the speaker notes. Table cells are counted as their
  own format, deck-table-cells, so the figure "cells lost on slides" stands apart from "sentences
  cut on slides".

A unit is a sentence of a paragraph or list item, a heading, a title, or a whole table cell.
Whitespace, line-end hyphenation, ligatures, soft hyphens, quotation-mark and dash styles and letter
case are normalised away on both sides: the test is about words that are lost, not their typography.
A failure lists each missing unit with its module, section and format, and the count per kind.

Measured before the issue 17 fixes (commit ceeff5c, with these rules): nothing lost from the handbook,
facilitator guide or e-learning; large print lost the 7 cells of the stress table's last column; the
deck left off its slides 404 sentences of the bundled course's section text (22 and 10 in the stress
fixtures), every glossary entry (342 units; 6 and 4), every reference address (87; 3 and 3) and every table's
header row (2, 4 and 2 cells), and ran the content note's lines together in its notes. At 5aaaf27
nothing is missing anywhere.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from coursebuilder.load import load_course
from coursebuilder.markdown import Cited
from coursebuilder.markdown import _citation as citation_rule
from coursebuilder.outline import citer
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, REPO, require_tool

pytestmark = pytest.mark.slow

PROJECTS = {"bundled": REPO, "stress-sensory": FIXTURES / "stress-sensory", "stress-words": FIXTURES / "stress-words",
            "interactive": FIXTURES / "interactive"}
PARTICIPANT_PDFS = {"handbook": "handbook", "large-print": "large-print"}
FORMATS = ("handbook", "large-print", "facilitator-guide", "e-learning", "deck", "deck-table-cells")


# ---------------------------------------------------------------------------------------------------
# Normalising text: the same on the source and on every output.

HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen, soft hyphen, dashes, minus
APOSTROPHES = "'\u2018\u2019\u201b\u02bc`\u00b4"
SYMBOLS = "&<>%£€$+=/@#"  # kept as words of their own: "<" lost from a heading is a word lost


def key(text: str) -> str:
    """Words only: compatibility forms (ligatures) unfolded, hyphens, dashes and apostrophes dropped
    (so a word hyphenated at a line end matches), other punctuation as spaces, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(f"[{re.escape(HYPHENS + APOSTROPHES)}]", "", text)
    text = re.sub(f"([{re.escape(SYMBOLS)}])", r" \1 ", text)
    text = re.sub(rf"[^\w{re.escape(SYMBOLS)}]+", " ", text)
    return " ".join(text.casefold().split())


def found(unit: str, corpus: str, corpus_joined: str) -> bool:
    """`corpus` is key() of the output, `corpus_joined` the same without spaces: a web address broken
    across lines in a PDF, or in a sentence, still counts as there (two words run together elsewhere
    do not: that is text mangled)."""
    wanted = key(re.sub(r"^https?://(.*?)/?$", r"\1", unit))  # an address is there without its https://
    if not wanted or wanted in corpus:
        return True
    return bool(re.search(r"https?:|www\.", unit)) and wanted.replace(" ", "") in corpus_joined


# ---------------------------------------------------------------------------------------------------
# The source: units of text, each with where it comes from and who it is for.

@dataclass(frozen=True)
class Unit:
    module: str
    section: str
    kind: str  # sentence, heading, cell
    part: str  # section (its Markdown and blocks), notes (facilitator notes), slide text, content note, glossary,
    # references
    text: str
    origin: str = "text"  # in a section: its Markdown ("text") or the type of the block the words are in


_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|Mx|St|vs|p|pp|No|para|paras|s|ch|cf|al)|\b[A-Z])\.$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9£])")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? or … followed by a capital or a digit, keeping
    abbreviations such as "e.g." and "p. 12" inside their sentence."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start() + 1]
        if _ABBREVIATION.search(before.rstrip()):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if key(s)]


_MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin, inline=False)
_MD.inline.ruler.before("link", "citation", citation_rule)  # [@leamy-2011, p. 445], read as the outputs read it

Cite = Callable[[str], Cited | None]


def cited(token, cite: Cite | None) -> str:
    """A citation as every output words it: "(Leamy and others, 2011, p. 445)", through the module's
    own resolver (outline.citer), so the source says what the outputs say."""
    parts = []
    for ref_id, where in token.meta["items"]:
        shown = cite(ref_id) if cite else None
        if shown is None:
            return token.content  # an unknown id: check stops the build first
        parts.append(shown.text + (", " + where if where else ""))
    return "(" + "; ".join(parts) + ")"


def _inline_text(token, cite: Cite | None = None) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "citation":
            parts.append(cited(child, cite))
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # images (alt text is not printed), inline HTML (tags and comments), link and footnote marks carry
        # no words
    return "".join(parts)


def markdown_units(text: str, module: str, section: str, part: str, cite: Cite | None = None) -> list[Unit]:
    """Every heading, every sentence of every paragraph and list item, and every table cell; `cite`
    words each citation as the outputs do (see `cited`)."""
    units: list[Unit] = []
    # A language mark ([Croeso]{lang=cy}, or {lang=cy} on the line before a paragraph) is not a word, nor is
    # a table's {.row-headers} or the "Table:" that starts its caption.
    text = re.sub(r"^\{\.row-headers\}$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^(?:Table)?:[ \t]+(?=\S)", "", text, flags=re.MULTILINE | re.IGNORECASE)
    tokens = _MD.parse(re.sub(r"\{lang=[^}\s]*\}", "", text))
    in_cell = in_heading = in_note = False
    for token in tokens:
        if token.type in ("footnote_open", "footnote_close"):
            in_note = token.type == "footnote_open"
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            content = _inline_text(token, cite)
            if in_cell:
                if key(content):
                    units.append(Unit(module, section, "cell", part, " ".join(content.split())))
            elif in_heading:
                units.append(Unit(module, section, "heading", part, " ".join(content.split())))
            else:
                for line in content.split("\n"):  # a hard line break (the Welsh card) ends a unit
                    units += [Unit(module, section, "sentence", part, " ".join(s.split()),
                                   "footnote" if in_note else "text")
                              for s in sentences(" ".join(line.split()))]
        elif token.type in ("fence", "code_block"):
            units += [Unit(module, section, "sentence", part, line.strip())
                      for line in token.content.splitlines() if key(line)]
    return units


def block_units(block, module: str, section: str, cite: Cite | None = None) -> list[Unit]:
    """The words of a block that every format shows: titles, text, prompts, questions, options and
    their feedback, steps to order, pairs, a branching scenario's steps and choices, model answers,
    statements to rate, instructions, captions (not alt text, credits or materials lists); and the
    facilitator's own words in a block (a step's notes, an ending's discussion points) as notes."""
    units: list[Unit] = []

    def title(text: str | None) -> None:
        if text:
            units.append(Unit(module, section, "heading", "section", " ".join(text.split())))

    def prose(text: str | None) -> None:
        if text:
            units.extend(markdown_units(text, module, section, "section", cite))

    def feedback(text: str | None) -> None:
        if text:
            units.extend(replace(unit, origin="feedback")
                         for unit in markdown_units(text, module, section, "section", cite))

    def notes(text: str | None) -> None:
        if text:
            units.extend(markdown_units(text, module, section, "notes", cite))

    title(getattr(block, "title", None))
    kind = block.type
    if kind in ("key_point", "quote", "scenario", "branching_scenario"):
        prose(block.text)
    if kind == "reflection":
        for prompt in block.prompts:
            prose(prompt)
    if kind == "scenario":
        for question in block.questions:
            prose(question)
    if kind == "discussion":
        prose(block.instructions)
    if kind == "knowledge_check":
        for question in block.questions:
            prose(question.question)
            for option in getattr(question, "options", []):
                prose(option.text)
                feedback(option.feedback)
            for step in getattr(question, "order", []):
                prose(step)
            for pair in getattr(question, "pairs", []):
                prose(pair.item)
                prose(pair.match)
                feedback(pair.feedback)
            feedback(question.feedback)
    if kind == "branching_scenario":
        for step in block.steps:
            title(step.title)
            prose(step.text)
            for choice in step.choices:
                prose(choice.text)
                feedback(choice.feedback)
            feedback(step.feedback)
            notes(step.facilitator_notes)
            for point in step.debrief:
                notes(point)
    if kind == "free_response":
        prose(block.question)
        feedback(block.model_answer)
    if kind == "self_rating":
        prose(block.question)
        for statement in block.statements:
            prose(statement)
    if kind == "image":
        prose(block.caption)
    return [unit if unit.origin in ("feedback", "footnote") or unit.part == "notes" else replace(unit, origin=kind)
            for unit in units]


def source_units(project: Path) -> list[Unit]:
    result = load_course(Project.find(project))
    assert result.course is not None, [d.message for d in result.diagnostics]
    units: list[Unit] = []
    for module in result.course.modules:
        meta, slug = module.meta, module.slug
        cite = citer(meta, None)
        units += markdown_units(meta.content_note.text, slug, "(content note)", "content note", cite)
        for section in meta.sections:
            units.append(Unit(slug, section.title, "heading", "section", " ".join(section.title.split())))
            body = module.document(section.body)
            assert body is not None
            slide_text = getattr(section, "slides", None)  # the author's own slide text, if any
            text_units = markdown_units(body.text, slug, section.title, "section", cite)
            if slide_text:
                units += [replace(unit, origin="text beside slide text") if unit.origin == "text" else unit
                          for unit in text_units]
                units += markdown_units(slide_text, slug, section.title, "slide text", cite)
            else:
                units += text_units
            for block in section.blocks:
                units += block_units(block, slug, section.title, cite)
            notes = module.document(section.facilitator_notes)
            if notes is not None:
                units += markdown_units(notes.text, slug, section.title, "notes", cite)
        for entry in meta.glossary:
            units.append(Unit(slug, "(glossary)", "heading", "glossary", entry.term))
            units += markdown_units(entry.definition, slug, "(glossary)", "glossary", cite)
        for reference in meta.references:
            units.append(Unit(slug, "(references)", "heading", "references", reference.title))
            if reference.url:
                units.append(Unit(slug, "(references)", "address", "references", reference.url))
    return units


# ---------------------------------------------------------------------------------------------------
# The outputs: text as a reader gets it.

def _page_bands(pdf: Path) -> tuple[float, float, float, float]:
    """Where the running header ends and the running footer starts (in points), found from the text
    blocks that repeat near the top or the bottom of the pages, and the page size."""
    xml = subprocess.run([require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'\sxmlns="[^"]*"', "", xml, count=1)
    root = ElementTree.fromstring(xml)
    pages = root.findall(".//page")
    width, height = float(pages[0].get("width")), float(pages[0].get("height"))
    seen: Counter = Counter()
    blocks = []
    for number, page in enumerate(pages):
        for block in page.iter("block"):
            words = " ".join(w.text or "" for w in block.iter("word"))
            y0, y1 = float(block.get("yMin")), float(block.get("yMax"))
            shape = (re.sub(r"\d+", "#", words), round(y0))
            blocks.append((number, y0, y1, shape, words))
            seen[shape] += 1
    repeated = max(2, len(pages) // 3)
    # A running header may name only the section (large print): it repeats on that section's pages alone,
    # word for word and in the same place on pages that follow each other.
    # (The topmost block of its page: a table's header row repeats too, lower down.)
    placed = {(number, words, round(y0)) for number, y0, _, _, words in blocks}
    first: dict[int, float] = {}
    for number, y0, *_ in blocks:
        first[number] = min(y0, first.get(number, y0))
    running = [y1 for number, y0, y1, _, words in blocks if y0 == first[number]
               and ((number + 1, words, round(y0)) in placed or (number - 1, words, round(y0)) in placed)]
    top = [y1 for _, y0, y1, shape, _ in blocks if seen[shape] >= repeated and y1 < height * 0.15]
    top += [y1 for y1 in running if y1 < height * 0.15]
    bottom = [y0 for _, y0, y1, shape, _ in blocks if seen[shape] >= repeated and y0 > height * 0.85]
    header_end = max(top, default=0.0)
    # Everything that starts inside the header band is header (a section name beside the module
    # title, wrapped onto a second line on some pages).
    header_end = max([y1 for _, y0, y1, _, _ in blocks if y0 < header_end and y1 < height * 0.2] + [header_end])
    footer_start = min(bottom, default=height)
    footer_start = min([y0 for _, y0, y1, _, _ in blocks if y1 > footer_start and y0 > height * 0.8] + [footer_start])
    return width, height, header_end, footer_start


def pdf_texts(pdf: Path) -> dict[str, str]:
    """The text of every page between the running header and footer, twice: in the order it is drawn
    (-raw: a table cell whole, before the next cell) and in the order it sits on the page (a paragraph
    whole when something beside it, such as a materials list, is drawn later). A unit found in either
    is there; one found in neither is lost or cut."""
    width, height, header_end, footer_start = _page_bands(pdf)
    top = int(header_end) + 1
    crop = ["-x", "0", "-y", str(top), "-W", str(int(width) + 1), "-H", str(int(footer_start) - top - 1)]
    return {name: tidy_pdf_text(subprocess.run([require_tool("pdftotext"), *mode, *crop, str(pdf), "-"],
                                               check=True, capture_output=True, text=True).stdout)
            for name, mode in (("drawn", ["-raw"]), ("placed", []))}


def tidy_pdf_text(text: str) -> str:
    # List markers are drawn after the page's text (content-stream order): they are not the author's words.
    text = re.sub(r"(?m)^[ \t]*(?:\d+[.)]|[a-zA-Z][.)]|[ivx]+[.)]|[•◦▪‣●○■□–-])[ \t]*$\n?", "", text)
    # A word hyphenated at a line end that pdftotext left in two parts.
    return re.sub("[-\u00ad\u2010\u2011][ \t]*\n\\s*", "", text)


_INLINE_TAGS = ("a|abbr|b|strong|em|i|code|kbd|sup|sub|s|del|span|small|mark|q|cite|dfn|bdi|bdo|time|u")


def html_text(folder: Path) -> str:
    pages = []
    for page in sorted(folder.glob("*.html")):
        source = page.read_text(encoding="utf-8")
        source = re.sub(r"(?is)<(script|style|template)\b.*?</\1\s*>", " ", source)
        source = re.sub(r"(?s)<!--.*?-->", " ", source)
        source = re.sub(rf"(?i)</?(?:{_INLINE_TAGS})\b[^>]*>", "", source)
        source = re.sub(r"<[^>]+>", " ", source)
        pages.append(html_lib.unescape(source))
    return "\n".join(pages)


def html_links(folder: Path) -> str:
    return "\n".join(html_lib.unescape(address) for page in sorted(folder.glob("*.html"))
                     for address in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")))


def _shape_texts(shapes) -> list[str]:
    texts = []
    for shape in shapes:
        if shape.shape_type is not None and getattr(shape, "shapes", None) is not None:  # a group
            texts += _shape_texts(shape.shapes)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def _shape_links(shapes) -> list[str]:
    links = []
    for shape in shapes:
        if getattr(shape, "shapes", None) is not None:
            links += _shape_links(shape.shapes)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            links += [run.hyperlink.address for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
                      if run.hyperlink.address]
    return links


def deck_text(pptx: Path) -> tuple[str, str, str]:
    """The words on the slides (text boxes, placeholders and tables), the speaker notes, and the web
    addresses the slides' links go to."""
    from pptx import Presentation

    slides, notes, links = [], [], []
    for slide in Presentation(str(pptx)).slides:
        slides.append("\n".join(_shape_texts(slide.shapes)))
        links += _shape_links(slide.shapes)
        if slide.has_notes_slide:
            notes.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(slides).replace("\v", "\n"), "\n".join(notes).replace("\v", "\n"), "\n".join(links)


# ---------------------------------------------------------------------------------------------------
# Builds, once per project.

@pytest.fixture(scope="module")
def built(request, tmp_path_factory) -> dict[str, tuple[list[Unit], Path]]:
    cache: dict[str, tuple[list[Unit], Path]] = {}

    def get(name: str) -> tuple[list[Unit], Path]:
        if name not in cache:
            if name == "bundled":
                out = request.getfixturevalue("bundled_build")
            else:
                copy = tmp_path_factory.mktemp(name) / name
                shutil.copytree(PROJECTS[name], copy)
                out = copy / "build"
                build(Project.find(copy), out=out)
            cache[name] = (source_units(PROJECTS[name]), out)
        return cache[name]

    return get  # type: ignore[return-value]


def corpora(fmt: str, out: Path, module: str) -> dict[str, str]:
    """The texts of one module's output in one format, by name."""
    if fmt in ("handbook", "large-print", "facilitator-guide"):
        return pdf_texts(out / "pdf" / f"{module}-{fmt}.pdf")
    if fmt == "e-learning":
        folder = out / "html" / module
        return {"text": html_text(folder), "link": html_links(folder)}
    slides, notes, links = deck_text(out / "pptx" / f"{module}.pptx")
    return {"slides": slides, "notes": notes, "link": links}


def where(fmt: str, unit: Unit) -> tuple[str, ...]:
    """Where a format promises a unit: the names of the texts it may be found in (none: not promised).

    The deck shows the room every sentence, heading and cell of a section on its slides (split over
    continuation slides when long), unless the author wrote the section's slide text (`slides`): then
    that is on the slides and the section's own text may be in the speaker notes. It shows the
    glossary and the references on slides too, each address whole or as the link of the address
    shown (perhaps shortened), as a web address in the e-learning is the address its link goes to.
    Facilitator notes may be on the slides or in the speaker notes, and so may the content note's
    full text, footnotes and the feedback on each answer of a knowledge check (the answer slide gives
    the right one; the facilitator talks the others through), on each choice and ending of a branching
    scenario, and a written answer's model answer. Facilitator notes are in the
    facilitator guide only."""
    if fmt in ("deck", "deck-table-cells"):
        if (unit.kind == "cell") != (fmt == "deck-table-cells"):
            return ()
        talked_through = (unit.part in ("notes", "content note")
                          or unit.origin in ("feedback", "footnote", "text beside slide text"))
        if unit.kind == "address":  # shown on a slide, perhaps shortened, as a link to the whole address
            return ("slides", "link")
        return ("slides", "notes") if talked_through else ("slides",)
    if unit.part == "slide text" or (unit.part == "notes" and fmt != "facilitator-guide"):
        return ()
    if fmt == "e-learning":
        return ("text", "link") if unit.kind == "address" else ("text",)
    return ("drawn", "placed")


def missing_units(units: list[Unit], out: Path, fmt: str) -> tuple[list[Unit], int]:
    lost, checked = [], 0
    for module in dict.fromkeys(u.module for u in units):
        texts = {name: key(text) for name, text in corpora(fmt, out, module).items()}
        joined = {name: text.replace(" ", "") for name, text in texts.items()}
        for unit in units:
            names = where(fmt, unit)
            if unit.module != module or not names:
                continue
            checked += 1
            if not any(found(unit.text, texts[name], joined[name]) for name in names):
                lost.append(unit)
    return lost, checked


def report(project: str, fmt: str, lost: list[Unit], checked: int) -> str:
    def origin(unit: Unit) -> str:
        return f"section {unit.origin}" if unit.part == "section" else unit.part

    counts = Counter((u.kind, origin(u)) for u in lost)
    lines = [f"{project}, {fmt}: {len(lost)} of {checked} units missing: "
             + ", ".join(f"{n} {kind} ({where})" for (kind, where), n in counts.most_common())]
    lines += [f"  {u.module} › {u.section} › {fmt}: missing {u.kind} ({origin(u)}): {u.text}" for u in lost]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------
# The tests.

CASES = [pytest.param(project, fmt, id=f"{project}-{fmt}") for project in PROJECTS for fmt in FORMATS
         if (project, fmt) != ("interactive", "deck-table-cells")]  # the interactive fixture has no tables


@pytest.mark.parametrize(("project", "fmt"), CASES)
def test_every_sentence_and_cell_reaches_the_format(built, project, fmt):
    units, out = built(project)
    lost, checked = missing_units(units, out, fmt)
    assert checked, f"{project}, {fmt}: no units to check"
    assert not lost, report(project, fmt, lost, checked)


@pytest.mark.parametrize("project", [name for name in PROJECTS if name.startswith("stress-")])
def test_the_stress_fixtures_pass_check_with_warnings_only(project):
    """Written as a trainer would, so they draw real warnings (long sentences, acronyms), but no error:
    the language-teaching passages are marked as such, every quote is credited, status is honest."""
    from datetime import date

    from coursebuilder.pipeline import check

    diagnostics = check(Project.find(PROJECTS[project]), today=date(2026, 11, 26)).diagnostics
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    assert not {"quote-source", "unapproved", "frequent-flyer", "kicking-off", "attention-seeking"} & {
        d.code for d in diagnostics}


# The helpers themselves, on small examples (so a pass above means something).

def test_the_normal_form_ignores_typography_but_not_words():
    assert key("It’s “kicking off” – a ﬁne line") == key('Its "kicking off" - a fine line')
    assert key("sensory-\u00adfriendly") == key("sensoryfriendly") == key("sensory-friendly")
    assert key('When "a bit loud" > "too much" & < "unbearable"') == 'when a bit loud > too much & < unbearable'
    assert key("69% and 90%") != key("69 and 90")


def test_sentences_split_at_sentence_ends_but_not_at_abbreviations():
    assert sentences('Past care leaves marks. In a US study, 59% said so (Frueh, 2005). "Why?" She asked.') == [
        "Past care leaves marks.", "In a US study, 59% said so (Frueh, 2005).", '"Why?"', "She asked."]
    assert sentences("Use a scale, e.g. 1 to 10. See p. 12 of the pack.") == [
        "Use a scale, e.g. 1 to 10.", "See p. 12 of the pack."]


def test_markdown_gives_cells_headings_and_each_line_of_a_broken_line():
    units = markdown_units("## Q&A: \"Isn't it\" < >\n\n| A | B |\n|---|---|\n| one | two |\n\n"
                           "{lang=cy}\n**Croeso. Dyma ni.**\\\n**Welcome. Here we are.** [Bore da.]{lang=cy}\n"
                           "<!-- a comment -->\n\nA claim.[^why]\n\n[^why]: The note.\n",
                           "m", "s", "section")
    assert [(u.kind, u.text) for u in units] == [
        ("heading", "Q&A: \"Isn't it\" < >"), ("cell", "A"), ("cell", "B"), ("cell", "one"), ("cell", "two"),
        ("sentence", "Croeso."), ("sentence", "Dyma ni."), ("sentence", "Welcome."), ("sentence", "Here we are."),
        ("sentence", "[Bore da.]"), ("sentence", "A claim."), ("sentence", "The note.")]
    assert [u.origin for u in units][-2:] == ["text", "footnote"]


def test_citations_in_the_source_are_worded_as_the_outputs_word_them():
    def cite(ref_id: str) -> Cited | None:
        return {"leamy-2011": Cited("Leamy and others, 2011", None), "nice-ng197": Cited("NICE, 2021", "#r")}.get(ref_id)

    units = markdown_units("Hope matters [@leamy-2011, p. 445]. Decide together [@leamy-2011; @nice-ng197]. "
                           "An unknown id stays as typed [@nobody].", "m", "s", "section", cite)
    assert [u.text for u in units] == ["Hope matters (Leamy and others, 2011, p. 445).",
                                       "Decide together (Leamy and others, 2011; NICE, 2021).",
                                       "An unknown id stays as typed [@nobody]."]


def test_a_cut_sentence_is_missing_and_a_whole_one_is_found():
    page_break = ("Past care leaves marks.\nIn a US study of 142 peo-\nple, 59% said\n1.\n2.\n\f"
                  "so. The body \u2013\nwhere it is.")
    corpus = key(tidy_pdf_text(page_break))
    flat = corpus.replace(" ", "")
    assert found("In a US study of 142 people, 59% said so.", corpus, flat)
    assert found("The body – where it is.", corpus, flat)
    assert not found("In a US study of 142 people, 59% said so, and 34% more.", corpus, flat)
    assert not found("Past care leaves marks in a US study.", key("Past care leaves marksin a US study."), "")
    address = "https://www.imroc.org/publications/creating-a-recovery-focused-culture"
    broken = key("Read it at https://www.imroc.org/publications/creating-a-recov\nery-focused-culture today")
    assert found(address, broken, broken.replace(" ", ""))
