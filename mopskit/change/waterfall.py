"""The demand waterfall: how many inquiries a revenue target needs, and what a volume yields.

Stages follow DOMAIN §6: Inquiry → MQL → SAL → SQL → Opportunity → Won. Each stage has one
conversion rate, the share of it that reaches the next stage. :func:`volumes_needed` walks
from a revenue target up to inquiries, rounding *up* at every stage (half a lead cannot be
bought); :func:`outcome` walks from inquiries down to deals won, rounding *down* (half a deal
cannot be won). Both return a frozen :class:`Waterfall`: a value with its JSON (``to_dict``),
whose report (``mopskit.report.funnel``) a notebook shows as a table.

Rates are plain numbers, so a plan, a lesson or a spreadsheet can supply them::

    rates = ConversionRates.of({"Inquiry": 0.30, "MQL": 0.50, "SAL": 0.60,
                                "SQL": 0.40, "Opportunity": 0.25})
    volumes_needed(500_000, 25_000, rates).inquiries  # 2,227
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mopskit.display import NotebookRepr
from mopskit.errors import InputError
from mopskit.wording import fold

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STAGES", "WATERFALL_SCHEMA", "ConversionRates", "StageVolume", "Waterfall", "outcome", "volumes_needed"]

STAGES = ("Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Won")
"""The waterfall's stages, top to bottom."""
WATERFALL_SCHEMA = "mopskit.waterfall/1"

_CONVERTING = STAGES[:-1]
_FIELDS = ("inquiry", "mql", "sal", "sql", "opportunity")
# Floating point makes 3 / 0.3 = 10.000000000000002; a whole number within this stays whole.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ConversionRates:
    """The share of each stage that reaches the next one, each in (0, 1]."""

    inquiry: float
    """Inquiry → MQL."""
    mql: float
    """MQL → SAL."""
    sal: float
    """SAL → SQL."""
    sql: float
    """SQL → Opportunity."""
    opportunity: float
    """Opportunity → Won."""

    def __post_init__(self) -> None:
        for stage, field in zip(_CONVERTING, _FIELDS, strict=True):
            rate = getattr(self, field)
            if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate <= 1:
                raise InputError(
                    f"the {stage} conversion rate must be a share above 0 and at most 1 (0.25 for 25%), "
                    f"not {rate!r}",
                    column=stage,
                )

    @classmethod
    def of(cls, rates: Mapping[str, float] | ConversionRates) -> ConversionRates:
        """Rates keyed by the stage they convert *from* ("Inquiry" is Inquiry → MQL), in any
        case; an ``InputError`` names any stage missing or not known."""
        if isinstance(rates, ConversionRates):
            return rates
        known = {fold(stage): field for stage, field in zip(_CONVERTING, _FIELDS, strict=True)}
        values: dict[str, float] = {}
        unknown = []
        for key, rate in rates.items():
            field = known.get(fold(key))
            if field is None:
                unknown.append(str(key))
            else:
                values[field] = rate
        if unknown:
            raise InputError(
                f"no waterfall stage named {', '.join(map(repr, unknown))}; a rate is keyed by the stage it "
                f"converts from: {', '.join(_CONVERTING)}"
            )
        missing = [stage for stage, field in zip(_CONVERTING, _FIELDS, strict=True) if field not in values]
        if missing:
            raise InputError(f"no conversion rate for {', '.join(missing)}")
        return cls(**values)

    def as_tuple(self) -> tuple[float, ...]:
        """The rates top to bottom, Inquiry → MQL first."""
        return tuple(getattr(self, field) for field in _FIELDS)


@dataclass(frozen=True)
class StageVolume:
    """One stage of a waterfall: how many leads or deals, and the share that moves on."""

    stage: str
    volume: int
    rate_to_next: float | None
    """The conversion to the next stage; None for Won."""


@dataclass(frozen=True)
class Waterfall(NotebookRepr):
    """Volumes at every stage, the revenue they stand for, and cost figures when a cost per
    lead (per inquiry) was given."""

    stages: tuple[StageVolume, ...]
    average_deal: float
    cost_per_lead: float | None = None
    currency: str | None = None

    def volume(self, stage: str) -> int:
        """The volume at ``stage`` (any case)."""
        for step in self.stages:
            if fold(step.stage) == fold(stage):
                return step.volume
        raise InputError(f"no waterfall stage named {stage!r}; the stages are {', '.join(STAGES)}")

    @property
    def inquiries(self) -> int:
        return self.stages[0].volume

    @property
    def won(self) -> int:
        return self.stages[-1].volume

    @property
    def revenue(self) -> float:
        """Deals won times the average deal."""
        return self.won * self.average_deal

    @property
    def cost(self) -> float | None:
        """Inquiries times the cost per lead, or None without a cost per lead."""
        return None if self.cost_per_lead is None else self.inquiries * self.cost_per_lead

    @property
    def cac(self) -> float | None:
        """Customer acquisition cost: the cost per deal won (None without a cost or a deal)."""
        cost = self.cost
        return None if cost is None or self.won == 0 else cost / self.won

    def to_frame(self) -> pd.DataFrame:
        """One row per stage: its volume and its conversion to the next stage."""
        import pandas as pd  # only here: the command line reads waterfalls without paying for pandas

        return pd.DataFrame(
            {
                "stage": [step.stage for step in self.stages],
                "volume": [step.volume for step in self.stages],
                "conversion_to_next": [step.rate_to_next for step in self.stages],
            }
        )

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.waterfall/1``): every stage, revenue and costs."""
        return {
            "schema": WATERFALL_SCHEMA,
            "currency": self.currency,
            "average_deal": self.average_deal,
            "cost_per_lead": self.cost_per_lead,
            "stages": [{"stage": step.stage, "volume": step.volume, "conversion_to_next": step.rate_to_next}
                       for step in self.stages],
            "inquiries": self.inquiries,
            "won": self.won,
            "revenue": self.revenue,
            "cost": self.cost,
            "cac": self.cac,
        }


def volumes_needed(
    revenue_target: float,
    average_deal: float,
    rates: Mapping[str, float] | ConversionRates,
    *,
    cost_per_lead: float | None = None,
    currency: str | None = None,
) -> Waterfall:
    """The volume each stage needs to reach ``revenue_target``, rounded up to whole leads and
    deals at every stage (so the waterfall meets the target, never falls short of it)."""
    _non_negative(revenue_target, "revenue target")
    _positive(average_deal, "average deal")
    _cost(cost_per_lead)
    converting = ConversionRates.of(rates).as_tuple()
    volumes = [_up(revenue_target / average_deal)]
    for rate in reversed(converting):
        volumes.append(_up(volumes[-1] / rate))
    volumes.reverse()
    return _waterfall(volumes, converting, average_deal, cost_per_lead, currency)


def outcome(
    inquiries: int,
    rates: Mapping[str, float] | ConversionRates,
    average_deal: float,
    *,
    cost_per_lead: float | None = None,
    currency: str | None = None,
) -> Waterfall:
    """What ``inquiries`` yield at every stage, rounded down to whole leads and deals."""
    if isinstance(inquiries, bool) or not isinstance(inquiries, int) or inquiries < 0:
        raise InputError(f"inquiries must be a whole number of 0 or more, not {inquiries!r}")
    _positive(average_deal, "average deal")
    _cost(cost_per_lead)
    converting = ConversionRates.of(rates).as_tuple()
    volumes = [inquiries]
    for rate in converting:
        volumes.append(_down(volumes[-1] * rate))
    return _waterfall(volumes, converting, average_deal, cost_per_lead, currency)


def _waterfall(volumes: list[int], converting: tuple[float, ...], average_deal: float,
               cost_per_lead: float | None, currency: str | None) -> Waterfall:
    rates: tuple[float | None, ...] = (*converting, None)
    stages = tuple(StageVolume(stage, volume, rate) for stage, volume, rate in zip(STAGES, volumes, rates, strict=True))
    return Waterfall(stages, float(average_deal), None if cost_per_lead is None else float(cost_per_lead), currency)


def _up(value: float) -> int:
    return math.ceil(value - _TOLERANCE * max(1.0, abs(value)))


def _down(value: float) -> int:
    return math.floor(value + _TOLERANCE * max(1.0, abs(value)))


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
        raise InputError(f"the {what} must be a number, not {value!r}")
    return float(value)


def _non_negative(value: object, what: str) -> None:
    if _number(value, what) < 0:
        raise InputError(f"the {what} must be 0 or more, not {value!r}")


def _positive(value: object, what: str) -> None:
    if _number(value, what) <= 0:
        raise InputError(f"the {what} must be more than 0, not {value!r}")


def _cost(cost_per_lead: float | None) -> None:
    if cost_per_lead is not None:
        _non_negative(cost_per_lead, "cost per lead")
