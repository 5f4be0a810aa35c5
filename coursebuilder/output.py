"""The one place that writes output.

Each format renders into a temporary folder beside its target (`DIR/.html.*.tmp`), and
`DIR/html/` is swapped in by rename only when the format is complete. A failed render removes the
temporary folder and leaves the old output as it was. Nothing else in DIR is touched.

Only this module's own file operations are reported as a disk problem (`WriteError`: a full disk, a
read-only or unwritable folder). Whatever else fails while a renderer works is named as what it
is (see errors.SystemProblem).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Protocol

from .errors import CourseError

# Errors that say the disk cannot take more, wherever they come from: full, over quota, read-only.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


class WriteError(CourseError):
    """The output writer's own I/O failed: the machine's problem, not a bug, and the old output stays."""


def write_error(root: Path, exc: OSError, fmt: str | None = None) -> WriteError:
    what = f"the {fmt} output" if fmt else "the output"
    return WriteError(f"could not write {what} in {root}: {exc.strerror or exc}",
                      "free some disk space, or choose another folder with --out; the previous output is unchanged")


@contextmanager
def writing(root: Path, fmt: str | None = None) -> Iterator[None]:
    """Report an OSError of the file operations inside as a write problem in `root`."""
    try:
        yield
    except WriteError:
        raise
    except OSError as exc:
        raise write_error(root, exc, fmt) from None


class Stage:
    """A format's folder while it is being written. Paths are relative, with forward slashes."""

    def __init__(self, folder: Path, fmt: str | None = None):
        self.folder = folder
        self.format = fmt
        self.written: list[str] = []

    def path(self, relative: str) -> Path:
        """A file path inside the stage for libraries that write files themselves."""
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
            raise ValueError(f"output path {relative!r} must stay inside the output folder")
        target = self.folder.joinpath(*parts)
        with writing(self.folder.parent, self.format):
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() or target.is_symlink():
                target.unlink()  # kept files may be hard links to the old output: never write through them
        self.written.append(PurePosixPath(*parts).as_posix())
        return target

    def write(self, relative: str, data: str | bytes) -> None:
        target = self.path(relative)
        with writing(self.folder.parent, self.format):
            if isinstance(data, str):
                target.write_text(data, encoding="utf-8", newline="\n")
            else:
                target.write_bytes(data)

    def copy(self, source: Path, relative: str) -> None:
        target = self.path(relative)
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            if exc.filename is not None and Path(exc.filename) == Path(source):
                raise  # reading the source failed: not the disk's fault, and the error names the file
            raise write_error(self.folder.parent, exc, self.format) from None


class Sink(Protocol):
    """Where a renderer that only writes and copies whole files can put them: a Stage, or Files."""

    def write(self, relative: str, data: str | bytes) -> None: ...

    def copy(self, source: Path, relative: str) -> None: ...


class Files:
    """Files a renderer makes for another format to package, kept in memory (a SCORM package holds the
    e-learning pages): the same `write` and `copy` as a Stage, and nothing touches the disk."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, relative: str, data: str | bytes) -> None:
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
            raise ValueError(f"output path {relative!r} must stay inside the output folder")
        self.files[PurePosixPath(*parts).as_posix()] = data.encode("utf-8") if isinstance(data, str) else data

    def copy(self, source: Path, relative: str) -> None:
        self.write(relative, source.read_bytes())


class OutputDir:
    def __init__(self, root: Path):
        self.root = root

    @contextmanager
    def replace(self, name: str, keep: Callable[[str], bool] = lambda rel: False) -> Iterator[Stage]:
        """Stage `DIR/<name>/`: files of the old folder for which `keep` is true are carried over."""
        target = self.root / name
        if target.exists() and not target.is_dir():
            raise CourseError(f"{target} is a file, but coursebuilder writes a folder there",
                              "move or rename that file, then build again")
        with writing(self.root, name):
            self.root.mkdir(parents=True, exist_ok=True)
            self._remove_leftovers(name)
            staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=self.root))
        try:
            with writing(self.root, name):
                os.chmod(staging, 0o755)
                if target.is_dir():
                    _carry_over(target, staging, keep)
            yield Stage(staging, name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        with writing(self.root, name):
            old = None
            if target.is_dir():
                old = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".old", dir=self.root))
                os.rmdir(old)
                os.rename(target, old)
            os.rename(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _remove_leftovers(self, name: str) -> None:
        """Staging folders left by a build that was killed outright (power cut, kill -9)."""
        for pattern in (f".{name}.*.tmp", f".{name}.*.old"):
            for leftover in self.root.glob(pattern):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)


def atomic_write(target: Path, text: str) -> None:
    """Write a small file so that readers see the old contents or the new, never half of it."""
    with writing(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _carry_over(source: Path, destination: Path, keep: Callable[[str], bool]) -> None:
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source).as_posix()
        if not keep(relative):
            continue
        copy = destination / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, copy)  # cheap; Stage.path unlinks before any write
        except OSError:
            shutil.copy2(path, copy)
