"""WCAG 2.2 AA, proven: axe-core on every page of every bundled module in every colour scheme, with the
interactive parts open; the Nu HTML Checker on every page; and each page within its weight budget
(html_weight.BUDGET)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from coursebuilder.render.html_weight import BUDGET

from .conftest import require_tool

SCHEMES = ["default", "contrast", "dark", "cream"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_BUDGET = BUDGET


def html_pages(html: Path) -> list[Path]:
    return sorted(html.rglob("*.html"))


def run_axe(page, node_modules: Path) -> list[dict]:
    page.add_script_tag(path=str(node_modules / "axe-core" / "axe.min.js"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violations_on_any_page(browser, bundled_build, node_modules, scheme):
    html = bundled_build / "html"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(
        f"localStorage.setItem('coursebuilder:preferences', JSON.stringify({{scheme: '{scheme}'}}))")
    page = context.new_page()
    found = {}
    for path in html_pages(html):
        page.goto(path.as_uri())
        if page.query_selector(".question:not(.sort)"):
            # Judge the page with its interactive parts showing too: preferences, feedback, a confirmation.
            page.click("#preferences-button")
            question = page.query_selector(".question:not(.sort)")  # a choice question
            question.query_selector("input").check()
            question.query_selector("[data-action=check-answer]").click()
            page.wait_for_function("q => q.querySelector('.question-result').textContent.trim() !== ''",
                                   arg=question)  # the feedback is shown
        for question in page.query_selector_all(".question.sort"):  # put in order, match pairs: answered
            for index, select in enumerate(question.query_selector_all("select"), start=1):
                select.select_option(index=index)  # positions 1, 2, 3 …: a whole answer, perhaps not right
            question.query_selector("[data-action=check-answer]").click()
            page.wait_for_function("q => q.querySelector('.item-feedback')", arg=question)
        for scenario in page.query_selector_all("[data-scenario]"):  # a branching scenario: a step on
            scenario.query_selector(".step:not([hidden]) [data-choice]").click()
        for details in page.query_selector_all("details.model-answer"):
            details.evaluate("d => { d.open = true; }")
        if page.query_selector(".reflection textarea"):  # a written answer has no Clear button of its own
            page.fill(".reflection textarea", "A note")
            page.click(".reflection [data-action=clear-reflections]")
        violations = run_axe(page, node_modules)
        if violations:
            found[path.relative_to(html).as_posix()] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=2)


def test_axe_on_a_phone_width(browser, bundled_build, node_modules):
    html = bundled_build / "html"
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    found = {}
    for path in html_pages(html):
        page.goto(path.as_uri())
        violations = run_axe(page, node_modules)
        if violations:
            found[path.relative_to(html).as_posix()] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=2)


def test_nu_html_checker_reports_no_errors(bundled_build, node_modules):
    java = require_tool("java")
    vnu = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_tool(str(vnu))
    pages = [str(p) for p in html_pages(bundled_build / "html")]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", "--stdout", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout or "{}").get("messages", [])
    assert messages == [], json.dumps(messages[:10], indent=2)
    assert result.returncode == 0


def test_every_page_is_within_its_weight_budget(bundled_build):
    from coursebuilder.render.html_weight import page_weights

    weights = page_weights(bundled_build / "html")
    assert weights, "no pages measured"
    over = {page: size for page, size in weights.items() if size > PAGE_BUDGET}
    assert over == {}
