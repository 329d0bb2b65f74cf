"""A plan's calendar shows the report's dates, keeps its event ids when the plan is edited, and
numbers each event's revisions: read back with icalendar, expanded with dateutil's RRULE."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from dateutil.rrule import rrulestr

from mopskit import report
from mopskit.change.plan import load_plan, review
from mopskit.cli import main
from mopskit.errors import InputError
from mopskit.report.ics import plan_calendar

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def _plan(initiative: str = "Retire the old email tool", communications: list[dict[str, Any]] | None = None,
          milestone: bool = True, **head: Any) -> dict[str, Any]:
    task = {"id": "done", "name": "Old tool closed", "start": date(2027, 2, 1), "raci": {"R": ["Ben"], "A": "Ana"}}
    if milestone:
        task["milestone"] = True
    else:
        task["duration_days"] = 3
    return {
        "plan": {"initiative": initiative, "vision": "One email tool.", "sponsor": "Ana",
                 "start": date(2027, 1, 1), "end": date(2028, 12, 31), **head},
        "tasks": [task],
        "communications": communications if communications is not None else [],
    }


def _message(text: str, **when: Any) -> dict[str, Any]:
    return {"audience": ["all"], "message": text, "channel": "Email", "owner": "Ben", **when}


def _write(tmp_path: Path, data: dict[str, Any], name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _events(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def expanded(data: bytes) -> dict[str, list[date]]:
    """Each event summary's dates as a calendar app shows them (RFC 5545: DTSTART, then the RRULE)."""
    found: dict[str, list[date]] = {}
    for event in _events(data):
        start = event.decoded("DTSTART")
        days = [start]
        if event.get("RRULE"):
            rule = event["RRULE"].to_ical().decode()
            first = datetime(start.year, start.month, start.day)
            days = [moment.date() for moment in rrulestr(rule, dtstart=first)]
            if start not in days:  # RFC 5545 counts DTSTART as the first instance in any case
                days.insert(0, start)
        found.setdefault(str(event["SUMMARY"]), []).extend(days)
    return {summary: sorted(days) for summary, days in found.items()}


def report_dates(path: Path) -> dict[str, list[date]]:
    """Each message's dates and each milestone's day as the report (JSON) lists them."""
    result = review(load_plan(path))
    data = result.to_dict()
    dates = {f"{c['message']} ({c['channel']})": sorted(date.fromisoformat(day) for day in c["dates"])
             for c in data["communications"] if c["dates"]}
    dates.update({f"Milestone: {t['name']}": [date.fromisoformat(t["start"])] for t in data["tasks"] if t["milestone"]})
    return dates


CASES = {
    "weekly": ({"cadence": "weekly", "start": date(2027, 1, 4), "end": date(2027, 3, 29)}, 13),
    "monthly-15": ({"cadence": "monthly", "start": date(2027, 1, 15), "end": date(2027, 12, 15)}, 12),
    "monthly-31": ({"cadence": "monthly", "start": date(2027, 1, 31), "end": date(2027, 12, 31)}, 12),
    "monthly-29-feb": ({"cadence": "monthly", "start": date(2027, 1, 29), "end": date(2028, 3, 29)}, 15),
    "monthly-30-leap": ({"cadence": "monthly", "start": date(2027, 11, 30), "end": date(2028, 4, 30)}, 6),
    "dates": ({"dates": [date(2027, 2, 1), date(2027, 3, 31), date(2027, 2, 28)]}, 3),
}


@pytest.mark.parametrize("case", CASES)
def test_the_calendar_shows_exactly_the_reports_dates(tmp_path: Path, case: str):
    when, count = CASES[case]
    path = _write(tmp_path, _plan(communications=[_message("Update", **when)]))
    data = plan_calendar(review(load_plan(path)), now=NOW)
    shown = expanded(data)
    assert shown == report_dates(path)
    assert len(shown["Update (Email)"]) == count
    assert len(load_plan(path).communications[0].occurrences()) == count


def test_monthly_on_the_31st_keeps_february_and_april(tmp_path: Path):
    path = _write(tmp_path, _plan(communications=[
        _message("Monthly update", cadence="monthly", start=date(2027, 1, 31), end=date(2027, 5, 31))]))
    data = plan_calendar(review(load_plan(path)), now=NOW)
    assert expanded(data)["Monthly update (Email)"] == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]
    assert b"RRULE" not in data  # one event per date: no plain rule says "the 31st, or the last day"


def test_monthly_on_the_15th_is_one_recurring_event(tmp_path: Path):
    path = _write(tmp_path, _plan(communications=[
        _message("Monthly update", cadence="monthly", start=date(2027, 1, 15), end=date(2027, 5, 31))]))
    events = [event for event in _events(plan_calendar(review(load_plan(path)), now=NOW))
              if str(event["SUMMARY"]).startswith("Monthly")]
    assert len(events) == 1
    assert events[0]["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20270515"


def test_a_cadence_that_ends_before_it_starts_has_no_event(tmp_path: Path):
    path = _write(tmp_path, _plan(communications=[
        _message("Backwards", cadence="monthly", start=date(2027, 5, 31), end=date(2027, 2, 28))]))
    data = plan_calendar(review(load_plan(path)), now=NOW)
    assert expanded(data) == report_dates(path) == {"Milestone: Old tool closed": [date(2027, 2, 1)]}


def _uids(path: Path) -> dict[str, str]:
    """UID by what the event is (summary and first date)."""
    return {f"{event['SUMMARY']} {event.decoded('DTSTART')}": str(event["UID"])
            for event in _events(plan_calendar(review(load_plan(path)), now=NOW))}


def test_event_ids_stay_when_a_message_is_added_at_the_top(tmp_path: Path):
    messages = [_message("A", dates=[date(2027, 2, 1)]),
                _message("B", dates=[date(2027, 3, 1), date(2027, 4, 1)]),
                _message("C", cadence="weekly", start=date(2027, 1, 11), end=date(2027, 2, 22))]
    before = _uids(_write(tmp_path, _plan(communications=messages), "a.yaml"))
    after = _uids(_write(tmp_path, _plan(communications=[_message("New", dates=[date(2027, 1, 20)]), *messages]),
                         "b.yaml"))
    assert len(after) == len(before) + 1
    assert all(after[what] == uid for what, uid in before.items())
    assert len(set(after.values())) == len(after)


def test_two_plans_in_other_scripts_have_different_ids(tmp_path: Path):
    names = ["営業支援ツール移行", "Переход на новую систему", "🚀", "🛸"]
    seen: dict[str, str] = {}
    for number, name in enumerate(names):
        for uid in _uids(_write(tmp_path, _plan(name), f"p{number}.yaml")).values():
            assert uid not in seen, (name, seen.get(uid))
            seen[uid] = name


def test_the_plan_and_message_ids_name_the_events(tmp_path: Path):
    path = _write(tmp_path, _plan("Anything", id="stack-2027", communications=[
        {**_message("Kick-off note", dates=[date(2027, 2, 1)]), "id": "kickoff-note"},
        {**_message("Weekly", cadence="weekly", start=date(2027, 1, 4), end=date(2027, 2, 1)), "id": "weekly"}]))
    uids = set(_uids(path).values())
    assert uids == {"stack-2027.message.kickoff-note.20270201@mopskit", "stack-2027.message.weekly@mopskit",
                    "stack-2027.milestone.done@mopskit"}
    reworded = _write(tmp_path, _plan("Renamed", id="stack-2027", communications=[
        {**_message("Kick-off note, reworded", dates=[date(2027, 2, 1)]), "id": "kickoff-note"},
        {**_message("Weekly", cadence="weekly", start=date(2027, 1, 4), end=date(2027, 2, 1)), "id": "weekly"}]),
        "reworded.yaml")
    assert set(_uids(reworded).values()) == uids


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["plan"].update(id="Stack 2027"), "plan.id"),
        (lambda d: d["communications"][0].update(id="a_b"), "communications[0].id"),
        (lambda d: d["communications"].append({**_message("Other", dates=[date(2027, 3, 1)]), "id": "same"})
         or d["communications"][0].update(id="same"), "communications[1].id"),
        (lambda d: d["communications"][0].update(dates=[date(2027, 2, 1), date(2027, 2, 1)]),
         "communications[0].dates[1]"),
    ],
)
def test_bad_ids_and_repeated_dates_are_refused(tmp_path: Path, change, where):
    data = _plan(communications=[_message("A", dates=[date(2027, 2, 1)])])
    change(data)
    with pytest.raises(InputError, match=re.escape(f"{where}: ")):
        load_plan(_write(tmp_path, data))


def test_the_same_message_twice_gets_two_ids(tmp_path: Path):
    twice = [_message("Same", cadence="weekly", start=date(2027, 1, 4), end=date(2027, 2, 1)),
             _message("Same", cadence="weekly", start=date(2027, 3, 1), end=date(2027, 4, 5))]
    path = _write(tmp_path, _plan(communications=twice))
    events = _events(plan_calendar(review(load_plan(path)), now=NOW))
    assert len({str(event["UID"]) for event in events}) == len(events) == 3


def test_dtstamp_is_the_moment_of_writing(tmp_path: Path):
    path = _write(tmp_path, _plan(communications=[_message("A", dates=[date(2027, 2, 1)])]))
    data = plan_calendar(review(load_plan(path)), now=NOW)
    assert {event.decoded("DTSTAMP") for event in _events(data)} == {NOW}
    assert b"SEQUENCE" not in data


def _sequences(data: bytes) -> dict[str, int]:
    return {str(event["SUMMARY"]): int(event.get("SEQUENCE", 0)) for event in _events(data)}


def test_sequence_rises_only_for_the_event_that_changed(tmp_path: Path):
    messages = [_message("A", dates=[date(2027, 2, 1)]),
                _message("B", cadence="weekly", start=date(2027, 1, 4), end=date(2027, 2, 1))]
    first = review(load_plan(_write(tmp_path, _plan(communications=messages))))
    out = tmp_path / "plan.ics"
    report.write(first, out)
    assert set(_sequences(out.read_bytes()).values()) == {0}

    messages[1] = {**messages[1], "owner": "Ana"}  # B's description changes; A and the milestone do not
    second = review(load_plan(_write(tmp_path, _plan(communications=messages))))
    report.write_all(second, [out, tmp_path / "plan.json"], force=True)
    assert _sequences(out.read_bytes()) == {"A (Email)": 0, "B (Email)": 1, "Milestone: Old tool closed": 0}

    messages[1] = {**messages[1], "end": date(2027, 2, 15)}
    third = review(load_plan(_write(tmp_path, _plan(communications=messages))))
    again = plan_calendar(third, now=LATER, previous=out.read_bytes())
    assert _sequences(again) == {"A (Email)": 0, "B (Email)": 2, "Milestone: Old tool closed": 0}
    unchanged = plan_calendar(third, now=LATER, previous=again)
    assert _sequences(unchanged) == _sequences(again)


def test_the_command_line_raises_the_sequence_when_it_overwrites(tmp_path: Path, capsys):
    plan = _plan(communications=[_message("A", dates=[date(2027, 2, 1)])])
    path = _write(tmp_path, plan)
    out = tmp_path / "plan.ics"
    assert main(["plan", str(path), "--out", str(out)]) == 0
    plan["tasks"][0]["name"] = "Old tool switched off"
    plan["communications"][0]["dates"] = [date(2027, 2, 1), date(2027, 2, 8)]
    _write(tmp_path, plan)
    assert main(["plan", str(path), "--out", str(out), "--force"]) == 0
    assert _sequences(out.read_bytes()) == {"A (Email)": 0, "Milestone: Old tool switched off": 1}


def test_a_previous_file_that_is_not_a_calendar_starts_every_event_at_zero(tmp_path: Path):
    path = _write(tmp_path, _plan(communications=[_message("A", dates=[date(2027, 2, 1)])]))
    data = plan_calendar(review(load_plan(path)), now=NOW, previous=b"not a calendar\x00\xff")
    assert set(_sequences(data).values()) == {0}


def test_a_plan_with_nothing_to_put_in_a_calendar_is_refused(tmp_path: Path, capsys):
    path = _write(tmp_path, _plan(milestone=False))
    with pytest.raises(InputError, match="no communication and no milestone"):
        plan_calendar(review(load_plan(path)), now=NOW)
    assert main(["plan", str(path), "--out", str(tmp_path / "plan.ics")]) == 2
    assert "calendar would be empty" in capsys.readouterr().err
    assert not (tmp_path / "plan.ics").exists()
