"""Output layout and safe replacement: one place writes, a failed format leaves the old output alone."""

from __future__ import annotations

import shutil

import pytest

from coursebuilder import render
from coursebuilder.errors import ContentError
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render.html import HtmlRenderer


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_layout_of_an_html_build(make_project, tmp_path):
    out = tmp_path / "out"
    build(Project.find(make_project()), out=out, formats=["html"])
    assert _files(out / "html") == [
        "_theme/interactive.css", "_theme/interactive.js", "_theme/learning.js", "_theme/preferences-early.js",
        "_theme/style.css", "_theme/tokens.css",
        "demo/01-first-steps.html", "demo/02-second-steps.html", "demo/images/dot.png", "demo/index.html",
        "demo/summary.html", "index.html",
    ]
    assert sorted(p.name for p in out.iterdir()) == [".cache", "html"]  # no temporary folders left behind


def test_nothing_else_in_the_output_folder_is_touched(make_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "pdf").mkdir()
    (out / "pdf" / "old.pdf").write_bytes(b"%PDF")
    build(Project.find(make_project()), out=out, formats=["html"])
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "pdf" / "old.pdf").read_bytes() == b"%PDF"


def test_a_full_build_replaces_the_format_folder(make_project, tmp_path):
    out = tmp_path / "out"
    (out / "html" / "gone").mkdir(parents=True)
    (out / "html" / "gone" / "index.html").write_text("old", encoding="utf-8")
    build(Project.find(make_project()), out=out, formats=["html"])
    assert not (out / "html" / "gone").exists()


def test_content_errors_write_nothing(make_project, tmp_path):
    project = make_project()
    (project / "modules" / "demo" / "02-second.md").unlink()
    out = tmp_path / "out"
    with pytest.raises(ContentError):
        build(Project.find(project), out=out)
    assert not out.exists()


def test_a_failed_render_leaves_the_old_folder_as_it_was(make_project, tmp_path, monkeypatch):
    project = Project.find(make_project())
    out = tmp_path / "out"
    build(project, out=out, formats=["html"])
    before = {name: (out / "html" / name).read_bytes() for name in _files(out / "html")}

    def broken_render(self, job, unit, stage):
        stage.write("index.html", "half-written")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(HtmlRenderer, "render_unit", broken_render)
    shutil.rmtree(out / ".cache")
    with pytest.raises(RuntimeError):
        build(project, out=out, formats=["html"], jobs=1)
    after = {name: (out / "html" / name).read_bytes() for name in _files(out / "html")}
    assert after == before
    assert sorted(p.name for p in out.iterdir()) == ["html"]


def test_building_some_modules_keeps_the_others(make_project, tmp_path, run):
    root = make_project()
    assert run(root, "new", "extra").exit_code == 0
    project = Project.find(root)
    out = tmp_path / "out"
    build(project, out=out, formats=["html"])
    extra_before = (out / "html" / "extra" / "index.html").read_bytes()
    index_before = (out / "html" / "index.html").read_bytes()

    module_yaml = root / "modules" / "demo" / "module.yaml"
    module_yaml.write_text(module_yaml.read_text(encoding="utf-8").replace("Demo module", "Renamed module"),
                           encoding="utf-8")
    extra_yaml = root / "modules" / "extra" / "module.yaml"
    extra_yaml.write_text(extra_yaml.read_text(encoding="utf-8").replace("title: Extra", "title: Changed"),
                          encoding="utf-8")
    build(project, out=out, formats=["html"], slugs=["demo"])
    assert "Renamed module" in (out / "html" / "demo" / "index.html").read_text(encoding="utf-8")
    assert (out / "html" / "extra" / "index.html").read_bytes() == extra_before
    assert (out / "html" / "index.html").read_bytes() == index_before  # course pages need a full build


def test_a_renderer_writes_only_inside_its_stage(tmp_path):
    from coursebuilder.output import OutputDir

    with pytest.raises(ValueError):
        with OutputDir(tmp_path).replace("html") as stage:
            stage.write("../escape.txt", "no")
    assert not (tmp_path / "escape.txt").exists()
    assert list(tmp_path.iterdir()) == []


def test_registry_refuses_duplicate_names_and_loads_lazily():
    with pytest.raises(ValueError):
        render.register("html", "somewhere:Else")
    assert "html" in render.names()
    assert isinstance(render.get("html"), HtmlRenderer)


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_an_interrupted_build_leaves_the_old_output_and_no_litter(make_project, tmp_path, how, jobs):
    import signal
    import subprocess
    import sys

    from .conftest import HANG_GUARD_SECONDS

    root = make_project()
    out = tmp_path / "out"
    build(Project.find(root), out=out, formats=["html"])
    (out / "mine.txt").write_text("not coursebuilder's", encoding="utf-8")
    shutil.rmtree(out / ".cache")  # so that the next build renders everything again
    before = _tree(out)
    # A slow renderer stands in for a long build; the command line is the real one.
    script = (
        "import signal, time, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"  # as from a terminal, even under a background job
        "from coursebuilder.render.html import HtmlRenderer\n"
        "render = HtmlRenderer.render_unit\n"
        "def slow(self, job, unit, stage):\n"
        "    render(self, job, unit, stage)\n"
        "    if unit.module:\n"
        "        print('rendered', flush=True)\n"
        "        time.sleep(24 * 3600)\n"  # until the signal stops the build: a build that ignored it would hang
        "HtmlRenderer.render_unit = slow\n"
        "from coursebuilder.cli import main\n"
        "sys.argv = ['coursebuilder', 'build', '--format', 'html', '--jobs', sys.argv[2], '--out', sys.argv[1]]\n"
        "main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(out), jobs], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "rendered"
    assert any(p.name.endswith(".tmp") for p in out.iterdir())  # the new output was staged
    process.send_signal(getattr(signal, how))
    try:
        _, errors = process.communicate(timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the build did not stop on {how}")
    assert process.returncode != 0
    assert "Traceback" not in errors
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["html", "mine.txt"]


def test_leftovers_of_a_killed_build_are_cleared(make_project, tmp_path):
    out = tmp_path / "out"
    (out / ".html.abc123.tmp").mkdir(parents=True)
    (out / ".html.abc123.tmp" / "half.html").write_text("half", encoding="utf-8")
    (out / ".pdf.keep.tmp").mkdir()  # another format's staging: not this build's business
    build(Project.find(make_project()), out=out, formats=["html"])
    assert sorted(p.name for p in out.iterdir()) == [".cache", ".pdf.keep.tmp", "html"]


def test_a_full_disk_is_a_plain_message_and_the_old_output_stays(make_project, tmp_path, run, monkeypatch):
    import errno

    from coursebuilder.output import Stage

    root = make_project()
    out = tmp_path / "out"
    build(Project.find(root), out=out, formats=["html"])
    shutil.rmtree(out / ".cache")  # so that the next build renders everything again
    before = _tree(out)
    real_write = Stage.write
    calls = []

    def write(self, relative, data):
        calls.append(relative)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, relative, data)

    monkeypatch.setattr(Stage, "write", write)
    result = run(root, "build", "--format", "html", "--jobs", "1", "--out", str(out))
    assert result.exit_code == 1
    assert f"error: could not write the html output in {out}: No space left on device" in result.output
    assert "the previous output is unchanged" in result.output
    assert "Traceback" not in result.output
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["html"]
