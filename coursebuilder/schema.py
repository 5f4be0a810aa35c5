"""JSON Schema of course.yaml and module.yaml, generated from the pydantic models."""

from __future__ import annotations

from typing import Any, Literal

from .model import Course, Module

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(which: Literal["module", "course"] = "module") -> dict[str, Any]:
    model = Course if which == "course" else Module
    schema = model.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_URI, **schema}
