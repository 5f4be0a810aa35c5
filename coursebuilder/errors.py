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


class RenderError(Exception):
    """An output format failed to render. Raised by renderers for problems not caused by content."""
