"""Lesson 06's tables: every table the lesson and its exercise notebook show, one call per cell,
and the KPI form of task 06.2.

Every figure is computed from Aurora Living's funnel history and the cases (:mod:`.cases`),
never typed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from mopskit.change.kpis import kpis_from_records, smart_findings
from mopskit.change.plan import Funnel
from mopskit.change.waterfall import STAGES
from mopskit.course.facts import glossary_frame
from mopskit.forms.kpi import KpiForm
from mopskit.lessons.lesson06.cases import (
    AVERAGE_DEAL, CANDIDATES, CURRENCY, DUE, INQUIRY_CAPACITY, NEW_TRADE_REVENUE, _figure_text, capacity_outcome,
    funnel, needed,
)
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.wording import money, percent


def _one_decimal(share: float) -> str:
    return f"{share * 100:.1f}%"


TERMS = ("Demand waterfall", "MQL", "SAL", "SQL", "Velocity", "CPL", "CAC", "Marketing cost per won deal",
         "Buying group")
"""The glossary terms section 2 of the lesson defines."""


def terms_table() -> Table:
    """The lesson's terms, as the kit's glossary defines them."""
    return table(glossary_frame(list(TERMS)), "waterfall-terms")


def cohorts_table() -> Table:
    """Aurora's funnel history, one row per monthly cohort."""
    return table(funnel().monthly_frame(), "aurora-funnel", formats={"spend": "{:,.0f}"})


def stages_table() -> Table:
    """The twelve cohorts added up: how many reached each stage, the share that moved on, the days spent."""
    history = funnel()
    conversions = dict(history.conversions())
    velocity = dict(history.velocity())
    frame = pd.DataFrame({
        "Stage": list(STAGES),
        "Reached the stage": [f"{history.total(stage):,}" for stage in STAGES],
        "Conversion to next": [_one_decimal(share) if (share := conversions.get(stage)) is not None else "–"
                               for stage in STAGES],
        "Days in the stage": [f"{days:.1f}" if (days := velocity.get(stage)) is not None else "–"
                              for stage in STAGES],
    })
    return table(frame, "aurora-stages")


def costs_table() -> Table:
    """What the year's marketing spend bought: per inquiry, and per deal won."""
    history = funnel()
    frame = pd.DataFrame({
        "Figure": ["Marketing spend", "Cost per lead (CPL)", "Marketing cost per won deal"],
        "How it is computed": ["the twelve months added up", "marketing spend ÷ inquiries",
                               "marketing spend ÷ deals won"],
        "Value": [money(history.spend, CURRENCY), money(history.cost_per_lead, CURRENCY, cents=True),
                  money(history.cac, CURRENCY)],
    })
    return table(frame, "aurora-costs")


def velocity_table() -> Table:
    """Days per stage, and the whole cycle from inquiry to a deal won."""
    history = funnel()
    rows = [(stage, round(days)) for stage, days in history.velocity()]
    frame = pd.DataFrame({"Stage": [stage for stage, _ in rows] + ["Inquiry to Won"],
                          "Average days in the stage": [days for _, days in rows] + [round(history.cycle_days)]})
    return table(frame, "velocity")


def contribution_table() -> Table:
    """Pipeline and revenue marketing sourced in the history, and the revenue's share of all new revenue."""
    history = funnel()
    pipeline = history.total("Opportunity") * AVERAGE_DEAL
    revenue = history.total("Won") * AVERAGE_DEAL
    frame = pd.DataFrame({
        "Figure": ["Marketing-sourced pipeline", "Marketing-sourced revenue", "All new trade revenue",
                   "Revenue contribution"],
        "How it is computed": ["opportunities × average deal", "deals won × average deal",
                               "from the finance report", "marketing-sourced ÷ all new revenue"],
        "Value": [money(pipeline, CURRENCY), money(revenue, CURRENCY), money(NEW_TRADE_REVENUE, CURRENCY),
                  percent(revenue / NEW_TRADE_REVENUE)],
    })
    return table(frame, "contribution")


def gap_table() -> Table:
    """Needed against what the capacity yields, stage by stage."""
    need, have = needed(), capacity_outcome()
    frame = pd.DataFrame({"Stage": list(STAGES),
                          "Needed for the target": [f"{need.volume(stage):,}" for stage in STAGES],
                          f"What {INQUIRY_CAPACITY:,} inquiries yield": [f"{have.volume(stage):,}"
                                                                         for stage in STAGES]})
    return table(frame, "target-gap")


def rates_table() -> Table:
    """The observed rates to one decimal, with the counts they come from, for working by hand."""
    history = funnel()
    pairs = list(zip(STAGES, STAGES[1:]))
    frame = pd.DataFrame({
        "From": [start for start, _ in pairs],
        "To": [end for _, end in pairs],
        "Counts": [f"{history.total(end):,} of {history.total(start):,}" for start, end in pairs],
        "Conversion": [_one_decimal(history.total(end) / history.total(start)) for start, end in pairs],
    })
    return table(frame, "observed-rates")


# ---------------------------------------------------------------------------
# 06.2  Write a KPI from a stated need
# ---------------------------------------------------------------------------

def kpi_form() -> KpiForm:
    """An empty form for task 06.2."""
    return KpiForm(title="Task 06.2: your KPI")


# ---------------------------------------------------------------------------
# 06.3  Which targets can the funnel deliver, at a new volume?
# ---------------------------------------------------------------------------

def candidates_table() -> Table:
    column = f"Target by {DUE.isoformat()}"
    frame = pd.DataFrame({"Label": list(CANDIDATES), "KPI": [kpi for kpi, _, _ in CANDIDATES.values()],
                          "Stage": [stage for _, stage, _ in CANDIDATES.values()],
                          column: [_figure_text(stage, target) for _, stage, target in CANDIDATES.values()]})
    return table(frame, "task-06-3")


# ---------------------------------------------------------------------------
# The lesson's SMART examples
# ---------------------------------------------------------------------------

def findings_table(kpis: Any, funnel: Funnel | None = None) -> Table:
    """What the kit's SMART rules say about a list of KPI records; with ``funnel``, KPIs that name a
    ``stage`` are tested against it too. Severity says what stops a plan: errors and warnings do,
    notes do not."""
    records = [dict(record) for record in kpis]
    reasons = [record.pop("stretch", None) for record in records]
    found = smart_findings([dataclasses.replace(kpi, stretch=reason)
                            for kpi, reason in zip(kpis_from_records(records), reasons, strict=True)], funnel=funnel)
    frame = pd.DataFrame({"Rule": [f.code for f in found], "Severity": [f.severity.value for f in found],
                          "Where": [f.where for f in found], "What to do": [f.message for f in found]})
    if frame.empty:
        frame = pd.DataFrame({"Rule": ["–"], "Severity": ["–"], "Where": ["–"],
                              "What to do": ["Every KPI passes the kit's SMART rules."]})
    return table(frame, "smart-findings")
