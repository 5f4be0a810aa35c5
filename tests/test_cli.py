"""The command line, through Click's CliRunner: commands, help and exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coursebuilder.cli import cli

COMMANDS = ["build", "serve", "check", "new", "list", "schema"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_useful_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 5
    assert "Usage: " in result.output


def test_top_level_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    for command in COMMANDS:
        assert command in result.output


def test_build_and_check_succeed_on_a_good_project(make_project, run):
    project = make_project()
    check = run(project, "check", "--today", "2026-11-26")
    assert check.exit_code == 0
    assert check.output == "No problems found.\n"
    result = run(project, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "html: demo" in result.output  # progress
    assert "Built 1 module as html in build/" in result.output
    assert (project / "build" / "html" / "demo" / "index.html").is_file()


def test_content_errors_exit_1_without_traceback(make_project, run):
    project = make_project()
    (project / "modules" / "demo" / "02-second.md").unlink()
    result = run(project, "build")
    assert result.exit_code == 1
    assert "error[missing-file]" in result.output
    assert "Nothing was written." in result.output
    assert "Traceback" not in result.output
    assert not (project / "build").exists()


@pytest.mark.parametrize("args, code, text", [
    (["build", "--format", "docx"], 2, "unknown format docx; choose from html"),
    (["build", "--colour"], 2, "No such option '--colour'"),
    (["check", "--format", "xml"], 2, "'xml' is not one of 'text', 'json'"),
    (["frobnicate"], 2, "No such command 'frobnicate'"),
    (["build", "dmeo"], 1, 'error: there is no module "dmeo" in course.yaml\n  hint: did you mean "demo"?'),
    (["build", "--theme", "defualt"], 1, 'error: there is no theme called "defualt"\n  hint: did you mean "default"?'),
    (["new", "Bad Name"], 1, 'error: "Bad Name" cannot be a module name'),
    (["new", "demo"], 1, "error: modules/demo/ already exists"),
])
def test_exit_codes(make_project, run, args, code, text):
    result = run(make_project(), *args)
    assert result.exit_code == code, result.output
    assert text in result.output
    assert "Traceback" not in result.output


def test_no_course_file_is_a_user_error(tmp_path, run):
    result = run(tmp_path, "check")
    assert result.exit_code == 1
    assert "error: there is no course.yaml in" in result.output


@pytest.mark.slow
def test_internal_errors_are_told_apart(make_project, run, monkeypatch, forked_workers):
    from coursebuilder.render.html import HtmlRenderer

    def crash(self, job, unit, out):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(HtmlRenderer, "render_unit", crash)
    result = run(make_project(), "build")
    assert result.exit_code == 3
    assert "internal error: coursebuilder hit a bug (your files are not the cause)." in result.output


@pytest.mark.slow
def test_new_module_passes_check_apart_from_draft_and_builds(make_project, run):
    project = make_project()
    result = run(project, "new", "trauma-informed-care")
    assert result.exit_code == 0, result.output
    assert "wrote modules/trauma-informed-care/module.yaml" in result.output
    course = (project / "course.yaml").read_text(encoding="utf-8")
    assert "modules: [demo, trauma-informed-care]" in course
    check = run(project, "check", "--format", "json")
    assert check.exit_code == 0
    assert [(d["code"], d["severity"]) for d in json.loads(check.output)] == [("draft", "warning")]
    assert run(project, "build").exit_code == 0
    assert (project / "build" / "html" / "trauma-informed-care" / "01-introduction.html").is_file()


def test_list_shows_minutes_status_and_review_dates(make_project, run):
    result = run(make_project(), "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Module", "Title", "Minutes", "Sections", "Words", "Grade", "Status", "Reviewed",
                                "Next", "review"]
    assert lines[2].split() == ["demo", "Demo", "module", "30", "2", "73", "1.1", "published", "2026-11-01",
                                "2027-11-01"]
    assert "1 module, 30 minutes in all." in result.output


@pytest.mark.parametrize("args, title", [([], "coursebuilder module.yaml"), (["--course"], "coursebuilder course.yaml")])
def test_schema_prints_json_schema(args, title):
    result = CliRunner().invoke(cli, ["schema", *args])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == title
    assert schema["additionalProperties"] is False
