"""Stopping the worker processes (a failed unit, Ctrl-C) never hangs the build.

multiprocessing's Pool.terminate() waits for ever when a worker was stopped while it wrote a result:
the lock it held on the result queue is never released (CPython gh-96995). About one run in thirty
of tests/test_parallel.py hung that way. Here the lock is held on purpose, as such a worker leaves it.
"""

from __future__ import annotations

import multiprocessing

from coursebuilder import workers
from coursebuilder.load import load_course
from coursebuilder.project import Project

from .conftest import hang_guard


def test_stopping_the_workers_never_waits_for_a_lock_a_stopped_worker_held(make_project, monkeypatch):
    course = load_course(Project.find(make_project())).course
    pool = workers.Workers(course, None, 2)
    started = pool._pool(2)
    assert len(multiprocessing.active_children()) == 2
    lock = started._outqueue._wlock
    lock.acquire()  # as a worker stopped while writing a result leaves it: never released
    monkeypatch.setattr(workers, "STOP_SECONDS", 1, raising=False)  # how long to let the pool try before killing its workers
    try:
        with hang_guard("stopping the workers"):
            pool.stop()
        assert multiprocessing.active_children() == []
        assert pool.pool is None
    finally:
        lock.release()  # lets the pool's own threads finish
