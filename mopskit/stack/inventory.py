"""Read a martech inventory (one row per tool contract) from CSV or XLSX, as real exports look.

Every value is checked; a bad one raises ``InputError`` naming the file, the row as a
spreadsheet shows it (header = row 1) and the column. No row is ever dropped silently:
only rows with no value at all are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mopskit.errors import InputError
from mopskit.stack.names import fold

if TYPE_CHECKING:
    import pandas as pd

REQUIRED_COLUMNS = (
    "tool",
    "vendor",
    "category",
    "owner",
    "annual_cost",
    "seats",
    "renewal_date",
    "notice_days",
)
OPTIONAL_COLUMNS = ("department", "currency", "billing", "sso_app", "integrations", "monthly_cost")
NO_CURRENCY = "XXX"  # ISO 4217 code for "no currency": the inventory never said which

_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
_BILLING = {
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "year": "annual",
    "monthly": "monthly",
    "month": "monthly",
}
_SEPARATORS = ",;\t"


@dataclass(frozen=True)
class ToolContract:
    """One inventory row: a tool contract, its cost in the report currency and its renewal terms."""

    tool: str
    vendor: str
    category: str
    owner: str
    department: str | None
    annual_cost: float  # in the inventory's report currency
    seats: int
    renewal_date: date
    notice_days: int
    currency: str  # the currency the row was written in
    billing: str | None  # annual | monthly | None (not given)
    sso_app: str | None
    integrations: tuple[str, ...]
    row: int | None = None  # the source row, header = row 1

    @property
    def usage_key(self) -> str:
        """The name sign-in logs know this tool by (sso_app, else tool), compared case-insensitively."""
        return fold(self.sso_app or self.tool)


@dataclass(frozen=True)
class Inventory:
    """The tool contracts of one inventory, all costs in ``currency``."""

    tools: tuple[ToolContract, ...]
    currency: str
    source: str | None = None

    def __len__(self) -> int:
        return len(self.tools)

    def to_frame(self) -> pd.DataFrame:
        """One row per contract, for a look in a notebook."""
        import pandas as pd

        columns = [name for name in ToolContract.__dataclass_fields__ if name != "row"]
        rows = [{name: getattr(tool, name) for name in columns} for tool in self.tools]
        frame = pd.DataFrame(rows, columns=columns)
        frame["integrations"] = frame["integrations"].map(", ".join)
        return frame


def load_inventory(
    path: str | PathLike[str],
    *,
    sheet: str | int | None = None,
    fx: Mapping[str, float] | str | PathLike[str] | None = None,
    currency: str | None = None,
) -> Inventory:
    """Load and validate an inventory CSV (``,`` ``;`` or tab) or XLSX (first sheet or ``sheet``).

    ``fx`` maps each currency to its rate into the report currency (see ``parse_fx``);
    without it every row must share one currency. ``currency`` names the report currency.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError("inventory file not found", file=file)
    raw = file.read_bytes()
    if _looks_like_xlsx(file, raw):
        header, rows = _read_xlsx(file, sheet)
    else:
        if sheet is not None:
            raise InputError("sheet= applies only to an XLSX inventory", file=file)
        header, rows = _read_csv(file, raw)
    rates = parse_fx(fx) if isinstance(fx, (str, PathLike)) else fx
    return _build(file, header, rows, rates, currency)


def parse_fx(text_or_path: str | PathLike[str]) -> dict[str, float]:
    """Read exchange rates into the report currency: ``"EUR=1,USD=0.92"`` or a CSV ``currency,rate``.

    Pairs may also be separated by ``;`` (then a decimal comma is allowed: ``USD=0,92``).
    """
    text = str(text_or_path)
    candidate = Path(text)
    if "=" not in text or candidate.is_file():
        if not candidate.is_file():
            raise InputError("exchange rates must look like 'EUR=1,USD=0.92' or name a CSV file", file=text)
        return _parse_fx_csv(candidate)
    separator = ";" if ";" in text else ","
    rates: dict[str, float] = {}
    for position, pair in enumerate(filter(None, (part.strip() for part in text.split(separator))), 1):
        code, _, value = pair.partition("=")
        rates[_fx_code(code.strip(), column=pair)] = _fx_rate(value.strip(), column=pair)
    if not rates:
        raise InputError("no exchange rates given")
    return rates


def _parse_fx_csv(file: Path) -> dict[str, float]:
    header, rows = _read_csv(file, file.read_bytes())
    names = [_normalise_header(name) for name in header]
    if "currency" not in names or "rate" not in names:
        raise InputError("an exchange-rate CSV needs the columns currency,rate", file=file, row=1)
    code_at, rate_at = names.index("currency"), names.index("rate")
    rates: dict[str, float] = {}
    for row_number, cells in rows:
        code = _fx_code(_cell(cells, code_at), file=file, row=row_number, column="currency")
        rates[code] = _fx_rate(_cell(cells, rate_at), file=file, row=row_number, column="rate")
    if not rates:
        raise InputError("the exchange-rate file has no rates", file=file)
    return rates


def _fx_code(text: str, **where: Any) -> str:
    code = _currency_code(str(text))
    if code is None:
        raise InputError(f"a currency must be a three-letter code like EUR, got '{text}'", **where)
    return code


def _fx_rate(text: Any, **where: Any) -> float:
    try:
        rate = _parse_number(text)[0]
    except ValueError:
        rate = None
    if rate is None or rate <= 0:
        raise InputError(f"an exchange rate must be a positive number, got '{text}'", **where)
    return rate


# --- reading the table -------------------------------------------------------------------


def _looks_like_xlsx(file: Path, raw: bytes) -> bool:
    return file.suffix.lower() in {".xlsx", ".xlsm"} or raw[:4] == b"PK\x03\x04"


def _read_xlsx(file: Path, sheet: str | int | None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import pandas as pd  # only workbooks need it; CSV inventories are read without

    try:
        frame = pd.read_excel(
            file, sheet_name=0 if sheet is None else sheet, header=None, dtype=object, engine="openpyxl"
        )
    except (ValueError, KeyError) as error:
        if sheet is not None and "not found" in str(error).lower():
            raise InputError(f"the workbook has no sheet '{sheet}'", file=file) from None
        raise InputError(f"not a readable XLSX workbook ({error})", file=file) from None
    except Exception as error:  # openpyxl raises zipfile/XML errors of many types
        raise InputError(f"not a readable XLSX workbook ({type(error).__name__})", file=file) from None
    records = [
        (index + 1, ["" if _is_blank(value) else value for value in values])
        for index, values in enumerate(frame.itertuples(index=False, name=None))
    ]
    return _split_header(file, records)


def _read_csv(file: Path, raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not raw.strip():
        raise InputError("the file is empty", file=file)
    if b"\x00" in raw[:4096]:
        raise InputError("not a table: the file looks binary (expected CSV or XLSX)", file=file)
    text = _decode(raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {separator: first_line.count(separator) for separator in _SEPARATORS}
    separator = max(_SEPARATORS, key=lambda candidate: counts[candidate])
    if counts[separator] == 0:
        raise InputError(
            "not a table: the first line has no ',' ';' or tab separating columns", file=file, row=1
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        records = [(number, cells) for number, cells in enumerate(reader, 1)]
    except csv.Error as error:
        raise InputError(f"not a readable CSV ({error})", file=file, row=reader.line_num) from None
    return _split_header(file, records)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _split_header(
    file: Path, records: list[tuple[int, list[Any]]]
) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    filled = [(number, cells) for number, cells in records if any(not _is_blank(cell) for cell in cells)]
    if not filled:
        raise InputError("the file is empty", file=file)
    (header_row, header), rows = filled[0], filled[1:]
    if header_row != 1:
        raise InputError("the header must be the first row", file=file, row=header_row)
    return [str(name) for name in header], rows


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and pandas' NaT are the values not equal to themselves
    except (TypeError, ValueError):
        return False


def _cell(cells: list[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return ""
    value = cells[index]
    return value.strip() if isinstance(value, str) else value


# --- turning rows into contracts ----------------------------------------------------------


def _normalise_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.replace("\ufeff", "").strip().lower()).strip("_")


def _build(
    file: Path,
    header: list[str],
    rows: list[tuple[int, list[Any]]],
    rates: Mapping[str, float] | None,
    currency: str | None,
) -> Inventory:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _normalise_header(name)
        if not key:
            continue
        if key in columns:
            raise InputError("the column appears twice", file=file, row=1, column=name.strip())
        columns[key] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing == ["annual_cost"] and "monthly_cost" in columns:
        missing = []
    if missing:
        raise InputError(
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
            f" (found: {', '.join(name.strip() for name in header if name.strip())})",
            file=file,
            row=1,
            column=missing[0],
        )
    if not rows:
        raise InputError("the inventory has a header but no tools", file=file)
    report_currency = _currency_code(currency) if currency else None
    if currency and report_currency is None:
        raise InputError(f"currency must be a three-letter code like EUR, got '{currency}'")
    if rates is not None:
        rates = {_fx_code(code): _fx_rate(rate) for code, rate in rates.items()}
    parsed = [_parse_row(file, number, cells, columns) for number, cells in rows]
    _check_duplicates(file, parsed)
    report_currency = _settle_currency(file, parsed, rates, report_currency)
    tools = []
    for row in parsed:
        rate = 1.0 if rates is None or row["currency"] == NO_CURRENCY else rates[row["currency"]]
        tools.append(ToolContract(**{**row, "annual_cost": row["annual_cost"] * rate}))
    return Inventory(tools=tuple(tools), currency=report_currency, source=str(file))


def _parse_row(file: Path, number: int, cells: list[Any], columns: dict[str, int]) -> dict[str, Any]:
    def value(name: str) -> Any:
        return _cell(cells, columns.get(name))

    def fail(name: str, reason: str) -> InputError:
        return InputError(reason, file=file, row=number, column=name)

    def text(name: str, required: bool) -> str | None:
        raw = value(name)
        if _is_blank(raw):
            if required:
                raise fail(name, f"{name} is empty")
            return None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return " ".join(str(raw).split())

    row_currency = None
    if not _is_blank(value("currency")):
        row_currency = _currency_code(str(value("currency")))
        if row_currency is None:
            raise fail("currency", f"currency must be a three-letter code or sign, got '{value('currency')}'")

    cost_column = "annual_cost" if not _is_blank(value("annual_cost")) else "monthly_cost"
    raw_cost = value(cost_column)
    if _is_blank(raw_cost):
        raise fail("annual_cost", "annual_cost is empty (give annual_cost or monthly_cost)")
    try:
        amount, sign_currency = _parse_number(raw_cost)
    except ValueError:
        raise fail(cost_column, f"{cost_column} is not a number: '{raw_cost}'") from None
    if amount < 0:
        raise fail(cost_column, f"{cost_column} cannot be negative: '{raw_cost}'")
    if sign_currency and row_currency and sign_currency != row_currency:
        raise fail(cost_column, f"the amount says {sign_currency} but the currency column says {row_currency}")
    annual_cost = amount * 12 if cost_column == "monthly_cost" else amount

    seats = _whole_number(value("seats"))
    if seats is None or seats <= 0:
        raise fail("seats", f"seats must be a positive whole number, got '{value('seats')}'")
    notice_days = _whole_number(value("notice_days"))
    if notice_days is None or notice_days < 0:
        raise fail("notice_days", f"notice_days must be a whole number of days ≥ 0, got '{value('notice_days')}'")
    renewal_date = _parse_date(value("renewal_date"))
    if renewal_date is None:
        raise fail(
            "renewal_date",
            f"renewal_date is not a real date (use YYYY-MM-DD or DD/MM/YYYY): '{value('renewal_date')}'",
        )
    billing = text("billing", required=False)
    if billing is not None:
        if billing.lower() not in _BILLING:
            raise fail("billing", f"billing must be annual or monthly, got '{billing}'")
        billing = _BILLING[billing.lower()]
    integrations = text("integrations", required=False) or ""
    return {
        "tool": text("tool", required=True),
        "vendor": text("vendor", required=True),
        "category": text("category", required=True),
        "owner": text("owner", required=True),
        "department": text("department", required=False),
        "annual_cost": annual_cost,
        "seats": seats,
        "renewal_date": renewal_date,
        "notice_days": notice_days,
        "currency": row_currency or sign_currency or NO_CURRENCY,
        "billing": billing,
        "sso_app": text("sso_app", required=False),
        "integrations": tuple(part.strip() for part in re.split(r"[,;|]", integrations) if part.strip()),
        "row": number,
    }


def _check_duplicates(file: Path, rows: Iterable[dict[str, Any]]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (fold(row["tool"]), fold(row["department"] or ""))
        if key in seen:
            where = f" in department {row['department']}" if row["department"] else ""
            raise InputError(
                f"duplicate tool: {row['tool']}{where} is already on row {seen[key]}",
                file=file,
                row=row["row"],
                column="tool",
            )
        seen[key] = row["row"]


def _settle_currency(
    file: Path, rows: list[dict[str, Any]], rates: Mapping[str, float] | None, wanted: str | None
) -> str:
    """Decide the report currency; refuse to add up amounts in different currencies without rates."""
    found = sorted({row["currency"] for row in rows} - {NO_CURRENCY})
    if rates is None:
        if len(found) > 1:
            first_other = next(row for row in rows if row["currency"] == found[1])
            raise InputError(
                f"the inventory mixes currencies ({', '.join(found)}); give exchange rates,"
                " e.g. fx='EUR=1,USD=0.92'",
                file=file,
                row=first_other["row"],
                column="currency",
            )
        single = found[0] if found else None
        if wanted and single and wanted != single:
            raise InputError(
                f"the inventory is in {single}, not {wanted}; give exchange rates to convert it", file=file
            )
        return wanted or single or NO_CURRENCY
    for row in rows:
        if row["currency"] == NO_CURRENCY and found:
            raise InputError(
                "no currency on this row while others have one; fill the currency column",
                file=file,
                row=row["row"],
                column="currency",
            )
        if row["currency"] != NO_CURRENCY and row["currency"] not in rates:
            raise InputError(
                f"no exchange rate for {row['currency']} (rates given: {', '.join(sorted(rates))})",
                file=file,
                row=row["row"],
                column="currency",
            )
    if wanted:
        return wanted
    unit = sorted(code for code, rate in rates.items() if rate == 1.0)
    if len(unit) != 1:
        raise InputError("say which currency the rates convert into: currency='EUR' (or a rate of 1 for it)")
    return unit[0]


# --- values ---------------------------------------------------------------------------------


def _currency_code(text: str) -> str | None:
    cleaned = text.strip()
    if cleaned in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[cleaned]
    return cleaned.upper() if _CURRENCY_CODE.match(cleaned.upper()) else None


def _parse_number(value: Any) -> tuple[float, str | None]:
    """Read ``1.234,56``, ``1,234.56``, ``€ 1.234``, ``$99.5``, ``1 234`` or a spreadsheet number.

    A lone ``.`` or ``,`` followed by exactly three digits is a thousands separator
    (``1.234`` = 1234); otherwise it is the decimal mark (``99,5`` = 99.5).
    Returns the amount and the currency its sign or code named, if any.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(value)
        return float(value), None
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()
    currency = None
    for sign, code in _CURRENCY_SIGNS.items():
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
    text = text.replace(" ", "").replace("'", "")
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()").lstrip("+-")
    if not text or not re.fullmatch(r"[\d.,]+", text) or not any(ch.isdigit() for ch in text):
        raise ValueError(value)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        if text.count(decimal) > 1:
            raise ValueError(value)
        text = text.replace(thousands, "").replace(decimal, ".")
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


def _whole_number(value: Any) -> int | None:
    if _is_blank(value):
        return None
    try:
        amount, currency = _parse_number(value)
    except ValueError:
        return None
    if currency is not None or not float(amount).is_integer():
        return None
    return int(amount)


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_blank(value) or not isinstance(value, str):
        return None
    text = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?", text)
    european = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if european:
            return date(int(european[3]), int(european[2]), int(european[1]))
    except ValueError:
        return None
    return None
