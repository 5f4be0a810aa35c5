"""Every rule `coursebuilder check` knows: its code, severity, reason, how to fix it and an example.

Rules are data. Each family of checks declares its rules next to the code that finds them; the
language rules come from language.yaml. docs/checks.md and the configuration (switching a rule
off, changing its severity) both read this registry, so they cannot drift from the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import Diagnostic, Severity
from .text import Place

GROUPS = ("Language", "Readability", "Accessibility", "Safe teaching", "Honesty and evidence", "Structure and care",
          "Files and format", "Suppressions and settings")


@dataclass(frozen=True)
class Rule:
    code: str
    group: str  # one of GROUPS
    severity: Severity  # the default; course.yaml can change it
    finds: str  # what the rule looks for, as a phrase ("sentences over 25 words")
    reason: str  # why it matters, in a sentence or two
    fix: str  # how to put it right
    example: str  # text (or a YAML snippet) the rule reports
    better: str | None = None  # the same, fixed
    sources: tuple[str, ...] = ()
    fixed: bool = False  # stops a file from being read: cannot be switched off, given a severity or allowed

    def at(self, place: Place, message: str, hint: str | None = None) -> Diagnostic:
        return Diagnostic(place.file, place.line, place.column, self.severity, self.code, message,
                          hint if hint is not None else self.fix)

    def in_yaml(self, doc, loc: tuple, message: str, hint: str | None = None, at_key: bool = False) -> Diagnostic:
        """A finding at the value (or the key) at `loc` in a loaded YAML file (a YamlDocument)."""
        line, column = doc.position(loc, at_key=at_key)
        return self.at(Place(doc.path, line, column), message, hint)


@lru_cache(maxsize=1)
def builtin_rules() -> dict[str, Rule]:
    """Every rule, by code, in the order docs/checks.md lists them."""
    from . import (accessibility, config, evidence, files, interactive, language, readability, safety, slides,
                   structure)

    rules: dict[str, Rule] = {}
    for family in (language.rules(), readability.RULES, accessibility.RULES, safety.RULES, evidence.RULES,
                   structure.RULES, interactive.RULES, slides.RULES, files.RULES, config.RULES):
        for rule in family:
            assert rule.code not in rules, f"two rules are called {rule.code}"
            assert rule.group in GROUPS, rule.group
            rules[rule.code] = rule
    return rules
