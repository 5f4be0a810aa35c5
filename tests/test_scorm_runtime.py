"""The SCORM runtime under a real LMS-side SCORM implementation (scorm-again), in Debian's chromium.

A harness page served on 127.0.0.1 plays the LMS: it sets up the API and opens the unzipped
package's launch page in a frame. A learner works through the bundled module with the keyboard,
leaves, and comes back in a fresh browser: the LMS's record alone brings them back where they
were. Reflections must never reach the LMS.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest
from lxml import etree

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES

MODULE = "space-to-think"
HARNESS = FIXTURES / "scorm-lms" / "harness.html"
REFLECTION = "Only for my own eyes: I rarely stop between tasks."
PACKAGES = {"1.2": "scorm12", "2004": "scorm2004"}
editions = pytest.mark.parametrize("edition", list(PACKAGES))
PAGE_READY = "document.body && document.body.dataset.page && document.readyState === 'complete'"  # learning.js ran

# What an LMS keeps between visits and gives back at the next launch (the rest it sets itself).
KEPT = {
    "1.2": ("cmi.core.lesson_location", "cmi.core.lesson_status", "cmi.core.score.", "cmi.suspend_data",
            "cmi.objectives."),
    "2004": ("cmi.location", "cmi.completion_status", "cmi.success_status", "cmi.progress_measure", "cmi.score.",
             "cmi.suspend_data", "cmi.objectives."),
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def lms_site(bundled_build, node_modules, tmp_path_factory):
    """A folder served on 127.0.0.1: the harness, scorm-again, both packages of the bundled module
    unzipped, and both packages of the small fixture built without a pass mark."""
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(HARNESS, root / "harness.html")
    shutil.copy(node_modules / "scorm-again" / "dist" / "scorm-again.min.js", root)
    fixture = root / "no-mastery-course"
    shutil.copytree(FIXTURES / "minimal", fixture)
    course = fixture / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("mastery_score: 80\n", ""), encoding="utf-8")
    build(Project.find(fixture), formats=["scorm"], out=fixture / "build")
    for key in PACKAGES.values():
        with zipfile.ZipFile(bundled_build / "scorm" / f"{MODULE}-{key}.zip") as archive:
            archive.extractall(root / key)
        with zipfile.ZipFile(fixture / "build" / "scorm" / f"demo-{key}.zip") as archive:
            archive.extractall(root / f"no-mastery-{key}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def pass_mark(root: Path, edition: str) -> dict[str, str]:
    """The pass mark as an LMS takes it from the package's manifest."""
    manifest = etree.parse(str(root / PACKAGES[edition] / "imsmanifest.xml"))
    if edition == "1.2":
        return {"cmi.student_data.mastery_score": manifest.xpath("//*[local-name()='masteryscore']")[0].text}
    measure = manifest.xpath("//*[local-name()='minNormalizedMeasure']")[0].text
    return {"cmi.scaled_passing_score": measure}


def package_config(root: Path, package: str) -> dict:
    """What the package's launch page tells its runtime: pages, sections and their questions."""
    launch = (root / package / "scorm.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'id="coursebuilder-scorm">(.*?)</script>', launch, re.S).group(1))


def question_ids(section: dict) -> list[str]:
    """The ids of a section's knowledge-check questions, from the runtime's config."""
    return [item["id"] for item in section["tracked"] if item["kind"] != "path"]


def worst_progress(config: dict) -> dict:
    """What learning.js could record at its longest for a package (and more, which the runtime must cut):
    every question answered with every number it can take and more tries than are kept, every scenario's
    path as long as is kept, each step its largest number (no real path, but the runtime checks numbers)."""
    answers, paths = {}, {}
    for item in (item for section in config["sections"] for item in section["tracked"]):
        size = item["size"]
        if item["kind"] == "path":
            paths[item["id"]] = {"steps": [size] * (2 * size), "ended": False, "best": False}
        elif item["kind"] == "choice":
            answers[item["id"]] = {"chosen": [str(v) for v in range(1, size + 1)] + ["0", "99", "1"], "correct": False,
                                   "tries": 5000}
        else:  # order: every step, in reverse; match: the last match for every item
            chosen = [str(v) for v in range(size, 0, -1)] if item["kind"] == "order" else [str(size)] * size
            answers[item["id"]] = {"chosen": chosen, "correct": False, "tries": 5000}
    return {"visited": config["pages"], "answers": answers, "last": "summary.html", "paths": paths}


def flatten(data: dict, prefix: str = "") -> dict[str, str]:
    flat = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(flatten(value, name))
        elif value not in ("", None, [], {}):
            flat[name] = value
    return flat


class Learner:
    """One visit: the LMS page, the package inside it and the module's pages inside that.

    `context`: a browser profile to use (and leave open), as when several people share a computer;
    `variant`: a platform that misbehaves (see the harness)."""

    def __init__(self, browser, site, edition: str, lms_data: dict[str, str], local: dict[str, str] | None = None,
                 package: str | None = None, context=None, variant: str = ""):
        _, base = site
        self.edition = edition
        self.variant = variant
        self.own_context = context is None
        self.context = context or browser.new_context(viewport={"width": 1280, "height": 900})
        if local:  # what this browser remembers from before (localStorage), in place before any page runs
            self.context.add_init_script(f"""if (window === window.top && !sessionStorage.seeded) {{
                sessionStorage.seeded = "1";
                Object.entries({json.dumps(local)}).forEach(([k, v]) => localStorage.setItem(k, v));
            }}""")
        self.page = self.context.new_page()
        self.page.add_init_script(f"window.lmsData = {json.dumps(lms_data)};")
        # What the package logs (console.warn in any frame), gathered in the LMS page: `warnings` after leave().
        self.page.add_init_script("""(() => { const warn = console.warn; console.warn = (...args) => {
            try { (window.top.lmsWarnings = window.top.lmsWarnings || []).push(args.join(" ")); } catch (e) {}
            return warn.apply(console, args); }; })();""")
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(f"{base}harness.html?edition={edition}&package={package or PACKAGES[edition]}&variant={variant}")
        self.frame = self.page.wait_for_selector("#sco").content_frame().wait_for_selector(
            "#module-frame").content_frame()
        self.frame.wait_for_function(PAGE_READY)

    @property
    def kind(self) -> str:
        return self.frame.evaluate("document.body.dataset.kind")

    @property
    def page_file(self) -> str:
        return self.frame.evaluate("document.body.dataset.page")

    def tab_to(self, selector: str, limit: int = 400) -> None:
        """Press Tab until the focused element in the module's page matches, as a keyboard user would."""
        for _ in range(limit):
            if self.frame.evaluate("s => document.hasFocus() && document.activeElement.matches(s)", selector):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"could not reach {selector} with the Tab key")

    def follow(self, selector: str) -> None:
        self.tab_to(selector)
        with self.frame.expect_navigation():
            self.page.keyboard.press("Enter")
        self.frame.wait_for_function(PAGE_READY)

    def answer(self, question, right: bool) -> None:
        qid = question.get_attribute("id")
        wanted = question.query_selector_all(f".option[data-correct={'true' if right else 'false'}] input")
        if not right:
            wanted = wanted[:1]
        if question.get_attribute("data-multiple") == "true":
            for option in wanted:
                self.tab_to(f"#{option.get_attribute('id')}")
                self.page.keyboard.press("Space")
        else:
            self.tab_to(f"#{qid} input")
            target = wanted[0].get_attribute("id")
            for _ in range(10):
                if self.frame.evaluate("() => document.activeElement.id") == target:
                    break
                self.page.keyboard.press("ArrowDown")
            self.page.keyboard.press("Space")
        self.tab_to(f"#{qid} [data-action=check-answer]")
        self.page.keyboard.press("Enter")
        self.frame.wait_for_function(f"document.querySelector('#{qid} .question-result').textContent.length > 0")
        expected = "That is right." if right else "Not quite yet."
        assert self.frame.inner_text(f"#{qid} .question-result").startswith(expected), qid

    def write_reflection(self, text: str) -> None:
        self.tab_to("[data-reflection] textarea")
        self.page.keyboard.type(text)
        self.frame.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")

    def leave(self) -> dict:
        """The LMS closes the package (as when the learner leaves): what it recorded."""
        self.page.evaluate("lmsLeave()")
        if self.variant != "no-finish":
            self.page.wait_for_function("lms.finished")
        record = self.page.evaluate("""() => ({cmi: lmsApi.renderCommitCMI(true), calls: lms.calls,
                                               commits: lms.commits, lost: lms.lost, warnings: lmsWarnings || []})""")
        self.warnings = record["warnings"]
        record["flat"] = flatten(record["cmi"])
        assert self.errors == []
        if self.own_context:
            self.context.close()
        else:
            self.page.close()
        return record


def relaunch_data(edition: str, record: dict, pass_mark: dict[str, str]) -> dict[str, str]:
    kept = {k: v for k, v in record["flat"].items() if k.startswith(KEPT[edition])}
    entry = "cmi.core.entry" if edition == "1.2" else "cmi.entry"
    return {**kept, **pass_mark, entry: "resume"}


@editions
def test_lms_records_completion_score_and_resume(browser, lms_site, edition):
    root, _ = lms_site
    mark = pass_mark(root, edition)
    config = package_config(root, PACKAGES[edition])
    total = sum(len(question_ids(s)) for s in config["sections"])
    # In SCORM 2004 the first answer stays wrong: 4 of the bundled module's 5 right is exactly the pass mark.
    wrong_first = edition == "2004"
    scaled = round((total - 1) / total, 4) if wrong_first else 1

    # Visit 1: read the sections up to the knowledge check (with a reflection), answer two questions, leave.
    learner = Learner(browser, lms_site, edition, mark)
    assert learner.page_file == "index.html"
    learner.follow("a.button[rel=next]")
    reflected = False
    while not learner.frame.query_selector(".question"):
        if not reflected and learner.frame.query_selector("[data-reflection] textarea"):
            learner.write_reflection(REFLECTION)
            reflected = True
        learner.follow("a[rel=next]")
    assert reflected
    questions = learner.frame.query_selector_all(".question")
    assert len(questions) >= 3
    for index, question in enumerate(questions[:2]):
        learner.answer(question, right=not (wrong_first and index == 0))
    bookmark = learner.page_file
    first = learner.leave()

    flat = first["flat"]
    if edition == "1.2":
        assert flat["cmi.core.lesson_status"] == "incomplete"
        assert flat["cmi.core.lesson_location"] == bookmark
        assert "cmi.core.score.raw" not in flat  # a score once every question is answered
        assert flat["cmi.core.exit"] == "suspend"
        assert flat["cmi.core.session_time"].count(":") == 2
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("incomplete", "unknown")
        assert flat["cmi.location"] == bookmark
        assert "cmi.score.scaled" not in flat
        assert 0 < float(flat["cmi.progress_measure"]) < 1
        assert flat["cmi.exit"] == "suspend"
        assert flat["cmi.session_time"].startswith("PT")
    assert len(flat["cmi.suspend_data"]) < 200
    assert first["commits"], "progress is committed during the visit, not only at the end"

    # Visit 2, in a fresh browser (nothing kept locally): the LMS's record alone resumes the learner.
    learner = Learner(browser, lms_site, edition, relaunch_data(edition, first, mark))
    assert learner.page_file == bookmark
    questions = learner.frame.query_selector_all(".question")
    restored = [learner.frame.inner_text(f"#{q.get_attribute('id')} .question-result") for q in questions]
    assert restored[0].startswith("Not quite yet." if wrong_first else "That is right.")
    assert restored[1].startswith("That is right.")
    assert set(restored[2:]) == {""}
    for question in questions[2:]:
        learner.answer(question, right=True)
    while learner.kind != "summary":
        learner.follow("a[rel=next]")
        for question in learner.frame.query_selector_all(".question"):
            learner.answer(question, right=True)
    assert learner.frame.inner_text("#completion").startswith("You have completed this module.")
    final = learner.leave()

    flat = final["flat"]
    print(f"\nSCORM {edition}: committed CMI at the end of visit 2:")
    print(json.dumps({k: v for k, v in flat.items() if not k.startswith(("cmi.student_preference",
                                                                        "cmi.learner_preference"))}, indent=1))
    success = "passed" if scaled >= config["mastery"] / 100 else "failed"
    if edition == "1.2":
        assert flat["cmi.core.lesson_status"] == success
        score = [flat[f"cmi.core.score.{part}"] for part in ("raw", "min", "max")]
        assert score == ["100", "0", "100"]
        assert flat["cmi.core.lesson_location"] == "summary.html"
        statuses = {flat[k[:-2] + "id"]: flat[k[:-2] + "status"] for k in flat if k.startswith("cmi.objectives.")
                    and k.endswith(".id")}
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", success)
        assert float(flat["cmi.score.scaled"]) == scaled and float(flat["cmi.score.raw"]) == round(scaled * 100, 2)
        assert flat["cmi.location"] == "summary.html"
        assert flat["cmi.progress_measure"] == "1"
        statuses = {flat[k[:-2] + "id"]: flat[k[:-2] + "completion_status"] for k in flat
                    if k.startswith("cmi.objectives.") and k.endswith(".id")}
    assert list(statuses) == [s["objective"] for s in config["sections"]]
    assert set(statuses.values()) == {"completed"}

    # One interaction record for each answer checked (this harness keeps no records between visits, so
    # the second visit's count on from 0): choose-the-answer questions, options as letters; the right
    # answers of a question with several are a set, {a,c}, in SCORM 1.2.
    records = [{k.split(".", 3)[3]: v for k, v in record["flat"].items() if k.startswith(f"cmi.interactions.{n}.")}
               for record in (first, final) for n in range(20)]
    records = [r for r in records if r]
    items = {item["id"]: item for s in config["sections"] for item in s["tracked"]}
    assert sorted(r["id"] for r in records) == sorted(f"{MODULE}-{q}" for q in items)
    comma = "," if edition == "1.2" else "[,]"
    for r in records:
        item = items[r["id"].removeprefix(f"{MODULE}-")]
        pattern = comma.join("abcdefghijklmnopqrstuvwxyz"[n - 1] for n in item["correct"])
        if edition == "1.2" and item["multiple"]:
            pattern = "{" + pattern + "}"
        assert (r["type"], r["correct_responses.0.pattern"]) == ("choice", pattern)
        response = r["student_response" if edition == "1.2" else "learner_response"]
        assert r["result"] == ("correct" if response == pattern.strip("{}") else "wrong" if edition == "1.2"
                               else "incorrect")
    assert any(item["multiple"] for item in items.values())

    # Reflections stay in the browser: not in any value set, any commit, or the final record.
    sent = json.dumps([first["calls"], first["commits"], first["cmi"], final["calls"], final["commits"], final["cmi"]])
    assert "rarely stop" not in sent and REFLECTION not in sent


def wrapper(learner: Learner):
    return learner.page.wait_for_selector("#sco").content_frame()


@editions
def test_score_below_the_pass_mark_fails_and_suspend_data_stays_within_limits(browser, lms_site, edition):
    root, _ = lms_site
    learner = Learner(browser, lms_site, edition, pass_mark(root, edition))
    config = json.loads(wrapper(learner).inner_text("#coursebuilder-scorm"))
    pages = config["pages"]
    questions = [q for s in config["sections"] for q in question_ids(s)]
    # Everything visited and answered, two of five right; plus what must never be kept or sent.
    answers = {q: {"chosen": [str(n) for n in range(1, 1000)], "correct": i < 2, "tries": 3}
               for i, q in enumerate(questions)}
    answers["s9-b9-q9"] = {"chosen": ["1"], "correct": True, "tries": 1}
    wrapper(learner).evaluate("""([pages, answers]) => coursebuilderLMS.record({
        visited: pages.concat(['../outside.html']), answers: answers, last: 'summary.html',
        reflections: {'x': {text: 'a private note'}}})""", [pages, answers])
    restored = wrapper(learner).evaluate("coursebuilderLMS.restore()")
    assert sorted(restored["answers"]) == sorted(questions)
    assert set(restored["visited"]) == set(pages) and "reflections" not in restored
    record = learner.leave()
    flat = record["flat"]
    assert len(flat["cmi.suspend_data"]) <= config["suspendLimit"]
    assert "a private note" not in json.dumps(record)
    scaled = round(2 / len(questions), 4)
    assert scaled < config["mastery"] / 100
    if edition == "1.2":
        assert flat["cmi.core.lesson_status"] == "failed"
        assert float(flat["cmi.core.score.raw"]) == round(scaled * 100, 2)
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", "failed")
        assert float(flat["cmi.score.scaled"]) == scaled


@editions
def test_a_new_attempt_starts_afresh_whatever_the_browser_remembers(browser, lms_site, edition):
    """Progress left in this browser (an earlier attempt, another person on a shared computer) is not
    reported to the LMS as this learner's, and notes kept without a learner's name are not shown (they
    may be someone else's); they are left where they are."""
    root, _ = lms_site
    start = (root / PACKAGES[edition] / MODULE / "index.html").read_text(encoding="utf-8")
    course_key = re.search(r'data-course="([^"]+)"', start).group(1)
    key = f"coursebuilder:{course_key}:{MODULE}"
    config = package_config(root, PACKAGES[edition])
    sections = [s["page"] for s in config["sections"]]
    remembered = {"visited": sections + ["summary.html"], "last": "summary.html",
                  "answers": {q: {"chosen": ["1"], "correct": True, "tries": 1}
                              for s in config["sections"] for q in question_ids(s)},
                  "reflections": {"x": {"page": sections[0], "section": "S", "prompt": "P", "text": REFLECTION}}}
    learner = Learner(browser, lms_site, edition, pass_mark(root, edition),
                      local={key: json.dumps(remembered)})
    assert learner.page_file == "index.html"  # no bookmark from the LMS: the start page
    learner.follow("a.button[rel=next]")
    assert REFLECTION in learner.frame.evaluate("key => localStorage.getItem(key)", key)
    with learner.frame.expect_navigation():
        learner.frame.evaluate("() => { location.href = 'summary.html'; }")
    learner.frame.wait_for_function(PAGE_READY)
    assert REFLECTION not in learner.frame.inner_text("main")
    record = learner.leave()
    flat = record["flat"]
    status = flat["cmi.core.lesson_status"] if edition == "1.2" else flat["cmi.completion_status"]
    assert status == "incomplete"
    summary = str(config["pages"].index("summary.html"))
    assert re.fullmatch(r"2\.[0-9a-z]+\|1," + summary + r"\|", flat["cmi.suspend_data"])  # only the pages visited now
    assert REFLECTION not in json.dumps(record)


def test_progress_saved_by_another_version_of_the_module_is_not_misread(browser, lms_site):
    """A package updated in the LMS may have other sections or questions: old numbers must not be
    read as the new module's (the bookmark, a page name, is still followed when the page exists)."""
    root, _ = lms_site
    bookmark = package_config(root, PACKAGES["1.2"])["sections"][2]["page"]
    saved = {"cmi.core.entry": "resume", "cmi.core.lesson_location": bookmark,
             "cmi.suspend_data": "1.0|1,2,3,4,5|0:r:1:1,1:r:1:1", **pass_mark(root, "1.2")}
    learner = Learner(browser, lms_site, "1.2", saved)
    assert learner.page_file == bookmark
    restored = wrapper(learner).evaluate("coursebuilderLMS.restore()")
    assert restored["visited"] == [bookmark] and restored["answers"] == {}
    assert learner.leave()["flat"]["cmi.core.lesson_status"] == "incomplete"


@editions
def test_without_a_pass_mark_there_is_a_score_but_no_pass_or_fail(browser, lms_site, edition):
    learner = Learner(browser, lms_site, edition, {}, package=f"no-mastery-{PACKAGES[edition]}")
    config = json.loads(wrapper(learner).inner_text("#coursebuilder-scorm"))
    assert config["mastery"] is None
    questions = [q for s in config["sections"] for q in question_ids(s)]
    wrapper(learner).evaluate("""([pages, questions]) => coursebuilderLMS.record({visited: pages, last: 'summary.html',
        answers: Object.fromEntries(questions.map(q => [q, {chosen: ['2'], correct: false, tries: 1}]))})""",
                              [config["pages"], questions])
    flat = learner.leave()["flat"]
    if edition == "1.2":
        assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("completed", "0")
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", "unknown")
        assert flat["cmi.score.scaled"] == "0"


def test_without_an_lms_the_package_works_on_its_own(browser, lms_site):
    _, base = lms_site
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}{PACKAGES['1.2']}/scorm.html")
    frame = page.wait_for_selector("#module-frame").content_frame()
    frame.wait_for_function("document.body.dataset.page === 'index.html'")
    assert page.evaluate("typeof window.coursebuilderLMS") == "undefined"
    assert page.title() == frame.title()
    with frame.expect_navigation():
        frame.click("a.button[rel=next]")
    frame.wait_for_function("document.body.dataset.kind === 'section'")
    kept = frame.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    assert frame.evaluate("document.body.dataset.page") in kept  # progress kept in the browser, as before
    external = frame.query_selector("a[href^='https://']")
    assert external.get_attribute("target") == "_blank"  # another site must not replace the module
    assert errors == []
    context.close()
