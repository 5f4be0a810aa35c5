"""A branching scenario in the e-learning (the interactive fixture's late-night arrival), played in chromium
with the keyboard alone: one step at a time, focus on each new step's heading, the choice made and its
feedback on the step it led to, Back and Start again, the path so far, and at an ending a summary of the
path taken. The path is kept (this browser's state; in a package, the platform's) exactly as the SCORM
runtime reads it, and the page puts the learner back on their step. axe finds nothing at any point.
Without JavaScript every step reads in turn and each choice is a link to the step it leads to. Nothing
for facilitators, and no sign of which choice is best, ever reaches the page."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from functools import partial
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, HANG_GUARD_SECONDS
from .test_accessibility import run_axe
from .test_elearning import tab_to

pytestmark = pytest.mark.browser

PAGE = "night-shift/01-arriving-at-night.html"
STATE = "coursebuilder:interactive-fixture-course:night-shift"
SCENARIO = "s1-b2"  # the section's second block
VISIBLE_STEP = f"[data-scenario={SCENARIO}] .step:not([hidden])"
FACILITATOR_ONLY = ["Ask the group what Jo can see", "Run the scenario as a group"]


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("interactive") / "interactive"
    shutil.copytree(FIXTURES / "interactive", root)
    build(Project.find(root), formats=["html"], out=root / "build", jobs=1)
    return root / "build" / "html"


@pytest.fixture
def page(browser, html):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((html / PAGE).as_uri())
    yield page
    context.close()
    assert errors == []


def saved_path(page) -> dict | None:
    state = page.evaluate("key => JSON.parse(localStorage.getItem(key) || '{}')", STATE)
    return state.get("paths", {}).get(SCENARIO)


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def choose(page, text: str) -> None:
    """Tab to the choice on the step showing and press Enter on it, as a keyboard user would."""
    button = page.locator(f"{VISIBLE_STEP} button[data-choice]", has_text=text)
    assert button.count() == 1, text
    index = button.get_attribute("data-choice")
    tab_to(page, f"{VISIBLE_STEP} button[data-choice='{index}']")
    page.keyboard.press("Enter")


def lines(text: str) -> str:
    """Text as it reads, one line per line (no blank lines between a heading and its paragraph)."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def heading(page) -> str:
    return page.inner_text(f"{VISIBLE_STEP} h3")


def no_axe_violations(page, node_modules) -> None:
    violations = run_axe(page, node_modules)
    assert violations == [], json.dumps(violations, indent=2)


def test_one_step_at_a_time_with_focus_on_each_new_step_and_the_choice_said_there(page, node_modules):
    assert page.locator(f"[data-scenario={SCENARIO}] .step").count() == 6
    assert page.locator(VISIBLE_STEP).count() == 1 and heading(page) == "Step 1: At the door"
    assert page.is_hidden(f"[data-scenario={SCENARIO}] .scenario-controls")  # nothing to undo yet
    assert saved_path(page) is None  # nothing recorded until the learner chooses
    snapshot = page.locator(f"[data-scenario={SCENARIO}]").aria_snapshot()
    assert 'heading "Step 1: At the door" [level=3]' in snapshot
    assert 'list "What would you do?"' in snapshot
    assert 'button "Introduce yourself by name, say where Jo is and what happens next, and offer a seat and a drink"' \
        in snapshot
    no_axe_violations(page, node_modules)

    choose(page, "Let's get the paperwork done first")
    assert focused(page) == f"{SCENARIO}-desk-h" and heading(page) == "Step 2: At the desk"
    chose = page.inner_text(f"{VISIBLE_STEP} .you-chose")
    assert chose.startswith("You chose: Say “Let's get the paperwork done first” and take the handover at the desk")
    assert "Jo hears talk about them, not to them" in chose  # the choice's feedback, on the step it led to
    assert saved_path(page) == {"steps": [1, 2], "ended": False, "best": False}
    page.click(f"[data-scenario={SCENARIO}] .scenario-path summary")  # the path so far, open to review
    assert page.inner_text(f"[data-scenario={SCENARIO}] .scenario-path ol") == (
        "Step 1: At the door. You chose: Say “Let's get the paperwork done first” and take the handover at the desk\n"
        "Step 2: At the desk: you are here.")
    snapshot = page.locator(f"[data-scenario={SCENARIO}]").aria_snapshot()
    assert 'heading "Step 2: At the desk" [level=3]' in snapshot and 'button "Back"' in snapshot
    assert "- status" in snapshot  # the live region for Back and Start again is in the tree before it speaks
    no_axe_violations(page, node_modules)

    choose(page, "Call for more staff")
    assert focused(page) == f"{SCENARIO}-crowd-h"
    choose(page, "Carry on with everyone there")  # a choice with no feedback of its own
    assert focused(page) == f"{SCENARIO}-hard-ending-h"
    assert heading(page) == "Step 6: A frightening first night (an ending)"
    assert page.inner_text(f"{VISIBLE_STEP} .you-chose") == "You chose: Carry on with everyone there"
    assert saved_path(page) == {"steps": [1, 2, 3, 6], "ended": True, "best": False}
    summary = page.inner_text(f"[data-scenario={SCENARIO}] .scenario-summary")
    assert summary.startswith("The path you took\n")
    assert ("Step 1: At the door. You chose: Say “Let's get the paperwork done first” and take the handover at the "
            "desk\nStep 2: At the desk. You chose: Call for more staff to come to the door\n"
            "Step 3: More staff arrive. You chose: Carry on with everyone there\n"
            "Step 6: A frightening first night: where your path ended.") in summary
    # A kind note, and (the scenario is scored) what counts: never a verdict on the learner.
    assert "Real shifts rarely go exactly to plan" in summary
    assert "counts as done well when an ending is reached by the best choice at every step" in summary
    ending = lines(page.inner_text(VISIBLE_STEP))
    assert "Why it turned out this way\nA crowd at the door can feel like a threat" in ending
    assert "Things to think about\nWhat could have been done at the door instead?" in ending
    assert page.is_hidden(f"[data-scenario={SCENARIO}] .scenario-path")  # the summary says it all now
    no_axe_violations(page, node_modules)


def test_back_and_start_again_with_the_keyboard_and_the_best_path_to_an_ending(page, node_modules):
    choose(page, "Let's get the paperwork done first")
    tab_to(page, f"[data-scenario={SCENARIO}] .scenario-controls button:first-child")
    assert page.evaluate("document.activeElement.textContent") == "Back"
    page.keyboard.press("Space")
    assert focused(page) == f"{SCENARIO}-door-h" and heading(page) == "Step 1: At the door"
    page.wait_for_function("s => document.querySelector(s).textContent === 'You went back to Step 1: At the door.'",
                           arg=f"[data-scenario={SCENARIO}] [role=status]", timeout=HANG_GUARD_SECONDS * 1000)
    assert saved_path(page) == {"steps": [1], "ended": False, "best": False}  # Back takes the last step off
    assert page.is_hidden(f"[data-scenario={SCENARIO}] .you-chose")

    choose(page, "Introduce yourself by name")
    choose(page, "Explain honestly what happens in the morning")
    assert focused(page) == f"{SCENARIO}-calm-ending-h" and heading(page) == "Step 5: Jo settles (an ending)"
    assert saved_path(page) == {"steps": [1, 4, 5], "ended": True, "best": True}
    summary = page.inner_text(f"[data-scenario={SCENARIO}] .scenario-summary")
    assert "You reached this ending by making the best choice at every step" in summary
    assert "Step 4: A seat and a drink. You chose: Explain honestly what happens in the morning" in summary
    no_axe_violations(page, node_modules)

    page.reload()  # the learner comes back: put on the step where they were, focus left alone
    assert heading(page) == "Step 5: Jo settles (an ending)"
    assert page.evaluate("document.activeElement === document.body")
    assert "You reached this ending by making the best choice" in page.inner_text(
        f"[data-scenario={SCENARIO}] .scenario-summary")

    tab_to(page, f"[data-scenario={SCENARIO}] .scenario-controls button:last-child")
    assert page.evaluate("document.activeElement.textContent") == "Start again"
    page.keyboard.press("Enter")
    assert focused(page) == f"{SCENARIO}-door-h"
    page.wait_for_function("s => document.querySelector(s).textContent === 'You started the scenario again.'",
                           arg=f"[data-scenario={SCENARIO}] [role=status]", timeout=HANG_GUARD_SECONDS * 1000)
    assert saved_path(page) == {"steps": [1], "ended": False, "best": False}
    assert page.is_hidden(f"[data-scenario={SCENARIO}] .scenario-summary")

    # A choice that leads back to an earlier step: the path goes on, visiting it again.
    choose(page, "Introduce yourself by name")
    choose(page, "Say it is too late to phone anyone")
    assert heading(page) == "Step 1: At the door"
    assert saved_path(page) == {"steps": [1, 4, 1], "ended": False, "best": False}
    assert "Jo feels shut out again" in page.inner_text(f"{VISIBLE_STEP} .you-chose")


def test_nothing_for_facilitators_and_no_best_choice_reach_the_page(page, html):
    source = (html / PAGE).read_text(encoding="utf-8")
    for text in FACILITATOR_ONLY:
        assert text not in source
    shown = page.inner_text("main")
    assert "best" not in shown.lower()  # before an ending, nothing says which choice is best
    assert "minutes" not in page.inner_text(f"[data-scenario={SCENARIO}]")


def test_without_javascript_every_step_reads_and_each_choice_links_to_its_step(browser, html):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto((html / PAGE).as_uri())
    scenario = f"[data-scenario={SCENARIO}]"
    headings = page.locator(f"{scenario} .step h3").all_inner_texts()
    assert headings == ["Step 1: At the door", "Step 2: At the desk", "Step 3: More staff arrive",
                        "Step 4: A seat and a drink", "Step 5: Jo settles (an ending)",
                        "Step 6: A frightening first night (an ending)"]
    assert all(page.locator(f"{scenario} .step").nth(i).is_visible() for i in range(6))
    first = lines(page.inner_text(f"{scenario} .step >> nth=0"))
    assert "Jo stands in the doorway of the ward" in first
    assert ("Introduce yourself by name, say where Jo is and what happens next, and offer a seat and a drink\n"
            "Go to step 4: A seat and a drink") in first
    links = page.locator(f"{scenario} .choices a")
    assert links.count() == 8  # every choice of every step
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [f"#{SCENARIO}-seat", f"#{SCENARIO}-desk"]
    page.locator(f"{scenario} .choices a", has_text="Call for more staff").click()
    assert page.evaluate("document.querySelector(':target').id") == f"{SCENARIO}-crowd"
    assert page.evaluate("location.hash") == f"#{SCENARIO}-crowd"
    ending = lines(page.inner_text(f"#{SCENARIO}-calm-ending"))
    assert "Why it turned out this way\nPredictability, choice and contact with someone who matters" in ending
    assert "Things to think about\nWhich choice made the biggest difference, and why?" in ending
    page.locator(f"#{SCENARIO}-calm-ending a", has_text="Start again from step 1").click()
    assert page.evaluate("document.querySelector(':target').id") == f"{SCENARIO}-door"
    # The choices' feedback belongs to the played scenario: not shown out of place without JavaScript.
    assert page.is_hidden(f"{scenario} .choice-feedback >> nth=0")
    assert "best" not in page.inner_text("main").lower()
    context.close()


def lms_page(html: Path, restored: dict | None, section: str = PAGE) -> str:
    """A stand-in for the SCORM runtime's wrapper page: it offers `coursebuilderLMS` (restore() returns
    `restored`, record() keeps each update) and shows `section` in a frame, as a package does."""
    name = f"lms-{abs(hash(json.dumps([restored, section]))) % 10**8}.html"
    (html / name).write_text(f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script>
window.records = [];
window.coursebuilderLMS = {{
  learner: "l123",
  restore: function () {{ return {json.dumps(restored)}; }},
  record: function (update) {{ window.records.push(JSON.parse(JSON.stringify(update))); }},
}};
</script></head><body><iframe title="Course" src="{section}" style="width:1000px;height:800px"></iframe></body></html>""",
                             encoding="utf-8")
    return name


@pytest.fixture
def served(html):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(html))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.parametrize("paths", [{SCENARIO: {"steps": [1, 4], "ended": False, "best": False}}, None])
def test_in_a_package_the_path_comes_from_the_platform_and_goes_back_to_it(browser, html, served, paths):
    """The platform's record puts the learner back on their step; a runtime that keeps no paths (an older
    package) starts the scenario at step 1. Every update sent has exactly the four parts of the contract."""
    restored = {"visited": [], "answers": {}, "last": None}
    if paths is not None:
        restored["paths"] = paths
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + lms_page(html, restored))
    frame = page.frame_locator("iframe")
    frame.locator(f"{VISIBLE_STEP} h3").wait_for()
    expected = "Step 4: A seat and a drink" if paths else "Step 1: At the door"
    assert frame.locator(f"{VISIBLE_STEP} h3").inner_text() == expected
    if paths:
        frame.locator(f"{VISIBLE_STEP} button[data-choice]", has_text="Explain honestly").focus()
        page.keyboard.press("Enter")
        steps = [1, 4, 5]
    else:
        frame.locator(f"{VISIBLE_STEP} button[data-choice]", has_text="Introduce yourself").focus()
        page.keyboard.press("Enter")
        steps = [1, 4]
    records = page.evaluate("window.records")
    assert records, "nothing was recorded"
    last = records[-1]
    assert sorted(last) == ["answers", "last", "paths", "visited"]  # never the reflections
    assert last["paths"] == {SCENARIO: {"steps": steps, "ended": steps[-1] == 5, "best": steps[-1] == 5}}
    # In a package the platform keeps the path: this browser keeps nothing but notes, and there are none.
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('coursebuilder:'))") == []
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_at_the_largest_text_no_state_scrolls_sideways(browser, html, width):
    """The pages at rest are proven in test_pages_never_scroll_sideways_on_phones.py; here, every state a
    learner brings about: a step with the choice said, an ending's summary, marked answers, open answers."""
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
    context.add_init_script("localStorage.setItem('coursebuilder:preferences', JSON.stringify({size: '5'}))")
    page = context.new_page()
    wide = []

    def look(state: str) -> None:
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide.append(f"{state}: {scroll} px wide")

    page.goto((html / PAGE).as_uri())
    assert page.get_attribute("html", "data-size") == "5"
    for choice in ("Let's get the paperwork done first", "Call for more staff", "Carry on with everyone there"):
        choose(page, choice)
        look(f"after choosing {choice}")
    page.click(f"[data-scenario={SCENARIO}] .scenario-controls button:first-child")
    page.click(f"[data-scenario={SCENARIO}] .scenario-path summary")
    look("the path so far, open")
    page.goto((html / "night-shift/02-checking-what-you-learned.html").as_uri())
    for select in page.query_selector_all(".question.sort select"):
        select.select_option(index=1)
    for check in page.query_selector_all(".question [data-action=check-answer]"):
        check.click()
    for details in page.query_selector_all("details"):
        details.evaluate("d => { d.open = true; }")
    page.wait_for_selector(".question.sort .item-feedback")
    look("questions answered, answers open")
    context.close()
    assert wide == []
