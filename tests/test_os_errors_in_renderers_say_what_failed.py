"""An OSError inside a renderer (a missing system library, a font it cannot read) is named as what it
is, not reported as a full disk. Only the output writer's own file operations are a disk problem.
Either way: exit 1, a plain message, no traceback, and the previous output unchanged."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.html import HtmlRenderer

MISSING_LIBRARY = OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: "
                          "No such file or directory")
UNREADABLE_FONT = PermissionError(errno.EACCES, "Permission denied", "/usr/share/fonts/truetype/ward.ttf")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(make_project, tmp_path):
    """A project built once into `out`, with the cache gone so that the next build renders everything."""
    project = make_project()
    out = tmp_path / "out"
    build(Project.find(project), out=out, formats=["html"])
    shutil.rmtree(out / ".cache")
    return project, out, _tree(out)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("error, expected", [
    pytest.param(MISSING_LIBRARY, "error: could not make the html output for demo: cannot load library "
                 "'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or directory",
                 id="missing-system-library"),
    pytest.param(UNREADABLE_FONT, "error: could not make the html output for demo: Permission denied "
                 "(/usr/share/fonts/truetype/ward.ttf)", id="unreadable-font"),
])
def test_an_os_error_in_a_renderer_says_what_failed(built, run, monkeypatch, forked_workers, error, expected, jobs):
    project, out, before = built
    real = HtmlRenderer.render_unit

    def render_unit(self, job, unit, stage):
        if unit.module == "demo":
            raise error
        real(self, job, unit, stage)

    monkeypatch.setattr(HtmlRenderer, "render_unit", render_unit)
    result = run(project, "build", "--format", "html", "--jobs", jobs, "--out", str(out))
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    assert "not from your course files; the previous output is unchanged" in result.output
    assert "disk space" not in result.output and "could not write" not in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert _tree(out) == before


def test_the_writers_own_failure_is_a_write_problem(built, run, monkeypatch):
    """Not only a full disk: a folder the writer may not write into is the writer's problem too."""
    project, out, before = built
    real = Path.write_text

    def write_text(self, *args, **kwargs):
        if ".html." in str(self):  # the staging folder, .html.*.tmp
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    result = run(project, "build", "--format", "html", "--jobs", "1", "--out", str(out))
    assert result.exit_code == 1, result.output
    assert f"error: could not write the html output in {out}: Permission denied" in result.output.splitlines()
    assert "Traceback" not in result.output
    assert _tree(out) == before


def test_a_full_disk_met_inside_a_renderer_is_still_a_disk_problem(built, run, monkeypatch):
    """A library writing its file into the output folder itself (WeasyPrint does) can fill the disk."""
    project, out, before = built

    def render_unit(self, job, unit, stage):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(HtmlRenderer, "render_unit", render_unit)
    result = run(project, "build", "--format", "html", "--jobs", "1", "--out", str(out))
    assert result.exit_code == 1, result.output
    assert f"error: could not write the html output in {out}: No space left on device" in result.output.splitlines()
    assert _tree(out) == before
