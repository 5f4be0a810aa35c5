"""Work on the course in this process, or side by side in a pool of worker processes (`--jobs N`).

The pool is forked once the course is loaded (when there is first more than one thing to do), so
every worker starts with the course and theme instead of reading them again, and each keeps its renderers (and so WeasyPrint's fonts and
stylesheet) from one output to the next. The same workers first check the modules, then render.

Units of output are independent (see render.Unit), so the order they finish in cannot change a
byte of the output. Each worker writes straight into its format's staging folder; the build swaps
the folders in only when every unit has finished, so an error or Ctrl-C leaves the old output.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import render
from .cache import file_digest
from .errors import system_problem
from .output import DISK_FULL, Stage, write_error
from .render import COURSE, RenderJob, Unit

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from .load import LoadedCourse
    from .themes import Theme


STOP_SECONDS = 30  # how long stopping the pool may take before its workers are killed outright


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
    """What each process holds: the course, the job it renders (None when it only checks), and one
    renderer per format."""

    def __init__(self, course: LoadedCourse, job: RenderJob | None):
        self.course = course
        self.job = job
        self.renderers: dict[str, render.Renderer] = {}

    def render(self, task: Task) -> Done:
        assert self.job is not None, "workers made without a theme only check"  # build() stops before rendering
        renderer = self.renderers.get(task.unit.format)
        if renderer is None:
            renderer = self.renderers[task.unit.format] = render.get(task.unit.format)
        stage = Stage(task.folder, task.unit.format)
        try:
            renderer.render_unit(self.job, task.unit, stage)
        except OSError as exc:  # the stage reports its own write errors; a full disk is one wherever it is met
            if exc.errno in DISK_FULL:
                raise write_error(task.folder.parent, exc, task.unit.format) from None
            unit = task.unit
            raise system_problem(f"make the {unit.format} output for {unit.label or unit.module or unit.scope}",
                                 exc) from None
        return Done(task.unit, {relative: file_digest(task.folder / relative)
                                for relative in dict.fromkeys(stage.written)})

    def call(self, function: Callable[[Any, Any], Any], item: Any) -> Any:
        return function(self.course, item)


_worker: _Worker | None = None  # in a worker process: its own


def _start_worker(course: LoadedCourse, job: RenderJob | None) -> None:
    global _worker
    _worker = _Worker(course, job)
    # Ctrl-C reaches the whole process group: only the build reacts, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _render_in_worker(task: Task) -> Done:
    assert _worker is not None
    return _worker.render(task)


def _call_in_worker(call: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    assert _worker is not None
    return _worker.call(*call)


def start_method() -> str:
    """"fork" when this process runs nothing but the build (the command line): each worker starts with
    the loaded course at no cost. A process that also runs other threads (a test runner with a browser
    driver, a program using coursebuilder as a library) is not safe to fork: a lock another thread
    held at that moment stays locked for ever in the copy, and the worker hangs (CPython warns of
    this from 3.12). There the workers start from a clean "forkserver" process and are sent the course."""
    if threading.active_count() == 1 or "forkserver" not in multiprocessing.get_all_start_methods():
        return "fork"
    return "forkserver"


class Workers:
    """`jobs` processes working on one job, or this process alone when jobs is 1.

    Use as a context manager: leaving it normally waits for the workers; leaving it with an error
    (or Ctrl-C) stops them at once. A failed `render` stops them itself, before the caller removes
    the staging folders they write into.
    """

    def __init__(self, course: LoadedCourse, theme: Theme | None, jobs: int):
        """theme: None when the workers only check (nothing renders without a theme)."""
        self.course = course
        self.job = RenderJob(course, theme) if theme is not None else None
        self.local = _Worker(course, self.job)
        self.jobs = jobs if "fork" in multiprocessing.get_all_start_methods() else 1
        self.pool: Pool | None = None  # forked when first needed: a build with nothing to check or render forks nothing

    def _pool(self, tasks: int) -> Pool | None:
        """The pool, when more than one task can run side by side; else None (run here)."""
        if self.jobs <= 1 or tasks <= 1:
            return None
        if self.pool is None:
            context = multiprocessing.get_context(start_method())
            self.pool = context.Pool(self.jobs, _start_worker, (self.course, self.job))
        return self.pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is None:
            return
        if error is None:
            self.pool.close()
            self.pool.join()
        else:
            self.stop()

    def each(self, function: Callable[[Any, Any], Any], items: list[Any]) -> Iterable[Any]:
        """function(course, item) for every item, in order. `function` must be a module-level function."""
        pool = self._pool(len(items))
        if pool is None:
            return (self.local.call(function, item) for item in items)
        return pool.imap(_call_in_worker, [(function, item) for item in items])

    def render(self, tasks: Sequence[Task], on_done: Callable[[Done], None]) -> list[Done]:
        """Render every task; `on_done` is called in this process as each one finishes."""
        done: list[Done] = []
        try:
            with closing(self._results(_schedule(tasks))) as results:
                for result in results:
                    on_done(result)
                    done.append(result)
        except BaseException:
            self.stop()  # now, before the caller removes the staging folders the workers write into
            raise
        return done

    def stop(self) -> None:
        """Stop the workers now. Pool.terminate() can wait for ever when a worker is stopped while it
        writes a result (the lock it held is never released: CPython gh-96995), so it runs in a helper
        thread; once the workers are gone, the build does not wait for the pool's own threads."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        stopping = threading.Thread(target=pool.terminate, name="coursebuilder-stop-workers", daemon=True)
        stopping.start()
        waited = 0.0
        while stopping.is_alive() and multiprocessing.active_children() and waited < STOP_SECONDS:
            stopping.join(0.05)
            waited += 0.05
        for process in multiprocessing.active_children():  # ours: nothing else here starts processes this way
            process.kill()
            process.join()

    def _results(self, tasks: list[Task]) -> Generator[Done, None, None]:
        pool = self._pool(len(tasks))
        if pool is None:
            for task in tasks:
                yield self.local.render(task)
            return
        yield from pool.imap_unordered(_render_in_worker, tasks)


def _schedule(tasks: Sequence[Task]) -> list[Task]:
    """Course-level units (a course handbook holds every module) first, so no worker waits on one at the end."""
    return sorted(tasks, key=lambda task: task.unit.scope != COURSE)
