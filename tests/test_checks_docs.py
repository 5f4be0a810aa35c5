"""docs/checks.md is generated from the rule data, is current, and its examples do what it says."""

from __future__ import annotations

import re
import subprocess
import sys

from coursebuilder.checks.docs import render
from coursebuilder.checks.registry import GROUPS, builtin_rules

from .checks_support import BODY, findings, write
from .conftest import REPO

DOCS = REPO / "docs" / "checks.md"


def test_docs_checks_md_is_current():
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/checks.md is out of date: run  python -m coursebuilder.checks.docs > docs/checks.md")


def test_the_docs_command_prints_the_same_text():
    result = subprocess.run([sys.executable, "-m", "coursebuilder.checks.docs"], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout == render()


def test_every_rule_is_documented_with_its_reason_fix_and_example():
    text = render()
    for code, rule in builtin_rules().items():
        assert rule.group in GROUPS
        assert rule.reason and rule.fix and rule.example, code
        section = text.split(f"\n### {code}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        assert f"**{rule.severity.capitalize()}" in section
        assert section.startswith(f"\n**{rule.severity.capitalize()}, cannot be switched off.**") == rule.fixed
        assert "Why: " in section and "How to fix it: " in section and "Reported:" in section


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)


def test_the_documented_teaching_passage_and_suppression_work(make_project):
    teaching, suppression = _blocks("markdown")
    project = make_project()
    write(project, BODY, teaching + "\n" + suppression)
    assert findings(project) == []
    write(project, BODY, suppression.split("\n", 1)[1])  # the same text without its suppression
    assert [d.code for d in findings(project)] == ["suffers-from"]


def test_the_documented_settings_are_valid(make_project):
    settings = next(block for block in _blocks("yaml") if block.startswith("checks:"))
    project = make_project()
    course = project / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + settings, encoding="utf-8")
    write(project, BODY, "Meet at the ward round.\n")
    assert [(d.code, d.severity) for d in findings(project)] == [("ward-round", "warning")]
