"""Inline suppressions: an author allows one rule in one place, and says why.

In Markdown, an HTML comment (never shown to learners):

    <!-- coursebuilder: allow suffers-from because we quote a 1990s leaflet -->

inside a paragraph allows the rule in that paragraph; on its own line, in the block that follows
(a paragraph, list, table or quote). In YAML, the same words as a comment,

    # coursebuilder: allow long-sentence because this is the exact wording of the law

allow the rule in the entry the comment is on, or the entry below it. Several codes can be given,
separated by commas. A suppression without a reason is an error; one that allows nothing is a
warning, so suppressions do not outlive the text they were written for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .config import fixed_rule, unknown_rule
from .registry import Rule
from .text import Comment

OURS = re.compile(r"^\s*coursebuilder\s*:\s*(.*?)\s*$", re.DOTALL)
ALLOW = re.compile(r"^allow\s+(?P<codes>.+?)\s+because\b\s*(?P<reason>.*)$", re.DOTALL | re.IGNORECASE)
SYNTAX = "coursebuilder: allow CODE because REASON"


@dataclass
class Suppression:
    comment: Comment
    codes: set[str]
    reason: str
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        place = self.comment
        return (diagnostic.file == place.place.file and diagnostic.code in self.codes
                and place.first_line <= diagnostic.line <= place.last_line)


def parse(comments: list[Comment], codes: frozenset[str],
          rules: dict[str, Rule]) -> tuple[list[Suppression], list[Diagnostic]]:
    suppressions, problems = [], []
    rule = rules["suppression"]
    for comment in comments:
        ours = OURS.match(comment.text)
        if not ours:
            continue
        words = " ".join(ours[1].split())
        allow = ALLOW.match(words)
        if not allow:
            if re.match(r"allow\b", words, re.IGNORECASE):
                message = "this suppression gives no reason"
                hint = f'add "because" and the reason, like: {SYNTAX}'
            else:
                message = f'cannot read "coursebuilder: {words}"'
                hint = f"write it as: {SYNTAX}"
            problems.append(rule.at(comment.place, message, hint))
            continue
        if not allow["reason"].strip():
            problems.append(rule.at(comment.place, "this suppression gives no reason",
                                    f"say why after \"because\", like: {SYNTAX}"))
            continue
        named = {code for code in re.split(r"[\s,]+", allow["codes"]) if code}
        for code in sorted(named - codes):
            problems.append(unknown_rule(comment.place, code, codes))
        fixed = {code for code in named & codes if code in rules and rules[code].fixed}
        for code in sorted(fixed):
            problems.append(fixed_rule(comment.place, code))
        suppressions.append(Suppression(comment, (named & codes) - fixed, allow["reason"].strip()))
    return suppressions, problems


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression],
          rules: dict[str, Rule]) -> list[Diagnostic]:
    """The findings no suppression covers, plus a warning for each suppression that covered nothing."""
    kept = []
    for diagnostic in diagnostics:
        covering = [s for s in suppressions if s.covers(diagnostic)]
        for suppression in covering:
            suppression.used.add(diagnostic.code)
        if not covering:
            kept.append(diagnostic)
    unused = rules["suppression-unused"]
    for suppression in suppressions:
        for code in sorted(suppression.codes - suppression.used):
            kept.append(unused.at(suppression.comment.place, f'nothing here needs "allow {code}"'))
    return kept
