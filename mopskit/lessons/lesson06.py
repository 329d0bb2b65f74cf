"""Lesson 06, "KPIs that hold up": the lesson's tables and its three exercises.

Every expected answer is computed: the inquiries a target needs by
:func:`mopskit.change.waterfall.volumes_needed` on the rates observed in Aurora Living's funnel
history (:mod:`mopskit.change.kpis`), the repaired KPIs by the plan linter's SMART rules, and
which targets the funnel cannot deliver by :func:`mopskit.change.waterfall.outcome`. This module
reads the exercises' material (draft KPIs, what the team agreed, candidate targets) from
``mopskit/lessons/data/lesson06.yaml`` and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from mopskit.errors import InputError
from mopskit.exercises.checks import (
    Verdict, as_number, failed, label_of, match_name, name_lookup, passed, wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.change.kpis import FunnelHistory, kpis_from_records, read_funnel, smart_findings
from mopskit.change.plan import Funnel
from mopskit.io.tables import parse_number
from mopskit.lessons import scenarios
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.change.waterfall import STAGES, ConversionRates, Waterfall, outcome, volumes_needed
from mopskit.wording import join_words, money, percent

FUNNEL_FILE = Path(__file__).resolve().parent.parent / "data" / "funnel" / "aurora-funnel.csv"
CURRENCY: str = scenarios.value("06", "currency", str)
AVERAGE_DEAL: int = scenarios.value("06", "average_deal", int)
"""Aurora Living's average trade deal (a furnishing project), in EUR."""
REVENUE_TARGET: int = scenarios.value("06", "revenue_target", int)
"""Marketing-sourced revenue the sales director asks for in the year to 30 June 2027."""
INQUIRY_CAPACITY: int = scenarios.value("06", "inquiry_capacity", int)
"""Inquiries marketing expects to generate in that year at today's budget."""
DUE: date = scenarios.value("06", "due", date)
PLAN_RATES: dict[str, float] = scenarios.value("06", "plan_rates", dict[str, float])
"""The round rates of the lesson's first example (and of the plan-file contract)."""
KPI_RECORDS = tuple[dict[str, str | int | float | None], ...]
"""KPIs as a plan file holds them (name, owner, baseline, target, unit, due, stage), for a learner to edit."""


def funnel() -> FunnelHistory:
    """Aurora Living's twelve monthly cohorts, July 2025 to June 2026."""
    return read_funnel(FUNNEL_FILE, currency=CURRENCY)


def observed_rates() -> ConversionRates:
    return funnel().rates()


def plan_funnel() -> Funnel:
    """Aurora's funnel as a plan file would state it: observed rates, average deal, inquiries expected."""
    return Funnel(observed_rates(), AVERAGE_DEAL, INQUIRY_CAPACITY)


def needed() -> Waterfall:
    """What the revenue target asks of every stage at the observed rates."""
    return volumes_needed(REVENUE_TARGET, AVERAGE_DEAL, observed_rates(), currency=CURRENCY)


def capacity_outcome() -> Waterfall:
    """What the inquiries marketing can generate yield at the observed rates."""
    return outcome(INQUIRY_CAPACITY, observed_rates(), AVERAGE_DEAL, cost_per_lead=funnel().cost_per_lead,
                   currency=CURRENCY)


def velocity_table() -> Table:
    """Days per stage, and the whole cycle from inquiry to a deal won."""
    history = funnel()
    rows = [(stage, round(days)) for stage, days in history.velocity()]
    frame = pd.DataFrame({"Stage": [stage for stage, _ in rows] + ["Inquiry to Won"],
                          "Average days in the stage": [days for _, days in rows] + [round(history.cycle_days)]})
    return table(frame, "velocity")


NEW_TRADE_REVENUE: int = scenarios.value("06", "new_trade_revenue", int)
"""All new trade revenue in the twelve months of the history, whatever brought the deal (EUR)."""


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
                          "Needed for the target": [need.volume(stage) for stage in STAGES],
                          "What 2,400 inquiries yield": [have.volume(stage) for stage in STAGES]})
    return table(frame, "target-gap")


# ---------------------------------------------------------------------------
# 06.1  Funnel arithmetic on the observed rates
# ---------------------------------------------------------------------------

TARGET_06_1: int = scenarios.value("06", "target_06_1", int)
"""The revenue target of task 06.1 (the lesson works 900,000)."""


def expected_inquiries() -> int:
    return volumes_needed(TARGET_06_1, AVERAGE_DEAL, observed_rates()).inquiries


@task(
    "06.1",
    "Inquiries for a revenue target",
    hints=(
        "Start at the bottom: how many deals of EUR 18,000 make EUR 630,000? Then go up one stage at a time.",
        "At each stage divide by the rate *observed* in Aurora's history (the table above), not the round "
        "rates of the first example, and round up: half a lead cannot be bought.",
        "The kit does the same walk: volumes_needed(target, average_deal, history.rates()). Read its Inquiry row.",
    ),
)
def check_inquiries(answer: Any) -> Verdict:
    """Inquiries Aurora needs for EUR 630,000 at its observed rates, rounding up at every stage."""
    number = as_number(answer)
    if number is None and isinstance(answer, str):
        try:
            number, _ = parse_number(answer)  # "2,442" or "2.442" as a spreadsheet would write it
        except ValueError:
            number = None
    if number is None:
        return wrong_shape("a number of inquiries", answer, "1500")
    expected = expected_inquiries()
    deals = volumes_needed(TARGET_06_1, AVERAGE_DEAL, observed_rates()).won
    if round(number) == expected:
        return passed(f"Yes: {expected:,} inquiries for {deals} deals. Every stage between them loses leads, so "
                      f"the top of the funnel is about {expected // deals} times the deals you want.")
    rates = observed_rates()
    product = 1.0
    for rate in rates.as_tuple():
        product *= rate
    plain = TARGET_06_1 / AVERAGE_DEAL / product
    if abs(number - plain) < 1 or round(number) in (int(plain), round(plain)):
        return failed(f"{number:,.0f} is the target divided by all the rates at once ({plain:,.1f}).",
                      suggestion="Round up at each stage on the way, as the kit does: a stage holds whole leads.")
    if round(number) == volumes_needed(TARGET_06_1, AVERAGE_DEAL, PLAN_RATES).inquiries:
        return failed(f"{number:,.0f} is what the round example rates (30%, 50%, 60%, 40%, 25%) give.",
                      suggestion="Use the rates observed in Aurora's own history: funnel().rates().")
    if round(number) == deals:
        return failed(f"{number:,.0f} is the number of deals, the bottom of the waterfall.",
                      suggestion="Walk up from the deals to the inquiries, dividing by each stage's rate.")
    down = outcome(round(number), rates, AVERAGE_DEAL)
    if down.revenue < TARGET_06_1:
        return failed(f"{number:,.0f} inquiries yield {down.won} deals, {money(down.revenue, CURRENCY)}: "
                      f"short of {money(TARGET_06_1, CURRENCY)}.",
                      suggestion="Divide by each rate (a share below 1 makes the number bigger), and round up.")
    return failed(f"{number:,.0f} inquiries are more than the target needs.",
                  suggestion="Check each stage's rate in the table: multiply where you should divide?")


# ---------------------------------------------------------------------------
# 06.2  Repair six draft KPIs
# ---------------------------------------------------------------------------

DRAFTS: tuple[dict[str, Any], ...] = scenarios.value("06", "drafts", KPI_RECORDS)
"""Six draft KPIs of Aurora Living's trade programme, each broken in one or two ways."""


class Agreed(NamedTuple):
    """What the team agreed about one draft KPI of task 06.2."""

    note: str
    """What the team's meeting notes say."""
    baseline: float
    """The measured baseline."""
    better: str
    """Which way is better: "up" or "down"."""


AGREED = scenarios.build_map(Agreed, "06", "agreed")
"""KPI name -> (what the team's meeting notes say, the measured baseline, which way is better)."""


def drafts() -> list[dict[str, Any]]:
    """A fresh copy of the drafts, for the learner to edit."""
    return [dict(draft) for draft in DRAFTS]


def drafts_table() -> Table:
    frame = pd.DataFrame([{key: ("" if value is None else value) for key, value in draft.items()}
                          for draft in DRAFTS], dtype=object)
    return table(frame, "task-06-2-drafts", formats={"baseline": _whole, "target": _whole})


def _whole(value: Any) -> str:
    return value if isinstance(value, str) else f"{value:,.0f}"


def agreed_table() -> Table:
    frame = pd.DataFrame({"KPI": list(AGREED), "The meeting notes say": [note for note, _, _ in AGREED.values()]})
    return table(frame, "task-06-2-notes")


def findings_table(kpis: Any, funnel: Funnel | None = None) -> Table:
    """What the SMART rules say about a list of KPI dictionaries (the drafts, or a repair);
    with ``funnel``, KPIs that name a ``stage`` are tested against it too (SMART003)."""
    found = smart_findings(kpis_from_records(kpis), funnel=funnel)
    frame = pd.DataFrame({"Rule": [f.code for f in found], "Where": [f.where for f in found],
                          "What to do": [f.message for f in found]})
    if frame.empty:
        frame = pd.DataFrame({"Rule": ["–"], "Where": ["–"], "What to do": ["Every KPI passes the SMART rules."]})
    return table(frame, "smart-findings")


@task(
    "06.2",
    "Repair six draft KPIs",
    hints=(
        "Run findings_table on the drafts first: each finding names the KPI (kpis[0] is the first) and what is "
        "missing.",
        "Fill each gap from the meeting notes, and change nothing the notes do not mention; a baseline is what "
        "was measured, not a wish.",
        "A target equal to its baseline asks for no change (SMART002). For a cost or a cycle time, a better "
        "target is lower than the baseline.",
    ),
)
def check_repaired(answer: Any) -> Verdict:
    """All six KPIs, each with owner, baseline, target, unit and due date; SMART rules pass;
    baselines as measured; each target on the better side of its baseline."""
    if isinstance(answer, (str, Mapping)) or not isinstance(answer, (list, tuple)):
        return wrong_shape("the list of six KPI dictionaries (start from lesson06.drafts())", answer,
                           "[{'name': 'MQLs per month', 'owner': ..., ...}, ...]")
    try:
        kpis = kpis_from_records(answer)
    except InputError as error:
        return failed(f"One KPI cannot be read: {error}", suggestion="Keep each KPI a dictionary with the same keys.")
    lookup = name_lookup({name: () for name in AGREED})
    names = [match_name(kpi.name, lookup) for kpi in kpis]
    missing = [name for name in AGREED if name not in names]
    if missing or len(kpis) != len(AGREED):
        return failed(f"The list has {len(kpis)} KPIs; the six drafts should all be there, repaired.",
                      [f"'{name}' is missing." for name in missing],
                      "Start again from lesson06.drafts() and edit the values, not the names.")
    problems = [str(finding) for finding in smart_findings(kpis)]
    for kpi, name in zip(kpis, names, strict=True):
        assert name is not None
        _, baseline, better = AGREED[name]
        if kpi.baseline is not None and kpi.baseline != baseline:
            problems.append(f"'{name}': the measured baseline is {baseline:,}, not {kpi.baseline:,g}. A baseline "
                            "is a fact; change the target instead.")
        if kpi.target is not None and kpi.baseline is not None and kpi.target != kpi.baseline:
            worse = kpi.target > kpi.baseline if better == "down" else kpi.target < kpi.baseline
            if worse:
                problems.append(f"'{name}': a target of {kpi.target:,g} is worse than the baseline; for this KPI "
                                f"better is {'lower' if better == 'down' else 'higher'}.")
    if problems:
        return failed(f"{len(problems)} {'thing is' if len(problems) == 1 else 'things are'} still to fix.", problems,
                      "Fill each gap from the meeting notes (or ask for a hint()).")
    return passed("All six pass the SMART rules, with measured baselines and targets that move the right way. "
                  "Next question for each: can the team actually reach it? That is task 06.3.")


# ---------------------------------------------------------------------------
# 06.3  Which targets can the funnel deliver?
# ---------------------------------------------------------------------------

class Candidate(NamedTuple):
    """A proposed target of task 06.3."""

    kpi: str
    stage: str
    """The waterfall figure it counts: a stage, or "revenue"."""
    target: float


CANDIDATES = scenarios.build_map(Candidate, "06", "candidates")
"""Label -> (KPI, the waterfall figure it counts, the proposed target for 2027-06-30)."""


def candidates_table() -> Table:
    frame = pd.DataFrame({"Label": list(CANDIDATES), "KPI": [kpi for kpi, _, _ in CANDIDATES.values()],
                          "Stage": [stage for _, stage, _ in CANDIDATES.values()],
                          "Target by 2027-06-30": [target for _, _, target in CANDIDATES.values()]})
    return table(frame, "task-06-3", formats={"Target by 2027-06-30": "{:,}"})


def candidate_kpis() -> list[dict[str, Any]]:
    """The candidates as KPI records with their stage, as a plan file would hold them."""
    return [{"name": kpi, "owner": "Francesca Bianchi", "baseline": 0, "target": target, "unit": stage, "due": DUE,
             "stage": stage} for kpi, stage, target in CANDIDATES.values()]


def expected_unrealistic() -> list[str]:
    """The labels the plan linter warns about as SMART003 against Aurora's funnel."""
    found = smart_findings(kpis_from_records(candidate_kpis()), funnel=plan_funnel())
    labels = list(CANDIDATES)
    return [labels[int(f.where.split("[")[1].split("]")[0])] for f in found if f.code == "SMART003"]


@task(
    "06.3",
    "Targets the funnel cannot deliver",
    hints=(
        "Walk the 2,400 inquiries down the waterfall at the observed rates: outcome(2400, history.rates(), 18000).",
        "Compare each target with the figure of its own stage (revenue is deals won times EUR 18,000). A target "
        "equal to what the funnel yields is still within reach.",
        "More than one target may be out of reach, and a middle stage can be out of reach even when the "
        "revenue target is fine.",
    ),
)
def check_unrealistic(answer: Any) -> Verdict:
    """The labels of the targets above what 2,400 inquiries yield at the observed rates."""
    if isinstance(answer, str):
        answer = [part for part in answer.replace(";", ",").split(",") if part.strip()] or [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return wrong_shape("a list of labels", answer, '["A", "C"]')
    chosen = {label_of(value) for value in answer}
    unknown = sorted(str(value) for value in chosen if value not in CANDIDATES)
    if unknown:
        return failed(f"There is no target {join_words(unknown)}; the labels are {join_words(list(CANDIDATES))}.")
    yields = plan_funnel()
    expected = set(expected_unrealistic())
    problems = []
    for label in sorted(chosen - expected):
        kpi, stage, target = CANDIDATES[label]
        problems.append(f"{label} ({kpi}) is within reach: the funnel yields {_figure(yields, stage)}, the "
                        f"target asks {_shown(stage, target)}.")
    for label in sorted(expected - chosen):
        problems.append(f"One more target asks for more than its stage yields (check {STAGE_WORD}).")
        break
    if problems:
        return failed(f"{len(chosen & expected)} of {len(expected)} unrealistic targets found.", problems,
                      "Compare each target with what its own stage yields (or ask for a hint()).")
    detail = "; ".join(f"{label} asks {_shown(CANDIDATES[label][1], CANDIDATES[label][2])} where the funnel yields "
                       f"{_figure(yields, CANDIDATES[label][1])}" for label in sorted(expected))
    return passed(f"Yes: {detail}. Raise the inquiries or a conversion rate, or lower the target; the kit's plan "
                  "linter warns about such a target as SMART003 when the plan states its funnel.")


STAGE_WORD = "every stage, from MQL down"


def _shown(stage: str, value: float) -> str:
    return money(value, CURRENCY) if stage == "revenue" else f"{value:,.0f}"


def _figure(funnel: Funnel, stage: str) -> str:
    return _shown(stage, funnel.yields(stage))


EXAMPLE_KPIS: tuple[dict[str, Any], ...] = scenarios.value("06", "example_kpis", KPI_RECORDS)
"""The two draft KPIs the lesson shows the SMART rules on."""


def rates_with(**changes: float) -> dict[str, float]:
    """Aurora's observed rates with some changed, for trying a what-if:
    ``rates_with(opportunity=0.40)``; keys are the stage a rate converts from."""
    rates = dict(zip(STAGES, observed_rates().as_tuple(), strict=False))
    for key, value in changes.items():
        stage = next((stage for stage in rates if stage.casefold() == key.casefold()), None)
        if stage is None:
            raise InputError(f"no waterfall stage named {key!r}; use one of {', '.join(rates)}")
        rates[stage] = value
    return rates


REVENUE_KPI: tuple[dict[str, Any], ...] = scenarios.value("06", "revenue_kpi", KPI_RECORDS)
"""The sales director's ask of section 4, as a KPI counted on the funnel."""
