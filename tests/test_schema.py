"""`coursebuilder schema` describes the YAML as written, and validates every bundled file."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
from ruamel.yaml import YAML

from coursebuilder.schema import json_schema

from .conftest import FIXTURES, REPO


def _as_written(value):
    """YAML as an editor sees it: dates are YYYY-MM-DD strings."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _load(path):
    return _as_written(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


MODULE_FILES = sorted((REPO / "modules").glob("*/module.yaml")) + [
    FIXTURES / "minimal/modules/demo/module.yaml", FIXTURES / "interactive/modules/night-shift/module.yaml"]


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: p.parent.name)
def test_module_schema_validates_bundled_modules(path):
    jsonschema.Draft202012Validator(json_schema("module")).validate(_load(path))


def test_course_schema_validates_course_files():
    validator = jsonschema.Draft202012Validator(json_schema("course"))
    validator.validate(_load(REPO / "course.yaml"))
    validator.validate(_load(FIXTURES / "minimal" / "course.yaml"))


def test_schema_catches_typos_and_describes_dates():
    schema = json_schema("module")
    assert schema["properties"]["reviewed"] == {
        "description": "Date of the last review, YYYY-MM-DD.", "examples": ["2026-11-01"],
        "format": "date", "title": "Reviewed", "type": "string"}
    module = _load(FIXTURES / "minimal/modules/demo/module.yaml")
    module["titel"] = module.pop("title")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(module))
    assert {e.validator for e in errors} == {"required", "additionalProperties"}


def test_schema_knows_every_block_type():
    schema = json.dumps(json_schema("module"))
    for block in ("reflection", "discussion", "knowledge_check", "scenario", "branching_scenario", "free_response",
                  "self_rating", "key_point", "quote", "image"):
        assert f'"const": "{block}"' in schema


def test_schema_knows_each_kind_of_question_and_each_part_of_a_branching_scenario():
    """An editor flags a question with none of options, order or pairs, a step with an unknown key, and a
    choice with no `go_to`, as `coursebuilder check` does."""
    validator = jsonschema.Draft202012Validator(json_schema("module"))
    module = _load(FIXTURES / "interactive/modules/night-shift/module.yaml")
    validator.validate(module)
    question = module["sections"][1]["blocks"][0]["questions"][1]
    question["steps"] = question.pop("order")
    step = module["sections"][0]["blocks"][1]["steps"][0]
    step["choise"] = step["choices"].pop()
    del step["choices"][0]["go_to"]
    problems = [(list(e.absolute_path), e.validator) for e in validator.iter_errors(module)]
    assert problems and all(path[:2] in (["sections", 1], ["sections", 0]) for path, _ in problems)
    text = json.dumps([str(e.message) for e in validator.iter_errors(module)])
    for fragment in ("steps", "choise", "go_to"):
        assert fragment in text
