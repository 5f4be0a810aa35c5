"""Platform stand-ins: the package under learning platforms that misbehave as real ones do (see
tests/fixtures/scorm-lms/harness.html), in both editions. Whatever the platform does, the final
state it stores is right: status, score, bookmark, suspend data, exit and session time, after a
mid-way exit and after completion, and resume still works.

- terminate-first: the platform ends the session itself when the learner leaves, before the
  package hears of it: exit and session time must already be there (they go with every commit).
- async: each value is stored by its own request, out of order; values not committed when the
  session ends are lost: each commit holds every value once, and the runtime commits before it ends.
- no-finish: the platform has no LMSFinish / Terminate: the module still works, says so once.
"""

from __future__ import annotations

import re

import pytest

from .test_scorm_runtime import (PACKAGES, Learner, editions, lms_site, package_config, pass_mark,  # noqa: F401
                                 question_ids, relaunch_data, wrapper)

VARIANTS = ["terminate-first", "async", "no-finish"]
FIELDS = {
    "1.2": {"status": "cmi.core.lesson_status", "location": "cmi.core.lesson_location", "exit": "cmi.core.exit",
            "time": "cmi.core.session_time", "score": "cmi.core.score.raw"},
    "2004": {"status": "cmi.success_status", "location": "cmi.location", "exit": "cmi.exit",
             "time": "cmi.session_time", "score": "cmi.score.raw"},
}
SESSION_TIME = {"1.2": r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", "2004": r"PT\d+(\.\d{1,2})?S"}


def record(learner: Learner, visited: list[str], answers: dict, last: str) -> None:
    wrapper(learner).evaluate("([visited, answers, last]) => coursebuilderLMS.record({visited, answers, last})",
                              [visited, answers, last])


def stored(edition: str, flat: dict, what: str) -> str:
    return flat.get(FIELDS[edition][what], "")


def no_repeats(calls: list, element: str) -> bool:
    values = [value for name, value in calls if name == element]
    return all(a != b for a, b in zip(values, values[1:]))


@pytest.mark.parametrize("variant", VARIANTS)
@editions
def test_the_platform_keeps_the_final_state(browser, lms_site, edition, variant):
    root, _ = lms_site
    mark = pass_mark(root, edition)
    config = package_config(root, PACKAGES[edition])
    pages = config["pages"]
    questions = [q for s in config["sections"] for q in question_ids(s)]
    first_section = next(s for s in config["sections"] if question_ids(s))
    bookmark = first_section["page"]
    upto = pages[:pages.index(bookmark) + 1]

    # Visit 1: part of the way, one question answered, then the learner leaves.
    learner = Learner(browser, lms_site, edition, mark, variant=variant)
    record(learner, upto, {question_ids(first_section)[0]: {"chosen": ["1"], "correct": True, "tries": 1}}, bookmark)
    first = learner.leave()
    warnings = [learner.warnings]
    flat = first["flat"]
    print(f"\n{variant}, SCORM {edition}, after a mid-way exit:",
          {k: v for k, v in flat.items() if not k.startswith(("cmi.student_preference", "cmi.learner_preference",
                                                              "cmi.interactions", "cmi.objectives"))})
    status = flat["cmi.core.lesson_status"] if edition == "1.2" else flat["cmi.completion_status"]
    assert status == "incomplete"
    assert stored(edition, flat, "location") == bookmark
    assert stored(edition, flat, "exit") == "suspend"
    assert re.fullmatch(SESSION_TIME[edition], stored(edition, flat, "time"))
    assert flat["cmi.suspend_data"].count("|") == 2
    assert first["lost"] == []

    # Visit 2: the platform's record brings the learner back; every question answered, two wrong at
    # first (below the pass mark), then all of them right.
    learner = Learner(browser, lms_site, edition, relaunch_data(edition, first, mark), variant=variant)
    assert learner.page_file == bookmark
    assert wrapper(learner).evaluate("coursebuilderLMS.restore()")["answers"] == {
        question_ids(first_section)[0]: {"chosen": ["1"], "correct": True, "tries": 1}}
    record(learner, pages, {q: {"chosen": ["1"], "correct": i >= 2, "tries": 1} for i, q in enumerate(questions)},
           "summary.html")
    record(learner, pages, {q: {"chosen": ["1"], "correct": True, "tries": 2} for q in questions}, "summary.html")
    final = learner.leave()
    warnings.append(learner.warnings)
    flat = final["flat"]
    print(f"{variant}, SCORM {edition}, after completion:",
          {k: v for k, v in flat.items() if not k.startswith(("cmi.student_preference", "cmi.learner_preference",
                                                              "cmi.interactions", "cmi.objectives"))})
    assert stored(edition, flat, "status") == "passed"
    if edition == "2004":
        assert flat["cmi.completion_status"] == "completed"
    assert float(stored(edition, flat, "score")) == 100
    assert stored(edition, flat, "location") == "summary.html"
    assert stored(edition, flat, "exit") == "suspend"
    assert re.fullmatch(SESSION_TIME[edition], stored(edition, flat, "time"))
    assert final["lost"] == []
    # No needless repeats: a status is sent again only when it changes.
    status_elements = ["cmi.core.lesson_status"] if edition == "1.2" else ["cmi.completion_status",
                                                                            "cmi.success_status"]
    assert all(no_repeats(final["calls"], element) for element in status_elements)

    # Each problem is said once a visit, and only a platform without LMSFinish / Terminate has that one.
    finish = "LMSFinish" if edition == "1.2" else "Terminate"
    for said in warnings:
        assert len(said) == len(set(said)), said
        assert len([w for w in said if f"has no {finish}" in w]) == (variant == "no-finish")
