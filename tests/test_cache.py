"""The build cache: a rebuild renders only what changed, and never keeps an output that is stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursebuilder import cache
from coursebuilder.pipeline import build
from coursebuilder.project import Project

FAST = ["html", "pptx", "scorm"]  # every format but PDF, which has its own test below
FIXTURE_THEME = Path(__file__).parent / "fixtures" / "pptx-theme"


@pytest.fixture
def course(make_project) -> Path:
    """The minimal fixture with a second module, so that one module can change while the other does not."""
    root = make_project("minimal")
    modules = root / "modules"
    shutil.copytree(modules / "demo", modules / "second")
    yaml = modules / "second" / "module.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("title: Demo module", "title: Second module"),
                    encoding="utf-8")
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("modules: [demo]", "modules: [demo, second]"),
                           encoding="utf-8")
    return root


def _build(root: Path, formats=FAST, **options):
    return build(Project.find(root), out=root / "build", formats=formats, jobs=1, **options)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_same_as_clean_build(root: Path, formats=FAST) -> None:
    """The cached output equals, byte for byte, a build from nothing into another folder."""
    clean = root.parent / f"{root.name}-clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(Project.find(root), out=clean, formats=formats, jobs=1)
    assert _tree(root / "build") == _tree(clean)


def test_a_rebuild_with_nothing_changed_renders_nothing(course):
    first = _build(course)
    assert first.up_to_date == 0 and len(first.rendered) == 4 + 2 + 2  # html: theme files, index, 2 modules
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (course / "build").rglob("*") if p.is_file()
              and ".cache" not in p.parts}
    again = _build(course)
    assert again.rendered == []
    assert again.up_to_date == 8
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (course / "build").rglob("*") if p.is_file()
             and ".cache" not in p.parts}
    assert after == before  # not even rewritten


def test_the_cache_lives_beside_the_format_folders(course):
    _build(course)
    assert sorted(p.name for p in (course / "build" / ".cache").iterdir()) == [
        "checks.json", "html.json", "pptx.json", "scorm.json"]
    record = json.loads((course / "build" / ".cache" / "pptx.json").read_text(encoding="utf-8"))
    assert set(record["units"]) == {"pptx/demo", "pptx/second"}
    assert list(record["units"]["pptx/demo"]["files"]) == ["demo.pptx"]


@pytest.mark.slow
def test_editing_one_module_rebuilds_only_its_outputs_and_the_course_index(course):
    _build(course)
    demo_before = {name: data for name, data in _tree(course / "build").items() if "demo" in name}
    _edit(course / "modules" / "second" / "01-first.md", "", "A new first line.\n\n")
    result = _build(course)
    assert set(result.rendered) == {"html/second", "html/course", "pptx/second", "scorm/second"}
    assert result.up_to_date == 4
    assert {name: data for name, data in _tree(course / "build").items() if "demo" in name} == demo_before
    assert "A new first line." in (course / "build" / "html" / "second" / "01-first-steps.html").read_text("utf-8")
    assert_same_as_clean_build(course)


@pytest.mark.slow
def test_a_changed_picture_rebuilds_the_module_that_shows_it(course):
    _build(course)
    picture = course / "modules" / "demo" / "images" / "dot.png"
    shutil.copyfile(FIXTURE_THEME / "logo.png", picture)
    result = _build(course)
    assert set(result.rendered) == {"html/demo", "html/course", "pptx/demo", "scorm/demo"}
    assert_same_as_clean_build(course)


@pytest.mark.slow
def test_pdf_rebuilds_the_module_editions_and_the_course_handbook(course):
    _build(course, formats=["pdf"])
    _edit(course / "modules" / "demo" / "02-second.md", "", "Another paragraph.\n\n")
    result = _build(course, formats=["pdf"])
    assert set(result.rendered) == {"pdf/demo/handbook", "pdf/demo/facilitator-guide",
                                    "pdf/demo/large-print", "pdf/course/course-handbook"}
    assert result.up_to_date == 3  # the second module's three editions


@pytest.mark.slow
def test_a_change_to_the_course_settings_rebuilds_everything(course):
    _build(course)
    _edit(course / "course.yaml", "title: Fixture course", "title: Renamed course")
    result = _build(course)
    assert result.up_to_date == 1 and len(result.rendered) == 7  # all but the theme files
    assert_same_as_clean_build(course)
    _edit(course / "course.yaml", "modules: [demo, second]", "modules: [second, demo]")
    assert set(_build(course).rendered) == {"html/course"}  # a new order changes only the index
    assert_same_as_clean_build(course)
    _edit(course / "course.yaml", "mastery_score: 80", "# a comment\nmastery_score: 80")
    assert _build(course).rendered == []  # what is read is the same


@pytest.mark.slow
def test_a_theme_change_rebuilds_everything(course):
    theme = course / "themes" / "brand"
    shutil.copytree(FIXTURE_THEME, theme)
    _build(course, theme="brand")
    _edit(theme / "theme.yaml", 'primary: "#7fb2e5"', 'primary: "#1d5a8c"')
    result = _build(course, theme="brand")
    assert result.up_to_date == 0 and len(result.rendered) == 8
    assert "#1d5a8c" in (course / "build" / "html" / "_theme" / "tokens.css").read_text(encoding="utf-8")
    # Choosing another theme on the command line is a change of theme too.
    assert _build(course).up_to_date == 0


@pytest.mark.slow
def test_another_source_date_epoch_rebuilds_everything(course, monkeypatch):
    _build(course)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # the time written into zips and PDFs
    assert _build(course).up_to_date == 0


@pytest.mark.slow
def test_a_change_to_coursebuilder_itself_rebuilds_everything(course, monkeypatch):
    _build(course)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of coursebuilder")
    assert _build(course).up_to_date == 0


@pytest.mark.parametrize("damage", ["edited", "deleted", "replaced by a folder"])
def test_damaged_output_is_rendered_again_not_trusted(course, damage):
    _build(course)
    page = course / "build" / "html" / "demo" / "index.html"
    good = page.read_bytes()
    if damage == "edited":
        page.write_text("changed by hand", encoding="utf-8")
    elif damage == "deleted":
        page.unlink()
    else:
        page.unlink()
        page.mkdir()
    result = _build(course)
    assert result.rendered == ["html/demo"]
    assert page.read_bytes() == good


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["deleted", "not JSON", "wrong shape", "emptied"])
def test_a_missing_or_damaged_cache_only_costs_a_full_build(course, damage):
    _build(course)
    folder = course / "build" / ".cache"
    if damage == "deleted":
        shutil.rmtree(folder)
    elif damage == "not JSON":
        (folder / "html.json").write_text("{{{ half", encoding="utf-8")
    elif damage == "wrong shape":
        (folder / "html.json").write_text('{"version": 1, "units": {"html/demo": 3}}', encoding="utf-8")
    else:
        (folder / "html.json").write_bytes(b"")
    result = _build(course)
    assert set(result.rendered) >= {"html/demo", "html/second", "html/course"}
    assert_same_as_clean_build(course)
    assert _build(course).rendered == []  # and the cache is whole again


@pytest.mark.slow
def test_a_module_taken_out_of_the_course_leaves_no_output_or_record(course):
    _build(course)
    _edit(course / "course.yaml", "modules: [demo, second]", "modules: [demo]")
    shutil.rmtree(course / "modules" / "second")
    result = _build(course)
    assert set(result.rendered) == {"html/course"}  # the index no longer lists it
    assert not [name for name in _tree(course / "build") if name.split("/")[1].startswith("second")]
    record = json.loads((course / "build" / ".cache" / "scorm.json").read_text(encoding="utf-8"))
    assert set(record["units"]) == {"scorm/demo"}
    assert_same_as_clean_build(course)


@pytest.mark.slow
def test_a_partial_build_then_a_full_build_catches_up(course):
    _build(course)
    _edit(course / "modules" / "demo" / "01-first.md", "", "Edited demo.\n\n")
    _edit(course / "modules" / "second" / "01-first.md", "", "Edited second.\n\n")
    partial = _build(course, slugs=["second"])
    assert set(partial.rendered) == {"html/second", "pptx/second", "scorm/second"}
    full = _build(course)
    assert set(full.rendered) == {"html/demo", "html/course", "pptx/demo", "scorm/demo"}
    assert_same_as_clean_build(course)


def test_the_command_line_says_what_was_up_to_date(course, run):
    first = run(course, "build", "--format", "html", "--jobs", "1")
    assert first.exit_code == 0, first.output
    for line in ("html: theme files", "html: course index", "html: demo", "html: second"):
        assert line in first.output  # one line per output, as it is finished
    assert "[4/4] " in first.output
    assert "(4 outputs made)" in first.output
    again = run(course, "build", "--format", "html")
    assert "4 of 4 outputs are up to date" in again.output
    assert "(0 outputs made, 4 already up to date)" in again.output


# --- check findings ------------------------------------------------------------------------------


def _count_checks(monkeypatch) -> list[str]:
    from coursebuilder import checks

    checked: list[str] = []
    original = checks.check_module

    def counted(course, task):
        checked.append(task[0])
        return original(course, task)

    monkeypatch.setattr(checks, "check_module", counted)
    return checked


@pytest.mark.slow
def test_unchanged_modules_are_not_checked_again_and_their_warnings_still_show(course, monkeypatch):
    _edit(course / "modules" / "second" / "01-first.md", "", "The patients were non-compliant.\n\n")
    first = _build(course)
    assert any(w.file == "modules/second/01-first.md" for w in first.warnings)
    checked = _count_checks(monkeypatch)
    again = _build(course)
    assert checked == []
    assert [w.format() for w in again.warnings] == [w.format() for w in first.warnings]
    _edit(course / "modules" / "demo" / "02-second.md", "", "New words.\n\n")
    _build(course)
    assert checked == ["demo"]


@pytest.mark.slow
def test_a_new_day_checks_review_dates_again(course, monkeypatch):
    first = _build(course)
    assert not any(w.code == "review-overdue" for w in first.warnings)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030: every review date has passed
    later = _build(course)
    assert any(w.code == "review-overdue" for w in later.warnings)


def test_a_damaged_record_of_findings_means_checking_again(course, monkeypatch):
    _build(course)
    (course / "build" / ".cache" / "checks.json").write_text('{"version": 1, "modules": {"x": [1]}}', "utf-8")
    checked = _count_checks(monkeypatch)
    _build(course)
    assert sorted(checked) == ["demo", "second"]
