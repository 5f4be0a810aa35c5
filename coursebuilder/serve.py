"""Live preview: build the HTML, serve it on 127.0.0.1, rebuild on save and reload the open page.

The watcher (the caller's thread) rebuilds; a web server thread serves the output. They share a
`Preview`: an epoch counter guarded by a condition (as MkDocs does) and the current problems.
Served HTML pages get a small script that long-polls /__coursebuilder__/reload?since=<epoch> and
reloads when the epoch moves on, plus a banner while the last build failed. The files on disk are
never changed: the script and banner are added to the response only.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .diagnostics import format_text, sorted_diagnostics
from .errors import ContentError, CourseError
from .pipeline import build
from .project import THEMES_DIR, Project

HOST = "127.0.0.1"
ENDPOINT = "/__coursebuilder__/"
LONG_POLL_SECONDS = 20  # an open page re-asks after this long; short enough for proxies not to cut it

# Loaded from the page's own origin (never inline), so a theme's Content-Security-Policy of 'self' allows it.
# The page is placed by the script, not the browser: with problems, the banner is shown and focused (a
# reload would otherwise keep the old scroll position, the banner out of view); without, the page goes
# back to where the author was reading before the save.
RELOAD_SCRIPT = """(function () {
  var since = Number(document.currentScript.dataset.epoch);
  var banner = document.getElementById("coursebuilder-problems");
  var key = "coursebuilder-preview:" + location.pathname;
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  function place() {
    if (banner) {
      banner.focus({preventScroll: true});  // screen readers start at the problems
      banner.scrollIntoView({block: "start"});
      return;
    }
    try { var y = Number(sessionStorage.getItem(key)); if (y) window.scrollTo(0, y); } catch (e) {}
  }
  if (document.readyState === "complete") place(); else window.addEventListener("load", place);
  function poll() {
    fetch("/__coursebuilder__/reload?since=" + since, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.epoch <= since) return poll();
        if (!banner) { try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {} }
        location.reload();
      })
      .catch(function () { setTimeout(poll, 1000); });  // server restarting or stopped: try again
  }
  poll();
})();
"""

BANNER_STYLE = ("margin:0;padding:1rem 1.5rem;background:#fff4e5;color:#1f1f1f;border-bottom:4px solid #b35900;"
                "font:1rem/1.5 system-ui,sans-serif")


class Preview:
    """What the watcher tells the web server: how many builds have happened, and what went wrong last."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.epoch = time.time_ns() // 1_000_000  # from the clock, so a restarted server still reloads old pages
        self.problems: list[str] = []
        self.closed = False

    def close(self) -> None:
        """Answer every page still waiting for a reload, so no request thread outlives the server."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def publish(self, problems: list[str]) -> None:
        with self._changed:
            self.epoch += 1
            self.problems = problems
            self._changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.epoch > since or self.closed, timeout)
            return self.epoch

    def snapshot(self) -> tuple[int, list[str]]:
        with self._changed:
            return self.epoch, list(self.problems)


def banner(problems: list[str]) -> str:
    count = len(problems)
    items = "".join(f"<li><pre style=\"white-space:pre-wrap;margin:0.25rem 0\">{html.escape(p)}</pre></li>"
                    for p in problems)
    return (f'<div role="alert" id="coursebuilder-problems" tabindex="-1" style="{BANNER_STYLE}">'
            f"<p style=\"margin:0 0 0.5rem\"><strong>This page was not updated: {count} thing"
            f"{'s' if count != 1 else ''} to fix.</strong> The page shows the last version that built. "
            f"Save the fix and this page updates by itself.</p><ul style=\"margin:0\">{items}</ul></div>")


def decorate(page: str, epoch: int, problems: list[str]) -> str:
    """The served page: the banner (if any) at the top of <body>, the reload script at the end."""
    script = f'<script src="{ENDPOINT}reload.js" data-epoch="{epoch}"></script>'
    if problems:
        start = page.find("<body")
        cut = page.find(">", start) + 1 if start != -1 else 0
        page = page[:cut] + banner(problems) + page[cut:]
    end = page.rfind("</body>")
    return page[:end] + script + page[end:] if end != -1 else page + script


# Served where no output exists yet because the first build failed; decorate() adds the banner.
PLACEHOLDER = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>coursebuilder preview</title>'
               "</head><body></body></html>")


class Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        url = urlsplit(self.path)
        if url.path == f"{ENDPOINT}reload.js":
            return self._send(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
        if url.path == f"{ENDPOINT}reload":
            since = parse_qs(url.query).get("since", ["0"])[0]
            epoch = self.preview.wait(int(since) if since.isdigit() else 0, LONG_POLL_SECONDS)
            return self._send(json.dumps({"epoch": epoch}).encode(), "application/json")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.path.endswith("/"):
                return super().do_GET()  # the standard redirect to the folder's address with a slash
            path = path / "index.html"
        epoch, problems = self.preview.snapshot()
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8")
        elif path.suffix in ("", ".html") and problems:
            page = PLACEHOLDER
        else:
            return super().do_GET()
        self._send(decorate(page, epoch, problems).encode(), "text/html; charset=utf-8")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # an edit must show on reload, never a cached page
        super().end_headers()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep the terminal for build messages
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that closes or reloads a page drops its connections, often one waiting for a reload
        (BrokenPipeError, ConnectionResetError): normal, so nothing is printed. Anything else is a bug."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class LiveServer:
    """Builds `project`'s HTML into `out`, serves `out/html/` and rebuilds what changed."""

    def __init__(self, project: Project, out: Path, port: int = 8000,
                 echo: Callable[[str], None] = lambda message: None):
        self.project = project
        self.out = Path(out)
        self.echo = echo
        self.preview = Preview()
        self.ready = threading.Event()  # set once the watcher is in place: saves from then on are seen
        self.slugs: set[str] = set()
        self._failed = False
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the server first"
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def start(self) -> None:
        """Take the port first (a busy port fails before any building), build, then serve."""
        handler = type("BoundHandler", (Handler,), {"preview": self.preview})
        try:
            self._server = _Server((HOST, self._port), partial(handler, directory=str(self.out / "html")))
        except OSError as exc:
            raise CourseError(f"coursebuilder cannot use port {self._port}: {exc.strerror}",
                              "another program may be using it; choose another with --port, e.g. --port 8001") \
                from None
        self.rebuild()
        self._thread = threading.Thread(target=self._server.serve_forever, name="coursebuilder-serve", daemon=True)
        self._thread.start()

    def watch(self, stop: threading.Event | None = None) -> None:
        """Rebuild on every save until `stop` is set (or Ctrl-C, raised to the caller)."""
        import watchfiles

        course_file = self.project.course_file
        built_from = _signature(course_file)  # the course file the last build read
        while not (stop and stop.is_set()):
            paths = [p for p in (self.project.modules_dir, self.project.root / THEMES_DIR) if p.is_dir()]
            # A short rust_timeout yields an empty batch first, which tells us the watcher is in place.
            for changes in watchfiles.watch(*paths, course_file, stop_event=stop, rust_timeout=200,
                                            yield_on_timeout=True, debounce=400, step=30):
                self.ready.set()
                changed = [Path(path) for _, path in changes]
                if not changed and _signature(course_file) != built_from:
                    changed = [course_file]  # saved again while the watch was being set up afresh
                if not changed:
                    continue
                if course_file in changed:
                    built_from = _signature(course_file)  # before building: a save during the build is seen
                self.rebuild(self.changed_slugs(changed))
                if course_file in changed:
                    break  # editors save by replacing the file, which ends its watch: watch afresh

    def changed_slugs(self, paths: Iterable[Path]) -> list[str] | None:
        """The modules to rebuild, or None for everything (course file, themes, a new or removed module)."""
        slugs = set()
        for path in paths:
            try:
                parts = path.resolve().relative_to(self.project.modules_dir.resolve()).parts
            except ValueError:
                return None
            if len(parts) < 2 or parts[0] not in self.slugs or not self.project.module_dir(parts[0]).is_dir():
                return None
            slugs.add(parts[0])
        return sorted(slugs)

    def rebuild(self, slugs: list[str] | None = None) -> None:
        """Build (a full build after a failure, so every remaining problem shows), then tell open pages."""
        if self._failed:
            slugs = None
        started = time.perf_counter()
        problems: list[str] = []
        try:
            result = build(self.project, slugs=slugs, formats=["html"], out=self.out, jobs=1)  # threads here: no fork
        except ContentError as exc:
            problems = [d.format() for d in sorted_diagnostics(exc.diagnostics) if d.severity == "error"]
            self.echo(format_text(exc.diagnostics))
        except CourseError as exc:
            problems = [f"error: {exc.message}" + (f"\n  hint: {exc.hint}" if exc.hint else "")]
            self.echo(problems[0])
        except Exception:  # noqa: BLE001 - a bug must not stop the preview; the author can keep working
            problems = ["internal error: coursebuilder hit a bug (your files are not the cause). "
                        "The terminal shows the details; please report them."]
            self.echo(f"{problems[0]}\n{traceback.format_exc(limit=-3).rstrip()}")
        else:
            if not slugs:
                self.slugs = {m.slug for m in result.course.modules}
            if result.warnings:
                self.echo(format_text(result.warnings))
            what = ", ".join(slugs) if slugs else "the course"
            self.echo(f"Rebuilt {what} in {time.perf_counter() - started:.2f} s")
        self._failed = bool(problems)
        if problems:
            self.echo("The preview shows the problems above; save a fix and it updates.")
        self.preview.publish(problems)

    def close(self) -> None:
        if self._server is None:  # never started, or closed already (the thread starts only once there is a server)
            return
        self.preview.close()
        if self._thread is not None:  # shutdown() waits for serve_forever(), so only once it has started
            self._server.shutdown()
            self._thread = None
        self._server.server_close()
        self._server = None


def _signature(file: Path) -> tuple[int, int, int] | None:
    """What changes when a file is saved, even by replacing it: its inode, size and modification time."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def serve(project: Project, port: int = 8000, out: Path | None = None,
          echo: Callable[[str], None] = print) -> None:
    """Run the live preview until Ctrl-C. Without `out`, build into a temporary folder removed on exit."""
    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix="coursebuilder-serve-"))
    server = LiveServer(project, folder, port, echo)
    try:
        server.start()
        echo(f"Preview at {server.url} (only on this computer). Watching for saves; press Ctrl-C to stop.")
        server.watch()
    except KeyboardInterrupt:
        echo("Stopped the preview.")
    finally:
        server.close()
        if out is None:
            shutil.rmtree(folder, ignore_errors=True)
