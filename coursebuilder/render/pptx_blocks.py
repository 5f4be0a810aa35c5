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
from ..model import (BranchingScenario, Discussion, FreeResponse, Image, KeyPoint, KnowledgeCheck, MatchQuestion,
                     OrderQuestion, Question, Quote, Reflection, Scenario, Section, SelfRating, Step)
from . import pptx_layouts as L
from .templating import duration, sentence
from .picture_text import needs_words_on_slides
from .pptx_plan import Note, PictureSpec, SlideSpec, Timing, markdown_notes, section_timing, section_title
from .pptx_text import (SHORT_ITEM, Chunk, Para, Span, Table, cell_text, chunks, inline_lines, key_points,
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


ASK = Note("Give people a moment to choose. In a face-to-face session, talk through the answers together. This is "
           "for learning, not a test of anyone.")


def knowledge_check(block: KnowledgeCheck, ctx: Context) -> list[SlideSpec]:
    """Each question on a slide of its own, then its answer on the next (the notes have the answer too)."""
    heading = block.title or "Check your understanding"
    specs = []
    count = len(block.questions)
    for number, question in enumerate(block.questions, start=1):
        if isinstance(question, OrderQuestion):
            ask, answer = _order(question)
        elif isinstance(question, MatchQuestion):
            ask, answer = _match(question)
        else:
            ask, answer = _choice(question)
        overall = [Note("About this question:", heading=True), Note(question.feedback)] if question.feedback else []
        specs.append(ctx.spec(L.BULLETS, f"{heading}: question {number} of {count}", ask.body,
                              intro=[*ask.notes, Note("The next slide shows the answer.")]))
        specs.append(ctx.spec(L.BULLETS, f"{heading}: answer {number} of {count}",
                              answer.body + ([para(question.feedback, None)] if question.feedback else []),
                              intro=[Note(question.question), *answer.notes, *overall]))
    return specs


@dataclass
class _Slide:
    body: list[Para]
    notes: list[Note]


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(count)]


def _choice(question: Question) -> tuple[_Slide, _Slide]:
    letters = _letters(len(question.options))
    body = [para(question.question, None, bold=True, keep_with_next=True)]
    if question.multiple and "all that apply" not in question.question.lower():
        body.append(para("Choose all that apply.", None, keep_with_next=True))
    body += [para(option.text, f"{letter}.") for letter, option in zip(letters, question.options)]
    right = [(letter, option) for letter, option in zip(letters, question.options) if option.correct]
    answer = [para("The right answers are:" if len(right) > 1 else "The right answer is:", None, keep_with_next=True)]
    for letter, option in right:
        answer.append(para(f"{letter}. {option.text}", None, bold=True, keep_with_next=bool(option.feedback)))
        if option.feedback:
            answer.append(para(option.feedback, None))
    notes = [Note("Feedback for every option:", heading=True),
             *[Note(f"{letter}. {option.text}: " + (
                 f"{option.feedback}" if option.feedback_has_verdict  # the author's verdict, not twice
                 else f"{'right' if option.correct else 'not this one'}."
                 + (f" {option.feedback}" if option.feedback else "")))
               for letter, option in zip(letters, question.options)]]
    return _Slide(body, [ASK]), _Slide(answer, notes)


def _order(question: OrderQuestion) -> tuple[_Slide, _Slide]:
    """The steps lettered in the mixed-up order every format shows; the answer numbers them in order."""
    letters = _letters(len(question.order))
    shown = {step: letter for letter, step in zip(letters, question.shown)}  # step index → its letter
    body = [para(question.question, None, bold=True, keep_with_next=True),
            para("Put these in order:", None, keep_with_next=True),
            *[para(question.order[step], f"{letter}.") for letter, step in zip(letters, question.shown)]]
    sequence = ", ".join(shown[step] for step in range(len(question.order)))
    answer = [para("The right order is:", None, keep_with_next=True),
              *[para(f"{shown[step]}. {text}", f"{n}.") for n, (step, text) in enumerate(enumerate(question.order),
                                                                                          start=1)]]
    ask = [Note("Ask people to put the letters in order, on paper or aloud; in a group, agree the order together."),
           Note(f"The answer (reveal it on the next slide): {sequence}.")]
    return _Slide(body, [ask[0], ASK, ask[1]]), _Slide(answer, [Note(f"The right order: {sequence}."),
                                                              *[Note(f"{n}. {text}") for n, text in
                                                                enumerate(question.order, start=1)]])


def _match(question: MatchQuestion) -> tuple[_Slide, _Slide]:
    """The items numbered, the matches lettered in the mixed-up order every format shows."""
    letters = _letters(len(question.pairs))
    letter_of = {pair: letter for letter, pair in zip(letters, question.shown)}  # pair index → its match's letter
    items = [para(pair.item, f"{n}.") for n, pair in enumerate(question.pairs, start=1)]
    if all(len(pair.item) <= SHORT_ITEM for pair in question.pairs):  # short terms: one line, so that the
        # items and their matches share a slide
        joined = "   ".join(f"{n}.\u00a0{pair.item}" for n, pair in enumerate(question.pairs, start=1))
        items = [Para([Span(joined)], None, joined, keep_with_next=True)]
    body = [para(question.question, None, bold=True, keep_with_next=True), *items,
            para("Matches to choose from:", None, bold=True, keep_with_next=True),
            *[para(question.pairs[pair].match, f"{letter}.") for letter, pair in zip(letters, question.shown)]]
    pairs = ", ".join(f"{n} {letter_of[n - 1]}" for n in range(1, len(question.pairs) + 1))
    answer = [para("The right matches are:", None, keep_with_next=True),
              *[para(f"{pair.item} → {letter_of[n]}. {pair.match}", f"{n + 1}.") for n, pair in
                enumerate(question.pairs)]]
    notes = [Note("Each pair, with its feedback:", heading=True),
             *[Note(f"{n + 1}. {pair.item} → {letter_of[n]}. {pair.match}" + (f" {pair.feedback}" if pair.feedback
                                                                              else ""))
               for n, pair in enumerate(question.pairs)]]
    return (_Slide(body, [Note("Ask people to match each numbered item with a letter."), ASK,
                          Note(f"The answer (reveal it on the next slide): {pairs}.")]),
            _Slide(answer, [Note(f"The right matches: {pairs}."), *notes]))


def free_response(block: FreeResponse, ctx: Context) -> list[SlideSpec]:
    lead = para("Write your answer in your own words, or think it through. Nobody needs to share what they wrote.",
                None)
    return [ctx.spec(
        L.BULLETS, f"Written answer: {block.title}" if block.title else "Written answer",
        [para(block.question, None, bold=True, keep_with_next=True), lead],
        intro=[Note("Give people a few minutes to write their answer. Then talk through what a good answer covers, "
                    "using the model answer below. Nobody has to read out what they wrote."),
               Note("Model answer", heading=True), *markdown_notes(block.model_answer, movable="Model answer")],
    )]


def self_rating(block: SelfRating, ctx: Context) -> list[SlideSpec]:
    scale = Para([Span("Scale: ", bold=True), Span(" · ".join(block.scale))], None,
                 "Scale: " + ", ".join(block.scale) + ".")
    private = [Para([Span("Private: ", bold=True), Span("nobody shares their ratings.")], None)]
    notes = [Note("These ratings are private. Invite people to rate each statement on paper or in their heads, not "
                  "aloud, and never ask anyone to share their ratings. The handbook has tick boxes for them."),
             Note(f"The scale runs from “{block.scale[0]}” to “{block.scale[-1]}”.")]
    if block.compare_with:
        notes.append(Note("People rated the same statements earlier in the session. Invite them to look back at "
                          "their earlier ratings, privately, and notice anything that has changed."))
    return [ctx.spec(
        L.ACTIVITY, f"Self-rating: {block.title}" if block.title else "Self-rating",
        [para(block.question, None, bold=True, keep_with_next=True), *[para(s) for s in block.statements], scale],
        extra={L.DETAILS: private}, intro=notes,
    )]


def branching_scenario(block: BranchingScenario, ctx: Context) -> list[SlideSpec]:
    """Facilitator-led: an opening slide, a slide per step with its choices lettered for the group to vote
    on (each choice's consequence, and whether it is the best, in the notes), endings with their feedback
    and discussion points, and a last slide with the best path."""
    name = f"Choose your path: {block.title}"
    series = f"{ctx.number}.branching.{block.title}"
    story = [Para(p.spans, None, p.source) for chunk in chunks(block.text or "") for p in chunk.paras]
    how = para("At each step, the group chooses what to do. Each choice leads to another step, until the scenario "
               "ends.", None)
    details = [Span("Steps: ", bold=True), Span(str(len(block.steps)))]
    if block.minutes:
        details = [Span("Time: ", bold=True), Span(duration(block.minutes)), Span("   "), *details]
    path = _best_path(block)
    specs = [ctx.spec(
        L.ACTIVITY, name, [*story, how], extra={L.DETAILS: [Para(details, None)]}, series=series + ".intro",
        intro=[Note((f"This scenario takes about {duration(block.minutes)}. " if block.minutes else "")
                    + "Read each step aloud, give the group time to talk, then take a vote on the choices (a show "
                    "of hands, or cards with the letters). The notes of each step say which step each letter leads "
                    "to and what the choice does: go to the slide of that step (titled Step 1, Step 2 …)."),
               Note("The best path (do not show it until the group reaches an ending): " + path + ".")],
    )]
    arrivals: dict[str, list[str]] = {}
    for number, step in enumerate(block.steps, start=1):
        for letter, choice in zip(_letters(len(step.choices)), step.choices):
            if choice.feedback:
                arrivals.setdefault(choice.go_to, []).append(
                    f"If the group came here by choosing {letter} at step {number}, read out: {choice.feedback}")
    for number, step in enumerate(block.steps, start=1):
        specs.append(_step_slide(block, step, number, ctx, arrivals.get(step.id, []), series))
    specs.append(ctx.spec(
        L.BULLETS, f"{name}: the best path", _best_path_lines(block),
        intro=[Note("Show this once the group has reached an ending and talked it through: it is the path the "
                    "authors would take, not the only good one."), Note("The best path: " + path + ".")],
    ))
    return specs


def _step_title(step: Step, number: int) -> str:
    return f"Step {number}" + (", an ending" if step.ending else "") + (f": {step.title}" if step.title else "")


def _step_slide(block: BranchingScenario, step: Step, number: int, ctx: Context, arrivals: list[str],
                series: str) -> SlideSpec:
    """A step: its text, then its choices lettered (or, at an ending, why it turned out this way). The notes
    open with the feedback of the choices that lead here and the step's own notes, and end (on the slide
    with the choices, when a long step continues) with what each choice does, or the discussion points."""
    body = [Para(p.spans, None, p.source) for chunk in chunks(step.text) for p in chunk.paras]
    intro = [Note(f"Step {number} of {len(block.steps)}" + (f", about {duration(step.minutes)}." if step.minutes
                                                              else "."))]
    intro += [Note(text) for text in arrivals]
    outro: list[Note] = []
    if step.ending or not step.choices:
        if step.feedback:
            body.append(para("Why it turned out this way:", None, bold=True, keep_with_next=True))
            body += [Para(p.spans, None, p.source) for chunk in chunks(step.feedback) for p in chunk.paras]
        intro.append(Note("This is an ending. Read it aloud, then talk it through."))
        if step.debrief:
            outro += [Note("Discussion points", heading=True), *[Note(f"• {point}") for point in step.debrief]]
    else:
        body.append(para("What do you do?", None, bold=True, keep_with_next=True))
        body += [para(choice.text, f"{letter}.") for letter, choice in zip(_letters(len(step.choices)), step.choices)]
        intro.append(Note("Read the step aloud, let the group talk, then take a vote on the choices."))
        outro.append(Note("What each choice does", heading=True))
        for letter, choice in zip(_letters(len(step.choices)), step.choices):
            target = block.step(choice.go_to)
            where = (f"step {block.number(choice.go_to)}" + (f" ({target.title})" if target and target.title else "")
                     if target else "no step yet")
            outro.append(Note(f"{letter} leads to {where}" + (f": {choice.feedback}" if choice.feedback else ".")
                              + (" This is the best choice." if choice.best else "")))
    if step.facilitator_notes:
        label = f"Facilitator notes for step {number}"
        intro += [Note(label, heading=True), *markdown_notes(step.facilitator_notes)]
    guide = Note(f"Facilitator notes for section {ctx.number} start in the notes of its title slide.")
    return ctx.spec(L.BULLETS, _step_title(step, number), body, intro=intro, outro=[*outro, guide],
                    series=f"{series}.{step.id}")


def _best_path(block: BranchingScenario) -> str:
    """"Step 1 → A → Step 4 → A → Step 5, an ending": the best choice at each step, from the start."""
    parts = []
    for step in block.best_path:
        number = block.number(step.id)
        parts.append(f"Step {number}" + (", an ending" if step.ending else "")
                     + (f": {step.title}" if step.ending and step.title else ""))
        best = next((letter for letter, choice in zip(_letters(len(step.choices)), step.choices) if choice.best), None)
        if best:
            parts.append(best)
    return " → ".join(parts)


def _best_path_lines(block: BranchingScenario) -> list[Para]:
    """Each step of the best path with its best choice: "Step 1: At the door → A. Introduce yourself …"."""
    lines = []
    for step in block.best_path:
        title = _step_title(step, block.number(step.id) or 0)
        best = next(((letter, choice) for letter, choice in zip(_letters(len(step.choices)), step.choices)
                     if choice.best), None)
        spans = [Span(title, bold=True)] + ([Span(f" → {best[0]}. {best[1].text}")] if best else [])
        lines.append(Para(spans, None, "".join(span.text for span in spans)))
    return lines


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
    "branching_scenario": branching_scenario,
    "free_response": free_response,
    "self_rating": self_rating,
    "quote": quote,
    "key_point": key_point,
    "image": image,
}
