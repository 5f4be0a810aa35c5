"""The fonts installed on the machine are part of the cache key of the outputs that lay text out with
them (PDF through fontconfig, decks through DejaVu Sans): installing, removing or updating a font
renders them again. The e-learning, which names fonts but never embeds system ones, stays up to date.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coursebuilder import cache
from coursebuilder.cache import Keys
from coursebuilder.load import load_course
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import Unit
from coursebuilder.themes import load_theme

from .conftest import require_tool


@pytest.fixture
def fontconfig(tmp_path, monkeypatch) -> Path:
    """A fontconfig set-up with the system's fonts and one more folder, empty for now: its path."""
    fc_list = require_tool("fc-list")
    extra = tmp_path / "more-fonts"
    extra.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{extra}</dir>
  <cachedir>{tmp_path / "font-cache"}</cachedir>
</fontconfig>
""", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    files = subprocess.run([fc_list, "--format", "%{file}\n", ":fontformat=TrueType"], capture_output=True,
                           text=True, check=True, timeout=120).stdout.split()
    assert files, "fontconfig lists no TrueType font"
    extra.joinpath("source.txt").write_text(sorted(files)[0], encoding="utf-8")
    return extra


def _install_font(extra: Path) -> None:
    shutil.copyfile(extra.joinpath("source.txt").read_text(encoding="utf-8"), extra / "Newly-Installed.ttf")


def test_a_new_font_renders_the_decks_again_but_not_the_e_learning(make_project, tmp_path, fontconfig):
    project = Project.find(make_project())
    out = tmp_path / "out"
    first = build(project, out=out, formats=["html", "pptx"], jobs=1)
    assert "pptx/demo" in first.rendered
    assert build(project, out=out, formats=["html", "pptx"], jobs=1).rendered == []

    _install_font(fontconfig)
    again = build(project, out=out, formats=["html", "pptx"], jobs=1)
    assert again.rendered == ["pptx/demo"]


def _keys(project: Project) -> Keys:
    course = load_course(project, []).course
    return Keys(course, load_theme(project, course.meta.theme))


UNITS = [Unit("pdf", "module", "demo", "handbook"), Unit("pptx", "module", "demo"), Unit("html", "module", "demo")]


def test_the_pdf_key_follows_the_fonts_too(make_project, fontconfig):
    project = Project.find(make_project())
    before = [_keys(project).key(unit) for unit in UNITS]
    _install_font(fontconfig)
    after = [_keys(project).key(unit) for unit in UNITS]
    assert [b != a for b, a in zip(before, after)] == [True, True, False]


def test_an_updated_font_file_changes_the_key(make_project, fontconfig):
    _install_font(fontconfig)
    project = Project.find(make_project())
    before = _keys(project).key(UNITS[0])
    with open(fontconfig / "Newly-Installed.ttf", "ab") as font:
        font.write(b"\0\0\0\0")  # same name, other bytes: a new release of the font
    assert _keys(project).key(UNITS[0]) != before


def test_without_fontconfig_the_usual_font_folders_are_read(make_project, tmp_path, monkeypatch):
    folder = tmp_path / "Fonts"
    folder.mkdir()
    monkeypatch.setattr(cache.shutil, "which", lambda name: None)
    monkeypatch.setattr(cache, "FONT_FOLDERS", (str(folder),))
    project = Project.find(make_project())
    before = _keys(project).key(UNITS[1])
    (folder / "Verdana.ttf").write_bytes(b"not really a font")
    assert _keys(project).key(UNITS[1]) != before
