"""Lesson 08's tasks, 08.1 to 08.4: each checker with its staged hints, declared on import.

Every expected answer comes from :mod:`~mopskit.lessons.lesson08.cases`; a checker reads the
answer forgivingly and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mopskit.change.plan import Attention, Plan, load_plan, review
from mopskit.change.strategy import PILLARS, funnel_check, missing_pillars, objectives_by_pillar
from mopskit.change.waterfall import outcome
from mopskit.errors import InputError
from mopskit.exercises.checks import (
    Verdict,
    as_number,
    did_you_mean,
    failed,
    match_name,
    name_lookup,
    normalise,
    passed,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.findings import Severity
from mopskit.lessons.lesson08.cases import (
    AVERAGE_DEAL,
    BROKEN_FILE,
    CURRENCY,
    EXCERPTS,
    EXPECTED_LEVELS,
    FUNNEL_RATES,
    INQUIRIES,
    STATED_TARGET,
    _criteria,
    _overall_rate,
    broken_plan,
    draft_plan,
    expected_inquiries,
    expected_review,
    expected_revenue,
    needed,
    supported,
)
from mopskit.wording import join_words, money, plural


def _keyed(answer: Mapping[Any, Any], lookup: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The answer's values under the canonical part names, and the keys no part answers to."""
    found: dict[str, Any] = {}
    unknown: list[str] = []
    for key, value in answer.items():
        part = match_name(key, lookup)
        if part is None:
            unknown.append(repr(key))
        else:
            found[part] = value
    return found, unknown


# ---------------------------------------------------------------------------
# 08.1  A pipeline target the funnel can reach
# ---------------------------------------------------------------------------

ROUND_MARGIN = 0.02
"""How far a learner may round (revenue down, inquiries up) and still pass."""

_PARTS_081 = name_lookup({
    "revenue": ("highest revenue", "highest target", "revenue target", "max revenue", "maximum revenue",
                "target", "supports", "a"),
    "inquiries": ("inquiries needed", "inquiry", "inquiries for the target", "needed", "leads", "b"),
})


def _nearest_each_stage() -> float:
    volume = float(INQUIRIES)
    for rate in FUNNEL_RATES.values():
        volume = float(round(volume * rate))
    return volume * AVERAGE_DEAL


def _revenue_problem(value: float) -> str | None:
    best = expected_revenue()
    if best * (1 - ROUND_MARGIN) <= value <= best:
        return None
    unrounded = INQUIRIES * _overall_rate() * AVERAGE_DEAL
    if value > best:
        if abs(value - unrounded) <= unrounded * 0.01:
            return (f"Revenue {money(value, CURRENCY)} counts a part of a deal: the rates give "
                    f"{INQUIRIES * _overall_rate():.2f} deals, and only whole deals are won. Round down at every "
                    "stage: half a lead does not move on and half a deal is not signed.")
        if abs(value - _nearest_each_stage()) <= 1:
            return (f"Revenue {money(value, CURRENCY)} rounds each stage to the nearest whole number, so half a "
                    "lead or 0.6 of a deal turns into a whole one. Round down at every stage.")
        if abs(value - STATED_TARGET) <= 1:
            return "That is the CEO's target, not what the funnel supports: work down from the inquiries."
        return (f"Revenue {money(value, CURRENCY)} is more than {INQUIRIES:,} inquiries yield at these rates; "
                "a target above the yield is the SMART003 warning.")
    return ("The funnel supports more than that: work each stage down from the inquiries (volume × rate, "
            "rounded down) and multiply the deals won by the average deal.")


def _inquiries_problem(value: float) -> str | None:
    least = expected_inquiries()
    if least <= value <= least * (1 + ROUND_MARGIN):
        return None
    if abs(value - INQUIRIES) < 1:
        return (f"{INQUIRIES:,} is what marketing can generate; the question is how many the CEO's target of "
                f"{money(STATED_TARGET, CURRENCY)} needs.")
    if value < least:
        short = outcome(int(value), FUNNEL_RATES, AVERAGE_DEAL) if value >= 0 else None
        won = f" they yield {plural(short.won, 'deal')}, and the target needs {needed().won}" if short else ""
        close = " Round up, not down: " if value >= least - 1 else " "
        return (f"{value:,.2f}".rstrip("0").rstrip(".") + f" inquiries fall short:{won}.{close}"
                "a lead you are one short of is a deal you do not win.")
    return (f"{value:,.0f} inquiries are more than the target needs: walk up from the deals the target needs, "
            "dividing by each rate and rounding up.")


@task(
    "08.1",
    "A pipeline target the funnel can reach",
    hints=(
        "Part (a) walks down the funnel: inquiries × the Inquiry → MQL rate gives MQLs, × the next rate gives "
        "SALs, and so on to deals won. Revenue is deals won × the average deal.",
        "Only whole leads and whole deals count. Going down, round down at every stage; going up, from the "
        "deals a target needs to the inquiries, divide by each rate and round up.",
        "The lesson's waterfall does the arithmetic: `from mopskit.change.waterfall import outcome, volumes_needed`, "
        "then `outcome(2600, lesson08.FUNNEL_RATES, 18000)` and "
        "`volumes_needed(360000, 18000, lesson08.FUNNEL_RATES)`.",
    ),
    objectives=(4,),
    applied=True,
)
def check_targets(answer: Any) -> Verdict:
    """(a) the highest revenue the funnel supports, (b) the inquiries the stated target needs."""
    example = '{"revenue": 100000, "inquiries": 2000}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with the revenue (a) and the inquiries (b)", answer, example)
    found, unknown = _keyed(answer, _PARTS_081)
    problems = [f"{key} is not a part of this task; the parts are \"revenue\" and \"inquiries\"." for key in unknown]
    right = 0
    for part, check in (("revenue", _revenue_problem), ("inquiries", _inquiries_problem)):
        if part not in found:
            problems.append(f"The answer has no \"{part}\" yet.")
            continue
        value = as_number(found[part])
        if value is None:
            problems.append(f"{found[part]!r} (for {part}) is not a number; write it without a currency or "
                            "commas, e.g. 100000.")
            continue
        problem = check(value)
        if problem is None:
            right += 1
        else:
            problems.append(problem)
    if problems:
        return failed(f"{right} of 2 figures fit the funnel.", problems,
                      "Work it stage by stage (or ask for a hint()).")
    best, least = supported(), expected_inquiries()
    return passed(
        f"Yes. {INQUIRIES:,} inquiries yield {plural(best.won, 'deal')} won, so the funnel supports at most "
        f"{money(best.revenue, CURRENCY)}; the CEO's {money(STATED_TARGET, CURRENCY)} needs {least:,} inquiries, "
        f"{least - INQUIRIES:,} more than marketing can generate. Find them, raise a conversion rate and say how, "
        "agree a lower target, or keep the target as a stretch and write down why: that conversation is the "
        "point of the check."
    )


# ---------------------------------------------------------------------------
# 08.2  Review a draft strategy against the five steps
# ---------------------------------------------------------------------------

_PARTS_082 = name_lookup({
    "pillar": ("pillars", "missing pillar", "framework", "step 2"),
    "kpi": ("kpis", "target", "kpi target", "unreachable kpi", "step 3"),
    "stakeholder": ("stakeholders", "person", "who", "manage closely", "step 4"),
})
_PILLAR_NAMES = name_lookup({"People": ("skills", "people pillar"), "Process": ("processes", "process pillar"),
                             "Technology": ("tech", "tools", "technology pillar", "martech")})


def _kpi_lookup(plan: Plan) -> dict[str, str]:
    aliases: dict[str, tuple[str, ...]] = {}
    for kpi in plan.kpis:
        spellings = [kpi.name]
        if kpi.stage:
            spellings += [kpi.stage, f"{kpi.stage}s", f"{kpi.stage} target", f"{kpi.stage} volume"]
        if kpi.unit:
            spellings.append(kpi.unit)
        aliases[kpi.name] = tuple(spellings)
    return name_lookup(aliases)


def _people_lookup(plan: Plan) -> dict[str, str]:
    return name_lookup({person.name: (person.role, person.name.split()[0]) for person in plan.stakeholders})


def _pillar_problem(value: Any) -> str | None:
    chosen = match_name(value, _PILLAR_NAMES)
    if chosen is None:
        return f"{value!r} is not a pillar; the three are {join_words(list(PILLARS))}."
    if chosen in expected_review()["pillar"]:
        return None
    example = objectives_by_pillar(draft_plan())[chosen][0]
    return f"The draft has a {chosen} objective: \u201c{example}\u201d"


def _kpi_problem(value: Any) -> str | None:
    plan = draft_plan()
    lookup = _kpi_lookup(plan)
    chosen = match_name(value, lookup)
    if chosen is None:
        mean = did_you_mean(value, lookup)
        return f"{value!r} is not one of the draft's KPIs.{mean}"
    if chosen in expected_review()["kpi"]:
        return None
    check = next((c for c in funnel_check(plan) if c.kpi == chosen), None)
    if check is None:
        return (f"{chosen} is not counted on the funnel (it has no stage), so the waterfall cannot say "
                "whether it is reachable; look at the KPIs with a stage.")
    return (f"{chosen} fits: the funnel yields {check.yields:,.0f} against a target of {check.target:,.0f}.")


def _stakeholder_problem(value: Any) -> str | None:
    plan = draft_plan()
    lookup = _people_lookup(plan)
    chosen = match_name(value, lookup)
    if chosen is None:
        mean = did_you_mean(value, lookup)
        return f"{value!r} is not one of the draft's stakeholders.{mean}"
    if chosen in expected_review()["stakeholder"]:
        return None
    person = next(p for p in plan.stakeholders if p.name == chosen)
    if person.quadrant is not Attention.MANAGE_CLOSELY:
        return (f"{chosen} has {person.power} power and {person.interest} interest: not someone to manage "
                "closely, so the plan owes them less than a regular message.")
    return f"{chosen} is managed closely and hears from the plan: a communication names them or their role."


@task(
    "08.2",
    "Review a draft strategy against the five steps",
    hints=(
        "Step 2: each objective starts with its pillar. Which of People, Process and Technology has none?",
        "Step 3: for each KPI with a `stage`, walk the funnel down from the inquiries (round down at every "
        "stage) and compare the yield at that stage with the target.",
        "Step 4: the people to manage closely have high power and high interest. For each, look for a "
        "communication whose audience names them or their role.",
    ),
    objectives=(1, 3, 4, 5),
    applied=True,
)
def check_review(answer: Any) -> Verdict:
    """The pillar with no objective, the KPI above the funnel, the stakeholder nobody communicates with."""
    example = '{"pillar": "People", "kpi": "Sales-qualified leads", "stakeholder": "Marta Ferri"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with a pillar, a KPI and a stakeholder", answer, example)
    found, unknown = _keyed(answer, _PARTS_082)
    problems = [f"{key} is not a part of this task; the parts are \"pillar\", \"kpi\" and \"stakeholder\"."
                for key in unknown]
    right = 0
    for part, check in (("pillar", _pillar_problem), ("kpi", _kpi_problem), ("stakeholder", _stakeholder_problem)):
        if part not in found:
            problems.append(f"The answer has no \"{part}\" yet.")
            continue
        problem = check(found[part])
        if problem is None:
            right += 1
        else:
            problems.append(problem)
    if problems:
        return failed(f"{right} of 3 gaps found.", problems, "Read the draft step by step (or ask for a hint()).")
    gaps = expected_review()
    return passed(
        f"Yes: no {gaps['pillar'][0]} objective, a {gaps['kpi'][0]} target above what the funnel yields, and "
        f"nothing planned to tell {gaps['stakeholder'][0]}. The lint finds the last two (SMART003, COMMS001); "
        "the missing pillar only a reader or `missing_pillars()` catches."
    )


# ---------------------------------------------------------------------------
# 08.3  Make a broken strategy lint-clean
# ---------------------------------------------------------------------------


def _kept(plan: Plan) -> list[str]:
    """What a fix must not delete: tasks, stakeholders, pillars, the funnel and the pipeline KPIs' stages."""
    original = broken_plan()
    problems = []
    gone = [task.id for task in original.tasks if task.id not in {t.id for t in plan.tasks}]
    if gone:
        problems.append(f"The {plural(len(gone), 'task')} {join_words(gone)} {'is' if len(gone) == 1 else 'are'} "
                        "gone; fix a task's RACI or dates instead of deleting it.")
    names = {normalise(person.name) for person in plan.stakeholders}
    left = [person.name for person in original.stakeholders if normalise(person.name) not in names]
    if left:
        problems.append(f"{join_words(left)} {'is' if len(left) == 1 else 'are'} no longer among the stakeholders; "
                        "a stakeholder the lint complains about needs a message, not to be left out.")
    if missing_pillars(plan):
        problems.append(f"No objective for {join_words(list(missing_pillars(plan)))} any more; keep one per pillar.")
    if plan.funnel is None:
        problems.append("The `funnel:` section is gone; without it nothing checks the pipeline targets.")
    else:
        staged = {normalise(kpi.name) for kpi in plan.kpis if kpi.stage is not None}
        unstaged = [kpi.name for kpi in original.kpis if kpi.stage is not None and normalise(kpi.name) not in staged]
        if unstaged:
            problems.append(f"{join_words(unstaged)} no longer {'has' if len(unstaged) == 1 else 'have'} a "
                            "`stage:`; keep it, so the funnel checks the target, and change the target or the "
                            "funnel instead.")
    return problems


@task(
    "08.3",
    "Make a broken strategy lint-clean",
    hints=(
        "Run the cell that prints the findings again after each edit: each finding names a code, where in the "
        "file it is (kpis[2] is the third KPI, counting from 0) and what to do.",
        "A KPI needs an owner; a task needs exactly one Accountable; a task starts after the task it depends "
        "on ends; everyone with high power and high interest needs a communication with their name or role.",
        "For the revenue warning, lower the target to what the funnel yields, or raise the inquiries or a "
        "conversion rate if you can say how, or keep it as a stretch: add a `stretch:` line to the KPI that "
        "says why and what will close the gap. Do not delete the `stage:` line.",
    ),
    objectives=(4, 6),
    applied=True,
)
def check_fixed_plan(answer: Any) -> Verdict:
    """The learner's copy of the broken plan loads, keeps its parts, and lints with no errors or warnings."""
    if not isinstance(answer, (str, os.PathLike)):
        return wrong_shape("the name of your plan file, in quotes", answer, f'"{BROKEN_FILE}"')
    path = Path(answer)
    if not path.is_file():
        return failed(f"There is no file {str(path)!r} in {Path.cwd()}.",
                      suggestion=f"Run the cell that copies the broken plan to {BROKEN_FILE}, then check again.")
    try:
        plan = load_plan(path)
    except InputError as error:
        return failed("The file does not read as a plan yet.", [str(error)],
                      "YAML is strict about indentation and colons: compare the line it names with its neighbours.")
    removed = _kept(plan)
    result = review(plan)
    blocking = [*result.errors, *result.warnings]
    if blocking:
        count = f"{plural(len(result.errors), 'error')} and {plural(len(result.warnings), 'warning')}"
        return failed(f"Not lint-clean yet: {count}." + (" Some parts are gone, too." if removed else ""),
                      [*(str(finding) for finding in blocking), *removed],
                      "Fix each one in the file, save it, and run this cell again.")
    if removed:
        return failed("The lint passes, but the fix removed parts the strategy needs.", removed,
                      "Put them back and fix what the lint said about them instead.")
    advice = [finding for finding in result.findings if finding.severity is Severity.INFO]
    stays = " The info findings (advice, such as an ADKAR barrier point) may stay." if advice else ""
    return passed(f"0 errors and 0 warnings, with every pipeline KPI still on the funnel: the plan is ready for "
                  f"a peer review.{stays}")


# ---------------------------------------------------------------------------
# 08.4  Peer review with the rubric
# ---------------------------------------------------------------------------

CRITERION_ALIASES = {"needs": ("needs", "stakeholders", "stakeholder", "step 1"),
                     "kpis": ("kpis", "kpi", "targets", "step 3")}


def _criterion_lookup() -> dict[str, str]:
    by_id = _criteria()["by_id"]
    return name_lookup({key: (by_id[key].criterion, *CRITERION_ALIASES[key]) for key in EXCERPTS})


def _as_rubric_level(value: Any, names: tuple[str, ...]) -> int | None:
    """'Developing', 'developing' or 2 -> 1 (the index); anything else -> None."""
    if isinstance(value, str):
        folded = {normalise(name): index for index, name in enumerate(names)}
        if value.strip().isdigit():
            value = int(value.strip())
        else:
            return folded.get(normalise(value))
    number = as_number(value)
    if number is None or number != int(number) or not 1 <= number <= len(names):
        return None
    return int(number) - 1


@task(
    "08.4",
    "Peer review with the rubric",
    hints=(
        "Read each criterion's row of the rubric from Beginning up, and stop at the first level whose "
        "description the excerpt does not fully meet.",
        "Every clause of a description counts: 'asked' means the stakeholders were asked, and 'within what the "
        "funnel yields, or kept as a stretch with the reason written down' means each pipeline target was compared "
        "with the funnel and either fits or says why it does not.",
    ),
    objectives=(6,),
    applied=True,
)
def check_rubric_levels(answer: Any) -> Verdict:
    """The rubric level each excerpt reaches: the highest level whose description it fully meets."""
    criteria = _criteria()
    names: tuple[str, ...] = criteria["names"]
    by_id = criteria["by_id"]
    example = '{"Stakeholder needs": "Strong", "KPIs and targets": "Beginning"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each criterion to a rubric level", answer, example)
    found, unknown = _keyed(answer, _criterion_lookup())
    problems = [f"{key} is not one of the two criteria; use {join_words([by_id[k].criterion for k in EXCERPTS])}."
                for key in unknown]
    right = 0
    for key, expected_name in EXPECTED_LEVELS.items():
        criterion = by_id[key]
        if key not in found:
            problems.append(f"{criterion.criterion} has no level yet.")
            continue
        chosen = _as_rubric_level(found[key], names)
        expected = names.index(expected_name)
        if chosen is None:
            problems.append(f"{found[key]!r} (for {criterion.criterion}) is not a level; the levels are "
                            f"{join_words(list(names), 'or')}.")
        elif chosen == expected:
            right += 1
        elif chosen > expected:
            problems.append(f"{criterion.criterion}: {names[chosen]} asks for \u201c{criterion.levels[expected + 1]}\u201d "
                            "Does the excerpt show all of that?")
        else:
            problems.append(f"{criterion.criterion}: the excerpt shows more than {names[chosen]}; read the "
                            f"description of {names[chosen + 1]} again.")
    if problems:
        return failed(f"{right} of {len(EXPECTED_LEVELS)} levels match the rubric.", problems,
                      "Give the highest level whose whole description the excerpt meets (or ask for a hint()).")
    return passed(
        "Yes. The needs are the team's own guesses, so the plan starts at Beginning on the first step; the KPIs "
        "have their five fields, but the revenue target sits above what the funnel yields and the plan gives no "
        "reason to keep it, so Developing. In a review, write one "
        "sentence of evidence beside each level: it is what the author can act on."
    )
