"""Lesson 08's cases: Bianco Forno's funnel, the draft and broken strategies, two rubric excerpts,
and the answers the kit computes from them.

The funnel and the excerpts are read from ``mopskit/lessons/data/lesson08.yaml``; the plans are
plan files in ``mopskit/data/exercises/``, so ``mopskit plan FILE --lint`` shows the findings the
checks use. The targets come from ``mopskit.change.waterfall``, the review from
``mopskit.change.strategy`` and the plan lint, the rubric from ``strategy.yaml``.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from mopskit.change.plan import Plan, load_plan, review
from mopskit.change.strategy import funnel_check, missing_pillars, rubric
from mopskit.change.waterfall import ConversionRates, Waterfall, outcome, volumes_needed
from mopskit.io.files import keep_or_write
from mopskit.lessons import scenarios

CURRENCY: str = scenarios.value("08", "currency", str)
BROKEN_FILE = "my-broken-strategy.yaml"
"""Where task 08.3 copies the broken plan, beside the exercise notebook."""


def _data(name: str) -> Path:
    return Path(str(resources.files("mopskit") / "data" / "exercises" / name))


# ---------------------------------------------------------------------------
# 08.1  A pipeline target the funnel can reach
# ---------------------------------------------------------------------------

FUNNEL_RATES: dict[str, float] = scenarios.value("08", "funnel.rates", dict[str, float])
"""Bianco Forno's conversion rates: the share of each stage that reaches the next."""
AVERAGE_DEAL: int = scenarios.value("08", "funnel.average_deal", int)
INQUIRIES: int = scenarios.value("08", "funnel.inquiries", int)
"""The inquiries marketing can generate next year."""
STATED_TARGET: int = scenarios.value("08", "funnel.stated_target", int)
"""The revenue the CEO asks marketing to source."""


def expected_revenue() -> float:
    """The highest revenue target the funnel supports: whole leads and deals at every stage."""
    return supported().revenue


def supported() -> Waterfall:
    return outcome(INQUIRIES, FUNNEL_RATES, AVERAGE_DEAL, currency=CURRENCY)


def needed() -> Waterfall:
    return volumes_needed(STATED_TARGET, AVERAGE_DEAL, FUNNEL_RATES, currency=CURRENCY)


def expected_inquiries() -> int:
    """The fewest inquiries that reach the stated target, rounded up at every stage."""
    return needed().inquiries


def _overall_rate() -> float:
    share = 1.0
    for rate in ConversionRates.of(FUNNEL_RATES).as_tuple():
        share *= rate
    return share


# ---------------------------------------------------------------------------
# 08.2  Review a draft strategy against the five steps
# ---------------------------------------------------------------------------

DRAFT_FILE = "08-draft-strategy.yaml"


@cache
def draft_plan() -> Plan:
    """Bianco Forno's first draft, the plan task 08.2 reviews."""
    return load_plan(_data(DRAFT_FILE))


def expected_review() -> dict[str, tuple[str, ...]]:
    """What the draft leaves out: the pillar with no objective, the KPI the funnel cannot deliver, and
    the stakeholder to manage closely whom no communication reaches."""
    plan = draft_plan()
    blocked = tuple(check.kpi for check in funnel_check(plan) if not check.fits)
    unheard = tuple(person.name for index, person in enumerate(plan.stakeholders)
                    if any(f.code == "COMMS001" and f.where == f"stakeholders[{index}]" for f in review(plan).findings))
    return {"pillar": missing_pillars(plan), "kpi": blocked, "stakeholder": unheard}


# ---------------------------------------------------------------------------
# 08.3  Make a broken strategy lint-clean
# ---------------------------------------------------------------------------

BROKEN_SOURCE = "08-broken-strategy.yaml"


@cache
def broken_plan() -> Plan:
    """Verde Casa's plan as the kit ships it, before the learner fixes it."""
    return load_plan(_data(BROKEN_SOURCE))


def copy_broken_plan(path: str | os.PathLike[str] = BROKEN_FILE, *, force: bool = False) -> Path:
    """Copy the broken plan to ``path`` for the learner to fix; an existing file is kept unless
    ``force``, so running the cell again never wipes their edits."""
    return keep_or_write(path, _data(BROKEN_SOURCE).read_bytes(), force=force)


# ---------------------------------------------------------------------------
# 08.4  Peer review with the rubric
# ---------------------------------------------------------------------------

EXCERPTS: dict[str, str] = scenarios.value("08", "excerpts", dict[str, str])
"""Rubric criterion id -> what a colleague's strategy says about it (task 08.4)."""
EXPECTED_LEVELS: dict[str, str] = scenarios.value("08", "expected_levels", dict[str, str])
"""The level the rubric gives each excerpt."""


def _criteria() -> dict[str, Any]:
    names, criteria = rubric()
    return {"names": names, "by_id": {criterion.id: criterion for criterion in criteria}}
