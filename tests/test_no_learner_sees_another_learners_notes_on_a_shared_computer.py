"""Ward computers are shared. In a SCORM package, what the pages keep in the browser is kept under
the learner the platform names, so a second learner signing in on the same browser sees none of the
first one's notes (and the learner id itself is never written to the browser's storage). In the
plain e-learning, a learner can say "this is a shared computer" (kept only until the window closes)
and remove everything the course kept in this browser."""

from __future__ import annotations

import json

import pytest

from .conftest import wait_until
from .test_scorm_runtime import (MODULE, PACKAGES, REFLECTION, PAGE_READY, Learner, editions,  # noqa: F401
                                 lms_site, pass_mark)

LEARNER = {"1.2": "cmi.core.student_id", "2004": "cmi.learner_id"}


def storage(page) -> str:
    """Everything in this browser profile's storage for the course's origin, as text."""
    return page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


def go(learner: Learner, file: str) -> None:
    with learner.frame.expect_navigation():
        learner.frame.evaluate("file => { location.href = file; }", file)
    learner.frame.wait_for_function(f"({PAGE_READY}) && document.body.dataset.page === {json.dumps(file)}")


@editions
def test_a_second_learner_on_the_same_browser_sees_none_of_the_first_learners_notes(browser, lms_site, edition):
    root, _ = lms_site
    mark = pass_mark(root, edition)
    profile = browser.new_context(viewport={"width": 1280, "height": 900})  # one browser, two sign-ins
    first_id, second_id = "ward-pc-0042-sam", "ward-pc-0043-alex"

    sam = Learner(browser, lms_site, edition, {**mark, LEARNER[edition]: first_id}, context=profile)
    sam.follow("a.button[rel=next]")
    while not sam.frame.query_selector("[data-reflection] textarea"):
        sam.follow("a[rel=next]")
    page_with_reflection = sam.page_file
    assert "for you alone" in sam.frame.inner_text("[data-reflection] .privacy")
    sam.write_reflection(REFLECTION)
    sam.leave()

    alex = Learner(browser, lms_site, edition, {**mark, LEARNER[edition]: second_id}, context=profile)
    go(alex, page_with_reflection)
    assert alex.frame.input_value("[data-reflection] textarea") == ""
    go(alex, "summary.html")
    assert REFLECTION not in alex.frame.inner_text("main")
    assert "not written any reflections" in alex.frame.inner_text("#reflection-list")
    text = storage(alex.frame)
    assert REFLECTION in text  # Sam's notes are still in this browser, kept under Sam
    assert first_id not in text and second_id not in text  # no learner id is written to the browser
    alex.leave()

    sam = Learner(browser, lms_site, edition, {**mark, LEARNER[edition]: first_id}, context=profile)
    go(sam, page_with_reflection)
    assert sam.frame.input_value("[data-reflection] textarea") == REFLECTION  # Sam's own notes come back
    sam.leave()
    profile.close()


def test_a_platform_that_names_nobody_keeps_notes_for_this_window_only(browser, lms_site):
    root, _ = lms_site
    profile = browser.new_context()
    learner = Learner(browser, lms_site, "2004", {**pass_mark(root, "2004"), LEARNER["2004"]: None}, context=profile)
    learner.follow("a.button[rel=next]")
    while not learner.frame.query_selector("[data-reflection] textarea"):
        learner.follow("a[rel=next]")
    assert "did not say who is signed in" in learner.frame.inner_text("[data-reflection] .privacy")
    learner.frame.fill("[data-reflection] textarea", REFLECTION)
    wait_until(lambda: REFLECTION in storage(learner.frame), "the note is kept for this window")
    assert REFLECTION not in learner.frame.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    learner.leave()
    profile.close()


@pytest.fixture
def module_pages(bundled_build):
    return bundled_build / "html" / MODULE


def section_with_reflection(pages) -> str:
    for page in sorted(pages.glob("*.html")):
        if "data-reflection" in page.read_text(encoding="utf-8"):
            return page.as_uri()
    raise AssertionError("no reflection in the bundled module")


def test_on_a_shared_computer_notes_go_when_the_window_closes(browser, module_pages):
    profile = browser.new_context()
    page = profile.new_page()
    page.goto(section_with_reflection(module_pages))
    assert "Anyone who uses this browser after you could read them" in page.inner_text("[data-reflection] .privacy")
    page.check("[data-reflection] .shared-choice input")
    assert "kept only until you close this browser window" in page.inner_text("[data-reflection] .privacy")
    page.fill("[data-reflection] textarea", REFLECTION)
    page.wait_for_selector("[data-reflection] .save-status:has-text('until you close this window')")
    assert REFLECTION not in page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    page.reload()  # the same window keeps them
    assert page.input_value("[data-reflection] textarea") == REFLECTION
    assert page.is_checked("[data-reflection] .shared-choice input")
    page.close()

    after = profile.new_page()  # the next person, in a new window of the same browser
    after.goto(section_with_reflection(module_pages))
    assert after.input_value("[data-reflection] textarea") == ""
    assert not after.is_checked("[data-reflection] .shared-choice input")
    assert REFLECTION not in storage(after)
    profile.close()


def test_remove_everything_leaves_nothing_of_the_course_in_this_browser(browser, module_pages):
    profile = browser.new_context()
    page = profile.new_page()
    page.goto(section_with_reflection(module_pages))
    page.fill("[data-reflection] textarea", REFLECTION)
    page.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")
    page.goto((module_pages / "summary.html").as_uri())
    assert REFLECTION in page.inner_text("#reflection-list")
    page.click(".this-browser [data-action=remove-everything]")
    assert "cannot be undone" in page.inner_text(".this-browser .confirm")
    page.click("text=Yes, remove everything")
    page.wait_for_selector(".this-browser .storage-status:has-text('Everything has been removed')")
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('coursebuilder:'))") == []
    assert REFLECTION not in page.inner_text("#reflection-list")
    page.goto(section_with_reflection(module_pages))
    assert page.input_value("[data-reflection] textarea") == ""
    profile.close()
