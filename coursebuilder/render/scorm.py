"""SCORM packages for an LMS (build/scorm/): per module `<slug>-scorm12.zip` and `<slug>-scorm2004.zip`.

Each package holds the module's e-learning pages (the HTML renderer's, standalone), a launch page
(scorm.html) that finds the LMS, hosts the pages in a frame and reports progress, completion,
score and time, plus imsmanifest.xml and metadata.xml. The score counts every knowledge-check
question (choose, put in order, match) and each branching scenario marked `scored`; each answer
checked and each scenario ending reached is also an interaction record (cmi.interactions), in the
numbers and letters described in scorm.js. Reflections, written answers and self-ratings never
leave the browser.

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
from ..outline import Tracked
from .scorm_content import Item, ModuleContent, module_content
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
    scored = bool(content.scored)
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


def tracked_config(item: Item) -> dict:
    """One question or scenario as scorm.js reads it (see outline.Tracked)."""
    tracked = item.tracked
    found = {"id": tracked.id, "kind": tracked.kind, "size": tracked.size, "scored": tracked.scored,
             "correct": list(item.best if tracked.kind == "path" else tracked.correct), "text": item.text}
    if tracked.kind == "choice":
        found["multiple"] = tracked.multiple
    if tracked.kind == "path":
        found["endings"] = list(item.endings)
    return found


def runtime_config(edition: Edition, info: PackageInfo, content: ModuleContent, lms: str = "moodle") -> dict:
    """What scorm.js needs to know about the module; it is written into the launch page."""
    return {
        "edition": edition.runtime,
        "folder": content.slug,
        "language": info.language,
        "pages": list(content.pages),
        "sections": [{"page": section.page, "objective": objective,
                      "tracked": [tracked_config(item) for item in section.items]}
                     for section, objective in zip(content.sections, info.section_objectives)],
        "mastery": info.mastery_score,
        "suspendLimit": edition.suspend_limit,
        # Moodle and Totara recompute passed or failed from any raw score they are given ("mastery score
        # overrides status", on by default): a score before the module is complete would end it early.
        "scoreWhenComplete": lms not in SCORE_WHEN_ANSWERED,
    }


FORMAT_VERSION = "2"  # scorm.js's FORMAT starts with it; "1" had choice questions only
PATH_KEPT = 2  # a scenario's path keeps at most PATH_KEPT × steps entries; a longer one loses its loops (scorm.js)
MOST_TRIES = 999  # the most tries kept for a question (as scorm.js)


def structure_text(content: ModuleContent) -> str:
    """What scorm.js's FORMAT hashes: the page names, and each tracked item's id, kind and size."""
    return " ".join([*content.pages, *(f"{i.tracked.id}:{i.tracked.kind}:{i.tracked.size}" for i in content.items)])


def _structure_hash(content: ModuleContent) -> str:
    """scorm.js's FORMAT: the format's version and a hash of structure_text (see encode there)."""
    text = structure_text(content).encode("utf-16-le")
    value = 5381
    for index in range(0, len(text), 2):  # UTF-16 code units, as JavaScript's charCodeAt
        value = (value * 33 + int.from_bytes(text[index:index + 2], "little")) & 0xFFFFFFFF
    digits = ""
    while True:
        value, digit = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not value:
            return f"{FORMAT_VERSION}.{digits}"


def _worst_item(number: int, tracked: Tracked) -> str:
    """The longest token scorm.js can write for one tracked item (see encode there)."""
    size = tracked.size
    if tracked.kind == "path":
        # Loops make a path as long as the learner likes: a path longer than PATH_KEPT × steps is kept
        # with its loops taken out (no more entries than steps); at worst each is the largest step number.
        return f"{number}:w:{'+'.join([str(size)] * (PATH_KEPT * size))}:w"
    if tracked.kind == "match":  # a match for each item, any of them, even the same one each time
        chosen = [str(size)] * size
    else:  # choice: every answer, each once; order: every step, each once
        chosen = [str(value) for value in range(1, size + 1)]
    return f"{number}:w:{'+'.join(chosen)}:{MOST_TRIES}"


def suspend_worst_case(content: ModuleContent) -> str:
    """The longest suspend_data scorm.js can write for this module: every page visited, every question
    answered with the longest answer it keeps and the most tries, every scenario's path at the most
    steps kept, each the largest step number."""
    visited = ",".join(str(number) for number in range(len(content.pages)))
    items = ",".join(_worst_item(number, item.tracked) for number, item in enumerate(content.items))
    return f"{_structure_hash(content)}|{visited}|{items}"


def check_suspend_data(module: LoadedModule, content: ModuleContent) -> None:
    worst = len(suspend_worst_case(content))
    if worst > SCORM12.suspend_limit:
        raise CourseError(
            f"module {module.slug}: a learner's progress could need {worst:,} characters of SCORM suspend_data, "
            f"more than the {SCORM12.suspend_limit:,} that SCORM 1.2 platforms keep; some cut it short without a "
            "word, and the learner would start again from the beginning",
            "split the module into two, or give it fewer knowledge check questions, answers to choose from or "
            "scenario steps",
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
