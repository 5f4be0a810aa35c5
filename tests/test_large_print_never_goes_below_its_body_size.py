"""Large print keeps its promise on every page: no text in a large-print handbook is set smaller than its
body size (18 pt), the running header and footer and a diagram's words included. Read from the PDF's
own text operators (the size each run of text is set in), for every bundled module and the stress
fixtures; the participant handbook, by contrast, sets its running header and footer smaller."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES

PX_PER_PT = 4 / 3  # WeasyPrint sets text in CSS pixels


def _sizes_pt(pdf_file: Path) -> dict[float, int]:
    """How many text runs are set at each size, in points (every page's `Tf` operators)."""
    sizes: dict[float, int] = {}
    with pikepdf.open(pdf_file) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page, "Tf"):
                size = round(float(operands[1]) / PX_PER_PT, 1)
                sizes[size] = sizes.get(size, 0) + 1
    return sizes


@pytest.fixture(scope="module")
def stress_build(tmp_path_factory) -> list[Path]:
    folders = []
    for name in ("stress-sensory", "stress-words"):
        out = tmp_path_factory.mktemp(name) / "build"
        build(Project.find(FIXTURES / name), out=out, formats=["pdf"], jobs=1)
        folders.append(out)
    return folders


def test_no_large_print_text_is_smaller_than_18_pt(bundled_build, stress_build):
    editions = sorted((bundled_build / "pdf").glob("*-large-print.pdf"))
    editions += [pdf for folder in stress_build for pdf in sorted((folder / "pdf").glob("*-large-print.pdf"))]
    assert len(editions) >= 8
    for pdf_file in editions:
        small = {size: count for size, count in _sizes_pt(pdf_file).items() if size < 18}
        assert small == {}, f"{pdf_file.name}: text runs below 18 pt, by size: {small}"


def test_the_participant_handbook_sets_its_header_and_footer_smaller(bundled_build):
    sizes = _sizes_pt(bundled_build / "pdf" / "space-to-think-handbook.pdf")
    assert min(sizes) < 12 <= max(sizes, key=sizes.__getitem__)  # body text is the commonest size
