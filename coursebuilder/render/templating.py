"""What every template-based format shares: a safe Jinja environment and the small words helpers
(durations, dates, file-name slugs) that the e-learning, handbooks and decks all print the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..errors import CourseError
from ..markdown import render_markdown
from ..outline import question_id, slugify  # noqa: F401 - slugify: file names, as every format makes them
from ..provenance import provenance, quote_credit


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def unknown_block(block, template: str) -> str:
    """Called by a theme's block templates for a type they have no macro for: never drop a block silently."""
    raise CourseError(f'the theme\'s {template} has no template for "{block.type}" blocks, so it cannot show them',
                      f"add a macro for {block.type} to your theme's {template}, or delete your copy of it to use "
                      "the default theme's")


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
    env.globals.update(provenance=provenance, quote_credit=quote_credit, unknown_block=unknown_block,
                       question_id=question_id)
    return env
