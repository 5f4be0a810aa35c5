"""The one resolver: plain relative paths inside the project, nothing else."""

from __future__ import annotations

import pytest

from coursebuilder.errors import ResolveError
from coursebuilder.project import Project


@pytest.fixture
def project(make_project):
    return Project.find(make_project())


def test_resolves_a_file_in_the_module_folder(project):
    folder = project.module_dir("demo")
    assert project.resolve("images/dot.png", folder) == (folder / "images" / "dot.png").resolve()


def test_dot_dot_inside_the_project_is_allowed(project):
    folder = project.module_dir("demo") / "images"
    assert project.resolve("../01-first.md", folder).name == "01-first.md"


@pytest.mark.parametrize("ref, code", [
    ("../../../etc/passwd", "outside-project"),
    ("../../../../../../../../etc/passwd", "outside-project"),
    ("/etc/passwd", "path"),
    ("C:/Windows/win.ini", "path"),
    ("C:\\Windows\\win.ini", "path"),
    ("~/notes.md", "path"),
    ("images\\dot.png", "path"),
    ("https://example.org/x.png", "url"),
    ("http://127.0.0.1/x.png", "url"),
    ("file:///etc/passwd", "url"),
    ("data:image/png;base64,AAAA", "url"),
    ("ftp://example.org/x.png", "url"),
    ("", "path"),
    ("images/none.png", "missing-file"),
    ("images", "missing-file"),
])
def test_refuses(project, ref, code):
    with pytest.raises(ResolveError) as info:
        project.resolve(ref, project.module_dir("demo"))
    assert info.value.code == code
    assert info.value.hint


def test_symlink_out_of_the_project_is_refused(project, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"x")
    link = project.module_dir("demo") / "images" / "link.png"
    link.symlink_to(secret)
    with pytest.raises(ResolveError) as info:
        project.resolve("images/link.png", project.module_dir("demo"))
    assert info.value.code == "outside-project"


def test_symlink_inside_the_project_is_followed(project):
    link = project.module_dir("demo") / "images" / "same.png"
    link.symlink_to(project.module_dir("demo") / "images" / "dot.png")
    assert project.resolve("images/same.png", project.module_dir("demo")).name == "dot.png"
