"""What a facilitator needs to run a module face to face: the session plan and the materials checklist.

Both are computed from the module itself, so they change when the content does: clock times
come from the module's timetable (timetable.py: sections and breaks); the activities
inside a section (with their own minutes, group sizes and materials) come from its blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import BranchingScenario, Module, Section
from ..timetable import clock, timetable, to_minutes
from .templating import duration


@dataclass(frozen=True)
class Activity:
    kind: str  # as a facilitator would name it: "Discussion", "Reflection", …
    title: str | None
    minutes: int | None = None
    group_size: str | None = None
    materials: tuple[str, ...] = ()

    @property
    def details(self) -> str:
        """Group size and time, as printed in brackets after the activity: "groups of 3-4, 10 minutes"."""
        parts = [f"groups of {self.group_size}" if self.group_size else "",
                 duration(self.minutes) if self.minutes else ""]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class PlanRow:
    number: int  # section number, 1-based
    section: Section
    start: str  # clock time, HH:MM
    end: str
    activities: tuple[Activity, ...]
    minutes: int
    is_break: bool = False

    @property
    def materials(self) -> list[str]:
        return list(dict.fromkeys(m for a in self.activities for m in a.materials))


@dataclass(frozen=True)
class SessionPlan:
    start: str
    end: str
    minutes: int
    rows: tuple[PlanRow, ...]


@dataclass
class Material:
    name: str
    sections: list[int] = field(default_factory=list)  # section numbers that need it


def activities(section: Section) -> tuple[Activity, ...]:
    """The blocks a session plan lists (those whose class names an `activity`), with their time, group
    size and materials when they have them (a branching scenario's time: its own, or its steps')."""
    return tuple(Activity(block.activity, getattr(block, "title", None), _minutes(block),
                          getattr(block, "group_size", None), tuple(getattr(block, "materials", ())))
                 for block in section.blocks if block.activity)


def _minutes(block) -> int | None:
    """A block's time: its own `minutes`, or for a branching scenario without them, its steps' added up."""
    minutes = getattr(block, "minutes", None)
    if minutes is None and isinstance(block, BranchingScenario):
        return sum(step.minutes or 0 for step in block.steps) or None
    return minutes


def session_plan(module: Module, session_start: str) -> SessionPlan:
    start = end = to_minutes(session_start)
    rows = []
    for slot in timetable(module, session_start):
        rows.append(PlanRow(slot.number, slot.section, clock(slot.start), clock(slot.end),
                            () if slot.is_break else activities(slot.section), slot.minutes, slot.is_break))
        end = slot.end
    return SessionPlan(clock(start), clock(end), end - start, tuple(rows))


def materials_checklist(module: Module) -> list[Material]:
    """Everything the activities ask the facilitator to bring, once each, in the order first needed."""
    found: dict[str, Material] = {}
    for number, section in enumerate(module.sections, start=1):
        for activity in activities(section):
            for name in activity.materials:
                item = found.setdefault(name.casefold(), Material(name))
                if number not in item.sections:
                    item.sections.append(number)
    return list(found.values())
