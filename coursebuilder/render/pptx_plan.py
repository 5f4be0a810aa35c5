"""What goes on a module's deck, before anything is measured or drawn: the opening slides (title,
content note, group agreement, outcomes, agenda), each section's title slide, and the closing
slides (support, references). Section content and blocks are in pptx_blocks.py.

Each slide is a SlideSpec: which layout, what text, and what its speaker notes say. The renderer
measures the text and splits a long slide onto continuation slides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ..load import LoadedCourse, LoadedModule
from ..model import Reference, Section
from ..provenance import SHORT_STATUS, provenance
from ..timetable import timetable, to_minutes
from . import pptx_layouts as L
from .templating import duration, sentence
from .pptx_text import Para, Span, Table, chunks, para, safe_link, short_address


@dataclass
class Note:
    text: str
    heading: bool = False
    # Notes that may move on to the next slide's notes when a printed notes page is full, in groups
    # (a heading and what follows it); the label names them there, followed by "(continued)".
    movable: str | None = None
    group: int = 0


@dataclass
class PictureSpec:
    file: Path | None  # None when a slide cannot show the picture (SVG)
    alt: str
    decorative: bool


@dataclass
class SlideSpec:
    layout: str
    title: str
    body: list[Para] = field(default_factory=list)  # into the BODY placeholder; split over slides if long
    compact: list[Para] | None = None  # a shorter body for when `body` needs more than one slide
    sizes: tuple[int, ...] = (4, 2, 0)  # body sizes to try, in points above the theme's body size
    extra: dict[int, list[Para]] = field(default_factory=dict)  # other placeholders, by idx: never split
    picture: PictureSpec | None = None
    timing: str = ""
    intro: list[Note] = field(default_factory=list)  # notes before the prose this slide summarises
    outro: list[Note] = field(default_factory=list)  # notes after it
    section: str | None = None  # the section title, to tell repeated titles apart
    style: str = "plain"  # plain, strong (primary background), note or caution (panel colour)
    logo: bool = False
    table: Table | None = None  # drawn as a table in the body's place, split by rows (pptx_table)
    series: str | None = None  # slides of specs with the same series are numbered as parts of one title


@dataclass
class Timing:
    start: datetime
    sections: list[tuple[datetime, datetime]]
    breaks: dict[int, tuple[datetime, datetime]] = field(default_factory=dict)  # after section number n

    @property
    def end(self) -> datetime:
        return self.sections[-1][1] if self.sections else self.start


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def timing(course: LoadedCourse, module: LoadedModule) -> Timing:
    start = datetime.strptime(course.meta.session_start, "%H:%M")
    first = to_minutes(course.meta.session_start)

    def moment(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes - first)

    spans, breaks = [], {}
    for slot in timetable(module.meta, course.meta.session_start):
        if slot.is_break:
            breaks[slot.number] = (moment(slot.start), moment(slot.end))
        else:
            spans.append((moment(slot.start), moment(slot.end)))
    return Timing(start, spans, breaks)


def markdown_notes(text: str, movable: str | None = None) -> list[Note]:
    """Facilitator Markdown as notes: headings as bold lines, list items with their bullet or number."""
    notes = []
    for group, chunk in enumerate(chunks(text), start=1):
        if chunk.heading:
            notes.append(Note(chunk.heading, heading=True, movable=movable, group=group))
        notes += [Note(p.source, movable=movable, group=group) for p in chunk.paras]
    return notes


def opening(course: LoadedCourse, module: LoadedModule, times: Timing) -> list[SlideSpec]:
    meta, c = module.meta, course.meta
    first = meta.sections[0]
    when = (f"Timing: the session starts at {clock(times.start)}. The opening slides are part of "
            f"section 1 ({duration(first.minutes)}).")
    made = provenance(meta)
    short = SHORT_STATUS[meta.status] if not made.approved else ""
    subtitle = f"{c.title} · {c.organisation}" + (f" · {short}" if short else "")
    credit = [Para([Span("Co-production: ", bold=True), Span(" ".join(made.co_production))], None),
              Para([Span("Approval: ", bold=True), Span(" ".join(made.approvals))], None),
              para(f"Written by {sentence(', '.join(meta.authors))} Version {meta.version}, reviewed "
                   f"{meta.reviewed.strftime('%B %Y')}.", None)]
    specs = [SlideSpec(
        L.TITLE_SLIDE, meta.title, [para(subtitle, None)], extra={L.CREDIT: credit}, timing=when, logo=True,
        intro=[Note("Welcome people as they arrive. Introduce yourself and your co-facilitator."),
               Note(f"{meta.title}: {meta.summary}"),
               Note(f"This module is for: {sentence(', '.join(meta.audience))}"),
               Note(f"Time: about {duration(meta.minutes)}.")],
    )]
    topics = _join(meta.content_note.topics)
    support = _join([s.name for s in c.signposting])
    specs.append(SlideSpec(
        L.KEY_POINT, "Before we start: a content note", [
            Para([Span("This session talks about ", bold=True), Span(sentence(topics))], None, keep_with_next=False),
            para("You can pause, step out or stop at any time. You don't need to give a reason.", None),
            para(f"If you need support, talk to someone you trust or contact {support}. "
                 "Their details are at the end." if support else
                 "If you need support, talk to someone you trust, your manager or your staff wellbeing service.",
                 None),
        ], sizes=(4, 2, 0), timing=when, style="caution",
        intro=[Note("Read this aloud, or make sure everyone has read it. Say plainly that people can pause, "
                    "step out or stop at any time, and do not need to explain why."),
               Note("The content note in full:", heading=True),
               *[Note(p.source) for chunk in chunks(meta.content_note.text) for p in chunk.paras if p.source]],
        outro=_support_notes(course),
    ))
    if c.group_agreement:
        specs.append(SlideSpec(
            L.BULLETS, "Our group agreement", [para(rule) for rule in c.group_agreement], timing=when,
            intro=[Note("Go through the group agreement and ask if anyone wants to add to it.")],
        ))
    specs.append(SlideSpec(
        L.BULLETS, "What you will be able to do", [para(outcome) for outcome in meta.outcomes], timing=when,
        intro=[Note("Read the outcomes aloud: what people will be able to do by the end of the session.")],
    ))
    agenda = []
    for number, (section, (start, end)) in enumerate(zip(meta.sections, times.sections), start=1):
        agenda.append(Para([Span(clock(start), bold=True), Span(f"  {section.title} ({duration(section.minutes)})")],
                           None, f"{clock(start)} to {clock(end)}: {section.title} ({duration(section.minutes)})"))
        if number in times.breaks:
            start, end = times.breaks[number]
            minutes = section.break_after or 0
            agenda.append(Para([Span(clock(start), bold=True), Span(f"  Break ({duration(minutes)})")],
                               None, f"{clock(start)} to {clock(end)}: break ({duration(minutes)})"))
    total = int((times.end - times.start).total_seconds() // 60)
    specs.append(SlideSpec(
        L.BULLETS, f"Agenda: {clock(times.start)} to {clock(times.end)}", agenda, timing=when,
        intro=[Note(f"The session runs from {clock(times.start)} to {clock(times.end)} ({duration(total)}).")],
    ))
    return specs


def section_title(module: LoadedModule, section: Section, number: int, times: Timing) -> SlideSpec:
    start, end = times.sections[number - 1]
    when = Para([Span(duration(section.minutes), bold=True), Span(f", {clock(start)} to {clock(end)}")], None)
    numbers = [n for n in section.outcomes if n <= len(module.meta.outcomes)]
    outcomes = [module.meta.outcomes[n - 1] for n in numbers]
    body = [when]
    if outcomes:
        body.append(para("In this section you will:", None, keep_with_next=True))
        body += [para(_lower_first(text)) for text in outcomes]
    guide = module.document(section.facilitator_notes)
    return SlideSpec(
        L.SECTION, f"Section {number}: {section.title}", body, timing=section_timing(section, number, module, times),
        section=section.title, style="strong",
        compact=[when, para(f"Learning outcome{'s' if len(numbers) > 1 else ''} {_join([str(n) for n in numbers])}: "
                            "see “What you will be able to do”.", None)] if numbers else None,
        intro=[Note("In this section people will:"), *[Note(f"{n}. {text}") for n, text in zip(numbers, outcomes)]]
        if outcomes else [],
        outro=[Note(f"Facilitator notes for section {number}", heading=True),
               *markdown_notes(guide.text, movable=f"Facilitator notes for section {number}")]
        if guide else [Note("This section has no facilitator notes. Each slide's notes carry the handbook text "
                            "it summarises.")],
    )


def section_timing(section: Section, number: int, module: LoadedModule, times: Timing) -> str:
    start, end = times.sections[number - 1]
    text = (f"Timing: section {number} of {len(module.meta.sections)}, {clock(start)} to {clock(end)} "
            f"({duration(section.minutes)}).")
    if number in times.breaks:
        start, end = times.breaks[number]
        text += f" Then a break, {clock(start)} to {clock(end)} ({duration(section.break_after or 0)})."
    return text


def closing(course: LoadedCourse, module: LoadedModule, times: Timing) -> list[SlideSpec]:
    when = f"Timing: {clock(times.end)}, the end of the session."
    services = [_service(s.name, s.contact, s.url) for s in course.meta.signposting] or [
        para("Talk to someone you trust, your manager, or your occupational health or staff wellbeing service.")]
    specs = [SlideSpec(
        L.CLOSING, "Thank you: where to find support", services, timing=when, logo=True,
        intro=[Note("Thank people for taking part. Remind everyone of the support services, say how to contact "
                    "you after the session, and stay for a few minutes in case anyone wants a quiet word.")],
    )]
    if module.meta.glossary:
        specs.insert(0, SlideSpec(
            L.BULLETS, "Glossary", [Para([Span(f"{entry.term}: ", bold=True), Span(entry.definition)],
                                         None, f"{entry.term}: {entry.definition}")
                                    for entry in module.meta.glossary],
            timing=when, intro=[Note("The words this module uses that people may not know. Leave this slide up "
                                     "while people ask about any of them.")],
        ))
    if module.meta.references:
        specs.append(SlideSpec(
            L.BULLETS, "References", [_reference(r) for r in module.meta.references], sizes=(-2,), timing=when,
            intro=[Note("The references are also in the handbook and the e-learning, with their web addresses.")],
        ))
    return specs


def _service(name: str, contact: str, url: str | None) -> Para:
    spans = [Span(f"{name}: ", bold=True), Span(contact)]
    if url and safe_link(url):
        spans += [Span(" "), Span(short_address(url), link=url)]
    return Para(spans, "•", f"{name}: {contact}" + (f" {url}" if url else ""))


def _reference(ref: Reference) -> Para:
    """Author (year). Title. Publisher. Web address: linked, and shortened on the slide when long (the
    whole address is the link, and is in the notes)."""
    if ref.author:
        parts = [f"{ref.author} ({ref.year})" if ref.year else ref.author, ref.title, ref.publisher]
    else:
        parts = [f"{ref.title} ({ref.year})" if ref.year else ref.title, ref.publisher]
    text = " ".join(sentence(part) for part in parts if part)
    spans = [Span(text)]
    if ref.url:
        spans += [Span(" "), Span(short_address(ref.url), link=safe_link(ref.url))]
    return Para(spans, "•", "• " + text + (f" {ref.url}" if ref.url else ""))


def _support_notes(course: LoadedCourse) -> list[Note]:
    if not course.meta.signposting:
        return []
    return [Note("Support services", heading=True),
            *[Note(f"{s.name}: {s.contact}" + (f" ({s.url})" if s.url else "")) for s in course.meta.signposting]]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""


def _lower_first(text: str) -> str:
    """'Explain why…' → 'explain why…', after "In this section you will:"; acronyms stay as they are."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
