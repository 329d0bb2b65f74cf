"""Exercises for lesson 03, "Operating model and maturity": apply the rubric and the ranking.

The levels, the anchors and the responsibilities come from ``operating-model.yaml``
through ``mopskit.frameworks.assess``; every expected answer is computed there (a ranking by
``assess``, the missing responsibilities from the framework's dimensions). This module
holds the exercises' own material (evidence vignettes, a team's scores, a team's job
description) and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from mopskit.frameworks.assess import Answer, Answers, Assessment, Dimension, assess, framework, level_name, levels
from mopskit.exercises.checks import (
    Verdict,
    as_number,
    did_you_mean,
    failed,
    judge_each,
    match_name,
    name_lookup,
    passed,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.wording import join_words

GHANTOUS = "ghantous"

DIMENSION_ALIASES = {
    "strategic-planning": ("planning", "strategy", "strategic plan", "marketing plan", "plan"),
    "financial-management": ("finance", "financial", "budget", "budgeting", "budget management", "finances"),
    "performance-measurement": ("measurement", "performance", "reporting", "measuring performance", "analytics",
                                "marketing performance measurement", "performance measure"),
    "martech-infrastructure": ("martech", "infrastructure", "technology", "stack", "martech stack",
                               "marketing infrastructure", "tech", "tools"),
    "marketing-sales-alignment": ("sales alignment", "alignment", "marketing and sales alignment",
                                  "sales and marketing alignment", "sales marketing alignment",
                                  "alignment with sales", "marketing sales"),
    "operational-excellence": ("excellence", "operations", "process", "processes", "ways of working",
                               "marketing excellence", "operational", "process excellence"),
    "learning-development": ("learning", "training", "development", "l&d", "learning & development",
                             "learning development", "enablement", "learning and development"),
}
"""Other ways a learner may name Ghantous' responsibilities (any case, spacing, singular or plural)."""


def _lookup() -> dict[str, str]:
    names = {d.id: (d.name, *DIMENSION_ALIASES.get(d.id, ())) for d in framework(GHANTOUS).dimensions}
    return name_lookup({key: (*spellings, *(s + "s" for s in spellings)) for key, spellings in names.items()})


def _dimension(dimension_id: str) -> Dimension:
    return framework(GHANTOUS).dimension(dimension_id)


def _as_level(value: Any) -> int | None:
    """3, 3.0, "3" or "Defined" -> 3; anything else -> None."""
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            value = int(text)
        else:
            names = {level.name.casefold(): level.level for level in levels()}
            return names.get(text.casefold())
    number = as_number(value)
    if number is None or number != int(number) or not 1 <= number <= 5:
        return None
    return int(number)


# ---------------------------------------------------------------------------
# 03.1  From evidence to a maturity level
# ---------------------------------------------------------------------------

VIGNETTES = {
    "A": ("performance-measurement",
          "Lead, MQL and pipeline have written definitions that everyone has seen, and one dashboard uses "
          "them. Someone refreshes the dashboard by hand before the monthly meeting, when they remember; "
          "the meeting discusses it but no decisions or owners come out of it.", 3),
    "B": ("marketing-sales-alignment",
          "Every Friday marketing exports the week's new leads to a spreadsheet for the sales team. Sales "
          "often says the leads are poor, but nobody has written down what a good lead is.", 2),
    "C": ("financial-management",
          "Budget and actual spend are tracked every month per programme, with purchase orders linked. Each "
          "quarter the CMO and finance compare every programme's spend with the pipeline it brought, and "
          "the next quarter's budget follows that comparison. Within a quarter, money moves only when "
          "someone argues for it.", 4),
    "D": ("learning-development",
          "People learn the tools from vendors' videos or by asking the colleague who set them up. An "
          "onboarding guide has been on the to-do list for a year.", 1),
}
"""Label -> (dimension id, what the team can show, the level the rubric gives that evidence)."""


def vignettes_to_score() -> pd.DataFrame:
    """The evidence of task 03.1, labelled A-D, with its responsibility and without a level."""
    return pd.DataFrame({"Label": list(VIGNETTES),
                         "Responsibility": [_dimension(d).name for d, _, _ in VIGNETTES.values()],
                         "What the team can show": [text for _, text, _ in VIGNETTES.values()]})


def expected_levels() -> dict[str, int]:
    return {label: level for label, (_, _, level) in VIGNETTES.items()}


@task(
    "03.1",
    "From evidence to a maturity level",
    hints=(
        "Open the rubric of each responsibility (the table under the vignettes) and read it from level 1 up.",
        "Stop at the first level whose evidence the team cannot show: the answer is the level just below it. "
        "A plan, a wish or 'when they remember' is not evidence.",
        "Every word in a level counts. Level 4 of operational excellence, for example, asks for measured "
        "process times *and* a schedule on which the figures are reviewed.",
    ),
)
def check_levels(answer: Any) -> Verdict:
    """Each label A-D maps to the highest level whose evidence the vignette shows."""
    example = '{"A": 2, "B": 3, "C": 1, "D": 5}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a level from 1 to 5", answer, example)
    expected = expected_levels()

    def judge(label: str, value: Any) -> list[str]:
        chosen = _as_level(value)
        if chosen is None:
            return [f"{value!r} (for {label}) is not a level; write a whole number from 1 to 5."]
        dimension = _dimension(VIGNETTES[label][0])
        if chosen == expected[label]:
            return []
        if chosen > expected[label]:
            return [f"{label} ({dimension.name}): level {chosen} ({level_name(chosen)}) asks for more "
                    "than the team can show. Check each level below it, word by word."]
        return [f"{label} ({dimension.name}): the team can show the evidence of level "
                f"{chosen + 1} ({level_name(chosen + 1)}) too: \u201c{dimension.anchor(chosen + 1)}\u201d"]

    right, problems = judge_each(
        answer, list(VIGNETTES), judge, missing="Vignette {name} has no level yet.",
        unknown=lambda key: f"There is no vignette {key!r}; the vignettes are labelled {join_words(list(VIGNETTES))}.")
    if problems:
        return failed(
            f"{right} of {len(VIGNETTES)} levels match the rubric.",
            problems,
            "A team scores the highest level whose evidence it can point to; check again (or ask for a hint()).",
        )
    return passed(
        f"All {len(VIGNETTES)} levels match the rubric. In a real team, write the evidence next to each score: "
        "it is what you will talk about when two people disagree."
    )


# ---------------------------------------------------------------------------
# 03.2  From gaps and weights to priorities
# ---------------------------------------------------------------------------

TEAM_SCORES = {
    "strategic-planning": (2, 4, 1.0),
    "financial-management": (1, 2, 1.0),
    "performance-measurement": (2, 4, 2.0),
    "martech-infrastructure": (3, 4, 1.0),
    "marketing-sales-alignment": (1, 4, 1.0),
    "operational-excellence": (2, 3, 1.5),
    "learning-development": (1, 2, 1.0),
}
"""Dimension id -> (current level, target level, weight) the team of task 03.2 agreed on."""
TOP = 3


def team_scores() -> Answers:
    """The team's agreed scores of task 03.2, as answers the assessment reads."""
    return Answers(framework=framework(GHANTOUS), answers=tuple(
        Answer(respondent="The team", dimension=dimension_id, current=current, target=target, weight=weight)
        for dimension_id, (current, target, weight) in TEAM_SCORES.items()
    ))


def team_assessment() -> Assessment:
    return assess(team_scores())


def team_scores_table() -> pd.DataFrame:
    """The table of task 03.2: current, target and weight per responsibility, no gap or priority."""
    return pd.DataFrame({"Responsibility": [_dimension(d).name for d in TEAM_SCORES],
                         "Current level": [current for current, _, _ in TEAM_SCORES.values()],
                         "Target level": [target for _, target, _ in TEAM_SCORES.values()],
                         "Weight": [weight for _, _, weight in TEAM_SCORES.values()]})


def expected_priorities() -> list[str]:
    return [item.id for item in team_assessment().ranked[:TOP]]


def _names(ids: list[str]) -> str:
    return join_words([_dimension(i).name for i in ids])


@task(
    "03.2",
    "From gaps and weights to priorities",
    hints=(
        "For each responsibility, the gap is the target level minus the current level.",
        "The priority is the gap multiplied by the weight: a weight of 2 makes a gap count twice.",
        "Sort by priority, highest first, and keep the first three. A low current level alone does not make a "
        "priority: what counts is the distance to the target, weighted.",
    ),
)
def check_priorities(answer: Any) -> Verdict:
    """The three responsibilities with the highest priority (gap x weight), highest first."""
    example = '["Strategic planning", "...", "..."]'
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return wrong_shape(f"a list of {TOP} responsibility names, highest priority first", answer, example)
    lookup = _lookup()
    chosen: list[str] = []
    for value in answer:
        match = match_name(value, lookup)
        if match is None:
            mean = did_you_mean(value, lookup, shown=lambda key: _dimension(key).name)
            return failed(f"{value!r} is not one of Ghantous' responsibilities.{mean}",
                          suggestion="Use the names in the first column of the table.")
        chosen.append(match)
    if len(chosen) != TOP:
        return failed(f"The answer names {len(chosen)} responsibilities; the team asked for its top {TOP}.",
                      suggestion=f"Write a list of {TOP} names, highest priority first.")
    if len(set(chosen)) != len(chosen):
        return failed("The same responsibility appears twice.", suggestion=f"Name {TOP} different ones.")
    result = team_assessment()
    expected = expected_priorities()
    if chosen == expected:
        return passed(
            f"Yes: {_names(expected)}, in that order. The weight lifted {result.ranked[0].name} above the biggest "
            "gap. The ranking is where the conversation starts: the team still decides what it can take on."
        )
    by_gap = [item.id for item in sorted(result.dimensions, key=lambda d: -d.gap)][:TOP]
    lowest = [item.id for item in sorted(result.dimensions, key=lambda d: d.current)][:TOP]
    if chosen == by_gap:
        return failed("That is the order of the gaps alone: the weights are left out.",
                      suggestion="Multiply each gap by its weight, then sort.")
    if set(chosen) == set(expected):
        return failed("The right three, but not in order of priority.",
                      suggestion="Put the one with the highest gap × weight first.")
    if set(chosen) == set(lowest):
        return failed("Those are the lowest current levels, not the biggest priorities.",
                      suggestion="A priority is the distance to the target (the gap), times the weight.")
    found = [i for i in chosen if i in expected]
    return failed(f"{len(found)} of the {TOP} are among the top {TOP}.",
                  suggestion="Work out gap × weight for every row, then take the three highest.")


# ---------------------------------------------------------------------------
# 03.3  What a "martech-only" MOps team is missing
# ---------------------------------------------------------------------------

TEAM_DOES = {
    "Keep the marketing automation platform, the CRM and the webinar tool connected and running":
        "martech-infrastructure",
    "Fix the data sync errors between the tools": "martech-infrastructure",
    "Set up tool accounts and licences for new colleagues": "martech-infrastructure",
    "Build the weekly campaign dashboard that everyone gets by email": "performance-measurement",
}
"""What the team of task 03.3 says it does -> the responsibility that activity belongs to."""


def team_job_table() -> pd.DataFrame:
    """The team's own description of its job, task 03.3."""
    return pd.DataFrame({"What the MOps team does": list(TEAM_DOES)})


def expected_missing() -> list[str]:
    covered = set(TEAM_DOES.values())
    return [d.id for d in framework(GHANTOUS).dimensions if d.id not in covered]


@task(
    "03.3",
    "What a martech-only MOps team is missing",
    hints=(
        "First give each activity in the table one of Ghantous' seven responsibilities.",
        "Then list the responsibilities that no activity covers. Helping a colleague get a login is "
        "looking after the tools; it does not teach the way of working.",
        "Ghantous' warning in the lesson names the kind of work such teams leave out: processes, policies, "
        "change. Check each of the seven against the table.",
    ),
)
def check_missing(answer: Any) -> Verdict:
    """The responsibilities of Ghantous' seven that none of the team's activities covers."""
    example = '["Strategic planning", "..."]'
    if isinstance(answer, str) or not isinstance(answer, (list, tuple, set, frozenset)):
        return wrong_shape("a list of responsibility names", answer, example)
    lookup = _lookup()
    problems: list[str] = []
    chosen: set[str] = set()
    for value in answer:
        match = match_name(value, lookup)
        if match is None:
            mean = did_you_mean(value, lookup, shown=lambda key: _dimension(key).name)
            problems.append(f"{value!r} is not one of Ghantous' responsibilities.{mean}")
            continue
        chosen.add(match)
    expected = set(expected_missing())
    covered = set(TEAM_DOES.values())
    for dimension_id in sorted(chosen & covered):
        doing = next(activity for activity, d in TEAM_DOES.items() if d == dimension_id)
        problems.append(f"{_dimension(dimension_id).name} is covered: the team does \u201c{doing.lower()}\u201d.")
    missed = len(expected - chosen)
    if missed:
        problems.append(f"{missed} more {'responsibility is' if missed == 1 else 'responsibilities are'} "
                        "missing from the team's job.")
    if problems:
        return failed(f"{len(chosen & expected)} of {len(expected)} missing responsibilities found.", problems,
                      "Check each of the seven against the table (or ask for a hint()).")
    return passed(
        f"Yes: {_names(expected_missing())}. This team runs the stack and reports on it, which Ghantous "
        "counts as part of the job, not the job: nobody owns the plan, the budget, the hand-off to sales, the "
        "way campaigns are run or teaching it."
    )
