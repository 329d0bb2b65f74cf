"""A MOps strategy as a plan file: the five steps, a starting plan built on the learner's earlier
work, and the rubric a peer reviews it with.

The steps follow Emanuele Villa (2023): stakeholder needs, a framework over people, process and
technology, KPIs with realistic targets, the change and its resistance, tasks and a timeline.
A strategy is written in the change plan's format (``mopskit.change.plan``), so the same lint checks
it; this module adds what a strategy needs on top: where to start from, whether every pillar
has an objective, whether the pipeline targets fit the waterfall, and the rubric as data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from mopskit.change.plan import Plan
from mopskit.content import knowledge
from mopskit.content.types import PlanStep as Step
from mopskit.content.types import RubricCriterion
from mopskit.frameworks.assess import ASSESSMENT_FILE, assess, load_answers
from mopskit.frameworks.assess.result import Assessment
from mopskit.io.files import keep_or_write
from mopskit.wording import fold

__all__ = ["ASSESSMENT_FILE", "PILLARS", "STRATEGY_FILE", "FunnelCheck", "RubricCriterion", "Step", "StartingPoint",
           "funnel_check", "funnel_frame", "missing_pillars", "objectives_by_pillar", "pillars_frame", "rubric",
           "rubric_frame", "start_plan", "starting_plan_text", "starting_point", "steps", "steps_frame"]

PILLARS = ("People", "Process", "Technology")
"""The three pillars every MOps framework covers (HubSpot, as Villa quotes it)."""
STRATEGY_FILE = "my-strategy.yaml"
"""Where the lesson writes the learner's copy of the starting plan."""
TOP_GAPS = 3
"""How many of the self-assessment's gaps the starting point shows."""

def steps() -> tuple[Step, ...]:
    """The five steps, in order."""
    return knowledge.strategy().steps


def rubric() -> tuple[tuple[str, ...], tuple[RubricCriterion, ...]]:
    """The rubric's level names and its criteria (``strategy.yaml``, whose reading refuses a
    criterion with an unknown step or a level description too many or too few)."""
    found = knowledge.strategy().rubric
    return found.levels, found.criteria


def steps_frame() -> pd.DataFrame:
    """The five steps as a table: what to ask, where the answer goes in the plan file, which lessons help."""
    return pd.DataFrame(
        {"Step": [f"{number}. {step.name}" for number, step in enumerate(steps(), start=1)],
         "What to ask": [step.question for step in steps()],
         "In the plan file": [step.section for step in steps()],
         "Lessons that help": [step.lesson for step in steps()]}
    )


def rubric_frame() -> pd.DataFrame:
    """The peer-review rubric: one row per criterion, one column per level, then what good looks like."""
    names, criteria = rubric()
    rows = []
    for criterion in criteria:
        row = {"Criterion": criterion.criterion}
        row.update(dict(zip(names, criterion.levels, strict=True)))
        row["What good looks like"] = criterion.good
        rows.append(row)
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- the starting point


@dataclass(frozen=True)
class StartingPoint:
    """What the learner's earlier work says the strategy should tackle first: the largest gaps
    of a maturity self-assessment, the learner's own or the sample company's."""

    assessment: Assessment
    own: bool
    """True when the gaps come from the learner's ``my-assessment.yaml``."""

    @property
    def whose(self) -> str:
        return "your self-assessment" if self.own else "Aurora Living's self-assessment (the sample)"

    def gaps(self, count: int = TOP_GAPS) -> tuple[str, ...]:
        """The names of the ``count`` highest-priority responsibilities with a gap."""
        return tuple(item.name for item in self.assessment.ranked if item.gap > 0)[:count]

    def to_frame(self, count: int = TOP_GAPS) -> pd.DataFrame:
        """The ``count`` largest gaps, highest priority first: today's level, the target and the gap."""
        ranked = [item for item in self.assessment.ranked if item.gap > 0][:count]
        return pd.DataFrame(
            {"Priority": [item.rank for item in ranked],
             "Responsibility": [item.name for item in ranked],
             "Today": [item.current for item in ranked],
             "Target": [item.target for item in ranked],
             "Gap": [item.gap for item in ranked]}
        )


def _sample_answers() -> Path:
    return Path(str(resources.files("mopskit") / "data" / "maturity-assessment" / "answers.csv"))


def starting_point(folder: str | os.PathLike[str] = ".") -> StartingPoint:
    """The gaps to start from: ``my-assessment.yaml`` in ``folder`` when lesson 03 saved one there,
    otherwise Aurora Living's sample answers."""
    own = Path(folder) / ASSESSMENT_FILE
    if own.is_file():
        return StartingPoint(assess(load_answers(own)), own=True)
    return StartingPoint(assess(load_answers(_sample_answers())), own=False)


def _starting_plan() -> Path:
    return Path(str(resources.files("mopskit") / "data" / "strategy" / "plan.yaml"))


def starting_plan_text() -> str:
    """The starting plan the kit ships: Aurora Living's strategy for 2027."""
    return _starting_plan().read_text(encoding="utf-8")


def start_plan(path: str | os.PathLike[str] = STRATEGY_FILE, *, force: bool = False) -> Path:
    """Copy the starting plan to ``path`` (``my-strategy.yaml``) for the learner to change;
    an existing file is kept unless ``force``, so a second run never wipes their work."""
    return keep_or_write(path, starting_plan_text().encode("utf-8"), force=force)


# ----------------------------------------------------------------------------- the framework


def objectives_by_pillar(plan: Plan) -> dict[str, tuple[str, ...]]:
    """The plan's objectives under the pillar each starts with ("People: ...")."""
    found: dict[str, list[str]] = {pillar: [] for pillar in PILLARS}
    for objective in plan.objectives:
        head, colon, rest = objective.partition(":")
        for pillar in PILLARS:
            if colon and fold(head) == fold(pillar):
                text = rest.strip()
                found[pillar].append(text[:1].upper() + text[1:])
    return {pillar: tuple(items) for pillar, items in found.items()}


def missing_pillars(plan: Plan) -> tuple[str, ...]:
    """The pillars with no objective: a framework that leaves one out is not yet a strategy."""
    return tuple(pillar for pillar, items in objectives_by_pillar(plan).items() if not items)


def pillars_frame(plan: Plan) -> pd.DataFrame:
    """One row per pillar with its objectives (or a note that it has none)."""
    by_pillar = objectives_by_pillar(plan)
    return pd.DataFrame(
        {"Pillar": list(PILLARS),
         "Objectives": [" ".join(by_pillar[pillar]) or f"none yet: start an objective with '{pillar}:'"
                        for pillar in PILLARS]}
    )


# ----------------------------------------------------------------------------- KPIs and the waterfall


@dataclass(frozen=True)
class FunnelCheck:
    """One KPI tied to a waterfall stage: its target, what the funnel yields, and whether it fits."""

    kpi: str
    stage: str
    target: float
    yields: float
    unit: str | None = None
    stretch: str | None = None
    """Why the plan keeps a target above the yield, when it says so (the KPI's ``stretch:``)."""

    @property
    def fits(self) -> bool:
        return self.target <= self.yields

    @property
    def ready(self) -> bool:
        """Fits the funnel, or is kept above it on purpose with a reason: what the lint accepts."""
        return self.fits or bool(self.stretch)


def funnel_check(plan: Plan) -> tuple[FunnelCheck, ...]:
    """Each KPI with a ``stage``, set against what the plan's funnel yields at that stage."""
    funnel = plan.funnel
    if funnel is None:
        return ()
    return tuple(
        FunnelCheck(kpi.name, kpi.stage, kpi.target, funnel.yields(kpi.stage), kpi.unit, kpi.stretch)
        for kpi in plan.kpis
        if kpi.stage is not None and kpi.target is not None
    )


def _fits(check: FunnelCheck) -> str:
    if check.fits:
        return "yes"
    if check.stretch:
        return "no, kept as a stretch: the plan says why (`stretch:`)"
    return "no: raise inquiries or conversion, lower the target, or say why it is a stretch"


def funnel_frame(plan: Plan) -> pd.DataFrame:
    """The pipeline KPIs against the waterfall: target, yield, and the room left (or the shortfall)."""
    checks = funnel_check(plan)

    def amount(check: FunnelCheck, value: float) -> str:
        return f"{value:,.0f} {check.unit}" if check.unit else f"{value:,.0f}"

    return pd.DataFrame(
        {"KPI": [check.kpi for check in checks],
         "Stage": [check.stage for check in checks],
         "Target": [amount(check, check.target) for check in checks],
         "The funnel yields": [amount(check, check.yields) for check in checks],
         "Fits": [_fits(check) for check in checks]}
    )
