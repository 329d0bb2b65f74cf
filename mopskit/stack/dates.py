"""Dates as spreadsheets write them, without guessing day from month.

``03/04/2027`` is 3 April in Italy and March 4 in the US. The order is decided per column
from its own values (a first number above 12 means day first, a second one month first),
or said by the caller (``"dmy"`` / ``"mdy"``); a column that cannot tell is refused.
ISO dates (2027-04-03), date cells and Excel date numbers never need an order.
Two-digit years are refused: '27' could be 1927 or 2027 and a renewal cannot be guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mopskit.errors import InputError

DATE_ORDERS = ("dmy", "mdy")
EARLIEST_YEAR = 1990  # a contract date before this is a typo (or an Excel number read as a date)
LATEST_YEAR = 2100  # and one after this too
_FIRST_SERIAL, _LAST_SERIAL = 1, 2958465  # Excel's 1900-01-01 .. 9999-12-31
_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_DAY_MONTH = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?: 0?0:00(?::00)?)?")
_SERIAL = re.compile(r"\d{1,7}(?:\.\d+)?")


def date_order(text: str | None) -> str | None:
    """Check a caller's ``dates=`` value: ``"dmy"``, ``"mdy"`` or None (decide from the values)."""
    if text is None:
        return None
    order = str(text).strip().lower()
    if order not in DATE_ORDERS:
        raise InputError(
            f"dates must be 'dmy' (day first: 03/04/2027 is 3 April) or 'mdy'"
            f" (month first: 03/04/2027 is March 4), got '{text}'"
        )
    return order


def column_order(
    file: Path, column: str, cells: Iterable[tuple[int, Any]], order: str | None
) -> tuple[str | None, str | None]:
    """The order of the column's slash dates and a note saying how it was decided.

    ``order`` (already checked by ``date_order``) wins. Otherwise the values decide;
    both orders in one column, or only values that read either way, raise ``InputError``.
    """
    if order is not None:
        return order, None
    day_first: tuple[int, str] | None = None
    month_first: tuple[int, str] | None = None
    ambiguous: tuple[int, str, int, int] | None = None
    for row, value in cells:
        if not isinstance(value, str):
            continue
        written = _DAY_MONTH.fullmatch(value.strip())
        if written is None:
            continue
        first, second = int(written[1]), int(written[3])
        if first > 12 and second > 12:
            continue  # no order makes it a date; the row is refused when it is read
        if first > 12:
            day_first = day_first or (row, value.strip())
        elif second > 12:
            month_first = month_first or (row, value.strip())
        elif first != second and ambiguous is None:
            ambiguous = (row, value.strip(), first, second)
    if day_first and month_first:
        (early_row, early_text, early_kind), (late_row, late_text, late_kind) = sorted(
            [(*day_first, "day first"), (*month_first, "month first")]
        )
        raise InputError(
            f"{column} mixes two date orders: row {early_row} has '{early_text}' ({early_kind}) and"
            f" row {late_row} has '{late_text}' ({late_kind}); write every date the same way,"
            " best as year-month-day (2027-04-03)",
            file=file,
            row=late_row,
            column=column,
        )
    if day_first:
        row, text = day_first
        return "dmy", f"Dates in {column} were read day first (DD/MM/YYYY), as row {row} ('{text}') shows."
    if month_first:
        row, text = month_first
        return "mdy", f"Dates in {column} were read month first (MM/DD/YYYY), as row {row} ('{text}') shows."
    if ambiguous:
        row, text, first, second = ambiguous
        raise InputError(
            f"{column} cannot tell day from month: '{text}' could be {first} {_MONTHS[second - 1]} or"
            f" {_MONTHS[first - 1]} {second}, and no date in the column has a number above 12 to tell."
            " Write dates as year-month-day (2027-04-03), or say the order with --dates dmy (day first)"
            " or --dates mdy (month first)",
            file=file,
            row=row,
            column=column,
        )
    return None, None


def read_date(value: Any, order: str | None) -> date:
    """One date cell as a date, within ``EARLIEST_YEAR``..``LATEST_YEAR``; ``ValueError`` says why not.

    ``order`` is the column's order from ``column_order`` (None when it has no ambiguous dates).
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), f"'{value.date().isoformat()}'")
    if isinstance(value, date):
        return _in_range(value, f"'{value.isoformat()}'")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, str(value))
    if not isinstance(value, str):
        raise ValueError(f"is not a date: '{value}'")
    text = value.strip()
    if _SERIAL.fullmatch(text):
        return _serial(float(text), text)
    iso = _ISO.fullmatch(text)
    if iso:
        return _in_range(_real_date(int(iso[1]), int(iso[2]), int(iso[3]), text), f"'{text}'")
    written = _DAY_MONTH.fullmatch(text)
    if written is None:
        raise ValueError(f"is not a date: '{text}'; write dates as year-month-day (2027-04-03)")
    first, second, year = int(written[1]), int(written[3]), written[4]
    if len(year) == 2:
        raise ValueError(
            f"'{text}' has a two-digit year, which could be 19{year} or 20{year}; write the year in full"
            " (03/04/2027) or as year-month-day (2027-04-03)"
        )
    if order is None:
        order = "dmy" if first > 12 or first == second else "mdy" if second > 12 else None
    if order is None:
        raise ValueError(f"'{text}' could be day first or month first; write it as year-month-day")
    day, month = (first, second) if order == "dmy" else (second, first)
    kind = "day/month/year" if order == "dmy" else "month/day/year"
    return _in_range(_real_date(int(year), month, day, text, kind), f"'{text}'")


def _real_date(year: int, month: int, day: int, text: str, kind: str = "year-month-day") -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"is not a real date: '{text}' read as {kind}") from None


def _serial(number: float, text: str) -> date:
    """An Excel date number (1900 date system, with its phantom 1900-02-29 at 60)."""
    from openpyxl.utils.datetime import from_excel

    if not number == number or not _FIRST_SERIAL <= number <= _LAST_SERIAL:
        raise ValueError(f"is not a date: '{text}'")
    found = from_excel(int(number)).date()
    return _in_range(found, f"'{text}' (an Excel date number, {found.isoformat()})")


def _in_range(found: date, shown: str) -> date:
    if found.year < EARLIEST_YEAR:
        raise ValueError(f"{shown} is before {EARLIEST_YEAR}, the earliest year accepted; check the year")
    if found.year > LATEST_YEAR:
        raise ValueError(f"{shown} is after {LATEST_YEAR}, the latest year accepted; check the year")
    return found
