"""The module format: pydantic models for `course.yaml` and `modules/<slug>/module.yaml`.

These models are the single source of truth: loading validates against them, `coursebuilder
schema` prints their JSON Schema for editors, and docs/module-format.md describes them.
Custom checks raise `PydanticCustomError` with a `hint` so every message can tell the author
how to put it right.
"""

from __future__ import annotations

import re
import zlib
from datetime import date
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from .feedback import says_own_verdict
from .markdown import LANGUAGE_TAG, code_for_language

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


@dataclass(frozen=True)
class Words:
    """What kind of words a text field holds, for the checks and the loader: a title or short name
    ("label"), plain sentences ("prose"), Markdown ("markdown") or alt text ("alt"). Fields without it
    hold no words of the author's (file names, numbers, ids)."""

    kind: str


LABEL, PROSE, MARKDOWN, ALT = Words("label"), Words("prose"), Words("markdown"), Words("alt")
Label = Annotated[Text, LABEL]
Prose = Annotated[Text, PROSE]
Markdown = Annotated[Text, MARKDOWN]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]
Day = date  # a field called `date` must not hide the type

MAX_ANSWERS = 26  # answers to one question: a SCORM 1.2 platform records each as one letter
MAX_ITEMS = 10  # steps to put in order, or pairs to match: more than a learner can hold in mind
RESERVED_SLUGS = {"course"}  # build/pdf/course-handbook.pdf is the whole-course handbook
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def custom_error(code: str, message: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"hint": hint})


def check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise custom_error(
            "slug",
            f'"{value}" cannot be a module name',
            "use lower-case letters, digits and hyphens, like space-to-think",
        )
    return value


def check_module_slug(value: str) -> str:
    check_slug(value)
    if value in RESERVED_SLUGS:
        raise custom_error(
            "slug", f'"{value}" cannot be a module name: its handbook would replace the course handbook, '
            "course-handbook.pdf",
            f'rename the folder modules/{value}/ and this entry, for example to "{value}-introduction"',
        )
    return value


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- course.yaml ---------------------------------------------------------------------------


class Signpost(Strict):
    name: Text = Field(description="The organisation or service.", examples=["Samaritans"])
    contact: Text = Field(
        description="How to reach it, in words a person in distress can act on.",
        examples=["Call 116 123, free, day or night"],
    )
    url: str | None = Field(None, description="Web address (https://…).", examples=["https://www.samaritans.org"])

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        return check_web_url(value)


class LanguageTerm(Strict):
    """A word or phrase to avoid, with what to say instead. The built-in set is checks/language.yaml."""

    code: Text = Field(description="A short name for the rule, used in messages and to switch it off.",
                       examples=["service-user"])
    avoid: list[Text] = Field(
        min_length=1, description="Words to avoid, in their plain form; plurals and possessives are found too.",
        examples=[["service user"]],
    )
    instead: list[Text] = Field(default_factory=list, description="What to say instead.",
                                examples=[["people who use our services"]])
    advice: Text | None = Field(None, description="Advice when there is no one-word alternative.",
                                examples=["describe what happened"])
    why: Text = Field(description='Why to avoid it, finishing the sentence "service user" …',
                      examples=["is a label; our trust uses people's names"])
    severity: Literal["error", "warning", "info"] = Field("warning", description="How serious a finding is.")
    verbs: list[Text] = Field(
        default_factory=list,
        description="Words in `avoid` that are verbs, so other forms are found too (suffer: suffers, suffered).",
    )
    unless_followed_by: list[Text] = Field(
        default_factory=list, description="Words after the phrase that make it fine (DNA: test, sample)."
    )
    unless_preceded_by: list[Text] = Field(
        default_factory=list, description="Words before the phrase that make it fine."
    )
    case_sensitive: bool = Field(False, description="true to match only the exact capitals written in `avoid`.")
    sources: list[Text] = Field(default_factory=list, description="Where the advice comes from.")
    example: Text | None = Field(None, description="A sentence that uses the term.")
    better: Text | None = Field(None, description="The same sentence, rewritten.")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise custom_error("code", f'"{value}" cannot be a rule code',
                               "use lower-case letters, digits and hyphens, like service-user")
        return value

    @model_validator(mode="after")
    def _has_alternative(self) -> LanguageTerm:
        if not self.instead and not self.advice:
            raise custom_error("no-alternative", f'the term "{self.code}" says what to avoid but not what to do',
                               "add `instead:` with better words, or `advice:` saying what to write")
        return self


class ChecksConfig(Strict):
    """How `coursebuilder check` treats this course (the `checks:` part of course.yaml)."""

    rules: dict[str, Literal["error", "warning", "info", "off"]] = Field(
        default_factory=dict,
        description="Change a rule's severity, or switch it off. Rule codes are listed in docs/checks.md.",
        examples=[{"long-sentence": "info", "reading-grade": "off"}],
    )
    terms: list[LanguageTerm] = Field(default_factory=list, description="Extra words this project avoids.")
    reading_grade: float = Field(
        9, gt=0, le=20, description="The highest Flesch-Kincaid grade a section should read at.", examples=[9]
    )
    acronyms: list[Text] = Field(
        default_factory=list, description="Abbreviations every learner knows, so they need no explanation.",
        examples=[["NHS"]],
    )


class Course(Strict):
    """course.yaml, at the project root."""

    model_config = ConfigDict(title="coursebuilder course.yaml")

    title: Text = Field(description="The course title.", examples=["Acute ward practice"])
    organisation: Text = Field(description="Who runs the course.", examples=["Example NHS Foundation Trust"])
    summary: Text | None = Field(None, description="A short description of the course for its front page (Markdown).")
    audience: list[Text] = Field(default_factory=list, description="Who the course is for, shown on its front page.")
    co_production: Text | None = Field(
        None, description="How the course was made, and with whom (Markdown); shown on its front page."
    )
    language: str = Field(
        "en-GB", description="Language of the content, as a BCP 47 tag.", examples=["en-GB", "cy-GB"]
    )
    theme: str = Field("default", description="Theme folder name under themes/.", examples=["default"])
    session_start: str = Field(
        "09:30", description="Clock time (HH:MM) a face-to-face session starts; used in session plans.",
        examples=["09:30"],
    )
    mastery_score: int | None = Field(
        None, ge=0, le=100, description="Pass mark (percent) for knowledge checks in an LMS.", examples=[80]
    )
    lms: Literal["moodle", "totara", "learning-hub", "generic"] = Field(
        "moodle",
        description="The learning platform the SCORM packages are for. moodle (the default) and totara: the score "
        "is reported only once the module is complete, so the platform's 'mastery score overrides status' cannot "
        "mark a learner passed before they finish; learning-hub: the same, and a sheet with what the NHS Learning "
        "Hub's upload form asks for beside each package; generic: the score is reported as soon as every "
        "question is answered.",
        examples=["moodle"],
    )
    modules: list[Annotated[str, Field(min_length=1), AfterValidator(lambda slug: check_module_slug(slug))]] = Field(
        min_length=1,
        description="Module folder names under modules/, in course order.",
        examples=[["space-to-think"]],
    )
    signposting: list[Signpost] = Field(
        default_factory=list, description="Support services shown in every output."
    )
    group_agreement: list[Text] = Field(
        default_factory=list,
        description="Ground rules agreed at the start of a group session.",
        examples=[["We listen without judging"]],
    )
    course_handbook: bool = Field(
        True, description="Whether a whole-course build also makes one PDF handbook of every module in order.",
    )
    checks: ChecksConfig = Field(
        default_factory=ChecksConfig, description="Settings for `coursebuilder check` (see docs/checks.md)."
    )

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if not LANGUAGE_TAG.match(value):
            raise custom_error("language", f'"{value}" is not a language tag', "write a tag like en-GB or cy-GB")
        return value

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise custom_error(
                "theme", f'"{value}" cannot be a theme name', "use the name of a folder under themes/, like default"
            )
        return value

    @field_validator("session_start")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        match = TIME_RE.match(value.strip())
        if not match:
            raise custom_error("time", f'"{value}" is not a clock time', 'write it as HH:MM in quotes, like "09:30"')
        return f"{int(match[1]):02d}:{match[2]}"

    @field_validator("modules")
    @classmethod
    def _modules(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for slug in value:
            if slug in seen:
                raise custom_error(
                    "duplicate", f'module "{slug}" is listed twice', "list each module once, in course order"
                )
            seen.add(slug)
        return value


# --- module.yaml: shared pieces -------------------------------------------------------------


def check_web_url(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise custom_error(
            "url", f'"{value}" is not a web address', "write the full address, starting https://"
        )
    return value


class Person(Strict):
    role: Text = Field(
        description="Who they are in relation to this content.",
        examples=["Peer trainers with lived experience of inpatient care"],
    )
    name: Text | None = Field(None, description="Name, only with the person's consent.")


class CoProduction(Strict):
    """One piece of co-production that really happened: what, with whom, and when."""

    what: Text = Field(description="What happened, in a sentence.",
                       examples=["Two workshops to plan the scenarios, then a review of the full draft"])
    who: list[Person] = Field(min_length=1, description="Who took part: roles, and names only with consent.")
    when: date = Field(description="When it happened (or finished), YYYY-MM-DD.", examples=["2026-09-14"])


class Approval(Strict):
    """A sign-off of the module, as the NHS standard for health content asks: who, when, and what."""

    role: Text = Field(description="The approver's role.", examples=["Consultant nurse, acute inpatient services"])
    name: Text | None = Field(None, description="Name, only with the person's consent.")
    date: Day = Field(description="Date of the approval, YYYY-MM-DD.", examples=["2026-11-20"])
    approved: Text = Field(description="What was approved.", examples=["the clinical content of every section"])


class ContentNote(Strict):
    topics: list[Text] = Field(
        min_length=1, description="Sensitive topics the module touches.", examples=[["restraint", "self-harm"]]
    )
    text: Text = Field(
        description="What a learner should know before starting (Markdown).",
        examples=["This module talks about distress on the ward. You can pause or stop at any time."],
    )


class Reference(Strict):
    id: str | None = Field(
        None, description="A short name for the reference, so text can cite it, like [@leamy-2011], and a quote "
        "can name it as its `source`.",
        examples=["leamy-2011"],
    )
    title: Text = Field(description="Title of the work.")
    author: Text | None = Field(None, description="Author(s) or organisation.", examples=["Leamy M, et al."])
    year: Annotated[int, Field(ge=1800, le=2100)] | Text | None = Field(
        None, description="Year published, or the date as the work gives it.", examples=[2011, "2023–24", "n.d."])
    publisher: Text | None = Field(None, description="Publisher or journal.")
    url: str | None = Field(None, description="Web address (https://…).")
    secondary: bool = Field(
        False, description="true when the authors read this work only through a summary, not the work itself."
    )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | None) -> str | None:
        if value is not None and not SLUG_RE.match(value):
            raise custom_error("reference-id", f'"{value}" cannot be a reference id',
                               "use lower-case letters, digits and hyphens, like leamy-2011")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        return check_web_url(value)


class GlossaryEntry(Strict):
    term: Text = Field(examples=["CHIME"])
    definition: Text = Field(examples=["Five processes of personal recovery: connectedness, hope, …"])


# --- blocks: discriminated on `type` -------------------------------------------------------


class Reflection(Strict):
    activity: ClassVar[str | None] = "Reflection"  # how a session plan names it (None: not an activity)
    type: Literal["reflection"]
    title: Label | None = Field(None, description="Heading for the reflection.")
    prompts: list[Prose] = Field(min_length=1, description="Questions for the learner to think or write about.")


class Discussion(Strict):
    activity: ClassVar[str | None] = "Discussion"
    type: Literal["discussion"]
    title: Label | None = Field(None, description="Heading for the activity.")
    instructions: Markdown = Field(description="What the group does (Markdown).")
    minutes: Minutes | None = Field(None, description="Time for the activity.", examples=[10])
    group_size: Label | None = Field(None, description='Size of each group, like "3-4" or "pairs".', examples=["3-4"])
    materials: list[Label] = Field(default_factory=list, description="What the facilitator needs to bring.")

    @field_validator("group_size", mode="before")
    @classmethod
    def _group_size_as_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Option(Strict):
    text: Prose = Field(description="The answer as the learner sees it.")
    correct: bool = Field(False, description="true for a right answer.")
    feedback: Prose | None = Field(
        None, description="Shown after answering: why this is or is not right. Inform, never shame."
    )

    @property
    def feedback_has_verdict(self) -> bool:
        """The feedback opens with this option's verdict ("Yes.", "Not quite."): formats add none of their own."""
        return says_own_verdict(self.feedback, self.correct)


class Question(Strict):
    """A question with answers to choose from: one right answer (radio buttons) or several (tick boxes)."""

    kind: ClassVar[str] = "choice"
    question: Prose = Field(description="The question.")
    options: list[Option] = Field(min_length=2, max_length=MAX_ANSWERS,
                                  description="Two or more answers; mark the right one(s) correct.")
    feedback: Prose | None = Field(None, description="Shown after any answer: what the question was about.")

    @field_validator("options")
    @classmethod
    def _has_correct(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise custom_error(
                "no-answer",
                "none of the options is marked correct",
                "add `correct: true` to the right answer (or to each right answer)",
            )
        return options

    @property
    def multiple(self) -> bool:
        return sum(option.correct for option in self.options) > 1


def shuffled(texts: list[str]) -> tuple[int, ...]:
    """A fixed mixed-up order of `texts` (their indexes) with no item in its own place: how a put-in-order
    or match-pairs question shows its items in every format, so a printed handbook, a slide and the
    e-learning all show the same order, and it never gives any of the answer away."""
    order = sorted(range(len(texts)), key=lambda i: (zlib.crc32(f"{i}:{texts[i]}".encode()), i))
    for place in range(len(order)):  # no item in its own place: swapping it with the next one moves both
        if order[place] == place:
            after = (place + 1) % len(order)
            order[place], order[after] = order[after], order[place]
    return tuple(order)


class OrderQuestion(Strict):
    """Put in order: the learner puts mixed-up steps back in their right order."""

    kind: ClassVar[str] = "order"
    question: Prose = Field(description="What to put in order.",
                            examples=["Put the steps of a trauma-informed debrief in order."])
    order: list[Prose] = Field(min_length=3, max_length=MAX_ITEMS,
                               description="The steps, in their right order; every format shows them mixed up.")
    feedback: Prose | None = Field(None, description="Shown after answering: why this is the order. Inform, never "
                                   "shame.")

    @field_validator("order")
    @classmethod
    def _distinct(cls, order: list[str]) -> list[str]:
        return distinct(order, "step")

    @property
    def shown(self) -> tuple[int, ...]:
        """The steps' indexes in the order every format shows them."""
        return shuffled(self.order)


class Pair(Strict):
    item: Prose = Field(description="The term, or the first half of the pair.", examples=["Triggers"])
    match: Prose = Field(description="What it goes with.", examples=["Things that bring back a past threat"])
    feedback: Prose | None = Field(None, description="Shown after answering: why these go together.")


class MatchQuestion(Strict):
    """Match pairs: the learner matches each item with what it goes with, chosen from a mixed-up list."""

    kind: ClassVar[str] = "match"
    question: Prose = Field(description="What to match.", examples=["Match each term with its meaning."])
    pairs: list[Pair] = Field(min_length=3, max_length=MAX_ITEMS,
                              description="The items, each with its right match; every format mixes the matches up.")
    feedback: Prose | None = Field(None, description="Shown after answering: what the pairs have in common.")

    @field_validator("pairs")
    @classmethod
    def _distinct(cls, pairs: list[Pair]) -> list[Pair]:
        distinct([pair.item for pair in pairs], "item")
        distinct([pair.match for pair in pairs], "match")
        return pairs

    @property
    def shown(self) -> tuple[int, ...]:
        """The matches' indexes in the order every format lists them."""
        return shuffled([pair.match for pair in self.pairs])


def distinct(texts: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            raise custom_error("duplicate", f'the {what} "{text}" is there twice',
                               f"make each {what} different, so a learner can tell them apart")
        seen.add(text.casefold())
    return texts


def _question_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return getattr(value, "kind", None)
    if not isinstance(value, dict):
        return None
    kinds = [kind for key, kind in (("options", "choice"), ("order", "order"), ("pairs", "match")) if key in value]
    return kinds[0] if len(kinds) == 1 else None


AnyQuestion = Annotated[
    Union[Annotated[Question, Tag("choice")], Annotated[OrderQuestion, Tag("order")],
          Annotated[MatchQuestion, Tag("match")]],
    Discriminator(_question_kind, custom_error_type="question-kind",
                  custom_error_message="a question needs one of `options:` (choose the right answer), `order:` "
                  "(put in order) or `pairs:` (match pairs)",
                  custom_error_context={"hint": "give the question `options:`, `order:` or `pairs:`, and only one "
                                        "of them"}),
]


class KnowledgeCheck(Strict):
    activity: ClassVar[str | None] = "Knowledge check"
    type: Literal["knowledge_check"]
    title: Label | None = Field(None, description="Heading for the check.")
    questions: list[AnyQuestion] = Field(
        min_length=1, description="Questions of three kinds, in any mix: choose the answer (`options:`), put in "
        "order (`order:`) and match pairs (`pairs:`). Each counts in the score.")


class Scenario(Strict):
    activity: ClassVar[str | None] = "Scenario"
    type: Literal["scenario"]
    title: Label = Field(description="A short name for the situation.")
    text: Markdown = Field(description="The situation, drawn from ward life (Markdown).")
    questions: list[Prose] = Field(min_length=1, description="Questions to think through.")


class FreeResponse(Strict):
    """A question the learner answers in their own words, then compares with a model answer. What they
    write stays in their browser, like a reflection: it is never sent anywhere or scored."""

    activity: ClassVar[str | None] = "Written answer"
    type: Literal["free_response"]
    title: Label | None = Field(None, description="Heading for the question.")
    question: Prose = Field(description="The question.",
                            examples=["A colleague says a patient is 'kicking off'. What could you say instead?"])
    model_answer: Markdown = Field(
        description="What a good answer covers, shown once the learner has written theirs (Markdown). Several "
        "good answers are usually possible: say so.",
        examples=["Describe what you saw and heard, without a label: 'Sam was shouting and banging the door.'"])


DEFAULT_SCALE = ("Not at all", "A little", "Fairly", "Very")


class SelfRating(Strict):
    """Private self-rating: how confident (or ready, or sure) the learner feels about each statement.
    Ratings stay in the learner's browser; nothing is sent or scored. A second rating with
    `compare_with:` shows the first one's answers beside it, so learners can see a change."""

    activity: ClassVar[str | None] = "Self-rating"
    type: Literal["self_rating"]
    id: Annotated[str, AfterValidator(lambda value: check_id(value, "self-rating"))] | None = Field(
        None, description="A name for this rating, so a later one can compare with it.", examples=["before"])
    title: Label | None = Field(None, description="Heading for the rating.")
    question: Prose = Field(description="What the learner rates themselves on.",
                            examples=["How confident do you feel about each of these?"])
    statements: list[Prose] = Field(min_length=1, max_length=MAX_ITEMS,
                                    description="The things to rate, one per line of the scale.",
                                    examples=[["Offering a sensory check to someone new to the ward"]])
    scale: list[Label] = Field(
        default_factory=lambda: list(DEFAULT_SCALE), min_length=2, max_length=7,
        description="The points of the scale, lowest first.", examples=[list(DEFAULT_SCALE)])
    compare_with: str | None = Field(
        None, description="The `id` of an earlier self-rating in this module with the same statements, to show "
        "its answers beside these.", examples=["before"])


def check_id(value: str, what: str) -> str:
    if not SLUG_RE.match(value):
        raise custom_error("id", f'"{value}" cannot be the name of a {what}',
                           "use lower-case letters, digits and hyphens, like night-admission")
    return value


StepId = Annotated[str, AfterValidator(lambda value: check_id(value, "step"))]


class Choice(Strict):
    text: Prose = Field(description="What the learner could do or say.", examples=["Offer to talk somewhere quieter"])
    go_to: StepId = Field(description="The `id` of the step this choice leads to.", examples=["quiet-room"])
    feedback: Prose | None = Field(None, description="Shown once chosen: what this choice does, and why.")
    best: bool = Field(False, description="true for the choice the authors would make here; facilitator guides "
                       "show these choices as the best path.")


class Step(Strict):
    id: StepId = Field(description="A short name for the step, for choices to lead to.", examples=["at-the-door"])
    title: Label | None = Field(None, description="A heading for the step.")
    text: Markdown = Field(description="What happens (Markdown).")
    choices: list[Choice] = Field(default_factory=list, max_length=6,
                                  description="What the learner can do next. A step without choices is an ending.")
    ending: bool = Field(False, description="true for a step where the scenario ends; it has no choices.")
    feedback: Markdown | None = Field(
        None, description="For an ending: why things turned out this way (Markdown).")
    debrief: list[Prose] = Field(default_factory=list,
                                 description="For an ending: discussion points for the group (facilitator guide and "
                                 "speaker notes).")
    facilitator_notes: Markdown | None = Field(None, description="Notes for facilitators about this step (Markdown).")
    minutes: Minutes | None = Field(None, description="Time a group spends on this step.", examples=[5])

    @model_validator(mode="after")
    def _ending_or_choices(self) -> Step:
        if self.ending and self.choices:
            raise custom_error("ending", f'the step "{self.id}" is an ending but offers choices',
                               "remove `ending: true`, or remove its `choices:`")
        return self


class BranchingScenario(Strict):
    """A situation that unfolds step by step: at each step the learner chooses what to do, and each choice
    leads to another step, until an ending says what happened and why."""

    activity: ClassVar[str | None] = "Branching scenario"
    type: Literal["branching_scenario"]
    title: Label = Field(description="A short name for the situation.", examples=["A late-night admission"])
    text: Markdown | None = Field(None, description="The situation at the start, before the first step (Markdown).")
    steps: list[Step] = Field(min_length=2, description="The steps; the first is where the scenario starts.")
    minutes: Minutes | None = Field(None, description="Time for the whole scenario in a group session.",
                                    examples=[20])
    scored: bool = Field(False, description="true to count the scenario in the module's score: it is right when "
                         "the learner reaches an ending by best choices only. Without it, nothing is scored.")

    @field_validator("steps")
    @classmethod
    def _ids_once(cls, steps: list[Step]) -> list[Step]:
        seen: set[str] = set()
        for step in steps:
            if step.id in seen:
                raise custom_error("duplicate", f'two steps are called "{step.id}"', "give each step its own `id`")
            seen.add(step.id)
        return steps

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def number(self, step_id: str) -> int | None:
        """The step's number (1 = the first) as print, slides and the e-learning show it."""
        return next((n for n, step in enumerate(self.steps, start=1) if step.id == step_id), None)

    @property
    def best_path(self) -> tuple[Step, ...]:
        """The steps from the start following best choices, until an ending, a step with no best choice, or a
        step met before."""
        path: list[Step] = []
        step: Step | None = self.steps[0]
        while step is not None and step not in path:
            path.append(step)
            best = next((choice for choice in step.choices if choice.best), None)
            step = self.step(best.go_to) if best else None
        return tuple(path)


def check_block_language(value: str | None) -> str | None:
    if value is not None and not LANGUAGE_TAG.match(value):
        code = code_for_language(value)
        raise custom_error("language", f'"{value}" is not a language code',
                           f"write lang: {code}" if code else "write a code like cy (Welsh), ur (Urdu) or pl (Polish)")
    return value


BlockLanguage = Annotated[str | None, AfterValidator(check_block_language), Field(
    None, description="The language of the block's words, when it is not the course's: a code like cy (Welsh) or "
    "ur (Urdu). Screen readers then read them with the right voice; the English checks leave them alone.",
    examples=["cy"])]


class KeyPoint(Strict):
    activity: ClassVar[str | None] = None
    type: Literal["key_point"]
    title: Label | None = Field(None, description="A few words naming the point, shown after \"Key point\".",
                                examples=["Ask, don't assume"])
    text: Markdown = Field(description="One idea to remember (Markdown).")
    lang: BlockLanguage = None


class Quote(Strict):
    activity: ClassVar[str | None] = None
    type: Literal["quote"]
    title: Label | None = Field(None, description="A heading for the quote.", examples=["Being asked"])
    text: Markdown = Field(description="The words quoted, exactly as published (or as written, when illustrative).")
    source: str | None = Field(
        None, description="The `id` of the reference in this module the words come from.",
        examples=["imroc-paper-5"],
    )
    attribution: Label | None = Field(
        None, description="Who is speaking in the source, when it is not the author.",
        examples=["A peer support worker interviewed for the paper"],
    )
    page: Text | None = Field(None, description="Where in the source, like a page number.", examples=["p. 12"])
    illustrative: bool = Field(
        False, description="true when the course authors wrote these words to illustrate a point.",
    )
    lang: BlockLanguage = None

    @model_validator(mode="after")
    def _provenance(self) -> Quote:
        if self.illustrative and self.source:
            raise custom_error(
                "quote-source", "a quote cannot both come from a source and be illustrative",
                "keep `source:` if these are published words, or `illustrative: true` if the authors wrote them",
            )
        if self.illustrative and (self.attribution or self.page):
            raise custom_error(
                "quote-source", "an illustrative quote is the course authors' own words, so it names no speaker",
                "remove `attribution:` and `page:`, or quote a published source with `source:` instead",
            )
        if not self.illustrative and not self.source:
            raise custom_error(
                "quote-source", "a quote needs to say where its words come from",
                "add `source:` with the id of a reference in this module, or `illustrative: true` if the "
                "course authors wrote the words to illustrate a point",
            )
        return self


class Image(Strict):
    activity: ClassVar[str | None] = None
    type: Literal["image"]
    title: Label | None = Field(None, description="A heading for the picture.", examples=["The CHIME framework"])
    src: Text = Field(description="Picture file in the module folder.", examples=["images/ward.png"])
    alt: Annotated[Text, ALT] | None = Field(None, description="What the picture shows, for people who cannot see it.")
    decorative: bool = Field(False, description="true when the picture adds nothing to the text.")
    caption: Prose | None = Field(None, description="Caption shown under the picture.")
    text_px: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="For a picture with words in it: the size its smallest letters are drawn at, in pixels "
        "(the font size). Where they would come out too small to read (in large print, say), the picture's words "
        "(its alt text) are given as text beside it.", examples=[24])

    @model_validator(mode="after")
    def _described(self) -> Image:
        if self.decorative and self.alt:
            raise custom_error(
                "alt", "a picture cannot be both decorative and described",
                "keep `alt:` if the picture carries meaning, or `decorative: true` if it does not",
            )
        if not self.decorative and not self.alt:
            raise custom_error(
                "alt", "this picture has no alt text",
                "add `alt:` saying what it shows, or `decorative: true` if it adds nothing to the text",
            )
        return self


# Every block type, in the order docs/module-format.md describes them. Adding one: its class here,
# a macro in each theme's _blocks.html (e-learning and print), a function in render/pptx_blocks.py,
# and its part of docs/module-format.md. Everything else (checks, loading, session plans, the schema,
# messages) reads the class.
Block = Annotated[
    Union[Reflection, Discussion, KnowledgeCheck, Scenario, BranchingScenario, FreeResponse, SelfRating, KeyPoint,
          Quote, Image],
    Field(discriminator="type"),
]
BLOCK_CLASSES: tuple[type[BaseModel], ...] = get_args(get_args(Block)[0])
BLOCK_TYPES = tuple(get_args(cls.model_fields["type"].annotation)[0] for cls in BLOCK_CLASSES)


def words_in(item: BaseModel, loc: tuple = ()) -> list[tuple[tuple, str]]:
    """Where the author's words are in one loaded model (a block, say), in reading order: the YAML path
    of each string with its kind, like [(("questions", 0, "question"), "prose"), …]."""
    found: list[tuple[tuple, str]] = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        inner, metadata, many = _peel(info.annotation)
        kind = next((m.kind for m in [*info.metadata, *metadata] if isinstance(m, Words)), None)
        values = list(enumerate(value)) if many and isinstance(value, list) else [(None, value)]
        for index, each in values:
            where = (*loc, name) if index is None else (*loc, name, index)
            if kind and isinstance(each, str):
                found.append((where, kind))
            elif isinstance(each, BaseModel):
                found += words_in(each, where)
    return found


def value_at(item: BaseModel, loc: tuple) -> Any:
    """The value at a path `words_in` gives, like ("steps", 0, "text")."""
    value: Any = item
    for part in loc:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _peel(annotation: Any) -> tuple[Any, list, bool]:
    """The type inside Annotated[…], Optional[…] and list[…], the metadata met on the way, and whether
    it is a list."""
    metadata: list = []
    many = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            metadata += annotation.__metadata__
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType) and len([a for a in get_args(annotation) if a is not NoneType]) == 1:
            annotation = next(a for a in get_args(annotation) if a is not NoneType)
        elif origin is list and not many:
            many, annotation = True, get_args(annotation)[0]
        else:
            return annotation, metadata, many


class Section(Strict):
    title: Text = Field(description="Section heading.", examples=["Why a space to think?"])
    minutes: Minutes = Field(description="Time the section takes, in minutes.", examples=[15])
    body: Text = Field(description="Markdown file in the module folder with the section's text.",
                       examples=["01-why.md"])
    facilitator_notes: Text | None = Field(
        None, description="Markdown file with notes for facilitators; never shown to participants.",
        examples=["01-why-facilitator.md"],
    )
    outcomes: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="Numbers of the learning outcomes (1 = first) this section addresses."
    )
    slides: Markdown | None = Field(
        None, description="What the deck shows for this section's text, when you would rather not show it all "
        "(Markdown: a `##` heading starts a slide, bullets are its points). Without it, slides carry the whole "
        "text, over continuation slides when it is long. The whole text is always in the speaker notes.",
        examples=["## Why words matter\n\n- Words shape what the next shift expects\n- Describe, don't label"],
    )
    blocks: list[Block] = Field(default_factory=list, description="Activities and features, in order.")
    break_after: Minutes | None = Field(
        None, description="Minutes of break after this section in a face-to-face session; they count towards "
        "the module's minutes.", examples=[10],
    )


class Module(Strict):
    """modules/<slug>/module.yaml"""

    model_config = ConfigDict(title="coursebuilder module.yaml")

    title: Text = Field(examples=["A Space to Think"])
    summary: Text = Field(description="One or two sentences on what the module offers.")
    version: Text = Field(description='Version of the content, in quotes, like "1.0".', examples=["1.0"])
    status: Literal["draft", "review", "published"] = Field(
        description="draft while writing; review when written and waiting for co-production and approval; "
        "published when approved for use (list the `approvals`)."
    )
    authors: list[Text] = Field(min_length=1, description="Who wrote it (names or roles).")
    co_production: list[CoProduction] = Field(
        default_factory=list,
        description="What co-production happened, with whom and when. Leave it out until it has happened: "
        "every output then says the module is not yet co-produced.",
    )
    approvals: list[Approval] = Field(
        default_factory=list, description="Who approved the module for use, when, and what they approved.",
    )
    reviewed: date = Field(description="Date of the last review, YYYY-MM-DD.", examples=["2026-11-01"])
    next_review: date = Field(description="Date the next review is due, YYYY-MM-DD.", examples=["2027-11-01"])
    licence: Text = Field(examples=["CC BY 4.0"])
    audience: list[Text] = Field(min_length=1, description="Who the module is for.")
    minutes: Minutes = Field(description="Total time, in minutes.", examples=[90])
    outcomes: list[Text] = Field(min_length=1, description="Learning outcomes: what learners will be able to do.")
    content_note: ContentNote = Field(description="Shown before any content in every output.")
    sections: list[Section] = Field(min_length=1)
    references: list[Reference] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value):
        # `version: 1.0` is read as a number; say so rather than silently turning 1.10 into 1.1.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise custom_error("type", f"version {value} is a number, not text", f'put it in quotes: "{value}"')
        return value

    @field_validator("next_review")
    @classmethod
    def _after_review(cls, value: date, info) -> date:
        reviewed = info.data.get("reviewed")
        if reviewed and value <= reviewed:
            raise custom_error(
                "review-date",
                f"next review ({value.isoformat()}) is not after the last review ({reviewed.isoformat()})",
                "set next_review to a later date, usually a year after `reviewed`",
            )
        return value

    @property
    def session_minutes(self) -> int:
        """The sections' minutes and the breaks between them (a break after the last section is not part of
        the session): what `minutes` should be."""
        return sum(section.minutes for section in self.sections) + sum(
            section.break_after or 0 for section in self.sections[:-1])

    def reference(self, ref_id: str | None) -> Reference | None:
        return next((ref for ref in self.references if ref_id and ref.id == ref_id), None)
