"""KPIs from a funnel history, and SMART checks on a list of KPIs.

A funnel history is a table with one row per **monthly cohort**: the inquiries that came in
that month, how many of them reached each later stage of the waterfall (DOMAIN §6), the
average days those that moved on spent in each stage, and what marketing spent that month.
:func:`read_funnel` reads it (CSV or XLSX) and :class:`FunnelHistory` turns it into the
observed conversion per stage, the velocity (days per stage), the cost per lead and the
customer acquisition cost. The observed rates feed :func:`mopskit.change.waterfall.volumes_needed`.
The history is a value with its JSON (``to_dict``); its report is ``mopskit.report.funnel``.

:func:`kpis_from_records` reads KPIs written as plain dictionaries (a notebook cell, a YAML
snippet) and :func:`smart_findings` judges them with the plan linter's SMART rules, including
SMART003 (a target beyond what the funnel yields) when a :class:`mopskit.change.plan.Funnel` is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from mopskit.change.plan import FUNNEL_MEASURES, Finding, Funnel, Kpi, Plan, lint
from mopskit.change.waterfall import STAGES, ConversionRates
from mopskit.display import NotebookRepr
from mopskit.errors import InputError
from mopskit.io.tables import column_key, is_blank, parse_number, parse_whole_number, read_date, read_table

__all__ = [
    "DAYS_COLUMNS", "FUNNEL_COLUMNS", "FUNNEL_HISTORY_SCHEMA", "KPI_FIELDS", "FunnelHistory", "FunnelMonth",
    "kpis_from_records", "read_funnel", "smart_findings",
]

STAGE_COLUMNS = tuple(column_key(stage) for stage in STAGES)
"""inquiry, mql, sal, sql, opportunity, won."""
DAYS_COLUMNS = tuple(f"days_in_{key}" for key in STAGE_COLUMNS[:-1])
"""The average days a cohort's leads spent in each stage before moving on."""
FUNNEL_COLUMNS = ("month", *STAGE_COLUMNS, *DAYS_COLUMNS, "spend")
FUNNEL_HISTORY_SCHEMA = "mopskit.funnel-history/1"
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class FunnelMonth:
    """One monthly cohort: its inquiries and how many reached each later stage."""

    month: str
    """YYYY-MM."""
    counts: tuple[int, ...]
    """One count per stage, Inquiry first, Won last."""
    days: tuple[float, ...]
    """Average days in each stage before the next, Inquiry to Opportunity."""
    spend: float


@dataclass(frozen=True)
class FunnelHistory(NotebookRepr):
    """Monthly cohorts of the waterfall and the KPIs they add up to."""

    months: tuple[FunnelMonth, ...]
    currency: str | None = None
    source: str | None = None

    def total(self, stage: str) -> int:
        """Every cohort's count at ``stage`` (any case), added up."""
        index = _stage_index(stage)
        return sum(month.counts[index] for month in self.months)

    def rates(self) -> ConversionRates:
        """The observed share of each stage that reached the next, over all cohorts."""
        totals = [self.total(stage) for stage in STAGES]
        for stage, here, after in zip(STAGES, totals, totals[1:], strict=False):
            if here == 0 or after == 0:
                raise InputError(f"no cohort has any {stage} that moved on, so its conversion cannot be measured",
                                 file=self.source, column=column_key(stage))
        return ConversionRates.of({stage: after / here
                                   for stage, here, after in zip(STAGES, totals, totals[1:], strict=False)})

    def velocity(self) -> tuple[tuple[str, float], ...]:
        """Average days in each stage before the next, weighted by the leads that moved on."""
        result = []
        for index, stage in enumerate(STAGES[:-1]):
            moved = sum(month.counts[index + 1] for month in self.months)
            days = sum(month.days[index] * month.counts[index + 1] for month in self.months)
            result.append((stage, days / moved if moved else 0.0))
        return tuple(result)

    @property
    def cycle_days(self) -> float:
        """Days from inquiry to a deal won: the stages' velocities added up."""
        return sum(days for _, days in self.velocity())

    @property
    def spend(self) -> float:
        return sum(month.spend for month in self.months)

    @property
    def cost_per_lead(self) -> float:
        """Spend per inquiry (CPL)."""
        return self.spend / self.total("Inquiry")

    @property
    def cac(self) -> float | None:
        """Marketing spend per deal won; None with no deal. Not CAC, which divides sales *and* marketing cost by
        the customers won: the kit has marketing's spend only, so it names the figure for what it is."""
        won = self.total("Won")
        return self.spend / won if won else None

    def to_frame(self) -> pd.DataFrame:
        """One row per stage: the cohorts' total, the conversion to the next stage and the days in it."""
        rates = (*self.rates().as_tuple(), None)
        days = (*(value for _, value in self.velocity()), None)
        return pd.DataFrame({"stage": list(STAGES), "total": [self.total(stage) for stage in STAGES],
                             "conversion_to_next": list(rates), "days_in_stage": list(days)})

    def monthly_frame(self) -> pd.DataFrame:
        """The cohorts as read: one row per month, one column per stage, and the spend."""
        rows: dict[str, list[object]] = {"month": [month.month for month in self.months]}
        for index, stage in enumerate(STAGES):
            rows[stage] = [month.counts[index] for month in self.months]
        frame = pd.DataFrame(rows)
        frame["spend"] = [month.spend for month in self.months]
        return frame

    def conversions(self) -> tuple[tuple[str, float | None], ...]:
        """The share of each stage (Inquiry to Opportunity) that reached the next, over all cohorts;
        None where no cohort had any at the stage. Unlike :meth:`rates`, never refuses."""
        totals = [self.total(stage) for stage in STAGES]
        return tuple((stage, after / here if here else None)
                     for stage, here, after in zip(STAGES, totals, totals[1:], strict=False))

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.funnel-history/1``): the cohorts as read and the
        KPIs they add up to."""
        inquiries = self.total("Inquiry")
        return {
            "schema": FUNNEL_HISTORY_SCHEMA,
            "source": self.source,
            "currency": self.currency,
            "months": [{"month": month.month, "counts": dict(zip(STAGES, month.counts, strict=True)),
                        "days": dict(zip(STAGES, month.days, strict=False)), "spend": month.spend}
                       for month in self.months],
            "totals": {stage: self.total(stage) for stage in STAGES},
            "conversion_to_next": dict(self.conversions()),
            "days_in_stage": dict(self.velocity()),
            "cycle_days": self.cycle_days,
            "spend": self.spend,
            "cost_per_lead": self.spend / inquiries if inquiries else None,
            "cac": self.cac,
        }


def _stage_index(stage: str) -> int:
    key = column_key(stage)
    if key not in STAGE_COLUMNS:
        raise InputError(f"no waterfall stage named {stage!r}; the stages are {', '.join(STAGES)}")
    return STAGE_COLUMNS.index(key)


def read_funnel(path: str | PathLike[str], *, currency: str | None = "EUR") -> FunnelHistory:
    """Read a funnel history (see the module's docstring); any bad cell is one ``InputError``
    naming the file, the row and the column."""
    file = Path(path)
    found = read_table(file, [{column} for column in FUNNEL_COLUMNS])
    header = [column_key(name) for name in found.header]
    for column in FUNNEL_COLUMNS:
        if column not in header:
            named = ", ".join(name.strip() for name in found.header if str(name).strip())
            raise InputError(f"missing column '{column}' (a funnel history has {', '.join(FUNNEL_COLUMNS)}); "
                             f"found: {named}", file=file, row=found.header_row, column=column)
    at = {column: header.index(column) for column in FUNNEL_COLUMNS}
    months: list[FunnelMonth] = []
    seen: dict[str, int] = {}
    for row, cells in found.rows:
        if all(is_blank(cell) for cell in cells):
            continue

        def cell(column: str, cells: list[Any] = cells) -> Any:
            index = at[column]
            return cells[index] if index < len(cells) else None

        month = _month(cell("month"), file, row)
        if month in seen:
            raise InputError(f"the month {month} is already on row {seen[month]}; one row per month",
                             file=file, row=row, column="month")
        seen[month] = row
        counts = []
        for stage, column in zip(STAGES, STAGE_COLUMNS, strict=True):
            value = cell(column)
            if is_blank(value):
                raise InputError(f"the {stage} count is missing; write 0 if the cohort had none",
                                 file=file, row=row, column=column)
            try:
                counts.append(parse_whole_number(value))
            except ValueError:
                raise InputError(f"the {stage} count must be a whole number of 0 or more, not {value!r}",
                                 file=file, row=row, column=column) from None
        for index in range(1, len(STAGES)):
            if counts[index] > counts[index - 1]:
                raise InputError(
                    f"{counts[index]:,} reached {STAGES[index]} but only {counts[index - 1]:,} were at "
                    f"{STAGES[index - 1]}; a row is one month's inquiries, and no later stage can hold more "
                    "than the one before it", file=file, row=row, column=STAGE_COLUMNS[index])
        days = tuple(_amount(cell(column), file, row, column, "average days") for column in DAYS_COLUMNS)
        spend = _amount(cell("spend"), file, row, "spend", "spend")
        months.append(FunnelMonth(month, tuple(counts), days, spend))
    if not months:
        raise InputError("the file has a header but no months under it", file=file)
    months.sort(key=lambda item: item.month)
    if sum(month.counts[0] for month in months) == 0:
        raise InputError("no month has any inquiry", file=file, column=STAGE_COLUMNS[0])
    return FunnelHistory(tuple(months), currency, str(file))


def _month(value: Any, file: Path, row: int) -> str:
    text = "" if is_blank(value) else str(value).strip()
    match = _MONTH.fullmatch(text[:7]) if len(text) in (7, 10, 19) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InputError(f"the month must look like 2026-03, not {text or 'nothing'!r}",
                         file=file, row=row, column="month")
    return text[:7]


def _amount(value: Any, file: Path, row: int, column: str, what: str) -> float:
    if is_blank(value):
        raise InputError(f"the {what} is missing", file=file, row=row, column=column)
    try:
        amount, _ = parse_number(value)
    except ValueError:
        amount = None
    if amount is None or amount != amount or amount < 0:
        raise InputError(f"the {what} must be a number of 0 or more, not {value!r}", file=file, row=row, column=column)
    return amount


# --- KPIs written as dictionaries -----------------------------------------------------------------

KPI_FIELDS = ("name", "owner", "baseline", "target", "unit", "due", "stage")


def kpis_from_records(records: Iterable[Mapping[str, Any]], *, file: str | None = None) -> tuple[Kpi, ...]:
    """KPIs from dictionaries with the keys of a plan's ``kpis:`` section; a missing optional
    value stays ``None`` (the SMART rules then name it). A bad value is an ``InputError``
    naming ``kpis[N].key``."""
    if isinstance(records, (str, bytes, Mapping)):
        raise InputError("the KPIs should be a list of dictionaries, one per KPI", file=file)
    kpis = []
    for index, record in enumerate(records):
        where = f"kpis[{index}]"
        if not isinstance(record, Mapping):
            raise InputError(f"{where}: should be a dictionary with {', '.join(KPI_FIELDS)}", file=file)
        unknown = sorted(str(key) for key in record if key not in KPI_FIELDS)
        if unknown:
            raise InputError(f"{where}.{unknown[0]}: not a KPI field; the fields are {', '.join(KPI_FIELDS)}",
                             file=file)
        name = record.get("name")
        if is_blank(name):
            raise InputError(f"{where}.name: is missing; write what the KPI counts", file=file)
        kpis.append(Kpi(
            name=" ".join(str(name).split()),
            owner=None if is_blank(record.get("owner")) else " ".join(str(record["owner"]).split()),
            baseline=_kpi_number(record.get("baseline"), f"{where}.baseline", file),
            target=_kpi_number(record.get("target"), f"{where}.target", file),
            unit=None if is_blank(record.get("unit")) else " ".join(str(record["unit"]).split()),
            due=_kpi_date(record.get("due"), f"{where}.due", file),
            stage=_kpi_stage(record.get("stage"), f"{where}.stage", file),
        ))
    return tuple(kpis)


def _kpi_number(value: Any, where: str, file: str | None) -> float | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise InputError(f"{where}: should be a number, not {value!r}", file=file)
    try:
        amount, _ = parse_number(value)
    except ValueError:
        amount = None
    if amount is None or amount != amount:
        raise InputError(f"{where}: should be a number, not {value!r}", file=file)
    return amount


def _kpi_stage(value: Any, where: str, file: str | None) -> str | None:
    if is_blank(value):
        return None
    known = {measure.casefold(): measure for measure in FUNNEL_MEASURES}
    found = known.get(str(value).strip().casefold())
    if found is None:
        raise InputError(f"{where}: should be one of {', '.join(FUNNEL_MEASURES)}, not {value!r}", file=file)
    return found


def _kpi_date(value: Any, where: str, file: str | None) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, date):
        return value
    try:
        return read_date(value, iso_only=True)
    except ValueError:
        raise InputError(f"{where}: should be a date like 2027-06-30, not {value!r}", file=file) from None


def smart_findings(kpis: Sequence[Kpi], *, funnel: Funnel | None = None, start: date = date(2026, 11, 2),
                   end: date = date(2027, 12, 31)) -> tuple[Finding, ...]:
    """What the plan linter's SMART rules say about ``kpis``, as if they were a plan's
    ``kpis:`` section (the plan around them is left empty). With ``funnel``, the KPIs that
    name a ``stage`` are tested against what it yields (SMART003)."""
    plan = Plan(initiative="KPIs", vision="KPIs", sponsor="Sponsor", start=start, end=end, kpis=tuple(kpis),
                funnel=funnel)
    return tuple(finding for finding in lint(plan) if finding.code.startswith("SMART"))
