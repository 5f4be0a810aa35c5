"""Knowledge-check feedback: whether an author's feedback already says its verdict.

Every format that shows feedback may put a verdict in front of it ("This is right.", "Not this one.").
When the author's own feedback already starts with one ("Yes. …", "Not quite: …", "Correct."), a
second verdict reads "Not quite. Not quite." So one rule, used by the e-learning, print and decks:
ours is left out when the author's says the same. When the author's verdict contradicts the option
(a "Yes." on a wrong answer), ours stays, so the learner still hears the truth first.
"""

from __future__ import annotations

import re

# Opening words that say an answer is right or wrong, lower case, with ’ written as '.
RIGHT = ("correct", "yes", "right", "that's right", "that is right", "this is right", "that's correct",
         "that is correct", "this is correct", "well done", "exactly", "spot on", "true")
WRONG = ("not quite", "no", "not this one", "not this time", "not really", "not right", "not correct",
         "incorrect", "wrong", "that's not right", "that is not right", "this is not right", "false",
         "sadly not", "not so")

# A verdict is the whole opening: followed by punctuation, a bracket (a citation), a spaced dash or the
# end, never by more words or a hyphen ("No one…", "No-one…", "Right now…", "Correct use of…" are not verdicts).
_OPENING = re.compile(
    r"\s*(?P<words>" + "|".join(sorted((re.escape(w).replace("'", "['’]") for w in RIGHT + WRONG),
                                       key=len, reverse=True)) + r")(?=\s*[.,;:!?()\[\]–—]|\s+-|\s*$)",
    re.IGNORECASE,
)


def author_verdict(feedback: str | None) -> bool | None:
    """True if the feedback opens by saying "right", False if "wrong", None if it opens with no verdict."""
    match = _OPENING.match(feedback or "")
    if not match:
        return None
    words = match["words"].lower().replace("’", "'")
    return words in RIGHT


def says_own_verdict(feedback: str | None, correct: bool) -> bool:
    """Whether the feedback already opens with the right verdict for an option that is `correct` (or not):
    then a format adds none of its own."""
    return author_verdict(feedback) is correct
