"""Property tests of the change plan: whatever a plan file holds, reading it gives a plan or one
``InputError`` naming the file (never another exception), and a plan that reads gives a lint, a
JSON report and a calendar whose dates, expanded as a calendar app expands them (RFC 5545, by
dateutil), are the report's dates.

Files are drawn as people break them: a valid plan with values replaced at any place (dates that
do not exist, numbers as text, lists where a word belongs, blanks), keys dropped, and raw text.
Derandomized and without an example database: the suite gives the same answer on every run.
"""

from __future__ import annotations

import copy
import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import icalendar
import yaml
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mopskit.change.plan import load_plan, review
from mopskit.errors import InputError
from mopskit.report.ics import plan_calendar

EXAMPLES = int(os.environ.get("MOPSKIT_FUZZ_EXAMPLES", "60"))
"""Examples per property in `make test`; `make fuzz` runs many more (MOPSKIT_FUZZ_EXAMPLES)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 12, 1, 9, 0)

BASE: dict[str, Any] = yaml.safe_load((Path(__file__).resolve().parent / "data" / "plan" / "base.yaml")
                                      .read_text(encoding="utf-8"))
BASE["communications"].append({"audience": ["all"], "message": "Monthly", "channel": "Email", "owner": "Ben",
                               "cadence": "monthly", "start": date(2027, 1, 31), "id": "monthly"})
BASE["communications"].append({"audience": "Ana, Ben", "message": "Launch", "channel": "Email", "owner": "Ben",
                               "dates": [date(2027, 2, 1), date(2027, 3, 1)]})
BASE["plan"]["id"] = "email-2027"

WORDS = st.sampled_from(["", " ", "Ana", "Ben", "all", "high", "low", "HIGH", "weekly", "monthly", "daily",
                         "yes", "no", "true", "null", "~", "n/a", "=SUM(A1)", "2027-02-30", "2027-13-01",
                         "2027-02-01", "01/02/2027", "Feb 1 2027", "20270201", "9999-12-31", "1900-01-01",
                         "名前", "Переход", "🚀", "a b", "Stack-2027", "stack-2027", "setup", "move", "done",
                         "\t", "line\nbreak", "x" * 80])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 40), st.floats(allow_nan=True, allow_infinity=True),
                    st.dates(min_value=date(1990, 1, 1), max_value=date(2120, 12, 31)),
                    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)), WORDS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(WORDS, inner, max_size=4)), max_leaves=12)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a nested structure: keys of mappings and indexes of lists."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _places(inner, (*path, index))
    return found


def _change(data: Any, path: tuple[Any, ...], new: Any, drop: bool) -> None:
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    if drop:
        del holder[path[-1]]
    else:
        holder[path[-1]] = new


def _read(text: str) -> Any:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            plan = load_plan(path)
        except InputError as error:
            assert error.file is not None and Path(error.file).name == "plan.yaml", error
            event("refused with an InputError")
            return None
    event("read as a plan")
    result = review(plan)
    result.to_dict()
    result.to_dict(show_users=True)
    try:
        plan_calendar(result, now=NOW)
    except InputError as error:
        assert "calendar would be empty" in str(error)
    return plan


@FUZZ
@given(st.data())
def test_any_plan_file_gives_a_plan_or_one_input_error(data):
    plan = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        places = _places(plan)
        if not places:
            break
        path = data.draw(st.sampled_from(places), label="place")
        _change(plan, path, data.draw(VALUES, label="value"), data.draw(st.booleans(), label="drop"))
    _read(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False))


@FUZZ
@given(st.one_of(st.text(max_size=200), VALUES.map(lambda value: yaml.safe_dump(value, allow_unicode=True))))
def test_any_text_gives_a_plan_or_one_input_error(text):
    _read(text)


BASE_TEXT = (Path(__file__).resolve().parent / "data" / "plan" / "base.yaml").read_text(encoding="utf-8")
DATE_SPOTS = [match.span() for match in re.finditer(r"\d{4}-\d{2}-\d{2}", BASE_TEXT)]
WRITTEN_DATES = st.one_of(
    st.sampled_from(["2027-02-30", "2027-06-31", "2027-13-04", "2027-00-10", "0000-01-01", "2027-1-5",
                     "2027-02-29", "2028-02-29", "9999-12-31", "2027-02-01T10:00:00", "2027-02-01 25:00",
                     "2027-02-01T10:00:00+05:30", "20270201", "2027/02/01", "01.02.2027", "2027-W05", "''", "[]"]),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(range(len(DATE_SPOTS))), WRITTEN_DATES), min_size=1, max_size=3))
def test_any_date_as_written_gives_a_plan_or_one_input_error(changes):
    """Dates written unquoted, as people type them: the YAML parser itself reads some (2027-02-30 too)."""
    text = BASE_TEXT
    for spot, written in sorted(dict(changes).items(), reverse=True):
        start, end = DATE_SPOTS[spot]
        text = text[:start] + written + text[end:]
    _read(text)


# --------------------------------------------------------------------------- calendar round trip

DAYS = st.dates(min_value=date(2027, 1, 1), max_value=date(2029, 12, 31))


@st.composite
def messages(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(st.sampled_from(["Update", "Update", "Launch", "Demo", "名前", "🚀", "Переход", "a;b,c\\d"]))
    message = {"audience": draw(st.sampled_from([["all"], ["Ana"], ["Ana", "Ben"]])), "message": text,
               "channel": draw(st.sampled_from(["Email", "Meeting"])), "owner": "Ben"}
    if draw(st.booleans()):
        message["dates"] = draw(st.lists(DAYS, min_size=1, max_size=5, unique=True))
    else:
        start = draw(DAYS)
        message.update(cadence=draw(st.sampled_from(["weekly", "monthly"])), start=start,
                       end=start + timedelta(days=draw(st.integers(-40, 800))))
    if draw(st.booleans()):
        message["id"] = draw(st.sampled_from(["a", "b", "c", "weekly-note", "x-1"]))
    return message


def _expanded(data: bytes) -> list[tuple[str, date]]:
    found = []
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        start = event.decoded("DTSTART")
        days = [start]
        if event.get("RRULE"):
            first = datetime(start.year, start.month, start.day)
            days = [moment.date() for moment in rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)]
            days = days if start in days else [start, *days]  # RFC 5545: DTSTART is always an instance
        found += [(str(event["SUMMARY"]), day) for day in days]
    return sorted(found)


@FUZZ
@given(st.lists(messages(), min_size=0, max_size=5), st.booleans())
def test_the_calendar_expands_to_the_reports_dates(communications, milestone):
    plan = copy.deepcopy(BASE)
    plan["plan"].update(start=date(2027, 1, 1), end=date(2029, 12, 31))
    plan["communications"] = communications
    if not milestone:
        plan["tasks"][2].pop("milestone")
        plan["tasks"][2]["duration_days"] = 2
    ids = [message["id"] for message in communications if "id" in message]
    with TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if len(ids) != len(set(ids)):
            try:
                load_plan(path)
            except InputError as error:
                assert ".id: " in str(error) and "already the id" in str(error)
                return
            raise AssertionError("a repeated message id was read")
        result = review(load_plan(path))
    report = result.to_dict()
    expected = sorted([(f"{c['message']} ({c['channel']})", date.fromisoformat(day))
                       for c in report["communications"] for day in c["dates"]]
                      + [(f"Milestone: {t['name']}", date.fromisoformat(t["start"]))
                         for t in report["tasks"] if t["milestone"]])
    if not expected:
        try:
            plan_calendar(result, now=NOW)
        except InputError as error:
            assert "calendar would be empty" in str(error)
            return
        raise AssertionError("an empty calendar was written")
    first = plan_calendar(result, now=NOW)
    assert _expanded(first) == expected
    again = plan_calendar(result, now=NOW, previous=first)
    assert again == first  # nothing changed: no revision raised
