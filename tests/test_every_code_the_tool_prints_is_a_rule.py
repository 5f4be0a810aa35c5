"""Every code coursebuilder can print is a documented rule: the ones found while loading can be switched off,
given another severity or allowed in one place like any content check; the ones that stop a file from
being read say so when someone tries."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coursebuilder.checks.docs import render
from coursebuilder.checks.registry import builtin_rules

from .checks_support import BODY, MODULE, edit, findings, run_checks, write
from .conftest import REPO

CODE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
LOAD_TIME = ["unsafe-link", "module-unlisted", "raw-image", "image-in-text", "outcome-number"]


def codes_in_the_source() -> set[str]:
    """Codes written in coursebuilder's own code where a diagnostic is made: fail("…"), custom_error("…"),
    ResolveError("…"), Diagnostic(…, severity, "…"), _at(…, "…") and `code = "…"`."""
    found: set[str] = set()
    for path in (REPO / "coursebuilder").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in ("fail", "custom_error", "ResolveError", "PydanticCustomError") and node.args:
                    values = [node.args[0]]
                elif name == "Diagnostic" and len(node.args) >= 5:
                    values = [node.args[4]]
                elif name == "_at":
                    values = node.args[1:4]
            elif isinstance(node, ast.Assign):
                targets = node.targets[0].elts if isinstance(node.targets[0], ast.Tuple) else node.targets
                value = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                values = [v for t, v in zip(targets, value) if isinstance(t, ast.Name) and t.id == "code"]
            found |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                      and CODE.match(v.value)}
    return found


def test_every_code_in_the_source_is_a_documented_rule():
    codes = codes_in_the_source()
    assert len(codes) > 40  # the scan finds what it should
    rules = builtin_rules()
    assert codes - set(rules) == set()
    text = render()
    assert all(f"\n### {code}\n" in text for code in codes)
    assert (REPO / "docs" / "checks.md").read_text(encoding="utf-8") == text


def test_every_code_a_broken_project_prints_is_a_rule(run):
    output = run(REPO / "tests" / "fixtures" / "broken", "check", "--format", "json").output
    printed = set(re.findall(r'"code": "([a-z-]+)"', output))
    assert printed and printed <= set(builtin_rules())


@pytest.mark.parametrize("code", LOAD_TIME)
def test_a_load_time_rule_can_be_switched_off_or_made_a_warning(make_project, code):
    rules = builtin_rules()
    assert not rules[code].fixed
    project = make_project()
    _make(project, code)
    assert findings(project, code), f"the fixture shows {code}"
    edit(project, "course.yaml", "title: Fixture course\n", f'title: Fixture course\nchecks:\n  rules:\n    {code}: "off"\n')
    assert findings(project, code) == [] and not [d for d in run_checks(project) if d.code == "unknown-rule"]
    edit(project, "course.yaml", f'{code}: "off"', f"{code}: info")
    assert {d.severity for d in findings(project, code)} == {"info"}


def test_a_load_time_finding_can_be_allowed_in_one_place_with_a_reason(make_project):
    project = make_project()
    write(project, BODY, "<!-- coursebuilder: allow unsafe-link because the old form is named, not opened -->\n"
                         "[the old form](javascript:openForm())\n\n[another](javascript:x())\n")
    assert [d.line for d in findings(project, "unsafe-link")] == [4]


def test_rules_that_stop_a_file_being_read_cannot_be_switched_off_or_allowed(make_project):
    project = make_project()
    edit(project, "course.yaml", "title: Fixture course\n", 'title: Fixture course\nchecks:\n  rules:\n    unknown-key: "off"\n')
    write(project, BODY, "<!-- coursebuilder: allow missing-file because it will be there later -->\nText.\n")
    found = findings(project, "fixed-rule")
    assert [(d.file, d.line) for d in found] == [("course.yaml", 4), (BODY, 1)]
    assert "cannot be switched off" in found[0].message


def _make(project: Path, code: str) -> None:
    if code == "unsafe-link":
        write(project, BODY, "[the form](javascript:openForm())\n")
    elif code == "module-unlisted":
        (project / "modules" / "spare").mkdir()
    elif code == "raw-image":
        write(project, BODY, '<img src="images/dot.png" alt="A dot">\n')
    elif code == "image-in-text":
        edit(project, MODULE, "{type: key_point, text: Remember this.}", '{type: key_point, text: "See ![a dot](images/dot.png)"}')
    elif code == "outcome-number":
        edit(project, MODULE, "    outcomes: [2]\n", "    outcomes: [2, 7]\n")


@pytest.mark.parametrize("code", ["raw-image", "image-in-text", "outcome-number"])
def test_a_build_with_a_load_time_rule_switched_off_still_makes_every_output(make_project, run, code):
    project = make_project()
    _make(project, code)
    edit(project, "course.yaml", "title: Fixture course\n", f'title: Fixture course\nchecks:\n  rules:\n    {code}: "off"\n')
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert (project / "build" / "pptx" / "demo.pptx").is_file() and (project / "build" / "pdf" / "demo-handbook.pdf").is_file()
