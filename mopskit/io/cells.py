"""Read one cell as a person wrote it: numbers, money and dates, the same way for every loader.

``parse_number`` reads decimal commas, thousands separators and currency signs or codes
(``currency_code``); ``parse_whole_number`` a count. ``read_date`` reads a date without
guessing day from month: ``column_order`` decides a column's order of slash dates from its
values (or the caller's ``date_order``), and refuses when they cannot tell. A parser raises
``ValueError`` (``OutOfRange`` for a number above a column's limit) saying why, so the
caller can name the file, row and column. ``mopskit.io.tables`` re-exports every name here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from os import PathLike
from typing import Any

from mopskit.errors import InputError

__all__ = [
    "CURRENCY_SIGNS",
    "DATE_ORDERS",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "OutOfRange",
    "column_order",
    "currency_code",
    "date_order",
    "is_blank",
    "parse_number",
    "parse_whole_number",
    "read_date",
]


def is_blank(value: Any) -> bool:
    """No value: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    if isinstance(value, str):
        return not value.strip()
    return False


# --- numbers ------------------------------------------------------------------------------------

CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


class OutOfRange(ValueError):
    """A number read well but above the most a column accepts."""


def currency_code(text: str) -> str | None:
    """A currency sign or three-letter code as its code ('€' and 'eur' are 'EUR'); None if it is neither."""
    cleaned = str(text).strip()
    if cleaned in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[cleaned]
    return cleaned.upper() if _CURRENCY_CODE.match(cleaned.upper()) else None


_PLAIN_NUMBER = re.compile(r"[0-9]{1,15}(?:\.(?:[0-9]{1,2}|[0-9]{4,15}))?")
"""Digits, perhaps a decimal point that cannot be a thousands separator (not followed by exactly three)."""


def parse_number(value: Any, *, thousands: bool = True) -> tuple[float, str | None]:
    """Read ``1.234,56``, ``1,234.56``, ``€ 1.234``, ``$99.5``, ``1 234``, ``EUR 12`` or a spreadsheet number.

    A lone ``.`` or ``,`` followed by exactly three digits is a thousands separator
    (``1.234`` = 1234); otherwise it is the decimal mark (``99,5`` = 99.5). With
    ``thousands=False`` (a column where grouping makes no sense, such as hours) a lone
    ``.`` or ``,`` is always the decimal mark and no grouping is accepted.
    Returns the amount and the currency its sign or code named, if any; ``ValueError`` if it is no number.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return (float(value) if abs(value) < 10**300 else math.copysign(math.inf, value)), None
    if isinstance(value, float):
        if value != value:
            raise ValueError(value)
        return value, None
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):  # most cells: read at once
        return float(value), None
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()
    currency = None
    for sign, code in CURRENCY_SIGNS.items():
        if sign in text:
            currency, text = code, text.replace(sign, "")
    letters = re.fullmatch(r"([A-Za-z]{3})?\s*([^A-Za-z]*?)\s*([A-Za-z]{3})?", text)
    if letters is None:
        raise ValueError(value)
    codes = {code.upper() for code in (letters[1], letters[3]) if code} | ({currency} if currency else set())
    if len(codes) > 1:
        raise ValueError(value)
    currency = codes.pop() if codes else None
    text = letters[2]
    if not thousands and re.search(r"\d[\s']+\d", text):
        raise ValueError(value)
    text = text.replace(" ", "").replace("'", "")
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()").lstrip("+-")
    if not text or not re.fullmatch(r"[\d.,]+", text) or not any(ch.isdigit() for ch in text):
        raise ValueError(value)
    dots, commas = text.count("."), text.count(",")
    if not thousands:
        if dots + commas > 1:
            raise ValueError(value)
        text = text.replace(",", ".")
    elif dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        if text.count(decimal) > 1:
            raise ValueError(value)
        text = text.replace(grouping, "").replace(decimal, ".")
    elif dots or commas:
        mark = "." if dots else ","
        parts = text.split(mark)
        if len(parts) > 2 or len(parts[-1]) == 3:
            if any(len(part) != 3 for part in parts[1:]) or not parts[0] or len(parts[0]) > 3:
                raise ValueError(value)
            text = "".join(parts)
        else:
            text = text.replace(mark, ".")
    amount = float(text)
    return (-amount if negative else amount), currency


def parse_whole_number(value: Any, *, lowest: int = 0, highest: float = math.inf) -> int:
    """A count written as a number (``1.200``, ``12``, ``12.0`` from a spreadsheet), from ``lowest`` to ``highest``.

    Raises ``OutOfRange`` above ``highest`` and ``ValueError`` for anything else that is not a
    whole number at least ``lowest`` (a fraction, an amount of money, text).
    """
    amount, currency = parse_number(value) if not is_blank(value) else (None, None)
    if amount is not None and currency is None and amount > highest:  # inf included
        raise OutOfRange(value)
    if amount is None or currency is not None or not amount.is_integer() or amount < lowest:
        raise ValueError(value)
    return int(amount)


# --- dates --------------------------------------------------------------------------------------

DATE_ORDERS = ("dmy", "mdy")
EARLIEST_YEAR = 1990  # a contract date before this is a typo (or an Excel number read as a date)
LATEST_YEAR = 2100  # and one after this too
_FIRST_SERIAL, _LAST_SERIAL = 1, 2958465  # Excel's 1900-01-01 .. 9999-12-31
_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_ISO_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
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
    file: str | PathLike[str] | None, column: str, cells: Iterable[tuple[int, Any]], order: str | None
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


def read_date(value: Any, order: str | None = None, *, iso_only: bool = False, limits: bool = True) -> date:
    """One date cell as a date, within ``EARLIEST_YEAR``..``LATEST_YEAR``; ``ValueError`` says why not.

    ``order`` is the column's order from ``column_order`` (None when it has no ambiguous dates).
    ``iso_only``: only year-month-day or an ISO timestamp (``2026-10-31T09:30:00Z`` gives its
    date as written), as a date typed on a command line must be. ``limits=False``: any year,
    for a caller that checks its own range.
    """
    def within(found: date, shown: str) -> date:
        return _in_range(found, shown) if limits else found

    if isinstance(value, datetime):
        return within(value.date(), f"'{value.date().isoformat()}'")
    if isinstance(value, date):
        return within(value, f"'{value.isoformat()}'")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not iso_only:
        return _serial(value, str(value))
    if not isinstance(value, str):
        raise ValueError(f"is not a date: '{value}'")
    text = value.strip()
    if iso_only:
        iso = _ISO_TIMESTAMP.fullmatch(text)
        if iso is None:
            raise ValueError(f"is not a date: '{text}'; write dates as year-month-day (2027-04-03)")
        return within(_real_date(int(iso[1]), int(iso[2]), int(iso[3]), text), f"'{text}'")
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
