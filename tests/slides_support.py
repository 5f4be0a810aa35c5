"""Reading decks back for the tests of issue 17: the text on each slide (never its notes), table cells
included, and the sentences and table cells of an author's Markdown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pptx import Presentation

from coursebuilder.markdown import parse

from .conftest import FIXTURES

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9£])")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\v", " ")).strip()


def on_slide(slide) -> str:
    """Everything the slide itself shows: every text frame and every table cell, not the notes."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return squeeze(" ".join(parts))


def slide_texts(deck: Path) -> list[str]:
    return [on_slide(slide) for slide in Presentation(str(deck)).slides]


def notes_texts(deck: Path) -> list[str]:
    return [squeeze(slide.notes_slide.notes_text_frame.text) for slide in Presentation(str(deck)).slides]


def _words(token) -> str:
    return squeeze("".join(c.content if c.type in ("text", "code_inline") else " "
                           if c.type in ("softbreak", "hardbreak") else "" for c in token.children or []))


def sentences_and_cells(markdown: str) -> tuple[list[str], list[str]]:
    """Each sentence of the Markdown's paragraphs, list items and headings, and each table cell."""
    sentences, cells, in_table = [], [], False
    for token in parse(markdown):
        in_table = token.type == "table_open" or in_table and token.type != "table_close"
        if token.type == "inline" and (text := _words(token)):
            if in_table:
                cells.append(text)
            else:
                sentences += [squeeze(s) for s in SENTENCE_END.split(text) if s.strip()]
    return sentences, cells


def project_with(tmp_path: Path, body: str, blocks: str = "", section_extra: str = "") -> Path:
    """The minimal fixture with its second section's text replaced by `body`, `blocks` (YAML lines for
    the second section's blocks) and any other keys for that section (`section_extra`)."""
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "modules" / "demo" / "02-second.md").write_text(body, encoding="utf-8")
    module = root / "modules" / "demo" / "module.yaml"
    text = module.read_text(encoding="utf-8")
    old = "    body: 02-second.md\n    outcomes: [2]\n"
    assert old in text
    text = text.replace(old, old + section_extra + (f"    blocks:\n{blocks}" if blocks else ""))
    text = text.replace("topics: [distress]", "topics: [distress, restraint and seclusion]")
    module.write_text(text, encoding="utf-8")
    return root
