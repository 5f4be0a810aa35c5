"""Helpers for the content-check tests: a copy of the minimal fixture with text of the test's choosing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coursebuilder.diagnostics import Diagnostic, sorted_diagnostics
from coursebuilder.pipeline import check
from coursebuilder.project import Project

TODAY = date(2026, 11, 26)  # every check in the tests runs on this date, so none turns red on a calendar day
BODY = "modules/demo/01-first.md"
NOTES = "modules/demo/01-first-facilitator.md"
MODULE = "modules/demo/module.yaml"


def write(project: Path, relative: str, text: str) -> None:
    (project / relative).write_text(text, encoding="utf-8")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace text that must be there (so a changed fixture fails loudly, not silently)."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_checks(project: Path, today: date = TODAY) -> list[Diagnostic]:
    """Every diagnostic, in the order the command line prints them (by file, line and column)."""
    return sorted_diagnostics(check(Project.find(project), today=today).diagnostics)


def findings(project: Path, code: str | None = None, today: date = TODAY) -> list[Diagnostic]:
    found = run_checks(project, today)
    return [d for d in found if code is None or d.code == code]


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.file, d.line, d.column, d.code) for d in diagnostics]


def first_section_page(project: Path, body: str, out: Path) -> str:
    """The e-learning page of the minimal fixture's first section, built with `body` as its text."""
    from coursebuilder.pipeline import build

    write(project, BODY, body)
    build(Project.find(project), out=out, formats=["html"], jobs=1)
    return next((out / "html").rglob("01-*.html")).read_text(encoding="utf-8")
