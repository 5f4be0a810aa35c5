"""Output formats are renderers, registered by name.

Adding a format is one new module plus one `register` line (or an entry point in the
`coursebuilder.renderers` group for a format shipped as its own package). Renderer classes are
imported only when their format is built, so heavy libraries load only when needed.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable
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
    progress: Callable[[str], None]

    @property
    def modules(self) -> list[LoadedModule]:
        return self.course.modules


class Renderer(ABC):
    name: ClassVar[str]
    summary: ClassVar[str]

    @abstractmethod
    def owns(self, slug: str, relative: str) -> bool:
        """Whether an output file (relative to the format's folder) belongs to module `slug`."""

    @abstractmethod
    def render(self, job: RenderJob, out: Stage) -> None:
        """Write the job's modules (and, when job.course.complete, the course-level files)."""


_BUILTIN: dict[str, str] = {
    "html": "coursebuilder.render.html:HtmlRenderer",
    "pdf": "coursebuilder.render.pdf:PdfRenderer",
    "pptx": "coursebuilder.render.pptx:PptxRenderer",
    "scorm": "coursebuilder.render.scorm:ScormRenderer",
}
_registry: dict[str, str | type[Renderer]] = dict(_BUILTIN)
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


def names() -> list[str]:
    _load_entry_points()
    return list(_registry)


def get(name: str) -> Renderer:
    _load_entry_points()
    target = _registry[name]
    if isinstance(target, str):
        module_name, _, class_name = target.partition(":")
        target = getattr(importlib.import_module(module_name), class_name)
        _registry[name] = target
    return target()
