"""Lesson 06's cases: Aurora Living's funnel and figures, and the exercises' needs and targets.

Aurora's figures (average deal, the revenue asked, the inquiries it can generate, the plan year)
come from the cast (:func:`mopskit.content.knowledge.cast`); its rates are those observed in its
funnel history (:mod:`mopskit.change.kpis`). The exercises' cases (a stated need, candidate
targets) are read from ``mopskit/lessons/data/lesson06.yaml``. Every expected answer is computed:
the inquiries a target needs by :func:`mopskit.change.waterfall.volumes_needed`, which targets a
volume cannot deliver by the plan linter's SMART rules. The rates a learner sees are rounded, so
the answers reachable from them are computed here too.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from typing import Any, NamedTuple

from mopskit.change.kpis import kpis_from_records, smart_findings
from mopskit.change.plan import Funnel
from mopskit.change.waterfall import STAGES, ConversionRates, Waterfall, outcome, volumes_needed
from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.lessons import aurora, scenarios
from mopskit.wording import money

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


def candidate_kpis() -> list[dict[str, Any]]:
    """The candidates as KPI records with their stage, as a plan file would hold them."""
    return [{"name": kpi, "owner": "Francesca Bianchi", "baseline": 0, "target": target, "unit": stage, "due": DUE,
             "stage": stage} for kpi, stage, target in CANDIDATES.values()]


def expected_unrealistic() -> list[str]:
    """The labels the plan linter warns about as SMART003 against the scenario's funnel."""
    found = smart_findings(kpis_from_records(candidate_kpis()), funnel=plan_funnel(VOLUME_06_3))
    labels = list(CANDIDATES)
    return [labels[int(f.where.split("[")[1].split("]")[0])] for f in found if f.code == "SMART003"]


def _figure_text(stage: str, value: float) -> str:
    return money(value, CURRENCY) if stage == "revenue" else f"{value:,.0f}"


# ---------------------------------------------------------------------------
# The lesson's SMART examples
# ---------------------------------------------------------------------------

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
