"""What every template-based format shares: a safe Jinja environment and the small words helpers
(durations, dates, file-name slugs) that the e-learning, handbooks and decks all print the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..errors import CourseError
from ..markdown import LANGUAGE_TAG, RIGHT_TO_LEFT, render_markdown
from ..outline import question_id, slugify  # noqa: F401 - slugify: file names, as every format makes them
from ..provenance import in_quote_marks, provenance, quote_credit
from .picture_text import needs_words_in_print


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


# A sentence already ends when its last mark is . ! ? or …, perhaps inside closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'’”»)\]]*\s*$")


def full_stop(text: str) -> str:
    """The full stop our words add after the author's text: "." unless the text already ends a sentence
    ("Staff on acute wards." or 'who say "enough!"'), so a sentence never ends in "..", "?." or '."'."""
    return "" if _ENDS_SENTENCE.search(str(text)) else "."


def sentence(text: str) -> str:
    """The author's text as the end of a sentence: `text` with a full stop only if it has none."""
    text = str(text).rstrip() if not isinstance(text, Markup) else Markup(text.rstrip())
    return text + full_stop(text)


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def unknown_block(block, template: str) -> str:
    """Called by a theme's block templates for a type they have no macro for: never drop a block silently."""
    raise CourseError(f'the theme\'s {template} has no template for "{block.type}" blocks, so it cannot show them',
                      f"add a macro for {block.type} to your theme's {template}, or delete your copy of it to use "
                      "the default theme's")


def lang_attrs(lang: str | None) -> Markup:
    """` lang="cy"` for an element holding words in another language (with ` dir="rtl"` for one written
    right to left), or nothing: a block's `lang:` as HTML."""
    if not lang or not LANGUAGE_TAG.match(lang):
        return Markup("")
    rtl = ' dir="rtl"' if lang.split("-")[0].lower() in RIGHT_TO_LEFT else ""
    return Markup(' lang="{}"{}').format(lang, Markup(rtl))


def environment(template_dirs: Iterable[Path | str]) -> Environment:
    """Autoescaping is on everywhere: YAML text is escaped, and only sanitised Markdown is marked safe."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_inline"] = lambda text: render_markdown(text, inline=True)
    env.filters["duration"] = duration
    env.filters["long_date"] = long_date
    env.filters["sentence"] = sentence
    env.filters["full_stop"] = full_stop
    env.filters["lang_attrs"] = lang_attrs
    # A quote's rendered (already sanitised) Markdown in the quotation marks every format uses (provenance.py).
    env.filters["in_quote_marks"] = lambda html, text: Markup(in_quote_marks(str(html), text))
    env.globals.update(provenance=provenance, quote_credit=quote_credit, unknown_block=unknown_block,
                       question_id=question_id, words_under_picture=needs_words_in_print)
    return env
