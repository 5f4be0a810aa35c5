"""Validate a YAML document against a model, turning pydantic errors into located, plain-words diagnostics.

pydantic reports every problem with a `loc` path; the YAML document knows where each path was
written. Messages are rewritten for trainers: "section "What is trauma?": minutes "ten" is not a
number", with a hint that says how to fix it.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, did_you_mean
from .model import BLOCK_TYPES
from .source import Loc, YamlDocument

M = TypeVar("M", bound=BaseModel)

# How one item of a list field is named in messages ("outcome 3").
_ITEM_NAMES = {
    "modules": "module", "outcomes": "outcome", "prompts": "prompt", "authors": "author",
    "audience": "audience entry", "topics": "topic", "materials": "material", "questions": "question",
    "options": "option", "references": "reference", "group_agreement": "group agreement item",
    "co_production": "co-production record", "who": "person", "approvals": "approval",
    "glossary": "glossary entry", "signposting": "signposting entry",
}

# Keys earlier versions of the format took, with what to write now.
_RETIRED_KEYS = {
    "co_produced_with": "`co_produced_with` is now `co_production`: a record of what happened, who took part "
                        "and when (see docs/module-format.md); leave it out until co-production has happened, "
                        "and every output will say so",
    "composite": "`composite` is gone: give the quote a `source:` (the id of a reference in this module), or "
                 "write `illustrative: true` if the course authors wrote the words",
    # theme.yaml: each output format now has its own settings (see "Themes" in docs/module-format.md)
    ("type", "body_px"): "text sizes now sit with the format they are for: write `html:` then `body_px: …` "
                         "on the next line, indented",
    ("type", "body_pt"): "text sizes now sit with the format they are for: write `pdf:` then `body_pt: …` "
                         "on the next line, indented",
    ("type", "large_print_pt"): "text sizes now sit with the format they are for: write `pdf:` then "
                                "`large_print_pt: …` on the next line, indented",
    ("type", "slide_body_pt"): "text sizes now sit with the format they are for: write `pptx:` then "
                               "`body_pt: …` on the next line, indented",
    ("type", "slide_title_pt"): "text sizes now sit with the format they are for: write `pptx:` then "
                                "`title_pt: …` on the next line, indented",
    ("pptx_template",): "the deck's template now sits with the deck's settings: write `pptx:` then "
                        "`template: …` on the next line, indented",
}


def validate(model: type[M], doc: YamlDocument) -> tuple[M | None, list[Diagnostic]]:
    if not isinstance(doc.data, dict):
        line, column = doc.position(())
        return None, [
            Diagnostic(doc.path, line, column, "error", "type",
                       "this file should be a set of `key: value` lines",
                       "start with `title: ...` on the first line, as in the examples in docs/module-format.md")
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    # A misspelt key ("titel") also leaves its field missing; the "did you mean" hint covers both.
    typos = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            suggestion = did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1]))
            if suggestion:
                typos.add((*loc[:-1], suggestion))
    return None, [
        _diagnostic(model, doc, error)
        for error in errors
        if not (error["type"] == "missing" and tuple(error["loc"]) in typos)
    ]


def _diagnostic(model: type[BaseModel], doc: YamlDocument, error: ErrorDetails) -> Diagnostic:
    kind: str = error["type"]
    raw_loc = tuple(error["loc"])
    loc = _data_path(raw_loc, doc.data)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    context, subject = _describe(loc, doc.data)
    at_key = False
    code, hint = "type", None

    if kind == "missing":
        code = "missing"
        field = loc[-1]
        message = f'missing required field "{field}"'
        hint = _example_hint(model, raw_loc, str(field))
        context = _context(loc[:-1], doc.data)
        loc = loc[:-1]
    elif kind == "extra_forbidden":
        code, at_key = "unknown-key", True
        field = str(loc[-1])
        message = f'unknown key "{field}"'
        context = _context(loc[:-1], doc.data)
        allowed = _fields_at(model, raw_loc[:-1])
        suggestion = did_you_mean(field, allowed)
        retired = next((_RETIRED_KEYS[key] for key in (tuple(str(part) for part in loc[-2:]), (field,), field)
                        if key in _RETIRED_KEYS), None)
        if retired:
            hint = retired
        elif suggestion:
            hint = f'did you mean "{suggestion}"?'
        elif allowed:
            hint = "remove it, or use one of: " + ", ".join(allowed)
    elif kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        message = f"{subject} {_shown(value)} is not a whole number" if kind == "int_from_float" \
            else f"{subject} {_shown(value)} is not a number"
        hint = "write a whole number, like 10"
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        code = "range"
        limit = next(iter(ctx.values()), "")
        words = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        message = f"{subject} is {_shown(value)}, but it must be {words} {limit}"
        hint = f"write a number {words} {limit}"
    elif kind in ("bool_parsing", "bool_type"):
        message = f"{subject} {_shown(value)} is not true or false"
        hint = "write true or false"
    elif kind == "string_type":
        message = f"{subject} should be text, not {_kind(value)}"
        hint = (f'put it in quotes: "{value}"' if isinstance(value, (int, float, bool))
                else "write it as one line of text after the colon")
    elif kind == "string_too_short":
        code = "empty"
        message = f"{subject} is empty"
        hint = "write some text here, or remove the line if the field is optional"
    elif kind == "too_short":
        code = "empty"
        needed = ctx.get("min_length", 1)
        message = f"{subject} is empty" if not value else f"{subject} has {len(value)}, but needs at least {needed}"
        item = _ITEM_NAMES.get(str(loc[-1]) if loc else "", "item")
        hint = f'add at least {needed} {item}{"s" if needed != 1 else ""}, each on its own line starting "- "'
    elif kind == "list_type":
        message = f"{subject} should be a list"
        hint = 'write each item on its own line, starting with "- "'
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"{subject} should be a set of `key: value` lines, not {_kind(value)}"
        hint = "see docs/module-format.md for the keys it takes"
    elif kind == "literal_error":
        code = "choice"
        expected = [part.strip().strip("'\"") for part in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        expected = [e for e in expected if e]
        message = f"{subject} {_shown(value)} is not one of: {', '.join(expected)}"
        suggestion = did_you_mean(str(value), expected)
        hint = f'did you mean "{suggestion}"?' if suggestion else f"use one of: {', '.join(expected)}"
    elif kind.startswith("date") or kind.startswith("datetime"):
        code = "date"
        message = f"{subject} {_shown(value)} is not a date"
        hint = "write the date as YYYY-MM-DD, like 2027-11-01"
    elif kind == "union_tag_invalid":
        code = "block-type"
        expected = [t.strip().strip("'\"") for t in str(ctx.get("expected_tags", "")).split(",")]
        message = f'{subject} has an unknown type "{ctx.get("tag")}"'
        suggestion = did_you_mean(str(ctx.get("tag")), expected)
        hint = f'did you mean "{suggestion}"?' if suggestion else f"use one of: {', '.join(expected)}"
        loc = (*loc, "type")
    elif kind == "union_tag_not_found":
        code = "block-type"
        message = f"{subject} has no type"
        hint = "add `type:` with one of: " + ", ".join(_block_types())
    elif kind == "question-kind":
        code = kind
        message = str(error["msg"])
        hint = ctx.get("hint")
        context = _context(loc, doc.data)  # ends with the question: "…, question 2"
    elif kind == "string_pattern_mismatch":
        message = f"{subject} {_shown(value)} is not in the expected form"
        hint = f"it must match {ctx.get('pattern')}"
    else:
        code = kind if kind.islower() and "_" not in kind else "value"
        message = str(error["msg"])
        hint = ctx.get("hint")
        if kind.startswith("value_error") or kind.startswith("assertion"):
            message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")

    text = f"{context}: {message}" if context else message
    line, column = doc.position(loc, at_key=at_key)
    return Diagnostic(doc.path, line, column, "error", code, text, hint)


def _data_path(loc: tuple, data: Any) -> Loc:
    """pydantic's loc without union tags and type names, i.e. the path through the YAML data."""
    path: list[int | str] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(part, int):
            if isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
                path.append(part)
            elif last or not isinstance(node, list):
                path.append(part)
            continue
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and not last:
            continue  # a union tag ("knowledge_check") or type name ("str"): not in the data
        else:
            path.append(part)
            node = None
    return tuple(path)


def _context(loc: Loc, data: Any) -> str:
    """Where a mapping sits, e.g. 'section "X", block 2 (reflection)'."""
    context, subject = _describe(loc, data)
    if not loc:
        return ""
    return f"{context}, {subject}" if context else subject


def _describe(loc: Loc, data: Any) -> tuple[str, str]:
    """("section "X", block 2 (reflection)", "minutes"): the context and the subject of a message."""
    labels: list[str] = []
    node = data
    parent_type = None
    for index, part in enumerate(loc):
        if isinstance(part, int):
            field = str(loc[index - 1]) if index else ""
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            labels[-1:] = [_item_label(field, part, item, parent_type)]
            node = item
            continue
        if isinstance(node, dict) and node.get("type"):
            parent_type = node.get("type")
        labels.append(part.replace("_", " ") if part != "content_note" else "content note")
        node = node.get(part) if isinstance(node, dict) else None
    if not labels:
        return "", "this file"
    subject = labels[-1]
    if isinstance(loc[-1], str):
        subject = str(loc[-1])
    return ", ".join(labels[:-1]), subject


def _item_label(field: str, index: int, item: Any, parent_type: Any) -> str:
    if field == "sections":
        title = item.get("title") if isinstance(item, dict) else None
        return f'section "{title}"' if isinstance(title, str) and title.strip() else f"section {index + 1}"
    if field == "blocks":
        kind = item.get("type") if isinstance(item, dict) else None
        return f"block {index + 1} ({kind})" if kind in BLOCK_TYPES else f"block {index + 1}"
    if field == "glossary" and isinstance(item, dict) and isinstance(item.get("term"), str):
        return f'glossary entry "{item["term"]}"'
    if field == "signposting" and isinstance(item, dict) and isinstance(item.get("name"), str):
        return f'signposting entry "{item["name"]}"'
    return f"{_ITEM_NAMES.get(field, field.replace('_', ' ') + ' item')} {index + 1}"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(empty)"
    if isinstance(value, (int, float)):
        return str(value)
    return _kind(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "empty"
    return "text"


# --- looking things up in the models, for hints ---------------------------------------------


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _model_at(root: type[BaseModel], loc: tuple) -> Any:
    tp: Any = root
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            if get_origin(tp) is not list:
                return None
            tp = get_args(tp)[0]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            if part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
        elif get_origin(tp) in (Union, types.UnionType):
            tp = next((m for m in map(_unwrap, get_args(tp)) if _tag_of(m) == part), None)
            if tp is None:
                return None
        else:
            return None
    return _unwrap(tp)


def _tag_of(model: Any) -> str | None:
    if isinstance(model, type) and issubclass(model, BaseModel) and "type" in model.model_fields:
        annotation = model.model_fields["type"].annotation
        if get_origin(annotation) is Literal:
            return get_args(annotation)[0]
    return None


def _fields_at(root: type[BaseModel], loc: tuple) -> list[str]:
    model = _model_at(root, loc)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _example_hint(root: type[BaseModel], loc: tuple, field: str) -> str:
    model = _model_at(root, loc[:-1])
    if isinstance(model, type) and issubclass(model, BaseModel) and field in model.model_fields:
        info = model.model_fields[field]
        example = (info.examples or [None])[0]
        about = f" ({info.description.rstrip('.')})" if info.description else ""
        if isinstance(example, list):
            return f'add "{field}:"{about} followed by a list, like:  {field}: [{", ".join(map(str, example))}]'
        if example is not None:
            shown = f'"{example}"' if isinstance(example, str) and (": " in example or example[:1].isdigit()) \
                else example
            return f'add "{field}:"{about}, for example:  {field}: {shown}'
        return f'add "{field}:"{about}'
    return f'add "{field}:"'


def _block_types() -> list[str]:
    return list(BLOCK_TYPES)
