"""Loading: the happy path gives typed models, Markdown documents and resolved pictures."""

from datetime import date

from coursebuilder.load import load_course
from coursebuilder.model import Image, KnowledgeCheck, Quote
from coursebuilder.project import Project

from .conftest import REPO


def test_minimal_fixture_loads_without_diagnostics(make_project):
    result = load_course(Project.find(make_project()))
    assert result.diagnostics == []
    course = result.course
    assert course.complete
    assert course.meta.title == "Fixture course"
    assert course.meta.session_start == "09:30"
    module = course.module("demo")
    assert module.meta.reviewed == date(2026, 11, 1)
    first = module.meta.sections[0]
    assert [b.type for b in first.blocks] == [
        "reflection", "discussion", "knowledge_check", "scenario", "key_point", "quote", "image"]
    assert isinstance(first.blocks[2], KnowledgeCheck) and not first.blocks[2].questions[0].multiple
    assert isinstance(first.blocks[5], Quote) and first.blocks[5].source == "guide"
    assert module.meta.reference("guide").title == "A guide"
    assert isinstance(first.blocks[6], Image)
    assert module.images["images/dot.png"].name == "dot.png"
    body = module.document(first.body)
    assert body.path == "modules/demo/01-first.md"
    assert "images/dot.png" in body.images
    assert "FACILITATOR-ONLY-TEXT" in module.document(first.facilitator_notes).text


def test_only_requested_modules_are_loaded(make_project):
    project = make_project()
    result = load_course(Project.find(project), ["demo"])
    assert result.course.complete  # demo is the whole course


def test_bundled_course_loads_cleanly():
    result = load_course(Project.find(REPO))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert [m.slug for m in result.course.modules] == result.course.meta.modules
    assert "space-to-think" in result.course.meta.modules


def test_bundled_course_uses_every_block_type():
    """Every block type is in the bundled course, so building it exercises every template; the first
    module alone uses the seven types the format began with."""
    from coursebuilder.model import BLOCK_TYPES

    course = load_course(Project.find(REPO)).course
    used = {block.type for module in course.modules for section in module.meta.sections for block in section.blocks}
    assert used == set(BLOCK_TYPES)
    module = course.module("space-to-think")
    first = {block.type for section in module.meta.sections for block in section.blocks}
    assert first == set(BLOCK_TYPES) - {"branching_scenario", "free_response", "self_rating"}
