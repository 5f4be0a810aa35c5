"""Start-up stays lean: a format's heavy libraries load only when that format renders something."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import sys
from pathlib import Path
from coursebuilder.pipeline import build
from coursebuilder.project import Project
build(Project.find(Path(sys.argv[1])), formats=sys.argv[2].split(","), jobs=1)
print(",".join(name for name in ("weasyprint", "pptx") if name in sys.modules))
"""


def _loaded(root, formats: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(root), formats], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_an_html_build_never_loads_weasyprint_or_python_pptx(make_project):
    assert _loaded(make_project(), "html,scorm") == ""


@pytest.mark.slow
def test_a_rebuild_with_nothing_to_render_never_loads_weasyprint(make_project):
    root = make_project()
    assert _loaded(root, "pdf") == "weasyprint"
    assert _loaded(root, "pdf") == ""  # every PDF was up to date
