"""Exceptions. User mistakes (exit 1) are kept apart from bugs in coursebuilder (exit 3)."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic


class CourseError(Exception):
    """A problem with the user's files or choices: reported plainly, exit code 1."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self):
        # Rebuilt attribute by attribute: an error raised in a worker process travels back to the build.
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[CourseError], args: tuple, state: dict) -> CourseError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ContentError(CourseError):
    """One or more located problems in the course's content."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = list(diagnostics)
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        super().__init__(f"{errors} problem{'s' if errors != 1 else ''} in the course files")


class ResolveError(CourseError):
    """A file reference in content that cannot or may not be followed."""

    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message, hint)
        self.code = code


class SystemProblem(CourseError):
    """Something on this computer failed, not the course files: a system library that is missing, a
    font or other file a renderer could not read. Exit code 1, like any problem the user can fix."""


def system_problem(what: str, exc: OSError) -> SystemProblem:
    """`what` (e.g. "make the pdf output for demo handbook") failed with `exc`: say so, naming any file."""
    detail = exc.strerror or str(exc) or type(exc).__name__
    files = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    if files and not any(name in detail for name in files):
        detail += f" ({', '.join(files)})"
    return SystemProblem(
        f"could not {what}: {detail}",
        "this comes from the computer coursebuilder runs on (a system library, a font or a file it reads), "
        "not from your course files; the previous output is unchanged. "
        "Set COURSEBUILDER_DEBUG=1 to see where it happened",
    )


class RenderError(Exception):
    """An output format failed to render. Raised by renderers for problems not caused by content."""
