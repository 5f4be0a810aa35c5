"""What `coursebuilder check` prints for a course with one slip of every kind: exact wording, locations,
grouping by file and the summary line (tests/golden/checks-all.txt), and the same findings as JSON."""

from __future__ import annotations

import json

from coursebuilder.checks.registry import builtin_rules
from coursebuilder.diagnostics import Diagnostic, summary_line

from .checks_support import TODAY
from .conftest import FIXTURES

PROJECT = FIXTURES / "checks-all"


def test_every_kind_of_slip_is_reported_as_the_golden_file_shows(run, golden):
    result = run(PROJECT, "check", "--today", TODAY.isoformat())
    assert result.exit_code == 1
    golden("checks-all.txt", result.output)


def test_json_output_has_the_same_findings_and_covers_every_rule(run):
    text = run(PROJECT, "check", "--today", TODAY.isoformat()).output
    found = json.loads(run(PROJECT, "check", "--today", TODAY.isoformat(), "--format", "json").output)
    assert "\n".join(Diagnostic(**d).format() for d in found) + "\n" + summary_line(
        [Diagnostic(**d) for d in found]) + "\n" == text
    # One fixture, one slip of each kind, except the rules other fixtures cover better: review-soon
    # (a second date), and the context-dependent language rules.
    codes = {d["code"] for d in found}
    rules = builtin_rules()
    # Rules that stop a file from being read are shown by tests/golden/broken-check.txt and
    # tests/test_every_code_the_tool_prints_is_a_rule.py: one file cannot have them all and still be read.
    not_here = {"review-soon"} | {code for code, rule in rules.items() if rule.group == "Language" or rule.fixed}
    assert set(rules) - not_here <= codes
