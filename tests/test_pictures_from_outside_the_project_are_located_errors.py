"""Every picture whose address is not a file in the project (file:, http(s):, data:, javascript:,
//host, an absolute path) is one located error with a fix, whatever the address. `file:` used to be
only a warning (markdown-it turned the picture into text, so the loader never saw it) while
`https:` was an error. A *link* to such an address stays a warning: every output drops it."""

from __future__ import annotations

import pytest

from coursebuilder.load import load_course
from coursebuilder.markdown import find_images
from coursebuilder.project import Project

BODY = "modules/demo/02-second.md"
MODULE = "modules/demo/module.yaml"
WEB = "is a web or other address; coursebuilder only uses files in your project"
ABSOLUTE = "is an absolute path; content can only use files inside the project"


def _problems(project):
    return [d for d in load_course(Project.find(project), []).diagnostics if d.file == BODY]


@pytest.mark.parametrize("written, address, code, message", [
    ("file:///etc/ward.png", "file:///etc/ward.png", "url", WEB),
    ("FILE:///c:/ward.png", "FILE:///c:/ward.png", "url", WEB),
    ("<file:///home/me/my ward.png>", "file:///home/me/my ward.png", "url", WEB),
    ("https://example.org/ward.png", "https://example.org/ward.png", "url", WEB),
    ("http://example.org/ward.png", "http://example.org/ward.png", "url", WEB),
    ("data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo=", "url", WEB),
    ("data:text/html,hello", "data:text/html,hello", "url", WEB),
    ("javascript:alert(1)", "javascript:alert(1)", "url", WEB),
    ("//example.org/ward.png", "//example.org/ward.png", "url", WEB),
    ("/etc/ward.png", "/etc/ward.png", "path", ABSOLUTE),
    ("C:/Pictures/ward.png", "C:/Pictures/ward.png", "path", ABSOLUTE),
])
def test_a_picture_from_outside_the_project_is_one_located_error(make_project, written, address, code, message):
    project = make_project()
    before = "The ward: ![The ward]("
    (project / BODY).write_text(f"Look at this.\n\n{before}{written})\n", encoding="utf-8")
    column = len(before) + 1 + written.startswith("<")  # where the address starts
    problems = _problems(project)
    assert [(d.line, d.column, d.severity, d.code, d.message) for d in problems] == [
        (3, column, "error", code, f'"{address}" {message}')], [d.format() for d in problems]
    assert "images/ward.png" in problems[0].hint  # the fix: a file in the project, named like this


def test_the_same_address_as_a_link_is_still_only_a_warning(make_project):
    project = make_project()
    (project / BODY).write_text("See [the ward](file:///etc/ward.html).\n", encoding="utf-8")
    assert [(d.line, d.column, d.severity, d.code) for d in _problems(project)] == [(1, 16, "warning", "unsafe-link")]


def test_a_file_picture_inside_a_yaml_text_field_is_found_too(make_project):
    project = make_project()
    module = project / MODULE
    text = module.read_text(encoding="utf-8")
    assert "{type: key_point, text: Remember this.}" in text
    module.write_text(text.replace("{type: key_point, text: Remember this.}",
                                   "{type: key_point, text: 'Remember ![this](file:///etc/a.png).'}"), encoding="utf-8")
    problems = [d for d in load_course(Project.find(project), []).diagnostics if d.code == "image-in-text"]
    assert len(problems) == 1 and problems[0].severity == "error" and problems[0].file == MODULE


def test_every_picture_is_found_whatever_its_address():
    text = "![a](file:///a.png) ![b](javascript:x) ![c](<data:text/plain,x>) ![d](images/d.png)\n"
    addresses = ["file:///a.png", "javascript:x", "data:text/plain,x", "images/d.png"]
    assert [(ref.src, ref.column) for ref in find_images(text)] == [(a, text.index(a) + 1) for a in addresses]
