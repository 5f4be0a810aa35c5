"""A browser that closes or reloads a page drops the connection waiting for the next reload. The
preview says nothing about it in the author's terminal (it used to print a Python traceback), and
goes on serving.

Each step waits on the server's own state (the long poll has started, the dropped request is done);
the generous upper bound only catches a hang.
"""

from __future__ import annotations

import socket
import struct
import threading
import urllib.request

import pytest

from coursebuilder.project import Project
from coursebuilder.serve import LiveServer

HANG_GUARD_SECONDS = 120


@pytest.fixture
def server(make_project, tmp_path):
    live = LiveServer(Project.find(make_project()), tmp_path / "out", port=0)
    live.start()
    yield live
    live.close()


def _watch(server: LiveServer) -> tuple[threading.Event, threading.Event]:
    """(a long poll is waiting, a request has been handled to the end, whatever its outcome)."""
    waiting, finished = threading.Event(), threading.Event()
    wait, shutdown_request = server.preview.wait, server._server.shutdown_request

    def watched_wait(since, timeout):
        waiting.set()
        return wait(since, timeout)

    def watched_shutdown_request(request):
        shutdown_request(request)
        finished.set()

    server.preview.wait = watched_wait
    server._server.shutdown_request = watched_shutdown_request
    return waiting, finished


def _reset_on_close(connection: socket.socket) -> None:
    """Close with a reset, as a browser tab that goes away often does, so the server's next write fails."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


@pytest.mark.parametrize("when", ["while-waiting-for-a-reload", "before-the-request-is-read"])
def test_a_dropped_connection_prints_nothing_and_the_preview_keeps_serving(server, capfd, when):
    waiting, finished = _watch(server)
    epoch, _ = server.preview.snapshot()
    host, port = server._server.server_address
    connection = socket.create_connection((host, port), timeout=HANG_GUARD_SECONDS)
    request = f"GET /__coursebuilder__/reload?since={epoch} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    if when == "while-waiting-for-a-reload":
        connection.sendall(request)
        assert waiting.wait(HANG_GUARD_SECONDS), "the long poll never started"
        _reset_on_close(connection)
        server.rebuild()  # a save: the waiting request wakes up and answers a browser that has gone
    else:
        connection.sendall(request[:20])
        _reset_on_close(connection)
    assert finished.wait(HANG_GUARD_SECONDS), "the dropped request never finished"

    with urllib.request.urlopen(server.url, timeout=HANG_GUARD_SECONDS) as response:
        assert response.status == 200
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Exception occurred" not in captured.err, captured.err
    assert "Traceback" not in captured.out


def test_a_bug_in_a_request_is_still_reported(server, capfd, monkeypatch):
    """Only dropped connections are quiet: an error of coursebuilder's own still shows its traceback."""
    from coursebuilder.serve import Handler

    def broken(self):
        raise ValueError("a bug in the preview")

    monkeypatch.setattr(Handler, "do_GET", broken)
    _, finished = _watch(server)
    with pytest.raises(Exception):
        urllib.request.urlopen(server.url, timeout=HANG_GUARD_SECONDS)
    assert finished.wait(HANG_GUARD_SECONDS)
    assert "ValueError: a bug in the preview" in capfd.readouterr().err
