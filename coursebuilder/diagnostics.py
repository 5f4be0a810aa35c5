"""One diagnostic format for the whole tool: `path:line:col: severity[code]: message`.

Every problem a trainer can cause (in YAML, Markdown, or a command-line choice that names
content) becomes a `Diagnostic`. Loading, checks and rendering collect them; the CLI prints them.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, order=False)
class Diagnostic:
    file: str  # path relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when the problem concerns the whole line or file
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    @property
    def location(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file

    def format(self) -> str:
        text = f"{self.location}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, _SEVERITY_ORDER[self.severity], self.code)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known spelling of a mistyped name, if one is close enough to suggest."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = dict.fromkeys(diagnostics)  # drop exact repeats, keep first-seen order
    return sorted(unique, key=Diagnostic.sort_key)


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    counts = {sev: sum(1 for d in diagnostics if d.severity == sev) for sev in _SEVERITY_ORDER}
    files = len({d.file for d in diagnostics})
    parts = []
    for sev in ("error", "warning", "info"):
        n = counts[sev]
        if n:
            label = sev if sev == "info" else f"{sev}{'' if n == 1 else 's'}"
            parts.append(f"{n} {label}")
    if not parts:
        return "No problems found."
    return f"{', '.join(parts)} in {files} file{'' if files == 1 else 's'}."


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics grouped by file (they arrive sorted), then a summary line."""
    ordered = sorted_diagnostics(diagnostics)
    blocks = [d.format() for d in ordered]
    return "\n".join([*blocks, summary_line(ordered)])


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in sorted_diagnostics(diagnostics)], indent=2, ensure_ascii=False)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    failing = {"error", "warning"} if strict else {"error"}
    return any(d.severity in failing for d in diagnostics)
