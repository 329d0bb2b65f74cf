"""A MOps request queue against a service level: which requests breach it, and in what order to work.

A team keeps its requests as a table (``id, requester, type, summary, received, priority``
and, once answered, ``closed``). A service level (SLA) gives each priority a number of
**working hours** to answer in; working hours run Monday to Friday between the day's start
and end, so a request that arrives on Friday afternoon does not age over the weekend.
``triage`` dates every open request, says which have breached or will breach soon, and
sorts them by due time: the order to work in.

A simplification, said on the page that uses it: one time zone, no public holidays and one
clock for the whole team. A real service desk adds those; the ordering rule stays the same.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.io.tables import column_key, is_blank, read_table
from mopskit.display import NotebookRepr
from mopskit.wording import join_words, plural

__all__ = ["DEFAULT_SLA", "QUEUE_COLUMNS", "Request", "RequestQueue", "Sla", "Triage", "TriageItem",
           "add_working_hours", "load_queue", "load_sla", "parse_moment", "triage", "working_hours_between"]

QUEUE_COLUMNS = ("id", "requester", "type", "summary", "received", "priority")
OPTIONAL_COLUMNS = ("closed",)
BREACHED, DUE_SOON, ON_TRACK = "breached", "due soon", "on track"
STATE_ORDER = (BREACHED, DUE_SOON, ON_TRACK)
QUEUE_SCHEMA = "mopskit.queue/1"
TRIAGE_SCHEMA = "mopskit.triage/1"
_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$")


@dataclass(frozen=True)
class Sla:
    """Working hours per priority, and the working day they are counted in."""

    hours: Mapping[str, float]
    """Priority name -> working hours to answer in, in order from most to least urgent."""
    day_start: time = time(9, 0)
    day_end: time = time(17, 0)
    soon_hours: float = 4.0
    """An open request with this many working hours or fewer left is *due soon*."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours", MappingProxyType(dict(self.hours)))

    @property
    def priorities(self) -> tuple[str, ...]:
        return tuple(self.hours)

    @property
    def hours_per_day(self) -> float:
        return _hours(datetime.combine(date.min, self.day_end) - datetime.combine(date.min, self.day_start))

    def rank(self, priority: str) -> int:
        return self.priorities.index(priority)

    def to_frame(self) -> pd.DataFrame:
        """One row per priority: its working hours and the same in working days."""
        return pd.DataFrame({
            "priority": list(self.priorities),
            "working hours to answer": [float(self.hours[p]) for p in self.priorities],
            "working days": [self.hours[p] / self.hours_per_day for p in self.priorities],
        })


DEFAULT_SLA = Sla({"urgent": 4, "high": 16, "normal": 40, "low": 80})
"""Urgent in half a working day, high in two days, normal in a week, low in two weeks."""


@dataclass(frozen=True)
class Request:
    """One row of the queue; ``row`` is its row in the file as a spreadsheet shows it."""

    id: str
    requester: str
    type: str
    summary: str
    received: datetime
    priority: str
    closed: datetime | None = None
    row: int | None = None


@dataclass(frozen=True)
class RequestQueue(NotebookRepr):
    requests: tuple[Request, ...]
    source: str | None = None

    def __len__(self) -> int:
        return len(self.requests)

    @property
    def open(self) -> tuple[Request, ...]:
        return tuple(request for request in self.requests if request.closed is None)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(r.id, r.requester, r.type, r.summary, _moment(r.received), r.priority,
              _moment(r.closed) if r.closed else "") for r in self.requests],
            columns=[*QUEUE_COLUMNS, "closed"],
        )

    def __repr__(self) -> str:
        return f"RequestQueue({plural(len(self.requests), 'request')}, {len(self.open)} open)"

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.queue/1``): every request as the file gives it,
        times as ``YYYY-MM-DDTHH:MM``. ``show_users`` changes nothing: the queue names its requesters."""
        return {
            "schema": QUEUE_SCHEMA,
            "total": len(self.requests),
            "open": len(self.open),
            "requests": [_request_record(request) for request in self.requests],
        }


@dataclass(frozen=True)
class TriageItem:
    request: Request
    due: datetime
    hours_left: float
    """Working hours from ``now`` to ``due``; negative once the request has breached."""
    state: str


@dataclass(frozen=True)
class Triage(NotebookRepr):
    """The open requests as of ``now``, earliest due first, and the closed ones met or missed."""

    now: datetime
    sla: Sla
    items: tuple[TriageItem, ...]
    closed_met: int
    closed_missed: int

    def ids(self, state: str | None = None) -> list[str]:
        """The ids in working order, optionally only those in ``state``."""
        return [item.request.id for item in self.items if state is None or item.state == state]

    @property
    def breached(self) -> list[str]:
        return self.ids(BREACHED)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(item.request.id, item.request.priority, item.request.requester,
              _moment(item.request.received), _moment(item.due), _left(item.hours_left), item.state)
             for item in self.items],
            columns=["id", "priority", "requester", "received", "due", "working hours left", "state"],
        )

    def headline(self) -> str:
        counts = {state: len(self.ids(state)) for state in STATE_ORDER}
        parts = [f"{counts[BREACHED]} breached", f"{counts[DUE_SOON]} due soon", f"{counts[ON_TRACK]} on track"]
        closed = self.closed_met + self.closed_missed
        done = f"; of {plural(closed, 'closed request')}, {self.closed_met} met the SLA" if closed else ""
        return (f"As of {_moment(self.now)}: {plural(len(self.items), 'open request')}, "
                f"{join_words(parts)}{done}.")

    def __repr__(self) -> str:
        return f"Triage({self.headline()})"

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.triage/1``): the SLA, the counts by state and the open
        requests in working order. ``show_users`` changes nothing: the queue names its requesters."""
        return {
            "schema": TRIAGE_SCHEMA,
            "now": _iso(self.now),
            "sla": {
                "hours": dict(self.sla.hours),
                "day_start": self.sla.day_start.strftime("%H:%M"),
                "day_end": self.sla.day_end.strftime("%H:%M"),
                "soon_hours": self.sla.soon_hours,
            },
            "open": len(self.items),
            "by_state": {state.replace(" ", "_"): len(self.ids(state)) for state in STATE_ORDER},
            "closed_met": self.closed_met,
            "closed_missed": self.closed_missed,
            "requests": [
                {**_request_record(item.request), "due": _iso(item.due), "working_hours_left": item.hours_left,
                 "state": item.state}
                for item in self.items
            ],
        }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


def _request_record(request: Request) -> dict[str, Any]:
    return {"id": request.id, "requester": request.requester, "type": request.type, "summary": request.summary,
            "received": _iso(request.received), "priority": request.priority, "closed": _iso(request.closed)}


def _left(hours: float) -> str:
    return f"{hours:+.1f}".replace(".0", "")


def _moment(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


# --------------------------------------------------------------------------- working time


def _is_workday(day: date) -> bool:
    return day.weekday() < 5


def working_hours_between(start: datetime, end: datetime, sla: Sla = DEFAULT_SLA) -> float:
    """Working hours from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_hours_between(end, start, sla)
    total = 0.0
    day = start.date()
    while day <= end.date():
        if _is_workday(day):
            opens = datetime.combine(day, sla.day_start)
            closes = datetime.combine(day, sla.day_end)
            begin, finish = max(opens, start), min(closes, end)
            if finish > begin:
                total += _hours(finish - begin)
        day += timedelta(days=1)
    return total


def add_working_hours(start: datetime, hours: float, sla: Sla = DEFAULT_SLA) -> datetime:
    """The moment ``hours`` working hours after ``start``; time outside working hours does not count."""
    remaining = timedelta(hours=hours)
    moment = start
    while True:
        day = moment.date()
        opens = datetime.combine(day, sla.day_start)
        closes = datetime.combine(day, sla.day_end)
        if not _is_workday(day) or moment >= closes:
            moment = datetime.combine(day + timedelta(days=1), sla.day_start)
            continue
        moment = max(moment, opens)
        if moment + remaining <= closes:
            return moment + remaining
        remaining -= closes - moment
        moment = datetime.combine(day + timedelta(days=1), sla.day_start)


# --------------------------------------------------------------------------- triage


def _state(hours_left: float, sla: Sla) -> str:
    if hours_left < 0:
        return BREACHED
    return DUE_SOON if hours_left <= sla.soon_hours else ON_TRACK


def triage(queue: RequestQueue, now: datetime, sla: Sla = DEFAULT_SLA) -> Triage:
    """Every open request received by ``now`` with its due time and state, earliest due first
    (then the more urgent priority, then the id); closed requests counted as met or missed."""
    items = []
    met = missed = 0
    for request in queue.requests:
        if request.priority not in sla.hours:
            raise InputError(f"priority '{request.priority}' has no SLA; the SLA covers "
                             f"{', '.join(sla.priorities)}", file=queue.source, row=request.row, column="priority")
        due = add_working_hours(request.received, sla.hours[request.priority], sla)
        if request.closed is not None:
            if request.closed <= now:
                met, missed = (met + 1, missed) if request.closed <= due else (met, missed + 1)
                continue
        if request.received > now:
            continue
        left = working_hours_between(now, due, sla)
        items.append(TriageItem(request, due, round(left, 2), _state(left, sla)))
    items.sort(key=lambda item: (item.due, sla.rank(item.request.priority), item.request.id))
    return Triage(now, sla, tuple(items), met, missed)


# --------------------------------------------------------------------------- reading files


def parse_moment(value: object) -> datetime:
    """'2026-11-02 09:30' (or a spreadsheet's date-time) as a datetime; ``ValueError`` says why not."""
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = str(value).strip()
    match = _MOMENT.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not a date and time; write it as year-month-day hour:minute "
                         "(2026-11-02 09:30)")
    year, month, day, hour, minute = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date and time") from None


def load_queue(path: str | os.PathLike[str], sla: Sla = DEFAULT_SLA) -> RequestQueue:
    """Read a request queue (CSV or XLSX); every problem names the file, row and column."""
    table = read_table(path, [{name} for name in QUEUE_COLUMNS])
    keys = [column_key(name) for name in table.header]
    missing = [name for name in QUEUE_COLUMNS if name not in keys]
    if missing:
        raise InputError(f"missing {'column' if len(missing) == 1 else 'columns'} {', '.join(missing)}; the queue needs "
                         f"{', '.join(QUEUE_COLUMNS)} (and optionally closed)", file=path, row=table.header_row)
    where = {name: keys.index(name) for name in (*QUEUE_COLUMNS, *OPTIONAL_COLUMNS) if name in keys}
    requests: list[Request] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        def cell(name: str) -> object:
            index = where.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        if all(is_blank(value) for value in cells):
            continue
        values: dict[str, str] = {}
        for name in ("id", "requester", "type", "priority"):
            if is_blank(cell(name)):
                raise InputError(f"the {name} is empty", file=path, row=number, column=name)
            values[name] = " ".join(str(cell(name)).split())
        priority = values["priority"].casefold()
        if priority not in sla.hours:
            raise InputError(f"'{values['priority']}' is not a priority; write one of "
                             f"{', '.join(sla.priorities)}", file=path, row=number, column="priority")
        moments: dict[str, datetime | None] = {}
        for name in ("received", "closed"):
            if is_blank(cell(name)):
                if name == "received":
                    raise InputError("the received time is empty", file=path, row=number, column=name)
                moments[name] = None
                continue
            try:
                moments[name] = parse_moment(cell(name))
            except ValueError as error:
                raise InputError(str(error), file=path, row=number, column=name) from None
        received = moments["received"]
        assert received is not None
        closed = moments["closed"]
        if closed is not None and closed < received:
            raise InputError(f"closed {_moment(closed)} is before received {_moment(received)}",
                             file=path, row=number, column="closed")
        if values["id"] in seen:
            raise InputError(f"id '{values['id']}' is also on row {seen[values['id']]}; give each request its "
                             "own id", file=path, row=number, column="id")
        seen[values["id"]] = number
        summary = "" if is_blank(cell("summary")) else " ".join(str(cell("summary")).split())
        requests.append(Request(values["id"], values["requester"], values["type"], summary, received,
                                priority, closed, number))
    if not requests:
        raise InputError("the queue has no requests under its header", file=path)
    return RequestQueue(tuple(requests), str(path))


def load_sla(path: str | os.PathLike[str]) -> Sla:
    """Read an SLA file: ``working_day`` (start, end), ``soon_hours`` and ``priorities``
    (name: working hours, most urgent first)."""
    declared = load_yaml(path)
    if not isinstance(declared, dict) or not isinstance(declared.get("priorities"), dict) \
            or not declared["priorities"]:
        raise InputError("expected 'priorities:' mapping each priority to its working hours", file=path)
    hours: dict[str, float] = {}
    for name, value in declared["priorities"].items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise InputError(f"the working hours must be a number above 0, not '{value}'", file=path,
                             column=f"priorities.{name}")
        hours[str(name).casefold()] = float(value)
    day = declared.get("working_day") or {}
    if not isinstance(day, dict):
        raise InputError("expected 'working_day:' with start and end", file=path, column="working_day")
    times = {}
    for key, default in (("start", "09:00"), ("end", "17:00")):
        text = str(day.get(key, default))
        found = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
        if found is None or int(found[1]) > 23 or int(found[2]) > 59:
            raise InputError(f"'{text}' is not a time; write it as hour:minute (09:00)", file=path,
                             column=f"working_day.{key}")
        times[key] = time(int(found[1]), int(found[2]))
    if times["end"] <= times["start"]:
        raise InputError("the working day ends before it starts", file=path, column="working_day.end")
    soon = declared.get("soon_hours", DEFAULT_SLA.soon_hours)
    if isinstance(soon, bool) or not isinstance(soon, (int, float)) or soon < 0:
        raise InputError(f"'{soon}' is not a number of hours", file=path, column="soon_hours")
    return Sla(hours, times["start"], times["end"], float(soon))
