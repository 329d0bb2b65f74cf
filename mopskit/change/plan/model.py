"""A change plan as frozen values: who, what, when, and how people are brought along.

The values hold what the file says, even where it breaks a rule (a task with two
Accountables, a KPI without a baseline): judging is ``mopskit.change.plan.lint``'s job, so a
reader sees every problem at once instead of the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from mopskit.change.waterfall import STAGES, ConversionRates, Waterfall, outcome

ADKAR_ELEMENTS = ("awareness", "desire", "knowledge", "ability", "reinforcement")
"""Prosci's ADKAR elements, in the order a person moves through them."""
BARRIER_SCORE = 3
"""The barrier point is the first element scored at or below this (1–5 scale)."""
LEVELS = ("high", "low")
CADENCES = ("weekly", "monthly")
FUNNEL_MEASURES = (*STAGES, "revenue")
"""What a KPI's ``stage`` may count: the volume of a waterfall stage, or the revenue won."""


@dataclass(frozen=True)
class Adkar:
    """One person's or group's ADKAR scores, 1 (not at all) to 5 (fully)."""

    awareness: int
    desire: int
    knowledge: int
    ability: int
    reinforcement: int

    def scores(self) -> tuple[tuple[str, int], ...]:
        return tuple((element, getattr(self, element)) for element in ADKAR_ELEMENTS)

    @property
    def barrier(self) -> str | None:
        """The first element scored at or below ``BARRIER_SCORE``; None when none is."""
        return next((element for element, score in self.scores() if score <= BARRIER_SCORE), None)


class Attention(StrEnum):
    """What to do with a stakeholder, by power and interest: Mendelow's grid (1981), with the
    quadrant labels of Johnson & Scholes' *Exploring Corporate Strategy*, most attention first."""

    MANAGE_CLOSELY = "manage closely"
    KEEP_SATISFIED = "keep satisfied"
    KEEP_INFORMED = "keep informed"
    MONITOR = "monitor"

    @classmethod
    def of(cls, power: str, interest: str) -> Attention:
        """The quadrant of a power and an interest, each "high" or "low"."""
        return _GRID[(power, interest)]


_GRID = {
    ("high", "high"): Attention.MANAGE_CLOSELY,
    ("high", "low"): Attention.KEEP_SATISFIED,
    ("low", "high"): Attention.KEEP_INFORMED,
    ("low", "low"): Attention.MONITOR,
}


@dataclass(frozen=True)
class Stakeholder:
    name: str
    role: str
    power: str  # "high" or "low"
    interest: str  # "high" or "low"
    adkar: Adkar | None = None

    @property
    def quadrant(self) -> Attention:
        """Mendelow's power/interest grid: what to do with this stakeholder."""
        return Attention.of(self.power, self.interest)


@dataclass(frozen=True)
class Kpi:
    """A measure of the change; every field but the name may be missing (the lint says so)."""

    name: str
    owner: str | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    due: date | None = None
    stage: str | None = None
    """The waterfall figure it counts (one of ``FUNNEL_MEASURES``), so the lint can test the target."""
    stretch: str | None = None
    """Why the plan keeps a target its funnel cannot deliver: written down, the lint's warning
    becomes a note, so a plan can be ready with a deliberate stretch but not with an oversight."""


@dataclass(frozen=True)
class Funnel:
    """The demand waterfall a plan's KPIs rest on: stage rates, deal size and the inquiries expected."""

    rates: ConversionRates
    average_deal: float
    inquiries: int

    def outcome(self) -> Waterfall:
        """What the expected inquiries yield at every stage (rounded down: half a deal is not won)."""
        return self._outcome

    @cached_property
    def _outcome(self) -> Waterfall:  # worked out once: the lint, the report and the lessons all ask
        return outcome(self.inquiries, self.rates, self.average_deal)

    def yields(self, measure: str) -> float:
        """The figure the funnel delivers for ``measure`` (a stage's volume, or "revenue"; any case)."""
        result = self.outcome()
        return result.revenue if measure.casefold() == "revenue" else result.volume(measure)


@dataclass(frozen=True)
class Raci:
    """Who is Responsible, Accountable, Consulted and Informed, by person or role."""

    responsible: tuple[str, ...] = ()
    accountable: tuple[str, ...] = ()  # exactly one is right; the file may say otherwise
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()

    def letters(self) -> dict[str, str]:
        """Name -> its letters ('R', 'A', 'RA', ...)."""
        found: dict[str, str] = {}
        for letter, names in (("R", self.responsible), ("A", self.accountable),
                              ("C", self.consulted), ("I", self.informed)):
            for name in names:
                if letter not in found.get(name, ""):
                    found[name] = found.get(name, "") + letter
        return found

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.letters())


@dataclass(frozen=True)
class Task:
    """A piece of work from ``start`` to ``end`` (both days included); a milestone is one day."""

    id: str
    name: str
    start: date
    end: date
    depends_on: tuple[str, ...] = ()
    milestone: bool = False
    raci: Raci = Raci()
    where: str = ""  # its place in the file ('tasks[3]'), for findings

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Communication:
    """A message to an audience: on given dates, or weekly/monthly between ``start`` and ``end``."""

    audience: tuple[str, ...]
    message: str
    channel: str
    owner: str
    dates: tuple[date, ...] = ()
    cadence: str | None = None
    start: date | None = None
    end: date | None = None
    id: str | None = None
    """The message's own name (a slug), so its calendar events keep their ids when others move."""
    where: str = ""  # its place in the file ('communications[2]'), for findings

    def occurrences(self) -> tuple[date, ...]:
        """Every date the message goes out: the dates given, or the cadence's dates."""
        if self.cadence is None or self.start is None or self.end is None:
            return self.dates
        found = []
        current, step = self.start, 0
        while current <= self.end:
            found.append(current)
            step += 1
            current = _add_months(self.start, step) if self.cadence == "monthly" else \
                date.fromordinal(self.start.toordinal() + 7 * step)
        return tuple(found)

    @property
    def when(self) -> str:
        if self.cadence:
            return f"{self.cadence} from {self.start} to {self.end}"
        return ", ".join(day.isoformat() for day in self.dates)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Risk:
    text: str
    owner: str
    mitigation: str


@dataclass(frozen=True)
class Plan:
    """A change plan: the initiative, why, who sponsors it, when, and everything under it."""

    initiative: str
    vision: str
    sponsor: str
    start: date
    end: date
    objectives: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    tasks: tuple[Task, ...] = ()
    communications: tuple[Communication, ...] = ()
    risks: tuple[Risk, ...] = ()
    funnel: Funnel | None = None
    holidays: tuple[date, ...] = ()
    """Days off that working-day durations skip, besides Saturdays and Sundays."""
    source: str | None = None
    id: str | None = None
    """The plan's own name (a slug): the part every calendar event id of this plan shares."""

    def task(self, task_id: str) -> Task:
        return next(task for task in self.tasks if task.id == task_id)

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone named in a RACI, in order of first appearance."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            seen.update(dict.fromkeys(task.raci.names))
        return tuple(seen)

    def __repr__(self) -> str:
        return (f"Plan({self.initiative!r}, {self.start} to {self.end}, {len(self.tasks)} tasks, "
                f"{len(self.stakeholders)} stakeholders)")
