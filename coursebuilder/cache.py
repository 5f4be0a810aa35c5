"""The build cache: which outputs are already up to date, so a rebuild renders only what changed.

A unit's key (see render.Unit) is a SHA-256 of everything its output can depend on:
coursebuilder's own files and the versions of the libraries that render, every file of the theme
(and of the built-in theme it falls back on), SOURCE_DATE_EPOCH, the format and edition, a
plug-in renderer's own package (its name, version and files), the fonts installed on the machine for
the formats that lay text out with them (PDF, decks, and any plug-in), and
- for a module's output: the course settings (course.yaml as read, except its list of modules) and
  the module's files (module.yaml, its Markdown, its pictures);
- for a course-level output (the course index, the course handbook): all the course settings and
  every module's files, in course order.
So adding, removing or reordering modules renders only the course-level outputs again.

The cache remembers, per format, each unit's key and the SHA-256 of every file the unit wrote
(`<out>/.cache/<format>.json`). A unit is skipped only when its key is unchanged *and* its files
in the output folder still hold exactly those bytes; anything else renders again. So a damaged,
edited or deleted output is rebuilt, and deleting `.cache/` costs one full build, nothing more.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__, render
from .checks.text import Comment, Place
from .diagnostics import Diagnostic
from .load import LoadedCourse, LoadedModule
from .output import atomic_write
from .project import MODULE_FILE
from .render import COURSE, MODULE, Unit
from .themes import Theme

CACHE_DIR = ".cache"
FORMAT_VERSION = 1  # of the cache files themselves
# Libraries whose output lands in ours: a new version may lay out or encode differently.
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "python-pptx", "markdown-it-py", "mdit-py-plugins", "nh3",
             "jinja2", "rcssmin", "rjsmin", "pydantic", "ruamel.yaml")


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _hasher(*parts: str) -> hashlib._Hash:  # typeshed's name for a hash object (only in annotations)
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest


def _add_files(digest: hashlib._Hash, files: Iterable[tuple[str, Path]]) -> None:
    for name, path in files:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(file_digest(path).encode("ascii") + b"\0")


def _tree(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    return [(path.relative_to(folder).as_posix(), path) for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """coursebuilder's own files (code, templates, the SCORM runtime) and its libraries' versions."""
    digest = _hasher(__version__)
    _add_files(digest, [(name, path) for name, path in _tree(Path(__file__).parent) if not name.endswith(".pyc")])
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library} missing\0".encode())
    return digest.hexdigest()


def renderer_fingerprint(fmt: str) -> str:
    """A plug-in renderer (entry point group `coursebuilder.renderers`): the name and version of the
    package that installed it and every file of the top-level package its class lives in, so that
    editing or upgrading it renders its outputs again. "" for coursebuilder's own renderers, which
    code_fingerprint covers."""
    if render.builtin(fmt):
        return ""
    cls = render.renderer_class(fmt)
    installed = render.distribution(fmt)
    digest = _hasher(fmt, f"{cls.__module__}:{cls.__qualname__}",
                     "{}=={}".format(*installed) if installed else "not installed as a package")
    top = cls.__module__.partition(".")[0]
    package = sys.modules[top]
    folders = getattr(package, "__path__", None)
    if folders is not None:
        for folder in sorted(folders):
            _add_files(digest, [(f"{top}/{name}", path) for name, path in _tree(Path(folder))
                                if not name.endswith(".pyc")])
    elif file := getattr(package, "__file__", None):
        _add_files(digest, [(top, Path(file))])
    return digest.hexdigest()


# Formats whose output depends on the fonts installed on the machine: WeasyPrint finds fonts through
# fontconfig, and decks measure text with DejaVu Sans from the system's font folders. A plug-in
# renderer may use fonts too, so its outputs follow them as well.
FONT_FORMATS = frozenset({"pdf", "pptx"})
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
                "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")


def fonts_fingerprint() -> str:
    """The fonts this machine has: every font file fontconfig lists (else every file in the usual font
    folders), with its family, style, size and modification time. About 10 ms for 200 fonts."""
    digest = _hasher("fonts")
    for line in sorted(set(_font_list())):
        file = line.partition("|")[0]
        try:
            stat = os.stat(file)
            digest.update(f"{line}|{stat.st_size}|{stat.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{line}|missing\0".encode())
    return digest.hexdigest()


def _font_list() -> list[str]:
    """`file|family|style` for each font fontconfig knows; just the files when fontconfig is missing."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            listed = subprocess.run([fc_list, "--format", "%{file}|%{family}|%{style}|%{index}\n"],
                                    capture_output=True, text=True, errors="replace", timeout=120, check=True)
            return listed.stdout.splitlines()
        except (OSError, subprocess.SubprocessError):
            pass
    return [str(path) for folder in FONT_FOLDERS for path in Path(folder).expanduser().rglob("*")
            if path.is_file()]


def theme_fingerprint(theme: Theme) -> str:
    digest = _hasher(theme.name)
    # Named relative to each folder, so that moving the project or coursebuilder changes no key.
    for label, folder in zip(("theme", "built-in"), theme.folders):
        _add_files(digest, [(f"{label}/{name}", path) for name, path in _tree(folder)])
    for label, extra in (("logo", theme.logo), ("deck", theme.pptx_template)):  # may lie outside the theme
        if extra is not None and extra.is_file():
            _add_files(digest, [(label, extra)])
    return digest.hexdigest()


def module_inputs(course: LoadedCourse, module: LoadedModule) -> list[tuple[str, Path]]:
    """Every file a module's output is made from, named as the project shows it."""
    files = [module.folder / MODULE_FILE, *(document.file for document in module.documents.values()),
             *module.images.values(), *(file for document in module.documents.values()
                                        for file in document.images.values())]
    return [(course.project.display(file), file) for file in dict.fromkeys(files)]


class Keys:
    """Computes each unit's key; files are read once per build."""

    def __init__(self, course: LoadedCourse, theme: Theme | None):
        self.course = course
        self.theme = theme  # None only when the theme could not be loaded: then nothing renders
        self._common: hashlib._Hash | None = None  # what every unit's key starts from, hashed once
        settings = course.meta.model_dump(mode="json")
        self._course = json.dumps(settings, sort_keys=True)
        settings.pop("modules")
        self._settings = json.dumps(settings, sort_keys=True)
        self._modules: dict[str, str] = {}
        self._renderers: dict[str, str] = {}
        self._fonts: str | None = None  # listed once per build, and only when a format uses fonts

    def _module(self, slug: str) -> str:
        if slug not in self._modules:
            digest = _hasher(slug)
            _add_files(digest, module_inputs(self.course, self.course.module(slug)))
            self._modules[slug] = digest.hexdigest()
        return self._modules[slug]

    def check_key(self, slug: str, today: date) -> str:
        """What one module's check findings depend on: not the theme, but all the course settings
        (the `checks:` settings and the project's own terms are among them) and the date."""
        return _hasher(str(FORMAT_VERSION), code_fingerprint(), self._course, self._module(slug),
                       today.isoformat()).hexdigest()

    def key(self, unit: Unit) -> str:
        if self._common is None:
            assert self.theme is not None, "nothing renders without a theme"  # build() stops before asking
            # SOURCE_DATE_EPOCH sets the times written into zips and PDFs (see zips.py).
            self._common = _hasher(str(FORMAT_VERSION), code_fingerprint(), theme_fingerprint(self.theme),
                                   os.environ.get("SOURCE_DATE_EPOCH", "").strip())
        digest = self._common.copy()
        digest.update(f"{unit.id}\0{unit.scope}\0".encode())
        if unit.format not in self._renderers:
            self._renderers[unit.format] = renderer_fingerprint(unit.format)
        plugin = self._renderers[unit.format]
        digest.update(f"{plugin}\0".encode())
        if unit.format in FONT_FORMATS or plugin:
            if self._fonts is None:
                self._fonts = fonts_fingerprint()
            digest.update(f"{self._fonts}\0".encode())
        if unit.scope == MODULE:
            digest.update(f"{self._settings}\0{self._module(unit.slug)}".encode())
        elif unit.scope == COURSE:
            digest.update(f"{self._course}\0".encode())
            for module in self.course.modules:
                digest.update(f"{module.slug}:{self._module(module.slug)}\0".encode())
        return digest.hexdigest()


class Manifest:
    """What the cache knows of one format: per unit id, its key and the files it wrote with their hashes."""

    def __init__(self, out_root: Path, fmt: str):
        self.file = out_root / CACHE_DIR / f"{fmt}.json"
        self.entries: dict[str, dict] = self._read()

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no cache, or a damaged one: everything renders
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("units"), dict):
            return {}
        return data["units"]

    def up_to_date(self, unit: Unit, key: str, folder: Path) -> list[str] | None:
        """The unit's files when its output in `folder` is exactly what `key` rendered, else None."""
        entry = self.entries.get(unit.id)
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("files"), dict):
            return None
        files: dict[str, str] = entry["files"]
        for relative, digest in files.items():
            path = folder / relative
            if not path.is_file() or path.is_symlink() or file_digest(path) != digest:
                return None
        return list(files)

    def record(self, unit: Unit, key: str, files: dict[str, str]) -> None:
        self.entries[unit.id] = {"key": key, "files": dict(sorted(files.items()))}

    def forget(self, unit_ids: Iterable[str]) -> None:
        for unit_id in unit_ids:
            self.entries.pop(unit_id, None)

    def save(self) -> None:
        data = {"version": FORMAT_VERSION, "units": dict(sorted(self.entries.items()))}
        atomic_write(self.file, json.dumps(data, indent=1) + "\n")


class CheckCache:
    """Each module's check findings, kept by everything they depend on (coursebuilder itself, the
    course settings, the module's files and the date review dates are compared with): once nothing
    needs rendering, checking every module is most of a rebuild's time.

    Kept in `<out>/.cache/checks.json`; a damaged or missing file only means checking again.
    """

    def __init__(self, out_root: Path, keys: Keys):
        self.file = out_root / CACHE_DIR / "checks.json"
        self.keys = keys
        self.entries = self._read()
        self.used: dict[str, list] = {}

    def _read(self) -> dict[str, list]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("modules"), dict):
            return {}
        return data["modules"]

    def key(self, item: tuple) -> str:
        slug, today, _settings = item  # the settings come from the course, which the key covers
        return self.keys.check_key(slug, today)

    def each(self, run):
        """An `each` for run_checks that takes cached results and runs only the rest, through `run`."""

        def each(function, items: list) -> list:
            keys = [self.key(item) for item in items]
            cached = [self._cached(key) for key in keys]
            fresh = iter(run(function, [item for item, found in zip(items, cached) if found is None]))
            results = []
            for key, found in zip(keys, cached):
                result = found if found is not None else next(fresh)
                self.used[key] = _encode(result)
                results.append(result)
            return results

        return each

    def _cached(self, key: str):
        try:
            return _decode(self.entries[key])
        except (KeyError, TypeError, ValueError):  # not there, or damaged: check again
            return None

    def save(self) -> None:
        """Keep only what this build used: the modules as they are now."""
        atomic_write(self.file, json.dumps({"version": FORMAT_VERSION, "modules": self.used}) + "\n")


def _encode(result: tuple[list[Diagnostic], list[Comment]]) -> list:
    findings, comments = result
    return [[asdict(d) for d in findings], [asdict(c) for c in comments]]


def _decode(entry: list) -> tuple[list[Diagnostic], list[Comment]]:
    findings, comments = entry
    return ([Diagnostic(**d) for d in findings],
            [Comment(c["text"], Place(**c["place"]), c["first_line"], c["last_line"]) for c in comments])
