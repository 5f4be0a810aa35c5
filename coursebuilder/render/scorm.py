"""SCORM packages for an LMS (build/scorm/): per module `<slug>-scorm12.zip` and `<slug>-scorm2004.zip`.

Each package holds the module's e-learning pages (the HTML renderer's, standalone), a launch page
(scorm.html) that finds the LMS, hosts the pages in a frame and reports progress, completion,
score and time, plus imsmanifest.xml and metadata.xml. Reflections never leave the browser.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..load import LoadedCourse, LoadedModule
from ..output import Stage
from . import Renderer, RenderJob, Unit
from ..provenance import provenance
from .templating import slugify
from .scorm_content import ModuleContent, module_content
from .scorm_manifest import EDITIONS, LAUNCH, MANIFEST, METADATA, Edition, PackageInfo, manifest_xml, metadata_xml
from .zips import deterministic_zip

RUNTIME = Path(__file__).parent / "scorm_runtime"
RUNTIME_SCRIPT = "scorm.js"


def package_name(slug: str, edition: Edition) -> str:
    return f"{slug}-{edition.key}.zip"


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


def runtime_config(edition: Edition, info: PackageInfo, content: ModuleContent) -> dict:
    """What scorm.js needs to know about the module; it is written into the launch page."""
    return {
        "edition": edition.runtime,
        "folder": content.slug,
        "pages": list(content.pages),
        "sections": [{"page": section.page, "objective": objective, "questions": list(section.questions)}
                     for section, objective in zip(content.sections, info.section_objectives)],
        "mastery": info.mastery_score,
        "suspendLimit": edition.suspend_limit,
    }


class ScormRenderer(Renderer):
    name = "scorm"
    summary = "SCORM 1.2 and SCORM 2004 packages for an LMS such as Moodle or Totara (build/scorm/)"

    def owns(self, slug: str, relative: str) -> bool:
        return relative in {package_name(slug, edition) for edition in EDITIONS}

    def render_unit(self, job: RenderJob, unit: Unit, out: Stage) -> None:
        # Both editions of a module are one unit: they share the rendered pages, the costly part.
        templates = Environment(loader=FileSystemLoader(str(RUNTIME)), autoescape=select_autoescape(default=True),
                                undefined=StrictUndefined, keep_trailing_newline=True)
        script = (RUNTIME / RUNTIME_SCRIPT).read_bytes()
        module = job.course.module(unit.slug)
        content = module_content(job, module)
        info = package_info(job.course, module, content)
        for edition in EDITIONS:
            launch = templates.get_template("launch.html").render(
                language=job.course.meta.language, title=module.meta.title, folder=module.slug,
                script=RUNTIME_SCRIPT, config=runtime_config(edition, info, content))
            files = {**content.files, LAUNCH: launch.encode("utf-8"), RUNTIME_SCRIPT: script}
            files[MANIFEST] = manifest_xml(edition, info, files)
            files[METADATA] = metadata_xml(edition, info)
            out.write(package_name(module.slug, edition), deterministic_zip(files, first=(MANIFEST,)))
