"""Block types are declared once, in the model: which fields hold words (and what kind), which blocks a
session plan lists, and the list of types all come from the block classes; a renderer or theme that meets
a block type it has no template for stops with a plain message instead of leaving the block out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coursebuilder.errors import CourseError
from coursebuilder.model import BLOCK_CLASSES, BLOCK_TYPES, Discussion, KnowledgeCheck, Words, _peel, words_in
from coursebuilder.render.pdf_plan import activities
from coursebuilder.render.pptx_blocks import BLOCKS
from coursebuilder.render.templating import environment

from .conftest import REPO

NOT_WORDS = {"type", "src", "source", "page", "minutes", "correct", "decorative", "illustrative", "options",
             "questions", "lang", "id", "go_to", "compare_with"}


@pytest.mark.parametrize("cls", BLOCK_CLASSES, ids=BLOCK_TYPES)
def test_every_text_field_of_a_block_says_what_kind_of_words_it_holds(cls):
    """A new text field must choose: words the checks read (label, prose, markdown, alt), or not words."""
    for name, info in cls.model_fields.items():
        inner, metadata, _ = _peel(info.annotation)
        has_kind = any(isinstance(m, Words) for m in [*info.metadata, *metadata])
        if inner is str and name not in NOT_WORDS:
            assert has_kind, f"{cls.__name__}.{name} holds text but does not say what kind of words"


def test_words_are_found_in_reading_order_through_nested_models():
    check = KnowledgeCheck.model_validate({"type": "knowledge_check", "title": "Check", "questions": [
        {"question": "Q1", "options": [{"text": "A", "correct": True, "feedback": "Yes"}, {"text": "B"}]},
        {"question": "Q2", "options": [{"text": "C", "correct": True}, {"text": "D"}]}]})
    assert words_in(check, ("blocks", 0)) == [
        (("blocks", 0, "title"), "label"),
        (("blocks", 0, "questions", 0, "question"), "prose"),
        (("blocks", 0, "questions", 0, "options", 0, "text"), "prose"),
        (("blocks", 0, "questions", 0, "options", 0, "feedback"), "prose"),
        (("blocks", 0, "questions", 0, "options", 1, "text"), "prose"),
        (("blocks", 0, "questions", 1, "question"), "prose"),
        (("blocks", 0, "questions", 1, "options", 0, "text"), "prose"),
        (("blocks", 0, "questions", 1, "options", 1, "text"), "prose"),
    ]


def test_the_session_plan_lists_the_blocks_whose_class_names_an_activity():
    assert {cls.__name__: cls.activity for cls in BLOCK_CLASSES} == {
        "Reflection": "Reflection", "Discussion": "Discussion", "KnowledgeCheck": "Knowledge check",
        "Scenario": "Scenario", "BranchingScenario": "Branching scenario", "FreeResponse": "Written answer",
        "SelfRating": "Self-rating", "KeyPoint": None, "Quote": None, "Image": None}
    discussion = Discussion(type="discussion", instructions="Talk.", minutes=10, group_size="3", materials=["Pens"])
    [activity] = activities(SimpleNamespace(blocks=[discussion]))
    assert (activity.kind, activity.details, activity.materials) == ("Discussion", "groups of 3, 10 minutes", ("Pens",))


def test_every_block_type_has_slides():
    assert set(BLOCKS) == set(BLOCK_TYPES)


@pytest.mark.parametrize("folder, call", [
    ("templates", lambda macros, block: macros.render(block, "b1", lambda src: src, "demo", None, None)),
    ("print", lambda macros, block: macros.render(SimpleNamespace(block_anchor=lambda n, i: "b1"), block, 1, 1)),
])
def test_a_theme_that_meets_an_unknown_block_type_says_so_instead_of_dropping_it(folder, call):
    env = environment([REPO / "themes" / "default" / folder])
    env.filters.update(md=str, md_block=str)  # the renderers add these; unused here
    macros = env.get_template("_blocks.html").module
    with pytest.raises(CourseError) as raised:
        call(macros, SimpleNamespace(type="poll"))
    assert 'has no template for "poll" blocks' in raised.value.message
    assert "add a macro for poll" in raised.value.hint
