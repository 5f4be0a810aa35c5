"""The build, top to bottom: load → check → render each format → write.

Loading and checks of every requested module run first; any error stops the build before
anything is written. Each format then renders into its own staged folder (see output.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import render
from .checks import run_checks
from .diagnostics import Diagnostic, has_errors
from .errors import ContentError, CourseError
from .load import LoadedCourse, load_course
from .output import OutputDir
from .project import Project
from .themes import load_theme


@dataclass
class CheckResult:
    course: LoadedCourse | None
    diagnostics: list[Diagnostic]


@dataclass
class BuildResult:
    course: LoadedCourse
    formats: list[str]
    out: Path
    warnings: list[Diagnostic] = field(default_factory=list)


def check(project: Project, slugs: Sequence[str] | None = None, today: date | None = None) -> CheckResult:
    """Load and check; never raises for content problems (they are in `diagnostics`).

    today: the date review dates are compared with; by default SOURCE_DATE_EPOCH, else the clock.
    """
    loaded = load_course(project, list(slugs or []))
    diagnostics = list(loaded.diagnostics)
    if loaded.course is not None:
        diagnostics += run_checks(loaded.course, today)
    return CheckResult(loaded.course, diagnostics)


def resolve_formats(requested: Sequence[str] | None) -> list[str]:
    known = render.names()
    if not requested:
        return known
    unknown = [name for name in requested if name not in known]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(known)}")
    return list(dict.fromkeys(requested))


def build(
    project: Project,
    *,
    slugs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    out: Path | None = None,
    theme: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    names = resolve_formats(formats)
    result = check(project, slugs)
    if result.course is None or has_errors(result.diagnostics):
        raise ContentError(result.diagnostics)
    course = result.course
    theme_obj = load_theme(project, theme or course.meta.theme)
    out_dir = OutputDir(Path(out) if out else project.root / "build")
    job = render.RenderJob(course, theme_obj, progress)
    for name in names:
        renderer = render.get(name)
        progress(f"{name}: rendering {len(course.modules)} module{'s' if len(course.modules) != 1 else ''}")
        slugs_built = {m.slug for m in course.modules}

        def keep(relative: str, renderer=renderer) -> bool:
            # A partial build keeps every file not owned by a module being rebuilt.
            return not course.complete and not any(renderer.owns(slug, relative) for slug in slugs_built)

        try:
            with out_dir.replace(name, keep) as stage:
                renderer.render(job, stage)
        except OSError as exc:  # a full disk, a read-only folder: the machine's problem, not a bug
            raise CourseError(
                f"could not write the {name} output in {out_dir.root}: {exc.strerror or exc}",
                "free some disk space, or choose another folder with --out; the previous output is unchanged",
            ) from None
        progress(f"{name}: done")
    return BuildResult(course, names, out_dir.root, [d for d in result.diagnostics if d.severity != "error"])
