"""Interactive blocks that work: branching scenarios whose every step can be reached and left, endings
that say why, questions with feedback, and self-ratings that compare with a rating that exists.

A branching scenario is a small graph: each step's choices lead to other steps, and steps without
choices are endings. A learner must be able to reach every step from the start, and from every step
they reach, some ending; a choice must lead to a step that exists. These are the checks an author
cannot see by reading the YAML top to bottom.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, did_you_mean
from ..load import LoadedModule
from ..model import BranchingScenario, KnowledgeCheck, SelfRating
from .registry import Rule

GROUP = "Structure and care"
RULES = [
    Rule("step-unknown", GROUP, "error",
         "branching-scenario choices that lead to a step that does not exist",
         "A learner who picks the choice would have nowhere to go: the scenario stops without an ending.",
         "make `go_to` the `id` of one of the scenario's steps",
         "- text: Offer a drink\n  go_to: quiet-rom",
         "- text: Offer a drink\n  go_to: quiet-room"),
    Rule("step-dead-end", GROUP, "error",
         "branching-scenario steps with no choices that are not marked as endings",
         "A step without choices ends the scenario: the learner needs to be told it has ended, and why.",
         "add `choices:` to the step, or mark it `ending: true` and add `feedback:` saying why it turned out "
         "this way",
         "- id: quiet-room\n  text: Jo sits down.",
         "- id: quiet-room\n  text: Jo sits down.\n  ending: true\n  feedback: Offering a choice helped Jo feel "
         "safer."),
    Rule("step-no-way-out", GROUP, "error",
         "branching-scenario steps from which no ending can be reached (a loop with no way out)",
         "A learner caught in a loop goes round and round without ever being told what happened and why.",
         "give one of the steps in the loop a choice that leads on towards an ending",
         "door → desk → door, and neither step has another choice",
         "desk also offers \"Stop and ask what would help\", which leads to an ending"),
    Rule("step-unreachable", GROUP, "warning",
         "branching-scenario steps that no choice leads to",
         "No learner will ever see the step; it is usually a `go_to` that names the wrong step.",
         "make a choice lead to the step (`go_to:` with its id), or remove the step",
         "a step \"calm-ending\" that no `go_to` names"),
    Rule("ending-feedback", GROUP, "warning",
         "branching-scenario endings without feedback",
         "An ending is where learning happens: the learner needs to hear why things turned out this way, not "
         "only what happened.",
         "add `feedback:` to the ending, saying why it turned out this way",
         "- id: calm-ending\n  ending: true\n  text: Jo settles.",
         "- id: calm-ending\n  ending: true\n  text: Jo settles.\n  feedback: Predictability and choice helped."),
    Rule("best-path", GROUP, "warning",
         "branching scenarios whose best choices are unclear: two best choices at one step, or a scored "
         "scenario whose best choices never reach an ending",
         "Facilitators debrief from the best path, and a scored scenario is right only when the learner "
         "reaches an ending by best choices: both need one clear path from the start to an ending.",
         "mark one choice per step `best: true`, so that following them from the first step reaches an ending",
         "scored: true, and no choice is marked best",
         "scored: true, and one choice at each step on the way is marked best: true"),
    Rule("choices-same-step", GROUP, "warning",
         "two choices at one step of a branching scenario that lead to the same step",
         "A path is recorded as the steps it passes through, so the two choices cannot be told apart afterwards: "
         "the e-learning cannot say which was made, and a scored scenario cannot tell a best choice from another.",
         "make each choice lead to its own step (a step can say what that choice did), or merge the two choices",
         "- {text: Say hello, go_to: hall}\n- {text: Wave, go_to: hall}",
         "- {text: Say hello, go_to: hall}\n- {text: Wave, go_to: wave-back}"),
    Rule("question-feedback", GROUP, "warning",
         "put-in-order and match-pairs questions without feedback",
         "Feedback is where learning happens: a learner who got the order or the pairs wrong deserves to know "
         "why the right answer is right, told kindly.",
         "add `feedback:` to the question, saying why the order (or the pairs) are as they are",
         "- question: Put the steps of a debrief in order.\n  order: [...]",
         "- question: Put the steps of a debrief in order.\n  feedback: Safety comes first, then the facts.\n"
         "  order: [...]"),
    Rule("rating-compare", GROUP, "error",
         "self-ratings that compare with a rating that does not exist, comes later, or has other statements",
         "The comparison shows learners how their own ratings changed: it only makes sense against an earlier "
         "rating of the same statements.",
         "make `compare_with` the `id` of an earlier self_rating in this module with the same statements",
         "compare_with: befor",
         "compare_with: before"),
]
_RULES = {rule.code: rule for rule in RULES}


def check_module(module: LoadedModule) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    ratings: dict[str, tuple[tuple, SelfRating]] = {}
    for s, section in enumerate(module.meta.sections):
        for b, block in enumerate(section.blocks):
            loc = ("sections", s, "blocks", b)
            if isinstance(block, BranchingScenario):
                found += _scenario(module, loc, block, f'section "{section.title}": ')
            elif isinstance(block, KnowledgeCheck):
                found += [_at(module, (*loc, "questions", q, "question"), "question-feedback",
                              f'section "{section.title}": the question "{question.question}" has no feedback')
                          for q, question in enumerate(block.questions)
                          if question.kind != "choice" and question.feedback is None]
            elif isinstance(block, SelfRating):
                found += _rating(module, loc, block, ratings, f'section "{section.title}": ')
                if block.id and block.id not in ratings:
                    ratings[block.id] = (loc, block)
    return found


def _at(module: LoadedModule, loc: tuple, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return _RULES[code].in_yaml(module.yaml, loc, message, hint)


def _scenario(module: LoadedModule, loc: tuple, block: BranchingScenario, where: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    name = f'{where}the scenario "{block.title}"'
    ids = [step.id for step in block.steps]
    leads: dict[str, list[str]] = {}  # step id → the steps its choices lead to (those that exist)
    for n, step in enumerate(block.steps):
        leads[step.id] = []
        for c, choice in enumerate(step.choices):
            if choice.go_to in ids:
                leads[step.id].append(choice.go_to)
                continue
            guess = did_you_mean(choice.go_to, ids)
            found.append(_at(module, (*loc, "steps", n, "choices", c, "go_to"), "step-unknown",
                             f'{name}: the choice "{choice.text}" leads to "{choice.go_to}", but no step is called '
                             "that", f'did you mean "{guess}"?' if guess else
                             f"make `go_to` one of: {', '.join(ids)}"))
        if not step.choices and not step.ending:
            found.append(_at(module, (*loc, "steps", n, "id"), "step-dead-end",
                             f'{name}: the step "{step.id}" has no choices and is not marked as an ending'))
        if step.ending and not step.feedback:
            found.append(_at(module, (*loc, "steps", n, "id"), "ending-feedback",
                             f'{name}: the ending "{step.id}" does not say why things turned out this way'))
        targets = [choice.go_to for choice in step.choices]
        twice = sorted({target for target in targets if targets.count(target) > 1})
        if twice:
            found.append(_at(module, (*loc, "steps", n, "choices"), "choices-same-step",
                             f'{name}: at the step "{step.id}", two choices lead to "{twice[0]}"'))
        best = [choice for choice in step.choices if choice.best]
        if len(best) > 1:
            found.append(_at(module, (*loc, "steps", n, "choices"), "best-path",
                             f'{name}: the step "{step.id}" has {len(best)} best choices',
                             "mark only one choice per step `best: true`"))

    reached = _reachable(block.steps[0].id, leads)
    for n, step in enumerate(block.steps):
        if step.id not in reached:
            found.append(_at(module, (*loc, "steps", n, "id"), "step-unreachable",
                             f'{name}: no choice leads to the step "{step.id}", so no learner will see it'))
    endings = {step.id for step in block.steps if not step.choices}
    stuck = [step for step in block.steps
             if step.id in reached and step.choices and not (_reachable(step.id, leads) & endings)]
    if stuck:
        names = ", ".join(f'"{step.id}"' for step in stuck)
        first = ids.index(stuck[0].id)
        found.append(_at(module, (*loc, "steps", first, "choices"), "step-no-way-out",
                         f"{name}: from the step{'s' if len(stuck) > 1 else ''} {names} no ending can be reached; "
                         "a learner would go round and round"))
    if block.scored:
        path = block.best_path
        if not path or path[-1].choices or not path[-1].ending:
            found.append(_at(module, (*loc, "scored"), "best-path",
                             f"{name} is scored, but following its best choices from the first step does not reach "
                             "an ending"))
    return found


def _reachable(start: str, leads: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for following in leads.get(todo.pop(), []):
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def _rating(module: LoadedModule, loc: tuple, block: SelfRating,
            earlier: dict[str, tuple[tuple, SelfRating]], where: str) -> list[Diagnostic]:
    if block.id and block.id in earlier:
        return [_at(module, (*loc, "id"), "rating-compare",
                    f'{where}two self-ratings are called "{block.id}"', "give each self-rating its own `id`")]
    if block.compare_with is None:
        return []
    if block.compare_with == block.id:
        return [_at(module, (*loc, "compare_with"), "rating-compare", f"{where}a self-rating cannot compare with itself")]
    if block.compare_with not in earlier:
        later = [m for m in _all_ratings(module) if m.id == block.compare_with]
        guess = did_you_mean(block.compare_with, list(earlier))
        message = where + (f'the self-rating "{block.compare_with}" comes after this one; compare with an earlier '
                           "rating" if later else f'there is no earlier self-rating called "{block.compare_with}"')
        return [_at(module, (*loc, "compare_with"), "rating-compare", message,
                    f'did you mean "{guess}"?' if guess and not later else None)]
    _, before = earlier[block.compare_with]
    if [s.casefold() for s in before.statements] != [s.casefold() for s in block.statements]:
        return [_at(module, (*loc, "statements"), "rating-compare",
                    f'{where}these statements are not the same as those of the self-rating "{block.compare_with}"',
                    "use the same statements, in the same order, so each can be compared with its earlier rating")]
    return []


def _all_ratings(module: LoadedModule) -> list[SelfRating]:
    return [block for section in module.meta.sections for block in section.blocks if isinstance(block, SelfRating)]
