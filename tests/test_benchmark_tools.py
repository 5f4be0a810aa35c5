"""The benchmark's synthetic projects are real, valid courses (so the figures measure real work)."""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest

from coursebuilder.pipeline import check
from coursebuilder.project import Project

from .conftest import REPO


@pytest.mark.slow
def test_synthetic_modules_are_valid_and_varied(tmp_path):
    spec = importlib.util.spec_from_file_location("synthetic", REPO / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    project = synthetic.make_project(7, tmp_path / "project")
    result = check(Project.find(project), today=date(2026, 11, 26))
    assert [d.format() for d in result.diagnostics if d.severity != "info"] == []
    # Information only: the diagrams' letters are too small for large print and slides, which give their words.
    assert {d.code for d in result.diagnostics} <= {"picture-text-small"}
    titles = [m.meta.title for m in result.course.modules]
    assert [m.slug for m in result.course.modules] == [f"module-{n:03d}" for n in range(1, 8)]
    assert len(set(titles)) == 7 and titles[6].startswith("A Space to Think") and titles[6].endswith("(7)")
