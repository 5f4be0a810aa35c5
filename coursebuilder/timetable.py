"""When each part of a face-to-face session happens: sections and breaks in clock time.

One timetable for every format that prints times (the facilitator guide's session plan and the
deck's agenda and timing notes): it starts at the course's `session_start` and advances by each
section's minutes, then by its `break_after`, so the formats cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Module, Section

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Slot:
    number: int  # the section's number (1-based); for a break, the number of the section before it
    section: Section
    start: int  # minutes since midnight (may pass midnight: see `clock`)
    end: int
    is_break: bool = False

    @property
    def minutes(self) -> int:
        return self.end - self.start


def clock(minutes: int) -> str:
    hours, rest = divmod(minutes % MINUTES_PER_DAY, 60)
    return f"{hours:02d}:{rest:02d}"


def to_minutes(time: str) -> int:
    hours, _, rest = time.partition(":")
    return int(hours) * 60 + int(rest)


def timetable(module: Module, session_start: str) -> list[Slot]:
    """Every section and break in order, with its start and end."""
    now = to_minutes(session_start)
    slots = []
    for number, section in enumerate(module.sections, start=1):
        slots.append(Slot(number, section, now, now + section.minutes))
        now += section.minutes
        if section.break_after and number < len(module.sections):
            slots.append(Slot(number, section, now, now + section.break_after, is_break=True))
            now += section.break_after
    return slots
