"""SCORM packages for an LMS (build/scorm/): per module `<slug>-scorm12.zip` and `<slug>-scorm2004.zip`.

Each package holds the module's e-learning pages (the HTML renderer's, standalone), a launch page
(scorm.html) that finds the LMS, hosts the pages in a frame and reports progress, completion,
score and time, plus imsmanifest.xml and metadata.xml. Reflections never leave the browser.

The course's `lms:` says which platform the packages are for (see model.Course.lms); with
`lms: learning-hub`, `<slug>-learning-hub.txt` beside the packages gives what the NHS Learning
Hub's upload form asks for. A module whose progress could ever need more suspend_data than SCORM
1.2 platforms keep (4,096 characters) stops the build: some platforms cut it short without a
word, and the learner would start again from the beginning.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..errors import CourseError
from ..load import LoadedCourse, LoadedModule
from ..output import Stage
from . import Renderer, RenderJob, Unit
from ..provenance import provenance
from .templating import slugify
from .scorm_content import ModuleContent, module_content
from .scorm_manifest import (EDITIONS, LAUNCH, MANIFEST, METADATA, SCORM12, Edition, PackageInfo, iso_duration,
                             manifest_xml, metadata_xml, package_title)
from .zips import deterministic_zip

RUNTIME = Path(__file__).parent / "scorm_runtime"
RUNTIME_SCRIPT = "scorm.js"


SCORE_WHEN_ANSWERED = {"generic"}  # platforms told the score as soon as every question is answered


def package_name(slug: str, edition: Edition) -> str:
    return f"{slug}-{edition.key}.zip"


def learning_hub_name(slug: str) -> str:
    return f"{slug}-learning-hub.txt"


def package_info(course: LoadedCourse, module: LoadedModule, content: ModuleContent) -> PackageInfo:
    meta = module.meta
    made = provenance(meta)
    scored = bool(content.questions)
    return PackageInfo(
        identifier=f"coursebuilder.{slugify(course.meta.title, 40)}.{module.slug}",
        title=meta.title,
        description=f"{meta.summary} {made.summary}",  # an LMS shows this: the approval state goes with it
        version=meta.version,
        draft=not made.approved,
        licence=meta.licence,
        language=course.meta.language,
        minutes=meta.minutes,
        mastery_score=course.meta.mastery_score if scored else None,
        module_objective=module.slug,
        section_objectives=tuple(section.page.removesuffix(".html") for section in content.sections),
    )


def runtime_config(edition: Edition, info: PackageInfo, content: ModuleContent, lms: str = "moodle") -> dict:
    """What scorm.js needs to know about the module; it is written into the launch page."""
    return {
        "edition": edition.runtime,
        "folder": content.slug,
        "pages": list(content.pages),
        "sections": [{"page": section.page, "objective": objective, "questions": list(section.questions),
                      "options": list(section.options)}
                     for section, objective in zip(content.sections, info.section_objectives)],
        "mastery": info.mastery_score,
        "suspendLimit": edition.suspend_limit,
        # Moodle and Totara recompute passed or failed from any raw score they are given ("mastery score
        # overrides status", on by default): a score before the module is complete would end it early.
        "scoreWhenComplete": lms not in SCORE_WHEN_ANSWERED,
    }


def _structure_hash(content: ModuleContent) -> str:
    """scorm.js's FORMAT: "1." and a hash of the page and question names (see encode there)."""
    text = " ".join([*content.pages, *content.questions]).encode("utf-16-le")
    value = 5381
    for index in range(0, len(text), 2):  # UTF-16 code units, as JavaScript's charCodeAt
        value = (value * 33 + int.from_bytes(text[index:index + 2], "little")) & 0xFFFFFFFF
    digits = ""
    while True:
        value, digit = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not value:
            return "1." + digits


def suspend_worst_case(content: ModuleContent) -> str:
    """The longest suspend_data scorm.js can write for this module: every page visited, every question
    answered with every option chosen and the most tries it keeps (999)."""
    options = [count for section in content.sections for count in section.options]
    visited = ",".join(str(number) for number in range(len(content.pages)))
    answers = ",".join(f"{number}:w:{'+'.join(str(value) for value in range(1, count + 1))}:999"
                       for number, count in enumerate(options))
    return f"{_structure_hash(content)}|{visited}|{answers}"


def check_suspend_data(module: LoadedModule, content: ModuleContent) -> None:
    worst = len(suspend_worst_case(content))
    if worst > SCORM12.suspend_limit:
        raise CourseError(
            f"module {module.slug}: a learner's progress could need {worst:,} characters of SCORM suspend_data, "
            f"more than the {SCORM12.suspend_limit:,} that SCORM 1.2 platforms keep; some cut it short without a "
            "word, and the learner would start again from the beginning",
            "split the module into two, or give it fewer knowledge check questions or answers to choose from",
        )


def learning_hub_sheet(course: LoadedCourse, module: LoadedModule, info: PackageInfo) -> str:
    """What the NHS Learning Hub's upload form asks for, from the module's own data, in plain text."""
    meta = module.meta
    topics = ", ".join(meta.content_note.topics)
    lines = [
        f"NHS Learning Hub: what the upload form asks for, for {meta.title}",
        "",
        f"File to upload: {package_name(module.slug, SCORM12)} (the Learning Hub takes SCORM 1.2)",
        f"Title: {package_title(SCORM12, info).removesuffix(' (SCORM 1.2)')}",
        f"Description: {info.description}",
        f"Keywords: {', '.join(section.title for section in meta.sections)}",
        f"Authors: {', '.join(meta.authors)}",
        f"Organisation: {course.meta.organisation}",
        f"Licence: {meta.licence}",
        f"Sensitive content: {'Yes' if topics else 'No'}. This module talks about {topics}.",
        "Certificate: optional. coursebuilder makes none; choose on the form whether the Learning Hub gives one "
        "on completion.",
        f"Time to complete: about {meta.minutes} minutes ({iso_duration(meta.minutes)})",
        f"Version: {meta.version}. Reviewed {meta.reviewed.isoformat()}, next review due {meta.next_review.isoformat()}.",
        f"Pass mark: {info.mastery_score}%." if info.mastery_score is not None else "Pass mark: none.",
        f"Audience: {', '.join(meta.audience)}",
        "",
    ]
    return "\n".join(lines)


class ScormRenderer(Renderer):
    name = "scorm"
    summary = "SCORM 1.2 and SCORM 2004 packages for an LMS such as Moodle or Totara (build/scorm/)"

    def owns(self, slug: str, relative: str) -> bool:
        return relative in {package_name(slug, edition) for edition in EDITIONS} | {learning_hub_name(slug)}

    def render_unit(self, job: RenderJob, unit: Unit, out: Stage) -> None:
        # Both editions of a module are one unit: they share the rendered pages, the costly part.
        templates = Environment(loader=FileSystemLoader(str(RUNTIME)), autoescape=select_autoescape(default=True),
                                undefined=StrictUndefined, keep_trailing_newline=True)
        script = (RUNTIME / RUNTIME_SCRIPT).read_bytes()
        module = job.course.module(unit.slug)
        content = module_content(job, module)
        info = package_info(job.course, module, content)
        check_suspend_data(module, content)
        lms = job.course.meta.lms
        for edition in EDITIONS:
            launch = templates.get_template("launch.html").render(
                language=job.course.meta.language, title=module.meta.title, folder=module.slug,
                script=RUNTIME_SCRIPT, config=runtime_config(edition, info, content, lms))
            files = {**content.files, LAUNCH: launch.encode("utf-8"), RUNTIME_SCRIPT: script}
            files[MANIFEST] = manifest_xml(edition, info, files)
            files[METADATA] = metadata_xml(edition, info)
            out.write(package_name(module.slug, edition), deterministic_zip(files, first=(MANIFEST,)))
        if lms == "learning-hub":
            out.write(learning_hub_name(module.slug), learning_hub_sheet(job.course, module, info).encode("utf-8"))
