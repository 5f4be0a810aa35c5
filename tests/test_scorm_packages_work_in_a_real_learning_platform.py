"""Both editions of a bundled module in a real learning platform that nobody on this project wrote:
scormhost (PyPI, installed by `make test`), run on 127.0.0.1. A trainer uploads the packages through
the platform's own upload form; a learner signs in, works through the module in Chromium, writes a
reflection, leaves mid-way, comes back in a fresh browser, finishes. The test reads what the platform
stored (its JSON files under DATA/sessions/) after the mid-way exit and after completion, and checks
that no reflection text is anywhere in the platform's storage or its log. A second learner signing in
on the same browser sees none of the first learner's notes. A module with every kind of question and a
scored branching scenario (the interactive fixture) leaves its interaction records and its score in
the platform, and comes back at a relaunch on the scenario step the learner had reached."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import shutil
import zipfile

import pytest

from coursebuilder.load import load_course
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, REPO, wait_until
from .test_scorm_packages_record_every_question_kind_and_scenario_path import (CHOICE, FORM, MATCH, ORDER, PRIVATE,
                                                                                 SCENARIO, expected, strip)

MODULE = "space-to-think"
EDITIONS = {"1.2": "scorm12", "2004": "scorm2004"}
REFLECTION = "Between handovers I hold my breath and rarely notice it."
PASSWORD = "local-only-password"
PAGE_READY = "document.body && document.body.dataset.page && document.readyState === 'complete'"
APP = """from scormhost import create_scorm_app
app = create_scorm_app(data_dir={data!r}, title="Test LMS", secret_key="local-only")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    """scormhost on 127.0.0.1: (base url, its data folder, its log file)."""
    try:
        import scormhost  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        message = "scormhost is not installed; `make test` installs it (pyproject's test extras)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("scormhost")
    data = folder / "DATA"
    (folder / "app.py").write_text(APP.format(data=str(data)), encoding="utf-8")
    port = free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1",
                                   "--port", str(port)], cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    wait_until(up, "scormhost answers on 127.0.0.1")
    yield base, data, log
    server.terminate()
    server.wait(timeout=60)


def sign_up(context, base: str, name: str) -> None:
    """Register through the platform's own API; the answer signs this browser in (cookies)."""
    answer = context.request.post(f"{base}/api/auth/register", data={
        "email": f"{name}@example.org", "username": name, "password": PASSWORD, "display_name": name.title()})
    assert answer.ok, answer.text()


def sign_in(context, base: str, name: str) -> None:
    answer = context.request.post(f"{base}/api/auth/login", data={"email": f"{name}@example.org",
                                                                  "password": PASSWORD})
    assert answer.ok, answer.text()


def sign_out(context, base: str) -> None:
    assert context.request.post(f"{base}/api/auth/logout").ok
    context.clear_cookies()


@pytest.fixture(scope="module")
def uploaded(platform, browser, bundled_build) -> dict[str, str]:
    """The trainer (the first account, the platform's admin) uploads both editions: edition → package id."""
    base, _, _ = platform
    context = browser.new_context()
    sign_up(context, base, "trainer")
    page = context.new_page()
    for key in EDITIONS.values():
        page.goto(base + "/")
        with page.expect_navigation():  # the page reloads itself once the upload is accepted
            with page.expect_response(lambda r: r.url.endswith("/api/packages") and r.request.method == "POST") as sent:
                page.set_input_files("#upload-form input[type=file]",
                                     str(bundled_build / "scorm" / f"{MODULE}-{key}.zip"))
                page.click("#upload-form button[type=submit]")
            assert sent.value.status == 201
    catalogue = context.request.get(f"{base}/api/packages").json()
    # Two entries a trainer can tell apart, each recognised as its edition.
    title = load_course(Project.find(REPO), [MODULE]).course.modules[0].meta.title
    titles = {p["title"]: p for p in catalogue}
    assert sorted(titles) == [f"{title} (SCORM 1.2)", f"{title} (SCORM 2004)"], catalogue
    assert "2004" in titles[f"{title} (SCORM 2004)"]["schema_version"]
    assert titles[f"{title} (SCORM 1.2)"]["schema_version"] == "1.2"
    ids = {edition: titles[f"{title} (SCORM {edition})"]["id"] for edition in EDITIONS}
    context.close()
    return ids


class Visit:
    """A learner's visit: the platform's launch page, the package in its frame, the module's pages inside."""

    def __init__(self, context, base: str, package: str):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(f"{base}/launch/{package}")
        self.base = base
        self.frame = self.page.wait_for_selector("#scormhost-content").content_frame().wait_for_selector(
            "#module-frame").content_frame()
        self.frame.wait_for_function(PAGE_READY)

    @property
    def page_file(self) -> str:
        return self.frame.evaluate("document.body.dataset.page")

    def next(self, selector: str = "a[rel=next]") -> None:
        with self.frame.expect_navigation():
            self.frame.click(selector)
        self.frame.wait_for_function(PAGE_READY)

    def go(self, file: str) -> None:
        with self.frame.expect_navigation():
            self.frame.evaluate("file => { location.href = file; }", file)
        self.frame.wait_for_function(PAGE_READY)

    def answer(self, first: int = 0, last: int | None = None) -> None:
        """Answer the page's questions (from `first` up to `last`), each rightly."""
        for question in self.frame.query_selector_all(".question")[first:last]:
            qid = question.get_attribute("id")
            for option in question.query_selector_all(".option[data-correct=true] input"):
                option.check()
            self.frame.click(f"#{qid} [data-action=check-answer]")
            self.frame.wait_for_function(
                f"document.querySelector('#{qid} .question-result').textContent.startsWith('That is right.')")

    def leave(self) -> None:
        """The learner goes back to the platform's catalogue: the package's pages unload."""
        self.page.goto(self.base + "/")
        assert self.errors == []
        self.page.close()


def read_record(path: Path) -> dict:
    """One of the platform's JSON records. It writes them in place, so a read can meet one half written:
    read again until it is whole."""
    found: list[dict] = []

    def whole() -> bool:
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
            return True
        except ValueError:
            return False

    wait_until(whole, f"{path.name} is whole JSON")
    return found[-1]


def stored(data: Path, package: str) -> dict[str, str]:
    """What the platform recorded for the one learner who has a record of this package."""
    files = [f for f in (data / "sessions" / package).glob("*.json")] if (data / "sessions" / package).is_dir() else []
    records = [read_record(f) for f in files]
    learners = [r for r in records if not r["learner_id"].startswith("guest")]
    return learners[0]["elements"] if len(learners) == 1 else {}


def everything_in(folder: Path) -> bytes:
    return b"\n".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


FIELDS = {
    "1.2": dict(status="cmi.core.lesson_status", location="cmi.core.lesson_location", exit="cmi.core.exit",
                time="cmi.core.session_time", score="cmi.core.score.raw"),
    "2004": dict(status="cmi.completion_status", location="cmi.location", exit="cmi.exit", time="cmi.session_time",
                 score="cmi.score.raw"),
}
SESSION_TIME = {"1.2": r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", "2004": r"PT\d+(\.\d{1,2})?S"}
SHOWN = ("lesson_status", "completion_status", "success_status", "score.raw", "score.scaled", "location",
         "suspend_data", "exit", "session_time", "progress_measure", "entry")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_platform_stores_progress_resume_and_completion_and_never_a_reflection(browser, platform, uploaded,
                                                                                   edition):
    base, data, log = platform
    package = uploaded[edition]
    field = FIELDS[edition]
    learner = f"learner{edition.replace('.', '')}"

    # Visit 1: read up to the first knowledge check, writing a reflection on the way; answer it; leave.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_up(context, base, learner)
    visit = Visit(context, base, package)
    assert visit.page_file == "index.html"
    visit.next("a.button[rel=next]")
    reflected = False
    while not visit.frame.query_selector(".question"):
        if not reflected and visit.frame.query_selector("[data-reflection] textarea"):
            visit.frame.fill("[data-reflection] textarea", REFLECTION)
            visit.frame.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")
            reflected = True
        visit.next()
    assert reflected
    visit.answer(last=2)
    bookmark = visit.page_file
    visit.leave()
    wait_until(lambda: stored(data, package).get(field["location"]) == bookmark
               and stored(data, package).get(field["exit"]) == "suspend", "the platform stored the mid-way exit")
    mid = stored(data, package)
    print(f"\nscormhost, SCORM {edition}, after a mid-way exit:",
          json.dumps({k: v for k, v in mid.items() if k.endswith(SHOWN)}, indent=1))
    assert mid[field["status"]] == "incomplete"
    assert re.fullmatch(SESSION_TIME[edition], mid[field["time"]])
    assert re.fullmatch(r"2\.[0-9a-z]+\|[0-9,]+\|[0-9a-z:+,]+", mid["cmi.suspend_data"])
    context.close()

    # Visit 2, in a fresh browser signed in as the same learner: the platform's record brings them back.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(context, base, learner)
    visit = Visit(context, base, package)
    assert visit.page_file == bookmark
    results = [r.inner_text() for r in visit.frame.query_selector_all(".question-result")]
    assert [r.startswith("That is right.") for r in results[:2]] == [True, True]  # the answers are restored
    assert set(results[2:]) == {""}
    visit.answer(first=2)
    while visit.frame.evaluate("document.body.dataset.kind") != "summary":
        visit.next()
        visit.answer()
    assert visit.frame.inner_text("#completion").startswith("You have completed this module.")
    visit.leave()
    wait_until(lambda: stored(data, package).get(field["location"]) == "summary.html"
               and stored(data, package).get(field["status"]) == "completed"
               if edition == "2004" else stored(data, package).get(field["status"]) == "passed",
               "the platform stored the completion")
    wait_until(lambda: stored(data, package).get(field["location"]) == "summary.html", "the final bookmark")
    final = stored(data, package)
    print(f"scormhost, SCORM {edition}, after completion:",
          json.dumps({k: v for k, v in final.items() if k.endswith(SHOWN)}, indent=1))
    if edition == "2004":
        assert (final["cmi.completion_status"], final["cmi.success_status"]) == ("completed", "passed")
        assert final["cmi.progress_measure"] == "1"
    else:
        assert final["cmi.core.lesson_status"] == "passed"
    assert float(final[field["score"]]) == 100
    assert final[field["exit"]] == "suspend"
    assert re.fullmatch(SESSION_TIME[edition], final[field["time"]])
    context.close()

    # The reflection never reached the platform: not in its files (records, database) nor its log.
    for words in (REFLECTION, "hold my breath"):
        assert words.encode() not in everything_in(data)
        assert words.encode() not in log.read_bytes()


def test_a_second_learner_signing_in_on_the_same_browser_sees_none_of_the_first_learners_notes(
        browser, platform, uploaded):
    base, _, _ = platform
    package = uploaded["1.2"]
    profile = browser.new_context(viewport={"width": 1280, "height": 900})  # one ward computer
    sign_up(profile, base, "wardsam")
    visit = Visit(profile, base, package)
    visit.next("a.button[rel=next]")
    while not visit.frame.query_selector("[data-reflection] textarea"):
        visit.next()
    with_reflection = visit.page_file
    visit.frame.fill("[data-reflection] textarea", REFLECTION)
    visit.frame.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")
    visit.leave()
    sign_out(profile, base)

    sign_up(profile, base, "wardalex")
    visit = Visit(profile, base, package)
    visit.go(with_reflection)
    assert visit.frame.input_value("[data-reflection] textarea") == ""
    visit.go("summary.html")
    assert REFLECTION not in visit.frame.inner_text("main")
    visit.leave()
    sign_out(profile, base)

    sign_in(profile, base, "wardsam")
    visit = Visit(profile, base, package)
    visit.go(with_reflection)
    assert visit.frame.input_value("[data-reflection] textarea") == REFLECTION
    visit.leave()
    profile.close()


def trainer_context(browser, base: str):
    """The trainer signed in: the platform's first account, registered by whichever test comes first."""
    context = browser.new_context()
    if not context.request.post(f"{base}/api/auth/login", data={"email": "trainer@example.org",
                                                                 "password": PASSWORD}).ok:
        sign_up(context, base, "trainer")
    return context


@pytest.fixture(scope="module")
def interactive_uploaded(platform, browser, tmp_path_factory) -> tuple[dict[str, str], dict[str, dict]]:
    """Both editions of the interactive fixture's module, uploaded: (edition → package id, edition → the
    runtime's config from the package)."""
    base, _, _ = platform
    project = tmp_path_factory.mktemp("interactive") / "course"
    shutil.copytree(FIXTURES / "interactive", project)
    build(Project.find(project), formats=["scorm"], out=project / "build")
    context = trainer_context(browser, base)
    page = context.new_page()
    ids, configs = {}, {}
    for edition, key in EDITIONS.items():
        package = project / "build" / "scorm" / f"night-shift-{key}.zip"
        with zipfile.ZipFile(package) as archive:
            launch = archive.read("scorm.html").decode("utf-8")
        configs[edition] = json.loads(re.search(r'id="coursebuilder-scorm">(.*?)</script>', launch, re.S)[1])
        page.goto(base + "/")
        with page.expect_navigation():
            with page.expect_response(lambda r: r.url.endswith("/api/packages") and r.request.method == "POST") as sent:
                page.set_input_files("#upload-form input[type=file]", str(package))
                page.click("#upload-form button[type=submit]")
            assert sent.value.status == 201
    catalogue = context.request.get(f"{base}/api/packages").json()
    for edition in EDITIONS:
        ids[edition] = next(p["id"] for p in catalogue if p["title"] == f"The night shift (SCORM {edition})")
    context.close()
    return ids, configs


def interaction_records(elements: dict[str, str]) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for key, value in elements.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = value
    return [found[n] for n in sorted(found)]


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_platform_stores_every_question_kind_the_scenario_path_and_the_score(browser, platform,
                                                                                 interactive_uploaded, edition):
    base, data, log = platform
    ids, configs = interactive_uploaded
    package, config = ids[edition], configs[edition]
    field = FIELDS[edition]
    item = {i["id"]: i for s in config["sections"] for i in s["tracked"]}
    learner = f"nights{edition.replace('.', '')}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_up(context, base, learner)
    visit = Visit(context, base, package)
    wrapper = visit.page.wait_for_selector("#scormhost-content").content_frame()

    def record(update: dict) -> None:
        wrapper.evaluate("u => coursebuilderLMS.record(u)", {**update, "reflections": {"x": {"text": PRIVATE}}})

    right = {q: {"chosen": [str(n) for n in item[q]["correct"]], "correct": True, "tries": 1} for q in (ORDER, MATCH)}
    progress = {"visited": config["pages"], "last": config["pages"][1],
                "paths": {SCENARIO: {"steps": [1, 2, 3, 6], "ended": True, "best": False}}, "answers": {}}
    record(progress)
    progress["answers"] = {CHOICE: {"chosen": ["2"], "correct": False, "tries": 1}}
    record(progress)
    progress["answers"] = {CHOICE: {"chosen": ["1"], "correct": True, "tries": 2}, **right}
    record(progress)
    progress["paths"] = {SCENARIO: {"steps": [1, 4, 5], "ended": True, "best": True}}
    record(progress)
    progress["paths"] = {SCENARIO: {"steps": [1, 4], "ended": False, "best": False}}  # once more, part way
    record(progress)
    # The platform saves each commit with its own request, one after another: a learner takes longer
    # between answers than the few milliseconds here, so wait for the last to be stored before leaving.
    wait_until(lambda: len(interaction_records(stored(data, package))) == 6
               and stored(data, package).get(field["status"]) in ("passed", "completed"),
               "the platform stored the interactions and the result")
    visit.leave()
    elements = stored(data, package)
    records = interaction_records(elements)
    print(f"\nscormhost, SCORM {edition}, the interactive fixture:",
          json.dumps({k: v for k, v in elements.items() if k.endswith(SHOWN) or ".interactions." in k}, indent=1,
                     ensure_ascii=False))
    assert [strip(r) for r in records] == [
        expected(edition, item[SCENARIO], [1, 2, 3, 6], "wrong"),
        expected(edition, item[CHOICE], ["2"], "wrong"),
        expected(edition, item[CHOICE], ["1"], "right"),
        expected(edition, item[ORDER], right[ORDER]["chosen"], "right"),
        expected(edition, item[MATCH], right[MATCH]["chosen"], "right"),
        expected(edition, item[SCENARIO], [1, 4, 5], "right"),
    ]
    assert all(FORM[edition]["time"] in r for r in records)
    assert float(elements[field["score"]]) == 100
    if edition == "2004":
        assert (elements["cmi.completion_status"], elements["cmi.success_status"]) == ("completed", "passed")
        assert elements["cmi.score.scaled"] == "1"
    else:
        assert elements["cmi.core.lesson_status"] == "passed"
    context.close()

    # A relaunch in a fresh browser: back on the scenario's step; what was restored is not sent again.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(context, base, learner)
    visit = Visit(context, base, package)
    wrapper = visit.page.wait_for_selector("#scormhost-content").content_frame()
    restored = wrapper.evaluate("coursebuilderLMS.restore()")
    assert restored["paths"] == progress["paths"] and restored["answers"] == progress["answers"]
    record(restored)
    progress["paths"] = {SCENARIO: {"steps": [1, 2, 3, 6], "ended": True, "best": False}}
    record(progress)  # ends it the hard way this time: the score follows the last ending reached
    wait_until(lambda: len(interaction_records(stored(data, package))) == 7
               and float(stored(data, package).get(field["score"], "0")) == 75, "the platform stored the new record")
    visit.leave()
    elements = stored(data, package)
    assert strip(interaction_records(elements)[6]) == expected(edition, item[SCENARIO], [1, 2, 3, 6], "wrong")
    context.close()
    for words in (PRIVATE, "out of my depth"):
        assert words.encode() not in everything_in(data)
        assert words.encode() not in log.read_bytes()
