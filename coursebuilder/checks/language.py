"""Recovery-focused language: find the words in language.yaml (and a project's own terms) in the text.

Terms are written in plain form; the matcher finds them in any case, with plurals and
possessives, other forms of the verbs a term names, hyphen and space variants, and across line
breaks, but never inside another word ("madam"). Passages that teach about words (a blockquote
starting "Language example") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict
from ruamel.yaml import YAML

from ..diagnostics import Diagnostic
from ..model import LanguageTerm, Text
from .registry import Rule
from .text import AuthorText

DASH = "\\-\u2010\u2011\u2013"  # hyphen-minus, hyphen, non-breaking hyphen, en dash
SPACE_JOIN = rf"(?:\s*[{DASH}]\s*|\s+)"  # a space in a term: any space, line break or hyphen
HYPHEN_JOIN = rf"(?:\s*[{DASH}]\s*|\s+|)"  # a hyphen in a term: also nothing ("noncompliant")
BEFORE = rf"(?<!\w)(?<!\w[{DASH}])"  # not the end of another word, nor of a hyphenated compound
AFTER = rf"(?!\w)(?![{DASH}]\w)"
POSSESSIVE = r"(?:['\u2019]s|(?<=s)['\u2019])?"
UNINFLECTED = {"a", "an", "the", "of", "from", "with", "to", "in", "on", "by", "is", "are", "was", "were", "as",
               "and", "or", "for", "at", "my", "your", "his", "her", "their", "our"}


class LanguageData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, Text]
    terms: list[LanguageTerm]


@lru_cache(maxsize=1)
def data() -> LanguageData:
    text = resources.files(__package__).joinpath("language.yaml").read_text(encoding="utf-8")
    return LanguageData.model_validate(YAML(typ="safe", pure=True).load(text))  # pure: the same YAML rules as source.py


def rules() -> list[Rule]:
    return [rule_of(term) for term in data().terms]


def rule_of(term: LanguageTerm) -> Rule:
    return Rule(term.code, "Language", term.severity, _quoted(term.avoid), term.why, hint(term),
                term.example or "", term.better, tuple(term.sources))


def hint(term: LanguageTerm) -> str:
    parts = []
    if term.instead:
        parts.append("try " + _either([f'"{words}"' for words in term.instead]))
    if term.advice:
        parts.append(term.advice)
    return "; or ".join(parts)


@dataclass(frozen=True)
class Matcher:
    """One regular expression for a set of terms: a named group per term, tried in a single pass."""

    terms: tuple[LanguageTerm, ...]
    pattern: re.Pattern

    @classmethod
    def of(cls, terms: tuple[LanguageTerm, ...]) -> Matcher:
        groups, initials = [], set()
        for index, term in enumerate(terms):
            phrases = "|".join(_phrase(p, term.verbs) for p in sorted(term.avoid, key=len, reverse=True))
            case = "(?:" if term.case_sensitive else "(?i:"
            groups.append(f"(?P<t{index}>{case}{phrases}))")
            initials |= {p[0].lower() for p in term.avoid} | {p[0].upper() for p in term.avoid}
        # Checking the first letter before trying every term makes the search about ten times faster.
        first = "".join(re.escape(c) for c in sorted(initials))
        return cls(terms, re.compile(f"{BEFORE}(?=[{first}])(?:{'|'.join(groups)}){AFTER}"))

    def find(self, text: str):
        """(term, start, end) for each use of a term in `text`."""
        for match in self.pattern.finditer(text):
            group = match.lastgroup
            assert group is not None  # the pattern matches through exactly one named group, t<index of the term>
            term = self.terms[int(group[1:])]
            if _excused(term, text, match.start(), match.end()):
                continue
            yield term, match.start(), match.end()


@lru_cache(maxsize=1)
def builtin_matcher() -> Matcher:
    return Matcher.of(tuple(data().terms))


def check(texts: list[AuthorText], project_terms: tuple[LanguageTerm, ...] = ()) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    sets = [builtin_matcher()] + ([Matcher.of(project_terms)] if project_terms else [])
    for text in texts:
        if not text.own_words:
            continue
        for passage in text.passages:
            if passage.teaching:
                continue
            for terms in sets:
                for term, start, end in terms.find(passage.text):
                    words = " ".join(passage.text[start:end].split())
                    place = text.passage_place(passage, start)
                    found.append(Diagnostic(place.file, place.line, place.column, term.severity, term.code,
                                            f'"{words}" {term.why}', hint(term)))
    return found


# --- building the patterns -----------------------------------------------------------------


def _phrase(phrase: str, verbs: list[str]) -> str:
    parts = re.split(rf"(\s+|[{DASH}])", phrase.strip())
    pattern = []
    for index, part in enumerate(parts):
        if index % 2:
            pattern.append(SPACE_JOIN if part.isspace() else HYPHEN_JOIN)
        else:
            pattern.append(_word(part, part.lower() in {v.lower() for v in verbs}))
    return "".join(pattern)


def _word(word: str, verb: bool) -> str:
    """A word with its regular English forms: plurals and possessives, and for verbs -s, -ed, -ing."""
    escaped = re.escape(word).replace("'", "['\u2019]")
    if word.lower() in UNINFLECTED or not word[-1:].isalpha():
        return escaped
    if not verb:
        return rf"{escaped}(?:e?s)?{POSSESSIVE}"
    lower = word.lower()
    if lower.endswith("e"):
        return rf"{re.escape(word[:-1])}(?:e|es|ed|ing)"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return rf"{re.escape(word[:-1])}(?:y|ies|ied|ying)"
    last = re.escape(word[-1])
    return rf"{escaped}(?:s|es|ed|ing|{last}ed|{last}ing)?"


def _excused(term: LanguageTerm, text: str, start: int, end: int) -> bool:
    """Words around a match that make it fine ("DNA test", "asylum seeker")."""
    if term.unless_followed_by:
        after = re.match(rf"[\s{DASH}]*([\w'\u2019]+)", text[end:])
        if after and after[1].lower() in {w.lower() for w in term.unless_followed_by}:
            return True
    if term.unless_preceded_by:
        before = re.search(rf"([\w'\u2019]+)[\s{DASH}]*$", text[:start])
        if before and before[1].lower() in {w.lower() for w in term.unless_preceded_by}:
            return True
    return False


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _quoted(items: list[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)
