"""XLSX report for finance and procurement: real numbers and dates, filterable sheets.

Sheets: Summary (figures, notes, bullets), then one per section table of the document,
number formats from the column types, a frozen styled header and an autofilter.
Every text cell is made inert: a value starting with ``= + - @``, tab or CR gets a
leading apostrophe, so neither Excel nor a later CSV export runs it as a formula.
The same document gives the same bytes: the file is dated by the document's date, not the clock.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.worksheet.worksheet import Worksheet

from mopskit.report.document import Column, Document, Emphasis, Kind, Table, raw
from mopskit.report.subject import as_document

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1C2833")
_DUE_FILL = PatternFill("solid", fgColor="FDEBD0")
_PASSED_FONT = Font(color="7F8C8D")


def safe_text(value: str) -> str:
    """A string Excel shows as text: formulas neutralised, illegal characters replaced."""
    text: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def render(subject: Any, *, show_users: bool = False) -> bytes:
    """A document (or a result with a document builder) as a workbook."""
    return render_document(as_document(subject, show_users=show_users))


def render_document(document: Document) -> bytes:
    """Summary sheet (figures, notes, bullets), then one sheet per section table."""
    workbook = Workbook()
    for sheet in list(workbook.worksheets):  # start with no sheet: each comes from the document
        workbook.remove(sheet)
    workbook.properties.title = document.title
    workbook.properties.creator = "MOps Kit"
    _summary_sheet(workbook, document)
    for section in document.sections:
        if section.table is not None:
            _table_sheet(workbook, section.name[:31], section.table)
    stamp = document.as_of or date(2000, 1, 1)  # never the clock: the same document, the same bytes
    return _save(workbook, datetime(stamp.year, stamp.month, stamp.day))


class _DatedZip(zipfile.ZipFile):
    """A zip whose every entry carries one timestamp instead of the time of writing."""

    def __init__(self, file: io.BytesIO, stamp: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self._stamp = stamp.timetuple()[:6]

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._stamp)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Worksheets arrive as temporary files: store their bytes under the fixed stamp."""
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())


def _save(workbook: Workbook, stamp: datetime) -> bytes:
    """The workbook's bytes, dated ``stamp`` inside (properties) and out (zip entries).

    ``Workbook.save`` would stamp the current time; ``ExcelWriter`` is what it calls after.
    """
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    ExcelWriter(workbook, _DatedZip(buffer, stamp)).save()
    return buffer.getvalue()


_NUMBER_FORMATS = {
    Kind.INTEGER: "#,##0",
    Kind.NUMBER: "#,##0.0",
    Kind.MONEY: "#,##0.00",
    Kind.PERCENT: "0%",
    Kind.DATE: "yyyy-mm-dd",
}
_WIDTHS = {Kind.DATE: 13, Kind.MONEY: 18, Kind.PERCENT: 12, Kind.LIST: 26, Kind.SENTENCES: 70, Kind.LABEL: 16}


def _header(column: Column) -> str:
    """A money column holds bare numbers, so its header names the currency."""
    if column.kind is Kind.MONEY and column.currency:
        return f"{column.header} ({safe_text(column.currency)})"
    return column.header


def _width(column: Column) -> float:
    return max(column.chars or _WIDTHS.get(column.kind, 12), min(len(_header(column)) + 2, 20))


def _value(column: Column, value: object) -> object:
    """The cell's typed value: numbers and dates stay themselves, lists are joined, labels are text."""
    figure = raw(value)
    if figure is None:
        return None
    if column.kind is Kind.LIST:
        return ", ".join(str(item) for item in figure)
    if column.kind is Kind.SENTENCES:
        return " ".join(str(item) for item in figure)
    if column.kind in (Kind.TEXT, Kind.LABEL):
        return str(figure)
    return figure


def _summary_sheet(workbook: Workbook, document: Document) -> None:
    rows: list[tuple[str, object, str | None, str]] = [
        (figure.label, _value(Column("value", "", figure.kind), figure.value), _NUMBER_FORMATS.get(figure.kind),
         figure.note)
        for figure in document.figures
    ]
    rows += [("Note", note, None, "") for note in document.notes]
    rows += [(section.title, bullet, None, "") for section in document.sections for bullet in section.bullets]
    sheet = workbook.create_sheet("Summary")
    _header_row(sheet, ["Measure", "Value", "Note"])
    for measure, value, _format, note in rows:
        sheet.append([_cell_value(measure), _cell_value(value), _cell_value(note or None)])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 50
    sheet.freeze_panes = "A2"
    for index, (_measure, value, number_format, _note) in enumerate(rows, start=2):
        if number_format:
            sheet.cell(row=index, column=2).number_format = number_format
        if isinstance(value, str):  # a sentence: read left to right, wrapped
            sheet.cell(row=index, column=2).alignment = Alignment(horizontal="left", wrap_text=True)
        else:
            sheet.cell(row=index, column=2).alignment = Alignment(horizontal="right")


def _header_row(sheet: Worksheet, headers: Sequence[str]) -> None:
    sheet.append([_cell_value(header) for header in headers])
    for (cell,) in sheet.iter_cols(min_row=1, max_row=1, max_col=len(headers)):
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 32


def _table_sheet(workbook: Workbook, title: str, table: Table) -> Worksheet:
    columns = table.flat_columns(data=True)
    sheet = workbook.create_sheet(title)
    _header_row(sheet, [_header(column) for column in columns])
    for row in table.rows:
        sheet.append([_cell_value(_value(column, row.values.get(column.key))) for column in columns])
    formats = [_NUMBER_FORMATS.get(column.kind) for column in columns]
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    # One pass over the rows (indexing a sheet by row number walks every cell: quadratic).
    for row, cells in zip(table.rows, sheet.iter_rows(min_row=2, max_row=len(table.rows) + 1,
                                                      max_col=len(columns)), strict=True):
        for cell, number_format in zip(cells, formats, strict=True):
            if number_format:
                cell.number_format = number_format
            if row.emphasis is Emphasis.STRONG:
                cell.fill = _DUE_FILL
            elif row.emphasis is Emphasis.MUTED:
                cell.font = _PASSED_FONT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(table.rows) + 1)}"
    return sheet


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return safe_text(value)
    if value is None or isinstance(value, (int, float, date)):
        return value
    return safe_text(str(value))
