"""Checks that run on a loaded course, after the format itself has been validated.

`run_checks` gathers every piece of text with its place in the author's files, runs each family
of rules (language, readability, accessibility, structure and care), then applies inline
suppressions and the `checks:` settings in course.yaml. `check` and `build` both run it; errors
stop a build, warnings are printed. The rules are listed in docs/checks.md.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from ..diagnostics import Diagnostic
from ..errors import CourseError
from ..load import LoadedCourse
from . import accessibility, config, language, readability, structure, suppress
from .content import collect
from .registry import builtin_rules


def run_checks(course: LoadedCourse, today: date | None = None) -> list[Diagnostic]:
    today = today or today_from_environment()
    rules = builtin_rules()
    chosen, found = config.settings(course, rules)
    words = collect(course)
    findings = language.check(words.texts, chosen.terms)
    findings += accessibility.check(words.texts)
    findings += structure.check_course(course)
    for module in course.modules:
        texts = words.modules[module.slug]
        findings += readability.check(module, texts, chosen.reading_grade, chosen.acronyms)
        findings += structure.check_module(module, texts, today)
    suppressions, problems = suppress.parse(words.comments, chosen.codes, rules)
    found += problems + suppress.apply(findings, suppressions, rules)
    return config.apply(found, chosen)


def reading_stats(course: LoadedCourse) -> dict[str, tuple[int, float]]:
    """Per module: participant words and reading grade, measured exactly as the readability checks do."""
    words = collect(course)
    return {module.slug: readability.reading_stats(words.modules[module.slug]) for module in course.modules}


def today_from_environment() -> date:
    """The date the review rules compare with: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise CourseError(f'SOURCE_DATE_EPOCH is "{epoch}", which is not a number of seconds since 1970',
                          "set it to a whole number such as 1767225600, or unset it, "
                          "or pass --today YYYY-MM-DD") from None
