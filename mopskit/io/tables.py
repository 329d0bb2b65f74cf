"""Read a table a person saved the same way for every loader.

``read_table`` reads a CSV (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16,
Windows cp1252) or an XLSX sheet into a ``Table``: the header, found under any title rows,
and the rows under it with the numbers a spreadsheet shows. ``read_workbook`` reads every
sheet of a workbook at once. ``decode_text`` and ``split_rows`` are its sniffer, also used
on the head of files too large to read here. The cell parsers (``parse_number``,
``currency_code``, ``parse_whole_number``, ``column_order``, ``read_date``, ``is_blank``)
live in ``mopskit.io.cells`` and are re-exported here, so a loader imports one module.

Every way a file can be unreadable ends in one ``InputError`` that names the file (and the
row and column when there is one) and says what to do in Excel, never in the words of a
zip or XML library.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from mopskit.errors import InputError
from mopskit.io.cells import (  # re-exported: the cell parsers every loader uses with the reader
    CURRENCY_SIGNS,
    DATE_ORDERS,
    EARLIEST_YEAR,
    LATEST_YEAR,
    OutOfRange,
    column_order,
    currency_code,
    date_order,
    is_blank,
    parse_number,
    parse_whole_number,
    read_date,
)
from mopskit.io.totals import total_label, total_note
from mopskit.wording import fold

__all__ = [
    "CURRENCY_SIGNS",
    "DATE_ORDERS",
    "EARLIEST_YEAR",
    "HEADER_SEARCH_ROWS",
    "LATEST_YEAR",
    "SEPARATORS",
    "XLSX_SUFFIXES",
    "Decoded",
    "OutOfRange",
    "Record",
    "Table",
    "column_key",
    "column_order",
    "currency_code",
    "date_order",
    "decode_text",
    "is_blank",
    "parse_number",
    "parse_whole_number",
    "read_date",
    "read_table",
    "split_rows",
]

HEADER_SEARCH_ROWS = 20  # the header must be among the first this many rows that have any value
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: old .xls, or an encrypted workbook
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
_ZIP_SIGNATURE = b"PK\x03\x04"
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument"
SEPARATORS = ",;\t"
_SAVE_AS_UTF8 = "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)' and try again"

Record = tuple[int, list[Any]]


@dataclass(frozen=True)
class Table:
    """A header, the rows under it (each with its spreadsheet row number) and what reading it noticed."""

    header: list[str]
    header_row: int
    rows: list[Record]
    notes: tuple[str, ...] = ()


def column_key(name: Any) -> str:
    """A header cell as compared: 'Annual Cost (€)', ' annual_cost ' and 'ANNUAL-COST' are one."""
    return re.sub(r"[^a-z0-9]+", "_", fold(str(name))).strip("_")


def read_table(
    path: str | PathLike[str], wanted: Sequence[Collection[str]] = (), *, sheet: str | int | None = None
) -> Table:
    """Read ``file`` as CSV or XLSX and find its header: the first row naming every column in ``wanted``.

    Each item of ``wanted`` is a set of column keys (see ``column_key``) any one of which will do.
    Without such a row among the first ``HEADER_SEARCH_ROWS``, the row naming most of them
    is the header, so the caller can say which columns are missing. ``sheet`` chooses an
    XLSX sheet by name or 0-based number (default: the first).
    """
    file = Path(path)
    if not file.is_file():
        raise InputError("file not found", file=file)
    raw = file.read_bytes()
    notes: list[str] = []
    hidden: set[int] = set()
    if raw.startswith(_OLE_SIGNATURE):
        _refuse_compound_file(file, raw)
    if raw.startswith(_ZIP_SIGNATURE):
        if raw[30:30 + len(_OPENDOCUMENT)] == _OPENDOCUMENT:
            raise InputError(
                "this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and try again", file=file
            )
        records, hidden = _xlsx_records(file, raw, sheet, wanted)
    elif file.suffix.lower() in XLSX_SUFFIXES:
        if sheet is not None:
            raise InputError(
                "the file is named like an Excel workbook but holds CSV text, which has no sheets;"
                " leave out the sheet",
                file=file,
            )
        try:
            records, notes = _csv_records(file, raw, wanted)
        except InputError as error:
            raise InputError(
                f"not a readable XLSX workbook: the file is not an Excel workbook, and as text {error.reason};"
                " open it in Excel and save it as .xlsx or CSV",
                file=file,
            ) from None
        notes.append(f"{file.name} is CSV text under an Excel name; it was read as CSV.")
    else:
        if sheet is not None:
            raise InputError("a sheet can be chosen only in an XLSX workbook; this file is CSV", file=file)
        records, notes = _csv_records(file, raw, wanted)
    table = _find_header(file, records, wanted)
    notes += _hidden_note(table.rows, frozenset(hidden))
    rows: list[Record] = []
    totals: list[Record] = []
    for record in table.rows:
        (rows if total_label(record[1]) is None else totals).append(record)
    notes += total_note(totals)
    return Table(table.header, table.header_row, rows, (*notes, *table.notes))


# --- workbooks ---------------------------------------------------------------------------------


def _refuse_compound_file(file: Path, raw: bytes) -> None:
    if _ENCRYPTED_STREAM in raw:
        raise InputError(
            "the workbook is password-protected: open it in Excel, remove the password"
            " (File > Info > Protect Workbook) and save a copy",
            file=file,
        )
    raise InputError(
        "this is an old Excel workbook (.xls): open it in Excel and save it as .xlsx or CSV", file=file
    )


@dataclass(frozen=True)
class Workbook:
    """An XLSX workbook's sheets as rows of values, read once: merged cells carry their value
    into every cell they cover, a formula without a saved value is refused (naming its cell),
    and hidden rows are known. ``table(sheet, wanted)`` finds a sheet's header as
    :func:`read_table` does."""

    file: Path
    sheets: dict[str, list[Record]]  # sheet title -> (row number, values), in workbook order
    hidden: dict[str, frozenset[int]]

    @property
    def titles(self) -> list[str]:
        return list(self.sheets)

    def find(self, sheet: str | int | None) -> str:
        """The title of the sheet ``sheet`` names (a title, any case, or a 0-based number; None: the first)."""
        titles = self.titles
        if sheet is None:
            return titles[0]
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(titles):
                raise InputError(
                    f"the workbook has no sheet number {sheet} (sheets are numbered from 0: {_listing(titles)})",
                    file=self.file,
                )
            return titles[sheet]
        matches = [title for title in titles if title == str(sheet)] or [
            title for title in titles if fold(title) == fold(str(sheet))
        ]
        if not matches:
            raise InputError(f"the workbook has no sheet '{sheet}' (its sheets: {_listing(titles)})", file=self.file)
        return matches[0]

    def rows(self, sheet: str) -> list[Record]:
        return self.sheets[self.find(sheet)]

    def table(self, sheet: str, wanted: Sequence[Collection[str]] = ()) -> Table:
        """Sheet ``sheet`` as a table: its header is the first row naming the ``wanted`` columns
        (title rows above it are skipped, and said so)."""
        title = self.find(sheet)
        table = _find_header(self.file, self.sheets[title], wanted)
        return Table(table.header, table.header_row, table.rows,
                     (*table.notes, *_hidden_note(table.rows, self.hidden[title])))


def read_workbook(path: str | PathLike[str]) -> Workbook:
    """The XLSX workbook at ``path``: every sheet with cells, as :class:`Workbook` reads it."""
    file = Path(path)
    if not file.is_file():
        raise InputError("file not found", file=file)
    raw = file.read_bytes()
    if raw.startswith(_OLE_SIGNATURE):
        _refuse_compound_file(file, raw)
    if raw.startswith(_ZIP_SIGNATURE) and raw[30:30 + len(_OPENDOCUMENT)] == _OPENDOCUMENT:
        raise InputError("this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and try again", file=file)
    return _workbook(file, raw)


def _open_book(file: Path, raw: bytes, *, data_only: bool) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        try:
            # From bytes, so a workbook saved under another extension still opens.
            return openpyxl.load_workbook(io.BytesIO(raw), data_only=data_only)
        except Exception:  # a damaged archive fails in many ways inside openpyxl
            raise InputError(
                "the workbook is damaged or is not really an Excel file: open it in Excel and save it"
                " again as .xlsx, or save it as CSV",
                file=file,
            ) from None


def _workbook(file: Path, raw: bytes) -> Workbook:
    book = _open_book(file, raw, data_only=True)
    if not book.worksheets:
        raise InputError("the workbook has no sheets with cells", file=file)
    sheets: dict[str, list[Record]] = {}
    hidden: dict[str, frozenset[int]] = {}
    blanks: dict[str, list[tuple[int, int]]] = {}
    for sheet in book.worksheets:
        grid = [list(values) for values in sheet.iter_rows(min_row=1, min_col=1, values_only=True)]
        for merged in sheet.merged_cells.ranges:  # a merged cell's value fills every cell it covers
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
            for row in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                for column in range(merged.min_col, min(merged.max_col, len(grid[row - 1])) + 1):
                    grid[row - 1][column - 1] = value
        sheets[sheet.title] = [(number, values) for number, values in enumerate(grid, 1)]
        hidden[sheet.title] = frozenset(number for number, dimension in sheet.row_dimensions.items()
                                        if dimension.hidden)
        # A total row is left out by the reader, so a SUM saved without its value there is no loss.
        blanks[sheet.title] = [(number, column) for number, values in enumerate(grid, 1) if total_label(values) is None
                               for column, value in enumerate(values, 1) if value is None]
    if any(blanks.values()):
        _refuse_unsaved_formulas(file, raw, blanks)
    return Workbook(file, sheets, hidden)


def _refuse_unsaved_formulas(file: Path, raw: bytes, blanks: dict[str, list[tuple[int, int]]]) -> None:
    """A formula whose result the file does not hold (saved by a program that does not
    calculate) reads as empty: refuse it, naming the first such cell, instead of a wrong gap."""
    from openpyxl.utils import get_column_letter

    formulas = _open_book(file, raw, data_only=False)
    for title, cells in blanks.items():
        sheet = formulas[title]
        for row, column in cells:
            value = sheet.cell(row=row, column=column).value
            if isinstance(value, str) and value.startswith("="):
                raise InputError(
                    f"cell {get_column_letter(column)}{row} of sheet '{title}' holds a formula without a saved"
                    f" value ({value}): open the file in Excel and save it, so the value is stored",
                    file=file, row=row, column=get_column_letter(column),
                )


def _hidden_note(rows: list[Record], hidden: frozenset[int]) -> tuple[str, ...]:
    found = [number for number, _cells in rows if number in hidden]
    if not found:
        return ()
    shown = ", ".join(str(number) for number in found[:10]) + (", …" if len(found) > 10 else "")
    return (f"{len(found)} hidden row{'s' if len(found) > 1 else ''} ({shown})"
            f" {'were' if len(found) > 1 else 'was'} read like the others.",)


def _xlsx_records(
    file: Path, raw: bytes, sheet: str | int | None, wanted: Sequence[Collection[str]]
) -> tuple[list[Record], set[int]]:
    book = _workbook(file, raw)
    title = book.find(sheet)
    records = book.sheets[title]
    if not any(not is_blank(value) for _number, values in records for value in values):
        with_data = {name: _best_header(rows, wanted)[1] for name, rows in book.sheets.items()
                     if any(not is_blank(value) for _number, values in rows for value in values)}
        which = "the first sheet" if sheet is None else "the sheet"
        if with_data:
            likely = max(with_data, key=lambda name: with_data[name])  # the first that names most columns
            raise InputError(
                f"{which} '{title}' is empty; the sheets with data are {_listing(list(with_data))}:"
                f" choose one with --sheet \"{likely}\" (sheet='{likely}')",
                file=file,
            )
        raise InputError("the workbook is empty", file=file)
    return records, set(book.hidden[title])


def _listing(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# --- text files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    """A text file's characters and how they were told apart from its bytes.

    ``encoding`` is ``utf-8``, ``utf-16``, ``cp1252`` or ``latin-1``. ``mixed`` is true when
    UTF-8 text sits beside bytes that are not UTF-8; those bytes are kept as lone surrogates
    (``\\udc80``..``\\udcff``) so the cell holding them can be named. ``note`` says what an
    unusual encoding means for the reader, if anything.
    """

    text: str
    encoding: str
    mixed: bool = False
    note: str | None = None


def decode_text(raw: bytes, *, file: str | PathLike[str] | None = None, partial: bool = False) -> Decoded:
    """Tell the encoding of ``raw`` (UTF-8 with or without BOM, UTF-16, else Windows cp1252) and decode it.

    ``partial``: ``raw`` is only the head of a longer file, so its last character may be cut.
    A UTF-16 text that is damaged raises ``InputError``; other bytes never do.
    """
    utf16 = _utf16_codec(raw, partial)
    if utf16 is not None:
        decoder = codecs.getincrementaldecoder(utf16)()
        try:
            return Decoded(decoder.decode(raw, final=not partial).lstrip("\ufeff"), "utf-16")
        except UnicodeDecodeError:
            raise InputError(
                f"the file looks like Unicode (UTF-16) text but is cut short or damaged; {_SAVE_AS_UTF8}",
                file=file,
            ) from None
    try:
        return Decoded(codecs.getincrementaldecoder("utf-8-sig")().decode(raw, final=not partial), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape").lstrip("\ufeff")
    if any(ord(character) > 127 and not _is_escaped(character) for character in escaped):
        return Decoded(escaped, "utf-8", mixed=True)
    try:
        return Decoded(raw.decode("cp1252"), "cp1252", note=_CP1252_NOTE)
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined: every byte is a Latin-1 character
        return Decoded(raw.decode("latin-1"), "latin-1", note=_CP1252_NOTE)


_CP1252_NOTE = "The file is not UTF-8; it was read as Windows Western (cp1252) text."


def split_rows(
    text: str, *, file: str | PathLike[str] | None = None, wanted: Sequence[Collection[str]] = (),
    partial: bool = False,
) -> tuple[str, list[Record]]:
    """The separator of a CSV text (``,`` ``;`` or tab) and its rows, numbered as a spreadsheet shows them.

    The separator is the one whose rows best name the ``wanted`` columns (see ``read_table``),
    then the one written most often in the first lines. ``partial``: ``text`` is the head
    of a longer file, so its last line, maybe cut, is left out.
    """
    if partial and "\n" in text.rstrip("\r\n"):
        text = text[: text.rstrip("\r\n").rindex("\n") + 1]
    parsed: dict[str, list[Record]] = {}
    for separator in SEPARATORS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        try:
            parsed[separator] = [(number, cells) for number, cells in enumerate(reader, 1)]
        except csv.Error:
            continue
    if not parsed:
        raise InputError("not a readable CSV: a quoted value never ends or a cell is far too long", file=file)
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]

    def fit(separator: str) -> tuple[int, int]:
        return _best_header(parsed[separator], wanted)[1], sum(line.count(separator) for line in lines)

    separator = max(parsed, key=fit)
    return separator, parsed[separator]


def _csv_records(file: Path, raw: bytes, wanted: Sequence[Collection[str]]) -> tuple[list[Record], list[str]]:
    decoded = decode_text(raw, file=file)
    if not decoded.text.strip():
        raise InputError("the file is empty", file=file)
    if "\x00" in decoded.text[:4096]:
        raise InputError("not a table: the file is not text (expected a CSV or an Excel .xlsx file)", file=file)
    separator, records = split_rows(decoded.text, file=file, wanted=wanted)
    head = [line for line in decoded.text.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]
    if not any(mark in line for line in head for mark in SEPARATORS) and not _best_header(records, wanted)[1]:
        first = next((number for number, cells in records if any(not is_blank(cell) for cell in cells)), None)
        raise InputError("not a table: no line has ',' ';' or tab separating columns", file=file, row=first)
    if decoded.mixed:
        _refuse_mixed_encoding(file, records, wanted)
    return records, [decoded.note] if decoded.note else []


def _utf16_codec(raw: bytes, partial: bool) -> str | None:
    """The UTF-16 codec of ``raw``: from its byte-order mark, or, without one, because every other
    byte of a Latin text is zero."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:512]
    if len(head) < 8 or (len(raw) % 2 and not partial):
        return None
    if not any(head[1::2]) and all(head[0::2]):
        return "utf-16-le"
    if not any(head[0::2]) and all(head[1::2]):
        return "utf-16-be"
    return None


def _is_escaped(character: str) -> bool:
    return 0xDC80 <= ord(character) <= 0xDCFF


def _refuse_mixed_encoding(file: Path, records: list[Record], wanted: Sequence[Collection[str]]) -> None:
    header_at, _score = _best_header(records, wanted)
    header_row, header = records[header_at] if header_at is not None else (0, [])
    for number, cells in records:
        for index, cell in enumerate(cells):
            if any(_is_escaped(character) for character in cell):
                shown = "".join("?" if _is_escaped(character) else character for character in cell.strip())
                named = number != header_row and index < len(header) and not is_blank(header[index])
                column = str(header[index]).strip() if named else None
                raise InputError(
                    f"the file mixes two text encodings: '{shown}' is not UTF-8 while other rows are;"
                    f" {_SAVE_AS_UTF8}",
                    file=file,
                    row=number,
                    column=column,
                )
    raise InputError(f"the file is not valid UTF-8 text; {_SAVE_AS_UTF8}", file=file)


# --- the header ---------------------------------------------------------------------------------


def _best_header(records: list[Record], wanted: Sequence[Collection[str]]) -> tuple[int | None, int]:
    """The index of the header among ``records`` and how many wanted columns it names."""
    best: tuple[int | None, int] = (None, 0)
    looked = 0
    for index, (number, cells) in enumerate(records):
        if all(is_blank(cell) for cell in cells):
            continue
        keys = {column_key(cell) for cell in cells if not is_blank(cell)}
        score = sum(1 for names in wanted if keys & set(names))
        if score > best[1]:
            best = (index, score)
        if score == len(wanted):
            break
        looked += 1
        if looked >= HEADER_SEARCH_ROWS:
            break
    return best


def _find_header(file: Path, records: list[Record], wanted: Sequence[Collection[str]]) -> Table:
    notes = []
    filled = [(number, cells) for number, cells in records if any(not is_blank(cell) for cell in cells)]
    if not filled:
        raise InputError("the file is empty", file=file)
    at, _score = _best_header(filled, wanted)
    at = at or 0
    header_row, header = filled[at]
    if at:
        notes.append(
            f"The header is on row {header_row}; the {at} row{'s' if at > 1 else ''} above it"
            f" ({_row_span(filled[0][0], filled[at - 1][0])}) {'were' if at > 1 else 'was'} skipped."
        )
    names = ["" if is_blank(cell) else unicodedata.normalize("NFC", str(cell)) for cell in header]
    return Table(names, header_row, filled[at + 1:], tuple(notes))


def _row_span(first: int, last: int) -> str:
    return f"row {first}" if first == last else f"rows {first}–{last}"
