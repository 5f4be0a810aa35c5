"""Every mistake a trainer can make in the format gets a located message with a hint.

The golden file locks the wording authors see; the small cases below pin each error class.
"""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES

GOOD_MODULE = (FIXTURES / "minimal" / "modules" / "demo" / "module.yaml").read_text(encoding="utf-8")


def test_broken_project_reports_every_problem_golden(run, golden):
    result = run(FIXTURES / "broken", "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    golden("broken-check.txt", result.output)


def test_json_format_has_the_documented_fields(run):
    result = run(FIXTURES / "broken", "check", "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert {tuple(sorted(item)) for item in items} == {
        ("code", "column", "file", "hint", "line", "message", "severity")}
    typo = next(item for item in items if item["code"] == "unknown-key" and "titel" in item["message"])
    assert typo == {
        "file": "modules/trauma/module.yaml", "line": 1, "column": 1, "severity": "error",
        "code": "unknown-key", "message": 'unknown key "titel"', "hint": 'did you mean "title"?',
    }


def _check_module(make_project, run, text: str | bytes):
    project = make_project()
    target = project / "modules" / "demo" / "module.yaml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return run(project, "check")


def _replace(old: str, new: str) -> str:
    assert old in GOOD_MODULE, old
    return GOOD_MODULE.replace(old, new, 1)


CASES = {
    "typo-key": (
        _replace("title: Demo module", "titel: Demo module"),
        'modules/demo/module.yaml:1:1: error[unknown-key]: unknown key "titel"\n  hint: did you mean "title"?',
    ),
    "missing-field": (
        _replace("licence: CC BY 4.0\n", ""),
        'modules/demo/module.yaml:1:1: error[missing]: missing required field "licence"\n'
        '  hint: add "licence:", for example:  licence: CC BY 4.0',
    ),
    "wrong-type": (
        _replace("    minutes: 20\n", "    minutes: twenty\n"),
        'modules/demo/module.yaml:19:14: error[type]: section "First steps": minutes "twenty" is not a number\n'
        "  hint: write a whole number, like 10",
    ),
    "empty-list": (
        _replace("outcomes: [Name one thing, Do another thing]", "outcomes: []"),
        "modules/demo/module.yaml:13:11: error[empty]: outcomes is empty\n"
        '  hint: add at least 1 outcome, each on its own line starting "- "',
    ),
    "bad-date": (
        _replace("next_review: 2027-11-01", "next_review: 2027-02-30"),
        'modules/demo/module.yaml:9:14: error[date]: next_review "2027-02-30" is not a date\n'
        "  hint: write the date as YYYY-MM-DD, like 2027-11-01",
    ),
    "review-order": (
        _replace("next_review: 2027-11-01", "next_review: 2026-10-01"),
        "modules/demo/module.yaml:9:14: error[review-date]: next review (2026-10-01) is not after the last "
        "review (2026-11-01)\n  hint: set next_review to a later date, usually a year after `reviewed`",
    ),
    "unquoted-version": (
        _replace('version: "1.0"', "version: 1.0"),
        'modules/demo/module.yaml:3:10: error[type]: version 1.0 is a number, not text\n  hint: put it in quotes: "1.0"',
    ),
    "status-choice": (
        _replace("status: published", "status: finished"),
        'modules/demo/module.yaml:4:9: error[choice]: status "finished" is not one of: draft, review, published\n'
        "  hint: use one of: draft, review, published",
    ),
    "block-type": (
        _replace("{type: key_point, text: Remember this.}", "{type: keypoint, text: Remember this.}"),
        'modules/demo/module.yaml:33:16: error[block-type]: section "First steps": block 5 has an unknown type '
        '"keypoint"\n  hint: did you mean "key_point"?',
    ),
    "image-without-alt": (
        _replace("{type: image, src: images/dot.png, alt: A small teal square}", "{type: image, src: images/dot.png}"),
        'modules/demo/module.yaml:35:9: error[alt]: section "First steps", block 7 (image): this picture has no '
        "alt text\n  hint: add `alt:` saying what it shows, or `decorative: true` if it adds nothing to the text",
    ),
    "markdown-missing": (
        _replace("body: 02-second.md", "body: 02-secnd.md"),
        'modules/demo/module.yaml:38:11: error[missing-file]: section "Second steps": "02-secnd.md" does not exist '
        "(modules/demo/02-secnd.md)\n  hint: create modules/demo/02-secnd.md, or correct the name "
        "(names are case-sensitive)",
    ),
    "outcome-number": (
        _replace("    outcomes: [2]\n", "    outcomes: [3]\n"),
        'modules/demo/module.yaml:39:16: error[outcome-number]: section "Second steps": outcome 3 does not exist '
        "(the module has 2 outcomes)\n  hint: use numbers from 1 to 2",
    ),
    "yaml-syntax": (
        _replace("summary: A small module that uses every block type.", "summary: Safety: a first look"),
        'modules/demo/module.yaml:2:16: error[yaml]: the text after "summary:" contains a colon followed by a '
        "space, which YAML reads as the start of another key\n"
        '  hint: put the whole text in quotes, like summary: "Safety: a first look"',
    ),
    "duplicate-key": (
        _replace("licence: CC BY 4.0\n", "licence: CC BY 4.0\nlicence: MIT\n"),
        'modules/demo/module.yaml:11:1: error[duplicate-key]: "licence" appears twice in the same place '
        "(first on line 10)\n  hint: keep one of them and delete the other",
    ),
    "tab-indent": (
        _replace("  - {what: Planned", "\t- {what: Planned"),
        "modules/demo/module.yaml:7:1: error[yaml]: this line is indented with a tab\n"
        "  hint: indent YAML with spaces only (two spaces per level)",
    ),
    "empty-file": (
        "",
        "modules/demo/module.yaml: error[empty]: this file is empty\n"
        "  hint: fill it in; `coursebuilder new` writes a starting point",
    ),
    "not-utf8": (
        GOOD_MODULE.replace("Demo module", "Demo modul\xe9").encode("latin-1"),
        "modules/demo/module.yaml:1:18: error[encoding]: this file is not saved as UTF-8 text\n"
        "  hint: save it again as 'UTF-8' (in Word: Save As > Plain Text > Unicode (UTF-8))",
    ),
    "url-image": (
        _replace("src: images/dot.png", "src: https://example.org/x.png"),
        'modules/demo/module.yaml:35:28: error[url]: section "First steps": "https://example.org/x.png" is a web '
        "or other address; coursebuilder only uses files in your project\n"
        "  hint: save the file into the module folder and write its name, like images/ward.png",
    ),
    "escaping-image": (
        _replace("src: images/dot.png", "src: ../../../etc/passwd"),
        'modules/demo/module.yaml:35:28: error[outside-project]: section "First steps": "../../../etc/passwd" '
        "points outside the project\n  hint: keep every file the module uses inside the project folder and do "
        "not use '..' to leave it",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_error_class_has_its_own_located_message(make_project, run, name):
    text, expected = CASES[name]
    result = _check_module(make_project, run, text)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert expected + "\n" in result.output, result.output
    assert result.output.splitlines()[-1].startswith("1 error"), result.output


def test_bom_and_crlf_are_accepted(make_project, run):
    text = "\ufeff" + GOOD_MODULE.replace("\n", "\r\n")
    result = _check_module(make_project, run, text.encode("utf-8"))
    assert result.exit_code == 0, result.output


def test_markdown_picture_outside_project_is_located_in_the_markdown(make_project, run):
    project = make_project()
    body = project / "modules" / "demo" / "02-second.md"
    body.write_text("Text first.\n\nSee ![a file](../../../etc/passwd) here.\n", encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output.startswith(
        'modules/demo/02-second.md:3:15: error[outside-project]: "../../../etc/passwd" points outside the project')


def test_raw_img_tag_in_markdown_is_located(make_project, run):
    project = make_project()
    body = project / "modules" / "demo" / "02-second.md"
    body.write_text('Text.\n\nA <img src="https://example.org/x.png"> here.\n', encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output.startswith(
        "modules/demo/02-second.md:3:3: error[raw-image]: an HTML <img> tag cannot show a picture here\n"
        "  hint: write pictures in Markdown instead, like ![what it shows](images/ward.png)\n")


@pytest.mark.parametrize("link, column, scheme", [
    ("[Help](javascript:alert(1))", 12, "javascript:"),
    ('<a href="vbscript:msgbox(1)">Help</a>', 14, "vbscript:"),
    ("[Help](DATA:text/html,x)", 12, "data:"),
    ("[Notes]( file:///etc/passwd)", 14, "file:"),
])
def test_unsafe_links_in_markdown_are_located(make_project, run, link, column, scheme):
    project = make_project()
    (project / "modules" / "demo" / "02-second.md").write_text(f"Text.\n\nSee {link} here.\n", encoding="utf-8")
    assert run(project, "check").exit_code == 0  # the build stays safe: every output drops the link
    result = run(project, "check", "--strict")
    assert result.exit_code == 1
    assert (f'modules/demo/02-second.md:3:{column}: warning[unsafe-link]: a link to a "{scheme}" address is '
            "removed from every output, for safety\n") in result.output
    assert "  hint: link only to web pages (https://…) or email addresses (mailto:…)" in result.output


def test_a_module_called_course_is_refused(make_project, run):
    root = make_project()
    (root / "modules" / "demo").rename(root / "modules" / "course")
    course_yaml = root / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace("modules: [demo]", "modules: [course]"),
                           encoding="utf-8")
    result = run(root, "build", "--out", str(root / "out"))
    assert result.exit_code == 1
    assert result.output.startswith(
        'course.yaml:6:11: error[slug]: "course" cannot be a module name: its handbook would replace the course '
        'handbook, course-handbook.pdf\n  hint: rename the folder modules/course/ and this entry, for example to '
        '"course-introduction"\n')
    assert not (root / "out").exists()


def test_module_folder_without_module_yaml(make_project, run):
    project = make_project()
    (project / "modules" / "demo" / "module.yaml").unlink()
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.output.startswith(
        "course.yaml:6:11: error[module-missing]: module folder modules/demo/ has no module.yaml")


def test_unlisted_folder_is_a_warning(make_project, run):
    project = make_project()
    (project / "modules" / "extra").mkdir()
    result = run(project, "check")
    assert result.exit_code == 0
    assert "course.yaml:6:1: warning[module-unlisted]: the folder modules/extra/ is not listed" in result.output
    assert run(project, "check", "--strict").exit_code == 1


def test_symlink_leaving_the_project_is_refused(make_project, run, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("secret", encoding="utf-8")
    project = make_project()
    body = project / "modules" / "demo" / "02-second.md"
    body.unlink()
    body.symlink_to(outside)
    result = run(project, "check")
    assert result.exit_code == 1
    assert 'error[outside-project]: section "Second steps": "02-second.md" is a link to a file outside the project' \
        in result.output
