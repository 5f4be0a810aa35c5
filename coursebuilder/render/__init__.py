"""Output formats are renderers, registered by name.

Adding a format is one new module plus one `register` line (or an entry point in the
`coursebuilder.renderers` group for a format shipped as its own package). Renderer classes are
imported only when their format is built, so heavy libraries load only when needed.

A renderer splits its work into units (one module in one edition, or a course-level file such as
the course index). Units are what the build cache skips and what the process pool runs side by
side, so a unit must depend only on its own inputs (see cache.py) and write only its own files.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..load import LoadedCourse, LoadedModule
    from ..output import Stage
    from ..themes import Theme


@dataclass
class RenderJob:
    course: LoadedCourse
    theme: Theme

    @property
    def modules(self) -> list[LoadedModule]:
        return self.course.modules


# What a unit's output depends on, besides the format, the theme and coursebuilder itself.
MODULE = "module"  # the one module (and course.yaml)
COURSE = "course"  # every module of the course, in order (a course index, a course handbook)
THEME = "theme"  # nothing else (theme files copied into the output)


@dataclass(frozen=True)
class Unit:
    """One piece of a format's output, rendered in one go."""

    format: str
    scope: str  # MODULE, COURSE or THEME
    module: str | None = None  # the module's slug when scope is MODULE
    edition: str = ""  # e.g. "handbook", "large-print"; "" for a format with one edition
    label: str = ""  # how progress names the output, e.g. "space-to-think large print"

    @property
    def slug(self) -> str:
        """The module's slug, for a unit whose scope is MODULE."""
        assert self.module is not None, f"{self.id} is not one module's output"  # module_unit() always names it
        return self.module

    @property
    def id(self) -> str:
        return "/".join(part for part in (self.format, self.module or self.scope, self.edition) if part)

    def __str__(self) -> str:
        return f"{self.format}: {self.label or self.module or self.scope}"


class Renderer(ABC):
    name: ClassVar[str]
    summary: ClassVar[str]
    editions: ClassVar[tuple[str, ...]] = ("",)  # the editions of each module's output

    @abstractmethod
    def owns(self, slug: str, relative: str) -> bool:
        """Whether an output file (relative to the format's folder) belongs to module `slug`."""

    def units(self, course: LoadedCourse) -> list[Unit]:
        """Every unit of this format for the course's loaded modules, in the order they render."""
        return [self.module_unit(module.slug, edition) for module in course.modules for edition in self.editions]

    def module_unit(self, slug: str, edition: str = "") -> Unit:
        label = f"{slug} {edition.replace('-', ' ')}".strip()
        return Unit(self.name, MODULE, slug, edition, label)

    @abstractmethod
    def render_unit(self, job: RenderJob, unit: Unit, out: Stage) -> None:
        """Write one unit's files. The renderer may keep state between units of the same job."""

    def render(self, job: RenderJob, out: Stage) -> None:
        """Every unit, one after another, in this process."""
        for unit in self.units(job.course):
            self.render_unit(job, unit, out)


_BUILTIN: dict[str, str] = {
    "html": "coursebuilder.render.html:HtmlRenderer",
    "pdf": "coursebuilder.render.pdf:PdfRenderer",
    "pptx": "coursebuilder.render.pptx:PptxRenderer",
    "scorm": "coursebuilder.render.scorm:ScormRenderer",
}
_registry: dict[str, str | type[Renderer]] = dict(_BUILTIN)
_distributions: dict[str, tuple[str, str]] = {}  # format → (name, version) of the package that installed it
_entry_points_loaded = False


def register(name: str, renderer: str | type[Renderer], *, override: bool = False) -> None:
    if not name or not name.isidentifier():
        raise ValueError(f"renderer name {name!r} must be a simple word")
    if name in _registry and not override and _registry[name] != renderer:
        raise ValueError(f"a renderer called {name!r} is already registered")
    _registry[name] = renderer


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group="coursebuilder.renderers"):
        if ep.name not in _registry:
            register(ep.name, ep.value)
            if ep.dist is not None:
                _distributions[ep.name] = (ep.dist.name, ep.dist.version)


def names() -> list[str]:
    _load_entry_points()
    return list(_registry)


def renderer_class(name: str) -> type[Renderer]:
    _load_entry_points()
    target = _registry[name]
    if isinstance(target, str):
        module_name, _, class_name = target.partition(":")
        target = getattr(importlib.import_module(module_name), class_name)
        _registry[name] = target
    return target


def builtin(name: str) -> bool:
    """Whether format `name` is rendered by coursebuilder's own code (found without importing it)."""
    _load_entry_points()
    target = _registry[name]
    where = target if isinstance(target, str) else target.__module__
    return where.startswith("coursebuilder.")


def distribution(name: str) -> tuple[str, str] | None:
    """The name and version of the installed package whose entry point added format `name`, if any."""
    _load_entry_points()
    return _distributions.get(name)


def get(name: str) -> Renderer:
    return renderer_class(name)()
