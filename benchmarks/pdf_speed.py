"""PDF handbook speed for the bundled content: time and pages per output, time per page, total.

usage: .venv/bin/python benchmarks/pdf_speed.py [RUNS]   (default 3; the fastest run is shown)

Builds only the pdf format, in-process, into a temporary folder (never into build/). Each output's
time runs from the previous progress message to its own, so it includes WeasyPrint's layout and
PDF writing for that document, and nothing else.
"""

import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from coursebuilder.pipeline import build
from coursebuilder.project import Project

ROOT = Path(__file__).resolve().parent.parent


def one_run() -> tuple[list[tuple[str, int, float]], float]:
    marks: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        build(Project.find(ROOT), formats=["pdf"], out=Path(out),
              progress=lambda message: marks.append((message, time.perf_counter())))
        total = time.perf_counter() - started
        folder = Path(out) / "pdf"
        start = next(t for message, t in marks if message.startswith("pdf: rendering"))
        rows = []
        for message, t in marks:
            if message.startswith("pdf: ") and not message.startswith(("pdf: rendering", "pdf: done")):
                file = message.removeprefix("pdf: ").replace(" ", "-") + ".pdf"  # "space-to-think large print"
                rows.append((file, len(PdfReader(folder / file).pages), t - start))
                start = t
    return rows, total


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    best = min((one_run() for _ in range(runs)), key=lambda result: result[1])
    rows, total = best
    width = max(len(file) for file, _, _ in rows)
    print(f"{'output':<{width}}  {'pages':>5}  {'seconds':>7}  {'ms/page':>7}")
    for file, pages, seconds in rows:
        print(f"{file:<{width}}  {pages:>5}  {seconds:>7.2f}  {seconds / pages * 1000:>7.0f}")
    pages = sum(p for _, p, _ in rows)
    rendering = sum(s for _, _, s in rows)
    print(f"{'all PDFs':<{width}}  {pages:>5}  {rendering:>7.2f}  {rendering / pages * 1000:>7.0f}")
    print(f"whole pdf build (load, check, render, write): {total:.2f} s, "
          f"fastest of {runs} run{'s' if runs != 1 else ''}")


if __name__ == "__main__":
    main()
