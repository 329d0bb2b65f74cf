"""Calendar files (RFC 5545 ``.ics``) a calendar app imports: milestones, launches, reviews.

Written by hand, with no calendar library: CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, TEXT values escaped (so a summary holding a line break and
"BEGIN:VEVENT" stays one summary), and DTSTAMP taken from the caller, so the same events
always give the same bytes.

An all-day event takes ``date`` values and ``end`` is its *last* day (inclusive, as people
say it); the file holds the day after, as RFC 5545 wants. A timed event takes ``datetime``
values: with a time zone they are written in UTC ("...Z"), without one as floating local time.

A change plan's calendar (its communications and milestones) is :func:`plan_calendar`, the
``.ics`` format ``mopskit.report.OWN_FORMATS`` gives a ``PlanReview``: the dates a calendar
app expands are the report's dates, and a re-import updates the events it already has.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mopskit.change.plan.load import SLUG
from mopskit.errors import InputError
from mopskit.io.files import write_atomic

if TYPE_CHECKING:
    from mopskit.change.plan.model import Plan
    from mopskit.change.plan.review import PlanReview

__all__ = [
    "PRODID", "CalendarEvent", "calendar_bytes", "escape_text", "fold_line", "plan_calendar", "plan_event_ids",
    "recurrence",
    "write_calendar",
]

PRODID = "-//MOps Kit//mopskit//EN"
_LINE_OCTETS = 75
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# RRULE parts: NAME=value, values of letters, digits, commas, signs, 'T' and 'Z' only.
_RULE = re.compile(r"^[A-Z]+=[A-Za-z0-9,+\-]+(;[A-Z]+=[A-Za-z0-9,+\-]+)*$")
# Control characters RFC 5545 forbids in TEXT (tab is allowed; line breaks are escaped first).
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


@dataclass(frozen=True)
class CalendarEvent:
    """One event: all-day with ``date`` values, timed with ``datetime`` values."""

    uid: str
    """Unique and stable across exports (a calendar app updates the event it already has)."""
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    """All-day: the last day (inclusive). Timed: the end time. None: one day, or an instant."""
    description: str = ""
    location: str = ""
    rrule: str | None = None
    """A recurrence such as ``recurrence("WEEKLY", until=...)`` gives, without "RRULE:"."""
    sequence: int = 0
    """The event's revision: 0 when first published, one more each time its content changes."""

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise InputError(f"the event '{self.summary}' has no uid")
        timed = isinstance(self.start, datetime)
        if self.end is not None:
            if isinstance(self.end, datetime) != timed:
                raise InputError(f"the event '{self.summary}' mixes a date and a date with a time")
            if timed and _aware(self.start) != _aware(self.end):  # type: ignore[arg-type]
                raise InputError(f"the event '{self.summary}' mixes times with and without a time zone")
            if self.end < self.start:
                raise InputError(f"the event '{self.summary}' ends before it starts")
        if self.rrule is not None and (not _RULE.match(self.rrule) or "FREQ=" not in self.rrule):
            raise InputError(f"the event '{self.summary}' has a recurrence that is not an RRULE: {self.rrule!r}")


def recurrence(frequency: str, *, until: date | datetime | None = None, count: int | None = None,
               interval: int = 1) -> str:
    """An RRULE value: ``recurrence("WEEKLY", until=date(2025, 6, 30))`` is
    ``"FREQ=WEEKLY;UNTIL=20250630"``. ``until`` should be of the event's kind (a date for an
    all-day event, an aware datetime for a timed one with a time zone)."""
    frequency = frequency.upper()
    if frequency not in _FREQUENCIES:
        raise InputError(f"a cadence is one of {', '.join(_FREQUENCIES)}, not {frequency!r}")
    if until is not None and count is not None:
        raise InputError("a cadence ends on a date or after a count, not both")
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        raise InputError(f"a cadence interval is a whole number of 1 or more, not {interval!r}")
    parts = [f"FREQ={frequency}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    if until is not None:
        parts.append(f"UNTIL={_moment(until)}")
    if count is not None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise InputError(f"a cadence count is a whole number of 1 or more, not {count!r}")
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def calendar_bytes(events: Iterable[CalendarEvent], *, name: str, stamp: datetime) -> bytes:
    """The events as an ``.ics`` file named ``name`` in calendar apps. ``stamp`` is the
    DTSTAMP of every event (a naive one is read as UTC)."""
    events = list(events)
    seen: set[str] = set()
    for event in events:
        if event.uid in seen:
            raise InputError(f"two events share the uid '{event.uid}'")
        seen.add(event.uid)
    stamped = _utc(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, stamped)
    lines.append("END:VCALENDAR")
    return b"".join(fold_line(line) + b"\r\n" for line in lines)


def write_calendar(path: str | os.PathLike[str], events: Iterable[CalendarEvent], *, name: str,
                   stamp: datetime, force: bool = False) -> Path:
    """Write :func:`calendar_bytes` to ``path`` whole or not at all (never over a file
    unless ``force``)."""
    return write_atomic(path, calendar_bytes(events, name=name, stamp=stamp), force=force)


def plan_calendar(review: PlanReview, *, show_users: bool = False, now: datetime | None = None,
                  previous: bytes | None = None) -> bytes:
    """The plan's communications and milestones as an RFC 5545 calendar whose dates are the
    report's dates, event for event.

    A weekly message, or a monthly one on day 28 or before, is one recurring event; a monthly
    one on day 29 or later (moved to the month's last day when a month is shorter, as the
    report does) is one event per date, since no plain RRULE says "the 31st, or the last day".
    Event ids come from what an event is (:func:`plan_event_ids`), not where it sits in the
    file, so a calendar app updates the events it already has. DTSTAMP is ``now`` (the clock
    when not given); given the ``previous`` file's bytes, an event whose content changed
    gets its SEQUENCE raised by one, an unchanged one keeps its number.
    """
    plan = review.plan
    events = _plan_events(review)
    if not events:
        raise InputError("the plan has no communication and no milestone, so its calendar would be empty; "
                         "add a message under 'communications' or a task with 'milestone: true'",
                         file=plan.source)
    stamp = now if now is not None else datetime.now(UTC)
    name = f"Change plan: {plan.initiative}"
    if previous:
        events = _sequenced(events, previous, name=name, stamp=stamp)
    return calendar_bytes(events, name=name, stamp=stamp)


def plan_event_ids(plan: Plan) -> tuple[str, tuple[str, ...], dict[str, str]]:
    """The plan's key, each communication's key (in file order) and each milestone's key by
    task id: the parts of its event ids. A key is the ``id:`` the file gives, or a readable slug
    with a short hash of the text it stands for (so two plans in scripts without Latin letters
    still differ, and a message keeps its key when another is added before it). An event id is
    ``plan.message.key[.date]@mopskit`` or ``plan.milestone.key@mopskit``: dots never occur in a
    key, so two events' ids cannot run together."""
    plan_key = plan.id or _keyed(plan.initiative, plan.initiative)
    keys: list[str] = []
    counted: dict[str, int] = {}
    for item in plan.communications:
        key = item.id or _keyed(item.message, "\x1f".join([item.message, item.channel, *sorted(item.audience)]))
        if item.id is None:
            # The same message, channel and audience twice: told apart by their order among themselves.
            counted[key] = counted.get(key, 0) + 1
            key = key if counted[key] == 1 else f"{key}-{counted[key]}"
        keys.append(key)
    milestones = {task.id: _keyed(task.id, task.id) if not SLUG.fullmatch(task.id) else task.id
                  for task in plan.tasks if task.milestone}
    return plan_key, tuple(keys), milestones


def _plan_events(review: PlanReview) -> list[CalendarEvent]:
    plan = review.plan
    plan_key, message_keys, milestone_keys = plan_event_ids(plan)
    events = []
    for item, key in zip(plan.communications, message_keys, strict=True):
        summary = f"{item.message} ({item.channel})"
        description = f"For {', '.join(item.audience)}. Owner: {item.owner}."
        days = item.occurrences()
        if not days:
            continue
        if item.cadence and item.start and item.end and (item.cadence == "weekly" or item.start.day <= 28):
            frequency = "WEEKLY" if item.cadence == "weekly" else "MONTHLY"
            events.append(CalendarEvent(f"{plan_key}.message.{key}@mopskit", summary, days[0], description=description,
                                        rrule=recurrence(frequency, until=days[-1])))
            continue
        for day in days:
            events.append(CalendarEvent(f"{plan_key}.message.{key}.{day:%Y%m%d}@mopskit", summary, day,
                                        description=description))
    for task in plan.tasks:
        if task.milestone:
            events.append(CalendarEvent(f"{plan_key}.milestone.{milestone_keys[task.id]}@mopskit", f"Milestone: {task.name}",
                                        task.start, description=f"{plan.initiative}: {task.name}."))
    return events


def _keyed(text: str, identity: str) -> str:
    """A slug of ``text`` (at most 40 characters, ASCII) and 8 hex digits of a hash of ``identity``."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold())[:40].strip("-")
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def _sequenced(events: list[CalendarEvent], previous: bytes, *, name: str, stamp: datetime) -> list[CalendarEvent]:
    """``events`` with the SEQUENCE each needs against the ``previous`` file: the old number when
    the event reads the same (DTSTAMP and SEQUENCE aside), one more when it changed, 0 when new."""
    before = _contents(previous)
    if not before:
        return events
    now = _contents(calendar_bytes(events, name=name, stamp=stamp))
    sequenced = []
    for event in events:
        if event.uid in before:
            old_sequence, old_content = before[event.uid]
            sequence = old_sequence if now.get(event.uid, (0, None))[1] == old_content else old_sequence + 1
            event = replace(event, sequence=sequence)
        sequenced.append(event)
    return sequenced


def _contents(data: bytes) -> dict[str, tuple[int, tuple[tuple[str, bytes], ...]]]:
    """Each event of a calendar file by UID: its SEQUENCE and its properties but DTSTAMP and
    SEQUENCE. A file that is not a calendar gives nothing (every event then starts at 0)."""
    from icalendar import Calendar  # on use: only rewriting a calendar reads one

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError):
        return {}
    found: dict[str, tuple[int, tuple[tuple[str, bytes], ...]]] = {}
    for component in calendar.walk("VEVENT"):
        uid = component.get("UID")
        if uid is None:
            continue
        try:
            sequence = max(0, int(component.get("SEQUENCE", 0)))
        except (TypeError, ValueError):
            sequence = 0
        content = tuple(sorted((str(key), _ical(value)) for key, value in component.property_items(recursive=False)
                               if str(key) not in ("DTSTAMP", "SEQUENCE", "BEGIN", "END")))
        found[str(uid)] = (sequence, content)
    return found


def _ical(value: object) -> bytes:
    to_ical = getattr(value, "to_ical", None)
    if to_ical is None:
        return str(value).encode("utf-8")
    data = to_ical()
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, every line break as ``\\n``,
    other control characters dropped."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return text.translate(_CONTROL)


def fold_line(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets: each
    continuation starts with a space, and no character is split across lines."""
    chunks: list[bytes] = []
    current = b""
    limit = _LINE_OCTETS
    for character in line:
        encoded = character.encode("utf-8")
        if len(current) + len(encoded) > limit:
            chunks.append(current)
            current = b" "
            limit = _LINE_OCTETS
        current += encoded
    chunks.append(current)
    return b"\r\n".join(chunks)


def _event_lines(event: CalendarEvent, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
    ]
    if event.sequence:
        lines.append(f"SEQUENCE:{event.sequence}")
    if isinstance(event.start, datetime):
        lines.append(f"DTSTART:{_moment(event.start)}")
        if event.end is not None:
            lines.append(f"DTEND:{_moment(event.end)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{_moment(event.start)}")
        last = event.end if event.end is not None else event.start
        lines.append(f"DTEND;VALUE=DATE:{_moment(last + timedelta(days=1))}")
    if event.rrule:
        lines.append(f"RRULE:{event.rrule}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines.append("END:VEVENT")
    return lines


def _aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if _aware(moment) else moment.replace(tzinfo=UTC)


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if _aware(value):
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")
