"""The course's `lms:` setting and what every platform needs.

- Moodle and Totara (the default): no score before the module is complete, so Moodle's "mastery score
  overrides status" (on as it comes) cannot mark a learner passed while they are still working through;
  `generic` reports the score as soon as every question is answered.
- suspend_data: the longest a module's progress can ever be (every page visited, every answer chosen,
  999 tries) is worked out at build time, exactly as the runtime writes it, and a module that could
  need more than SCORM 1.2's 4,096 characters stops the build with a clear message.
- `lms: learning-hub`: beside each package, what the NHS Learning Hub's upload form asks for.
"""

from __future__ import annotations

import json
import shutil

import pytest

from coursebuilder.errors import CourseError
from coursebuilder.load import load_course
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.render import RenderJob
from coursebuilder.render.scorm import SCORE_WHEN_ANSWERED, suspend_worst_case
from coursebuilder.render.scorm_content import module_content
from coursebuilder.render.scorm_manifest import SCORM12
from coursebuilder.themes import load_theme

from .conftest import FIXTURES, REPO
from .test_scorm_runtime import (PACKAGES, Learner, lms_site, package_config, pass_mark, question_ids,  # noqa: F401
                                 worst_progress, wrapper)


def fixture_course(tmp_path, **changes: str):
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", project)
    for name, (old, new) in changes.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return project


def contents(project):
    course = load_course(Project.find(project)).course
    job = RenderJob(course, load_theme(Project.find(project), course.meta.theme))
    return {module.slug: module_content(job, module) for module in course.modules}


@pytest.mark.slow
def test_every_bundled_module_fits_scorm_12_suspend_data_at_its_worst():
    worst = {slug: len(suspend_worst_case(content)) for slug, content in contents(REPO).items()}
    print("\nworst-case suspend_data, characters:", json.dumps(worst, indent=1))
    assert worst and max(worst.values()) <= SCORM12.suspend_limit


def test_a_module_that_could_overflow_suspend_data_stops_the_build(tmp_path):
    question = ("          - question: Which is right?\n            options:\n" +
                "".join(f"              - {{text: Answer {n}, correct: {'true' if n == 1 else 'false'}, "
                        f"feedback: Feedback {n}.}}\n" for n in range(1, 10)))
    project = fixture_course(tmp_path, **{"modules/demo/module.yaml": (
        "        questions:\n", "        questions:\n" + question * 200)})
    assert len(suspend_worst_case(contents(project)["demo"])) > SCORM12.suspend_limit
    with pytest.raises(CourseError) as raised:
        build(Project.find(project), formats=["scorm"], out=tmp_path / "out")
    assert "4,096" in raised.value.message and "module demo" in raised.value.message
    assert "split the module" in raised.value.hint
    assert not (tmp_path / "out" / "scorm").exists()  # nothing half made


def test_the_score_waits_for_completion_except_on_a_generic_platform(tmp_path):
    for lms, waits in (("moodle", True), ("totara", True), ("learning-hub", True), ("generic", False)):
        assert (lms not in SCORE_WHEN_ANSWERED) is waits
    project = fixture_course(tmp_path, **{"course.yaml": ("mastery_score: 80\n", "mastery_score: 80\nlms: generic\n")})
    build(Project.find(project), formats=["scorm"], out=tmp_path / "out")
    import zipfile
    launch = zipfile.ZipFile(tmp_path / "out" / "scorm" / "demo-scorm12.zip").read("scorm.html").decode()
    assert '"scoreWhenComplete": false' in launch


def test_an_unknown_platform_is_a_located_error(tmp_path, run):
    project = fixture_course(tmp_path, **{"course.yaml": ("mastery_score: 80\n", "mastery_score: 80\nlms: blackboard\n")})
    result = run(project, "check")
    assert result.exit_code == 1
    assert "course.yaml:6" in result.output and "lms" in result.output


def test_the_learning_hub_sheet_gives_what_its_upload_form_asks_for(tmp_path):
    project = fixture_course(tmp_path, **{"course.yaml": ("mastery_score: 80\n",
                                                          "mastery_score: 80\nlms: learning-hub\n")})
    build(Project.find(project), formats=["scorm"], out=tmp_path / "out")
    folder = tmp_path / "out" / "scorm"
    assert sorted(p.name for p in folder.iterdir()) == ["demo-learning-hub.txt", "demo-scorm12.zip",
                                                        "demo-scorm2004.zip"]
    sheet = (folder / "demo-learning-hub.txt").read_text(encoding="utf-8")
    module = load_course(Project.find(project)).course.modules[0].meta
    fields = dict(line.split(": ", 1) for line in sheet.splitlines()[2:] if ": " in line)
    assert fields["File to upload"].startswith("demo-scorm12.zip")
    assert fields["Title"] == module.title
    assert fields["Description"].startswith(module.summary)
    assert fields["Keywords"] == ", ".join(section.title for section in module.sections)
    assert fields["Authors"] == ", ".join(module.authors)
    assert fields["Licence"] == module.licence
    assert fields["Sensitive content"].startswith("Yes.")
    assert all(topic in fields["Sensitive content"] for topic in module.content_note.topics)
    assert fields["Certificate"].startswith("optional")
    # Not for other platforms.
    other = fixture_course(tmp_path / "other")
    build(Project.find(other), formats=["scorm"], out=tmp_path / "other-out")
    assert not list((tmp_path / "other-out" / "scorm").glob("*.txt"))


def test_in_moodle_no_score_is_sent_before_the_module_is_complete(browser, lms_site):
    """Every question answered (all right) but one section not yet visited: still incomplete, and no
    score for Moodle to turn into "passed"; visiting it completes the module with the score."""
    root, _ = lms_site
    config = package_config(root, PACKAGES["1.2"])
    assert config["scoreWhenComplete"] is True  # the bundled course leaves lms: at its default
    questions = [q for s in config["sections"] for q in question_ids(s)]
    answers = {q: {"chosen": ["1"], "correct": True, "tries": 1} for q in questions}
    unread = next(s["page"] for s in config["sections"] if not s["tracked"])
    learner = Learner(browser, lms_site, "1.2", pass_mark(root, "1.2"))
    pages = [p for p in config["pages"] if p != unread]
    wrapper(learner).evaluate("([visited, answers]) => coursebuilderLMS.record({visited, answers, last: visited[1]})",
                              [pages, answers])
    scored = learner.page.evaluate("lms.calls").copy()
    assert not [c for c in scored if c[0] == "cmi.core.score.raw"]
    assert learner.page.evaluate("lmsApi.cmi.core.lesson_status") == "incomplete"
    wrapper(learner).evaluate("([visited, answers]) => coursebuilderLMS.record({visited, answers, last: visited[1]})",
                              [config["pages"], answers])
    flat = learner.leave()["flat"]
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")


@pytest.mark.parametrize("edition", list(PACKAGES))
def test_the_runtime_writes_exactly_the_worst_case_the_build_measured(browser, lms_site, bundled_build, edition):
    root, _ = lms_site
    config = package_config(root, PACKAGES[edition])
    expected = suspend_worst_case(contents(REPO)["space-to-think"])
    learner = Learner(browser, lms_site, edition, pass_mark(root, edition))
    wrapper(learner).evaluate("progress => coursebuilderLMS.record(progress)", worst_progress(config))
    flat = learner.leave()["flat"]
    # The same visited pages in the runtime's order may differ from the build's; the length may not.
    assert len(flat["cmi.suspend_data"]) == len(expected)
    assert flat["cmi.suspend_data"].split("|")[0] == expected.split("|")[0]  # the same structure hash
