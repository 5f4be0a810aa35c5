"""`--jobs N`: outputs render in a pool of processes, byte for byte as they do one after another."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.html import HtmlRenderer

from .conftest import wait_until


@pytest.fixture
def course(make_project) -> Path:
    root = make_project("minimal")
    modules = root / "modules"
    shutil.copytree(modules / "demo", modules / "second")
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("modules: [demo]", "modules: [demo, second]"),
                           encoding="utf-8")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


@pytest.mark.slow
def test_every_format_is_byte_identical_with_one_or_several_processes(course, tmp_path):
    serial = build(Project.find(course), out=tmp_path / "one", jobs=1)
    parallel = build(Project.find(course), out=tmp_path / "two", jobs=2)
    assert sorted(serial.rendered) == sorted(parallel.rendered)
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert {name.split("/")[0] for name in one} == {"html", "pdf", "pptx", "scorm"}
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_outputs_render_in_separate_processes(course, tmp_path, monkeypatch, forked_workers):
    seen = tmp_path / "pids"
    seen.mkdir()
    original = HtmlRenderer.render_unit

    def noted(self, job, unit, stage):
        (seen / f"{os.getpid()}-{unit.id.replace('/', '_')}").touch()
        # Each unit waits until the other worker has one too, so one worker cannot take every unit.
        wait_until(lambda: len({name.name.split("-")[0] for name in seen.iterdir()}) >= 2,
                   "a unit rendering in a second worker process")
        original(self, job, unit, stage)

    monkeypatch.setattr(HtmlRenderer, "render_unit", noted)  # workers are forked: they inherit the patch
    build(Project.find(course), out=tmp_path / "out", formats=["html"], jobs=2)
    pids = {name.name.split("-")[0] for name in seen.iterdir()}
    assert len(list(seen.iterdir())) == 4
    assert len(pids) == 2 and str(os.getpid()) not in pids


def test_progress_names_every_output_once(course, run):
    result = run(course, "build", "--format", "html,scorm", "--jobs", "2")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("[")]
    assert sorted(line.split("] ", 1)[1] for line in lines) == sorted(
        ["html: theme files", "html: course index", "html: demo", "html: second", "scorm: demo", "scorm: second"])
    assert sorted(line.split("]")[0] for line in lines) == sorted(f"[{n}/6" for n in range(1, 7))


def test_a_problem_found_in_a_worker_is_a_plain_message(course, run):
    theme = course / "themes" / "own"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: Own\npptx:\n  template: deck.pptx\n", encoding="utf-8")
    (theme / "deck.pptx").write_text("not a deck", encoding="utf-8")
    result = run(course, "build", "--format", "pptx", "--theme", "own", "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "themes/own/theme.yaml:3:13:" in result.output and "not a PowerPoint file" in result.output
    assert "Traceback" not in result.output
    assert not (course / "build" / "pptx").exists()
    assert [p.name for p in (course / "build").iterdir()] == []  # nothing staged is left behind


def test_a_bug_in_a_worker_is_reported_and_the_old_output_stays(course, run, monkeypatch, forked_workers):
    assert run(course, "build", "--format", "html").exit_code == 0
    before = _tree(course / "build")
    shutil.rmtree(course / "build" / ".cache")

    def broken(self, job, unit, stage):
        raise RuntimeError("a bug in a renderer")

    monkeypatch.setattr(HtmlRenderer, "render_unit", broken)
    result = run(course, "build", "--format", "html", "--jobs", "2")
    assert result.exit_code == 3
    assert "internal error" in result.output and "a bug in a renderer" in result.output
    assert _tree(course / "build") == before
    assert sorted(p.name for p in (course / "build").iterdir()) == ["html"]


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_jobs_must_be_a_positive_number(course, run, value):
    result = run(course, "build", "--jobs", value)
    assert result.exit_code == 2
    assert "--jobs" in result.output


@pytest.mark.slow
def test_checks_find_the_same_with_one_or_several_processes(make_project):
    from datetime import date

    from coursebuilder.pipeline import check

    from .conftest import REPO

    for root in (REPO, make_project("checks-all")):
        one = check(Project.find(root), today=date(2031, 1, 1), jobs=1)  # late enough for review findings
        two = check(Project.find(root), today=date(2031, 1, 1), jobs=2)
        assert one.diagnostics, root  # something to compare
        assert sorted(d.format() for d in one.diagnostics) == sorted(d.format() for d in two.diagnostics)
