"""The `checks:` settings in course.yaml: rule severities, project terms, reading grade, acronyms.

pydantic (model.ChecksConfig) checks the shape; this module checks what only the rule registry
knows (that each rule code exists) and applies the settings to what the checks found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ..diagnostics import Diagnostic, Severity, did_you_mean
from ..load import LoadedCourse
from ..model import LanguageTerm
from .registry import Rule
from .text import Place

RULES = [
    Rule("unknown-rule", "Suppressions and settings", "error",
         "rule codes in course.yaml or in a suppression that coursebuilder does not know, and project "
         "terms whose code is already taken",
         "A mistyped code would silently change nothing.",
         "use a code listed in docs/checks.md",
         "checks:\n  rules:\n    long-sentences: info",
         "checks:\n  rules:\n    long-sentence: info"),
    Rule("fixed-rule", "Suppressions and settings", "error",
         "settings or suppressions for rules that stop a file from being read",
         "Until such a mistake is put right there is nothing to build, so it cannot be switched off or allowed.",
         "remove the setting or the suppression, and put the mistake right",
         "checks:\n  rules:\n    unknown-key: \"off\"", fixed=True),
    Rule("suppression", "Suppressions and settings", "error",
         "suppressions without a reason, or that cannot be read",
         "Every exception to the rules should say why, so the next reviewer can judge it.",
         "write it as <!-- coursebuilder: allow CODE because REASON -->",
         "<!-- coursebuilder: allow suffers-from -->",
         "<!-- coursebuilder: allow suffers-from because we quote a 1990s leaflet to show how language "
         "has changed -->"),
    Rule("suppression-unused", "Suppressions and settings", "warning",
         "suppressions that allow a finding that is not there",
         "A suppression left behind after the text changed could hide a new problem later.",
         "remove the comment, or move it next to the text it is about",
         "<!-- coursebuilder: allow suffers-from because … --> above a paragraph that no longer says "
         "\"suffers from\""),
]


@dataclass(frozen=True)
class Settings:
    severities: dict[str, Severity | Literal["off"]]  # rule code → error | warning | info | off
    terms: tuple[LanguageTerm, ...]  # the project's own language terms
    reading_grade: float
    acronyms: frozenset[str]
    codes: frozenset[str]  # every rule code, built-in and project


def settings(course: LoadedCourse, builtin: dict[str, Rule]) -> tuple[Settings, list[Diagnostic]]:
    config = course.meta.checks
    doc = course.yaml
    problems = []
    terms = []
    for index, term in enumerate(config.terms):
        if term.code in builtin:
            line, column = doc.position(("checks", "terms", index, "code"))
            problems.append(Diagnostic(doc.path, line, column, "error", "unknown-rule",
                                       f'"{term.code}" is already the code of a built-in rule',
                                       "give your term another code, or change the built-in rule's "
                                       "severity under `checks: rules:`"))
        else:
            terms.append(term)
    codes = frozenset(builtin) | {term.code for term in terms}
    for code in config.rules:
        if code not in codes:
            line, column = doc.position(("checks", "rules", code), at_key=True)
            problems.append(unknown_rule(Place(doc.path, line, column), code, codes))
        elif code in builtin and builtin[code].fixed:
            line, column = doc.position(("checks", "rules", code), at_key=True)
            problems.append(fixed_rule(Place(doc.path, line, column), code))
    found = Settings(dict(config.rules), tuple(terms), config.reading_grade, frozenset(config.acronyms), codes)
    return found, problems


def fixed_rule(place: Place, code: str) -> Diagnostic:
    return Diagnostic(place.file, place.line, place.column, "error", "fixed-rule",
                      f'"{code}" stops coursebuilder reading your files, so it cannot be switched off, changed or '
                      "allowed", "remove this, and put right what the message about it says")


def unknown_rule(place: Place, code: str, codes: frozenset[str]) -> Diagnostic:
    suggestion = did_you_mean(code, codes)
    return Diagnostic(place.file, place.line, place.column, "error", "unknown-rule",
                      f'there is no rule called "{code}"',
                      f'did you mean "{suggestion}"?' if suggestion else "the rules are listed in docs/checks.md")


def apply(diagnostics: list[Diagnostic], chosen: Settings, rules: dict[str, Rule]) -> list[Diagnostic]:
    """Each finding with the severity course.yaml gives its rule; rules switched off are dropped. Rules
    that are `fixed` keep theirs: a setting for one is itself reported (fixed-rule)."""
    result = []
    for diagnostic in diagnostics:
        rule = rules.get(diagnostic.code)
        severity = None if rule is not None and rule.fixed else chosen.severities.get(diagnostic.code)
        if severity == "off":
            continue
        result.append(replace(diagnostic, severity=severity) if severity else diagnostic)
    return result
