"""Plain words for YAML indentation mistakes.

The YAML parser reports a misaligned line in its own terms ("expected <block end>, but found
'<block mapping start>'", "mapping values are not allowed here", "could not find expected ':'").
Here the lines above the one it stopped at are read again, only for their indentation: which keys
and list items are open, at which column, and which key's text is still running on. Then the
misaligned line is explained against the line it should line up with, and the fix says how many
spaces to use.

Only the lines above the mistake are read, and the parser has already accepted them, so a small
line reader is enough. When the shape is not one recognised here, `explain` returns None and the
caller words the parser's complaint as best it can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A key: a quoted name, or plain words up to the first colon followed by a space or the line's end.
_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"?:,\[\]{}&*!|>%@`-][^#]*?|-[^\s#]*?)[ ]*:(?=[ ]|$)""")
_SAME_LINE_KEY_NO_SPACE = re.compile(r"^(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?=[^\s/])")
_NAME_LIKE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass
class Entry:
    """A key or a list item's "-", where it was written and what follows it on its line."""

    line: int  # 1-based
    column: int  # 0-based, as the number of spaces before it
    kind: str  # "key" or "item"
    name: str = ""  # the key
    value: str = ""  # what follows the key's colon or the item's "-" on the same line

    @property
    def has_text(self) -> bool:
        """A plain text value on its own line, which YAML lets run on to the lines below it."""
        value = self.value
        return bool(value) and not value.startswith(("#", "|", ">", "[", "{", '"', "'", "&", "!", "*"))

    @property
    def label(self) -> str:
        return f'"{self.name}:"' if self.kind == "key" else 'the "-"'


@dataclass
class Explanation:
    line: int
    column: int  # 1-based
    message: str
    hint: str


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else f"{count} space{'' if count == 1 else 's'}"


def _split(text: str, number: int) -> tuple[int, list[Entry], str]:
    """A line's indentation, its keys and "-" items from left to right, and the rest of the line."""
    column = len(text) - len(text.lstrip(" "))
    rest = text[column:]
    entries: list[Entry] = []
    while rest == "-" or rest.startswith("- "):
        after = rest[1:]
        entries.append(Entry(number, column, "item", value=after.strip()))
        column += 1 + len(after) - len(after.lstrip(" "))
        rest = after.lstrip(" ")
    match = _KEY.match(rest)
    if match and not rest.startswith("#"):
        if entries:
            entries[-1].value = ""  # the item holds this key, not text
        name = match.group("key").strip()
        if name[:1] in "\"'":
            name = name[1:-1]
        entries.append(Entry(number, column, "key", name, rest[match.end():].strip()))
    return column, entries, rest


def _significant(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#") and stripped not in ("---", "...")


class _Reader:
    """The open keys and items, line by line, as YAML nests them by indentation."""

    def __init__(self) -> None:
        self.stack: list[Entry] = []
        self.text_owner: Entry | None = None  # a key or item whose plain text may run on
        self.text_lines: list[int] = []  # the lines that text has run on to
        self.closed_items: list[Entry] = []  # items closed by the last line read
        self._skip_deeper_than: int | None = None  # inside a block (| or >) text
        self.block_owner: Entry | None = None  # the key or item whose block text that is
        self.block_first: tuple[int, int] | None = None  # the block text's first line, and its indentation
        self.block_broken: tuple[int, int] | None = None  # a line of it indented less than its first line
        self.earlier_break: tuple | None = None  # (owner, first, broken) of a block text that ended so
        self._closing: str | None = None  # inside a quoted or bracketed value spread over lines
        self._depth = 0

    def continues(self, column: int) -> bool:
        return self.text_owner is not None and column > self.text_owner.column

    def read(self, text: str, number: int) -> None:
        if self._closing is not None:
            self._close(text)
            return
        if not _significant(text):
            return
        column, entries, rest = _split(text, number)
        indent = len(text) - len(text.lstrip(" "))
        if self._skip_deeper_than is not None:
            if indent > self._skip_deeper_than:
                if self.block_first is None:
                    self.block_first = (number, indent)
                elif indent < self.block_first[1] and self.block_broken is None:
                    self.block_broken = (number, indent)
                return
            self._skip_deeper_than = None
            if self.block_broken is not None and self.earlier_break is None:
                self.earlier_break = (self.block_owner, self.block_first, self.block_broken)
            self.block_owner = self.block_first = self.block_broken = None
        if self.continues(indent):
            self.text_lines.append(number)
            return
        self.text_owner = None
        self.text_lines = []
        self.closed_items = []
        for entry in entries:
            self._push(entry)
        if not entries:
            if not self.stack:  # text on its own at the top of the file, like `title:A`
                self.text_owner = Entry(number, -1, "text", value=rest)
            return
        last = entries[-1]
        value = last.value
        if value.startswith(("|", ">")):
            self._skip_deeper_than = last.column
            self.block_owner = last
        elif value[:1] in ("[", "{"):
            self._depth = 0
            self._closing = "]"
            self._close(value)
        elif value[:1] in ('"', "'") and not _quote_closed(value):
            self._closing = value[0]
        elif last.has_text:
            self.text_owner = last

    def _close(self, text: str) -> None:
        if self._closing in ('"', "'"):
            if self._closing in text:
                self._closing = None
            return
        for char in text:
            if char in "[{":
                self._depth += 1
            elif char in "]}":
                self._depth -= 1
        if self._depth <= 0:
            self._closing = None

    def _push(self, entry: Entry) -> None:
        while self.stack and self.stack[-1].column > entry.column:
            popped = self.stack.pop()
            if popped.kind == "item":
                self.closed_items.append(popped)
        if self.stack and self.stack[-1].column == entry.column:
            top = self.stack[-1]
            if top.kind == entry.kind:
                self.stack.pop()
            elif top.kind == "key" and entry.kind == "item":
                pass  # a list may start in line with the key that holds it
        self.stack.append(entry)


def _quote_closed(value: str) -> bool:
    quote = value[0]
    body = value[1:].replace(quote * 2, "") if quote == "'" else re.sub(r"\\.", "", value[1:])
    return quote in body


def explain(text: str, line: int, found: str) -> Explanation | None:
    """Why `line` (1-based) is misplaced, in plain words, or None for a shape not recognised here.

    `found` says what the parser stopped at: "key" (a colon where it did not expect one, or a key
    or item that does not fit), or "text" (a line that is neither a key nor more of the text above).
    """
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    reader = _Reader()
    for number, content in enumerate(lines[: line - 1], start=1):
        reader.read(content, number)
    content = lines[line - 1]
    _, entries, rest = _split(content, line)
    indent = len(content) - len(content.lstrip(" "))
    column = indent + 1
    if reader._closing is not None or not rest:
        return None
    if reader.block_owner is not None and reader.block_broken is not None:
        return _block_text(reader.block_owner, reader.block_first, *reader.block_broken)
    if reader.earlier_break is not None:
        return _block_text(*reader.earlier_break)
    if reader.block_owner is not None:
        return _block_text(reader.block_owner, reader.block_first, line, indent)
    first = _first_key_indented(lines, line)
    if found == "key" and first is not None and indent < first[1]:
        return Explanation(
            first[0], first[1] + 1,
            f"the first key of the file is indented ({_spaces(first[1])}), so YAML expects every key at the top "
            f"level to be indented the same, and line {line} is not",
            f"take the spaces off the start of line {first[0]}, so that it starts at the left edge like line {line}")
    if found == "key" and reader.continues(indent):
        return _runs_on(reader, line, indent, entries, rest, lines)
    if not entries:
        return _text_line(reader, line, indent, rest)
    if entries[0].kind == "item":
        return _item(reader, entries[0], column)
    return _key(reader, entries[0], column)


def _first_key_indented(lines: list[str], line: int) -> tuple[int, int] | None:
    """The first line with a key, when it is indented: (1-based line, spaces)."""
    for number, content in enumerate(lines[: line - 1], start=1):
        if _significant(content):
            indent = len(content) - len(content.lstrip(" "))
            return (number, indent) if indent else None
    return None


def _block_text(owner: Entry, first: tuple[int, int] | None, line: int, indent: int) -> Explanation | None:
    """A line of text written after "|" or ">" that is indented less than the text's first line."""
    name = f'"{owner.name}:"' if owner.kind == "key" else f'the "-" on line {owner.line}'
    if first is None and indent <= owner.column:
        return Explanation(
            line, indent + 1,
            f'the text written under {name} on line {owner.line} (after "{owner.value.split()[0]}") must be '
            f"indented further than {name}, and this line is not",
            f"indent this line, and the rest of that text, to {_spaces(owner.column + 2)}")
    if first is None or indent > first[1]:
        return None
    if indent <= owner.column:
        return Explanation(
            line, indent + 1,
            f'this line is not indented further than {name} on line {owner.line}, so it is not part of the '
            "text written under it, and it is not a key either",
            f"indent it like the line above ({_spaces(first[1])}), as every line of that text must be")
    return Explanation(
        line, indent + 1,
        f"this line is indented less than line {first[0]}, the first line of the text under {name}, so YAML "
        "ends that text before it",
        f"start it in the same column as line {first[0]} ({_spaces(first[1])}): every line of that text must be "
        "indented at least as much as its first line")


def _runs_on(reader: _Reader, line: int, indent: int, entries: list[Entry], rest: str,
             lines: list[str]) -> Explanation | None:
    """A line indented further than a key with text: YAML reads it as more of that text, then stops at its colon."""
    owner = reader.text_owner
    assert owner is not None
    for number in [owner.line, *reader.text_lines]:
        glued = _SAME_LINE_KEY_NO_SPACE.match(lines[number - 1].strip())
        if glued:
            colon = lines[number - 1].index(":") + 1
            return Explanation(
                number, colon + 1,
                f'there is no space after the colon in "{glued.group("key")}:", so YAML does not read it as a key',
                f'put a space after the colon, like "{glued.group("key")}: {_short(glued.string[glued.end():])}"')
    if not entries or entries[0].kind != "key" or owner.kind == "text":
        return None
    key = entries[0]
    if owner.kind == "item":
        where = f'the "-" on line {owner.line}'
        line_up = f'line it up with the "-" on line {owner.line} ({_spaces(owner.column)}) and start it with "- "'
        whose = "that item"
    else:
        where = f'"{owner.name}:" on line {owner.line}'
        line_up = f'line it up with "{owner.name}:" ({_spaces(owner.column)}) to make it a key of its own'
        whose = f'"{owner.name}"'
    message = (f'this line is indented more than {where}, which already has text after it, so YAML reads '
               f'"{key.name}:" as more of that text and cannot start a new key here')
    if _NAME_LIKE.match(key.name):
        if indent - owner.column < 2:  # one space out: a slip, not a key meant to go under this one
            return Explanation(line, indent + 1, message, line_up)
        if owner.kind == "key":
            other = (f'or, if "{key.name}" belongs under "{owner.name}", move the text "{_short(owner.value)}" off '
                     f'line {owner.line}: a key has either text after it or keys under it, not both')
        else:
            other = f'or, if it is more of the text of {whose}, put all of that text in quotes'
    else:
        other = f'or, if "{rest.strip()[:40]}" is more of the text of {whose}, put all of that text in quotes'
    return Explanation(line, indent + 1, message, f"{line_up}; {other}")


def _short(text: str) -> str:
    text = text.split(" #")[0].strip()
    return text if len(text) <= 30 else text[:29] + "…"


def _text_line(reader: _Reader, line: int, indent: int, rest: str) -> Explanation | None:
    """A line that is neither a key nor a list item, and not indented enough to be more of the text above."""
    owner = reader.text_owner
    if owner is None:
        if reader.stack and reader.stack[-1].kind == "key":
            key = reader.stack[-1]
            return Explanation(
                line, indent + 1,
                "this line is not a key (it has no colon) and not a list item (it does not start with \"- \")",
                f'if it is a key, add a colon after its name; if it is text, put it after a key, like "{key.name}: …"')
        return None
    if owner.kind == "text":
        return None
    target = owner.column + 2
    how = "starts in the same column as" if indent == owner.column else "is indented less than"
    message = (f"this line {how} {owner.label} on line {owner.line}, so YAML cannot read it as more of that "
               "text, and it is not a key either")
    hint = (f"indent it further than {owner.label} ({_spaces(target)} would do), or join it to the end of "
            "the line above")
    return Explanation(line, indent + 1, message, hint)


def _key(reader: _Reader, key: Entry, column: int) -> Explanation | None:
    same = [entry for entry in reader.stack if entry.column == key.column]
    if same and same[-1].kind == "item":
        item = same[-1]
        inside = next((e for e in reader.stack if e.kind == "key" and e.line == item.line and e.column > item.column),
                      None)
        message = (f'this line starts in the same column as the "-" on line {item.line}, so it is neither a new '
                   f'list item nor part of the item on line {item.line}')
        if inside is not None:
            hint = (f'to add "{key.name}" to the item on line {item.line}, line it up with "{inside.name}:" '
                    f'({_spaces(inside.column)}); to start a new item, begin the line with "- "')
        else:
            parent = _parent_key(reader, item)
            hint = 'to add another item to the list, begin the line with "- "'
            if parent is not None:
                hint += (f'; to make "{key.name}" a key of its own, line it up with "{parent.name}:" '
                         f"({_spaces(parent.column)})")
        owner = reader.text_owner
        if owner is not None and owner.kind == "key" and not _NAME_LIKE.match(key.name):
            hint = (f'if it is more of the text of "{owner.name}", indent it further than "{owner.name}:" '
                    'and put all of that text in quotes; to start a new item, begin the line with "- "')
        return Explanation(key.line, column, message, hint)
    if same:
        return None  # lined up with a key: the trouble is elsewhere
    deeper = [e for e in reader.stack if e.column > key.column]
    shallower = [e for e in reader.stack if e.column < key.column]
    keys = [e for e in reader.stack if e.kind == "key"]
    if not deeper:
        top = reader.stack[-1] if reader.stack else None
        if top is None or top.kind != "key" or not top.value or top.value.startswith("#"):
            return None
        return Explanation(
            key.line, column,
            f'this line is indented more than "{top.name}:" on line {top.line}, which already has its value, so it '
            f'cannot start a key under "{top.name}"',
            f'line it up with "{top.name}:" ({_spaces(top.column)})')
    if not keys:
        return None
    above = min(deeper, key=lambda e: e.column)
    below = shallower[-1] if shallower else None
    best = min(keys, key=lambda e: (abs(e.column - key.column), -e.column))
    message = f"this line is indented less than {above.label} on line {above.line} ({_spaces(above.column)})"
    if below is not None:
        message += f" but more than {below.label} on line {below.line} ({_spaces(below.column)})"
    message += ", so YAML cannot tell which key it belongs beside"
    hint = f'line it up with "{best.name}:" ({_spaces(best.column)})'
    if best is above and below is not None and below.kind == "key":
        parent = _parent_key(reader, above)
        belongs = f' if it belongs to "{parent.name}"' if parent is not None else ""
        hint += f"{belongs}, or with \"{below.name}:\" ({_spaces(below.column)}) if it does not"
    return Explanation(key.line, column, message, hint)


def _item(reader: _Reader, item: Entry, column: int) -> Explanation | None:
    same = [entry for entry in reader.stack if entry.column == item.column]
    if same and same[-1].kind == "item":
        return None  # lined up with the items above: the trouble is elsewhere
    if same and same[-1].kind == "key" and same[-1].value:
        key = same[-1]
        message = (f'this list item starts in the same column as "{key.name}:" on line {key.line}, which has text '
                   "after it, so it cannot be part of a list here")
        lists = reader.closed_items
        if lists:
            last = lists[-1]
            hint = (f'if it belongs to the list whose last item is on line {last.line}, move it up to follow that '
                    f'item and line it up with its "-" ({_spaces(last.column)})')
        else:
            hint = ('a list goes under a key with nothing after its colon, with each "-" indented further than '
                    "that key")
        return Explanation(item.line, column, message, hint)
    items = [e for e in reader.stack if e.kind == "item"]
    items += [e for e in reader.closed_items if e.column > item.column]
    if not items:
        return None
    nearest = min(items, key=lambda e: (abs(e.column - item.column), -e.column))
    more_or_less = "less" if nearest.column > item.column else "more"
    message = (f'this list item is indented {more_or_less} than the "-" on line {nearest.line} '
               f"({_spaces(nearest.column)}), so YAML cannot tell which list it belongs to")
    hint = f'line its "-" up with the "-" on line {nearest.line} ({_spaces(nearest.column)})'
    return Explanation(item.line, column, message, hint)


def _parent_key(reader: _Reader, entry: Entry) -> Entry | None:
    """The key that holds `entry`: the nearest key to its left on the open stack."""
    index = next((i for i, e in enumerate(reader.stack) if e is entry), None)
    if index is None:
        return None
    for candidate in reversed(reader.stack[:index]):
        if candidate.kind == "key" and candidate.column < entry.column:
            return candidate
    return None


def run_on_list_item(lines: list[str], start: tuple[int, int], end_line: int, owner: Entry | None) -> Explanation | None:
    """A plain text that runs on to a line starting with "- ": almost always a list item YAML could not
    see as one (misaligned, or under a key that already has text, or "-one" with no space). The text
    starts at `start` (0-based line and column) and ends on `end_line` (0-based)."""
    for number in range(start[0] + 1, min(end_line, len(lines) - 1) + 1):
        stripped = lines[number].strip()
        if not (stripped == "-" or stripped.startswith("- ")):
            continue
        column = len(lines[number]) - len(lines[number].lstrip(" ")) + 1
        first = lines[start[0]][start[1]:]
        if first.startswith("-") and first[1:2] not in ("", " "):
            return Explanation(
                start[0] + 1, start[1] + 1,
                f'there is no space after the "-" in "{_short(first)}", so YAML reads it, and the items below it, '
                "as one piece of text rather than a list",
                f'put a space after the "-", like "- {_short(first[1:])}"')
        if owner is None:
            return None
        if owner.kind == "item":
            return Explanation(
                number + 1, column,
                f'this "-" is indented more than the "-" on line {owner.line}, so YAML reads it as more of the text '
                "of that item, not as a new item",
                f'line its "-" up with the "-" on line {owner.line} ({_spaces(owner.column)})')
        return Explanation(
            number + 1, column,
            f'this "-" is under "{owner.name}:" on line {owner.line}, which already has text after it, so YAML '
            "reads it as more of that text, not as a list item",
            f'to make a list, move the text "{_short(lines[start[0]][start[1]:])}" off line {owner.line}: a key has '
            "either text after it or a list under it, not both; if the line is part of the text, put all of "
            "that text in quotes")
    return None
