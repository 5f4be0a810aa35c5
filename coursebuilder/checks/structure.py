"""Structure and care: timings that add up, activities with what they need, content notes that name
what a module touches, support services, review dates and learning outcomes that are taught.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..diagnostics import Diagnostic, did_you_mean
from ..load import LoadedCourse, LoadedModule
from .registry import Rule
from .text import AuthorText, Place

REVIEW_WARNING_DAYS = 60
# Topics a learner must be told about before they start, and the word forms that mention them.
SENSITIVE_TOPICS = {
    "suicide": r"suicid(?:e|es|al|ality)",
    "self-harm": r"self[-\s]?(?:harm(?:s|ed|ing)?|injur(?:y|ies|e|ed|ing))",
    "restraint": r"restrain(?:t|ts|s|ed|ing)?",
    "seclusion": r"seclu(?:sion|de|ded|ding)",
    "abuse": r"abus(?:e|es|ed|ing|ive|er|ers)",
    "violence": r"violen(?:ce|t|tly)",
}

RULES = [
    Rule("minutes-total", "Structure and care", "warning",
         "section minutes (and breaks) that do not add up to the module's minutes",
         "Facilitators plan sessions and learners plan their time from these figures.",
         "make `minutes` the sum of the sections' minutes, or change the sections",
         "minutes: 90, with sections of 15, 15, 20 and 20 minutes",
         "minutes: 70, with sections of 15, 15, 20 and 20 minutes"),
    Rule("no-break", "Structure and care", "warning",
         "modules longer than 90 minutes with no break",
         "Attention, and the ability to take in hard material, fall over a long session; a break also gives "
         "people a moment to step out after a difficult section.",
         "add `break_after: 10` to the section after which the group takes a break (the module's `minutes` "
         "include breaks)",
         "minutes: 105, with no section that has `break_after`",
         "minutes: 105, with `break_after: 10` after section 3"),
    Rule("discussion-minutes", "Structure and care", "warning",
         "discussions without minutes",
         "A discussion without a time runs over, or gets squeezed; the session plan needs it.",
         "add `minutes:` to the discussion",
         "- type: discussion\n  instructions: Talk about …",
         "- type: discussion\n  minutes: 10\n  instructions: Talk about …"),
    Rule("option-feedback", "Structure and care", "warning",
         "knowledge-check options without feedback",
         "Feedback is where learning happens: a learner who chose an answer deserves to know why it is, "
         "or is not, right, told kindly.",
         "add `feedback:` saying why this answer is or is not right",
         "- text: Burnout\n  correct: false",
         "- text: Burnout\n  correct: false\n  feedback: Burnout builds up over time; this is about values."),
    Rule("content-note", "Structure and care", "error",
         "modules that mention suicide, self-harm, restraint, seclusion, abuse or violence without a "
         "content note that names it",
         "A trauma-informed course lets people choose how and when to meet hard topics; the content note "
         "can only do that if it names them.",
         "name the topic in `content_note.topics`",
         "A scenario describes a restraint, but content_note.topics lists only \"distress at work\".",
         "content_note.topics lists \"ward incidents such as restraint\"."),
    Rule("signposting", "Structure and care", "error",
         "a course file without signposting",
         "Training on mental health can stir up distress; every output shows where to get support, so "
         "the course must list it.",
         "add `signposting:` to course.yaml with at least one service, like Samaritans (116 123)",
         "course.yaml with no signposting",
         "signposting:\n  - name: Samaritans\n    contact: Call 116 123, free, day or night"),
    Rule("review-overdue", "Structure and care", "warning",
         "a review date that has passed",
         "Guidance, law and evidence change; an out-of-date module can teach things that are no longer true.",
         "review the module with your co-producers, then update `reviewed` and `next_review`",
         "next_review: 2025-01-01 (checked in 2026)"),
    Rule("review-soon", "Structure and care", "warning",
         f"a review date within {REVIEW_WARNING_DAYS} days",
         "A review with peer trainers and co-producers takes time to arrange.",
         "plan the review with your co-producers now",
         "next_review due next month"),
    Rule("draft", "Structure and care", "warning",
         "modules with `status: draft`",
         "Drafts are for writing and review, not for learners.",
         "when the draft is ready for others to read, set `status: review`; publish (`status: published`) only "
         "once it has been reviewed and approved",
         "status: draft", "status: review"),
    Rule("outcome-unaddressed", "Structure and care", "warning",
         "learning outcomes no section addresses (when sections list their outcomes)",
         "A promised outcome that no section teaches is a promise broken.",
         "add the outcome's number to the `outcomes` of the section that teaches it, or remove the outcome",
         "outcomes: [A, B, C], with sections addressing only 1 and 2"),
    Rule("footnote-missing", "Structure and care", "error",
         "footnote marks with no note",
         "The mark would be printed as typed, `[^label]`, in every output, and the reader never gets the note.",
         "add the note on a line of its own below the paragraph, like `[^label]: The note.`, or correct the mark",
         "Most people on acute wards have experienced trauma.[^bowers]",
         "Most people on acute wards have experienced trauma.[^bowers]\n\n[^bowers]: See the references."),
    Rule("footnote-unused", "Structure and care", "warning",
         "footnotes that no mark in the text points to",
         "A note with no mark is left out of every output, so what it says is lost.",
         "put its mark, like `[^label]`, where the note belongs in the text, or remove the note",
         "[^extra]: A note nothing points to."),
]
_RULES = {rule.code: rule for rule in RULES}


def check_course(course: LoadedCourse) -> list[Diagnostic]:
    if course.meta.signposting:
        return []
    line, column = course.yaml.position(("signposting",), at_key=True) \
        if ("signposting",) in course.yaml.key_positions else (0, 0)
    return [_RULES["signposting"].at(Place(course.yaml.path, line, column),
                                     "the course lists no support services (signposting)")]


def check_module(module: LoadedModule, texts: list[AuthorText], today: date) -> list[Diagnostic]:
    found = []
    found += _minutes(module)
    found += _activities(module)
    found += _content_note(module, texts)
    found += _review(module, today)
    found += _draft(module)
    found += _outcomes(module)
    found += _footnotes(texts)
    return found


def _footnotes(texts: list[AuthorText]) -> list[Diagnostic]:
    """Footnote marks and notes belong to one Markdown text: a section's file, or one block's text."""
    found = []
    for text in texts:
        if not text.notes:
            continue
        notes = [n.label for n in text.notes if n.kind == "note"]
        marked = {n.label for n in text.notes if n.kind == "mark" and n.found}
        for note in text.notes:
            if note.kind == "mark" and not note.found:
                suggestion = did_you_mean(note.label, notes)
                hint = f'did you mean "[^{suggestion}]"?' if suggestion else None
                found.append(_RULES["footnote-missing"].at(text.place(note.offset),
                                                           f'the footnote mark "[^{note.label}]" has no note', hint))
            elif note.kind == "note" and note.label not in marked:
                found.append(_RULES["footnote-unused"].at(text.place(note.offset),
                                                          f'nothing in the text points to the note "[^{note.label}]"'))
    return found


def _at(module: LoadedModule, loc: tuple, code: str, message: str, hint: str | None = None,
        at_key: bool = False) -> Diagnostic:
    return _RULES[code].in_yaml(module.yaml, loc, message, hint, at_key)


LONG_SESSION = 90  # minutes; a longer face-to-face session needs a break


def _minutes(module: LoadedModule) -> list[Diagnostic]:
    meta = module.meta
    total = meta.session_minutes
    found = []
    if total != meta.minutes:
        breaks = " and breaks" if any(section.break_after for section in meta.sections) else ""
        found.append(_at(module, ("minutes",), "minutes-total",
                         f"the sections{breaks} add up to {total} minutes, but the module says {meta.minutes}",
                         f"make `minutes` {total}, or change the sections' minutes"))
    if total > LONG_SESSION and not any(section.break_after for section in meta.sections[:-1]):
        found.append(_at(module, ("minutes",), "no-break",
                         f"the session lasts {total} minutes with no break"))
    return found


def _activities(module: LoadedModule) -> list[Diagnostic]:
    found = []
    for s, section in enumerate(module.meta.sections):
        for b, block in enumerate(section.blocks):
            loc = ("sections", s, "blocks", b)
            if block.type == "discussion" and block.minutes is None:
                title = f' "{block.title}"' if block.title else ""
                found.append(_at(module, loc, "discussion-minutes",
                                 f'section "{section.title}": the discussion{title} has no minutes'))
            if block.type == "knowledge_check":
                for q, question in enumerate(block.questions):
                    for o, option in enumerate(getattr(question, "options", [])):
                        if option.feedback is None:
                            found.append(_at(module, (*loc, "questions", q, "options", o, "text"), "option-feedback",
                                             f'section "{section.title}": the answer "{option.text}" has no feedback'))
    return found


def _content_note(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    note = module.meta.content_note
    named = " ".join([*note.topics, note.text])
    found = []
    for topic, forms in SENSITIVE_TOPICS.items():
        pattern = re.compile(rf"(?<!\w)(?<!non-)(?<!non ){forms}(?!\w)", re.IGNORECASE)  # not "non-violent"
        if pattern.search(named):
            continue
        mention = _first_mention(pattern, texts)
        if mention is None:
            continue
        place, words = mention
        found.append(_at(module, ("content_note", "topics"), "content-note",
                         f'the module mentions {topic} ("{words}" at {place.file}:{place.line}:{place.column}), '
                         "but the content note does not name it",
                         f'add "{topic}" to content_note.topics, so learners know before they start'))
    return found


def _first_mention(pattern: re.Pattern, texts: list[AuthorText]) -> tuple[Place, str] | None:
    for text in texts:
        if not text.participant or (text.loc and text.loc[0] == "content_note"):
            continue
        for passage in text.passages:
            for match in pattern.finditer(passage.text):
                if _inside_a_name(passage.text, match.start()):
                    continue
                return text.passage_place(passage, match.start()), match.group()
    return None


def _inside_a_name(text: str, start: int) -> bool:
    """A capitalised word mid-sentence is part of a name, e.g. "Substance Abuse and Mental Health Services
    Administration": naming an organisation is not describing abuse."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:\n\"'(" and before[-1].isalpha()


def _review(module: LoadedModule, today: date) -> list[Diagnostic]:
    due = module.meta.next_review
    if due < today:
        return [_at(module, ("next_review",), "review-overdue",
                    f"the review was due on {due.isoformat()}, {_days(today - due)} ago")]
    if due <= today + timedelta(days=REVIEW_WARNING_DAYS):
        when = "today" if due == today else f"in {_days(due - today)}"
        return [_at(module, ("next_review",), "review-soon", f"the review is due on {due.isoformat()}, {when}")]
    return []


def _days(delta: timedelta) -> str:
    return f"{delta.days} day{'s' if delta.days != 1 else ''}"


def _draft(module: LoadedModule) -> list[Diagnostic]:
    if module.meta.status != "draft":
        return []
    return [_at(module, ("status",), "draft", f'"{module.meta.title}" is still a draft')]


def _outcomes(module: LoadedModule) -> list[Diagnostic]:
    sections = module.meta.sections
    if not any(section.outcomes for section in sections):
        return []
    addressed = {number for section in sections for number in section.outcomes}
    return [_at(module, ("outcomes", index), "outcome-unaddressed",
                f"outcome {index + 1} is not addressed by any section",
                f"add {index + 1} to the `outcomes` of the section that teaches it, or remove the outcome")
            for index in range(len(module.meta.outcomes)) if index + 1 not in addressed]
