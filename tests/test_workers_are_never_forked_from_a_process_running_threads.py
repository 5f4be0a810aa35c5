"""Forking a process that runs other threads copies any lock one of them held at that moment, locked
for ever: a worker that then needs it hangs. The command line runs nothing but the build and forks
(each worker starts with the loaded course for free); a process with other threads alive (a test
runner, a program using coursebuilder as a library) starts its workers from a clean process instead.
And the live preview leaves no request thread behind when it closes."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.serve import ENDPOINT, LiveServer

from .conftest import REPO, wait_until

pytestmark = pytest.mark.slow

CHOICE = ("import threading, sys\n"
          "from coursebuilder.workers import start_method\n"
          "if sys.argv[1] == 'thread':\n"
          "    threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
          "print(start_method())\n")


@pytest.mark.parametrize(("threads", "method"), [("alone", "fork"), ("thread", "forkserver")])
def test_workers_fork_only_when_the_build_is_all_the_process_runs(threads, method):
    result = subprocess.run([sys.executable, "-c", CHOICE, threads], cwd=REPO, capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == method


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_workers_started_beside_a_busy_thread_build_the_same_bytes(make_project, tmp_path):
    root = make_project("minimal")
    busy = threading.Event()
    holder = threading.Lock()

    def hold() -> None:  # a thread that holds a lock the whole time, as a library's thread might
        with holder:
            busy.wait()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        two = build(Project.find(root), out=tmp_path / "two", formats=["html", "scorm"], jobs=2)
    finally:
        busy.set()
        thread.join()
    one = build(Project.find(root), out=tmp_path / "one", formats=["html", "scorm"], jobs=1)
    assert sorted(one.rendered) == sorted(two.rendered)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_closing_the_preview_answers_pages_waiting_for_a_reload(make_project):
    root = make_project("minimal")
    server = LiveServer(Project.find(root), root / "build", port=0)
    server.start()
    before = {t.ident for t in threading.enumerate()}
    answered: list[int] = []

    def wait_for_reload() -> None:
        epoch = server.preview.snapshot()[0]
        with urllib.request.urlopen(f"{server.url.rstrip('/')}{ENDPOINT}reload?since={epoch}", timeout=600) as response:
            answered.append(response.status)

    waiting = threading.Thread(target=wait_for_reload, daemon=True)
    waiting.start()
    wait_until(lambda: len({t.ident for t in threading.enumerate()} - before) >= 2, "the server taking the request")
    server.close()
    waiting.join(timeout=60)
    assert answered == [200]
    wait_until(lambda: not [t for t in threading.enumerate() if "process_request" in t.name],
               "every request thread of the preview ending")
