"""`coursebuilder new SLUG`: start a module from a commented template and add it to the course."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from .errors import CourseError
from .model import SLUG_RE
from .project import Project

TEMPLATES = Path(__file__).parent / "scaffold"


def new_module(project: Project, slug: str, today: date | None = None) -> list[Path]:
    if not SLUG_RE.match(slug):
        raise CourseError(f'"{slug}" cannot be a module name',
                          "use lower-case letters, digits and hyphens, like trauma-informed-care")
    folder = project.module_dir(slug)
    if folder.exists():
        raise CourseError(f"{project.display(folder)}/ already exists",
                          "choose another name, or edit the module that is there")
    today = today or date.today()
    try:
        next_year = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        next_year = today.replace(year=today.year + 1, day=28)
    title = slug.replace("-", " ").capitalize()
    values = {"title": title, "slug": slug, "today": today.isoformat(), "next_year": next_year.isoformat()}

    course_text = _course_with(project, slug)  # fails before anything is written
    files = {
        "module.yaml": (TEMPLATES / "module.yaml").read_text(encoding="utf-8").format(**values),
        "01-introduction.md": (TEMPLATES / "body.md").read_text(encoding="utf-8"),
        "01-introduction-facilitator.md": (TEMPLATES / "facilitator.md").read_text(encoding="utf-8"),
    }
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    project.course_file.write_text(course_text, encoding="utf-8")
    written.append(project.course_file)
    return written


def _course_with(project: Project, slug: str) -> str:
    """course.yaml with `slug` appended to `modules`, keeping the author's comments and layout."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    try:
        data = yaml.load(project.course_file.read_text(encoding="utf-8-sig"))
    except Exception:  # noqa: BLE001 - any parse failure is reported as the same user error
        raise CourseError("course.yaml cannot be read, so the new module cannot be added to it",
                          "run `coursebuilder check` and fix course.yaml first") from None
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise CourseError("course.yaml has no `modules` list to add the new module to",
                          "add `modules: []` to course.yaml, then run this again")
    if slug in data["modules"]:
        raise CourseError(f'course.yaml already lists "{slug}"', f"create the folder modules/{slug}/ by hand")
    data["modules"].append(slug)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
