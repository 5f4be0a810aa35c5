"""Checks that run on a loaded course, after the format itself has been validated.

`run_checks` gathers every piece of text with its place in the author's files, runs each family
of rules (language, readability, accessibility, structure and care), then applies inline
suppressions and the `checks:` settings in course.yaml. `check` and `build` both run it; errors
stop a build, warnings are printed. The rules are listed in docs/checks.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import CourseError
from ..load import LoadedCourse
from . import (accessibility, config, evidence, interactive, language, readability, safety, slides, structure,
               suppress)
from .content import collect, course_words, module_words
from .registry import builtin_rules


Each = Callable[[Callable[[LoadedCourse, Any], Any], list[Any]], Iterable[Any]]


def run_checks(course: LoadedCourse, today: date | None = None, each: Each | None = None,
               loaded: list[Diagnostic] | None = None) -> list[Diagnostic]:
    """Every check of the course, with what loading found (`loaded`): suppressions and the course's
    settings apply to both, except to rules that stop a file from being read. Modules are checked one by
    one through `each(function, items)`, which returns `function(course, item)` for every item in order:
    in this process by default, or in the build's worker processes (see workers.py)."""
    today = today or today_from_environment()
    rules = builtin_rules()
    chosen, found = config.settings(course, rules)
    texts, comments = course_words(course)
    findings = list(loaded or [])
    findings += language.check(texts, chosen.terms)
    findings += accessibility.check(texts)
    findings += structure.check_course(course)
    each = each or (lambda function, items: (function(course, item) for item in items))
    for module_findings, module_comments in each(check_module, [(m.slug, today, chosen) for m in course.modules]):
        findings += module_findings
        comments += module_comments
    suppressions, problems = suppress.parse(comments, chosen.codes, rules)
    found += problems + suppress.apply(findings, suppressions, rules)
    return config.apply(found, chosen, rules)


def check_module(course: LoadedCourse, task: tuple[str, date, config.Settings]) -> tuple[list[Diagnostic], list]:
    """One module's findings (before suppressions and settings apply) and its comments."""
    slug, today, chosen = task
    module = course.module(slug)
    texts, comments = module_words(module, course.meta.language)
    findings = language.check(texts, chosen.terms)
    findings += accessibility.check(texts)
    findings += accessibility.check_pictures(module)
    findings += readability.check(module, texts, chosen.reading_grade, chosen.acronyms)
    findings += safety.check_module(module, texts)
    findings += evidence.check_module(module, texts, today)
    findings += structure.check_module(module, texts, today)
    findings += interactive.check_module(module)
    findings += slides.check_module(course, module)
    return findings, comments


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
