"""docs/module-format.md stays true to the format.

The models are the single source of truth, so the guide is checked against them: every key of
every model is in a table with the right "required" and type; every full example validates and
passes `coursebuilder check`; every "Not like this" example gives exactly the messages the guide
shows; every other quoted message is one the golden and diagnostics tests lock; links resolve.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter
from ruamel.yaml import YAML

from coursebuilder import model as m
from coursebuilder.markdown import parse, render_markdown
from coursebuilder.schema import json_schema
from coursebuilder.themes import Colours, Fonts, HtmlSettings, PdfSettings, PptxSettings, ThemeTokens, Type

from .conftest import FIXTURES, GOLDEN, REPO
from .test_diagnostics import CASES

DOC = REPO / "docs" / "module-format.md"
MISTAKE = "# Not like this"
DIAGNOSTIC_RE = re.compile(r"^[\w./-]+(:\d+){0,2}: (error|warning|info)\[[\w-]+\]: ")

# The heading above each table, and the model whose keys the table lists.
TABLES: dict[str, type[BaseModel]] = {
    "Keys in `course.yaml`": m.Course,
    "Each entry in `signposting`": m.Signpost,
    "The `checks` settings": m.ChecksConfig,
    "Each entry in `terms`": m.LanguageTerm,
    "Keys in `module.yaml`": m.Module,
    "Each entry in `co_production`": m.CoProduction,
    "Each entry in `who`": m.Person,
    "Each entry in `approvals`": m.Approval,
    "The `content_note`": m.ContentNote,
    "Each entry in `references`": m.Reference,
    "Each entry in `glossary`": m.GlossaryEntry,
    "Keys of each section": m.Section,
    "Reflection": m.Reflection,
    "Discussion": m.Discussion,
    "Knowledge check": m.KnowledgeCheck,
    "Keys of each question": m.Question,
    "Keys of each answer option": m.Option,
    "Keys of a put-in-order question": m.OrderQuestion,
    "Keys of a match-pairs question": m.MatchQuestion,
    "Each pair": m.Pair,
    "Scenario": m.Scenario,
    "Branching scenario": m.BranchingScenario,
    "Each step": m.Step,
    "Each choice": m.Choice,
    "Written answer": m.FreeResponse,
    "Self-rating": m.SelfRating,
    "Key point": m.KeyPoint,
    "Quote": m.Quote,
    "Image": m.Image,
}


# --- reading the guide ------------------------------------------------------------------------


@dataclass
class Fence:
    info: str
    text: str
    heading: str  # the nearest heading above it
    line: int  # 1-based, in the guide


@dataclass
class Guide:
    headings: list[str] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)  # first table under each heading
    links: list[str] = field(default_factory=list)


def _read_guide() -> Guide:
    guide = Guide()
    tokens = parse(DOC.read_text(encoding="utf-8"))
    heading, rows, row = "", None, None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
            guide.headings.append(heading)
        elif token.type == "fence":
            guide.fences.append(Fence(token.info.strip(), token.content, heading, token.map[0] + 1))
        elif token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content.strip())
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            guide.tables.setdefault(heading, rows)
        if token.type == "inline":
            guide.links += [c.attrs["href"] for c in token.children or [] if c.type == "link_open"]
    return guide


GUIDE = _read_guide()
yaml = YAML(typ="safe", pure=True)


def _yaml_fences(kind: str) -> list[Fence]:
    return [f for f in GUIDE.fences if f.info == "yaml" and _kind(f) == kind]


def _kind(fence: Fence) -> str:
    if fence.text.startswith(MISTAKE):
        return "mistake"
    data = yaml.load(fence.text)
    if isinstance(data, dict) and {"organisation", "modules"} <= data.keys():
        return "course"
    if isinstance(data, dict) and {"sections", "content_note"} <= data.keys():
        return "module"
    if isinstance(data, dict) and "colours" in data:
        return "theme"
    if isinstance(data, dict) and set(data) == {"blocks"} or _is_block_list(data):
        return "blocks"
    return "fragment"


def _is_block_list(data: Any) -> bool:
    return isinstance(data, list) and bool(data) and all(isinstance(i, dict) and "type" in i for i in data)


def _only(kind: str) -> Fence:
    found = _yaml_fences(kind)
    assert len(found) == 1, f"expected one complete {kind} example in the guide, found {len(found)}"
    return found[0]


# --- the tables match the models --------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _type_problem(annotation: Any, cell: str) -> str | None:
    """Why the guide's type cell does not describe the annotation, or None when it does."""
    tp = _unwrap(annotation)
    origin = get_origin(tp)
    claims = ("list", "date", "true/false", "whole number", "number")
    if origin is list:
        return None if cell.startswith("list") else "should start 'list'"
    if origin is dict:
        values = get_args(get_args(tp)[1]) if get_origin(get_args(tp)[1]) is Literal else ()
        missing = [v for v in values if f"`{v}`" not in cell]
        return "should say it is a set of keys" if "keys" not in cell else f"should name {missing}" if missing else None
    if origin is Literal:
        missing = [v for v in get_args(tp) if f"`{v}`" not in cell]
        return f"should name {missing}" if missing else None
    if tp is datetime.date:
        return None if cell.startswith("date") else "should start 'date'"
    if tp is bool:
        return None if cell == "true/false" else "should be 'true/false'"
    if tp is float:
        return None if cell.startswith("number") else "should start 'number'"
    if tp is int:
        return None if cell.startswith("whole number") else "should start 'whole number'"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return None if "keys" in cell else "should say it is a set of keys"
    if tp is str:
        return "should not claim a list, date, true/false or number" if cell.startswith(claims) else None
    if origin in (Union, types.UnionType) and {_unwrap(a) for a in get_args(tp) if a is not type(None)} == {int, str}:
        return None if cell.startswith("whole number or text") else "should start 'whole number or text'"
    return f"unexpected annotation {tp!r}"


@pytest.mark.parametrize("heading", list(TABLES))
def test_each_table_lists_exactly_the_model_keys_with_requirement_and_type(heading):
    model = TABLES[heading]
    assert heading in GUIDE.tables, f"no table under the heading {heading!r}"
    header, *rows = GUIDE.tables[heading]
    assert header == ["Key", "Required?", "Type", "What it is for", "Example"]
    documented = {row[0].strip("`"): row for row in rows}
    assert list(documented) == list(model.model_fields), "keys differ from the model (or are out of order)"
    for name, info in model.model_fields.items():
        _, required, kind, purpose, _ = documented[name]
        if info.is_required():
            assert required.startswith("Yes") and "unless" not in required, f"{name} is required"
        else:
            assert required.startswith("No") or "unless" in required, f"{name} is optional"
        problem = _type_problem(info.annotation, kind)
        assert problem is None, f"{heading}, {name}: type {kind!r} {problem}"
        if info.description and "(Markdown)" in info.description:
            assert kind.startswith("Markdown"), f"{name} takes Markdown"
        default = info.default
        if not info.is_required() and default is not None and not isinstance(default, list) \
                and info.default_factory is None:
            shown = str(default).lower() if isinstance(default, bool) else str(default)
            said = (f"If you leave it out: `{shown}`", f'If you leave it out: `"{shown}"`')
            assert any(s in purpose for s in said), f"{name}: say the default, {shown}"


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return set().union(*(_models_in(arg) for arg in get_args(annotation))) if get_args(annotation) else set()


def test_every_model_of_the_format_has_a_table():
    seen: set[type[BaseModel]] = set()
    todo = [m.Course, m.Module]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo += _models_in(info.annotation)
    assert seen - set(TABLES.values()) == set()


def test_theme_keys_are_named():
    text = DOC.read_text(encoding="utf-8")
    for model in (ThemeTokens, Colours, Fonts, Type, HtmlSettings, PdfSettings, PptxSettings):
        missing = [name for name in model.model_fields if f"`{name}`" not in text]
        assert not missing, f"{model.__name__}: {missing}"


# --- the examples are real --------------------------------------------------------------------


def _as_written(value: Any) -> Any:
    """YAML as an editor sees it, for the JSON Schema: dates are YYYY-MM-DD strings."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


@pytest.mark.parametrize("kind, model", [("course", m.Course), ("module", m.Module)])
def test_complete_examples_validate_against_the_models_and_the_schema(kind, model):
    data = yaml.load(_only(kind).text)
    model.model_validate(data)
    jsonschema.Draft202012Validator(json_schema(kind)).validate(_as_written(data))


def test_block_and_theme_examples_validate():
    blocks = _yaml_fences("blocks")
    assert len(blocks) >= 7
    for fence in blocks:
        data = yaml.load(fence.text)
        TypeAdapter(list[m.Block]).validate_python(data["blocks"] if isinstance(data, dict) else data)
    for fence in _yaml_fences("theme"):
        ThemeTokens.model_validate(yaml.load(fence.text))


def test_fragments_parse_and_use_only_known_keys():
    known = {name for model in [*TABLES.values(), ThemeTokens] for name in model.model_fields}
    for fence in _yaml_fences("fragment"):
        data = yaml.load(fence.text)
        if isinstance(data, dict):
            assert set(data) <= known, f"line {fence.line}: unknown keys {set(data) - known}"


def _example_project(root: Path) -> Path:
    """The guide's course and module as a project, with the files they name."""
    (root / "modules").mkdir(parents=True)
    (root / "course.yaml").write_text(_only("course").text, encoding="utf-8")
    course = yaml.load(_only("course").text)
    module = yaml.load(_only("module").text)
    examples = {re.search(r"`([\w.-]+\.md)`", f.heading)[1]: f.text
                for f in GUIDE.fences if f.info == "markdown" and re.search(r"`[\w.-]+\.md`", f.heading)}
    picture = FIXTURES / "minimal" / "modules" / "demo" / "images" / "dot.png"
    slug = next(s for s in course["modules"] if s != "space-to-think")
    folder = root / "modules" / slug
    folder.mkdir()
    (folder / "module.yaml").write_text(_only("module").text, encoding="utf-8")
    for section in module["sections"]:
        for name in filter(None, (section["body"], section.get("facilitator_notes"))):
            (folder / name).write_text(examples.pop(name, "Words for this section.\n"), encoding="utf-8")
        for block in section.get("blocks", []):
            if block["type"] == "image":
                (folder / block["src"]).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(picture, folder / block["src"])
    assert not examples, f"Markdown examples the module does not use: {list(examples)}"
    # The other module the course lists: a small valid one stands in for it.
    shutil.copytree(FIXTURES / "minimal" / "modules" / "demo", root / "modules" / "space-to-think")
    return folder


@pytest.fixture
def pinned_today(monkeypatch):
    """Review-date checks compare with "today": pin it, so the suite never turns red on a calendar date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 12, 1).timestamp())))


def test_complete_example_passes_check(tmp_path, run, pinned_today):
    _example_project(tmp_path / "project")
    result = run(tmp_path / "project", "check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found.\n"


def _mistakes() -> list[tuple[Fence, Fence]]:
    pairs = []
    for fence, after in zip(GUIDE.fences, GUIDE.fences[1:]):
        if fence.info == "yaml" and fence.text.startswith(MISTAKE):
            assert after.info == "text", f"line {fence.line}: show the messages right after the mistake"
            pairs.append((fence, after))
    return pairs


@pytest.mark.parametrize("mistake, messages", _mistakes(), ids=lambda f: f"line{f.line}")
def test_each_mistake_gives_the_messages_shown(tmp_path, run, pinned_today, mistake, messages):
    """The mistake replaces the blocks of the example module's first section; the output must
    be exactly what the guide shows, locations included."""
    folder = _example_project(tmp_path / "project")
    lines = (folder / "module.yaml").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("    blocks:"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("  - title:"))
    wrong = ["      " + line for line in mistake.text.rstrip("\n").split("\n")[1:]]
    lines[start + 1:end] = [*wrong, ""]
    (folder / "module.yaml").write_text("\n".join(lines), encoding="utf-8")
    result = run(tmp_path / "project", "check")
    assert result.exit_code == 1
    assert result.output.rsplit("\n", 2)[0] + "\n" == messages.text, result.output


def test_other_quoted_messages_are_ones_the_tests_lock():
    locked = (GOLDEN / "broken-check.txt").read_text(encoding="utf-8") + "\n".join(e for _, e in CASES.values())
    locked += (GOLDEN / "yaml-indentation.txt").read_text(encoding="utf-8")  # the indentation shapes
    answers = {id(messages) for _, messages in _mistakes()}
    quoted = 0
    for fence in GUIDE.fences:
        if fence.info != "text" or id(fence) in answers:
            continue
        lines = fence.text.rstrip("\n").split("\n")
        for index, line in enumerate(lines):
            if DIAGNOSTIC_RE.match(line):
                with_hint = [line] + [h for h in lines[index + 1:index + 2] if h.startswith("  hint: ")]
                assert "\n".join(with_hint) in locked, f"line {fence.line}: {line}"
                quoted += 1
    assert quoted >= 10


def test_json_example_matches_real_output(run):
    result = run(FIXTURES / "broken", "check", "--format", "json")
    real = json.loads(result.output)
    examples = [f for f in GUIDE.fences if f.info == "json"]
    assert examples
    for fence in examples:
        for item in json.loads(fence.text):
            assert item in real


def test_documented_codes_exist():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "coursebuilder").rglob("*.py"))
    header, *rows = GUIDE.tables["The codes"]
    codes = [code for row in rows for code in re.findall(r"`([\w-]+)`", row[0])]
    assert len(codes) > 20
    assert [c for c in codes if f'"{c}"' not in source] == []


# "Writing the Markdown" says which HTML is kept, which is removed with its words, and which without.
KEPT = ['<abbr title="National Health Service">NHS</abbr>', "H<sub>2</sub>O", "x<sup>2</sup>", "<kbd>Ctrl</kbd>",
        "a<br>b"]
REMOVED_WITH_WORDS = ["<script>alert(1)</script>", "<style>p {color: red}</style>", "<!-- a note -->"]
WORDS_KEPT = ["<div>words</div>", "<span>words</span>", "<u>words</u>", '<font color="red">words</font>',
              '<iframe src="https://example.org">words</iframe>', "<form><button>words</button></form>"]
ATTRIBUTES_REMOVED = ['<p style="color: red">words</p>', '<p onclick="steal()">words</p>',
                      '<p onmouseover="steal()">words</p>']


def test_the_html_the_guide_promises_to_keep_and_remove():
    text = DOC.read_text(encoding="utf-8")
    for tag in ("<abbr", "<sup>", "<sub>", "<kbd>", "<br>", "<script>", "<style>", "<div>", "<span>", "<u>",
                "<font>", "<iframe>"):
        assert f"`{tag}" in text, tag
    for html in KEPT:
        assert html in render_markdown(f"Before {html} after"), html
    for html in REMOVED_WITH_WORDS:
        assert str(render_markdown(f"Before {html} after")).split() == ["<p>Before", "after</p>"], html
    for html in WORDS_KEPT + ATTRIBUTES_REMOVED:
        out = str(render_markdown(f"Before {html} after"))
        assert "words" in out and not re.search(r"<(div|span|u|font|iframe|form|button)\b|style=|on\w+=", out), out


# --- the guide hangs together -----------------------------------------------------------------


def _anchor(heading: str) -> str:
    """The anchor GitHub (and most Markdown viewers) give a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_every_internal_link_points_to_a_heading():
    anchors = {_anchor(h) for h in GUIDE.headings}
    internal = [link for link in GUIDE.links if link.startswith("#")]
    assert len(internal) > 20
    assert [link for link in internal if link[1:] not in anchors] == []


def test_headings_are_unique():
    assert len(GUIDE.headings) == len(set(GUIDE.headings))
