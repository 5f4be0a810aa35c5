"""Safe teaching: what a careful practice-development lead checks before material reaches a ward.

- A section in which someone says they feel hopeless or are thinking about suicide (in a scenario,
  a role card, a model answer or the text) must teach the suicide-risk response: its facilitator
  notes talk about suicide and name an escalation route, and the module's content note names
  suicide.
- No activity casts a participant as a person who is restrained, secluded, searched or harmed.

The phrases are data (safety.yaml), found the way the language rules find their terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict
from ruamel.yaml import YAML

from ..diagnostics import Diagnostic
from ..load import LoadedModule
from ..model import Text, value_at, words_in
from .language import AFTER, BEFORE, _phrase
from .registry import Rule
from .text import AuthorText, Passage, Place

RESPONSE = ("ask directly and kindly about thoughts of suicide, stay with the person, tell the nurse in charge "
            "this shift, record their words and follow the trust's safety-planning policy (NICE NG225)")

RULES = [
    Rule("suicide-response", "Safe teaching", "error",
         "statements of hopelessness or suicidal thoughts in a section whose facilitator notes do not teach "
         "the suicide-risk response",
         "When a person says there is no point, the response that keeps them safe comes first: hope work "
         "comes alongside it, never instead of it. Material that models a hopeful chat and nothing more "
         "teaches staff to miss risk (NICE NG225).",
         f"in the section's facilitator notes, teach the response: {RESPONSE}",
         "Role card: \"Right now you feel there is no point in anything.\" (facilitator notes say only "
         "to listen for hopes)",
         "The same role card, with facilitator notes that say: ask directly about thoughts of suicide, stay "
         "with them, tell the nurse in charge this shift, record their words, follow the safety-planning "
         "policy (NICE NG225)."),
    Rule("suicide-content-note", "Safe teaching", "error",
         "statements of hopelessness or suicidal thoughts in a module whose content note does not name suicide",
         "People with their own experience of suicidal thoughts, or of losing someone, need to know before "
         "they meet a role card or scenario about it.",
         'add "suicide and hopelessness" to content_note.topics',
         "A scenario in which a man says \"nothing's waiting for me out there\"; content_note.topics lists "
         "only \"hope and loss\".",
         "content_note.topics lists \"suicide and hopelessness\"."),
    Rule("roleplay-harm", "Safe teaching", "error",
         "activities that cast a participant as a person who is restrained, secluded, searched or harmed",
         "Acting out being held down or shut away can re-traumatise participants, many of whom have been "
         "patients or have seen it happen; nobody should ever be asked to play it.",
         "have the facilitator, or a briefed and consenting peer trainer, voice that person from a prompt "
         "card; or make the exercise a talk-through",
         "Work in threes. One person is the nurse, one is the man from the scenario, and one observes.",
         "Work in threes. One person is the nurse and two observe. The facilitator voices the man from the "
         "prompt card."),
]
_RULES = {rule.code: rule for rule in RULES}


class SafetyData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hopelessness: list[Text]
    escalation: list[Text]
    casting: list[Text]
    cast_as: list[Text]
    harm: list[Text]
    not_casting: list[Text]
    hedges: list[Text]
    first_person: list[Text]


@lru_cache(maxsize=1)
def data() -> SafetyData:
    text = resources.files(__package__).joinpath("safety.yaml").read_text(encoding="utf-8")
    return SafetyData.model_validate(YAML(typ="safe", pure=True).load(text))


def phrases(words: list[str]) -> str:
    """A regular expression for any of `words`, found as the language rules find terms."""
    return "(?:" + "|".join(_phrase(p, []) for p in sorted(words, key=len, reverse=True)) + ")"


def pattern(words: list[str]) -> re.Pattern:
    return re.compile(f"{BEFORE}{phrases(words)}{AFTER}", re.IGNORECASE)


@dataclass(frozen=True)
class Patterns:
    hopelessness: re.Pattern
    escalation: re.Pattern
    suicide: re.Pattern
    casting: re.Pattern
    harm: re.Pattern
    not_casting: re.Pattern


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    d = data()
    cast = (f"{BEFORE}{phrases(d.casting)}\\s+(?:(?:the|a|an)\\s+)?(?:[\\w'\u2019-]+\\s+){{0,3}}?"
            f"{phrases(d.cast_as)}{AFTER}")
    return Patterns(
        hopelessness=pattern(d.hopelessness),
        escalation=pattern(d.escalation),
        suicide=re.compile(r"suicid", re.IGNORECASE),
        casting=re.compile(cast, re.IGNORECASE),
        harm=pattern(d.harm),
        not_casting=pattern(d.not_casting),
    )


@dataclass(frozen=True)
class Found:
    text: AuthorText
    passage: Passage
    start: int
    words: str

    @property
    def place(self) -> Place:
        return self.text.passage_place(self.passage, self.start)


def find(regex: re.Pattern, texts: list[AuthorText]) -> list[Found]:
    found = []
    for text in texts:
        for passage in text.passages:
            for match in regex.finditer(passage.text):
                found.append(Found(text, passage, match.start(), " ".join(match.group().split())))
    return found


def sentences(passage: Passage) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a passage."""
    found, start = [], 0
    for match in re.finditer(r"(?<=[.!?:;])\s+|\n", passage.text):
        found.append((start, passage.text[start:match.start()]))
        start = match.end()
    found.append((start, passage.text[start:]))
    return [(offset, sentence) for offset, sentence in found if sentence.strip()]


def check_module(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    by_section: dict[int, list[AuthorText]] = {}
    for text in texts:
        if text.section is not None:
            by_section.setdefault(text.section, []).append(text)
    findings = _suicide(module, by_section)
    findings += _roleplay(module, by_section)
    return findings


def _facilitator_notes(texts: list[AuthorText]) -> list[AuthorText]:
    """The section's facilitator notes: its notes file, and the notes of its branching scenarios' steps."""
    return [text for text in texts if not text.participant and (text.loc is None or "facilitator_notes" in text.loc)]


def _suicide(module: LoadedModule, by_section: dict[int, list[AuthorText]]) -> list[Diagnostic]:
    p = patterns()
    findings, first = [], None
    for s, texts in sorted(by_section.items()):
        mentions = find(p.hopelessness, texts)
        if not mentions:
            continue
        first = first or mentions[0]
        notes = _facilitator_notes(texts)
        words = " ".join(passage.text for text in notes for passage in text.passages)
        missing = []
        if not p.suicide.search(words):
            missing.append("say to ask directly and kindly about thoughts of suicide")
        if not p.escalation.search(words):
            missing.append("name an escalation route, such as the nurse in charge and the safety-planning policy")
        if not missing:
            continue
        section = module.meta.sections[s]
        where = " and ".join(missing) if notes else "exist: the section has no facilitator notes"
        more = f" (and {len(mentions) - 1} more in this section)" if len(mentions) > 1 else ""
        found = mentions[0]
        findings.append(_RULES["suicide-response"].at(
            found.place, f'section "{section.title}": "{found.words}"{more} is a statement of hopelessness, '
            f"but the section's facilitator notes do not {where}"))
    note = module.meta.content_note
    if first is not None and not p.suicide.search(" ".join([*note.topics, note.text])):
        line, column = module.yaml.position(("content_note", "topics"))
        at = first.place
        findings.append(_RULES["suicide-content-note"].at(
            Place(module.yaml.path, line, column),
            f'the module has a statement of hopelessness ("{first.words}" at {at.file}:{at.line}:{at.column}), '
            "but the content note does not name suicide"))
    return findings


def _roleplay(module: LoadedModule, by_section: dict[int, list[AuthorText]]) -> list[Diagnostic]:
    p = patterns()
    scenarios_harm = any(
        p.harm.search(" ".join(_words(block)))
        for section in module.meta.sections for block in section.blocks
        if block.type in ("scenario", "branching_scenario")
    )
    findings = []
    for s, texts in sorted(by_section.items()):
        section_harm = bool(find(p.harm, [t for t in texts if t.participant]))
        for text in texts:
            for passage in text.passages:
                for offset, sentence in sentences(passage):
                    cast = p.casting.search(sentence)
                    if not cast or p.not_casting.search(sentence):
                        continue
                    harmed = p.harm.search(sentence) or section_harm or (
                        "scenario" in sentence.lower() and scenarios_harm)
                    if not harmed:
                        continue
                    words = " ".join(cast.group().split())
                    findings.append(_RULES["roleplay-harm"].at(
                        text.passage_place(passage, offset + cast.start()),
                        f'section "{module.meta.sections[s].title}": "{words}" casts a participant as a person '
                        "who is restrained, secluded, searched or harmed"))
    return findings


def _words(block) -> list[str]:
    """Every string of the author's words in a block."""
    return [value_at(block, loc) for loc, _kind in words_in(block)]
