"""Checks that run on a loaded course, after the format itself has been validated.

Each check takes the loaded course and returns located diagnostics. `check` and `build` both
run them; errors stop a build, warnings are printed.
"""

from __future__ import annotations

from collections.abc import Callable

from .diagnostics import Diagnostic
from .load import LoadedCourse, LoadedModule

ModuleCheck = Callable[[LoadedModule], list[Diagnostic]]


def draft_status(module: LoadedModule) -> list[Diagnostic]:
    if module.meta.status != "draft":
        return []
    line, column = module.yaml.position(("status",))
    return [Diagnostic(
        module.yaml.path, line, column, "warning", "draft",
        f'"{module.meta.title}" is still a draft',
        "when the module has been reviewed, set `status: published`",
    )]


MODULE_CHECKS: list[ModuleCheck] = [draft_status]


def run_checks(course: LoadedCourse) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in course.modules:
        for check in MODULE_CHECKS:
            found += check(module)
    return found
