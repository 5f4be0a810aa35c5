"""The project on disk, and the one place that resolves files referenced by content or themes.

Every Markdown file, picture or theme file that content names goes through `Project.resolve`,
which refuses URLs, absolute paths, `..` escapes and symlinks that leave an allowed root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import CourseError, ResolveError

COURSE_FILE = "course.yaml"
MODULES_DIR = "modules"
THEMES_DIR = "themes"
MODULE_FILE = "module.yaml"

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def builtin_themes_dir() -> Path:
    """Themes shipped with coursebuilder: inside the wheel, or the repository's themes/ folder."""
    packaged = Path(__file__).parent / "_themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / THEMES_DIR


@dataclass
class Project:
    root: Path
    extra_roots: list[Path] = field(default_factory=list)  # trusted tool folders, e.g. built-in themes

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.extra_roots = [p.resolve() for p in self.extra_roots]

    @classmethod
    def find(cls, root: Path | str = ".") -> Project:
        root = Path(root)
        if not (root / COURSE_FILE).is_file():
            raise CourseError(
                f"there is no {COURSE_FILE} in {root.resolve()}",
                "run coursebuilder from your project's top folder, the one that holds course.yaml",
            )
        return cls(root, [builtin_themes_dir()])

    @property
    def course_file(self) -> Path:
        return self.root / COURSE_FILE

    @property
    def modules_dir(self) -> Path:
        return self.root / MODULES_DIR

    def module_dir(self, slug: str) -> Path:
        return self.modules_dir / slug

    def display(self, path: Path) -> str:
        """A path as the author sees it: relative to the project, with forward slashes."""
        path = Path(os.path.abspath(path))
        for base in (self.root, *self.extra_roots):
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def _root_of(self, path: Path) -> Path:
        path = Path(os.path.abspath(path))
        for base in (self.root, *self.extra_roots):
            if path == base or base in path.parents:
                return base
        raise ResolveError("outside-project", f"{path} is outside the project")

    def resolve(self, ref: str, relative_to: Path, *, must_exist: bool = True) -> Path:
        """The file that `ref`, written in a file inside `relative_to`, names.

        Raises ResolveError (with a message and hint for the author) for anything that is not a
        plain relative path to a file inside the same root (the project, or a built-in theme).
        """
        ref = ref.strip()
        if not ref:
            raise ResolveError("path", "the file name is empty", "write the file name, like images/ward.png")
        if _SCHEME_RE.match(ref) and not re.match(r"^[A-Za-z]:[\\/]", ref):
            raise ResolveError(
                "url",
                f'"{ref}" is a web or other address; coursebuilder only uses files in your project',
                "save the file into the module folder and write its name, like images/ward.png",
            )
        if ref.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", ref) or ref.startswith("~"):
            raise ResolveError(
                "path",
                f'"{ref}" is an absolute path; content can only use files inside the project',
                "copy the file into the module folder and write its name relative to it, like images/ward.png",
            )
        if "\\" in ref:
            raise ResolveError("path", f'"{ref}" uses backslashes', "write paths with forward slashes, like images/ward.png")
        if "\x00" in ref:
            raise ResolveError("path", "the file name contains a NUL character", "retype the file name")
        base_root = self._root_of(relative_to)
        parts = PurePosixPath(ref).parts
        candidate = Path(os.path.normpath(Path(os.path.abspath(relative_to)) / Path(*parts)))
        if not (candidate == base_root or base_root in candidate.parents):
            raise ResolveError(
                "outside-project",
                f'"{ref}" points outside the project',
                "keep every file the module uses inside the project folder and do not use '..' to leave it",
            )
        real = candidate.resolve()
        if not (real == base_root or base_root in real.parents):
            raise ResolveError(
                "outside-project",
                f'"{ref}" is a link to a file outside the project',
                "copy the file into the project instead of linking to it",
            )
        if must_exist and not real.is_file():
            shown = self.display(candidate)
            what = "is a folder, not a file" if real.is_dir() else "does not exist"
            raise ResolveError(
                "missing-file",
                f'"{ref}" {what} ({shown})',
                f"create {shown}, or correct the name (names are case-sensitive)",
            )
        return real
