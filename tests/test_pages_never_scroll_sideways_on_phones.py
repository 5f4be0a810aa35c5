"""On a phone (320, 375 and 390 px wide), at the standard and at the largest text size the reading
preferences offer, no page of the e-learning scrolls sideways, with the preferences panel closed or
open: a wide table scrolls in its own labelled region instead. Proven on the bundled course and on the
stress fixtures (material written as a trainer would, not to suit the renderer) and on the interactive
fixture (branching scenarios, every question kind, written answers and self-ratings). The text size also
follows the browser's own default size."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .conftest import FIXTURES, require_tool

pytestmark = pytest.mark.browser

WIDTHS = [320, 375, 390]
STRESS = ["stress-sensory", "stress-words"]
FIXTURE_SITES = [*STRESS, "interactive"]
PREFERENCES = "coursebuilder:preferences"

# Everything whose right edge is past the viewport, outermost first (a table inside its scroll region is fine).
OFFENDERS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.table-scroll > table'))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ends at ${Math.round(e.getBoundingClientRect().right)} px: `
              + JSON.stringify((e.textContent || '').trim().slice(0, 50)));
}"""


@pytest.fixture(scope="module")
def sites(bundled_build, tmp_path_factory) -> dict[str, Path]:
    """The e-learning of the bundled course and of each stress fixture, by name."""
    built = {"bundled": bundled_build / "html"}
    for name in FIXTURE_SITES:
        out = tmp_path_factory.mktemp(name)
        build(Project.find(FIXTURES / name), formats=["html"], out=out, jobs=1)
        built[name] = out / "html"
    return built


@pytest.fixture(scope="module")
def largest(browser, sites) -> str:
    """The largest text size the reading preferences offer, read from the panel as a reader sees it."""
    page = browser.new_page()
    page.goto((sites["bundled"] / "index.html").as_uri())
    value = page.eval_on_selector_all("input[name=pref-size]", "inputs => inputs[inputs.length - 1].value")
    label = page.inner_text(f"label[for=pref-size-{value}]")
    page.close()
    assert label == "Largest"
    return value


def test_the_largest_text_size_is_chosen_in_the_reading_preferences(browser, sites, largest):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto((sites["bundled"] / "index.html").as_uri())
    page.click("#preferences-button")
    page.check(f"#pref-size-{largest}")
    page.click("#preferences-close")
    page.goto((sites["stress-sensory"] / "index.html").as_uri())  # another page: the choice is kept
    assert page.get_attribute("html", "data-size") == largest
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


@pytest.mark.parametrize("size", ["standard", "largest"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, sites, largest, width, size):
    context = browser.new_context(viewport={"width": width, "height": 740})
    if size == "largest":  # as the reading preferences store it (the panel is tested above)
        context.add_init_script(f"localStorage.setItem('{PREFERENCES}', JSON.stringify({{size: '{largest}'}}))")
    page = context.new_page()
    wide: dict[str, list[str]] = {}
    visited = 0
    for site, html in sites.items():
        for path in sorted(html.rglob("*.html")):
            page.goto(path.as_uri())
            visited += 1
            if size == "largest":
                assert page.get_attribute("html", "data-size") == largest
            name = f"{site}/{path.relative_to(html).as_posix()}"
            for state in ("", " with the preferences open"):
                if state:
                    page.click("#preferences-button")
                    assert page.is_visible("#preferences")
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if scroll > client:
                    wide[name + state] = [f"{scroll} px wide", *page.evaluate(OFFENDERS)]
    context.close()
    assert visited > 40
    assert wide == {}


def test_a_wide_table_scrolls_in_its_own_labelled_region_that_a_keyboard_reaches(browser, sites, largest):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.add_init_script(f"localStorage.setItem('{PREFERENCES}', JSON.stringify({{size: '{largest}'}}))")
    page = context.new_page()
    tables = [p for p in sorted(sites["stress-sensory"].rglob("*.html")) if "<table" in p.read_text(encoding="utf-8")]
    assert tables, "the stress fixture has a wide table"
    page.goto(tables[0].as_uri())
    region = page.locator(".table-scroll").first
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-label").startswith("Table: ")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # it has more to show, so it scrolls ...
    assert region.evaluate("r => getComputedStyle(r).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")  # ... alone
    region.focus()
    assert region.evaluate("r => getComputedStyle(r).outlineStyle") != "none"  # the focus is visible
    page.keyboard.press("ArrowRight")
    page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())  # and the keyboard scrolls it
    context.close()


def body_text_px(browser, html: Path, default_px: int) -> float:
    """The size of a paragraph's text with the browser's default font size set to `default_px`
    (chrome://settings/fonts, here through the DevTools protocol)."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": {"standard": default_px, "fixed": 13}})
    page.goto((html / "index.html").as_uri())
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    context.close()
    return size


def test_a_larger_default_size_in_the_browser_makes_the_text_larger(browser, sites):
    usual, larger = body_text_px(browser, sites["bundled"], 16), body_text_px(browser, sites["bundled"], 20)
    assert larger > usual
    assert larger == pytest.approx(usual * 20 / 16, rel=0.02)  # in proportion: the theme's size is a ratio


def test_the_theme_text_size_holds_at_the_usual_browser_default(browser, sites):
    page = browser.new_page()
    page.goto((sites["bundled"] / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "18px"  # theme.yaml html.body_px
    page.close()


def test_axe_passes_the_fixtures_on_a_phone_at_the_largest_text(browser, sites, largest, node_modules):
    """Where tables do scroll (a phone, the largest text), axe finds nothing: scrollable-region-focusable included."""
    from .test_accessibility import run_axe

    context = browser.new_context(viewport={"width": 320, "height": 740}, is_mobile=True)
    context.add_init_script(f"localStorage.setItem('{PREFERENCES}', JSON.stringify({{size: '{largest}'}}))")
    page = context.new_page()
    found = {}
    for site in FIXTURE_SITES:
        for path in sorted(sites[site].rglob("*.html")):
            page.goto(path.as_uri())
            violations = run_axe(page, node_modules)
            if violations:
                found[f"{site}/{path.relative_to(sites[site]).as_posix()}"] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=2)


def test_the_nu_checker_finds_no_errors_in_the_fixtures(sites, node_modules):
    java = require_tool("java")
    vnu = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_tool(str(vnu))
    pages = [str(p) for site in FIXTURE_SITES for p in sorted(sites[site].rglob("*.html"))]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", "--stdout", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout or "{}").get("messages", [])
    assert messages == [], json.dumps(messages[:10], indent=2)
