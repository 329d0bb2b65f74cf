"""Charts of a change plan: a Gantt chart of its tasks and a power/interest grid of its people.

Both take plain values (tuples or the small dataclasses below), so any plan model can feed
them, and return a new ``Figure`` (no pyplot state). Names are drawn as written (``plain``).
:func:`timeline` and :func:`stakeholder_grid` draw a ``mopskit.change.plan.Plan`` in one call,
for a lesson and for the plan's report.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mopskit.errors import InputError
from mopskit.viz.axes import date_axis
from mopskit.viz.axes import day as _day
from mopskit.viz.figure import DescribedFigure, describe, listing
from mopskit.viz.text import plain

from mopskit.change.plan.model import Attention

if TYPE_CHECKING:
    from mopskit.change.plan.model import Plan

__all__ = [
    "QUADRANTS", "GanttTask", "Stakeholder", "gantt", "power_interest_grid", "quadrant", "stakeholder_grid",
    "timeline",
]

_BAR_COLOUR = "#2471a3"
_MILESTONE_COLOUR = "#c0392b"
_ARROW_COLOUR = "#566573"


@dataclass(frozen=True)
class GanttTask:
    """One task: ``end`` is its last day (inclusive); a milestone is a day, drawn as a diamond."""

    id: str
    name: str
    start: date
    end: date
    depends_on: tuple[str, ...] = ()
    milestone: bool = False


@dataclass(frozen=True)
class Stakeholder:
    """One person or group on the grid: power and interest, each "high" or "low"."""

    name: str
    power: str
    interest: str


_LOOKS = {  # marker shape and colour of each quadrant
    Attention.MANAGE_CLOSELY: ("D", "#c0392b"),
    Attention.KEEP_SATISFIED: ("s", "#d68910"),
    Attention.KEEP_INFORMED: ("^", "#2471a3"),
    Attention.MONITOR: ("o", "#7f8c8d"),
}
#: Mendelow's quadrants by (power, interest): name, marker shape and colour.
QUADRANTS: dict[tuple[str, str], tuple[str, str, str]] = {
    (power, interest): (Attention.of(power, interest).capitalize(), *_LOOKS[Attention.of(power, interest)])
    for power in ("high", "low") for interest in ("high", "low")
}
_LEVELS = ("low", "high")
_ROWS_PER_COLUMN = 7


def quadrant(power: str, interest: str) -> str:
    """The Mendelow quadrant for a power and an interest ("high" or "low")."""
    return QUADRANTS[_level(power, "power", ""), _level(interest, "interest", "")][0]


def gantt(tasks: Iterable[GanttTask | tuple[str, str, date, date, Sequence[str], bool]], *,
          title: str = "Plan", today: date | None = None) -> Figure:
    """Bars from start to end, milestones as diamonds, an arrow from each task a task
    depends on; earliest first, top to bottom. ``today`` draws a line on that day."""
    items = [_task(task) for task in tasks]
    identities = [task.id for task in items]
    repeated = sorted({identity for identity in identities if identities.count(identity) > 1})
    if repeated:
        raise InputError(f"two tasks share the id {', '.join(map(repr, repeated))}")
    rows = {task.id: row for row, task in enumerate(sorted(items, key=lambda task: (task.start, task.end)))}
    by_id = {task.id: task for task in items}
    for task in items:
        unknown = [name for name in task.depends_on if name not in by_id]
        if unknown:
            raise InputError(f"the task '{task.id}' depends on {', '.join(map(repr, unknown))}, not in the plan")
    ordered = sorted(items, key=lambda task: rows[task.id])

    figure = DescribedFigure(figsize=(8.0, max(2.6, 0.42 * len(items) + 1.6)), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(plain(title), loc="left", fontweight="bold")
    if not items:
        axes.text(0.5, 0.5, "No tasks in the plan.", ha="center", va="center",
                  transform=axes.transAxes, color="#566573")
        axes.set_xticks([])
        axes.set_yticks([])
        describe(figure, "No tasks in the plan")
        return figure

    for task in ordered:
        row = rows[task.id]
        if task.milestone:
            axes.plot([_day(task.start)], [row], marker="D", markersize=9, color=_MILESTONE_COLOUR,
                      linestyle="none", zorder=3)
        else:
            axes.barh(row, _day(task.end + timedelta(days=1)) - _day(task.start), left=_day(task.start),
                      height=0.5, color=_BAR_COLOUR, zorder=2)
    for task in ordered:
        for name in task.depends_on:
            before = by_id[name]
            origin = _day(before.start) if before.milestone else _day(before.end + timedelta(days=1))
            axes.annotate("", xy=(_day(task.start), rows[task.id]), xytext=(origin, rows[name]),
                          arrowprops={"arrowstyle": "->", "color": _ARROW_COLOUR, "linewidth": 1,
                                      "connectionstyle": "angle,angleA=0,angleB=90,rad=0",
                                      "shrinkA": 0, "shrinkB": 6},
                          zorder=4)
    if today is not None:
        axes.axvline(_day(today), color="#566573", linestyle="--", linewidth=1)
        axes.text(_day(today), 1.0, f" today {today.isoformat()}", transform=axes.get_xaxis_transform(),
                  fontsize=7, color="#566573", va="bottom")

    axes.set_yticks(range(len(ordered)), [plain(task.name) for task in ordered], fontsize=8)
    axes.set_ylim(len(ordered) - 0.5, -0.7)
    first = min(task.start for task in items)
    last = max(task.end for task in items) + timedelta(days=1)
    margin = max(1, (last - first).days // 30)
    axes.set_xlim(_day(first - timedelta(days=margin)), _day(last + timedelta(days=margin)))
    date_axis(axes)
    handles = [
        Line2D([], [], color=_BAR_COLOUR, linewidth=6, label="task"),
        Line2D([], [], color=_MILESTONE_COLOUR, marker="D", linestyle="none", label="milestone"),
        Line2D([], [], color=_ARROW_COLOUR, marker=">", markersize=5, label="depends on"),
    ]
    figure.legend(handles=handles, fontsize=7, loc="outside lower center", ncols=3, frameon=False)
    describe(figure, f"{len(ordered)} tasks from {first.isoformat()} to {max(task.end for task in items).isoformat()}, earliest first",
             listing(f"{plain(task.name)}: " + (f"milestone on {task.start.isoformat()}" if task.milestone else
                                              f"{task.start.isoformat()} to {task.end.isoformat()}")
                     + (f", after {', '.join(plain(by_id[name].name) for name in task.depends_on)}" if task.depends_on else "")
                     for task in ordered))
    return figure


def power_interest_grid(stakeholders: Iterable[Stakeholder | tuple[str, str, str]], *,
                        title: str = "Stakeholders by power and interest") -> Figure:
    """Mendelow's grid: interest across, power up; each quadrant named, its people listed in
    columns inside it (so names never overlap) with the quadrant's own marker shape."""
    people = [_stakeholder(person) for person in stakeholders]
    groups: dict[tuple[str, str], list[str]] = {key: [] for key in QUADRANTS}
    for person in people:
        groups[person.power, person.interest].append(plain(person.name))
    rows = max([_ROWS_PER_COLUMN, *(math.ceil(len(names) / 2) for names in groups.values())])
    figure = DescribedFigure(figsize=(8.0, max(6.0, 0.32 * rows * 2 + 2.0)), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(plain(title), loc="left", fontweight="bold")
    axes.set_xlim(0, 2)
    axes.set_ylim(0, 2)
    axes.axhline(1, color="#566573", linewidth=1)
    axes.axvline(1, color="#566573", linewidth=1)
    axes.set_xticks([0.5, 1.5], ["low interest", "high interest"])
    axes.set_yticks([0.5, 1.5], ["low power", "high power"], rotation=90, va="center")
    axes.set_xlabel("Interest")
    axes.set_ylabel("Power")
    axes.tick_params(length=0)

    for (power, interest), (label, marker, colour) in QUADRANTS.items():
        left, bottom = _LEVELS.index(interest), _LEVELS.index(power)
        axes.text(left + 0.04, bottom + 0.95, label, ha="left", va="top", fontsize=10, fontweight="bold",
                  color=colour)
        names = groups[power, interest]
        columns = max(1, math.ceil(len(names) / rows))
        width = 0.92 / columns
        step = 0.78 / rows
        for index, name in enumerate(names):
            column, line = divmod(index, rows)
            x = left + 0.06 + column * width
            y = bottom + 0.82 - line * step
            axes.plot([x], [y], marker=marker, color=colour, markersize=6, linestyle="none")
            axes.text(x + 0.03, y, _shorten(name, width), ha="left", va="center", fontsize=8,
                      color="#1c2833")
    handles = [Line2D([], [], marker=marker, color=colour, linestyle="none", label=label)
               for label, marker, colour in QUADRANTS.values()]
    figure.legend(handles=handles, fontsize=8, loc="outside lower center", ncols=4, frameon=False)
    if not people:
        axes.text(1, 1, "No stakeholders yet.", ha="center", va="center", color="#566573",
                  bbox={"facecolor": "white", "edgecolor": "none"})
    describe(figure, "Power up, interest across",
             listing(f"{label}: {listing(groups[key], empty='no one')}" for key, (label, _marker, _colour) in QUADRANTS.items()))
    return figure


def timeline(plan: Plan) -> Figure:
    """The plan's tasks as a Gantt chart: bars, milestones as diamonds, arrows for dependencies."""
    return gantt([GanttTask(task.id, task.name, task.start, task.end, task.depends_on, task.milestone)
                  for task in plan.tasks], title=f"Timeline: {plan.initiative}")


def stakeholder_grid(plan: Plan) -> Figure:
    """The plan's stakeholders on Mendelow's power/interest grid."""
    return power_interest_grid([Stakeholder(person.name, person.power, person.interest)
                                for person in plan.stakeholders], title=f"Stakeholders: {plan.initiative}")


def _shorten(name: str, width: float) -> str:
    """A name cut to fit its column (about 0.0119 axis units per character at 8 points, 8 inches wide)."""
    room = max(6, int((width - 0.05) / 0.0119))
    return name if len(name) <= room else name[: room - 1].rstrip("\\") + "…"


def _task(task: GanttTask | tuple[str, str, date, date, Sequence[str], bool]) -> GanttTask:
    if not isinstance(task, GanttTask):
        try:
            identity, name, start, end, depends_on, milestone = task
        except (TypeError, ValueError):
            raise InputError(
                f"a task is (id, name, start, end, depends_on, milestone), not {task!r}") from None
        if isinstance(depends_on, str):
            depends_on = (depends_on,)
        task = GanttTask(str(identity), str(name), start, end, tuple(depends_on or ()), bool(milestone))
    if not isinstance(task.start, date) or not isinstance(task.end, date):
        raise InputError(f"the task '{task.id}' needs a start and an end date")
    if task.end < task.start:
        raise InputError(f"the task '{task.id}' ends before it starts")
    return task


def _stakeholder(person: Stakeholder | tuple[str, str, str]) -> Stakeholder:
    if not isinstance(person, Stakeholder):
        try:
            name, power, interest = person
        except (TypeError, ValueError):
            raise InputError(f"a stakeholder is (name, power, interest), not {person!r}") from None
        person = Stakeholder(str(name), power, interest)
    return Stakeholder(person.name, _level(person.power, "power", person.name),
                       _level(person.interest, "interest", person.name))


def _level(value: str, what: str, name: str) -> str:
    level = str(value).strip().lower()
    if level not in _LEVELS:
        whose = f" of '{name}'" if name else ""
        raise InputError(f"the {what}{whose} is 'high' or 'low', not {value!r}")
    return level
