"""Reading the author's files: text decoding and line-aware YAML.

YAML is composed into ruamel's node tree and converted by hand, so that every key and value
keeps its line and column, dates stay as the text the author wrote (pydantic parses them and
reports bad ones), and duplicate keys and alias bombs are refused with a located message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from .diagnostics import Diagnostic
from .yaml_indentation import Entry, run_on_list_item
from .yaml_indentation import explain as explain_indentation

MAX_FILE_BYTES = 2 * 1024 * 1024  # a module's YAML or Markdown; far beyond any real module
# Values, counted as parsed and again after aliases are expanded: stops "billion laughs" documents and
# keeps reading fast (the bundled module has under 1,000; composing 20,000 takes about a second).
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 50

Loc = tuple[int | str, ...]
Position = tuple[int, int]  # 1-based line and column


class SourceError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class TextFile:
    path: str  # as shown to the author: relative to the project root
    text: str  # decoded, BOM removed, line endings normalised to "\n"


def read_text(file: Path, shown_as: str) -> TextFile:
    """Read a UTF-8 text file the author wrote, refusing what no author means to write."""

    def fail(code: str, message: str, hint: str, line: int = 0, column: int = 0) -> SourceError:
        return SourceError(Diagnostic(shown_as, line, column, "error", code, message, hint))

    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise fail(
            "too-large",
            f"this file is {size // 1024} KB; coursebuilder reads files up to {MAX_FILE_BYTES // 1024} KB",
            "split the content into smaller sections, each with its own Markdown file",
        )
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            "encoding",
            "this file is not saved as UTF-8 text",
            "save it again as 'UTF-8' (in Word: Save As > Plain Text > Unicode (UTF-8))",
            line,
            column,
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise fail(
            "encoding",
            "this file contains a NUL byte, so it is not a text file",
            "open it in a text editor and save it as plain UTF-8 text",
            line,
            column,
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(shown_as, text)


@dataclass
class YamlDocument:
    """Plain data (dicts, lists, str, int, float, bool, None) plus where each part was written."""

    path: str
    data: Any
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    value_positions: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, at_key: bool = False) -> Position:
        """Where `loc` was written, or its nearest written ancestor when it is missing."""
        loc = tuple(loc)
        if at_key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc:
            if loc in self.value_positions:
                return self.value_positions[loc]
            if loc in self.key_positions:
                return self.key_positions[loc]
            loc = loc[:-1]
        return self.value_positions.get((), (1, 1))


def load_yaml(file: TextFile) -> YamlDocument:
    """Parse one YAML document, keeping positions. Raises SourceError with a location."""

    def fail(code: str, message: str, hint: str, mark=None) -> SourceError:
        line = mark.line + 1 if mark is not None else 0
        column = mark.column + 1 if mark is not None else 0
        return SourceError(Diagnostic(file.path, line, column, "error", code, message, hint))

    if "\t" in file.text:
        # Tabs inside indentation are a YAML error with a confusing message; name it plainly.
        for number, text in enumerate(file.text.split("\n"), start=1):
            stripped = text.lstrip(" ")
            if stripped.startswith("\t"):
                raise SourceError(
                    Diagnostic(
                        file.path, number, len(text) - len(stripped) + 1, "error", "yaml",
                        "this line is indented with a tab",
                        "indent YAML with spaces only (two spaces per level)",
                    )
                )
    root = _compose_fast(file.text, fail)
    try:
        if root is None:
            _scan(file.text, fail, YAML(typ="rt"))
            root = YAML(typ="rt").compose(file.text)
    except ReaderError as exc:
        line = file.text.count("\n", 0, exc.position) + 1
        column = exc.position - (file.text.rfind("\n", 0, exc.position) + 1) + 1
        raise SourceError(Diagnostic(
            file.path, line, column, "error", "encoding",
            f"this file contains an invisible control character (#x{exc.character:04x}) that YAML does not allow",
            "delete the character, or retype the text around it (it often comes from copying out of Word or PDF)",
        )) from None
    except MarkedYAMLError as exc:
        plain = _plain_yaml_error(file, exc)
        if plain is not None:
            raise SourceError(plain) from None
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "the YAML here cannot be read").strip()
        raise fail("yaml", f"YAML syntax: {problem}", _yaml_hint(problem), mark) from None
    except YAMLError as exc:  # pragma: no cover - ruamel raises Marked errors for syntax
        raise fail("yaml", f"YAML syntax: {exc}", "check the indentation and punctuation") from None
    except RecursionError:
        raise fail("yaml", "this file is nested too deeply to read", "flatten the structure") from None

    if root is None:
        raise fail("empty", "this file is empty", "fill it in; `coursebuilder new` writes a starting point")
    doc = YamlDocument(file.path, None)
    counter = [0]
    doc.data = _convert(root, (), doc, counter, 0, fail, file.text.split("\n"))
    return doc


def _compose_fast(text: str, fail) -> Node | None:
    """The node tree from libyaml (ruamel.yaml.clib), ten times faster than the pure-Python parser; or
    None when libyaml is missing or finds anything wrong. Then the pure parser reads the file again:
    its messages are the ones we explain, and the two agree on every file both accept
    (tests/test_yaml_fast_path.py)."""
    if not LIBYAML:
        return None
    try:
        _scan(text, fail, YAML(typ="safe", pure=False))
        root = YAML(typ="safe", pure=False).compose(text)
    except Exception:  # noqa: BLE001 - any complaint at all, ours included: let the pure parser word it
        return None
    return None if _has_empty_value(root) else root


def _has_empty_value(root: Node | None) -> bool:
    """An empty value (`key:` and nothing after it) is placed differently by libyaml (after the colon)
    than by the pure parser (at the next line), and messages about it are located there: leave such
    files, rare and usually unfinished, to the pure parser.

    Each node is looked at once: an alias is the same node object as its anchor, so walking through
    aliases again would expand an alias bomb (nine lists of nine aliases: 387 million visits)."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.value == "" and node.style in (None, ""):
                return True
        elif isinstance(node, MappingNode):
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return root is None  # an empty file: the pure parser says so


def _has_libyaml() -> bool:
    try:
        from ruamel.yaml.cyaml import CParser  # noqa: F401 - only to see that libyaml is there
    except ImportError:
        return False
    return True


LIBYAML = _has_libyaml()


def _scan(text: str, fail, yaml: YAML) -> None:
    """Refuse too many or too deeply nested values while parsing, before composing the node tree:
    composing is slow and recursive, so a huge or deep file would otherwise hang or overflow."""
    count = depth = 0
    for event in yaml.parse(text):
        if isinstance(event, (CollectionStartEvent, ScalarEvent, AliasEvent)):
            count += 1
            if count > MAX_YAML_NODES:
                raise fail("too-large", f"this file has more than {MAX_YAML_NODES:,} values",
                           "check for text pasted in by mistake, or split the content into smaller modules",
                           event.start_mark)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise fail("too-deep", "this file is nested too deeply", "flatten the structure", event.start_mark)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _plain_yaml_error(file: TextFile, exc: MarkedYAMLError) -> Diagnostic | None:
    """The parser's complaints about indentation and colons, said in plain words with the fix
    (coursebuilder/yaml_indentation.py), or None to word the parser's own message."""
    problem = (exc.problem or "").strip()
    if problem == "mapping values are not allowed here" or problem.startswith(("expected <block end>",
                                                                               "expected '<document start>'")):
        found, mark = "key", exc.problem_mark
    elif problem == "could not find expected ':'" and exc.context == "while scanning a simple key":
        found, mark = "text", exc.context_mark
    else:
        return None
    if mark is None:
        return None
    line = mark.line + 1
    explained = explain_indentation(file.text, line, found)
    if explained is not None:
        return Diagnostic(file.path, explained.line, explained.column, "error", "yaml", explained.message,
                          explained.hint)
    if problem == "mapping values are not allowed here":
        colon_in_text = _colon_in_text(file.text.split("\n")[mark.line], mark.column)
        if colon_in_text is not None:
            message, hint = colon_in_text
            return Diagnostic(file.path, line, mark.column + 1, "error", "yaml", message, hint)
    text = file.text.split("\n")[mark.line] if mark.line < file.text.count("\n") + 1 else ""
    column = len(text) - len(text.lstrip(" ")) + 1 if text.strip() else mark.column + 1
    return Diagnostic(file.path, line, column, "error", "yaml",
                      "YAML cannot tell where this line belongs: its indentation does not match the lines above it",
                      'line it up, with spaces, with the key or the "-" it belongs beside')


def _colon_in_text(text: str, colon: int) -> tuple[str, str] | None:
    """`title: Safety: first steps`: a second colon and space on a key's line, inside its text."""
    stripped = text.lstrip(" ")
    while stripped == "-" or stripped.startswith("- "):
        stripped = stripped[1:].lstrip(" ")
    key, sep, value = stripped.partition(": ")
    start = len(text) - len(stripped) + len(key) + len(sep)
    if not sep or colon < start or not value.strip():
        return None
    value = value.split(" #")[0].strip()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return (f'the text after "{key.strip()}:" contains a colon followed by a space, which YAML reads as the '
            "start of another key",
            f"put the whole text in quotes, like {key.strip()}: {quoted}")


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return 'put text that contains ": " in quotes, like "Safety: first steps"'
    if "found character '\\t'" in problem or "tab" in problem:
        return "replace the tab with a space, or put the text in quotes (YAML allows tabs only inside quotes)"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check that items at the same level start in the same column"
    if "found undefined alias" in problem:
        return "an '*name' refers to an '&name' that is not defined above it"
    return "check the indentation and punctuation near here"


_SCALAR_TAGS = "tag:yaml.org,2002:"


def _convert(node: Node, loc: Loc, doc: YamlDocument, counter: list[int], depth: int, fail,
             lines: list[str]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_YAML_NODES:
        raise fail("too-large", "this file expands to too many values (are aliases repeating each other?)",
                   "write the values out instead of using many '*alias' references", node.start_mark)
    if depth > MAX_YAML_DEPTH:
        raise fail("too-deep", "this file is nested too deeply", "flatten the structure", node.start_mark)
    doc.value_positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)

    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise fail("yaml", "a key must be a plain name", "write keys as simple words, like `title:`",
                           key_node.start_mark)
            if key_node.tag == _SCALAR_TAGS + "merge":
                raise fail("yaml", "YAML merge keys ('<<') are not supported",
                           "write the keys out in full", key_node.start_mark)
            key = str(key_node.value)
            if key in result:
                first = doc.key_positions[(*loc, key)]
                raise fail("duplicate-key", f'"{key}" appears twice in the same place (first on line {first[0]})',
                           "keep one of them and delete the other", key_node.start_mark)
            doc.key_positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _refuse_run_on_list(value_node, key_node, lines, doc.path)
            result[key] = _convert(value_node, (*loc, key), doc, counter, depth + 1, fail, lines)
        return result
    if isinstance(node, SequenceNode):
        for item in node.value:
            _refuse_run_on_list(item, None, lines, doc.path)
        return [_convert(item, (*loc, i), doc, counter, depth + 1, fail, lines) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode), node  # ruamel's composer makes only mappings, sequences and scalars
    return _scalar(node)


def _refuse_run_on_list(node: Node, key_node: Node | None, lines: list[str], path: str) -> None:
    """A plain text over several lines, one of which starts with "- ": a list item YAML read as text."""
    if not isinstance(node, ScalarNode) or node.style not in (None, "") or node.start_mark.line == node.end_mark.line:
        return
    start = (node.start_mark.line, node.start_mark.column)
    owner: Entry | None
    if key_node is not None:
        owner = Entry(key_node.start_mark.line + 1, key_node.start_mark.column, "key", str(key_node.value))
    else:
        text = lines[start[0]]
        dash = text.rfind("-", 0, start[1])
        owner = Entry(start[0] + 1, dash, "item") if dash >= 0 and not text[dash + 1:start[1]].strip() else None
    explained = run_on_list_item(lines, start, node.end_mark.line, owner)
    if explained is not None:
        raise SourceError(Diagnostic(path, explained.line, explained.column, "error", "yaml",
                                     explained.message, explained.hint))


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if node.style not in (None, ""):  # quoted or block scalars are always text
        # ruamel marks where a folded (>) scalar was folded with "\a", to round-trip it; drop the marks.
        return value.replace("\a", "") if node.style == ">" else value
    if tag == _SCALAR_TAGS + "null":
        return None
    if tag == _SCALAR_TAGS + "bool":
        return value.lower() == "true"
    if tag == _SCALAR_TAGS + "int":
        text = value.replace("_", "")
        try:
            if text.lower().startswith(("0x", "-0x", "+0x")):
                return int(text, 16)
            if text.lower().startswith(("0o", "-0o", "+0o")):
                return int(text, 8)
            return int(text)
        except ValueError:
            return value
    if tag == _SCALAR_TAGS + "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    # Timestamps and everything else stay text; pydantic parses dates and reports bad ones.
    return value
