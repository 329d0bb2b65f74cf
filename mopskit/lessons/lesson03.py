"""Lesson 03, "Operating model and maturity": Aurora Living's self-assessment and the exercises.

The levels, the anchors and the responsibilities come from ``operating-model.yaml``
through ``mopskit.frameworks.assess``; every expected answer is computed there (a ranking by
``assess``, the missing responsibilities from the framework's dimensions). This module
holds the exercises' own material (evidence vignettes, a team's scores, a team's job
description, a team's two runs) and says what a typical wrong answer got wrong. The lesson's
worked assessment is Aurora Living's MOps team, read from the sample data of the
``maturity-assessment`` template; its trend sentence is computed here, never typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from mopskit.frameworks.assess import (
    Answer, Answers, Assessment, Dimension, assess, framework, level_name, levels, load_answers,
)
from mopskit.exercises.checks import (
    Verdict, as_number, did_you_mean, failed, judge_each, match_name, name_lookup, passed, wrong_shape,
)
from mopskit.course.facts import figures_frame
from mopskit.exercises.tasks import task
from mopskit.frameworks.assess.frames import (
    anchors_frame, crosswalk_frame, levels_frame, responsibilities_frame, stages_frame,
)
from mopskit.report.document import Table
from mopskit.report.notebook import table
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


def vignettes_to_score() -> Table:
    """The evidence of task 03.1, labelled A-D, with its responsibility and without a level."""
    return table(pd.DataFrame({"Label": list(VIGNETTES),
                               "Responsibility": [_dimension(d).name for d, _, _ in VIGNETTES.values()],
                               "What the team can show": [text for _, text, _ in VIGNETTES.values()]}),
                 "task-03-1")


def rubric_for(label: str) -> Table:
    """The rubric (evidence per level) of the responsibility vignette ``label`` of task 03.1 is about."""
    dimension = VIGNETTES[label.strip().upper()][0]
    return table(anchors_frame(dimension), f"rubric-{dimension}")


def expected_levels() -> dict[str, int]:
    return {label: level for label, (_, _, level) in VIGNETTES.items()}


@task(
    "03.1",
    "From evidence to a maturity level",
    objectives=(4,),
    applied=True,
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


def team_scores_table() -> Table:
    """The table of task 03.2: current, target and weight per responsibility, no gap or priority."""
    return table(pd.DataFrame({"Responsibility": [_dimension(d).name for d in TEAM_SCORES],
                               "Current level": [current for current, _, _ in TEAM_SCORES.values()],
                               "Target level": [target for _, target, _ in TEAM_SCORES.values()],
                               "Weight": [weight for _, _, weight in TEAM_SCORES.values()]}), "task-03-2")


def expected_priorities() -> list[str]:
    return [item.id for item in team_assessment().ranked[:TOP]]


def _names(ids: list[str]) -> str:
    return join_words([_dimension(i).name for i in ids])


@task(
    "03.2",
    "From gaps and weights to priorities",
    objectives=(5,),
    applied=True,
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


def team_job_table() -> Table:
    """The team's own description of its job, task 03.3."""
    return table(pd.DataFrame({"What the MOps team does": list(TEAM_DOES)}), "task-03-3")


def expected_missing() -> list[str]:
    covered = set(TEAM_DOES.values())
    return [d.id for d in framework(GHANTOUS).dimensions if d.id not in covered]


def _responsibilities(answer: Any) -> Verdict | tuple[set[str], list[str]]:
    """A learner's list of Ghantous' responsibilities: the ids it names, and a line per name it
    does not (with a "did you mean"); a wrong shape is a verdict of its own."""
    if isinstance(answer, str) or not isinstance(answer, (list, tuple, set, frozenset)):
        return wrong_shape("a list of responsibility names", answer, '["Strategic planning", "..."]')
    lookup = _lookup()
    problems: list[str] = []
    chosen: set[str] = set()
    for value in answer:
        match = match_name(value, lookup)
        if match is None:
            mean = did_you_mean(value, lookup, shown=lambda key: _dimension(key).name)
            problems.append(f"{value!r} is not one of Ghantous' seven responsibilities.{mean}")
        else:
            chosen.add(match)
    return chosen, problems


@task(
    "03.3",
    "What a martech-only MOps team is missing",
    objectives=(1, 2),
    applied=True,
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
    read = _responsibilities(answer)
    if isinstance(read, Verdict):
        return read
    chosen, problems = read
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


# ---------------------------------------------------------------------------
# 03.4  What changed since last time
# ---------------------------------------------------------------------------

TWO_RUNS = {
    "strategic-planning": (2, 2),
    "financial-management": (1, 2),
    "performance-measurement": (2, 3),
    "martech-infrastructure": (3, 3),
    "marketing-sales-alignment": (1, 1),
    "operational-excellence": (3, 2),
    "learning-development": (1, 2),
}
"""Dimension id -> (the team's level last quarter, its level now) in task 03.4."""


def two_runs_table() -> Table:
    """The table of task 03.4: each responsibility's level last quarter and now, without the change."""
    return table(pd.DataFrame({"Responsibility": [_dimension(d).name for d in TWO_RUNS],
                               "Level last quarter": [before for before, _ in TWO_RUNS.values()],
                               "Level now": [now for _, now in TWO_RUNS.values()]}), "task-03-4")


def expected_unmoved() -> list[str]:
    return [dimension for dimension, (before, now) in TWO_RUNS.items() if before == now]


@task(
    "03.4",
    "What did not move since last time?",
    objectives=(5,),
    applied=True,
    hints=(
        "Compare the two columns row by row: the change is the level now minus the level last quarter.",
        "A change of 0 means the responsibility did not move. A negative change is a move too, downwards.",
        "Count every row with a change of 0, whatever its level: a low level that stayed low is the "
        "easiest one to miss.",
    ),
)
def check_unmoved(answer: Any) -> Verdict:
    """The responsibilities whose level is the same in both runs."""
    read = _responsibilities(answer)
    if isinstance(read, Verdict):
        return read
    chosen, problems = read
    expected = set(expected_unmoved())
    for dimension in sorted(chosen - expected, key=list(TWO_RUNS).index):
        before, now = TWO_RUNS[dimension]
        way = "up" if now > before else "down"
        problems.append(f"{_dimension(dimension).name} moved {way}, from {before} to {now}.")
    for dimension in sorted(expected - chosen, key=list(TWO_RUNS).index):
        level = TWO_RUNS[dimension][0]
        problems.append(f"{_dimension(dimension).name} is missing: it stayed at {level} ({level_name(level)}).")
    if problems:
        return failed(
            f"{len(chosen & expected)} of the {len(expected)} responsibilities that did not move are in your answer.",
            problems,
            "Subtract last quarter's level from today's for every row; keep the rows where the result is 0.",
        )
    return passed(
        f"Yes: {_names(expected_unmoved())} did not move. The sentence a team writes about its trend should "
        "count these too: they show where last quarter's plan did not reach."
    )


# ---------------------------------------------------------------------------
# The lesson: Aurora Living's self-assessment
# ---------------------------------------------------------------------------

CMO_SURVEY = ["martech-top-weakness", "martech-weakness-blamed-on-resources", "cmos-calling-mops-vital",
              "budget-share-on-mops"]
"""The figures of Gartner's CMO Spend Survey 2019-2020 that Ghantous reports (facts.yaml ids)."""


def ghantous_table() -> Table:
    """Ghantous' seven responsibilities of marketing operations, each with what it covers."""
    return table(responsibilities_frame(GHANTOUS), "ghantous")


def cmo_survey_table() -> Table:
    """Gartner's CMO Spend Survey figures as Ghantous reports them, with their sources."""
    return table(figures_frame(CMO_SURVEY), "cmo-survey")


def siriusdecisions_table() -> Table:
    """SiriusDecisions' four core responsibilities of marketing operations."""
    return table(responsibilities_frame("siriusdecisions"), "siriusdecisions")


def crosswalk_table() -> Table:
    """The kit's reading of where each of Ghantous' seven sits among SiriusDecisions' four."""
    return table(crosswalk_frame(), "crosswalk")


def levels_table() -> Table:
    """The five maturity levels, named after the Capability Maturity Model."""
    return table(levels_frame(), "levels")


def alignment_rubric() -> Table:
    """The evidence a team can show at each level of marketing-sales alignment."""
    return table(anchors_frame("marketing-sales-alignment"), "anchors-alignment")


def stages_table() -> Table:
    """The Pedowitz Group's four stages of revenue marketing."""
    return table(stages_frame(), "stages")


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven")


def sample_assessment() -> Assessment:
    """Aurora Living's MOps team: this quarter's answers, compared with last quarter's report."""
    folder = Path(str(resources.files("mopskit") / "data" / "maturity-assessment"))
    return assess(load_answers(folder / "answers.csv"), previous=folder / "previous.json")


def _count(number: int) -> str:
    """'one responsibility', 'three responsibilities': the trend sentence counts in words."""
    word = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)
    return f"{word} {'responsibility' if number == 1 else 'responsibilities'}"


def trend_sentence(result: Assessment) -> str:
    """One sentence on the change since the earlier run, counted from the result: how many
    responsibilities moved up, moved down and stayed put, and which."""
    if result.trend is None:
        return "There is no earlier run to compare with."
    compared = [change for change in result.trend if change.change is not None]
    groups = (
        ("moved up", [c for c in compared if (c.change or 0) > 0]),
        ("moved down", [c for c in compared if (c.change or 0) < 0]),
        ("did not move", [c for c in compared if c.change == 0]),
    )
    parts = []
    for verb, changes in groups:
        if not changes:
            continue
        steps = {abs(change.change or 0) for change in changes}
        size = " one level" if verb != "did not move" and steps == {1} else ""
        names = join_words([change.dimension.name[:1].lower() + change.dimension.name[1:] for change in changes])
        parts.append(f"{_count(len(changes))} {verb}{size} ({names})")
    unscored = len(result.trend) - len(compared)
    if unscored:
        parts.append(f"{_count(unscored)} {'was' if unscored == 1 else 'were'} not scored last time")
    sentence = join_words(parts)
    return sentence[:1].upper() + sentence[1:] + "."
