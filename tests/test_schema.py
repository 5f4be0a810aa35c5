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


MODULE_FILES = sorted((REPO / "modules").glob("*/module.yaml")) + [FIXTURES / "minimal/modules/demo/module.yaml"]


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
    for block in ("reflection", "discussion", "knowledge_check", "scenario", "key_point", "quote", "image"):
        assert f'"const": "{block}"' in schema
