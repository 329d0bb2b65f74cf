"""XLSX report for finance and procurement: real numbers and dates, filterable sheets.

Sheets: Summary, Tools, Overlaps, Renewals, Unmatched (and Users with ``show_users``).
Every text cell is made inert: a value starting with ``= + - @``, tab or CR gets a
leading apostrophe, so neither Excel nor a later CSV export runs it as a formula.
The same audit gives the same bytes: the file is dated by the audit date, not the clock.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.worksheet.worksheet import Worksheet

from mopskit.report import formatting as fmt
from mopskit.stack.model import AuditResult, ToolAudit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

_MONEY = "#,##0.00"
_INTEGER = "#,##0"
_PERCENT = "0%"
_DATE = "yyyy-mm-dd"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1C2833")
_DUE_FILL = PatternFill("solid", fgColor="FDEBD0")
_PASSED_FONT = Font(color="7F8C8D")


def safe_text(value: str) -> str:
    """A string Excel shows as text: formulas neutralised, illegal characters replaced."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    value: Callable[[Any], object]
    number_format: str | None = None


def render(result: AuditResult, *, show_users: bool = False) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    workbook.properties.title = "Martech stack audit"
    workbook.properties.creator = "MOps Kit"
    _summary_sheet(workbook, result)
    currency = safe_text(result.currency) if result.currency else None
    _table_sheet(workbook, "Tools", _tool_columns(currency), result.tools)
    _table_sheet(workbook, "Overlaps", [
        Column("Category", 34, lambda overlap: overlap.category),
        Column("Tools", 48, lambda overlap: ", ".join(overlap.tools)),
        Column("Shared active users", 20, lambda overlap: overlap.shared_active_users, _INTEGER),
    ], result.overlaps)
    renewals = _table_sheet(workbook, "Renewals", _renewal_columns(currency), fmt.renewals(result))
    _highlight_due(renewals, fmt.renewals(result))
    _table_sheet(workbook, "Unmatched", [
        Column("App (not in inventory: possible shadow IT)", 44, lambda app: app.app),
        Column("Users", 10, lambda app: app.users, _INTEGER),
        Column("Sign-ins", 12, lambda app: app.sign_ins, _INTEGER),
    ], result.unmatched_apps)
    if show_users:
        rows = [(group.kind, group.name, user) for group in fmt.user_groups(result) for user in group.users]
        _table_sheet(workbook, "Users", [
            Column("For", 18, lambda row: row[0]),
            Column("Name", 34, lambda row: row[1]),
            Column("User", 40, lambda row: row[2]),
        ], rows)
    return _save(workbook, datetime(result.as_of.year, result.as_of.month, result.as_of.day))


class _DatedZip(zipfile.ZipFile):
    """A zip whose every entry carries one timestamp instead of the time of writing."""

    def __init__(self, file: io.BytesIO, stamp: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self._stamp = stamp.timetuple()[:6]

    def writestr(self, name: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=self._stamp)
            name.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(name, data, *args, **kwargs)

    def write(self, filename: Any, arcname: str | None = None, *args: Any, **kwargs: Any) -> None:
        """Worksheets arrive as temporary files: store their bytes under the fixed stamp."""
        with open(filename, "rb") as handle:
            self.writestr(arcname or str(filename), handle.read())


def _save(workbook: Workbook, stamp: datetime) -> bytes:
    """The workbook's bytes, dated ``stamp`` inside (properties) and out (zip entries).

    ``Workbook.save`` would stamp the current time; ``ExcelWriter`` is what it calls after.
    """
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    ExcelWriter(workbook, _DatedZip(buffer, stamp)).save()
    return buffer.getvalue()


def _in(currency: str | None) -> str:
    return f" ({currency})" if currency else ""


def _tool_columns(currency: str | None) -> list[Column]:
    return [
        Column("Tool", 26, lambda tool: tool.tool),
        Column("Department", 16, lambda tool: tool.department),
        Column("Vendor", 20, lambda tool: tool.vendor),
        Column("Category", 30, lambda tool: tool.category),
        Column("Owner", 20, lambda tool: tool.owner),
        Column(f"Annual cost{_in(currency)}", 18, lambda tool: tool.annual_cost, _MONEY),
        Column("Pricing", 12, lambda tool: fmt.pricing(tool)),
        Column("Seats", 9, lambda tool: tool.seats, _INTEGER),
        Column("Active users", 13, lambda tool: tool.active_users, _INTEGER),
        Column("Seats needed", 12, lambda tool: tool.seats_needed, _INTEGER),
        Column("Utilization", 12, lambda tool: tool.utilization, _PERCENT),
        Column(f"Cost per active user{_in(currency)}", 18, lambda tool: tool.cost_per_active_user, _MONEY),
        Column(f"Wasted annual cost{_in(currency)}", 18, lambda tool: tool.wasted_annual_cost, _MONEY),
        Column("Renewal date", 13, lambda tool: tool.renewal_date, _DATE),
        Column("Notice deadline", 15, lambda tool: tool.notice_deadline, _DATE),
        Column("Days to notice deadline", 14, lambda tool: tool.days_to_notice_deadline, _INTEGER),
        Column("Overlaps with", 26, lambda tool: ", ".join(tool.overlaps_with)),
        Column("Recommendation", 16, lambda tool: tool.recommendation),
        Column("Reasons", 70, lambda tool: " ".join(tool.reasons)),
    ]


def _renewal_columns(currency: str | None) -> list[Column]:
    return [
        Column("Tool", 30, lambda tool: tool.label),
        Column("Owner", 20, lambda tool: tool.owner),
        Column(f"Annual cost{_in(currency)}", 18, lambda tool: tool.annual_cost, _MONEY),
        Column("Notice deadline", 15, lambda tool: tool.notice_deadline, _DATE),
        Column("Days to notice deadline", 14, lambda tool: tool.days_to_notice_deadline, _INTEGER),
        Column("Status", 26, lambda tool: _STATUS_WORDS[fmt.deadline_status(tool.days_to_notice_deadline)]),
        Column("Renewal date", 13, lambda tool: tool.renewal_date, _DATE),
        Column("Recommendation", 16, lambda tool: tool.recommendation),
    ]


_STATUS_WORDS = {
    "passed": "deadline passed",
    "due": f"decide now (within {fmt.REVIEW_WINDOW_DAYS} days)",
    "later": "later",
}


def _summary_sheet(workbook: Workbook, result: AuditResult) -> None:
    summary = result.summary
    due = sum(1 for tool in result.tools if fmt.deadline_status(tool.days_to_notice_deadline) == "due")
    rows: list[tuple[str, object, str | None]] = [
        ("As of", result.as_of, _DATE),
        ("Activity window (days)", result.inactive_days, _INTEGER),
        ("Currency", safe_text(result.currency) if result.currency else "not named in the inventory", None),
        ("Tools", summary.tools, _INTEGER),
        ("Seats", summary.seats, _INTEGER),
        ("Active users (any tool)", summary.active_users, _INTEGER),
        ("Annual cost", summary.annual_cost, _MONEY),
        ("Wasted annual cost (unused seats, per-seat tools)"
         + (f", {fmt.waste_qualifier(result)}" if fmt.waste_qualifier(result) else ""), summary.wasted_annual_cost, _MONEY),
        ("Waste share of spend", fmt.waste_share(result), _PERCENT),
        (f"Notice deadlines within {fmt.REVIEW_WINDOW_DAYS} days", due, _INTEGER),
        ("Overlapping categories", len(result.overlaps), _INTEGER),
        ("Unmatched apps (possible shadow IT)", len(result.unmatched_apps), _INTEGER),
    ]
    rows += [(f"Recommendation: {total.recommendation} (tools)", total.tools, _INTEGER)
             for total in fmt.recommendation_totals(result)]
    rows += [("Note", safe_text(note), None) for note in result.notes]
    rows += [("What sign-in data cannot show", caveat, None) for caveat in result.caveats]
    columns = [
        Column("Measure", 40, lambda row: row[0]),
        Column("Value", 80, lambda row: row[1]),
    ]
    sheet = _table_sheet(workbook, "Summary", columns, rows, autofilter=False)
    for index, (_measure, value, number_format) in enumerate(rows, start=2):
        if number_format:
            sheet.cell(row=index, column=2).number_format = number_format
        if isinstance(value, str):  # a sentence: read left to right, wrapped
            sheet.cell(row=index, column=2).alignment = Alignment(horizontal="left", wrap_text=True)
        else:
            sheet.cell(row=index, column=2).alignment = Alignment(horizontal="right")


def _table_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    records: Sequence[Any],
    *,
    autofilter: bool = True,
) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 32
    for record in records:
        sheet.append([_cell_value(column.value(record)) for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.number_format
    sheet.freeze_panes = "A2"
    if autofilter:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(records) + 1)}"
    return sheet


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return safe_text(value)
    if value is None or isinstance(value, (int, float, date)):
        return value
    return safe_text(str(value))


def _highlight_due(sheet: Worksheet, tools: Sequence[ToolAudit]) -> None:
    for row, tool in enumerate(tools, start=2):
        status = fmt.deadline_status(tool.days_to_notice_deadline)
        for cell in sheet[row]:
            if status == "due":
                cell.fill = _DUE_FILL
            elif status == "passed":
                cell.font = _PASSED_FONT
