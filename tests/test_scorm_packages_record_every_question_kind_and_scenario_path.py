"""The SCORM packages of a module with every kind of question and a branching scenario (the interactive
fixture, night-shift) under a real LMS-side SCORM implementation (scorm-again), in Debian's chromium.

A learner works through the module's real pages with the keyboard, and the runtime is also driven
as learning.js drives it (`coursebuilderLMS.record`, in the shape both sides agree on) to try every
case: a scenario walked to a hard ending and then by the best choices, a choose-the-answer
question answered wrongly then rightly, a put-in-order and a match-pairs question. The LMS must hold
one interaction record for each answer checked and each ending reached, in each edition's own
format, the score and pass or fail over the scored questions and scenario, and, at a relaunch, the
answers and the path the learner was on, without the restored answers sent again. Written answers,
self-ratings and reflections never reach it. The longest progress the runtime can write fits SCORM
1.2's suspend_data, however often a learner goes round a scenario's loop.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import zipfile
from functools import partial

import pytest

from coursebuilder.load import load_course
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import RenderJob
from coursebuilder.render.scorm import suspend_worst_case
from coursebuilder.render.scorm_content import DESCRIPTION_LIMIT, module_content, plain
from coursebuilder.render.scorm_manifest import SCORM12
from coursebuilder.themes import load_theme

from .conftest import FIXTURES
from .test_scorm_runtime import (HARNESS, PACKAGES, Learner, QuietHandler, flatten, package_config, pass_mark,
                                 worst_progress)

pytestmark = pytest.mark.browser
MODULE = "night-shift"
SCENARIO, CHOICE, ORDER, MATCH = "s1-b2", "s2-b1-q1", "s2-b1-q2", "s2-b1-q3"
PRIVATE = "Private words: on nights I feel out of my depth."
editions = pytest.mark.parametrize("edition", list(PACKAGES))

# What each edition calls things (SCORM 1.2 RTE 3.4.2.7; SCORM 2004 RTE 4.1.6).
FORM = {
    "1.2": dict(types={"path": "performance", "choice": "choice", "order": "sequencing", "match": "matching"},
                comma=",", dot=".", wrong="wrong", response="student_response", time="time",
                source=lambda n: str(n % 10)),
    "2004": dict(types={"path": "other", "choice": "choice", "order": "sequencing", "match": "matching"},
                 comma="[,]", dot="[.]", wrong="incorrect", response="learner_response", time="timestamp",
                 source=str),
}
# The strict formats of the specifications (scorm-again is more lenient).
IDENTIFIER = {"1.2": r"[A-Za-z0-9_-]{1,255}", "2004": r"[\w\-()+.:=@;$!*'%/#]{1,4000}"}
TIME = {"1.2": r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d",
        "2004": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}(:\d{2})?)?"}


@pytest.fixture(scope="module")
def site(node_modules, tmp_path_factory):
    """The harness, scorm-again and both packages of the interactive fixture, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("lms-interactive")
    shutil.copy(HARNESS, root / "harness.html")
    shutil.copy(node_modules / "scorm-again" / "dist" / "scorm-again.min.js", root)
    project = root / "course"
    shutil.copytree(FIXTURES / "interactive", project)
    build(Project.find(project), formats=["scorm"], out=project / "build")
    for key in PACKAGES.values():
        with zipfile.ZipFile(project / "build" / "scorm" / f"{MODULE}-{key}.zip") as archive:
            archive.extractall(root / key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def record(learner: Learner, update: dict) -> None:
    learner.page.wait_for_selector("#sco").content_frame().evaluate("u => coursebuilderLMS.record(u)", update)


def restore(learner: Learner) -> dict:
    return learner.page.wait_for_selector("#sco").content_frame().evaluate("coursebuilderLMS.restore()")


def interactions(flat: dict[str, str]) -> list[dict[str, str]]:
    """cmi.interactions.n.* as one dict per record, in order."""
    found: dict[int, dict[str, str]] = {}
    for key, value in flat.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = value
    return [found[n] for n in sorted(found)]


def expected(edition: str, item: dict, values: list, result: str) -> dict[str, str]:
    """The record the runtime must write, worked out here from the config independently of scorm.js."""
    form = FORM[edition]
    letters = "abcdefghijklmnopqrstuvwxyz"

    def said(numbers: list) -> str:
        if item["kind"] == "path":
            return " ".join(str(n) for n in numbers)
        if item["kind"] == "match":
            return form["comma"].join(f"{form['source'](n)}{form['dot']}{letters[int(v) - 1]}"
                                      for n, v in enumerate(numbers, start=1))
        return form["comma"].join(letters[int(v) - 1] for v in numbers)

    record = {"id": f"{MODULE}-{item['id']}", "type": form["types"][item["kind"]], "weighting": "1",
              "correct_responses.0.pattern": said(item["correct"]), form["response"]: said(values),
              "result": {"right": "correct", "wrong": form["wrong"]}[result]}
    if edition == "2004":
        record["description"] = "{lang=en-GB}" + item["text"]
    return record


def strip(record: dict[str, str]) -> dict[str, str]:
    """A record without its time and section (checked on their own), and without scorm-again's empty fields."""
    return {k: v for k, v in record.items() if k not in ("time", "timestamp", "objectives.0.id")
            and v not in ("", None) and not k.endswith("_count") and k != "latency"}


@editions
def test_every_kind_of_question_and_the_scenario_path_reach_the_lms(browser, site, edition):
    root, _ = site
    config = package_config(root, PACKAGES[edition])
    item = {i["id"]: i for s in config["sections"] for i in s["tracked"]}
    assert {i["kind"] for i in item.values()} == {"path", "choice", "order", "match"}
    assert item[SCENARIO]["scored"] and item[SCENARIO]["correct"] == [1, 4, 5]
    pages = config["pages"]
    mark = pass_mark(root, edition)
    assert config["mastery"] == 80

    learner = Learner(browser, site, edition, mark, package=PACKAGES[edition])
    # Everything a learner could write privately rides along: it must be dropped, never sent.
    private = {"reflections": {"x": {"text": PRIVATE}}, "freeResponses": {"s2-b2": PRIVATE},
               "ratings": {"before": [PRIVATE]}}
    progress = {"visited": pages, "last": pages[1], "answers": {}, **private}

    def walk(**changes) -> None:
        progress.update(changes)
        record(learner, progress)

    walk(paths={SCENARIO: {"steps": [1, 2, 3], "ended": False, "best": False}})  # on the way: no record yet
    walk(paths={SCENARIO: {"steps": [1, 2, 3, 6], "ended": True, "best": False}})  # the hard ending
    order_right = [str(n) for n in item[ORDER]["correct"]]
    match_wrong = [str(n) for n in item[MATCH]["correct"]]
    match_wrong[0], match_wrong[1] = match_wrong[1], match_wrong[0]
    wrong_option = next(str(n) for n in range(1, item[CHOICE]["size"] + 1) if n not in item[CHOICE]["correct"])
    walk(answers={CHOICE: {"chosen": [wrong_option], "correct": False, "tries": 1}})
    walk(answers={CHOICE: {"chosen": ["1"], "correct": True, "tries": 2}})
    walk(answers={**progress["answers"], ORDER: {"chosen": order_right, "correct": True, "tries": 1}})
    walk(answers={**progress["answers"], MATCH: {"chosen": match_wrong, "correct": False, "tries": 1}})
    walk()  # the same again (a page visited): nothing new
    walk(paths={SCENARIO: {"steps": [1, 4, 5], "ended": True, "best": True}})  # the best path this time
    walk(paths={SCENARIO: {"steps": [1, 4], "ended": False, "best": False}})  # trying it again, part way
    first = learner.leave()
    flat = first["flat"]

    assert first["warnings"] == []  # nothing refused
    records = interactions(flat)
    print(f"\nSCORM {edition}: interactions recorded")
    print(json.dumps(records, indent=1, ensure_ascii=False))
    assert [strip(r) for r in records] == [
        expected(edition, item[SCENARIO], [1, 2, 3, 6], "wrong"),
        expected(edition, item[CHOICE], [wrong_option], "wrong"),
        expected(edition, item[CHOICE], ["1"], "right"),
        expected(edition, item[ORDER], order_right, "right"),
        expected(edition, item[MATCH], match_wrong, "wrong"),
        expected(edition, item[SCENARIO], [1, 4, 5], "right"),
    ]
    objectives = {s["page"]: s["objective"] for s in config["sections"]}
    assert [r["objectives.0.id"] for r in records] == [objectives[pages[1]]] + [objectives[pages[2]]] * 4 + [
        objectives[pages[1]]]
    form = FORM[edition]
    for r in records:
        assert re.fullmatch(IDENTIFIER[edition], r["id"]) and re.fullmatch(TIME[edition], r[form["time"]])
    if edition == "1.2":
        assert all(len(v) <= 255 for r in records for v in r.values())
    else:
        assert all(len(r["description"]) - len("{lang=en-GB}") <= 250 for r in records)

    # Scored: the scenario (last ending by best choices), 2 of the 3 questions right: 75%, below 80%.
    if edition == "1.2":
        assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("failed", "75")
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", "failed")
        assert (flat["cmi.score.scaled"], flat["cmi.score.raw"]) == ("0.75", "75")
    sent = json.dumps([first["calls"], first["commits"], first["cmi"]], ensure_ascii=False)
    assert PRIVATE not in sent and "out of my depth" not in sent
    assert len(flat["cmi.suspend_data"]) < 100

    # Relaunch: the platform gives back what it kept, its interaction records among them.
    kept = {k: v for k, v in flat.items() if k.startswith(("cmi.suspend_data", "cmi.core.lesson_location",
                                                           "cmi.location", "cmi.core.lesson_status",
                                                           "cmi.completion_status", "cmi.success_status"))}
    kept.update({f"cmi.interactions.{n}.{k}": v for n, r in enumerate(records) for k, v in r.items()
                 if k in ("id", "type", "result")})
    kept["cmi.core.entry" if edition == "1.2" else "cmi.entry"] = "resume"
    learner = Learner(browser, site, edition, {**kept, **mark}, package=PACKAGES[edition])
    again = restore(learner)
    assert again["paths"] == {SCENARIO: {"steps": [1, 4], "ended": False, "best": False}}  # part way, as left
    assert again["answers"] == progress["answers"]
    assert again["visited"] == pages and again["last"] == pages[1]
    record(learner, {**again, **private})  # the pages record what they restored: nothing new is sent
    calls = learner.page.evaluate("lms.calls")
    assert not [c for c in calls if c[0].startswith("cmi.interactions")]
    match_right = [str(n) for n in item[MATCH]["correct"]]
    record(learner, {**again, "answers": {**again["answers"],
                                          MATCH: {"chosen": match_right, "correct": True, "tries": 2}}})
    final = learner.leave()
    flat = final["flat"]
    added = interactions(flat)
    assert len(added) == len(records) + 1  # counted on from the platform's records, not over them
    assert strip(added[-1]) == expected(edition, item[MATCH], match_right, "right")
    if edition == "1.2":
        assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"], flat["cmi.score.scaled"]) == (
            "completed", "passed", "1")
    print(f"SCORM {edition}: after the relaunch, the new record and the result:")
    print(json.dumps({k: v for k, v in flat.items() if k.startswith(("cmi.interactions.6.", "cmi.core.score",
                      "cmi.core.lesson_status", "cmi.score", "cmi.completion_status", "cmi.success_status",
                      "cmi.suspend_data"))}, indent=1, ensure_ascii=False))
    assert PRIVATE not in json.dumps([final["calls"], final["commits"], final["cmi"]], ensure_ascii=False)


@editions
def test_an_unscored_scenario_is_recorded_as_neutral_and_not_needed_for_completion(browser, tmp_path, node_modules,
                                                                                  edition):
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(HARNESS, root / "harness.html")
    shutil.copy(node_modules / "scorm-again" / "dist" / "scorm-again.min.js", root)
    project = root / "course"
    shutil.copytree(FIXTURES / "interactive", project)
    module = project / "modules" / MODULE / "module.yaml"
    text = module.read_text(encoding="utf-8")
    assert text.count("        scored: true\n") == 1
    module.write_text(text.replace("        scored: true\n", ""), encoding="utf-8")
    build(Project.find(project), formats=["scorm"], out=project / "build")
    with zipfile.ZipFile(project / "build" / "scorm" / f"{MODULE}-{PACKAGES[edition]}.zip") as archive:
        archive.extractall(root / PACKAGES[edition])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = package_config(root, PACKAGES[edition])
        item = {i["id"]: i for s in config["sections"] for i in s["tracked"]}
        assert item[SCENARIO]["scored"] is False
        learner = Learner(browser, (root, f"http://127.0.0.1:{server.server_port}/"), edition,
                          pass_mark(root, edition), package=PACKAGES[edition])
        answers = {q: {"chosen": [str(n) for n in item[q]["correct"]], "correct": True, "tries": 1}
                   for q in (CHOICE, ORDER, MATCH)}
        # Every page and question, the scenario left part way: complete, passed on the questions alone.
        record(learner, {"visited": config["pages"], "last": "summary.html", "answers": answers,
                         "paths": {SCENARIO: {"steps": [1, 2], "ended": False, "best": False}}})
        status = learner.page.evaluate("lmsApi.cmi.core ? lmsApi.cmi.core.lesson_status : "
                                       "lmsApi.cmi.completion_status + ' ' + lmsApi.cmi.success_status")
        assert status == ("passed" if edition == "1.2" else "completed passed")
        record(learner, {"visited": config["pages"], "last": "summary.html", "answers": answers,
                         "paths": {SCENARIO: {"steps": [1, 2, 3, 6], "ended": True, "best": False}}})
        flat = learner.leave()["flat"]
    finally:
        server.shutdown()
    records = interactions(flat)
    assert len(records) == 4
    path = records[-1]
    assert (path["type"], path["result"], path["weighting"], path[FORM[edition]["response"]]) == (
        FORM[edition]["types"]["path"], "neutral", "0", "1 2 3 6")
    assert "correct_responses.0.pattern" not in strip(path)
    score = flat["cmi.core.score.raw"] if edition == "1.2" else flat["cmi.score.raw"]
    assert score == "100"


def worst(project) -> str:
    course = load_course(Project.find(project)).course
    job = RenderJob(course, load_theme(Project.find(project), course.meta.theme))
    return suspend_worst_case(module_content(job, course.module(MODULE)))


@editions
def test_the_longest_progress_fits_however_often_a_learner_goes_round_the_scenario(browser, site, edition):
    """The scenario has a loop (a seat and a drink → back to the door). A learner going round it many times
    still leaves progress no longer than the build worked out, and that fits SCORM 1.2's 4,096; they come
    back on the step they had reached, by a path without the loops."""
    root, _ = site
    config = package_config(root, PACKAGES[edition])
    longest = worst(root / "course")
    path = next(i for s in config["sections"] for i in s["tracked"] if i["kind"] == "path")
    size = path["size"]
    assert f":w:{'+'.join([str(size)] * (2 * size))}:w" in longest  # the most path entries kept
    assert len(longest) <= SCORM12.suspend_limit

    # The most the runtime keeps, each number the largest: exactly the length the build worked out.
    learner = Learner(browser, site, edition, pass_mark(root, edition), package=PACKAGES[edition])
    record(learner, worst_progress(config))
    flat = learner.leave()["flat"]
    assert len(flat["cmi.suspend_data"]) == len(longest)
    assert flat["cmi.suspend_data"].split("|")[0] == longest.split("|")[0]  # the same structure hash

    # Round the loop (door → seat → back to the door) 400 times, on to the seat again; then to the ending.
    learner = Learner(browser, site, edition, pass_mark(root, edition), package=PACKAGES[edition])
    walked = [1] + [4, 1] * 400 + [4]
    progress = {"visited": config["pages"], "answers": {}, "last": config["pages"][1],
                "paths": {path["id"]: {"steps": walked, "ended": False, "best": False}}}
    record(learner, progress)
    assert restore(learner)["paths"][path["id"]] == {"steps": [1, 4], "ended": False, "best": False}
    assert len(learner.page.evaluate("lmsApi.cmi.suspend_data")) < len(longest)
    progress["paths"] = {path["id"]: {"steps": walked + [5], "ended": True, "best": False}}
    record(learner, progress)
    assert restore(learner)["paths"][path["id"]] == {"steps": [1, 4, 5], "ended": True, "best": False}
    flat = learner.leave()["flat"]
    assert len(flat["cmi.suspend_data"]) <= len(longest)
    # The interaction record has the path as walked, its most recent steps (SCORM 1.2 keeps 255 characters):
    # not the best path, whatever the steps kept.
    response = flat["cmi.interactions.0." + FORM[edition]["response"]]
    assert len(response) <= 250 and " ".join(str(n) for n in walked + [5]).endswith(response)
    assert response.endswith("1 4 1 4 5") and flat["cmi.interactions.0.result"] == FORM[edition]["wrong"]


def choose(learner: Learner, scenario: str, go: int) -> None:
    """At the scenario's step on screen, the choice that leads to step `go`, with the keyboard."""
    block = f"[data-scenario='{scenario}']"
    learner.tab_to(f"{block} .step:not([hidden]) li[data-go='{go}'] button")
    learner.page.keyboard.press("Enter")
    learner.frame.wait_for_function(f"document.activeElement.closest('.step') === "
                                    f"document.querySelector(\"{block} .step[data-step='{go}']\")")


def put(learner: Learner, question: str, values: list[int]) -> str:
    """Give each of the question's lists its value (a position, or a match's shown number) with the
    keyboard, check the answer, and return what the page says."""
    for index, value in enumerate(values, start=1):
        learner.tab_to(f"#{question}-s{index}")
        for _ in range(value):
            learner.page.keyboard.press("ArrowDown")
        assert learner.frame.input_value(f"#{question}-s{index}") == str(value)
    learner.tab_to(f"#{question} [data-action=check-answer]")
    learner.page.keyboard.press("Enter")
    learner.frame.wait_for_function(f"document.querySelector('#{question} .question-result').textContent.length > 0")
    return learner.frame.inner_text(f"#{question} .question-result")


@editions
def test_a_learner_on_the_real_pages_with_the_keyboard_leaves_the_same_records(browser, site, edition):
    root, _ = site
    config = package_config(root, PACKAGES[edition])
    item = {i["id"]: i for s in config["sections"] for i in s["tracked"]}
    mark = pass_mark(root, edition)
    learner = Learner(browser, site, edition, mark, package=PACKAGES[edition])
    learner.follow("a.button[rel=next]")
    assert learner.frame.query_selector(f"[data-scenario='{SCENARIO}']")
    for go in (2, 3, 6):  # the paperwork first, more staff, everyone stays: the hard ending
        choose(learner, SCENARIO, go)
    learner.tab_to(f"[data-scenario='{SCENARIO}'] .scenario-controls button:nth-child(2)")  # Start again
    learner.page.keyboard.press("Enter")
    for go in (4, 5):  # by the best choices: Jo settles
        choose(learner, SCENARIO, go)
    learner.follow("a[rel=next]")
    learner.answer(learner.frame.query_selector(f"#{CHOICE}"), right=True)
    rights = {q: [int(v) for v in learner.frame.eval_on_selector_all(f"#{q} select",
                                                                     "s => s.map(e => e.dataset.right)")]
              for q in (ORDER, MATCH)}
    assert put(learner, ORDER, rights[ORDER]).startswith("That is right")
    match_wrong = rights[MATCH][:]
    match_wrong[0], match_wrong[1] = match_wrong[1], match_wrong[0]
    assert put(learner, MATCH, match_wrong).startswith("Not quite yet")
    # A written answer and a self-rating: private, kept in this browser only.
    learner.tab_to("[data-reflection] textarea")
    learner.page.keyboard.type(PRIVATE)
    learner.frame.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")
    learner.tab_to("[data-rating] fieldset[data-statement='1'] input")
    learner.page.keyboard.press("Space")
    learner.frame.wait_for_function("document.querySelector(\"[data-rating] fieldset[data-statement='1'] "
                                    "input:checked\")")
    learner.follow("a[rel=next]")
    assert learner.kind == "summary"
    first = learner.leave()
    flat = first["flat"]
    records = interactions(flat)
    # The page gives its answers in shown numbers: the steps in order, the match picked for each item.
    order_chosen = [str(rights[ORDER].index(position) + 1) for position in range(1, 5)]
    assert [strip(r) for r in records] == [
        expected(edition, item[SCENARIO], [1, 2, 3, 6], "wrong"),
        expected(edition, item[SCENARIO], [1, 4, 5], "right"),
        expected(edition, item[CHOICE], [str(n) for n in item[CHOICE]["correct"]], "right"),
        expected(edition, item[ORDER], order_chosen, "right"),
        expected(edition, item[MATCH], [str(v) for v in match_wrong], "wrong"),
    ]
    assert order_chosen == [str(n) for n in item[ORDER]["correct"]]
    if edition == "1.2":
        assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("failed", "75")
    else:
        assert (flat["cmi.completion_status"], flat["cmi.success_status"], flat["cmi.score.raw"]) == (
            "completed", "failed", "75")
    sent = json.dumps([first["calls"], first["commits"], first["cmi"]], ensure_ascii=False)
    for private in (PRIVATE, "out of my depth", "Welcoming someone", "Not at all confident"):
        assert private not in sent

    # Back in a fresh browser: the scenario shows the ending reached, the answers are there, nothing resent.
    kept = {k: v for k, v in flat.items() if k.startswith(("cmi.suspend_data", "cmi.core.lesson_location",
                                                           "cmi.location", "cmi.core.lesson_status",
                                                           "cmi.completion_status", "cmi.success_status"))}
    kept.update({f"cmi.interactions.{n}.id": r["id"] for n, r in enumerate(records)})
    kept["cmi.core.entry" if edition == "1.2" else "cmi.entry"] = "resume"
    learner = Learner(browser, site, edition, {**kept, **mark}, package=PACKAGES[edition])
    assert learner.kind == "summary"
    learner.follow("a[rel=prev]")
    learner.follow("a[rel=prev]")
    shown = learner.frame.eval_on_selector_all(f"[data-scenario='{SCENARIO}'] .step:not([hidden])",
                                               "s => s.map(e => e.dataset.step)")
    assert shown == ["5"]
    learner.follow("a[rel=next]")
    assert learner.frame.inner_text(f"#{ORDER} .question-result").startswith("That is right")
    assert learner.frame.inner_text(f"#{MATCH} .question-result").startswith("Not quite yet")
    again = learner.leave()
    assert not [c for c in again["calls"] if c[0].startswith("cmi.interactions")]
    assert flatten(again["cmi"])["cmi.suspend_data"] == flat["cmi.suspend_data"]


def test_a_question_reaches_the_lms_as_plain_words_cut_to_what_scorm_2004_keeps():
    """cmi.interactions.n.description holds 250 characters (UTF-16 code units, as the platforms count) and
    no markup; a leading "{" would read as a language tag."""
    assert plain("Is *this* the **right** `way` to [ask](https://example.org)?") == "Is this the right way to ask?"
    assert plain("{curly} question") == "curly} question"
    long = "Which of these helps — “really” helps 🙂 — " + "when someone arrives at night " * 20
    cut = plain(long)
    assert len(cut.encode("utf-16-le")) // 2 == DESCRIPTION_LIMIT and cut.endswith("…")
    assert long.startswith(cut.removesuffix("…").rstrip())
