"""Readability of what learners read: reading grade per section, long sentences and paragraphs,
and abbreviations that are not explained where they first appear.

Only participant-facing running text counts: not facilitator notes, titles, headings, table
cells or alt text. Staff training aims at grade 9 by default; public information would aim lower.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..load import LoadedModule
from .registry import Rule
from .syllables import syllables
from .text import AuthorText, Passage, Place

MAX_SENTENCE_WORDS = 25
MAX_PARAGRAPH_WORDS = 120
MIN_GRADED_WORDS = 100  # below this a reading grade says little
WORD = re.compile(r"[^\W_]+(?:['\u2019.,\-][^\W_]+)*")
SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")
ABBREVIATIONS = {"e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "cf", "no", "approx", "fig"}
ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z])(s?)(?![\w&])")
ROMAN = re.compile(r"^[IVXLCDM]+$")
WELL_KNOWN = {"OK"}

RULES = [
    Rule("reading-grade", "Readability", "warning",
         "sections whose learner-facing text reads above the target Flesch–Kincaid grade (9 by default)",
         "Many adults, staff included, find dense text hard going, more so when tired or stressed; the "
         "NHS and GOV.UK aim for a reading age of 9 to 11 in public information. Staff training can aim a "
         "little higher, but every grade lost is people left behind.",
         "use shorter sentences and everyday words; the hint names the hardest sentences to start with",
         "A section written in long sentences full of words such as organisational, psychological and "
         "interdisciplinary.",
         sources=("D2", "D3")),
    Rule("long-sentence", "Readability", "warning",
         f"sentences over {MAX_SENTENCE_WORDS} words",
         "Long sentences are hard to hold in mind, especially for dyslexic readers and anyone reading "
         "in a second language.",
         "split it into two or more sentences",
         "Imroc helps trusts make their services more recovery-focused, and its paper on acute wards, "
         "which people who had been admitted, their families and staff from many professions wrote "
         "together, makes three points.",
         "Imroc helps trusts make their services more recovery-focused. Its paper on acute wards was "
         "written by people who had been admitted, their families and staff. It makes three points.",
         sources=("D1", "D2")),
    Rule("long-paragraph", "Readability", "warning",
         f"paragraphs over {MAX_PARAGRAPH_WORDS} words",
         "Walls of text are hard to scan and easy to lose your place in.",
         "break it into shorter paragraphs, or turn a series of points into a list",
         f"A single paragraph of more than {MAX_PARAGRAPH_WORDS} words.",
         sources=("D1",)),
    Rule("acronym", "Readability", "warning",
         "abbreviations that are not spelt out, or in the glossary, where they first appear",
         "An unexplained abbreviation shuts out anyone who does not know it, and learners rarely ask.",
         "spell it out the first time, like \"general practitioner (GP)\", or add it to the glossary",
         "Talk to your CMHT before discharge.",
         "Talk to your community mental health team (CMHT) before discharge."),
]
_RULES = {rule.code: rule for rule in RULES}


@dataclass
class Sentence:
    passage: Passage
    start: int
    end: int
    words: list[str]

    @property
    def opening(self) -> str:
        """Its first few words as written, so the author can find it."""
        parts = self.passage.text[self.start:self.end].split()
        return " ".join(parts[:6]) + ("…" if len(parts) > 6 else "")

    @property
    def syllables(self) -> int:
        return sum(syllables(word) for word in self.words)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(passage: Passage) -> Iterator[Sentence]:
    text, start = passage.text, 0
    for end in SENTENCE_END.finditer(text):
        before = re.search(r"([\w.]+)$", text[:end.start()])
        following = re.match(r"\s*(\S)", text[end.end():])
        if (before and before[1].lower() in ABBREVIATIONS) or (following and following[1].islower()):
            continue  # "e.g. staff", or a full stop that does not end the sentence
        found = words(text[start:end.end()])
        if found:
            yield Sentence(passage, _skip_space(text, start), end.end(), found)
        start = end.end()
    found = words(text[start:])
    if found:
        yield Sentence(passage, _skip_space(text, start), len(text.rstrip()), found)


def _skip_space(text: str, start: int) -> int:
    return start + len(text[start:]) - len(text[start:].lstrip())


def grade(sentence_list: list[Sentence]) -> float:
    """Flesch–Kincaid grade level."""
    word_count = sum(len(s.words) for s in sentence_list)
    if not word_count:
        return 0.0
    syllable_count = sum(s.syllables for s in sentence_list)
    return 0.39 * word_count / len(sentence_list) + 11.8 * syllable_count / word_count - 15.59


def reading_stats(texts: list[AuthorText]) -> tuple[int, float]:
    """Words and Flesch–Kincaid grade of a module's participant-facing prose, as the checks measure it."""
    found = [s for t in texts if t.participant and t.prose for p in t.passages if p.prose for s in sentences(p)]
    return sum(len(s.words) for s in found), round(grade(found), 1)


def check(module: LoadedModule, texts: list[AuthorText], target: float,
          known: frozenset[str]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    reading = [t for t in texts if t.participant and t.prose]
    by_section: dict[int, list[tuple[AuthorText, Sentence]]] = {}
    for text in reading:
        for passage in text.passages:
            if not passage.prose:
                continue
            passage_sentences = list(sentences(passage))
            if text.section is not None:
                by_section.setdefault(text.section, []).extend((text, s) for s in passage_sentences)
            found += _long_sentences(text, passage_sentences)
            found += _long_paragraph(text, passage, passage_sentences)
    for index, items in by_section.items():
        found += _section_grade(module, index, items, target)
    found += _acronyms(texts, known | {g.term for g in module.meta.glossary})
    return found


def _long_sentences(text: AuthorText, found: list[Sentence]) -> list[Diagnostic]:
    return [
        _RULES["long-sentence"].at(
            text.passage_place(s.passage, s.start),
            f'this sentence has {len(s.words)} words ("{s.opening}"); aim for {MAX_SENTENCE_WORDS} or fewer')
        for s in found if len(s.words) > MAX_SENTENCE_WORDS
    ]


def _long_paragraph(text: AuthorText, passage: Passage, found: list[Sentence]) -> list[Diagnostic]:
    count = sum(len(s.words) for s in found)
    if count <= MAX_PARAGRAPH_WORDS:
        return []
    what = "list item" if passage.kind == "item" else "paragraph"
    return [_RULES["long-paragraph"].at(text.passage_place(passage, 0),
                                        f"this {what} has {count} words; aim for {MAX_PARAGRAPH_WORDS} or fewer")]


def _section_grade(module: LoadedModule, index: int, items: list[tuple[AuthorText, Sentence]],
                   target: float) -> list[Diagnostic]:
    found = [s for _, s in items]
    if sum(len(s.words) for s in found) < MIN_GRADED_WORDS:
        return []
    level = grade(found)
    if level <= target:
        return []
    hardest = sorted(((grade([s]), text, s) for text, s in items if len(s.words) >= 8),
                     key=lambda item: -item[0])[:2]
    places = [text.passage_place(s.passage, s.start) for _, text, s in hardest]
    where = " and ".join(f"{p.file}:{p.line}:{p.column}" for p in places)
    line, column = module.yaml.position(("sections", index, "title"))
    title = module.meta.sections[index].title
    hint = "use shorter sentences and everyday words"
    if where:
        hint += f"; the hardest sentences are at {where}"
    return [_RULES["reading-grade"].at(
        Place(module.yaml.path, line, column),
        f'section "{title}" reads at grade {level:.1f}; the target is {target:g} or lower', hint)]


def _acronyms(texts: list[AuthorText], known: AbstractSet[str]) -> list[Diagnostic]:
    """The first use of each abbreviation must spell it out, unless the glossary or settings know it."""
    known_upper = {k.upper() for k in known} | WELL_KNOWN
    seen: set[str] = set()
    found = []
    for text in texts:
        if not text.participant:
            continue
        for passage in text.passages:
            for match in ACRONYM.finditer(passage.text):
                acronym = match[1]
                if (acronym in seen or acronym in known_upper or ROMAN.match(acronym)
                        or _in_capitals(passage.text, match)):
                    continue
                seen.add(acronym)
                if _explained(passage.text, match):
                    continue
                found.append(_RULES["acronym"].at(
                    text.passage_place(passage, match.start()),
                    f'"{acronym}" is not explained where it first appears',
                    f'spell it out the first time, like "… ({acronym})", or add {acronym} to the glossary'))
    return found


def _explained(text: str, match: re.Match) -> bool:
    """ "general practitioner (GP)" or "GP (general practitioner)"."""
    before, after = text[:match.start()], text[match.end():]
    inside_brackets = before.rstrip().endswith("(") and after.lstrip().startswith(")") and \
        len(words(before)) >= 2
    return inside_brackets or bool(re.match(r"\s*\(\s*[a-z]", after, re.IGNORECASE))


def _in_capitals(text: str, match: re.Match) -> bool:
    """Part of a run of three or more words in capitals: the caps-run rule's business, not an abbreviation."""
    spans = [(m.start(), m.group()) for m in WORD.finditer(text)]
    index = next((i for i, (start, _) in enumerate(spans) if start == match.start()), None)
    if index is None:
        return False

    def capital(i: int) -> bool:
        return 0 <= i < len(spans) and len(spans[i][1]) > 1 and spans[i][1].isupper()

    left = right = index
    while capital(left - 1):
        left -= 1
    while capital(right + 1):
        right += 1
    return right - left + 1 >= 3

