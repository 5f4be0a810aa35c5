"""Live preview: a save reloads the open page; a content error shows as a banner and the server survives."""

from __future__ import annotations

import os
import socket
import threading
import urllib.request
from pathlib import Path

import pytest

from coursebuilder.project import Project
from coursebuilder.serve import LiveServer, decorate

from .conftest import HANG_GUARD_SECONDS, wait_until

# Every wait is on what the page or server shows; the bound only catches a hang (Playwright counts in ms).
PAGE_GUARD_MS = HANG_GUARD_SECONDS * 1000

SECTION_PAGE = "demo/02-second-steps.html"
SECTION_TEXT = "modules/demo/02-second.md"


@pytest.fixture
def live(make_project, tmp_path):
    """A running preview of a copy of the minimal fixture: (server, project folder, terminal lines)."""
    project = make_project()
    lines: list[str] = []
    server = LiveServer(Project.find(project), tmp_path / "out", port=0, echo=lines.append)
    server.start()
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    watcher.start()
    assert server.ready.wait(HANG_GUARD_SECONDS), "the file watcher did not start"
    yield server, project, lines
    stop.set()
    watcher.join(HANG_GUARD_SECONDS)
    server.close()
    assert not watcher.is_alive()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=HANG_GUARD_SECONDS) as response:
        return response.read().decode("utf-8")


def test_saving_markdown_reloads_the_open_page(live, browser):
    server, project, _ = live
    page = browser.new_page()
    page.goto(server.url + SECTION_PAGE)
    assert page.locator("main").get_by_text("A sentence written while the preview runs.").count() == 0

    with (project / SECTION_TEXT).open("a", encoding="utf-8") as file:
        file.write("\nA sentence written while the preview runs.\n")
    page.locator("main").get_by_text("A sentence written while the preview runs.").wait_for(timeout=PAGE_GUARD_MS)
    page.close()


def test_a_content_error_shows_on_the_page_and_clears_when_fixed(live, browser):
    server, project, lines = live
    page = browser.new_page()
    page.goto(server.url + SECTION_PAGE)
    banner = page.locator("#coursebuilder-problems")
    assert banner.count() == 0

    markdown = project / SECTION_TEXT
    good = markdown.read_text(encoding="utf-8")
    markdown.write_text(good + "\n![A picture](images/<b>missing</b>.png)\n", encoding="utf-8")
    banner.wait_for(timeout=PAGE_GUARD_MS)
    text = banner.inner_text()
    assert "1 thing to fix" in text
    assert "modules/demo/02-second.md:" in text and "error[missing-file]" in text
    assert "images/<b>missing</b>.png" in text  # shown as text: escaped, never markup
    assert banner.locator("b").count() == 0
    assert any("error[missing-file]" in line for line in lines)  # and in the terminal
    assert "Second steps" in page.locator("main").inner_text()  # the last good page is still shown

    markdown.write_text(good + "\nFixed now.\n", encoding="utf-8")
    page.locator("main").get_by_text("Fixed now.").wait_for(timeout=PAGE_GUARD_MS)
    assert banner.count() == 0
    page.close()


def test_the_files_on_disk_never_get_the_reload_script(live):
    server, _, _ = live
    served = fetch(server.url + SECTION_PAGE)
    assert "/__coursebuilder__/reload.js" in served
    on_disk = (server.out / "html" / SECTION_PAGE).read_text(encoding="utf-8")
    assert "__coursebuilder__" not in on_disk
    assert served.replace(served[served.index('<script src="/__coursebuilder__/'):served.index("</body>")], "") \
        == on_disk


def test_course_file_saves_keep_rebuilding_even_when_the_editor_replaces_the_file(live):
    server, project, _ = live
    course = project / "course.yaml"
    for title in ("Course saved once", "Course saved twice"):
        replacement = course.with_name("course.yaml.swap")  # how many editors save: write aside, then rename
        replacement.write_text(course.read_text(encoding="utf-8").replace(
            course.read_text(encoding="utf-8").splitlines()[0], f"title: {title}"), encoding="utf-8")
        os.replace(replacement, course)
        wait_until(lambda: title in fetch(server.url), f"the course index showing {title!r}")


def test_a_module_change_rebuilds_only_that_module(make_project, tmp_path):
    project = make_project()
    server = LiveServer(Project.find(project), tmp_path / "out", port=0)
    server.rebuild()
    modules = project / "modules"
    assert server.changed_slugs([modules / "demo" / "01-first.md", modules / "demo" / "images" / "dot.png"]) \
        == ["demo"]
    assert server.changed_slugs([project / "course.yaml"]) is None
    assert server.changed_slugs([project / "themes" / "mine" / "theme.yaml"]) is None
    assert server.changed_slugs([modules / "not-in-the-course" / "module.yaml"]) is None


def test_the_first_build_failing_still_serves_the_problems(make_project, tmp_path):
    project = make_project()
    (project / "modules" / "demo" / "module.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    server = LiveServer(Project.find(project), tmp_path / "out", port=0)
    server.start()
    try:
        page = fetch(server.url)
        assert 'id="coursebuilder-problems"' in page and "modules/demo/module.yaml" in page
        assert "/__coursebuilder__/reload.js" in page  # so fixing the file reloads this page too
    finally:
        server.close()


def test_a_busy_port_is_a_plain_error(make_project, run):
    project = make_project()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run(project, "serve", "--port", str(busy.getsockname()[1]))
    assert result.exit_code == 1
    assert "cannot use port" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_the_banner_escapes_what_it_shows():
    page = decorate("<html><body class='x'><main>Hi</main></body></html>", 7, ['a <script>alert(1)</script> "b"'])
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index("coursebuilder-problems") > page.index("<body class='x'>")
    assert page.endswith('<script src="/__coursebuilder__/reload.js" data-epoch="7"></script></body></html>')


def test_serve_removes_its_temporary_folder_on_ctrl_c(make_project, monkeypatch, tmp_path):
    from coursebuilder import serve as serve_module

    made: list[Path] = []
    real_mkdtemp = serve_module.tempfile.mkdtemp
    monkeypatch.setattr(serve_module.tempfile, "mkdtemp", lambda **kw: made.append(Path(real_mkdtemp(**kw)))
                        or made[-1])

    def interrupt(self, stop=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(LiveServer, "watch", interrupt)
    lines: list[str] = []
    serve_module.serve(Project.find(make_project()), port=0, echo=lines.append)
    assert made and not made[0].exists()
    assert lines[-1] == "Stopped the preview."


def test_after_a_save_with_an_error_the_reloaded_page_shows_the_banner_and_focuses_it(live, browser):
    server, project, _ = live
    page = browser.new_page(viewport={"width": 375, "height": 480})
    page.goto(server.url + SECTION_PAGE)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")  # reading the end of the page
    reading_at = page.evaluate("window.scrollY")
    assert reading_at > 200

    markdown = project / SECTION_TEXT
    good = markdown.read_text(encoding="utf-8")
    markdown.write_text(good + "\n![A picture](images/missing.png)\n", encoding="utf-8")
    page.wait_for_function(IN_VIEW_AND_FOCUSED, timeout=PAGE_GUARD_MS)
    page.wait_for_function("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
                           " .then(() => true)")
    assert page.evaluate(IN_VIEW_AND_FOCUSED)  # still so once the page has settled: nothing scrolled it away

    markdown.write_text(good + "\nFixed now.\n", encoding="utf-8")
    page.locator("main").get_by_text("Fixed now.").wait_for(timeout=PAGE_GUARD_MS)
    page.wait_for_function(f"() => Math.abs(window.scrollY - {reading_at}) < 60", timeout=PAGE_GUARD_MS)  # back there
    page.close()


IN_VIEW_AND_FOCUSED = """() => {
  const banner = document.getElementById('coursebuilder-problems');
  if (!banner || document.readyState !== 'complete') return false;
  const box = banner.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight / 2 && document.activeElement === banner;
}"""
