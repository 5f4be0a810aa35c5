"""A YAML alias bomb (lists of aliases to lists of aliases) stops at the node limit with a located
`too-large` message, whatever its shape and whichever parser reads it.

Nine levels of nine aliases expand to 387 million values. Reading one used to hang for minutes when
libyaml read the file: looking for empty values walked through every alias again. Each case runs in
a child process with a deadline that only catches a hang (reading takes well under a second).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import REPO

HANG_GUARD_SECONDS = 60  # only to catch a hang; not a speed goal

_NINE = ", ".join(["lol"] * 9)


def _list_bomb(indent: str = "") -> str:
    """a: &a [lol x 9], b: &b [*a x 9] ... i: &i [*h x 9], one key per line at `indent`."""
    lines = [f"{indent}a: &a [{_NINE}]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{indent}{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def _merge_bomb() -> str:
    """Mappings that hold the previous one nine times and merge it (`<<:`): every level nine times bigger.
    Merge keys are refused where they are met, which is before the limit: the located message says so."""
    lines = ["a: &a {" + ", ".join(f"k{j}: lol" for j in range(9)) + "}"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        keys = ", ".join(f"{name}{j}: *{previous}" for j in range(9))
        lines.append(f"{name}: &{name} {{{keys}, <<: *{previous}}}")
    return "\n".join(lines) + "\n"


MODULE_START = "title: Demo\nminutes: 30\nsections:\n  - title: First\n    minutes: 30\n"
COURSE_START = "title: Fixture course\nmodules: [demo]\n"

TOO_LARGE = "error[too-large]: this file expands to too many values (are aliases repeating each other?)"
MERGE = "error[yaml]: YAML merge keys ('<<') are not supported"

# (id, file name, text, first and last line where the message may be located, message)
SHAPES = [
    ("top-level", "modules/demo/module.yaml", MODULE_START + _list_bomb(), 6, 14, TOO_LARGE),
    ("nested-in-a-section", "modules/demo/module.yaml",
     MODULE_START + "    extra:\n" + _list_bomb("      "), 7, 15, TOO_LARGE),
    ("in-a-list-item", "modules/demo/module.yaml", MODULE_START + "extra:\n  - " + _list_bomb("    ")[4:], 7, 15,
     TOO_LARGE),
    ("in-course-yaml", "course.yaml", COURSE_START + _list_bomb(), 3, 11, TOO_LARGE),
    ("through-merge-keys", "modules/demo/module.yaml", MODULE_START + _merge_bomb(), 7, 7, MERGE),
    ("merged-after-expanding", "modules/demo/module.yaml", MODULE_START + _list_bomb() + "j: {<<: *i}\n", 6, 14,
     TOO_LARGE),
]

READ = """
import sys
from coursebuilder import source
from coursebuilder.source import SourceError, TextFile, load_yaml

name, parser = sys.argv[1], sys.argv[2]
text = sys.stdin.read()
source.LIBYAML = parser == "libyaml"
if source.LIBYAML:  # the case must take the libyaml path, where the hang was
    assert source._compose_fast(text, lambda *args: ValueError(args)) is not None, "libyaml refused the file"
try:
    load_yaml(TextFile(name, text))
except SourceError as exc:
    print(exc.diagnostic.format())
else:
    print("read without complaint")
"""


def _read_in_child(name: str, text: str, parser: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", READ, name, parser], input=text, capture_output=True, text=True,
        cwd=REPO, timeout=HANG_GUARD_SECONDS, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
@pytest.mark.parametrize("name, text, first, last, message",
                         [pytest.param(*shape[1:], id=shape[0]) for shape in SHAPES])
def test_alias_bomb_stops_at_the_node_limit_with_a_located_message(name, text, first, last, message, parser):
    output = _read_in_child(name, text, parser)
    _assert_located(output, name, first, last, message)


def _assert_located(output: str, name: str, first: int, last: int, message: str) -> None:
    location, found, _ = output.partition(": " + message)
    assert found, output
    file, line, column = location.rsplit(":", 2)
    assert file == name and first <= int(line) <= last and int(column) >= 1, output


def test_a_bomb_in_course_yaml_stops_coursebuilder_check(make_project):
    project = make_project()
    with open(project / "course.yaml", "a", encoding="utf-8") as course:
        course.write(_list_bomb())
    result = subprocess.run(
        [sys.executable, "-m", "coursebuilder", "check"], cwd=project, capture_output=True, text=True,
        timeout=HANG_GUARD_SECONDS, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    _assert_located(result.stdout, "course.yaml", 10, 18, TOO_LARGE)
    assert "Traceback" not in result.stderr
