"""The build, top to bottom: load → check → plan → render each format → write.

Loading and checks of every requested module run first; any error stops the build before
anything is written. The plan asks the cache which outputs are already up to date (cache.py);
the rest render, each format into its own staged folder that is swapped in when all of it is
ready (output.py). With several CPUs, worker processes check the modules and render side by side
(workers.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import render, workers
from .cache import CheckCache, Keys, Manifest
from .checks import run_checks
from .diagnostics import Diagnostic, has_errors
from .errors import ContentError, CourseError, system_problem
from .load import LoadedCourse, load_course
from .output import DISK_FULL, OutputDir, write_error
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
    rendered: list[str] = field(default_factory=list)  # ids of the units this build rendered, in finishing order
    up_to_date: int = 0  # outputs left as they were: nothing they are made from had changed


def check(project: Project, slugs: Sequence[str] | None = None, today: date | None = None,
          jobs: int = 1) -> CheckResult:
    """Load and check; never raises for content problems (they are in `diagnostics`).

    today: the date review dates are compared with; by default SOURCE_DATE_EPOCH, else the clock.
    jobs: how many processes check modules side by side.
    """
    loaded = load_course(project, list(slugs or []))
    diagnostics = list(loaded.diagnostics)
    if loaded.course is not None:
        with workers.Workers(loaded.course, None, jobs) as pool:  # no theme: checking renders nothing
            diagnostics = run_checks(loaded.course, today, each=pool.each, loaded=diagnostics)
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
    jobs: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Build the course (or the modules named) in each format; only outputs whose sources changed
    since the last build into the same folder are rendered again (see cache.py).

    jobs: how many processes render side by side; by default one per CPU.
    """
    names = resolve_formats(formats)
    loaded = load_course(project, list(slugs or []))
    if loaded.course is None:
        raise ContentError(loaded.diagnostics)
    course = loaded.course
    theme_obj, theme_problem = None, None
    try:
        theme_obj = load_theme(project, theme or course.meta.theme)
    except CourseError as exc:
        theme_problem = exc  # reported after the content's own problems, as `check` would find them first
    out_dir = OutputDir(Path(out) if out else project.root / "build")
    try:
        with workers.Workers(course, theme_obj, jobs or workers.default_jobs()) as pool:
            keys = Keys(course, theme_obj)
            checked = CheckCache(out_dir.root, keys)
            diagnostics = run_checks(course, each=checked.each(pool.each), loaded=loaded.diagnostics)
            if has_errors(diagnostics):
                raise ContentError(diagnostics)
            if theme_problem is not None:
                raise theme_problem
            plans = {name: _plan(name, course, keys, out_dir) for name in names}
            rendered = _render(plans, keys, pool, out_dir, progress)
        for plan in plans.values():
            plan.save()
        checked.save()  # only after a build that wrote its output: a failed build writes nothing
    except OSError as exc:  # not the output writer's (output.WriteError says so itself), nor a renderer's
        raise (write_error(out_dir.root, exc) if exc.errno in DISK_FULL else system_problem("build the course", exc)) from None
    outputs = sum(len(plan.units) for plan in plans.values())
    return BuildResult(course, names, out_dir.root, [d for d in diagnostics if d.severity != "error"],
                       rendered=rendered, up_to_date=outputs - len(rendered))


def _render(plans: dict[str, _FormatPlan], keys: Keys, pool: workers.Workers, out_dir: OutputDir,
            progress: Callable[[str], None]) -> list[str]:
    """Render every stale unit into its format's staging folder; swap the folders in when all are done."""
    outputs = sum(len(plan.units) for plan in plans.values())
    stale = sum(len(plan.stale) for plan in plans.values())
    if stale < outputs:
        progress(f"{outputs - stale} of {outputs} outputs are up to date")
    rendered: list[str] = []

    def on_done(done: workers.Done) -> None:
        plans[done.unit.format].manifest.record(done.unit, keys.key(done.unit), done.files)
        rendered.append(done.unit.id)
        progress(f"[{len(rendered)}/{stale}] {done.unit}")

    with ExitStack() as stack:
        tasks = []
        for plan in plans.values():
            if plan.needs_writing():
                folder = stack.enter_context(out_dir.replace(plan.name, plan.keep)).folder
                tasks += [workers.Task(unit, folder) for unit in plan.stale]
        pool.render(tasks, on_done)
    return rendered


@dataclass
class _FormatPlan:
    """One format's units, which of them must render, and which existing files stay."""

    name: str
    renderer: render.Renderer
    course: LoadedCourse
    folder: Path
    units: list[render.Unit]
    stale: list[render.Unit]
    kept: set[str]  # files of the units that are up to date
    manifest: Manifest

    def keep(self, relative: str) -> bool:
        if relative in self.kept:
            return True
        # A partial build also keeps every file not owned by a module it builds (other modules, the index).
        return not self.course.complete and not any(self.renderer.owns(m.slug, relative) for m in self.course.modules)

    def needs_writing(self) -> bool:
        if self.stale or not self.folder.is_dir():
            return True
        present = {path.relative_to(self.folder).as_posix() for path in self.folder.rglob("*") if not path.is_dir()}
        return self.course.complete and present != self.kept  # files of removed modules to drop

    def save(self) -> None:
        if self.course.complete:  # forget modules that left the course
            current = {unit.id for unit in self.units}
            self.manifest.forget([unit_id for unit_id in list(self.manifest.entries) if unit_id not in current])
        self.manifest.save()


def _plan(name: str, course: LoadedCourse, keys: Keys, out_dir: OutputDir) -> _FormatPlan:
    renderer = render.get(name)
    folder = out_dir.root / name
    manifest = Manifest(out_dir.root, name)
    units = renderer.units(course)
    stale, kept = [], set()
    for unit in units:
        files = manifest.up_to_date(unit, keys.key(unit), folder)
        if files is None:
            stale.append(unit)
        else:
            kept.update(files)
    return _FormatPlan(name, renderer, course, folder, units, stale, kept, manifest)
