"""The e-learning in a real browser (Debian's chromium through Playwright): keyboard-only completion,
resume, knowledge checks, reflections saved only in the browser, preferences, privacy, no-JS reading."""

from __future__ import annotations

import http.server
import json
import re
import threading
from functools import partial
from pathlib import Path

import pytest

from .conftest import HANG_GUARD_SECONDS

MODULE = "space-to-think"


def saved_in_browser(page, text: str) -> None:
    """Wait until a reflection holding `text` is in localStorage (saved 400 ms after the last key press)."""
    page.wait_for_function(
        "text => Object.values(localStorage).some(value => value.includes(text))", arg=text,
        timeout=HANG_GUARD_SECONDS * 1000)


@pytest.fixture(scope="module")
def html(bundled_build) -> Path:
    return bundled_build / "html"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


def url(html: Path, name: str) -> str:
    return (html / MODULE / name).as_uri()


def sections(html: Path) -> list[str]:
    return sorted(p.name for p in (html / MODULE).glob("0*.html"))


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_keyboard_only_completes_the_whole_module(context, html):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url(html, "index.html"))
    tab_to(page, "a.button[rel=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wrote_reflection = False
    answered = 0
    while True:
        if page.evaluate("document.body.dataset.kind") == "summary":
            break
        for question in page.query_selector_all(".question"):
            qid = question.get_attribute("id")
            multiple = question.get_attribute("data-multiple") == "true"
            correct = [i.get_attribute("id") for i in question.query_selector_all(".option[data-correct=true] input")]
            if multiple:
                for input_id in correct:
                    tab_to(page, f"#{input_id}")
                    page.keyboard.press("Space")
            else:
                tab_to(page, f"#{qid} input")
                for _ in range(10):
                    if page.evaluate("() => document.activeElement.id") == correct[0]:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
            tab_to(page, f"#{qid} [data-action=check-answer]")
            page.keyboard.press("Enter")
            page.wait_for_function(f"document.querySelector('#{qid} .question-result').textContent.length > 0")
            assert page.inner_text(f"#{qid} .question-result").startswith("That is right."), qid
            answered += 1
        if not wrote_reflection and page.query_selector("[data-reflection] textarea"):
            tab_to(page, "[data-reflection] textarea")
            page.keyboard.type("I rarely stop between tasks; a weekly space would help.")
            saved_in_browser(page, "I rarely stop between tasks")
            wrote_reflection = True
        tab_to(page, "a[rel=next]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert answered >= 4 and wrote_reflection
    completion = page.inner_text("#completion")
    assert completion.startswith("You have completed this module.")
    assert f"answered {answered} of {answered} questions ({answered} right)" in completion
    assert "I rarely stop between tasks" in page.inner_text("#reflection-list")
    assert errors == []


def test_resume_offers_to_continue_where_the_learner_was(context, html):
    page = context.new_page()
    page.goto(url(html, "index.html"))
    assert page.is_hidden("#resume")
    third = sections(html)[2]
    page.goto(url(html, third))
    title = page.inner_text("h1")
    page.goto(url(html, "index.html"))
    assert page.is_visible("#resume")
    link = page.query_selector("#resume-link")
    assert link.get_attribute("href") == third
    assert link.inner_text() == title
    assert "(visited)" in page.inner_text(f"[data-page-file='{third}']")


def test_wrong_answer_informs_and_allows_another_try(context, html):
    page = context.new_page()
    page.goto(url(html, sections(html)[-1]))
    question = page.query_selector(".question")
    qid = question.get_attribute("id")
    page.click(f"#{qid} [data-action=check-answer]")
    assert "Choose an answer first" in page.wait_for_selector(f"#{qid} .question-result:has-text('Choose')").inner_text()
    wrong = question.query_selector(".option[data-correct=false] input")
    wrong.check()
    page.click(f"#{qid} [data-action=check-answer]")
    page.wait_for_function(f"document.querySelector('#{qid} .question-result').textContent.startsWith('Not quite yet')")
    feedback = wrong.evaluate("e => e.closest('.option').querySelector('.option-feedback')")
    assert feedback is not None
    assert page.is_visible(f"#{qid} .option:has(#{wrong.get_attribute('id')}) .option-feedback")
    page.click(f"#{qid} [data-action=try-again]")
    assert not wrong.is_checked()
    assert page.is_hidden(f"#{qid} .option-feedback >> nth=0")


def test_reflections_persist_download_and_clear(context, html):
    page = context.new_page()
    page.goto(url(html, sections(html)[0]))
    assert "Nothing is sent anywhere." in page.inner_text("[data-reflection] .privacy")
    area = page.query_selector("[data-reflection] textarea")
    area.fill("Notes that stay on this device.")
    page.wait_for_selector("[data-reflection] .save-status:has-text('Saved in this browser.')")
    page.reload()
    assert page.input_value("[data-reflection] textarea") == "Notes that stay on this device."

    with page.expect_download() as info:
        page.click("[data-reflection] [data-action=download-reflections]")
    download = info.value
    assert download.suggested_filename == f"{MODULE}-reflections.txt"
    text = Path(download.path()).read_text(encoding="utf-8")
    prompt = page.get_attribute("[data-reflection] textarea", "data-prompt")
    assert prompt in text and "Notes that stay on this device." in text

    page.click("[data-reflection] [data-action=clear-reflections]")
    assert "cannot be undone" in page.inner_text("[data-reflection] [data-confirm-for=clear-reflections]")
    page.click("text=Keep my notes")
    assert page.input_value("[data-reflection] textarea") == "Notes that stay on this device."
    page.click("[data-reflection] [data-action=clear-reflections]")
    page.click("text=Yes, delete my notes")
    assert page.input_value("[data-reflection] textarea") == ""
    page.reload()
    assert page.input_value("[data-reflection] textarea") == ""


def test_preferences_persist_across_pages_and_visits(context, html):
    page = context.new_page()
    page.goto(url(html, "index.html"))
    assert page.get_attribute("#preferences-button", "aria-expanded") == "false"
    page.focus("#preferences-button")
    page.keyboard.press("Enter")
    assert page.is_visible("#preferences")
    page.check("#pref-scheme-contrast")
    page.check("#pref-size-5")
    page.check("#pref-spacing-3")
    page.check("#pref-font-arial")
    page.check("#pref-motion-reduce")
    page.keyboard.press("Escape")
    assert page.is_hidden("#preferences")
    assert page.evaluate("document.activeElement.id") == "preferences-button"
    for target in (sections(html)[1], "summary.html"):
        page.goto(url(html, target))
        attributes = page.evaluate("""() => Object.fromEntries(['scheme','size','spacing','font','motion']
            .map(n => [n, document.documentElement.getAttribute('data-' + n)]))""")
        assert attributes == {"scheme": "contrast", "size": "5", "spacing": "3", "font": "arial", "motion": "reduce"}
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size > 25  # 18 px × 1.56
    page.click("#preferences-button")
    page.click("#preferences-reset")
    assert page.evaluate("document.documentElement.getAttribute('data-scheme')") is None


def test_no_request_leaves_the_output_folder(context, html):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in sorted(html.rglob("*.html")):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
    for question in page.query_selector_all(".question")[:1]:
        question.query_selector("input").check()
    root = html.as_uri()
    outside = [u for u in requests if not (u.startswith(root + "/") or u.startswith("blob:"))]
    assert outside == []
    assert any(u.endswith("learning.js") for u in requests)


def test_everything_reads_and_navigates_without_javascript(browser, html):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(html, "index.html"))
    page.click("a[rel=next]")
    assert page.inner_text("h1") == page.text_content("nav.contents [aria-current=page]")
    assert page.is_hidden("#preferences-button")  # needs JavaScript, so not offered
    page.goto(url(html, sections(html)[-1]))
    details = page.query_selector("details.answers")
    if details:
        details.click()
        # Each answer says whether it is right: our words, or the author's own opening ("Yes.", "Not quite.").
        for answer in details.query_selector_all("li"):
            assert re.search(r":\s*(this is right|not this one|Yes|Not quite|Correct)\b", answer.inner_text())
    page.click("summary:has-text('Contents')")
    page.click("a[rel=next]")
    assert page.inner_text("h1") == "Summary"
    assert "References" in page.inner_text("main")
    context.close()


def test_works_when_served(browser, html):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(html))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        base = f"http://127.0.0.1:{server.server_port}/{MODULE}/"
        page.goto(base + sections(html)[0])
        page.fill("[data-reflection] textarea", "Served notes")
        saved_in_browser(page, "Served notes")
        state = page.evaluate("() => Object.entries(localStorage).filter(([k]) => k.includes(':space-to-think'))")
        assert "Served notes" in json.dumps(state)
        assert errors == []
        context.close()
    finally:
        server.shutdown()


def test_feedback_under_an_answer_says_its_verdict_once(context, html):
    """Our "This is right." / "Not quite." goes before the author's feedback only when it does not open
    with a verdict of its own (the bundled feedback often opens "Yes. ..."): never "This is right. Yes."."""
    from coursebuilder.feedback import author_verdict

    page = context.new_page()
    seen = {"ours": 0, "authors": 0}
    for name in sections(html):
        page.goto(url(html, name))
        for question in page.query_selector_all(".question"):
            qid = question.get_attribute("id")
            for option in question.query_selector_all(".option"):
                option.query_selector("input").check()
                page.click(f"#{qid} [data-action=check-answer]")
                box = option.wait_for_selector(".option-feedback", state="visible")
                text = box.inner_text()
                ours = box.query_selector("strong")
                if ours:
                    seen["ours"] += 1
                    rest = text[len(ours.inner_text()):].strip()
                    assert author_verdict(rest) is None or \
                        author_verdict(rest) != (option.get_attribute("data-correct") == "true"), text
                else:
                    seen["authors"] += 1
                    assert author_verdict(text) is (option.get_attribute("data-correct") == "true"), text
                page.click(f"#{qid} [data-action=try-again]")
    assert seen["ours"] and seen["authors"]  # both kinds are in the bundled module


def test_the_reflection_download_is_dated_in_the_course_language(browser, html):
    """en-GB course, US browser: the date is written the British way (course.yaml's language), not 11/26/2026."""
    context = browser.new_context(locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-26T10:00:00")
    page.goto(url(html, sections(html)[0]))
    assert page.get_attribute("html", "lang") == "en-GB"
    page.fill("[data-reflection] textarea", "A dated note.")
    saved_in_browser(page, "A dated note.")
    with page.expect_download() as info:
        page.click("[data-reflection] [data-action=download-reflections]")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Saved from this browser on 26 November 2026" in text
    context.close()
