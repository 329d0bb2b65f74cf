"""Lesson 06, "KPIs that hold up": the lesson's tables and its three exercises.

Every expected answer is computed: the inquiries a target needs by
:func:`mopskit.change.waterfall.volumes_needed` on the rates observed in Aurora Living's funnel
history (:mod:`mopskit.change.kpis`), and which targets a volume cannot deliver by
:func:`mopskit.change.waterfall.outcome`. Aurora's figures (average deal, the revenue asked, the
inquiries it can generate, the plan year) come from the cast (:func:`mopskit.content.knowledge.cast`);
this module reads the exercises' cases (a stated need, candidate targets) from
``mopskit/lessons/data/lesson06.yaml`` and says what a typical wrong answer got wrong.

The rates a learner sees are rounded (whole percents in the lesson's waterfalls, one decimal in
the exercise), so a check accepts every answer those rounded rates can lead to.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from mopskit.content import knowledge
from mopskit.course.facts import glossary_frame
from mopskit.errors import InputError
from mopskit.exercises.checks import (
    Verdict, as_number, failed, label_of, match_name, name_lookup, normalise, passed, wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.change.kpis import FunnelHistory, kpis_from_records, read_funnel, smart_findings
from mopskit.change.plan import Funnel
from mopskit.forms.kpi import KpiForm
from mopskit.io.tables import parse_number
from mopskit.lessons import aurora, scenarios
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.change.waterfall import STAGES, ConversionRates, Waterfall, outcome, volumes_needed
from mopskit.wording import join_words, money, percent

FUNNEL_FILE = aurora.FUNNEL_FILE
CURRENCY: str = aurora.CURRENCY
_AURORA = knowledge.cast().aurora
AVERAGE_DEAL: int = _AURORA.average_deal
"""Aurora Living's average trade deal (a furnishing project), in EUR."""
REVENUE_TARGET: int = _AURORA.revenue_ask
"""Marketing-sourced revenue the Head of Trade Sales asks for in the plan year."""
BASELINE_REVENUE: int = _AURORA.marketing_sourced_revenue
"""Marketing-sourced revenue of the year the history covers: the baseline of a revenue KPI."""
INQUIRY_CAPACITY: int = _AURORA.inquiry_capacity
"""Inquiries marketing expects to generate in the plan year at today's budget."""
DUE: date = _AURORA.plan_year_end
NEW_TRADE_REVENUE: int = _AURORA.new_trade_revenue
"""All new trade revenue in the twelve months of the history, whatever brought the deal (EUR)."""
PLAN_RATES: dict[str, float] = scenarios.value("06", "plan_rates", dict[str, float])
"""The round rates of the lesson's first example."""
KPI_RECORDS = tuple[dict[str, str | int | float | None], ...]
"""KPIs as a plan file holds them (name, owner, baseline, target, unit, due, stage)."""
WHOLE_PERCENT = 0.01
"""The lesson's waterfalls show each rate to a whole percent..."""
ONE_DECIMAL = 0.001
"""...and the exercise's rates table to one decimal of a percent."""


funnel = aurora.funnel
observed_rates = aurora.observed_rates


def plan_funnel(inquiries: int | None = None) -> Funnel:
    """Aurora's funnel as a plan file would state it: observed rates, average deal, inquiries expected."""
    return Funnel(observed_rates(), AVERAGE_DEAL, INQUIRY_CAPACITY if inquiries is None else inquiries)


def needed() -> Waterfall:
    """What the revenue target asks of every stage at the observed rates."""
    return volumes_needed(REVENUE_TARGET, AVERAGE_DEAL, observed_rates(), currency=CURRENCY)


def capacity_outcome() -> Waterfall:
    """What the inquiries marketing can generate yield at the observed rates."""
    return outcome(INQUIRY_CAPACITY, observed_rates(), AVERAGE_DEAL, currency=CURRENCY)


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
# Answers reachable from rounded rates
# ---------------------------------------------------------------------------

def _shown(rates: ConversionRates, step: float) -> tuple[float, ...]:
    return tuple(round(rate / step) * step for rate in rates.as_tuple())


def _corners(shown: tuple[float, ...], step: float) -> list[tuple[float, ...]]:
    """Every combination of the lowest and highest true rate a rounded rate can stand for."""
    return [tuple(rate + sign * step / 2 for rate, sign in zip(shown, signs, strict=True))
            for signs in itertools.product((-1, 1), repeat=len(shown))]


def _walks_up(deals: int, rates: tuple[float, ...]) -> list[int]:
    """The inquiries for ``deals`` by the ways a learner works it: rounding up at each stage, or
    dividing by all the rates at once (then rounded either way)."""
    stepwise = deals
    for rate in reversed(rates):
        stepwise = math.ceil(stepwise / rate - 1e-9)
    plain = deals / math.prod(rates)
    return [stepwise, math.floor(plain), math.ceil(plain)]


def reachable_inquiries(target: int, average_deal: int) -> tuple[int, int]:
    """The lowest and highest inquiries a learner can reach for ``target`` from the rates as the
    pages show them: any true rate behind the exercise's one-decimal rates, and the lesson's whole
    percents as they stand."""
    deals = math.ceil(target / average_deal - 1e-9)
    rates = observed_rates()
    found = _walks_up(deals, rates.as_tuple())
    for corner in _corners(_shown(rates, ONE_DECIMAL), ONE_DECIMAL):
        found += _walks_up(deals, corner)
    found += _walks_up(deals, _shown(rates, WHOLE_PERCENT))
    return min(found), max(found)


def reachable_yields(inquiries: int, stage: str) -> tuple[float, float]:
    """The lowest and highest figure of ``stage`` (a stage or "revenue") that ``inquiries`` yield
    at any true rates behind the whole percents the lesson shows."""
    figures = []
    for corner in _corners(_shown(observed_rates(), WHOLE_PERCENT), WHOLE_PERCENT):
        down = outcome(inquiries, dict(zip(STAGES, corner, strict=False)), AVERAGE_DEAL)
        figures.append(down.revenue if stage == "revenue" else down.volume(stage))
    exact = Funnel(observed_rates(), AVERAGE_DEAL, inquiries).yields(stage)
    return min(*figures, exact), max(*figures, exact)


# ---------------------------------------------------------------------------
# 06.1  Funnel arithmetic on the observed rates
# ---------------------------------------------------------------------------

TARGET_06_1: int = scenarios.value("06", "target_06_1", int)
"""The revenue target of task 06.1 (the lesson works the larger ask)."""


def expected_inquiries() -> int:
    """The kit's own answer: unrounded rates, rounding up at every stage."""
    return volumes_needed(TARGET_06_1, AVERAGE_DEAL, observed_rates()).inquiries


def accepted_inquiries() -> tuple[int, int]:
    """Every whole number from the first to the second is a right answer to 06.1."""
    return reachable_inquiries(TARGET_06_1, AVERAGE_DEAL)


@task(
    "06.1",
    "Inquiries for a revenue target",
    hints=(
        "Start at the bottom: how many deals of EUR 18,000 make EUR 630,000? Then go up one stage at a time.",
        "At each stage divide by the rate in the table above (observed in Aurora's history, not the round rates "
        "of the lesson's first example), and round up: half a lead cannot be bought.",
        "The kit does the same walk: volumes_needed(630_000, 18_000, lesson06.observed_rates()). Read its "
        "Inquiry row.",
    ),
    objectives=(1, 2),
    applied=True,
)
def check_inquiries(answer: Any) -> Verdict:
    """Inquiries Aurora needs for the task's target at its observed rates: any answer the rates as
    shown lead to (rounded up at each stage or divided all at once) is right."""
    number = as_number(answer)
    if number is None and isinstance(answer, str):
        try:
            number, _ = parse_number(answer)  # "2,442" or "2.442" as a spreadsheet would write it
        except ValueError:
            number = None
    if number is None:
        return wrong_shape("a number of inquiries", answer, "1500")
    rates = observed_rates()
    walk = volumes_needed(TARGET_06_1, AVERAGE_DEAL, rates)
    deals, kit = walk.won, walk.inquiries
    low, high = accepted_inquiries()
    given = round(number)
    if low <= given <= high:
        if given == kit:
            return passed(f"Yes: {kit:,} inquiries for {deals} deals, the kit's own walk on the unrounded rates. "
                          f"Every stage loses leads, so the top of the funnel is about {kit // deals} times the "
                          "deals you want.")
        return passed(f"Yes: {given:,} follows from the rates as shown. The kit, working on the unrounded rates "
                      f"and rounding up at each stage, gets {kit:,}; the difference comes from rounding the "
                      "rates, not from your method. In a plan, say which rates you used.")
    if given == volumes_needed(TARGET_06_1, AVERAGE_DEAL, PLAN_RATES).inquiries:
        return failed(f"{given:,} is what the round example rates (30%, 50%, 60%, 40%, 25%) give.",
                      suggestion="Use the rates observed in Aurora's own history, in the table above.")
    if given == deals:
        return failed(f"{given:,} is the number of deals, the bottom of the waterfall.",
                      suggestion="Walk up from the deals to the inquiries, dividing by each stage's rate.")
    for stage in STAGES[1:-1]:
        if abs(given - walk.volume(stage)) <= 3:
            return failed(f"{given:,} is about the {stage} level of the walk, not the inquiries.",
                          suggestion="Keep going up: divide by every rate from Won back to Inquiry.")
    if given < low:
        down = outcome(given, rates, AVERAGE_DEAL)
        return failed(f"{given:,} inquiries yield about {down.won} deals, {money(down.revenue, CURRENCY)}: short "
                      f"of {money(TARGET_06_1, CURRENCY)}.",
                      suggestion="Divide by each rate (a share below 1 makes the number bigger), and use every "
                                 "stage's rate once.")
    return failed(f"{given:,} is more than the rates in the table lead to.",
                  suggestion="Check that each rate is used once, and that you divided by the rate rather than "
                             "by a count.")


# ---------------------------------------------------------------------------
# 06.2  Write a KPI from a stated need
# ---------------------------------------------------------------------------

class Need(NamedTuple):
    """The case of task 06.2: who asks, what was measured, what the owner can deliver by when."""

    asked_by: str
    owner: str
    story: str
    """The need in prose, as the learner reads it."""
    measured: int
    """How many of the ``population`` meet the need today."""
    population: int
    reachable: float
    """The share the owner says is reachable by ``due`` (0.90 for 90%)."""
    wished: float
    """The share the requester would like, more than can be delivered."""
    earliest: date
    """The earliest due date that fits the owner's estimate."""
    due: date
    """The latest due date that still serves the need."""


NEED = scenarios.build(Need, "06", "need")
"""The stated need of task 06.2."""
GENERIC_NAMES = {normalise(name) for name in ("data quality", "lead quality", "quality", "kpi", "leads", "mqls")}
"""Names too vague to be specific: they do not say what is counted, of which leads."""


def kpi_form() -> KpiForm:
    """An empty form for task 06.2."""
    return KpiForm(title="Task 06.2: your KPI")


def _share(value: float | None) -> float | None:
    """A share written as 65 (percent) or as 0.65, as 0.65."""
    if value is None:
        return None
    return value / 100 if value > 1 else value


@task(
    "06.2",
    "Write a KPI from a stated need",
    hints=(
        "Who will do the work and answer for the result? That is the owner, not the person who asks.",
        "The baseline is what was measured before the change: turn the two counts into a share of the MQLs. "
        "A count of leads would move with the number of MQLs, not with their quality.",
        "The target and the date come from what the owner says she can deliver, not from the wish: Doran's R "
        "asks for a target reachable with the resources at hand.",
    ),
    objectives=(3, 4),
    applied=True,
)
def check_kpi(answer: Any) -> Verdict:
    """One KPI with owner, baseline, target, unit and due date that answers the stated need: the
    owner is the one who does the work, the baseline the measured share, the target above it and
    within what the owner can reach, the due date within the window the need gives."""
    if isinstance(answer, (KpiForm, Mapping)):
        record: dict[str, Any] = {key: answer.get(key) for key in ("name", "owner", "baseline", "target", "unit",
                                                                    "due")}
    else:
        return wrong_shape("the KPI form filled in (lesson06.kpi_form())", answer, "answer = lesson06.kpi_form()")
    record = {key: (None if value is Ellipsis or value == "" else value) for key, value in record.items()}
    for key in ("baseline", "target"):
        written = record[key]
        if isinstance(written, str):
            text = written.replace("%", "").replace("€", "").replace("EUR", "").strip()
            try:
                record[key], _ = parse_number(text)
            except ValueError:
                return failed(f"The {key} '{written}' is not a number.",
                              suggestion=f"Write the {key} as a number, such as 42 or 42%.")
    problems = []
    if record["name"] is None:
        problems.append("The KPI has no name: say what is counted, of which leads.")
        record["name"] = "Your KPI"
    try:
        [kpi] = kpis_from_records([record])
    except InputError as error:
        reason = re.sub(r"kpis\[0\]\.(\w+): ", r"the \1 box ", error.reason)
        return failed(f"The KPI cannot be read: {reason}",
                      suggestion="Write the due date as YYYY-MM-DD and the baseline and target as numbers.")
    missing = [label for label, value in (("owner", kpi.owner), ("baseline", kpi.baseline), ("target", kpi.target),
                                          ("unit", kpi.unit), ("due date", kpi.due)) if value is None]
    if missing:
        problems.append(f"The KPI has no {join_words(missing)}: the kit asks every KPI for an owner, a baseline, a "
                        "target, a unit and a due date.")
    if kpi.baseline is not None and kpi.target is not None and kpi.baseline == kpi.target:
        problems.append("The target equals the baseline, so it asks for no change.")
    owner_lookup = name_lookup({person.name: (person.first_name,) for person in knowledge.cast().people})
    owner = match_name(kpi.owner, owner_lookup) if kpi.owner else None
    if kpi.name and normalise(kpi.name) in GENERIC_NAMES:
        problems.append(f"'{kpi.name}' is not specific: say what is counted, of which leads.")
    if kpi.owner and owner != NEED.owner:
        if owner == NEED.asked_by:
            problems.append(f"{NEED.asked_by} asks for the change; the owner is the person who will do the work "
                            "and answer for it (Doran's A, assignable).")
        else:
            problems.append(f"{kpi.owner} is not the person the need names to do the work.")
    unit = (kpi.unit or "").casefold()
    percent_unit = "%" in unit or "percent" in unit or "per cent" in unit or "share" in unit
    baseline, target = _share(kpi.baseline), _share(kpi.target)
    today = NEED.measured / NEED.population
    if kpi.baseline is not None:
        if round(kpi.baseline) in (NEED.measured, NEED.population):
            problems.append(f"A baseline of {kpi.baseline:,.0f} counts leads; the count moves with how many MQLs "
                            "arrive, not with their quality. Measure the share of MQLs, in percent.")
        elif baseline is None or abs(baseline - today) > 0.006:
            problems.append(f"The baseline is what was measured: {NEED.measured:,} of {NEED.population:,} MQLs. "
                            "Write it as a share, in percent.")
    if kpi.unit and not percent_unit and not problems:
        problems.append("The unit should say the numbers are a share: percent of the trade MQLs.")
    if target is not None and baseline is not None and abs(baseline - today) <= 0.006:
        if target <= baseline:
            problems.append("The target should be above the baseline: the need is more MQLs with both fields.")
        elif target > NEED.reachable + 1e-9:
            problems.append(f"A target above {NEED.reachable:.0%} is more than the owner says she can reach by "
                            "the date: it fails Doran's R (realistic). Write the wish down as a discussion, not "
                            "as the target.")
    if kpi.due is not None and not NEED.earliest <= kpi.due <= NEED.due:
        if kpi.due > NEED.due:
            problems.append(f"Due {kpi.due.isoformat()} is after the need: the result is wanted by "
                            f"{NEED.due.isoformat()}.")
        else:
            problems.append(f"Due {kpi.due.isoformat()} is earlier than the owner says she can get there.")
    if problems:
        return failed(f"{len(problems)} {'thing' if len(problems) == 1 else 'things'} to fix in your KPI.", problems,
                      "Read the need again for who does the work, what was measured and by when (or ask for a "
                      "hint()).")
    return passed(f"Yes: owned by {NEED.owner}, from a measured {today:.0%} to {target:.0%} by "
                  f"{kpi.due.isoformat() if kpi.due else ''}, in percent of the MQLs. An operational KPI: it measures "
                  "the machine, and it should lift the SAL rate, because sales accepts leads it can call.")


# ---------------------------------------------------------------------------
# 06.3  Which targets can the funnel deliver, at a new volume?
# ---------------------------------------------------------------------------

class Candidate(NamedTuple):
    """A proposed target of task 06.3."""

    kpi: str
    stage: str
    """The waterfall figure it counts: a stage, or "revenue"."""
    target: float


VOLUME_06_3: int = scenarios.value("06", "volume_06_3", int)
"""The inquiries of task 06.3's scenario (not the lesson's capacity)."""
CANDIDATES = scenarios.build_map(Candidate, "06", "candidates")
"""Label -> (KPI, the waterfall figure it counts, the proposed target for the end of the plan year)."""


def candidates_table() -> Table:
    column = f"Target by {DUE.isoformat()}"
    frame = pd.DataFrame({"Label": list(CANDIDATES), "KPI": [kpi for kpi, _, _ in CANDIDATES.values()],
                          "Stage": [stage for _, stage, _ in CANDIDATES.values()],
                          column: [_figure_text(stage, target) for _, stage, target in CANDIDATES.values()]})
    return table(frame, "task-06-3")


def candidate_kpis() -> list[dict[str, Any]]:
    """The candidates as KPI records with their stage, as a plan file would hold them."""
    return [{"name": kpi, "owner": "Francesca Bianchi", "baseline": 0, "target": target, "unit": stage, "due": DUE,
             "stage": stage} for kpi, stage, target in CANDIDATES.values()]


def expected_unrealistic() -> list[str]:
    """The labels the plan linter warns about as SMART003 against the scenario's funnel."""
    found = smart_findings(kpis_from_records(candidate_kpis()), funnel=plan_funnel(VOLUME_06_3))
    labels = list(CANDIDATES)
    return [labels[int(f.where.split("[")[1].split("]")[0])] for f in found if f.code == "SMART003"]


@task(
    "06.3",
    "Targets a new volume cannot deliver",
    hints=(
        "Walk the scenario's inquiries down the waterfall at the observed rates: "
        "outcome(INQUIRIES, lesson06.observed_rates(), 18_000), with the scenario's number.",
        "Compare each target with the figure of its own stage (revenue is deals won times EUR 18,000).",
        "More than one target may be out of reach, and a middle stage can be out of reach even when the "
        "revenue target is fine.",
    ),
    objectives=(2, 5),
    applied=True,
)
def check_unrealistic(answer: Any) -> Verdict:
    """The labels of the targets above what the scenario's inquiries yield at the observed rates."""
    if isinstance(answer, str):
        answer = [part for part in re.split(r"[,; ]+", answer) if part.strip()] or [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return wrong_shape("a list of labels", answer, '["A", "C"]')
    chosen = {label_of(value) for value in answer}
    unknown = sorted(str(value) for value in chosen if value not in CANDIDATES)
    if unknown:
        return failed(f"There is no target {join_words(unknown)}; the labels are {join_words(list(CANDIDATES))}.")
    yields = plan_funnel(VOLUME_06_3)
    expected = set(expected_unrealistic())
    problems = []
    for label in sorted(chosen - expected):
        kpi, stage, target = CANDIDATES[label]
        problems.append(f"{label} ({kpi}) is within reach: {VOLUME_06_3:,} inquiries yield about "
                        f"{_figure_text(stage, yields.yields(stage))}, the target asks {_figure_text(stage, target)}.")
    if expected - chosen:
        problems.append(f"One more target asks for more than its stage yields (check {STAGE_WORD}).")
    if problems:
        return failed(f"{len(chosen & expected)} of {len(expected)} unreachable targets found.", problems,
                      "Compare each target with what its own stage yields (or ask for a hint()).")
    detail = "; ".join(f"{label} asks {_figure_text(CANDIDATES[label][1], CANDIDATES[label][2])} where the funnel "
                       f"yields about {_figure_text(CANDIDATES[label][1], yields.yields(CANDIDATES[label][1]))}"
                       for label in sorted(expected))
    return passed(f"Yes: {detail}. For each: raise the inquiries or a conversion rate, lower the target, or keep it "
                  "as a deliberate stretch and write why in the KPI's stretch field.")


STAGE_WORD = "every stage, from MQL down"


def _figure_text(stage: str, value: float) -> str:
    return money(value, CURRENCY) if stage == "revenue" else f"{value:,.0f}"


# ---------------------------------------------------------------------------
# The lesson's SMART examples
# ---------------------------------------------------------------------------

EXAMPLE_KPIS: tuple[dict[str, Any], ...] = scenarios.value("06", "example_kpis", KPI_RECORDS)
"""The two draft KPIs the lesson shows the SMART rules on."""


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


def revenue_kpi(stretch: str | None = None) -> list[dict[str, Any]]:
    """The Head of Trade Sales' ask as a KPI counted on the funnel; with ``stretch``, kept as a
    deliberate stretch with its reason."""
    record: dict[str, Any] = {"name": "Marketing-sourced trade revenue", "owner": "Francesca Bianchi",
                              "baseline": BASELINE_REVENUE, "target": REVENUE_TARGET, "unit": "EUR",
                              "due": DUE, "stage": "revenue"}
    if stretch:
        record["stretch"] = stretch
    return [record]


STRETCH_REASON: str = scenarios.value("06", "stretch_reason", str)
"""Why a plan might keep the revenue ask as a stretch, as the lesson writes it."""
