"""Where a marketing team's hours go: a time log, an activity map, a summary.

A team logs ``person,week,activity,hours`` and maps each activity to a category
(coordination, approval, creation, ...). The summary gives each category's share and
the share spent coordinating and waiting on approvals, which one practitioner estimates at
80–90% of marketing time (``facts.yaml``: ``coordination-time-share``).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from mopskit.display import NotebookRepr
from mopskit.content import knowledge
from mopskit.content.types import Figure
from mopskit import wording
from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.io.tables import column_key, is_blank, parse_number, read_table

LOG_COLUMNS = ("person", "week", "activity", "hours")
COORDINATION_CATEGORIES = ("coordination", "approval")
"""The categories whose hours make up the coordination share."""
MAX_HOURS_PER_PERSON_WEEK = 80.0
"""Twice a full-time week: more than this in one week is a typo, not overtime."""
CLAIM_FIGURE_ID = "coordination-time-share"
TIMEUSE_SCHEMA = "mopskit.timeuse/1"


def _normalise(activity: str) -> str:
    return " ".join(activity.split()).casefold()


@dataclass(frozen=True)
class ActivityMap:
    """Which category each activity belongs to, as a team declares it."""

    categories: tuple[str, ...]
    activities: Mapping[str, str]
    """Activity name (as written in the map) -> category."""
    source: str | None = None
    _index: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {_normalise(name): category for name, category in self.activities.items()}
        object.__setattr__(self, "_index", MappingProxyType(index))

    def category_of(self, activity: str) -> str | None:
        """The category of ``activity``, ignoring case and extra spaces; None if unknown."""
        return self._index.get(_normalise(activity))


@dataclass(frozen=True)
class TimeEntry:
    """One row of a time log; ``row`` is its 1-based row in the file (header = row 1)."""

    person: str
    week: str
    activity: str
    hours: float
    row: int


@dataclass(frozen=True)
class TimeLog:
    """The validated rows of one time-log file."""

    entries: tuple[TimeEntry, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()  # what reading decided or noticed (a header under title rows, an encoding)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(sorted({entry.person for entry in self.entries}))

    @property
    def weeks(self) -> tuple[str, ...]:
        return tuple(sorted({entry.week for entry in self.entries}))

    def to_frame(self) -> pd.DataFrame:
        """The log as a table with the file's own columns and row numbers."""
        return pd.DataFrame(
            [(e.row, e.person, e.week, e.activity, e.hours) for e in self.entries],
            columns=["row", *LOG_COLUMNS],
        )

    def __repr__(self) -> str:
        return (
            f"TimeLog({len(self.entries)} entries, {len(self.people)} people, "
            f"{len(self.weeks)} weeks)"
        )


@dataclass(frozen=True)
class CategoryHours:
    category: str
    hours: float
    share: float | None
    """Fraction of the hours it is part of; None when those hours are zero."""


@dataclass(frozen=True)
class PersonTimeUse:
    person: str
    hours: float
    by_category: tuple[CategoryHours, ...]
    coordination_share: float | None


@dataclass(frozen=True)
class TimeUseSummary(NotebookRepr):
    """A team's hours by category and by person, with the coordination share."""

    categories: tuple[str, ...]
    coordination_categories: tuple[str, ...]
    weeks: tuple[str, ...]
    total_hours: float
    by_category: tuple[CategoryHours, ...]
    by_person: tuple[PersonTimeUse, ...]
    coordination_share: float

    def to_frame(self) -> pd.DataFrame:
        """One row per person: hours per category, total hours, coordination share."""
        rows = [
            {
                "person": person.person,
                **{item.category: item.hours for item in person.by_category},
                "total hours": person.hours,
                "coordination share": person.coordination_share,
            }
            for person in self.by_person
        ]
        columns = ["person", *self.categories, "total hours", "coordination share"]
        return pd.DataFrame(rows, columns=columns).set_index("person")

    def category_frame(self) -> pd.DataFrame:
        """One row per category for the whole team: hours and share."""
        return pd.DataFrame(
            [(item.category, item.hours, item.share) for item in self.by_category],
            columns=["category", "hours", "share"],
        ).set_index("category")

    def __repr__(self) -> str:
        return (
            f"TimeUseSummary({len(self.by_person)} people, {len(self.weeks)} weeks, "
            f"{_hours(self.total_hours)} hours, coordination share "
            f"{_percent(self.coordination_share)})"
        )

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.timeuse/1``): hours to 2 places, shares to 4.

        People are named (``by_person``) only with ``show_users=True``; otherwise only counted.
        """
        document: dict[str, Any] = {
            "schema": TIMEUSE_SCHEMA,
            "categories": list(self.categories),
            "coordination_categories": list(self.coordination_categories),
            "weeks": list(self.weeks),
            "people": len(self.by_person),
            "total_hours": round(self.total_hours, 2),
            "coordination_share": _share(self.coordination_share),
            "by_category": [_category_record(item) for item in self.by_category],
        }
        if show_users:
            document["by_person"] = [
                {"person": person.person, "hours": round(person.hours, 2),
                 "coordination_share": _share(person.coordination_share),
                 "by_category": [_category_record(item) for item in person.by_category]}
                for person in self.by_person
            ]
        return document


def _percent(share: float | None) -> str:
    return wording.percent(share, missing="–")


def _share(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def _category_record(item: CategoryHours) -> dict[str, Any]:
    return {"category": item.category, "hours": round(item.hours, 2), "share": _share(item.share)}


def _hours(hours: float) -> str:
    return f"{hours:,.1f}".removesuffix(".0")


def coordination_claim() -> Figure:
    """The published coordination-time range to compare with, from the kit's ``facts.yaml``."""
    return knowledge.figure(CLAIM_FIGURE_ID)


def load_activity_map(path: str | os.PathLike[str]) -> ActivityMap:
    """Read a team's activity map: ``categories`` (name: description) and ``activities``."""
    declared = load_yaml(path)
    if not isinstance(declared, dict) or not isinstance(declared.get("categories"), dict):
        raise InputError("expected 'categories:' (name: description) and 'activities:'", file=path)
    if not isinstance(declared.get("activities"), dict) or not declared["activities"]:
        raise InputError("expected 'activities:' mapping each activity to a category", file=path)
    categories = tuple(str(name) for name in declared["categories"])
    missing = [name for name in COORDINATION_CATEGORIES if name not in categories]
    if missing:
        raise InputError(
            f"keep the categories {', '.join(missing)}: the coordination share counts them",
            file=path,
            column="categories",
        )
    activities: dict[str, str] = {}
    seen: dict[str, str] = {}
    for activity, category in declared["activities"].items():
        name = " ".join(str(activity).split())
        if not name:
            raise InputError("an activity has no name", file=path, column="activities")
        if category not in categories:
            raise InputError(
                f"activity '{name}' has category '{category}'; categories: {', '.join(categories)}",
                file=path,
                column="activities",
            )
        if _normalise(name) in seen:
            raise InputError(
                f"activity '{name}' is listed twice (also as '{seen[_normalise(name)]}')",
                file=path,
                column="activities",
            )
        seen[_normalise(name)] = name
        activities[name] = category
    return ActivityMap(
        categories=categories, activities=MappingProxyType(activities), source=str(path)
    )


def _text(cell: object) -> str:
    """A cell as the log's text: spreadsheet numbers without a trailing '.0', dates as year-month-day."""
    if is_blank(cell):
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell == datetime(cell.year, cell.month, cell.day) else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _parse_hours(cell: object, *, file: str, row: int) -> float:
    shown = _text(cell)
    if not shown:
        raise InputError("hours are empty", file=file, row=row, column="hours")
    try:
        hours, currency = parse_number(cell, thousands=False)
        if currency is not None:  # hours are not money
            raise ValueError(cell)
    except ValueError:
        raise InputError(f"hours '{shown}' is not a number", file=file, row=row, column="hours") from None
    if hours < 0:
        raise InputError(f"hours {shown} are negative", file=file, row=row, column="hours")
    return hours


def _check_activities(log: TimeLog, activities: ActivityMap) -> None:
    known = ", ".join(sorted(activities.activities, key=str.casefold))
    for entry in log.entries:
        if activities.category_of(entry.activity) is None:
            raise InputError(
                f"unknown activity '{entry.activity}'; add it to the activity map or use one of: "
                f"{known}",
                file=log.source,
                row=entry.row,
                column="activity",
            )


def load_time_log(
    path: str | os.PathLike[str], activities: ActivityMap | None = None
) -> TimeLog:
    """Read and check a ``person,week,activity,hours`` CSV or XLSX, read as ``mopskit.io.tables`` reads
    every table (``,`` ``;`` or tab, UTF-8, UTF-16 or cp1252, decimal commas, a header under title rows).

    With ``activities``, an activity the map does not know is reported here too.
    """
    file = str(path)
    try:
        table = read_table(path, [{column} for column in LOG_COLUMNS])
    except InputError as error:
        if error.reason.startswith("the file is empty"):
            raise InputError(
                f"the file is empty; expected the columns {','.join(LOG_COLUMNS)}", file=file
            ) from None
        raise
    header = [column_key(name) for name in table.header]
    for column in LOG_COLUMNS:
        if column not in header:
            found = ", ".join(name.strip() for name in table.header if name.strip())
            raise InputError(
                f"missing column '{column}'; found: {found}",
                file=file,
                row=table.header_row,
                column=column,
            )
    position = {column: header.index(column) for column in LOG_COLUMNS}
    entries = []
    week_totals: dict[tuple[str, str], float] = {}
    for row, cells in table.rows:
        if len(cells) < len(header):
            missing = header[len(cells)]
            raise InputError("the row is too short", file=file, row=row, column=missing)
        if any(not is_blank(cell) for cell in cells[len(header):]):
            raise InputError(
                f"the row has {len(cells)} values for {len(header)} columns; in a comma-separated "
                'file write decimal commas in quotes ("2,5") or use a dot',
                file=file,
                row=row,
            )
        values = {column: _text(cells[position[column]]) for column in LOG_COLUMNS}
        for column in ("person", "week", "activity"):
            if not values[column]:
                raise InputError(f"{column} is empty", file=file, row=row, column=column)
        hours = _parse_hours(cells[position["hours"]], file=file, row=row)
        key = (values["person"], values["week"])
        week_totals[key] = week_totals.get(key, 0.0) + hours
        if week_totals[key] > MAX_HOURS_PER_PERSON_WEEK:
            raise InputError(
                f"{values['person']} has {_hours(week_totals[key])} hours in week "
                f"{values['week']} by this row, more than {MAX_HOURS_PER_PERSON_WEEK:.0f}; "
                "are some hours minutes?",
                file=file,
                row=row,
                column="hours",
            )
        entries.append(
            TimeEntry(
                person=values["person"],
                week=values["week"],
                activity=" ".join(values["activity"].split()),
                hours=hours,
                row=row,
            )
        )
    if not entries:
        raise InputError("the time log has a header but no rows", file=file)
    log = TimeLog(entries=tuple(entries), source=file, notes=table.notes)
    if activities is not None:
        _check_activities(log, activities)
    return log


def _category_hours(totals: Mapping[str, float], categories: tuple[str, ...]) -> tuple[CategoryHours, ...]:
    whole = sum(totals.values())
    return tuple(
        CategoryHours(
            category=category,
            hours=totals.get(category, 0.0),
            share=totals.get(category, 0.0) / whole if whole else None,
        )
        for category in categories
    )


def _coordination_share(totals: Mapping[str, float]) -> float | None:
    whole = sum(totals.values())
    if not whole:
        return None
    return sum(totals.get(category, 0.0) for category in COORDINATION_CATEGORIES) / whole


def summarise(log: TimeLog, activities: ActivityMap) -> TimeUseSummary:
    """Hours and shares by category, team-wide and per person, and the coordination share."""
    _check_activities(log, activities)
    team: dict[str, float] = {}
    per_person: dict[str, dict[str, float]] = {}
    for entry in log.entries:
        category = activities.category_of(entry.activity)
        assert category is not None  # _check_activities guarantees it
        team[category] = team.get(category, 0.0) + entry.hours
        person = per_person.setdefault(entry.person, {})
        person[category] = person.get(category, 0.0) + entry.hours
    total = sum(team.values())
    if not total:
        raise InputError("the time log has no hours above zero", file=log.source)
    share = _coordination_share(team)
    assert share is not None
    return TimeUseSummary(
        categories=activities.categories,
        coordination_categories=COORDINATION_CATEGORIES,
        weeks=log.weeks,
        total_hours=total,
        by_category=_category_hours(team, activities.categories),
        by_person=tuple(
            PersonTimeUse(
                person=name,
                hours=sum(totals.values()),
                by_category=_category_hours(totals, activities.categories),
                coordination_share=_coordination_share(totals),
            )
            for name, totals in sorted(per_person.items())
        ),
        coordination_share=share,
    )
