"""The demand funnel's reports, described once: a funnel history and a waterfall.

A notebook shows each as its short form: the headline sentence and one row per stage, as the
lesson reads it; the pages and sheets add the headline figures, the monthly cohorts and the
terms. Sees ``FunnelHistory`` and ``Waterfall`` only for type checking.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from mopskit.change.waterfall import STAGES
from mopskit.report.document import Card, Column, Document, Kind, Measure, Row, Section, Table
from mopskit.wording import money, plural

if TYPE_CHECKING:
    from mopskit.change.kpis import FunnelHistory
    from mopskit.change.waterfall import Waterfall

__all__ = ["history_document", "history_headline", "waterfall_document", "waterfall_headline"]

NOT_MEASURED = "–"
"""What a cell says where a figure does not apply (Won has no next stage)."""

DEFINITIONS = (
    ("Conversion to next", "The share of a stage that reaches the next one."),
    ("CPL", "Cost per lead: marketing spend divided by inquiries."),
    ("Cost per won deal", "Marketing spend divided by the deals won. Not CAC, which also counts the sales cost."),
)
VELOCITY = ("Days in stage", "The average days the leads that moved on spent in a stage, weighted by how many moved.")


def _amounts(currency: str | None) -> str:
    return f"amounts in {currency}" if currency else "the amounts name no currency"


# --------------------------------------------------------------------------- funnel history


def history_headline(history: FunnelHistory) -> str:
    """'12 monthly cohorts from 2026-01 to 2026-12: spend EUR 1, CPL EUR 75.00, cost per won deal ..., about 96 days ...'."""
    currency = history.currency
    inquiries = history.total("Inquiry")
    cost_per_lead = history.spend / inquiries if inquiries else None
    return (f"{plural(len(history.months), 'monthly cohort')} from {history.months[0].month} to "
            f"{history.months[-1].month}: spend {money(history.spend, currency)}, "
            f"CPL {money(cost_per_lead, currency, cents=True, missing='n/a')}, "
            f"cost per won deal {money(history.cac, currency, missing='n/a')}, "
            f"about {round(history.cycle_days)} days from inquiry to deal won.")


def _history_stages(history: FunnelHistory) -> Table:
    conversions = dict(history.conversions())
    velocity = dict(history.velocity())
    return Table(
        (Column("stage", "Stage", strong=True, chars=12),
         Column("total", "Total", Kind.INTEGER),
         Column("conversion", "Conversion to next", Kind.PERCENT, missing=NOT_MEASURED),
         Column("days", "Days in stage", Kind.NUMBER, missing=NOT_MEASURED)),
        tuple(Row({"stage": stage, "total": history.total(stage), "conversion": conversions.get(stage),
                   "days": velocity.get(stage)}) for stage in STAGES),
    )


def _history_months(history: FunnelHistory) -> Table:
    return Table(
        (Column("month", "Month", strong=True, chars=8),
         *(Column(f"stage{index}", stage, Kind.INTEGER) for index, stage in enumerate(STAGES)),
         Column("spend", "Spend", Kind.MONEY, history.currency)),
        tuple(Row({"month": month.month, **{f"stage{index}": count for index, count in enumerate(month.counts)},
                   "spend": month.spend}) for month in history.months),
    )


def history_document(history: FunnelHistory, *, show_users: bool = False) -> Document:
    """A funnel history's report: the stages' totals, conversion and velocity, then the cohorts."""
    currency = history.currency
    inquiries, won = history.total("Inquiry"), history.total("Won")
    cost_per_lead = history.spend / inquiries if inquiries else None
    stages = _history_stages(history)
    source = f"read from {PurePath(history.source).name}" if history.source else ""
    return Document(
        title="Funnel history",
        scope=tuple(part for part in (
            f"{history.months[0].month} to {history.months[-1].month}", _amounts(currency), source) if part),
        headline=history_headline(history),
        cards=(
            Card("Spend", history.spend, Kind.MONEY, currency, plural(len(history.months), "month")),
            Card("Cost per lead", cost_per_lead, Kind.MONEY, currency, plural(inquiries, "inquiry", "inquiries")),
            Card("Marketing cost per won deal", history.cac, Kind.MONEY, currency, plural(won, "deal") + " won"),
            Card("Inquiry to deal won", history.cycle_days, Kind.NUMBER, note="days, the stages added up"),
        ),
        figures=(
            Measure("Monthly cohorts", len(history.months), Kind.INTEGER),
            Measure("Spend", history.spend, Kind.MONEY, currency),
            Measure("Inquiries", inquiries, Kind.INTEGER),
            Measure("Deals won", won, Kind.INTEGER),
            Measure("Cost per lead (CPL)", cost_per_lead, Kind.MONEY, currency),
            Measure("Marketing cost per won deal", history.cac, Kind.MONEY, currency),
            Measure("Days from inquiry to deal won", history.cycle_days, Kind.NUMBER),
        ),
        sections=(
            Section("Stages", lead="Every cohort added up: how many reached each stage, the share that moved on, "
                                   "and the days they spent there.", table=stages),
            Section("Monthly cohorts", lead="One row per month of inquiries: how many reached each later stage, "
                                            "and what marketing spent that month.",
                    table=_history_months(history), short_title="Months"),
        ),
        brief=stages,
        definitions=(*DEFINITIONS, VELOCITY),
    )


# --------------------------------------------------------------------------- waterfall


def waterfall_headline(waterfall: Waterfall) -> str:
    """'Revenue EUR 500,000 from 20 won at EUR 25,000 each; cost EUR 111,350 (CPL EUR 50.00, cost per won deal EUR 5,568).'"""
    currency = waterfall.currency
    parts = [f"Revenue {money(waterfall.revenue, currency)} from {waterfall.won:,} won "
             f"at {money(waterfall.average_deal, currency)} each"]
    if waterfall.cost_per_lead is not None:
        parts.append(f"cost {money(waterfall.cost, currency)} "
                     f"(CPL {money(waterfall.cost_per_lead, currency, cents=True)}, "
                     f"cost per won deal {money(waterfall.cac, currency, missing='n/a')})")
    return "; ".join(parts) + "."


def _waterfall_stages(waterfall: Waterfall) -> Table:
    return Table(
        (Column("stage", "Stage", strong=True, chars=12),
         Column("volume", "Volume", Kind.INTEGER),
         Column("conversion", "Conversion to next", Kind.PERCENT, missing=NOT_MEASURED)),
        tuple(Row({"stage": step.stage, "volume": step.volume, "conversion": step.rate_to_next})
              for step in waterfall.stages),
    )


def waterfall_document(waterfall: Waterfall, *, show_users: bool = False) -> Document:
    """A waterfall's report: the volume at every stage and the revenue (and costs) they stand for."""
    currency = waterfall.currency
    stages = _waterfall_stages(waterfall)
    costed = waterfall.cost_per_lead is not None
    return Document(
        title="Demand waterfall",
        scope=(f"average deal {money(waterfall.average_deal, currency)}", _amounts(currency)),
        headline=waterfall_headline(waterfall),
        cards=(
            Card("Inquiries", waterfall.inquiries, Kind.INTEGER),
            Card("Deals won", waterfall.won, Kind.INTEGER),
            Card("Revenue", waterfall.revenue, Kind.MONEY, currency,
                 f"at {money(waterfall.average_deal, currency)} a deal"),
            *((Card("Cost", waterfall.cost, Kind.MONEY, currency,
                    f"CPL {money(waterfall.cost_per_lead, currency, cents=True)}"),
               Card("Marketing cost per won deal", waterfall.cac, Kind.MONEY, currency)) if costed else ()),
        ),
        figures=(
            Measure("Inquiries", waterfall.inquiries, Kind.INTEGER),
            Measure("Deals won", waterfall.won, Kind.INTEGER),
            Measure("Average deal", waterfall.average_deal, Kind.MONEY, currency),
            Measure("Revenue", waterfall.revenue, Kind.MONEY, currency),
            *((Measure("Cost per lead (CPL)", waterfall.cost_per_lead, Kind.MONEY, currency),
               Measure("Cost", waterfall.cost, Kind.MONEY, currency),
               Measure("Marketing cost per won deal", waterfall.cac, Kind.MONEY, currency)) if costed else ()),
        ),
        sections=(
            Section("Stages", lead="The leads or deals at every stage, in whole numbers, and the share of each "
                                   "stage that reaches the next.", table=stages),
        ),
        brief=stages,
        definitions=DEFINITIONS if costed else DEFINITIONS[:1],
    )
