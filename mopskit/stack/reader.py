"""Read a table a person saved (CSV in any common encoding and separator, or an XLSX sheet).

Rows keep the numbers a spreadsheet shows; the header is found under any title rows.
Every way a file can be unreadable ends in one ``InputError`` that says what to do in
Excel, never in the words of a zip or XML library.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mopskit.errors import InputError
from mopskit.stack.names import fold

HEADER_SEARCH_ROWS = 20  # the header must be among the first this many rows that have any value
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: old .xls, or an encrypted workbook
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
_ZIP_SIGNATURE = b"PK\x03\x04"
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument"
_SEPARATORS = ",;\t"
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


def is_blank(value: Any) -> bool:
    """No value: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    if isinstance(value, str):
        return not value.strip()
    return False


def read_table(file: Path, wanted: Sequence[Collection[str]], *, sheet: str | int | None = None) -> Table:
    """Read ``file`` as CSV or XLSX and find its header: the first row naming every column in ``wanted``.

    Each item of ``wanted`` is a set of column keys (see ``column_key``) any one of which will do.
    Without such a row among the first ``HEADER_SEARCH_ROWS``, the row naming most of them
    is the header, so the caller can say which columns are missing.
    """
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
    hidden_rows = [number for number, _cells in table.rows if number in hidden]
    if hidden_rows:
        shown = ", ".join(str(number) for number in hidden_rows[:10]) + (", …" if len(hidden_rows) > 10 else "")
        notes.append(
            f"{len(hidden_rows)} hidden row{'s' if len(hidden_rows) > 1 else ''} ({shown})"
            f" {'were' if len(hidden_rows) > 1 else 'was'} read like the others."
        )
    return Table(table.header, table.header_row, table.rows, (*notes, *table.notes))


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


def _xlsx_records(
    file: Path, raw: bytes, sheet: str | int | None, wanted: Sequence[Collection[str]]
) -> tuple[list[Record], set[int]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        try:
            # From bytes, so a workbook saved under another extension still opens.
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
        except Exception:  # a damaged archive fails in many ways inside openpyxl
            raise InputError(
                "the workbook is damaged or is not really an Excel file: open it in Excel and save it"
                " again as .xlsx, or save it as CSV",
                file=file,
            ) from None
    sheets = book.worksheets
    if not sheets:
        raise InputError("the workbook has no sheets with cells", file=file)
    titles = [chosen.title for chosen in sheets]
    if sheet is None:
        chosen = sheets[0]
    elif isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(sheets):
            raise InputError(
                f"the workbook has no sheet number {sheet} (sheets are numbered from 0: {_listing(titles)})",
                file=file,
            )
        chosen = sheets[sheet]
    else:
        matches = [candidate for candidate in sheets if candidate.title == str(sheet)] or [
            candidate for candidate in sheets if fold(candidate.title) == fold(str(sheet))
        ]
        if not matches:
            raise InputError(f"the workbook has no sheet '{sheet}' (its sheets: {_listing(titles)})", file=file)
        chosen = matches[0]
    records = [
        (number, list(values))
        for number, values in enumerate(chosen.iter_rows(min_row=1, min_col=1, values_only=True), 1)
    ]
    if not any(not is_blank(value) for _number, values in records for value in values):
        with_data = {candidate.title: _header_score(candidate, wanted) for candidate in sheets if _has_data(candidate)}
        which = "the first sheet" if sheet is None else "the sheet"
        if with_data:
            likely = max(with_data, key=lambda title: with_data[title])  # the first that names most columns
            raise InputError(
                f"{which} '{chosen.title}' is empty; the sheets with data are {_listing(list(with_data))}:"
                f" choose one with --sheet \"{likely}\" (sheet='{likely}')",
                file=file,
            )
        raise InputError("the workbook is empty", file=file)
    hidden = {number for number, dimension in chosen.row_dimensions.items() if dimension.hidden}
    return records, hidden


def _header_score(sheet: Any, wanted: Sequence[Collection[str]]) -> int:
    rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS * 5, values_only=True)
    return _best_header([(number, list(values)) for number, values in enumerate(rows, 1)], wanted)[1]


def _has_data(sheet: Any) -> bool:
    return any(not is_blank(value) for values in sheet.iter_rows(values_only=True) for value in values)


def _listing(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# --- text files ---------------------------------------------------------------------------------


def _csv_records(file: Path, raw: bytes, wanted: Sequence[Collection[str]]) -> tuple[list[Record], list[str]]:
    text, mixed, note = _decode(file, raw)
    if not text.strip():
        raise InputError("the file is empty", file=file)
    if "\x00" in text[:4096]:
        raise InputError("not a table: the file is not text (expected a CSV or an Excel .xlsx file)", file=file)
    parsed: dict[str, list[Record]] = {}
    for separator in _SEPARATORS:
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
    if fit(separator) == (0, 0):
        raise InputError(
            "not a table: no line has ',' ';' or tab separating columns", file=file, row=_first_filled(parsed)
        )
    records = parsed[separator]
    if mixed:
        _refuse_mixed_encoding(file, records, wanted)
    return records, [note] if note else []


def _decode(file: Path, raw: bytes) -> tuple[str, bool, str | None]:
    """The text, whether it mixes UTF-8 with another encoding, and a note on an unusual encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
        try:
            return raw.decode(encoding).lstrip("\ufeff"), False, None
        except UnicodeDecodeError:
            raise InputError(
                f"the file looks like Unicode (UTF-16) text but is cut short or damaged; {_SAVE_AS_UTF8}",
                file=file,
            ) from None
    try:
        return raw.decode("utf-8-sig"), False, None
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape").lstrip("\ufeff")
    has_utf8 = any(ord(character) > 127 and not 0xDC80 <= ord(character) <= 0xDCFF for character in escaped)
    if not has_utf8:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return text, False, "The file is not UTF-8; it was read as Windows Western (cp1252) text."
    return escaped, True, None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of a Latin text is zero."""
    head = raw[:512]
    return len(head) >= 8 and len(raw) % 2 == 0 and not any(head[1::2]) and all(head[0::2])


def _refuse_mixed_encoding(file: Path, records: list[Record], wanted: Sequence[Collection[str]]) -> None:
    header_at, _score = _best_header(records, wanted)
    header_row, header = records[header_at] if header_at is not None else (0, [])
    for number, cells in records:
        for index, cell in enumerate(cells):
            if any(0xDC80 <= ord(character) <= 0xDCFF for character in cell):
                shown = "".join("?" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in cell.strip())
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


def _first_filled(parsed: dict[str, list[Record]]) -> int | None:
    records = next(iter(parsed.values()))
    return next((number for number, cells in records if any(not is_blank(cell) for cell in cells)), None)


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
