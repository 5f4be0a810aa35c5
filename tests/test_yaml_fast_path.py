"""libyaml reads YAML ten times faster than ruamel's pure-Python parser; both must give the same values
and positions for every file, and every mistake must still get the pure parser's located message."""

from __future__ import annotations

import pytest

from coursebuilder import source
from coursebuilder.source import SourceError, TextFile, load_yaml

from .conftest import FIXTURES, REPO

SNIPPETS = {
    "folded and literal": "a: >-\n  one\n  two\n\n  three\nb: |\n  keep\n    this\n",
    "quoted and plain": "a: 'it''s'\nb: \"tab\\there\"\nc: plain text, no colon\nd: multi\n  line plain\n",
    "numbers and words": "a: 010\nb: 0x1F\nc: 1_000\nd: 1.5e3\ne: yes\nf: on\ng: ~\nh: true\ni: .nan\n",
    "dates stay text": "reviewed: 2026-11-01\nat: 2026-11-01T09:30:00Z\ntime: 09:30\n",
    "unicode positions": "título: café ☕\nlist:\n  - ñandú\n  - {clé: värde, ключ: значение}\n",
    "flow collections": "a: [1, [2, 3], {b: c}]\nd: {e: [f, g]}\n",
    "anchors within limits": "base: &b {x: 1}\nuse: *b\nmore: [*b, *b]\n",
    "comments everywhere": "# top\na: 1  # after\n# between\nb:\n  # inside\n  - 2\n",
    "windows line endings": "a: 1\r\nb:\r\n  - two\r\n",
    "byte order mark": "\ufeffa: 1\n",
    "empty values": "a:\nb: []\nc: {}\nd: ''\n",
    "document markers": "---\na: 1\n...\n",
    "unknown tag (kept as text)": "a: !!python/object:os.system x\n",
}

MISTAKES = {
    "duplicate key": "a: 1\na: 2\n",
    "merge key": "base: &b {x: 1}\nuse:\n  <<: *b\n",
    "second document": "a: 1\n---\nb: 2\n",
    "bad indentation": "a:\n  - b\n - c\n",
    "colon in text": "title: Safety: first steps\n",
    "unclosed quote": 'a: "open\nb: 2\n',
    "undefined alias": "a: *nowhere\n",
    "control character": "a: one\x07two\n",
    "too deep": "a: " + "[" * 60 + "]" * 60 + "\n",
    "complex key": "? [a, b]\n: c\n",
}


def _read(text: str, fast: bool, monkeypatch):
    monkeypatch.setattr(source, "LIBYAML", fast)
    try:
        doc = load_yaml(TextFile("file.yaml", text))
    except SourceError as exc:
        return ("error", exc.diagnostic.format())
    return (doc.data, doc.key_positions, doc.value_positions)


def test_libyaml_is_installed_so_the_fast_path_runs():
    assert source.LIBYAML  # ruamel.yaml.clib is a dependency; without it reading is 10x slower


def _project_yaml():
    files = [REPO / "course.yaml", *sorted((REPO / "modules").rglob("*.yaml")), *sorted(FIXTURES.rglob("*.yaml")),
             *sorted((REPO / "themes").rglob("*.yaml"))]
    return [pytest.param(file, id=file.relative_to(REPO).as_posix()) for file in files]


@pytest.mark.parametrize("file", _project_yaml())
def test_every_yaml_file_in_the_project_reads_the_same_both_ways(file, monkeypatch):
    text = file.read_text(encoding="utf-8")
    assert _read(text, True, monkeypatch) == _read(text, False, monkeypatch)


@pytest.mark.parametrize("file", sorted((REPO / "modules").rglob("module.yaml")), ids=lambda f: f.parent.name)
def test_the_bundled_modules_take_the_fast_path(file):
    def fail(*args):
        return AssertionError(args)

    assert source._compose_fast(file.read_text(encoding="utf-8"), fail) is not None


@pytest.mark.parametrize("text", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_tricky_yaml_reads_the_same_both_ways(text, monkeypatch):
    fast = _read(text, True, monkeypatch)
    assert fast[0] != "error"
    assert fast == _read(text, False, monkeypatch)


@pytest.mark.parametrize("text", MISTAKES.values(), ids=MISTAKES.keys())
def test_mistakes_get_the_same_located_message_both_ways(text, monkeypatch):
    fast = _read(text, True, monkeypatch)
    assert fast[0] == "error", fast
    assert fast == _read(text, False, monkeypatch)
