"""Calendar files read back by a real calendar parser, byte for byte stable and safe."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from mopskit.errors import InputError
from mopskit.report.ics import CalendarEvent, calendar_bytes, fold_line, recurrence, write_calendar

STAMP = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)


def _parse(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b"") and b"\r" not in body.replace(b"\r\n", b"")
    return body.split(b"\r\n")


def test_header_and_all_day_event():
    data = calendar_bytes([CalendarEvent("launch@plan", "Launch", date(2025, 3, 3))], name="Plan", stamp=STAMP)
    lines = _physical_lines(data)
    assert lines[:6] == [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//MOps Kit//mopskit//EN",
                         b"CALSCALE:GREGORIAN", b"METHOD:PUBLISH", b"X-WR-CALNAME:Plan"]
    assert b"DTSTAMP:20250106T093000Z" in lines
    assert b"DTSTART;VALUE=DATE:20250303" in lines and b"DTEND;VALUE=DATE:20250304" in lines
    (event,) = _parse(data)
    assert event.decoded("DTSTART") == date(2025, 3, 3)
    assert str(event["UID"]) == "launch@plan"


def test_all_day_end_is_the_last_day_inclusive():
    event = CalendarEvent("w", "Workshop week", date(2025, 3, 3), date(2025, 3, 7))
    (parsed,) = _parse(calendar_bytes([event], name="Plan", stamp=STAMP))
    assert parsed.decoded("DTEND") == date(2025, 3, 8)


def test_timed_events_in_utc_and_floating():
    berlin = timezone(timedelta(hours=1))
    aware = CalendarEvent("a", "Review", datetime(2025, 3, 3, 10, tzinfo=berlin), datetime(2025, 3, 3, 11, tzinfo=berlin))
    floating = CalendarEvent("f", "Stand-up", datetime(2025, 3, 3, 9), datetime(2025, 3, 3, 9, 15))
    data = calendar_bytes([aware, floating], name="Plan", stamp=STAMP)
    assert b"DTSTART:20250303T090000Z" in data and b"DTSTART:20250303T090000\r\n" in data
    first, second = _parse(data)
    assert first.decoded("DTSTART") == datetime(2025, 3, 3, 9, tzinfo=UTC)
    assert second.decoded("DTEND") == datetime(2025, 3, 3, 9, 15)


def test_text_with_commas_semicolons_newlines_and_emoji_round_trips():
    summary = "Launch; EMEA, APAC \\ all 🚀\nday two"
    description = "Line one\r\nLine two, with; marks\rend"
    location = "Room 1, Floor 2; Berlin"
    data = calendar_bytes([CalendarEvent("t", summary, date(2025, 3, 3), description=description,
                                         location=location)], name="Q2, EMEA", stamp=STAMP)
    assert b"SUMMARY:Launch\\; EMEA\\, APAC \\\\ all \xf0\x9f\x9a\x80\\nday two" in data
    (event,) = _parse(data)
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == "Line one\nLine two, with; marks\nend"
    assert str(event["LOCATION"]) == location
    assert b"\r\nX-WR-CALNAME:Q2\\, EMEA\r\n" in data  # icalendar keeps X- values raw


def test_long_text_folds_at_75_octets_and_unfolds():
    description = ("Brief the agency on the spring campaign. " * 8)[:300]
    emoji_summary = "é🚀" * 60  # two- and four-octet characters across every fold
    data = calendar_bytes([CalendarEvent("long", emoji_summary, date(2025, 3, 3), description=description)],
                          name="Plan", stamp=STAMP)
    lines = _physical_lines(data)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # never a split character
    (event,) = _parse(data)
    assert str(event["DESCRIPTION"]) == description
    assert str(event["SUMMARY"]) == emoji_summary


def test_fold_line_exact_boundaries():
    assert fold_line("x" * 75) == b"x" * 75
    assert fold_line("x" * 76) == b"x" * 75 + b"\r\n x"
    folded = fold_line("x" * 74 + "é")
    assert folded == b"x" * 74 + b"\r\n \xc3\xa9"


def test_recurrence():
    rule = recurrence("weekly", until=date(2025, 6, 30))
    assert rule == "FREQ=WEEKLY;UNTIL=20250630"
    assert recurrence("MONTHLY", count=3, interval=2) == "FREQ=MONTHLY;INTERVAL=2;COUNT=3"
    assert recurrence("DAILY", until=datetime(2025, 1, 1, 12, tzinfo=UTC)) == "FREQ=DAILY;UNTIL=20250101T120000Z"
    data = calendar_bytes([CalendarEvent("r", "Weekly review", date(2025, 3, 3), rrule=rule)], name="Plan",
                          stamp=STAMP)
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20250630\r\n" in data
    (event,) = _parse(data)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["UNTIL"] == [date(2025, 6, 30)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: recurrence("HOURLY"), "cadence is one of"),
        (lambda: recurrence("WEEKLY", until=date(2025, 1, 1), count=2), "not both"),
        (lambda: recurrence("WEEKLY", interval=0), "interval"),
        (lambda: recurrence("WEEKLY", count=0), "count"),
    ],
)
def test_bad_cadences_are_refused(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_injection_stays_one_text_value():
    summary = "Launch\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:pwned\r\nEND:VEVENT"
    data = calendar_bytes([CalendarEvent("one", summary, date(2025, 3, 3))], name="Plan\r\nX:y", stamp=STAMP)
    assert data.count(b"BEGIN:VEVENT") == 2  # the real one, and the escaped text inside SUMMARY
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1
    events = _parse(data)
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == summary.replace("\r\n", "\n")
    assert str(events[0]["UID"]) == "one"


def test_rrule_cannot_carry_other_properties():
    with pytest.raises(InputError, match="not an RRULE"):
        CalendarEvent("r", "x", date(2025, 3, 3), rrule="FREQ=WEEKLY\r\nBEGIN:VEVENT")
    with pytest.raises(InputError, match="not an RRULE"):
        CalendarEvent("r", "x", date(2025, 3, 3), rrule="UNTIL=20250101")


def test_control_characters_are_dropped():
    data = calendar_bytes([CalendarEvent("c", "a\x00b\x1bc\td", date(2025, 3, 3))], name="Plan", stamp=STAMP)
    (event,) = _parse(data)
    assert str(event["SUMMARY"]) == "abc\td"


def test_output_is_byte_stable():
    events = [CalendarEvent("a", "A", date(2025, 3, 3)), CalendarEvent("b", "B", date(2025, 3, 4))]
    assert calendar_bytes(events, name="Plan", stamp=STAMP) == calendar_bytes(list(events), name="Plan", stamp=STAMP)
    naive = calendar_bytes(events, name="Plan", stamp=STAMP.replace(tzinfo=None))
    assert naive == calendar_bytes(events, name="Plan", stamp=STAMP)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: CalendarEvent(" ", "x", date(2025, 3, 3)), "no uid"),
        (lambda: CalendarEvent("u", "x", date(2025, 3, 3), date(2025, 3, 2)), "ends before it starts"),
        (lambda: CalendarEvent("u", "x", date(2025, 3, 3), datetime(2025, 3, 4)), "mixes a date"),
        (lambda: CalendarEvent("u", "x", datetime(2025, 3, 3), datetime(2025, 3, 4, tzinfo=UTC)), "time zone"),
    ],
)
def test_bad_events_are_refused(make, message):
    with pytest.raises(InputError, match=message):
        make()


def test_duplicate_uids_are_refused():
    with pytest.raises(InputError, match="share the uid"):
        calendar_bytes([CalendarEvent("a", "A", date(2025, 3, 3))] * 2, name="Plan", stamp=STAMP)


def test_write_calendar_does_not_overwrite(tmp_path: Path):
    target = tmp_path / "plan.ics"
    events = [CalendarEvent("a", "A", date(2025, 3, 3))]
    write_calendar(target, events, name="Plan", stamp=STAMP)
    assert target.read_bytes() == calendar_bytes(events, name="Plan", stamp=STAMP)
    with pytest.raises(InputError, match="already exists"):
        write_calendar(target, events, name="Plan", stamp=STAMP)
    write_calendar(target, events, name="Plan", stamp=STAMP, force=True)


def test_a_plan_calendar_is_the_plans_ics_report_and_stable():
    from mopskit import report
    from mopskit.change.plan import load_plan, review
    from mopskit.report.ics import plan_calendar

    sample = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"
    result = review(load_plan(sample))
    data = plan_calendar(result, now=STAMP)
    assert data == plan_calendar(result, show_users=True, now=STAMP)
    assert b"X-WR-CALNAME:Change plan: Marketing stack consolidation\r\n" in data
    assert b"DTSTAMP:20250106T093000Z" in data  # stamped with the moment it was written
    before = datetime.now(UTC).replace(microsecond=0)
    written = report.render(result, ".ics")
    stamps = {line for line in written.split(b"\r\n") if line.startswith(b"DTSTAMP:")}
    assert len(stamps) == 1
    assert datetime.strptime(stamps.pop().decode()[8:], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) >= before
    events = _parse(data)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert all(str(event["UID"]).endswith("@mopskit") for event in events)
