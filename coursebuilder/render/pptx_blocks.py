"""A section's slides: its title slide, the slides of its text (every word of it, each heading's text
on a slide of its own and each table as a table, or the slide text the author wrote in the section's
`slides:`), and one or more slides per block (pptx_layouts maps each kind to its layout). One function
per block type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..load import LoadedModule
from ..provenance import quote_credit, quote_marks
from ..model import Discussion, Image, KeyPoint, KnowledgeCheck, Quote, Reflection, Scenario, Section
from . import pptx_layouts as L
from .templating import duration, sentence
from .picture_text import needs_words_on_slides
from .pptx_plan import Note, PictureSpec, SlideSpec, Timing, section_timing, section_title
from .pptx_text import (Chunk, Para, Span, Table, cell_text, chunks, inline_lines, key_points,
                         para)

LARGE = (10, 8, 6, 4, 2, 0)  # one idea on its own: as large as fits, up to 10 pt above the body size


@dataclass
class Context:
    module: LoadedModule
    section: Section
    number: int
    when: str  # the section's timing line

    def spec(self, layout: str, title: str, body: list[Para], **kwargs) -> SlideSpec:
        guide = Note(f"Facilitator notes for section {self.number} start in the notes of its title slide.")
        kwargs.setdefault("outro", [guide])
        return SlideSpec(layout, title, body, timing=self.when, section=self.section.title, **kwargs)


def section_slides(module: LoadedModule, section: Section, number: int, times: Timing) -> list[SlideSpec]:
    ctx = Context(module, section, number, section_timing(section, number, module, times))
    return [section_title(module, section, number, times), *text_slides(ctx),
            *[spec for block in section.blocks for spec in BLOCKS[block.type](block, ctx)]]


def text_slides(ctx: Context) -> list[SlideSpec]:
    """The section's text: all of it, or the author's own slide text with all of it in the notes."""
    section, module = ctx.section, ctx.module
    document = module.document(section.body)
    found = chunks(document.text) if document else []
    specs: list[SlideSpec] = []
    if section.slides:
        own = chunks(section.slides)
        by_heading = {chunk.heading: chunk for chunk in found if chunk.heading}
        unmatched = [chunk for chunk in found if chunk.heading not in {c.heading for c in own}]
        for n, chunk in enumerate(own):
            behind = ([by_heading[chunk.heading]] if chunk.heading in by_heading else []) + (unmatched if n == 0 else [])
            specs += _chunk_slides(ctx, chunk, f"{ctx.number}.slides.{n}", behind=behind)
    else:
        for n, chunk in enumerate(found):
            if chunk.pieces or not chunk.heading:
                specs += _chunk_slides(ctx, chunk, f"{ctx.number}.text.{n}")
                continue
            # A heading with no text of its own, only headings under it: a slide that lists them.
            under: list[Para] = []
            for later in found[n + 1:]:
                if later.level <= chunk.level:
                    break
                if later.level == chunk.level + 1 or not under:
                    under.append(para(later.heading or "", None))
            specs.append(ctx.spec(L.BULLETS, chunk.heading, under,
                                  intro=[Note("The slides after this one take each part in turn.")] if under else []))
    for chunk in found:
        heading = chunk.heading or section.title
        for picture in chunk.pictures:
            file = document.images.get(picture.src) if document else None
            if file is not None:
                specs += _picture(ctx, f"Picture: {heading}", file, picture.alt, not picture.alt, None)
    return specs


def _chunk_slides(ctx: Context, chunk: Chunk, series: str, behind: list[Chunk] | None = None) -> list[SlideSpec]:
    """One heading's text: its paragraphs on slides, each table as a table, in the author's order, all
    titled with the heading (later slides "(continued)"). `behind`: the handbook text the author's own
    slide text stands for, for the notes."""
    heading = chunk.heading or ctx.section.title
    specs: list[SlideSpec] = []
    run: list[Para] = []
    intro = []
    if behind and any(c.paras for c in behind):
        label = f"The handbook text behind “{heading}”"
        intro = [Note("This slide shows the author's slide text. The handbook text, in full:", heading=True)]
        for group, c in enumerate(behind, start=1):
            intro += [Note(c.heading, heading=True, movable=label, group=group)] if c.heading else []
            intro += [Note(p.source, movable=label, group=group) for p in c.paras if p.source]
    for piece in [*chunk.pieces, None]:
        if isinstance(piece, Para):
            run.append(piece)
            continue
        if run:
            specs.append(ctx.spec(L.BULLETS, heading, key_points(run), series=series))
            run = []
        if isinstance(piece, Table):
            specs.append(_table(ctx, heading, piece, series))
    if specs and intro:  # the handbook text last, so what does not fit the notes page moves on
        specs[0].intro, specs[0].outro = [*specs[0].intro, *specs[0].outro, *intro], []
    return specs


def _table(ctx: Context, heading: str, table: Table, series: str) -> SlideSpec:
    """A table under its caption, when it has one (the caption names it, as it does in HTML and PDF),
    or else under the heading of its text."""
    columns = [c for c in (cell_text(h) for h in table.header) if c]
    caption = cell_text(table.caption)
    about = (f"A table of {len(table.rows)} row{'s' if len(table.rows) != 1 else ''}"
             + (f", with the columns {_and(columns)}" if columns else "")
             + (f", under “{heading}”." if caption else "."))
    return ctx.spec(L.BULLETS, caption or heading, [], table=table, series=f"{series}/{caption}" if caption else series,
                    intro=[Note(about)])


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""


def reflection(block: Reflection, ctx: Context) -> list[SlideSpec]:
    lead = para("Take a few minutes to think about these questions. You might jot down your thoughts.", None,
                keep_with_next=True)
    return [ctx.spec(
        L.BULLETS, f"Reflection: {block.title}" if block.title else "Reflection",
        [lead, *[para(prompt) for prompt in block.prompts]],
        intro=[Note("Read the prompts aloud and give people quiet time to think or jot down their thoughts. "
                    "Nobody has to share what they wrote.")],
    )]


def discussion(block: Discussion, ctx: Context) -> list[SlideSpec]:
    details = []
    if block.minutes:
        details += [Span("Time: ", bold=True), Span(duration(block.minutes))]
    if block.group_size:
        details += [Span("   Groups: " if details else "Groups: ", bold=True), Span(block.group_size)]
    steps = []
    for chunk in chunks(block.instructions):
        if chunk.heading:
            steps.append(para(chunk.heading, None, bold=True, keep_with_next=True))
        for item in chunk.paras:
            lead_in = item.text.rstrip().endswith(":")
            steps.append(Para(item.spans, item.bullet, item.source, keep_with_next=lead_in))
    how = ", ".join(part for part in (duration(block.minutes) if block.minutes else None,
                                      f"in groups of {block.group_size}" if block.group_size else None) if part)
    intro = [Note(f"This activity takes {how}. Give a time check a couple of minutes before the end."
                  if block.minutes else f"Run this activity {how}." if how else "Run this activity in small groups.")]
    if block.materials:
        intro.append(Note(f"You need: {sentence(', '.join(block.materials))}"))
    return [ctx.spec(L.ACTIVITY, f"Group activity: {block.title}" if block.title else "Group activity", steps,
                     sizes=(2, 0, -2), extra={L.DETAILS: [Para(details, None)]} if details else {}, intro=intro)]


def knowledge_check(block: KnowledgeCheck, ctx: Context) -> list[SlideSpec]:
    heading = block.title or "Check your understanding"
    specs = []
    count = len(block.questions)
    for number, question in enumerate(block.questions, start=1):
        letters = [chr(ord("A") + i) for i in range(len(question.options))]
        body = [para(question.question, None, bold=True, keep_with_next=True)]
        if question.multiple and "all that apply" not in question.question.lower():
            body.append(para("Choose all that apply.", None, keep_with_next=True))
        body += [para(option.text, f"{letter}.") for letter, option in zip(letters, question.options)]
        specs.append(ctx.spec(
            L.BULLETS, f"{heading}: question {number} of {count}", body,
            intro=[Note("Give people a moment to choose. In a face-to-face session, talk through the answers "
                        "together. This is for learning, not a test of anyone."),
                   Note("The next slide shows the answer.")],
        ))
        right = [(letter, option) for letter, option in zip(letters, question.options) if option.correct]
        answer = [para("The right answers are:" if len(right) > 1 else "The right answer is:", None,
                       keep_with_next=True)]
        for letter, option in right:
            answer.append(para(f"{letter}. {option.text}", None, bold=True, keep_with_next=bool(option.feedback)))
            if option.feedback:
                answer.append(para(option.feedback, None))
        specs.append(ctx.spec(
            L.BULLETS, f"{heading}: answer {number} of {count}", answer,
            intro=[Note(question.question), Note("Feedback for every option:", heading=True),
                   *[Note(f"{letter}. {option.text}: " + (
                          f"{option.feedback}" if option.feedback_has_verdict  # the author's verdict, not twice
                          else f"{'right' if option.correct else 'not this one'}."
                          + (f" {option.feedback}" if option.feedback else "")))
                     for letter, option in zip(letters, question.options)]],
        ))
    return specs


def scenario(block: Scenario, ctx: Context) -> list[SlideSpec]:
    story = [Para(p.spans, None, p.source) for chunk in chunks(block.text) for p in chunk.paras]
    return [
        ctx.spec(L.BULLETS, f"Scenario: {block.title}", story,
                 intro=[Note("Read the scenario aloud, or give people time to read it.")]),
        ctx.spec(L.BULLETS, f"Scenario questions: {block.title}", [para(q) for q in block.questions],
                 intro=[Note("Give people time to think the questions through, alone or in small groups. "
                             "They do not need to answer every question.")]),
    ]


def _in_language(lines: list[list[Span]], lang: str | None) -> list[list[Span]]:
    """A block's runs in the language its `lang:` names (a passage marked inside it keeps its own)."""
    return [[replace(s, lang=s.lang or lang) for s in line] for line in lines] if lang else lines


def quote(block: Quote, ctx: Context) -> list[SlideSpec]:
    opening, closing = quote_marks(block.text)  # the same marks as every format, never doubled
    lines = _in_language(inline_lines(block.text), block.lang)
    if opening and lines:
        lines[0] = [Span(opening), *lines[0]]
        lines[-1] = [*lines[-1], Span(closing)]
    words = [Para(line, None, keep_with_next=n < len(lines) - 1) for n, line in enumerate(lines)]
    credit = [para(quote_credit(block, ctx.module.meta), None)]
    intro = [Note("Read the quote aloud, or ask a volunteer to.")]
    if block.illustrative:
        intro.append(Note("Say that the course authors wrote these words to illustrate a point: they are not "
                          "the words of a real person."))
        title = "A thought to discuss"
    else:
        intro.append(Note("Say where the words come from: " + quote_credit(block, ctx.module.meta)))
        title = "In their words" if block.attribution else "From the evidence"
    return [ctx.spec(L.QUOTE, block.title or title, words, sizes=LARGE, extra={L.ATTRIBUTION: credit}, intro=intro)]


def key_point(block: KeyPoint, ctx: Context) -> list[SlideSpec]:
    lines = _in_language(inline_lines(block.text), block.lang)
    return [ctx.spec(L.KEY_POINT, f"Key point: {block.title or ctx.section.title}",
                     [Para(line, None, keep_with_next=n < len(lines) - 1) for n, line in enumerate(lines)],
                     sizes=LARGE, style="note", intro=[Note("Read the key point aloud.")])]


def image(block: Image, ctx: Context) -> list[SlideSpec]:
    title = block.title or f"Picture: {ctx.section.title}"
    file = ctx.module.images[block.src]
    specs = _picture(ctx, title, file, block.alt or "", block.decorative, block.caption)
    if specs and block.alt and needs_words_on_slides(block, file):  # letters too small to read from the room
        specs.append(ctx.spec(L.BULLETS, f"{title}: in words", [para(block.alt, None)], intro=[Note(
            "The letters in the picture on the last slide are too small to read from the room, so this slide "
            "gives its words.")]))
    return specs


def _picture(ctx: Context, title: str, file: Path, alt: str, decorative: bool, caption: str | None) -> list[SlideSpec]:
    words = [para(caption, None)] if caption else []
    if decorative and not words:
        return []  # adds nothing to the text: not worth a slide of its own
    if file.suffix.lower() == ".svg":
        if decorative:
            return []  # a deck cannot show SVG, and a caption alone is no picture
        return [ctx.spec(L.BULLETS, title, [para(alt, None), *words], intro=[Note(
            f"This picture ({file.name}) is an SVG file, which a deck cannot show, so the slide describes it. "
            "To show the picture itself, save it as PNG and name the PNG in module.yaml.")])]
    intro = Note("This picture is decorative." if decorative else
                 f"Describe the picture for anyone who cannot see it: {alt}")
    return [ctx.spec(L.PICTURE_SLIDE, title, [], extra={L.CAPTION: words} if words else {},
                     picture=PictureSpec(file, alt, decorative), intro=[intro])]


BLOCKS: dict[str, Callable[..., list[SlideSpec]]] = {
    "reflection": reflection,
    "discussion": discussion,
    "knowledge_check": knowledge_check,
    "scenario": scenario,
    "quote": quote,
    "key_point": key_point,
    "image": image,
}
