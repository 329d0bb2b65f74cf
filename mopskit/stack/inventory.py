"""Read a martech inventory (one row per tool contract) from CSV or XLSX, as real exports look.

Every value is checked; a bad one raises ``InputError`` naming the file, the row as a
spreadsheet shows it (the header keeps its own row number) and the column. No row is
ever dropped silently: only rows with no value at all are skipped. What reading had to
decide on the way (a header under title rows, hidden rows, a date order, what a blank
currency means) is said in ``Inventory.notes``.

It stays one module of about 500 lines on purpose: the row parser, the currency settling
and the exchange rates all work on the same parsed row and word their errors the same
way, so splitting them would spread one input format over several files.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mopskit.errors import InputError
from mopskit.stack.names import fold, tidy
from mopskit.stack.vocabulary import PRICING_MODELS, Pricing
from mopskit.io.tables import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    OutOfRange,
    column_key,
    column_order,
    currency_code,
    date_order,
    is_blank,
    parse_number,
    parse_whole_number,
    read_date,
    read_table,
)

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
OPTIONAL_COLUMNS = ("department", "currency", "billing", "pricing", "sso_app", "integrations", "monthly_cost")
NO_CURRENCY = "XXX"  # kept so older imports still work; an inventory without a currency now says None
MAX_NOTICE_DAYS = 3650  # ten years: a longer notice period is a typo
MAX_SEATS = 10_000_000
MAX_ANNUAL_COST = 1_000_000_000_000  # a trillion a year for one tool, in the currency the row is written in
DATE_COLUMNS = ("renewal_date",)
__all__ = [
    "DATE_COLUMNS",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "MAX_ANNUAL_COST",
    "MAX_NOTICE_DAYS",
    "MAX_SEATS",
    "NO_CURRENCY",
    "OPTIONAL_COLUMNS",
    "PRICING_MODELS",
    "REQUIRED_COLUMNS",
    "Pricing",
    "Inventory",
    "ToolContract",
    "load_inventory",
    "parse_fx",
]

_BILLING = {
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "year": "annual",
    "monthly": "monthly",
    "month": "monthly",
}
# Spellings seen in inventories, folded and with '-', '_' and '/' read as spaces.
# 'subscription' is left out on purpose: seat licences and platform fees are both subscriptions.
_PRICING: dict[str, Pricing] = {
    **dict.fromkeys(
        ["per seat", "seat", "seats", "seat based", "per user", "user", "users", "user based", "per licence",
         "per license", "licence", "license", "licences", "licenses", "named user", "named users"],
        Pricing.PER_SEAT,
    ),
    **dict.fromkeys(
        ["flat", "flat fee", "flat rate", "fixed", "fixed fee", "fixed price", "platform", "platform fee"],
        Pricing.FLAT,
    ),
    **dict.fromkeys(
        ["usage", "usage based", "consumption", "consumption based", "metered", "pay as you go",
         "pay per use", "volume", "volume based"],
        Pricing.USAGE,
    ),
}
_PRICING_HELP = (
    f"{Pricing.PER_SEAT} (priced by seats or users), {Pricing.FLAT} (a platform fee) or {Pricing.USAGE}"
    " (priced by contacts, events or tracked users)"
)


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
    currency: str | None  # the currency the row was written in; None when the inventory names none
    billing: str | None  # annual | monthly | None (not given)
    pricing: Pricing = field(default=Pricing.PER_SEAT, kw_only=True)
    sso_app: str | None
    integrations: tuple[str, ...]
    row: int | None = None  # the source row, as the spreadsheet numbers it

    def __post_init__(self) -> None:
        object.__setattr__(self, "pricing", Pricing(self.pricing))

    @property
    def usage_key(self) -> str:
        """The name sign-in logs know this tool by (sso_app, else tool), compared as ``fold`` does."""
        return fold(self.sso_app or self.tool)


@dataclass(frozen=True)
class Inventory:
    """The tool contracts of one inventory, all costs in ``currency`` (None: the inventory names none)."""

    tools: tuple[ToolContract, ...]
    currency: str | None
    source: str | None = None
    notes: tuple[str, ...] = ()  # what reading decided or noticed, one short sentence each

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
    dates: str | None = None,
) -> Inventory:
    """Load and validate an inventory CSV (``,`` ``;`` or tab; UTF-8, UTF-16 or cp1252) or XLSX.

    ``sheet``: the XLSX sheet, by name or 0-based number (default: the first).
    ``fx``: each currency's rate into the report currency (see ``parse_fx``); without it
    every row must share one currency.
    ``currency``: the currency of rows that leave it blank. Without it, a blank currency
    beside rows that name one is refused. Without ``fx`` it is also the report currency
    (and must match the currency the rows name); with ``fx`` the report currency is the one
    whose rate is 1, or ``currency`` when no rate is 1. No currency anywhere: costs are
    reported without one (``Inventory.currency`` is None).
    ``dates``: ``"dmy"`` or ``"mdy"``, the order of slash dates such as 03/04/2027;
    by default each date column decides from its own values and refuses when it cannot.
    """
    file = Path(path)
    try:
        found = file.is_file()
    except OSError:  # a name the system cannot even look up
        found = False
    if not found:
        raise InputError("inventory file not found", file=file)
    wanted = [{name} if name != "annual_cost" else {"annual_cost", "monthly_cost"} for name in REQUIRED_COLUMNS]
    table = read_table(file, wanted, sheet=sheet)
    rates = parse_fx(fx) if isinstance(fx, (str, PathLike)) else fx
    return _build(file, table.header, table.header_row, table.rows, rates, currency, dates, table.notes)


def parse_fx(text_or_path: str | PathLike[str]) -> dict[str, float]:
    """Read exchange rates into the report currency: ``"EUR=1,USD=0.92"`` or a CSV ``currency,rate``.

    Pairs may also be separated by ``;`` (then a decimal comma is allowed: ``USD=0,92``).
    """
    text = str(text_or_path)
    candidate = Path(text)
    try:
        is_file = candidate.is_file()
    except OSError:  # a name too long to be a file
        is_file = False
    if "=" not in text or is_file:
        if not is_file:
            raise InputError("exchange rates must look like 'EUR=1,USD=0.92' or name a CSV file", file=text)
        return _parse_fx_csv(candidate)
    separator = ";" if ";" in text else ","
    rates: dict[str, float] = {}
    for pair in filter(None, (part.strip() for part in text.split(separator))):
        code, _, value = pair.partition("=")
        rates[_fx_code(code.strip(), column=pair)] = _fx_rate(value.strip(), column=pair)
    if not rates:
        raise InputError("no exchange rates given")
    return rates


def _parse_fx_csv(file: Path) -> dict[str, float]:
    table = read_table(file, [{"currency"}, {"rate"}])
    names = [column_key(name) for name in table.header]
    if "currency" not in names or "rate" not in names:
        raise InputError("an exchange-rate CSV needs the columns currency,rate", file=file, row=table.header_row)
    code_at, rate_at = names.index("currency"), names.index("rate")
    rates: dict[str, float] = {}
    for row_number, cells in table.rows:
        code = _fx_code(_cell(cells, code_at), file=file, row=row_number, column="currency")
        rates[code] = _fx_rate(_cell(cells, rate_at), file=file, row=row_number, column="rate")
    if not rates:
        raise InputError("the exchange-rate file has no rates", file=file)
    return rates


def _fx_code(text: str, **where: Any) -> str:
    code = currency_code(str(text))
    if code is None:
        raise InputError(f"a currency must be a three-letter code like EUR, got '{text}'", **where)
    return code


def _fx_rate(text: Any, **where: Any) -> float:
    try:
        rate = parse_number(text)[0]
    except ValueError:
        rate = None
    if rate is None or rate <= 0 or not math.isfinite(rate):
        raise InputError(f"an exchange rate must be a positive number, got '{_shown(text)}'", **where)
    return rate


def _cell(cells: list[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return ""
    value = cells[index]
    return value.strip() if isinstance(value, str) else value


def _shown(value: Any, limit: int = 24) -> str:
    """A cell as an error message quotes it: long values cut short."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


# --- turning rows into contracts ----------------------------------------------------------


def _build(
    file: Path,
    header: list[str],
    header_row: int,
    rows: list[tuple[int, list[Any]]],
    rates: Mapping[str, float] | None,
    currency: str | None,
    dates: str | None,
    notes: tuple[str, ...],
) -> Inventory:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = column_key(name)
        if not key:
            continue
        if key in columns:
            raise InputError("the column appears twice", file=file, row=header_row, column=name.strip())
        columns[key] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing == ["annual_cost"] and "monthly_cost" in columns:
        missing = []
    if missing:
        raise InputError(
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
            f" (found: {', '.join(name.strip() for name in header if name.strip())})",
            file=file,
            row=header_row,
            column=missing[0],
        )
    if not rows:
        raise InputError("the inventory has a header but no tools", file=file)
    blank_currency = currency_code(currency) if currency else None
    if currency and blank_currency is None:
        raise InputError(f"currency must be a three-letter code like EUR, got '{currency}'")
    if rates is not None:
        rates = {_fx_code(code): _fx_rate(rate) for code, rate in rates.items()}
    orders: dict[str, str | None] = {}
    found_notes = list(notes)
    for name in DATE_COLUMNS:
        cells = [(number, _cell(cells, columns.get(name))) for number, cells in rows]
        orders[name], note = column_order(file, name, cells, date_order(dates))
        if note:
            found_notes.append(note)
    parsed = [_parse_row(file, number, cells, columns, orders) for number, cells in rows]
    _check_duplicates(file, parsed)
    report_currency, conversion, note = _settle_currency(file, parsed, rates, blank_currency, "currency" in columns)
    if note:
        found_notes.append(note)
    tools = []
    for row in parsed:
        annual_cost = row["annual_cost"] * conversion.get(row["currency"], 1.0)
        if not math.isfinite(annual_cost):
            raise InputError(
                f"annual_cost {row['annual_cost']:,.2f} {row['currency']} is too large to convert",
                file=file,
                row=row["row"],
                column="annual_cost",
            )
        tools.append(ToolContract(**{**row, "annual_cost": annual_cost}))
    return Inventory(tools=tuple(tools), currency=report_currency, source=str(file), notes=tuple(found_notes))


def _parse_row(
    file: Path, number: int, cells: list[Any], columns: dict[str, int], orders: Mapping[str, str | None]
) -> dict[str, Any]:
    found = {name: _cell(cells, index) for name, index in columns.items()}

    def value(name: str) -> Any:
        return found.get(name, "")

    def fail(name: str, reason: str) -> InputError:
        return InputError(reason, file=file, row=number, column=name)

    def text(name: str, required: bool) -> str | None:
        raw = value(name)
        if is_blank(raw):
            if required:
                raise fail(name, f"{name} is empty")
            return None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        shown = tidy(str(raw))
        if required and not shown:
            raise fail(name, f"{name} is empty (it holds only invisible characters)")
        return shown or None

    row_currency = None
    if not is_blank(value("currency")):
        row_currency = currency_code(str(value("currency")))
        if row_currency is None:
            raise fail("currency", f"currency must be a three-letter code or sign, got '{_shown(value('currency'))}'")

    cost_column = "annual_cost" if not is_blank(value("annual_cost")) else "monthly_cost"
    raw_cost = value(cost_column)
    if is_blank(raw_cost):
        raise fail("annual_cost", "annual_cost is empty (give annual_cost or monthly_cost)")
    try:
        amount, sign_currency = parse_number(raw_cost)
    except ValueError:
        raise fail(cost_column, f"{cost_column} is not a number: '{_shown(raw_cost)}'") from None
    if amount < 0:
        raise fail(cost_column, f"{cost_column} cannot be negative: '{_shown(raw_cost)}'")
    limit = MAX_ANNUAL_COST if cost_column == "annual_cost" else MAX_ANNUAL_COST / 12
    if not amount <= limit:  # also catches a number too long to hold (inf)
        raise fail(
            cost_column,
            f"{cost_column} '{_shown(raw_cost)}' is more than {limit:,.0f}, the most one tool can cost"
            f" {'a year' if cost_column == 'annual_cost' else 'a month'} here; check the number",
        )
    if sign_currency and row_currency and sign_currency != row_currency:
        raise fail(cost_column, f"the amount says {sign_currency} but the currency column says {row_currency}")
    annual_cost = amount * 12 if cost_column == "monthly_cost" else amount

    seats = _bounded_whole_number(fail, "seats", value("seats"), 1, MAX_SEATS, "a positive whole number")
    notice_days = _bounded_whole_number(
        fail, "notice_days", value("notice_days"), 0, MAX_NOTICE_DAYS, "a whole number of days ≥ 0"
    )
    try:
        renewal_date = read_date(value("renewal_date"), orders.get("renewal_date"))
    except ValueError as error:
        shown = "is empty" if is_blank(value("renewal_date")) else str(error)
        raise fail("renewal_date", f"renewal_date {shown}") from None
    billing = text("billing", required=False)
    if billing is not None:
        if billing.lower() not in _BILLING:
            raise fail("billing", f"billing must be annual or monthly, got '{_shown(billing)}'")
        billing = _BILLING[billing.lower()]
    pricing = Pricing.PER_SEAT
    written = text("pricing", required=False)
    if written is not None:
        spelling = " ".join(re.sub(r"[-_/]", " ", fold(written)).split())
        if spelling not in _PRICING:
            raise fail("pricing", f"pricing must be {_PRICING_HELP}; got '{_shown(written)}'")
        pricing = _PRICING[spelling]
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
        "currency": row_currency or sign_currency,
        "billing": billing,
        "pricing": pricing,
        "sso_app": text("sso_app", required=False),
        "integrations": tuple(tidy(part) for part in re.split(r"[,;|]", integrations) if tidy(part)),
        "row": number,
        "_cost_column": cost_column,
    }


def _bounded_whole_number(fail: Any, name: str, raw: Any, lowest: int, highest: int, kind: str) -> int:
    try:
        return parse_whole_number(raw, lowest=lowest, highest=highest)
    except OutOfRange:
        unit = " days" if name == "notice_days" else ""
        raise fail(name, f"{name} '{_shown(raw)}' is more than {highest:,}{unit}, the most accepted; check the number") from None
    except ValueError:
        raise fail(name, f"{name} must be {kind}, got '{_shown(raw)}'") from None


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
    file: Path,
    rows: list[dict[str, Any]],
    rates: Mapping[str, float] | None,
    blank_currency: str | None,
    has_currency_column: bool,
) -> tuple[str | None, dict[str | None, float], str | None]:
    """Fill blank currencies, decide the report currency and each currency's rate into it.

    Refuses to add up amounts in different currencies without rates, and a blank currency
    beside rows that name one unless ``blank_currency`` says what a blank means.
    """
    named = [row for row in rows if row["currency"] is not None]
    blank = [row for row in rows if row["currency"] is None]
    found = sorted({row["currency"] for row in named})
    if rates is None and len(found) > 1:
        first_other = next(row for row in named if row["currency"] == found[1])
        raise InputError(
            f"the inventory mixes currencies ({', '.join(found)}); give exchange rates,"
            " e.g. fx='EUR=1,USD=0.92'",
            file=file,
            row=first_other["row"],
            column="currency",
        )
    if rates is None and blank_currency and found and found != [blank_currency]:
        raise InputError(
            f"the inventory is in {found[0]}, not {blank_currency}; give exchange rates to convert it", file=file
        )
    note = None
    if blank and named and blank_currency is None:
        example = named[0]
        column = "currency" if has_currency_column else blank[0].pop("_cost_column", "annual_cost")
        raise InputError(
            f"no currency on this row while row {example['row']} says {example['currency']}; fill in the"
            f" currency, or say what a blank means with --currency {example['currency']}",
            file=file,
            row=blank[0]["row"],
            column=column,
        )
    if blank and blank_currency:
        listed = ", ".join(str(row["row"]) for row in blank[:10]) + (", …" if len(blank) > 10 else "")
        note = (
            f"{len(blank)} row{'s' if len(blank) > 1 else ''} with no currency ({listed})"
            f" {'were' if len(blank) > 1 else 'was'} counted in {blank_currency}, the currency given for blanks."
        )
        for row in blank:
            row["currency"] = blank_currency
    for row in rows:
        row.pop("_cost_column", None)
    if rates is None:
        return blank_currency or (found[0] if found else None), {}, note
    unit = sorted(code for code, rate in rates.items() if rate == 1.0)
    if blank_currency in unit or (not unit and blank_currency):
        report = blank_currency
    elif len(unit) == 1:
        report = unit[0]
    else:
        raise InputError(
            "say which currency the rates convert into: give it a rate of 1 (e.g. fx='EUR=1,USD=0.92')"
            " or name it with --currency EUR"
        )
    conversion: dict[str | None, float] = dict(rates.items())
    conversion.setdefault(report, 1.0)
    for row in rows:
        if row["currency"] is not None and row["currency"] not in conversion:
            raise InputError(
                f"no exchange rate for {row['currency']} (rates given: {', '.join(sorted(rates))})",
                file=file,
                row=row["row"],
                column="currency",
            )
    return report, conversion, note
