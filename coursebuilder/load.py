"""Load a course: course.yaml, then each module's YAML and the Markdown and pictures it names.

Every problem found is collected as a located Diagnostic; nothing stops at the first error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity, did_you_mean
from .errors import CourseError, ResolveError
from .markdown import find_images, find_raw_pictures, find_unsafe_links
from .model import SLUG_RE, Course, Module, Quote, value_at, words_in
from .project import MODULE_FILE, Project
from .source import Loc, SourceError, YamlDocument, load_yaml, read_text
from .validate import validate

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


@dataclass
class Document:
    """A Markdown file named by module.yaml."""

    path: str  # as shown to the author
    file: Path
    text: str
    images: dict[str, Path] = field(default_factory=dict)  # picture name as written → file


@dataclass
class LoadedModule:
    slug: str
    folder: Path
    meta: Module
    yaml: YamlDocument
    documents: dict[str, Document] = field(default_factory=dict)  # keyed by name as written in YAML
    images: dict[str, Path] = field(default_factory=dict)  # image block `src` as written → file

    def document(self, name: str | None) -> Document | None:
        return self.documents.get(name) if name else None

    def asset_name(self, file: Path) -> str:
        """Where a picture goes in this module's output folder (stable, relative, no `..`)."""
        try:
            return file.relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return "_shared/" + file.name


@dataclass
class LoadedCourse:
    project: Project
    meta: Course
    yaml: YamlDocument
    modules: list[LoadedModule]  # the requested modules, in course order
    complete: bool  # True when every module of the course was loaded

    def module(self, slug: str) -> LoadedModule:
        return next(m for m in self.modules if m.slug == slug)


@dataclass
class LoadResult:
    course: LoadedCourse | None
    diagnostics: list[Diagnostic]


def load_course(project: Project, slugs: list[str] | None = None) -> LoadResult:
    diagnostics: list[Diagnostic] = []
    course_path = project.display(project.course_file)
    try:
        doc = load_yaml(read_text(project.course_file, course_path))
    except SourceError as exc:
        return LoadResult(None, [exc.diagnostic])
    course, problems = validate(Course, doc)
    diagnostics += problems
    # Even when course.yaml has mistakes, load the modules it lists, so that one `check`
    # reports every problem in the project.
    listed = course.modules if course else _listed_modules(doc)
    wanted = _requested(listed, slugs)
    diagnostics += _unlisted_folders(project, listed, doc)
    modules: list[LoadedModule] = []
    for index, slug in enumerate(listed):
        if slug not in wanted:
            continue
        folder = project.module_dir(slug)
        loc: Loc = ("modules", index)
        if not folder.is_dir():
            diagnostics.append(_at(doc, loc, "module-missing", f'module "{slug}" has no folder {project.display(folder)}/',
                                   f"create it with `coursebuilder new {slug}`, or correct the name"))
            continue
        if not (folder / MODULE_FILE).is_file():
            diagnostics.append(_at(doc, loc, "module-missing",
                                   f'module folder {project.display(folder)}/ has no {MODULE_FILE}',
                                   f"add {MODULE_FILE} to the folder (see docs/module-format.md)"))
            continue
        module, problems = load_module(project, slug)
        diagnostics += problems
        if module is not None:
            modules.append(module)
    if course is None:
        return LoadResult(None, diagnostics)
    loaded = LoadedCourse(project, course, doc, modules, complete=set(wanted) == set(course.modules))
    return LoadResult(loaded, diagnostics)


def _listed_modules(doc: YamlDocument) -> list[str]:
    listed = doc.data.get("modules") if isinstance(doc.data, dict) else None
    if not isinstance(listed, list):
        return []
    return [slug for slug in listed if isinstance(slug, str) and SLUG_RE.match(slug)]


def _requested(listed: list[str], slugs: list[str] | None) -> list[str]:
    if not slugs:
        return list(listed)
    for slug in slugs:
        if slug not in listed:
            suggestion = did_you_mean(slug, listed)
            raise CourseError(
                f'there is no module "{slug}" in course.yaml',
                f'did you mean "{suggestion}"?' if suggestion else
                "the course lists: " + ", ".join(listed),
            )
    return list(dict.fromkeys(slugs))


def _unlisted_folders(project: Project, listed: list[str], doc: YamlDocument) -> list[Diagnostic]:
    if not project.modules_dir.is_dir():
        return []
    found = []
    for folder in sorted(project.modules_dir.iterdir()):
        if folder.is_dir() and not folder.name.startswith((".", "_")) and folder.name not in listed:
            line, column = doc.position(("modules",), at_key=True)
            found.append(Diagnostic(
                doc.path, line, column, "warning", "module-unlisted",
                f"the folder {project.display(folder)}/ is not listed in `modules`, so it is not built",
                f"add {folder.name} to `modules` in course.yaml, or move the folder out of modules/",
            ))
    return found


def load_module(project: Project, slug: str) -> tuple[LoadedModule | None, list[Diagnostic]]:
    folder = project.module_dir(slug)
    yaml_file = folder / MODULE_FILE
    try:
        doc = load_yaml(read_text(yaml_file, project.display(yaml_file)))
    except SourceError as exc:
        return None, [exc.diagnostic]
    meta, diagnostics = validate(Module, doc)
    # Files are followed from the raw data, so a missing file is reported together with any
    # other mistakes in the YAML, not only once those are fixed.
    documents, images, problems = _load_files(project, folder, doc)
    diagnostics += problems
    if meta is None:
        return None, diagnostics
    module = LoadedModule(slug, folder, meta, doc, documents, images)
    for s, section in enumerate(meta.sections):
        for number_index, number in enumerate(section.outcomes):
            if number > len(meta.outcomes):
                diagnostics.append(_at(
                    doc, ("sections", s, "outcomes", number_index), "outcome-number",
                    f'section "{section.title}": outcome {number} does not exist '
                    f"(the module has {len(meta.outcomes)} outcome{'s' if len(meta.outcomes) != 1 else ''})",
                    f"use numbers from 1 to {len(meta.outcomes)}",
                ))
        for b, block in enumerate(section.blocks):
            if isinstance(block, Quote) and block.source and meta.reference(block.source) is None:
                diagnostics.append(_quote_source(doc, meta, ("sections", s, "blocks", b, "source"), section.title,
                                                 block.source))
            for loc, text in _markdown_fields(block):
                if find_images(text):
                    key = loc[-1] if isinstance(loc[-1], str) else loc[-2]
                    diagnostics.append(_at(doc, ("sections", s, "blocks", b, *loc), "image-in-text",
                                           f'section "{section.title}": pictures cannot go inside `{key}`',
                                           "add an `image` block after this one instead"))
    seen: dict[str, int] = {}
    for r, ref in enumerate(meta.references):
        if ref.id in seen:
            diagnostics.append(_at(doc, ("references", r, "id"), "reference-id",
                                   f'two references have the id "{ref.id}" (references {seen[ref.id] + 1} '
                                   f"and {r + 1})", "give each reference its own id"))
        elif ref.id:
            seen[ref.id] = r
    return module, diagnostics


def _quote_source(doc: YamlDocument, meta: Module, loc: Loc, section: str, source: str) -> Diagnostic:
    ids = [ref.id for ref in meta.references if ref.id]
    suggestion = did_you_mean(source, ids)
    if suggestion:
        hint = f'did you mean "{suggestion}"?'
    elif ids:
        hint = "use the id of one of this module's references: " + ", ".join(ids)
    else:
        hint = f"add the work the quote comes from to `references`, with `id: {source}`"
    return _at(doc, loc, "quote-source", f'section "{section}": the quote\'s source "{source}" is not the id '
               "of any reference in this module", hint)


def _load_files(project: Project, folder: Path, doc: YamlDocument):
    documents: dict[str, Document] = {}
    images: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        label = f'section "{section["title"]}": ' if isinstance(section.get("title"), str) else f"section {s + 1}: "
        for key in ("body", "facilitator_notes"):
            name = section.get(key)
            if isinstance(name, str) and name.strip() and name not in documents:
                document, found = _load_document(project, folder, name, doc, ("sections", s, key), label)
                problems += found
                if document:
                    documents[name] = document
        blocks = section.get("blocks")
        for b, block in enumerate(blocks if isinstance(blocks, list) else []):
            if isinstance(block, dict) and block.get("type") == "image" and isinstance(block.get("src"), str):
                try:
                    images[block["src"]] = _resolve_picture(project, block["src"], folder)
                except ResolveError as exc:
                    problems.append(_at(doc, ("sections", s, "blocks", b, "src"), exc.code,
                                        label + exc.message, exc.hint))
    return documents, images, problems


def _markdown_fields(block: Any) -> list[tuple[tuple, str]]:
    """(path, text) of each Markdown field of a block, however deep (a branching step's text), as the model
    marks them."""
    return [(loc, value_at(block, loc)) for loc, kind in words_in(block) if kind == "markdown"]


def _load_document(project: Project, folder: Path, name: str, doc: YamlDocument, loc: Loc, label: str):
    try:
        file = project.resolve(name, folder)
    except ResolveError as exc:
        return None, [_at(doc, loc, exc.code, label + exc.message, exc.hint)]
    if file.suffix.lower() not in (".md", ".markdown"):
        return None, [_at(doc, loc, "not-markdown", f'{label}"{name}" is not a Markdown file', "name a .md file")]
    try:
        text = read_text(file, project.display(file))
    except SourceError as exc:
        return None, [exc.diagnostic]
    document = Document(text.path, file, text.text)
    pictures = find_images(text.text)
    picture_places = {(ref.line, ref.column) for ref in pictures}  # their addresses are errors, below
    problems = [
        Diagnostic(text.path, line, column, "error", "raw-image",
                   "an HTML <img> tag cannot show a picture here",
                   "write pictures in Markdown instead, like ![what it shows](images/ward.png)")
        for line, column in find_raw_pictures(text.text)
    ] + [
        # A warning, not an error: every output already drops such links, so the build is safe.
        Diagnostic(text.path, line, column, "warning", "unsafe-link",
                   f'a link to a "{scheme}" address is removed from every output, for safety',
                   "link only to web pages (https://…) or email addresses (mailto:…)")
        for line, column, scheme in find_unsafe_links(text.text) if (line, column) not in picture_places
    ]
    for ref in pictures:
        try:
            document.images[ref.src] = _resolve_picture(project, ref.src, file.parent)
        except ResolveError as exc:
            problems.append(Diagnostic(text.path, ref.line, ref.column, "error", exc.code, exc.message, exc.hint))
    return document, problems


def _resolve_picture(project: Project, src: str, relative_to: Path) -> Path:
    """The project file a picture names. Every other address (web, file:, data:, //host, an absolute
    path) is a located error with the same fix: save the picture into the project."""
    if src.strip().startswith(("//", "\\\\")):  # a web address without its scheme, or a network share
        raise ResolveError(
            "url", f'"{src}" is a web or other address; coursebuilder only uses files in your project',
            "save the file into the module folder and write its name, like images/ward.png",
        )
    file = project.resolve(src, relative_to)
    if file.suffix.lower() not in IMAGE_SUFFIXES:
        raise ResolveError(
            "image-type", f'"{src}" is not a picture coursebuilder can use',
            "save it as PNG, JPEG, GIF, WebP or SVG",
        )
    return file


def _at(doc: YamlDocument, loc: Loc, code: str, message: str, hint: str | None,
        severity: Severity = "error") -> Diagnostic:
    line, column = doc.position(loc)
    return Diagnostic(doc.path, line, column, severity, code, message, hint)
