"""The XLSX report, read back with openpyxl: sheets, real numbers, and no live formula."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook


from mopskit.report import xlsx


@pytest.fixture
def workbook(sample_result):
    def workbook(result=None, **options) -> Workbook:  # type: ignore[no-untyped-def]
        return load_workbook(io.BytesIO(xlsx.render(result or sample_result(), **options)))
    return workbook


def rows(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def all_cells(book: Workbook):  # type: ignore[no-untyped-def]
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_sheets_are_the_five_promised_and_users_only_on_request(workbook, report_emails) -> None:
    assert workbook().sheetnames == ["Summary", "Tools", "Renewals", "Overlaps", "Unmatched"]  # the document's section order
    with_users = workbook(show_users=True)
    assert with_users.sheetnames[-1] == "Users"
    users = {row["User"] for row in rows(with_users["Users"])}
    assert users == set(report_emails)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("HubSpot", "HubSpot"),
        ("a=b", "a=b"),
        ("bell\x07", "bell\ufffd"),
    ],
)
def test_safe_text(value: str, expected: str) -> None:
    assert xlsx.safe_text(value) == expected


def test_hostile_strings_are_neutralised_in_every_sheet(workbook, formula_strings, hostile_result, hostile_tool) -> None:
    book = workbook(hostile_result(), show_users=True)
    cells = all_cells(book)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(xlsx.FORMULA_PREFIXES)]
    tools = rows(book["Tools"])
    first = tools[0]
    assert first["Tool"] == hostile_tool  # markup is harmless in a cell and kept as written
    assert first["Owner"] == "'" + formula_strings[0]
    assert first["Department"] == "'" + formula_strings[1]
    assert first["Category"] == "'" + formula_strings[2]
    assert first["Overlaps with"] == "'" + formula_strings[3]
    assert tools[1]["Tool"] == "'" + formula_strings[4]
    assert tools[1]["Vendor"] in ("'\rReturn", "'\nReturn")  # XML reads a bare CR back as LF
    assert rows(book["Unmatched"])[0]["App"] == "'=cmd|' /C calc'!A0"
    assert "'=evil@example.com" in [row["User"] for row in rows(book["Users"])]


def test_control_characters_do_not_break_the_file(workbook, sample_result) -> None:
    result = sample_result()
    result = replace(result, tools=(replace(result.tools[0], tool="Bell\x07Tool\x00"),) + result.tools[1:])
    assert rows(workbook(result)["Tools"])[0]["Tool"] == "Bell\ufffdTool\ufffd"


def test_numbers_and_dates_stay_numbers_and_dates_with_formats(workbook) -> None:
    sheet = workbook()["Tools"]
    header = [cell.value for cell in sheet[1]]
    mailer = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert mailer["Annual cost (EUR)"].value == 24000.0
    assert mailer["Annual cost (EUR)"].number_format == "#,##0.00"
    assert mailer["Utilization"].value == 0.4 and mailer["Utilization"].number_format == "0%"
    assert mailer["Renewal date"].value == datetime(2027, 3, 1)
    assert mailer["Renewal date"].number_format == "yyyy-mm-dd"
    assert mailer["Seats"].value == 20 and mailer["Seats"].number_format == "#,##0"
    planner = rows(sheet)[3]
    assert planner["Tool"] == "Planner" and planner["Active users"] is None and planner["Utilization"] is None


def test_every_sheet_has_a_styled_frozen_header_with_widths(workbook) -> None:
    book = workbook()
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.column_dimensions["A"].width >= 20, sheet.title
    for title in ("Tools", "Overlaps", "Renewals", "Unmatched"):
        assert book[title].auto_filter.ref is not None, title
    assert book["Tools"].auto_filter.ref == "A1:S5"


def test_summary_holds_the_totals(workbook) -> None:
    summary = {row["Measure"]: row["Value"] for row in rows(workbook()["Summary"])}
    assert summary["Annual cost"] == 42000.0
    assert summary["Wasted annual cost (unused seats, per-seat tools)"] == 23400.0
    assert summary["Waste share of spend"] == pytest.approx(23400 / 42000)
    assert summary["Active users (any tool)"] == 11
    assert summary["Notice deadlines within 90 days"] == 1
    assert summary["Recommendation: retire (tools)"] == 1


def test_renewals_sheet_orders_by_deadline_and_highlights_the_next_90_days(workbook) -> None:
    sheet = workbook()["Renewals"]
    renewals = rows(sheet)
    assert [row["Tool"] for row in renewals] == ["Old CMS", "Mailer", "Planner", "Sendly (Sales)"]
    assert [row["Status"] for row in renewals] == [
        "deadline passed", "decide now (within 90 days)", "later", "later",
    ]
    assert sheet["A3"].fill.fgColor.rgb.endswith("FDEBD0")
    assert sheet["A4"].fill.fill_type is None


def test_the_same_audit_gives_the_same_bytes_dated_by_the_audit(sample_result, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Nothing in the file comes from the clock: two runs a while apart are identical."""
    import time
    import zipfile

    first = xlsx.render(sample_result(), show_users=True)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3 * 86400)  # zip entries read the clock
    second = xlsx.render(sample_result(), show_users=True)
    assert first == second
    as_of = sample_result().as_of
    book = load_workbook(io.BytesIO(first))
    assert book.properties.created == book.properties.modified == datetime(as_of.year, as_of.month, as_of.day)
    stamps = {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {(as_of.year, as_of.month, as_of.day, 0, 0, 0)}


def test_a_long_table_is_written_in_one_pass_over_its_rows(monkeypatch):
    """Indexing a sheet by row number walks every cell each time: 5,000 rows took minutes."""
    from openpyxl.worksheet.worksheet import Worksheet

    from mopskit.report.document import Column, Document, Emphasis, Kind, Row, Section, Table
    from mopskit.report.xlsx import render_document

    def refuse(self, key):  # noqa: ANN001
        raise AssertionError(f"sheet[{key!r}] walks the whole sheet")

    monkeypatch.setattr(Worksheet, "__getitem__", refuse)
    rows = tuple(Row({"task": f"T{i}", "days": i}, emphasis=Emphasis.STRONG if i % 2 else None) for i in range(300))
    table = Table((Column("task", "Task"), Column("days", "Days", Kind.INTEGER)), rows)
    workbook = render_document(Document("Plan", sections=(Section("Tasks", table=table),)))
    assert workbook[:2] == b"PK"
