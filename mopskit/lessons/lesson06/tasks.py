"""Lesson 06's tasks, 06.1 to 06.3: each checker with its staged hints, declared on import.

Every expected answer comes from the cases (:mod:`.cases`); a checker reads the answer forgivingly
and says what a typical wrong answer got wrong. The rates a learner sees are rounded (whole
percents in the lesson's waterfalls, one decimal in the exercise), so a check accepts every answer
those rounded rates can lead to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mopskit.change.kpis import kpis_from_records
from mopskit.change.waterfall import STAGES, outcome, volumes_needed
from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.exercises.checks import (
    Verdict, as_number, failed, label_of, match_name, name_lookup, normalise, passed, wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.forms.kpi import KpiForm
from mopskit.io.tables import parse_number
from mopskit.lessons.lesson06.cases import (
    AVERAGE_DEAL, CANDIDATES, CURRENCY, NEED, PLAN_RATES, TARGET_06_1, VOLUME_06_3, _figure_text,
    accepted_inquiries, expected_unrealistic, observed_rates, plan_funnel,
)
from mopskit.wording import join_words, money


# ---------------------------------------------------------------------------
# 06.1  Funnel arithmetic on the observed rates
# ---------------------------------------------------------------------------

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

GENERIC_NAMES = {normalise(name) for name in ("data quality", "lead quality", "quality", "kpi", "leads", "mqls")}
"""Names too vague to be specific: they do not say what is counted, of which leads."""


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
