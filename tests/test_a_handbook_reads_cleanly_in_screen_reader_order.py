"""What a screen reader meets in a handbook, from cover to references: the structure tree walked in order,
page artifacts skipped (tests/pdfua.py `reading_order`). Locked as a golden file, so a running header
read in the middle of a sentence, a paragraph cut in two at a page break, a glossary read as a list of
separate terms and definitions, or a list item that holds more than a label and a body shows as a diff.
The golden file is the participant handbook of the bundled module "A Space to Think"."""

from __future__ import annotations

import re

import pytest

from . import pdfua

pytestmark = pytest.mark.slow

HANDBOOK = "space-to-think-handbook.pdf"


def test_the_handbook_reads_in_order_with_no_page_furniture(bundled_build, golden):
    order = pdfua.reading_order(bundled_build / "pdf" / HANDBOOK)
    assert not re.search(r"Page \d+ of \d+", order), "a page footer is read as content"
    assert "....." not in order, "the contents' dot leaders are read out"
    golden("reading-order-space-to-think-handbook.txt", order)
