"""A misaligned line in module.yaml gets a message that says, in plain words, what it is out of line
with (which key or "-", on which line) and how many spaces fix it: never the parser's own words
("expected <block end>, but found '<block mapping start>'", "found '?'", "mapping values are not
allowed here"), and never the hint to quote text when the trouble is indentation.

Each shape below is one a trainer makes when editing by hand. Where the fix is "line it up with ...
(N spaces)", the test moves the line to N spaces and checks that the file then reads. The messages for
every shape are kept in tests/golden/yaml-indentation.txt (`pytest --update-golden` rewrites it).
"""

from __future__ import annotations

import re

import pytest

from coursebuilder import source
from coursebuilder.source import SourceError, TextFile, load_yaml

from .conftest import REPO

pytestmark = pytest.mark.fast

HEAD = "title: Arriving well\nminutes: 30\n"

# name: (text, line, column, words the message or hint must contain)
SHAPES: dict[str, tuple[str, int, int, list[str]]] = {
    "key one space too far": (
        HEAD + "sections:\n  - title: Why\n    minutes: 10\n     body: 01-why.md\n",
        6, 6, ['indented more than "minutes:" on line 5', 'line it up with "minutes:" (4 spaces)']),
    "key one space too little": (
        HEAD + "sections:\n  - title: Why\n    minutes: 10\n   body: 01-why.md\n",
        6, 4, ['indented less than "minutes:" on line 5', 'line it up with "minutes:" (4 spaces)']),
    "top-level key indented by a space": (
        HEAD + " summary: A first look\n",
        3, 2, ['indented more than "minutes:" on line 2', 'line it up with "minutes:" (no spaces)']),
    "key between two levels": (
        HEAD + "content_note:\n  topics: [loss]\n text: Take a break at any time.\n",
        5, 2, ['indented less than "topics:" on line 4', '"topics:" (2 spaces) if it belongs to "content_note"',
               '"content_note:" (no spaces) if it does not']),
    "list item indented a space less": (
        HEAD + "sections:\n  - title: Why\n    blocks:\n      - {type: key_point, text: Be kind}\n"
        "     - {type: key_point, text: Be curious}\n",
        7, 6, ['indented less than the "-" on line 6', 'line its "-" up with the "-" on line 6 (6 spaces)']),
    "list item indented a space more": (
        HEAD + "outcomes:\n  - Name two signs of stress\n   - Say what helps\n",
        5, 4, ['indented more than the "-" on line 4', 'read', 'line its "-" up with the "-" on line 4 (2 spaces)']),
    "list item with no space after the dash": (
        HEAD + "outcomes:\n  -Name two signs of stress\n  - Say what helps\n",
        4, 3, ['no space after the "-"', 'put a space after the "-", like "- Name two signs of stress"']),
    "long text runs on less indented": (
        HEAD + "sections:\n  - title: Why\n    summary: Why a space to think matters, for staff and for\n"
        "  the people they support\n    minutes: 10\n",
        6, 3, ['indented less than "summary:" on line 5', 'more of that text',
               'indent it further than "summary:" (6 spaces would do)']),
    "long text runs on at the key's column": (
        HEAD + "summary: Why a space to think matters, for staff and for\nthe people they support\n",
        4, 1, ['same column as "summary:" on line 3', 'indent it further than "summary:" (2 spaces would do)']),
    "key under a list item, one space too far": (
        HEAD + "sections:\n  - title: Why\n     minutes: 10\n",
        5, 6, ['indented more than "title:" on line 4', 'line it up with "title:" (4 spaces)']),
    "key under a list item, one space too little": (
        HEAD + "sections:\n  - title: Why\n   minutes: 10\n",
        5, 4, ['indented less than "title:" on line 4', 'line it up with "title:" (4 spaces)']),
    "key under a list item, in line with its dash": (
        HEAD + "sections:\n  - title: Why\n  minutes: 10\n  - title: How\n",
        5, 3, ['same column as the "-" on line 4', 'line it up with "title:" (4 spaces)', 'begin the line with "- "']),
    "list item in line with a key that has text": (
        HEAD + "outcomes:\n  - Name two signs of stress\nlicence: CC BY 4.0\n- Say what helps\n",
        6, 1, ['same column as "licence:" on line 5', 'list whose last item is on line 4',
               'line it up with its "-" (2 spaces)']),
    "text after a key whose next line is indented": (
        HEAD + "content_note: Please take care\n  topics: [loss]\n",
        4, 3, ['indented more than "content_note:" on line 3', 'already has text after it',
               'move the text "Please take care" off line 3']),
    "list under a key that has text": (
        HEAD + "outcomes: By the end you can\n  - Name two signs of stress\n",
        4, 3, ['under "outcomes:" on line 3', 'already has text after it', 'move the text "By the end you can"']),
    "no space after a key's colon": (
        "title:Arriving well\nminutes: 30\n",
        1, 7, ['no space after the colon in "title:"', 'put a space after the colon']),
    "a line of block text indented less than its first line": (
        HEAD + "summary: >-\n    Why a space to think matters, for staff\n  and for the people they support.\n",
        5, 3, ["indented less than line 4, the first line of the text under \"summary:\"",
               "start it in the same column as line 4 (4 spaces)"]),
    "block text not indented at all": (
        HEAD + "summary: >-\nWhy a space to think matters\n",
        4, 1, ['the text written under "summary:" on line 3 (after ">-") must be indented further',
               "to 2 spaces"]),
    "the first key indented": (
        "  title: Arriving well\nminutes: 30\n",
        1, 3, ["first key of the file is indented (2 spaces)", "take the spaces off the start of line 1"]),
    "key indented under a key with quoted text": (
        HEAD + 'sections:\n  - title: "Why: the reasons"\n      minutes: 10\n',
        5, 7, ['indented more than "title:" on line 4, which already has its value',
               'line it up with "title:" (4 spaces)']),
    "key indented under a key with a list on its line": (
        HEAD + "sections:\n  - title: Why\n    outcomes: [1, 2]\n      minutes: 10\n",
        6, 7, ['indented more than "outcomes:" on line 5, which already has its value',
               'line it up with "outcomes:" (4 spaces)']),
    "a tab before a key": (
        HEAD + "sections:\n\t- title: Why\n",
        4, 1, ["indented with a tab", "spaces only"]),
}

PARSER_WORDS = ["<block", "block mapping", "block sequence", "found '?'", "found '-'", "scanner", "parser",
                "simple key", "mapping values", "expected", "token", "YAML syntax"]


def _diagnostic(text: str):
    with pytest.raises(SourceError) as caught:
        load_yaml(TextFile("modules/demo/module.yaml", text))
    return caught.value.diagnostic


def _numbered(text: str) -> str:
    return "\n".join(f"  {number:2} | {line}".rstrip() for number, line in enumerate(text.split("\n")[:-1], 1))


@pytest.mark.parametrize("name", SHAPES)
def test_the_message_names_the_line_what_it_is_out_of_line_with_and_the_fix(name):
    text, line, column, words = SHAPES[name]
    found = _diagnostic(text)
    assert (found.line, found.column, found.code) == (line, column, "yaml"), found.format()
    said = f"{found.message}\n{found.hint}"
    for word in words:
        assert word in said, found.format()
    for word in PARSER_WORDS:
        assert word not in said, found.format()
    assert "in quotes" not in found.hint.split(";")[0], "quoting is never the first fix for an indentation mistake"


@pytest.mark.parametrize("name", SHAPES)
def test_both_yaml_readers_give_the_same_message(name, monkeypatch):
    text = SHAPES[name][0]
    monkeypatch.setattr(source, "LIBYAML", False)
    pure = _diagnostic(text)
    monkeypatch.setattr(source, "LIBYAML", True)
    assert _diagnostic(text) == pure


LINE_UP = re.compile(r"""(?:line it up with "[^"]+:"|line its "-" up with the "-" on line \d+|"""
                     r"""indent it further than "[^"]+:") \((no|\d+) spaces?""")


@pytest.mark.parametrize("name", [n for n in SHAPES if LINE_UP.search(_diagnostic(SHAPES[n][0]).hint or "")])
def test_doing_what_the_hint_says_makes_the_file_read(name):
    text, line, _, _ = SHAPES[name]
    found = _diagnostic(text)
    match = LINE_UP.search(found.hint or "")
    assert match is not None
    spaces = 0 if match[1] == "no" else int(match[1])
    lines = text.split("\n")
    lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    load_yaml(TextFile("modules/demo/module.yaml", "\n".join(lines)))


def test_a_colon_inside_text_still_gets_the_hint_to_quote_it():
    found = _diagnostic(HEAD + "summary: Safety: a first look\n")
    assert (found.line, found.column) == (3, 16)
    assert found.message == ('the text after "summary:" contains a colon followed by a space, which YAML reads as '
                             "the start of another key")
    assert found.hint == 'put the whole text in quotes, like summary: "Safety: a first look"'


def test_a_colon_in_text_that_runs_on_offers_quotes_as_the_other_fix():
    found = _diagnostic(HEAD + "summary: We look at three things\n  in this order: safety, trust, choice\n")
    assert found.line == 4
    assert 'line it up with "summary:" (no spaces)' in found.hint
    assert 'if "in this order: safety, trust, choice" is more of the text of "summary", put all of that text in quotes' \
        in found.hint


def test_lines_inside_block_text_and_quoted_text_are_not_mistaken_for_keys():
    text = (HEAD + "summary: |\n  Notes:\n     indented: freely\nfacilitator: 'one\n  two: three'\n"
            "sections:\n  - title: Why\n    minutes: 10\n   body: 01-why.md\n")
    found = _diagnostic(text)
    assert (found.line, found.column) == (11, 4)
    assert 'line it up with "minutes:" (4 spaces)' in found.hint


def test_every_one_line_slip_in_a_bundled_module_gets_plain_words():
    """Every third line of the first 160 of a bundled module (keys, lists, block text, quoted and flow
    values) moved a space or two either way: the file still reads, or the message has no parser words,
    and when it says how many spaces to use, doing that fixes the line it names (the file reads, or the
    next message is about a later line)."""
    lines = (REPO / "modules" / "space-to-think" / "module.yaml").read_text(encoding="utf-8").split("\n")[:160]
    load_yaml(TextFile("module.yaml", "\n".join(lines)))  # the slice reads as it is
    explained = 0
    for number in range(0, len(lines), 3):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        for shift in (-2, -1, 1, 2):
            if indent + shift < 0:
                continue
            moved = [*lines[:number], " " * (indent + shift) + text.lstrip(" "), *lines[number + 1:]]
            try:
                load_yaml(TextFile("module.yaml", "\n".join(moved)))
                continue
            except SourceError as exc:
                found = exc.diagnostic
            said = f"{found.message}\n{found.hint}"
            assert not [word for word in PARSER_WORDS if word in said], (number + 1, shift, found.format())
            match = SPACES.search(found.hint or "")
            if match is None:
                continue
            spaces = 0 if match[1] == "no" else int(match[1])
            fixed = list(moved)
            fixed[found.line - 1] = " " * spaces + fixed[found.line - 1].lstrip(" ")
            try:
                load_yaml(TextFile("module.yaml", "\n".join(fixed)))
            except SourceError as again:
                assert again.diagnostic.line > found.line, (number + 1, shift, found.format(), again.diagnostic.format())
            explained += 1
    assert explained > 50


SPACES = re.compile(r"""(?:line it up with "[^"]+:"|line its "-" up with the "-" on line \d+|"""
                    r"""indent it further than "[^"]+:"|start it in the same column as line \d+|"""
                    r"""indent this line, and the rest of that text, to) \(?(no|\d+) spaces?""")


def test_the_messages_for_every_shape_are_the_golden_ones(golden):
    parts = []
    for name, (text, *_) in SHAPES.items():
        parts.append(f"== {name}\n{_numbered(text)}\n{_diagnostic(text).format()}\n")
    golden("yaml-indentation.txt", "\n".join(parts))


def test_check_reports_an_indentation_mistake_with_exit_1_and_no_traceback(make_project, run):
    project = make_project()
    module = project / "modules" / "demo" / "module.yaml"
    text = module.read_text(encoding="utf-8")
    assert "    minutes: 10\n" in text
    module.write_text(text.replace("    minutes: 10\n", "     minutes: 10\n", 1), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "error[yaml]: this line is indented more than" in result.output
    assert "<block" not in result.output
