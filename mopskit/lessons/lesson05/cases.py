"""Lesson 05's cases: the plan files the exercises read and the lesson's own material.

The exercises read real plan files, ``mopskit/data/exercises/05-broken-plan.yaml`` (tasks 05.1 to
05.4) and ``05-uberflip-draft.yaml`` (task 05.5); the lesson's own material (its practices and
Kotter tables, the people each task asks about, the fixes task 05.5 offers) is read from
``mopskit/lessons/data/lesson05.yaml``. Every expected answer comes from ``mopskit.change.plan``:
the broken RACI rows from ``lint``'s RACI001/RACI002 findings, the barrier point from
``Adkar.barrier`` and its practice from the lint's ADKAR001 mapping, the quadrant from
``Stakeholder.quadrant``, the uninformed stakeholder from COMMS001 and the findings of task 05.5
from ``lint`` itself.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from mopskit.change.plan import Plan, lint, load_plan
from mopskit.change.plan.lint import Finding
from mopskit.lessons import scenarios


def plan_file(name: str) -> Path:
    """A plan shipped with the kit: ``"change-plan"`` (Aurora Living's), ``"05-broken-plan"`` or
    ``"05-uberflip-draft"``."""
    folder = "change-plan/plan.yaml" if name == "change-plan" else f"exercises/{name}.yaml"
    return Path(str(resources.files("mopskit") / "data" / folder))


@cache
def sample_plan() -> Plan:
    """Aurora Living's change plan: the stack audit of lesson 04, carried out."""
    return load_plan(plan_file("change-plan"))


@cache
def broken_plan() -> Plan:
    """The draft plan tasks 05.1 to 05.4 read, with its mistakes: moving the emails to Mailchimp."""
    return load_plan(plan_file("05-broken-plan"))


@cache
def uberflip_draft() -> Plan:
    """The draft plan task 05.5 lints: retiring Uberflip."""
    return load_plan(plan_file("05-uberflip-draft"))


# ---------------------------------------------------------------------------
# What the lesson's tables show
# ---------------------------------------------------------------------------

class Practice(NamedTuple):
    """One of Ghantous' practices for a change of operating model, and what it means."""

    practice: str
    means: str


class KotterStep(NamedTuple):
    """One of Kotter's eight steps, with what it looks like in Aurora Living's plan."""

    step: str
    example: str


PRACTICES_SEED = scenarios.build_each(Practice, "05", "practices")
"""Ghantous' practices for a change of operating model (Smart Insights, January 2020), in her order."""

KOTTER_STEPS = scenarios.build_each(KotterStep, "05", "kotter_steps")
"""Kotter's eight steps in the words of Leading Change (1996), each with what it looks like in
Aurora Living's plan."""

ADKAR_LOW_SCORE_MEANS: dict[str, str] = scenarios.value("05", "adkar_low_score_means", dict[str, str])
"""What a low score on each ADKAR element means."""

ADKAR_WHO_LEADS: dict[str, str] = scenarios.value("05", "adkar_who_leads", dict[str, str])
"""Who usually works on each ADKAR element (Prosci: the sponsor, the person's manager as coach)."""


# ---------------------------------------------------------------------------
# 05.1  Fix the RACI
# ---------------------------------------------------------------------------

def expected_raci_problems() -> dict[str, str]:
    """Task id -> its problem, from the lint's RACI001 and RACI002 findings on the draft plan."""
    plan = broken_plan()
    by_place = {f"{t.where}.raci": t for t in plan.tasks}
    found: dict[str, str] = {}
    for finding in lint(plan):
        current = by_place.get(finding.where)
        if current is None or finding.code not in ("RACI001", "RACI002"):
            continue
        if finding.code == "RACI001":
            found[current.id] = "no responsible"
        else:
            found[current.id] = "no accountable" if not current.raci.accountable else "two accountable"
    return found


# ---------------------------------------------------------------------------
# 05.2  The barrier point and what addresses it
# ---------------------------------------------------------------------------

ADKAR_PEOPLE: tuple[str, ...] = scenarios.value("05", "adkar_people", tuple[str, ...])
"""The stakeholders of task 05.2."""

PRACTICE_LETTERS: dict[str, str] = scenarios.value("05", "practice_letters", dict[str, str])
"""The practices of task 05.2 in a shuffled order, so the letter does not give the element away."""


def expected_barriers() -> dict[str, tuple[str, str]]:
    """Name -> (barrier element, the letter of its practice)."""
    letters = {element: letter for letter, element in PRACTICE_LETTERS.items()}
    people = {person.name: person for person in broken_plan().stakeholders}
    found = {}
    for name in ADKAR_PEOPLE:
        adkar = people[name].adkar
        assert adkar is not None and adkar.barrier is not None
        found[name] = (adkar.barrier, letters[adkar.barrier])
    return found


# ---------------------------------------------------------------------------
# 05.3  The power/interest grid, from people described in words
# ---------------------------------------------------------------------------

class GridPerson(NamedTuple):
    """A stakeholder of the draft as task 05.3 describes them: what the move means for them."""

    name: str
    description: str


GRID_DESCRIBED = scenarios.build_each(GridPerson, "05", "grid_people")
"""The five people task 05.3 describes, in the task's order."""

GRID_PEOPLE: tuple[str, ...] = tuple(person.name for person in GRID_DESCRIBED)
"""The stakeholders task 05.3 asks to place."""


def expected_quadrants() -> dict[str, str]:
    people = {person.name: person for person in broken_plan().stakeholders}
    return {name: people[name].quadrant for name in GRID_PEOPLE}


# ---------------------------------------------------------------------------
# 05.4  Who is left out of the communications
# ---------------------------------------------------------------------------

def expected_uninformed() -> str:
    """The one stakeholder COMMS001 finds in the draft plan."""
    plan = broken_plan()
    (finding,) = (f for f in lint(plan) if f.code == "COMMS001")
    index = int(finding.where.split("[")[1].rstrip("]"))
    return plan.stakeholders[index].name


# ---------------------------------------------------------------------------
# 05.5  Read the lint and fix the plan
# ---------------------------------------------------------------------------

LINT_FIXES: dict[str, str] = scenarios.value("05", "lint_fixes", dict[str, str])
"""The fixes task 05.5 offers, lettered."""

LINT_FIX_KEY: dict[str, str] = scenarios.value("05", "lint_fix_key", dict[str, str])
"""The right fix for each rule the Uberflip draft breaks, by rule code."""

LINT_FIX_WHY_NOT: dict[str, str] = scenarios.value("05", "lint_fix_why_not", dict[str, str])
"""Why a tempting wrong fix fails, by its letter."""


def uberflip_findings() -> tuple[Finding, ...]:
    """What the kit's lint finds in the Uberflip draft, in its order (errors, warnings, notes)."""
    return lint(uberflip_draft())


def expected_fixes() -> dict[str, str]:
    """Finding number ("1") -> the letter of its fix."""
    return {str(number): LINT_FIX_KEY[finding.code] for number, finding in enumerate(uberflip_findings(), 1)}
