"""The request queue: working hours skip nights and weekends, triage orders by due time, and a
bad queue or SLA file names the file, the row and the column."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

import mopskit
from mopskit import InputError
from mopskit.intake import (DEFAULT_SLA, Sla, add_working_hours, load_queue, load_sla, parse_moment, triage,
                            working_hours_between)

SAMPLE = Path(mopskit.__file__).parent / "data" / "intake-and-postmortem"
NOW = datetime(2026, 11, 9, 10, 0)  # a Monday


def write(tmp_path: Path, text: str, name: str = "queue.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "id,requester,type,summary,received,priority,closed\n"


def test_working_hours_skip_the_night_and_the_weekend():
    friday_3pm = datetime(2026, 11, 6, 15, 0)
    assert add_working_hours(friday_3pm, 4) == datetime(2026, 11, 9, 11, 0)
    assert working_hours_between(friday_3pm, datetime(2026, 11, 9, 11, 0)) == 4
    assert working_hours_between(datetime(2026, 11, 9, 11, 0), friday_3pm) == -4
    assert add_working_hours(datetime(2026, 11, 7, 12, 0), 1) == datetime(2026, 11, 9, 10, 0)  # Saturday
    assert add_working_hours(datetime(2026, 11, 9, 8, 15), 8) == datetime(2026, 11, 9, 17, 0)  # before opening


def test_a_longer_working_day_changes_the_due_time():
    long_day = Sla({"urgent": 4}, day_start=time(8, 0), day_end=time(18, 0))
    assert long_day.hours_per_day == 10
    assert add_working_hours(datetime(2026, 11, 6, 15, 0), 4, long_day) == datetime(2026, 11, 9, 9, 0)


def test_sample_triage_orders_by_due_time_not_by_arrival_or_priority():
    result = triage(load_queue(SAMPLE / "requests.csv"), NOW)
    assert result.breached == ["AL-102", "AL-108", "AL-103"]
    assert result.ids("due soon") == ["AL-105", "AL-104"]
    dues = [item.due for item in result.items]
    assert dues == sorted(dues)
    received = [item.request.received for item in result.items if item.state == "breached"]
    assert received != sorted(received)  # first come, first served would be another order
    assert (result.closed_met, result.closed_missed) == (1, 1)
    assert "3 breached" in result.headline() and "AL-101" not in result.ids()


def test_the_weekend_keeps_a_friday_request_in_time():
    result = triage(load_queue(SAMPLE / "requests.csv"), NOW)
    item = next(item for item in result.items if item.request.id == "AL-105")
    assert item.hours_left == 1 and item.state == "due soon"


def test_requests_received_after_now_wait_and_ties_go_to_the_more_urgent(tmp_path):
    path = write(tmp_path, HEADER + "B,x,y,,2026-11-09 09:00,normal,\nA,x,y,,2026-11-02 09:00,normal,\n"
                 "C,x,y,,2026-11-20 09:00,low,\n")
    result = triage(load_queue(path), NOW, Sla({"urgent": 4, "normal": 40, "low": 40}))
    assert result.ids() == ["A", "B"]


def test_a_missing_column_is_named(tmp_path):
    path = write(tmp_path, "id,requester,type,summary,received\nA,x,y,z,2026-11-02 09:00\n")
    with pytest.raises(InputError, match="missing column priority") as error:
        load_queue(path)
    assert error.value.file == str(path)


@pytest.mark.parametrize(("row", "column", "message"), [
    ("A,x,y,z,2026-11-02 09:00,asap,", "priority", "'asap' is not a priority; write one of urgent"),
    ("A,x,y,z,2 Nov 2026,normal,", "received", "not a date and time"),
    ("A,x,y,z,2026-02-30 09:00,normal,", "received", "not a real date"),
    ("A,x,y,z,2026-11-02 09:00,normal,2026-11-01 09:00", "closed", "before received"),
    (",x,y,z,2026-11-02 09:00,normal,", "id", "the id is empty"),
])
def test_a_bad_cell_names_file_row_and_column(tmp_path, row, column, message):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(InputError, match=message) as error:
        load_queue(path)
    assert (error.value.file, error.value.row, error.value.column) == (str(path), 2, column)


def test_a_repeated_id_points_at_both_rows(tmp_path):
    path = write(tmp_path, HEADER + "A,x,y,,2026-11-02 09:00,normal,\nA,x,y,,2026-11-03 09:00,low,\n")
    with pytest.raises(InputError, match="also on row 2") as error:
        load_queue(path)
    assert error.value.row == 3


def test_an_empty_queue_and_a_priority_outside_the_sla_are_refused(tmp_path):
    with pytest.raises(InputError, match="no requests"):
        load_queue(write(tmp_path, HEADER))
    queue = load_queue(write(tmp_path, HEADER + "A,x,y,,2026-11-02 09:00,low,\n", "q2.csv"))
    with pytest.raises(InputError, match="priority 'low' has no SLA") as error:
        triage(queue, NOW, Sla({"urgent": 4}))
    assert error.value.row == 2


def test_sla_file_reads_hours_and_working_day(tmp_path):
    sla = load_sla(SAMPLE / "sla.yaml")
    assert sla.priorities == DEFAULT_SLA.priorities and dict(sla.hours) == dict(DEFAULT_SLA.hours)
    custom = load_sla(write(tmp_path, "working_day: {start: '08:30', end: '16:30'}\npriorities:\n  P1: 2\n",
                            "sla.yaml"))
    assert custom.priorities == ("p1",) and custom.day_start == time(8, 30)


@pytest.mark.parametrize(("text", "column"), [
    ("priorities:\n  urgent: soon\n", "priorities.urgent"),
    ("priorities:\n  urgent: 4\nworking_day: {start: '9am'}\n", "working_day.start"),
    ("priorities:\n  urgent: 4\nworking_day: {start: '17:00', end: '09:00'}\n", "working_day.end"),
])
def test_a_bad_sla_names_the_setting(tmp_path, text, column):
    with pytest.raises(InputError) as error:
        load_sla(write(tmp_path, text, "sla.yaml"))
    assert error.value.column == column


def test_parse_moment_accepts_a_t_and_seconds_and_refuses_a_date_alone():
    assert parse_moment("2026-11-02T09:30:00") == datetime(2026, 11, 2, 9, 30)
    with pytest.raises(ValueError, match="year-month-day hour:minute"):
        parse_moment("2026-11-02")


def test_triage_shows_a_table_in_a_notebook():
    html = triage(load_queue(SAMPLE / "requests.csv"), NOW)._repr_html_()
    assert "AL-102" in html and "<table" in html and "breached" in html


def test_sla_frame_says_hours_and_days():
    frame = DEFAULT_SLA.to_frame()
    assert list(frame["priority"]) == ["urgent", "high", "normal", "low"]
    assert list(frame["working days"]) == ["0.5", "2", "5", "10"]


def test_a_queue_shows_ids_and_times_unbroken_and_hides_an_empty_closed_column(tmp_path):
    sample = load_queue(SAMPLE / "requests.csv")
    html = sample._repr_html_()
    assert 'white-space:nowrap">AL-101</span>' in html and ">closed<" in html
    open_only = load_queue(write(tmp_path, HEADER + "A,x,y,,2026-11-02 09:00,low,\n"))
    assert ">closed<" not in open_only._repr_html_()
    assert repr(open_only) == "RequestQueue(1 request, 1 open)"
