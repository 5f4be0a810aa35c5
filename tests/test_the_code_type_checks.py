"""coursebuilder/ type-checks cleanly with mypy, as configured in pyproject.toml ([tool.mypy]).

mypy runs in its own process, the way a developer runs it (`.venv/bin/mypy` in the repository);
its output is the failure message. A first run, with no .mypy_cache yet, takes several seconds.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import HANG_GUARD_SECONDS, REPO

pytestmark = pytest.mark.slow


def test_mypy_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml")],
        cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        pytest.fail(f"mypy found problems (exit {result.returncode}):\n{output}", pytrace=False)
