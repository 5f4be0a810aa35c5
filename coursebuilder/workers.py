"""Render units one after another, or side by side in a pool of worker processes (`--jobs N`).

Units are independent (see render.Unit), so the order they finish in cannot change a byte of the
output. Workers are forked from the build, so they start with the loaded course instead of
loading it again, and each keeps its renderers (and so WeasyPrint's fonts and stylesheet) between
units. Each worker writes straight into its format's staging folder; the build swaps the folders
in only when every unit has finished, so an error or Ctrl-C leaves the previous output as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from . import render
from .cache import file_digest
from .output import Stage, write_error
from .render import COURSE, RenderJob, Unit


@dataclass(frozen=True)
class Task:
    unit: Unit
    folder: Path  # the format's staging folder


@dataclass(frozen=True)
class Done:
    unit: Unit
    files: dict[str, str]  # each file written, relative to the format's folder → its SHA-256


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the CPUs this process may use
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _Worker:
    """Renders tasks of one job, keeping one renderer per format."""

    def __init__(self, job: RenderJob):
        self.job = job
        self.renderers: dict[str, render.Renderer] = {}

    def __call__(self, task: Task) -> Done:
        renderer = self.renderers.get(task.unit.format)
        if renderer is None:
            renderer = self.renderers[task.unit.format] = render.get(task.unit.format)
        stage = Stage(task.folder)
        try:
            renderer.render_unit(self.job, task.unit, stage)
        except OSError as exc:
            raise write_error(task.folder.parent, exc, task.unit.format) from None
        return Done(task.unit, {relative: file_digest(task.folder / relative)
                                for relative in dict.fromkeys(stage.written)})


_worker: _Worker | None = None  # the worker process's own


def _start_worker(job: RenderJob) -> None:
    global _worker
    _worker = _Worker(job)
    # Ctrl-C reaches the whole process group: only the build reacts, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_in_worker(task: Task) -> Done:
    assert _worker is not None
    return _worker(task)


def _schedule(tasks: Sequence[Task]) -> list[Task]:
    """Course-level units (a course handbook holds every module) first, so no worker waits on one at the end."""
    return sorted(tasks, key=lambda task: task.unit.scope != COURSE)


def run(job: RenderJob, tasks: Sequence[Task], jobs: int, on_done: Callable[[Done], None]) -> list[Done]:
    """Render every task; `on_done` is called in this process as each one finishes."""
    done: list[Done] = []
    with closing(_results(job, _schedule(tasks), jobs)) as results:  # closing stops the pool on any error
        for result in results:
            on_done(result)
            done.append(result)
    return done


def _results(job: RenderJob, tasks: list[Task], jobs: int) -> Iterator[Done]:
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        worker = _Worker(job)
        for task in tasks:
            yield worker(task)
        return
    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(tasks)), _start_worker, (job,))
    try:
        yield from pool.imap_unordered(_run_in_worker, tasks)
    except BaseException:
        pool.terminate()  # stop every worker before the staging folders are removed
        pool.join()
        raise
    pool.close()
    pool.join()
