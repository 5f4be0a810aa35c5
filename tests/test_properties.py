"""Property-based tests: for any text, the loader gives a model or located diagnostics, and the Markdown
renderer gives sanitised HTML. Example counts stay modest so the suite stays fast."""

from __future__ import annotations

import re

import lxml.html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursebuilder.diagnostics import Diagnostic
from coursebuilder.markdown import render_markdown
from coursebuilder.model import Course, Module
from coursebuilder.source import SourceError, TextFile, load_yaml
from coursebuilder.validate import validate

from .conftest import FIXTURES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODULE_TEXT = (FIXTURES / "minimal" / "modules" / "demo" / "module.yaml").read_text(encoding="utf-8")
COURSE_TEXT = (FIXTURES / "minimal" / "course.yaml").read_text(encoding="utf-8")

# YAML's own punctuation, so that generated text reaches the parser's odd corners, not only plain words.
YAML_ALPHABET = st.sampled_from(list(" \n\t-:?[]{},&*!|>'\"%@`#~.0123456789abcxyz<=\\") + ["\r\n", "\ufeff", "é"])
yaml_like = st.lists(YAML_ALPHABET, max_size=120).map("".join)
any_text = st.text(max_size=300)


def _load(text: str, model) -> tuple[object, list[Diagnostic]]:
    try:
        doc = load_yaml(TextFile("modules/demo/module.yaml", text))
    except SourceError as exc:
        return None, [exc.diagnostic]
    return validate(model, doc)


def _assert_model_or_located(result, text: str) -> None:
    model, diagnostics = result
    if model is not None:
        assert diagnostics == []
        return
    assert diagnostics, "no model and no diagnostic"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for diagnostic in diagnostics:
        assert diagnostic.file == "modules/demo/module.yaml"
        assert diagnostic.severity == "error" and diagnostic.message and diagnostic.code
        assert 0 <= diagnostic.line <= lines + 1 and diagnostic.column >= 0


@SETTINGS
@given(any_text | yaml_like)
def test_any_text_loads_as_a_module_or_gives_located_diagnostics(text):
    _assert_model_or_located(_load(text, Module), text)


@pytest.mark.slow
@SETTINGS
@given(st.integers(0, len(MODULE_TEXT)), st.integers(0, 40), yaml_like)
def test_an_edited_module_loads_or_gives_located_diagnostics(at, cut, inserted):
    # Real modules with a slip of the keyboard reach validation, which raw random text rarely does.
    text = MODULE_TEXT[:at] + inserted + MODULE_TEXT[at + cut:]
    _assert_model_or_located(_load(text, Module), text)


@SETTINGS
@given(st.integers(0, len(COURSE_TEXT)), st.integers(0, 20), yaml_like)
def test_an_edited_course_loads_or_gives_located_diagnostics(at, cut, inserted):
    text = COURSE_TEXT[:at] + inserted + COURSE_TEXT[at + cut:]
    _assert_model_or_located(_load(text, Course), text)


HTML_BITS = st.sampled_from([
    "<script>", "</script>", "<a href=\"", "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,",
    "&#106;avascript:", "java\tscript:", " onerror=", " onclick=\"", "<img src=x", "<iframe", "<object", "<svg",
    "<style>", "<meta http-equiv=refresh", "<form action=", "](", "[", "![", ")", ">", "\"", "'", "\n\n", "`",
    "<!--", "-->", "<![CDATA[", "&lt;", "\u0000", " ", "x",
])
markdown_like = st.lists(HTML_BITS | st.text(max_size=5), max_size=40).map("".join)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "background", "poster")


@SETTINGS
@given(any_text | markdown_like, st.booleans())
def test_any_markdown_renders_to_sanitised_html(text, inline):
    html = str(render_markdown(text, inline=inline, image_url=lambda src: f"images/{abs(hash(src))}.png"))
    assert "<script" not in html.lower()
    for element in lxml.html.fragments_fromstring(html) if html.strip() else []:
        if isinstance(element, str):
            continue
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            assert node.tag not in {"script", "iframe", "object", "embed", "form", "style", "meta", "svg", "base"}
            for name, value in node.attrib.items():
                assert not name.lower().startswith("on"), html
                assert name.lower() != "style", html
                if name.lower() in URL_ATTRIBUTES:
                    assert not re.match(r"\s*(javascript|vbscript|data)\s*:", value, re.IGNORECASE), html
