"""The request queue: working hours skip nights and weekends, triage orders by due time, and a
bad queue or SLA file names the file, the row and the column."""

from __future__ import annotations

import ast
import io
import json
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

import mopskit
from mopskit import InputError, report
from mopskit.ops.intake import (DEFAULT_SLA, Sla, add_working_hours, load_queue, load_sla, parse_moment, triage,
                            working_hours_between)
from mopskit.report.document import Kind
from mopskit.report.intake import queue_document, triage_document
from mopskit.report.notebook import register

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


def test_triage_shows_its_headline_and_open_requests_in_a_notebook():
    register()
    result = triage(load_queue(SAMPLE / "requests.csv"), NOW)
    html = result._repr_html_()
    assert "<table" in html and ">AL-102<" in html and ">breached<" in html
    assert result.headline() in html and "Request triage" in html


def test_the_triage_document_types_its_columns_and_puts_breached_first():
    result = triage(load_queue(SAMPLE / "requests.csv"), NOW)
    document = triage_document(result)
    assert (document.title, document.headline) == ("Request triage", result.headline())
    brief = document.brief
    assert brief is not None
    kinds = {column.key: column.kind for column in brief.columns}
    assert kinds == {"id": Kind.TEXT, "priority": Kind.TEXT, "requester": Kind.TEXT, "received": Kind.TEXT,
                     "due": Kind.TEXT, "hours_left": Kind.NUMBER, "state": Kind.LABEL}
    first = brief.rows[0].values
    assert (first["id"], first["state"], first["received"]) == ("AL-102", "breached", "2026-10-22 11:00")
    assert first["hours_left"] == result.items[0].hours_left < 0
    assert [row.values["id"] for row in brief.rows] == result.ids()


def test_sla_frame_says_hours_and_days():
    frame = DEFAULT_SLA.to_frame()
    assert list(frame["priority"]) == ["urgent", "high", "normal", "low"]
    assert list(frame["working days"]) == [0.5, 2, 5, 10]


def test_a_queue_shows_its_requests_and_hides_an_empty_closed_column(tmp_path):
    register()
    sample = load_queue(SAMPLE / "requests.csv")
    html = sample._repr_html_()
    assert ">AL-101<" in html and ">Closed<" in html and "Request queue" in html
    assert "11 requests: 9 open, 2 closed." in html
    open_only = load_queue(write(tmp_path, HEADER + "A,x,y,,2026-11-02 09:00,low,\n"))
    assert ">Closed<" not in open_only._repr_html_()
    brief = queue_document(open_only).brief
    assert brief is not None and [column.key for column in brief.columns] == [
        "id", "requester", "type", "summary", "received", "priority"]
    assert repr(open_only) == "RequestQueue(1 request, 1 open)"


def test_the_json_reports_carry_their_schema_and_iso_times():
    queue = load_queue(SAMPLE / "requests.csv")
    listed = queue.to_dict()
    assert (listed["schema"], listed["total"], listed["open"]) == ("mopskit.queue/1", 11, 9)
    assert listed["requests"][0] == {
        "id": "AL-101", "requester": "Bianca Gallo (Events)", "type": "Landing page",
        "summary": "Registration page for the December webinar", "received": "2026-10-26T10:00",
        "priority": "normal", "closed": "2026-10-30T12:00"}
    result = triage(queue, NOW).to_dict()
    assert result["schema"] == "mopskit.triage/1" and result["now"] == "2026-11-09T10:00"
    assert result["by_state"] == {"breached": 3, "due_soon": 2, "on_track": 4}
    assert [item["id"] for item in result["requests"]][:3] == ["AL-102", "AL-108", "AL-103"]
    assert result["sla"]["hours"]["urgent"] == 4 and result["sla"]["day_start"] == "09:00"
    json.dumps(result)


@pytest.mark.parametrize("make", [lambda queue: queue, lambda queue: triage(queue, NOW)], ids=["queue", "triage"])
@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_queue_and_triage_write_every_report_format(tmp_path, make, suffix):
    result = make(load_queue(SAMPLE / "requests.csv"))
    path = report.write(result, tmp_path / f"report{suffix}")
    data = path.read_bytes()
    if suffix == ".json":
        assert json.loads(data)["schema"] in ("mopskit.queue/1", "mopskit.triage/1")
    elif suffix == ".xlsx":
        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames[0] == "Summary" and len(book.sheetnames) >= 2
    else:
        assert "AL-102" in data.decode("utf-8")


def test_a_request_in_a_report_is_escaped_and_kept_from_running_as_a_formula(tmp_path):
    queue = load_queue(write(tmp_path, HEADER + 'A,<b>x</b>,y,"=HYPERLINK(1)",2026-11-02 09:00,low,\n'))
    page = report.render(queue, ".html").decode()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    book = load_workbook(io.BytesIO(report.render(triage(queue, NOW), ".xlsx")))
    sheet = book["Open requests"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Summary") + 1).value == "'=HYPERLINK(1)"


VIEWS = ("mopskit.report", "mopskit.viz", "mopskit.forms", "mopskit.exercises", "mopskit.lessons", "mopskit.cli",
         "mopskit.commands")


def view_imports(path: Path) -> list[str]:
    """The modules above the values that ``path`` imports anywhere but under ``if TYPE_CHECKING:``."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            names = []
        found.extend(name for name in names if any(name == view or name.startswith(f"{view}.") for view in VIEWS))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("module", ["intake", "postmortem", "timeuse"])
def test_an_ops_value_module_imports_no_view(module):
    assert view_imports(Path(mopskit.__file__).parent / "ops" / f"{module}.py") == []


def test_the_import_check_sees_lazy_imports_and_skips_type_checking(tmp_path):
    source = tmp_path / "value.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "from mopskit import report\n"
                      "if TYPE_CHECKING:\n    from mopskit.report.document import Document\n"
                      "def view():\n    from mopskit.viz.tables import table\n", encoding="utf-8")
    assert view_imports(source) == ["mopskit.report", "mopskit.viz.tables", "mopskit.viz.tables.table"]
