"""A renderer installed as a plug-in (entry point group `coursebuilder.renderers`) is part of the cache
key: editing its code, or installing another version of it, renders its outputs again instead of
keeping stale ones as up to date.

The plug-in is a real installed package (a folder with its .dist-info on PYTHONPATH), and each build
is its own `coursebuilder build` process, as an author runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

HANG_GUARD_SECONDS = 600  # only to catch a hang

PLUGIN = '''\
from coursebuilder.render import Renderer

from .words import GREETING


class GreetingRenderer(Renderer):
    name = "greeting"
    summary = "one text file per module (a test plug-in)"

    def owns(self, slug, relative):
        return relative == f"{slug}.txt"

    def render_unit(self, job, unit, out):
        out.write(f"{unit.module}.txt", GREETING + "\\n")
'''


def _install(site: Path, version: str = "1.0", greeting: str = "hello") -> None:
    package = site / "cb_greeting"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    (package / "words.py").write_text(f"GREETING = {greeting!r}\n", encoding="utf-8")
    for old in site.glob("cb_greeting-*.dist-info"):
        for file in old.iterdir():
            file.unlink()
        old.rmdir()
    info = site / f"cb_greeting-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: cb-greeting\nVersion: {version}\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[coursebuilder.renderers]\ngreeting = cb_greeting:GreetingRenderer\n",
                                           encoding="utf-8")


@pytest.fixture
def plugin_build(make_project, tmp_path):
    project = make_project()
    site = tmp_path / "site"
    out = tmp_path / "out"
    _install(site)

    def build() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "coursebuilder", "build", "--format", "greeting", "--out", str(out)],
            cwd=project, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)]), "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr  # progress and the summary go to stderr

    first = build()
    assert "(1 output made)" in first, first
    assert (out / "greeting" / "demo.txt").read_text(encoding="utf-8") == "hello\n"
    assert "(0 outputs made, 1 already up to date)" in build()
    return site, out, build


@pytest.mark.slow
def test_editing_the_plugins_code_renders_its_outputs_again(plugin_build):
    site, out, build = plugin_build
    (site / "cb_greeting" / "words.py").write_text("GREETING = 'good morning'\n", encoding="utf-8")
    assert "(1 output made)" in build()
    assert (out / "greeting" / "demo.txt").read_text(encoding="utf-8") == "good morning\n"


@pytest.mark.slow
def test_another_version_of_the_plugin_renders_its_outputs_again(plugin_build):
    site, out, build = plugin_build
    _install(site, version="1.1")  # same code, a new release: it may depend on other libraries
    assert "(1 output made)" in build()


@pytest.mark.slow
def test_a_plugins_key_names_its_distribution_and_its_files(plugin_build, monkeypatch):
    from coursebuilder import cache, render

    site, out, build = plugin_build
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(render, "_registry", dict(render._BUILTIN))
    monkeypatch.setattr(render, "_distributions", {})
    monkeypatch.setattr(render, "_entry_points_loaded", False)
    assert render.distribution("greeting") == ("cb-greeting", "1.0")
    assert not render.builtin("greeting") and render.builtin("html")
    assert cache.renderer_fingerprint("html") == ""  # coursebuilder's own code is in code_fingerprint
    assert len(cache.renderer_fingerprint("greeting")) == 64
