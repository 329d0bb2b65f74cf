"""Exercises for lesson 01, "What is marketing operations?".

The facts come from ``definitions.yaml``, ``pillars.yaml`` and ``facts.yaml`` (an Italian
marketing blog post and Emanuele Villa's 2023 article); this module only decides how each task presents them (labels, a fixed
shuffle) and what a wrong answer tells the learner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from mopskit.content import knowledge
from mopskit.content.types import Definition, Duty, Pillar, PillarId, StrategyStep
from mopskit.exercises.checks import (
    label_of,
    Verdict,
    as_number,
    close_to,
    did_you_mean,
    failed,
    match_name,
    name_lookup,
    normalise,
    passed,
    shorten,
    wrong_shape,
)
from mopskit.wording import join_words, plural
from mopskit.exercises.tasks import task
from mopskit.course.facts import coordination_hours, figure

# ---------------------------------------------------------------------------
# 01.1  Match each definition to its source
# ---------------------------------------------------------------------------

DEFINITION_LABELS = {"A": "g2", "B": "gartner", "C": "hubspot", "D": "forrester-siriusdecisions"}
"""Letter shown to the learner -> definition id, in a fixed order unlike the lesson's."""


def _definitions() -> dict[str, Definition]:
    return {entry.id: entry for entry in knowledge.definitions()}


def definitions_to_match() -> pd.DataFrame:
    """The definitions of task 01.1, labelled A-D, without their sources."""
    definitions = _definitions()
    return pd.DataFrame(
        {
            "Label": list(DEFINITION_LABELS),
            "Definition": [definitions[definition_id].text for definition_id in DEFINITION_LABELS.values()],
        }
    )


@task(
    "01.1",
    "Match each definition to its source",
    hints=(
        "Each definition stresses one thing. Read them again and underline the key phrase: "
        "oversight and planning, alignment and productivity, what happens behind the scenes, "
        "or people, process and technology.",
        "The analyst firm known for yearly planning research (Gartner) defines MOps as overseeing "
        "the marketing programme and its annual planning; the software review site (G2) speaks of "
        "what goes on behind the scenes.",
        "HubSpot's definition is the one that names three pillars; Forrester / SiriusDecisions "
        "wrote the shortest one.",
    ),
)
def check_definition_sources(answer: Any) -> Verdict:
    """Every label A-D maps to the organisation that wrote that definition."""
    definitions = _definitions()
    example = '{"A": "Gartner", "B": "G2", "C": "HubSpot", "D": "Forrester"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a source", answer, example)
    lookup = name_lookup(
        {definition_id: (entry.organisation, *entry.aliases) for definition_id, entry in definitions.items()}
    )
    source_names = join_words([definitions[item].organisation for item in DEFINITION_LABELS.values()])
    labels = join_words(list(DEFINITION_LABELS))
    problems: list[str] = []
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        label = label_of(key)
        if label not in DEFINITION_LABELS:
            problems.append(f"There is no definition {key!r}; the definitions are labelled {labels}.")
            continue
        source = match_name(value, lookup)
        if source is None:
            mean = did_you_mean(value, lookup, shown=lambda key: definitions[key].organisation)
            problems.append(
                f"{value!r} (given for {label}) is not one of the sources here: {source_names}.{mean}"
            )
            continue
        chosen[label] = source
    missing = [label for label in DEFINITION_LABELS if label not in chosen and label not in _given_labels(answer)]
    problems.extend(f"Definition {label} has no source yet." for label in missing)
    for source, labels_given in _grouped(chosen).items():
        if len(labels_given) > 1:
            problems.append(
                f"You gave {definitions[source].organisation} for {join_words(labels_given)}; "
                "each source wrote exactly one of these definitions."
            )
    wrong = [label for label, source in chosen.items() if DEFINITION_LABELS[label] != source]
    for label in wrong:
        quoted = shorten(definitions[DEFINITION_LABELS[label]].text)
        problems.append(f"{label} (“{quoted}”) is not {definitions[chosen[label]].organisation}'s definition.")
    if problems:
        right = sum(DEFINITION_LABELS[label] == source for label, source in chosen.items())
        return failed(
            f"{right} of {len(DEFINITION_LABELS)} definitions are matched to the right source.",
            problems,
            "Look for the phrase each definition stresses, then run check() again (or ask for a hint()).",
        )
    return passed(
        f"All {len(DEFINITION_LABELS)} definitions are matched to their sources. Notice how each "
        "stresses a different side of the same job."
    )


def _given_labels(answer: Mapping[Any, Any]) -> set[Any]:
    return {label_of(key) for key in answer}


def _grouped(chosen: Mapping[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for label, source in sorted(chosen.items()):
        groups.setdefault(source, []).append(label)
    return groups


# ---------------------------------------------------------------------------
# 01.2  Sort the duties into the three pillars
# ---------------------------------------------------------------------------

PILLAR_ALIASES = {
    "people": ("persone", "team", "skills"),
    "process": ("processes", "processi"),
    "technology": ("technologies", "tech", "tecnologie", "martech"),
}
"""Other words a learner may use for a pillar (plural, short or Italian forms)."""


def _pillars() -> dict[PillarId, Pillar]:
    return {pillar.id: pillar for pillar in knowledge.pillars().pillars}


def _duties() -> tuple[Duty, ...]:
    return knowledge.pillars().duties


def duties_to_sort() -> pd.DataFrame:
    """The duties of task 01.2, numbered from 1, without their pillar."""
    duties = _duties()
    return pd.DataFrame({"Number": range(1, len(duties) + 1), "Duty": [duty.text for duty in duties]})


@task(
    "01.2",
    "Sort the MOps duties into the three pillars",
    hints=(
        "Ask of each duty: is it mainly about who does the work and how they talk (people), how the "
        "work flows and is measured (process), or the tools and the data (technology)?",
        "Three duties are about people: training them, opening channels between departments and "
        "coordinating those departments.",
        "Defining metrics and KPIs belongs with process design; choosing tools, integrating them and "
        "sharing data are technology.",
    ),
)
def check_duty_pillars(answer: Any) -> Verdict:
    """Each duty number 1-8 sits in exactly one pillar, the one the kit's content gives it."""
    pillars, duties = _pillars(), _duties()
    example = '{"people": [3, 4], "process": [1], "technology": [2]}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each pillar to a list of duty numbers", answer, example)
    lookup = name_lookup(
        {pillar_id.value: (pillar.name, *PILLAR_ALIASES.get(pillar_id, ())) for pillar_id, pillar in pillars.items()}
    )
    pillar_names = join_words([pillar_id.value for pillar_id in pillars])
    count = len(duties)
    problems: list[str] = []
    placed: dict[int, list[str]] = {}
    for key, value in answer.items():
        pillar = match_name(key, lookup)
        if pillar is None:
            mean = did_you_mean(key, lookup)
            problems.append(f"{key!r} is not a pillar; the three pillars are {pillar_names}.{mean}")
            continue
        numbers = _duty_numbers(value)
        if numbers is None:
            problems.append(f"The {pillar} pillar should be a list of duty numbers, like [1, 5], not {value!r}.")
            continue
        for number in numbers:
            if not 1 <= number <= count:
                problems.append(f"There is no duty {number}; the duties are numbered 1 to {count}.")
                continue
            if pillar not in placed.setdefault(number, []):
                placed[number].append(pillar)
    for number, in_pillars in sorted(placed.items()):
        if len(in_pillars) > 1:
            problems.append(
                f"Duty {number} (“{shorten(duties[number - 1].text)}”) is in both "
                f"{join_words(in_pillars)}; put each duty in one pillar."
            )
    unplaced = [number for number in range(1, count + 1) if number not in placed]
    problems.extend(
        f"Duty {number} (“{shorten(duties[number - 1].text)}”) is in no pillar yet." for number in unplaced
    )
    misplaced = [
        (number, in_pillars[0])
        for number, in_pillars in sorted(placed.items())
        if len(in_pillars) == 1 and in_pillars[0] != duties[number - 1].pillar
    ]
    problems.extend(
        f"Duty {number} (“{shorten(duties[number - 1].text)}”) is not mainly a {pillar} duty."
        for number, pillar in misplaced
    )
    if problems:
        summary = f"{_count_right(placed, duties)} of {count} duties are in the right pillar."
        if misplaced:
            summary += f" You put {plural(len(misplaced), 'duty', 'duties')} in the wrong pillar."
        return failed(
            summary,
            problems,
            "Ask of each duty whether it is about people, process or technology, then check again.",
        )
    return passed(f"All {count} duties are in the right pillar: MOps needs all three pillars to work together.")


def _duty_numbers(value: Any) -> list[int] | None:
    """Duty numbers from a list/tuple/set of whole numbers (or digit strings); one number alone is fine."""
    items = [value] if isinstance(value, (int, str)) else value
    if not isinstance(items, (list, tuple, set, frozenset)):
        return None
    numbers = []
    for item in items:
        if isinstance(item, str) and item.strip().isdigit():
            item = int(item.strip())
        if isinstance(item, bool) or not isinstance(item, int):
            return None
        numbers.append(item)
    return sorted(numbers)


def _count_right(placed: Mapping[int, list[str]], duties: Sequence[Duty]) -> int:
    return sum(in_pillars == [duties[number - 1].pillar] for number, in_pillars in placed.items())


# ---------------------------------------------------------------------------
# 01.3  Hours a team spends coordinating
# ---------------------------------------------------------------------------

TEAM_SIZE = 5
HOURS_PER_PERSON = 40
"""The team of task 01.3: five marketers, each working a 40-hour week."""


def expected_team_coordination_hours() -> tuple[float, float]:
    """Task 01.3's answer, from the one formula in :func:`mopskit.course.facts.coordination_hours`."""
    return coordination_hours(TEAM_SIZE * HOURS_PER_PERSON)


@task(
    "01.3",
    "Hours a team spends coordinating",
    hints=(
        "Start with the team's total working hours in a week: people × hours each.",
        "One Italian marketing blogger estimates collaboration, preparation, coordination and "
        "approvals at 80% to 90% of marketing time. Take 80% and then 90% of the team's total.",
        "80% is 0.8 and 90% is 0.9: answer = (total × 0.8, total × 0.9).",
    ),
)
def check_coordination_hours(answer: Any) -> Verdict:
    """A (low, high) pair of team hours per week at the blogger's estimated 80-90% share."""
    low, high = expected_team_coordination_hours()
    share = figure("coordination-time-share")
    total = TEAM_SIZE * HOURS_PER_PERSON
    example = "answer = (100, 120)   # (low, high) hours per week"
    single = as_number(answer)
    if single is not None:
        if low <= single <= high:
            return failed(
                f"{single:g} hours is inside the range, but the question asks for both ends.",
                suggestion=f"Give the low and the high end as a pair: {example}",
            )
        return wrong_shape("two numbers, the low and the high end of the range", answer, example)
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return wrong_shape("two numbers, the low and the high end of the range", answer, example)
    numbers = [as_number(item) for item in answer]
    given = [number for number in numbers if number is not None]
    if len(given) != len(numbers):
        return wrong_shape("two numbers (not text)", answer, example)
    given_low, given_high = sorted(given)
    if close_to(given_low, low) and close_to(given_high, high):
        return passed(
            f"Between {low:g} and {high:g} of the team's {total:g} weekly hours go to coordination. "
            f"That is {share.label} of the time by one author's estimate, leaving {total - high:g}–"
            f"{total - low:g} hours for everything else. Check it against your team's own time log."
        )
    typical_mistakes = [
        (
            coordination_hours(HOURS_PER_PERSON),
            f"Those are one person's hours; the question asks for the whole team of {TEAM_SIZE}.",
        ),
        (
            (total - high, total - low),
            "That is the time left for everything else (the other 10–20%), not the time spent coordinating.",
        ),
        (
            (low * 100, high * 100),
            "It looks like you multiplied by 80 and 90 instead of 0.8 and 0.9 (80% = 0.8).",
        ),
        (
            (share.low, share.high),
            "Those are the shares of time; multiply them by the team's total weekly hours.",
        ),
        (
            (share.low * 100, share.high * 100),
            "Those are the percentages; take them of the team's total weekly hours.",
        ),
    ]
    for (mistake_low, mistake_high), explanation in typical_mistakes:
        if close_to(given_low, mistake_low, 0.01 * max(1.0, mistake_low)) and close_to(
            given_high, mistake_high, 0.01 * max(1.0, mistake_high)
        ):
            return failed(f"({given_low:g}, {given_high:g}) is not the team's coordination time.", [explanation])
    problems = []
    if not close_to(given_low, low):
        problems.append(f"The low end, {given_low:g}, is {'too high' if given_low > low else 'too low'}.")
    if not close_to(given_high, high):
        problems.append(f"The high end, {given_high:g}, is {'too high' if given_high > high else 'too low'}.")
    return failed(
        f"({given_low:g}, {given_high:g}) is not the team's coordination time.",
        problems,
        "Work out the team's total weekly hours first, then take the low and the high share of it.",
    )


# ---------------------------------------------------------------------------
# 01.4  Put the strategy steps in order
# ---------------------------------------------------------------------------

STEP_LABELS = {
    "A": "kpis-and-targets",
    "B": "tasks-and-timeline",
    "C": "stakeholder-needs",
    "D": "type-of-change",
    "E": "pillar-framework",
}
"""Letter shown to the learner -> strategy step id, shuffled once and kept fixed."""


def _steps() -> dict[str, StrategyStep]:
    return {step.id: step for step in knowledge.pillars().strategy_steps}


def strategy_steps_to_order() -> pd.DataFrame:
    """The strategy steps of task 01.4, labelled A-E, out of order."""
    steps = _steps()
    return pd.DataFrame(
        {"Label": list(STEP_LABELS), "Step": [steps[step_id].text for step_id in STEP_LABELS.values()]}
    )


def correct_step_order() -> list[str]:
    """The labels in the order Emanuele Villa gives the steps (from ``pillars.yaml``)."""
    steps = _steps()
    return sorted(STEP_LABELS, key=lambda label: steps[STEP_LABELS[label]].order)


@task(
    "01.4",
    "Put the MOps strategy steps in order",
    hints=(
        "A strategy starts from the people it serves: what do stakeholders need?",
        "Only once you know the needs can you design the framework (people, process, technology) and "
        "then decide how to measure it.",
        "Change comes after the targets are set, and the last step turns the plan into tasks with dates.",
    ),
)
def check_strategy_order(answer: Any) -> Verdict:
    """The five labels A-E, each once, in Emanuele Villa's order."""
    steps = _steps()
    correct = correct_step_order()
    example = 'answer = ["A", "B", "C", "D", "E"]   # first step first'
    labels = _step_labels(answer)
    if labels is None:
        return wrong_shape("a list of the step labels, first step first", answer, example)
    problems = []
    unknown = [label for label in labels if label not in STEP_LABELS]
    if unknown:
        problems.append(
            f"{join_words([repr(label) for label in unknown])} {'is not a step' if len(unknown) == 1 else 'are not steps'}; "
            f"the steps are labelled {join_words(list(STEP_LABELS))}."
        )
    repeated = sorted({label for label in labels if labels.count(label) > 1 and label in STEP_LABELS})
    if repeated:
        problems.append(f"{join_words(repeated)} appear{'s' if len(repeated) == 1 else ''} more than once.")
    missing = [label for label in STEP_LABELS if label not in labels]
    if missing:
        problems.append(f"{join_words(missing)} {'is' if len(missing) == 1 else 'are'} missing.")
    if problems:
        return failed(
            f"The answer should list each of the {len(STEP_LABELS)} steps exactly once.",
            problems,
            f"Write all five labels in order: {example}",
        )
    if labels == correct:
        return passed(
            "The steps are in order: needs, framework, KPIs and targets, change, then tasks and timeline. "
            "This is the backbone of the capstone strategy."
        )
    if labels == correct[::-1]:
        return failed(
            "Your order is back to front.",
            [f"A strategy starts with {correct[0]} (“{shorten(steps[STEP_LABELS[correct[0]]].text)}”)."],
        )
    in_place = sum(given == expected for given, expected in zip(labels, correct))
    problems = []
    for position, (given, expected) in enumerate(zip(labels, correct), start=1):
        if given == expected:
            continue
        direction = "earlier" if correct.index(given) < position - 1 else "later"
        text = shorten(steps[STEP_LABELS[given]].text)
        problems.append(f"Position {position}: {given} (“{text}”) comes {direction} in the strategy.")
    return failed(
        f"{in_place} of {len(STEP_LABELS)} steps are in the right place.",
        problems,
        "Ask of each step what it needs to be done first, then check again.",
    )


def _step_labels(answer: Any) -> list[str] | None:
    """Labels from a list/tuple of letters or a string such as "C, E, A, D, B"."""
    if isinstance(answer, str):
        items: Sequence[Any] = re.findall(r"[A-Za-z0-9]+", answer)
        if len(items) == 1 and len(items[0]) > 1:
            items = list(items[0])
    elif isinstance(answer, (list, tuple)):
        items = answer
    else:
        return None
    if not all(isinstance(item, str) for item in items):
        return None
    return [normalise(item).upper() for item in items]
