"""Lesson 01's tasks, 01.1 to 01.4: each checker with its staged hints, declared on import.

Every expected answer comes from the cases (:mod:`.cases`); a checker reads the answer forgivingly
and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mopskit.content import knowledge
from mopskit.course.facts import figure
from mopskit.exercises.checks import (
    Verdict, as_number, did_you_mean, failed, judge_each, label_of, match_name, name_lookup, passed, shorten,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.lessons.lesson01.cases import (
    JOB_AD, PILLAR_ALIASES, SITUATIONS, STATEMENTS, TIME_LOG, _definitions, _summary, expected_coordination_share,
)
from mopskit.wording import join_words, plural


# ---------------------------------------------------------------------------
# 01.1  Which definition does each new statement echo?
# ---------------------------------------------------------------------------

@task(
    "01.1",
    "Which definition does each statement echo?",
    hints=(
        "Go back to what each definition stresses: oversight and planning (Gartner), alignment and "
        "productivity (Forrester / SiriusDecisions), the processes behind the scenes (G2), people, process "
        "and technology (HubSpot).",
        "Underline the words in each statement that carry its idea: an annual plan and a calendar; "
        "agreeing and shipping; what customers never see; skills, ways of working and tools.",
        "Each statement echoes a different definition, so each of the four organisations is used once.",
    ),
    objectives=(1,),
    applied=True,
)
def check_statement_sources(answer: Any) -> Verdict:
    """Every label A-D maps to the organisation whose definition that statement echoes."""
    definitions = _definitions()
    example = '{"A": "Gartner", "B": "G2", "C": "HubSpot", "D": "Forrester"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to an organisation", answer, example)
    lookup = name_lookup(
        {definition_id: (entry.organisation, *entry.aliases) for definition_id, entry in definitions.items()}
    )
    names = join_words([entry.organisation for entry in definitions.values()])
    labels = join_words(list(STATEMENTS))
    problems: list[str] = []
    chosen: dict[str, str] = {}
    given: set[str] = set()
    for key, value in answer.items():
        label = label_of(key)
        if label not in STATEMENTS:
            problems.append(f"There is no statement {key!r}; the statements are labelled {labels}.")
            continue
        given.add(label)
        source = match_name(value, lookup)
        if source is None:
            mean = did_you_mean(value, lookup, shown=lambda key: definitions[key].organisation)
            problems.append(f"{value!r} (given for {label}) is not one of the four: {names}.{mean}")
            continue
        chosen[label] = source
    problems.extend(f"Statement {label} has no organisation yet." for label in STATEMENTS if label not in given)
    for source, labels_given in _grouped(chosen).items():
        if len(labels_given) > 1:
            problems.append(
                f"You gave {definitions[source].organisation} for {join_words(labels_given)}; "
                "each statement echoes a different definition."
            )
    for label, source in chosen.items():
        statement = STATEMENTS[label]
        if source != statement.source:
            problems.append(
                f"{label} (“{shorten(statement.text)}”) is closer to another definition than to "
                f"{definitions[source].organisation}'s ({definitions[source].focus.split(':')[0].lower()})."
            )
    if problems:
        right = sum(STATEMENTS[label].source == source for label, source in chosen.items())
        return failed(
            f"{right} of {len(STATEMENTS)} statements are matched to the definition they echo.",
            problems,
            "Look for the words that carry each statement's idea, then run check() again (or ask for a hint()).",
        )
    reasons = "; ".join(f"{label}: {statement.why}" for label, statement in STATEMENTS.items())
    return passed(
        f"All {len(STATEMENTS)} statements are matched. {reasons}. Job ads rarely name a definition: "
        "reading which one they echo tells you what the company expects of MOps."
    )


def _grouped(chosen: Mapping[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for label, source in sorted(chosen.items()):
        groups.setdefault(source, []).append(label)
    return groups


# ---------------------------------------------------------------------------
# 01.2  Sort the duties of a job ad into the three pillars
# ---------------------------------------------------------------------------

def _pillar_lookup() -> dict[str, str]:
    pillars = knowledge.pillars().pillars
    return name_lookup({pillar.id.value: (pillar.name, *PILLAR_ALIASES.get(pillar.id.value, ())) for pillar in pillars})


@task(
    "01.2",
    "Sort the duties of a job ad into the three pillars",
    hints=(
        "Ask of each duty: is it mainly about who does the work and how they learn and talk (people), how "
        "the work flows and is measured (process), or the tools and the data (technology)?",
        "Three duties are about people: onboarding, a meeting between two departments, and planning "
        "who learns what.",
        "Rules, checklists, a workflow and how results are measured are process; connecting, choosing and "
        "cleaning the tools and their data are technology.",
    ),
    objectives=(2,),
    applied=True,
)
def check_duty_pillars(answer: Any) -> Verdict:
    """Each duty number sits in one pillar: the one it mainly serves, or a second one it can defend."""
    duties = JOB_AD.duties
    example = '{"people": [3, 4], "process": [1], "technology": [2]}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each pillar to a list of duty numbers", answer, example)
    lookup = _pillar_lookup()
    pillar_names = join_words(list(PILLAR_ALIASES))
    count = len(duties)
    problems: list[str] = []
    placed: dict[int, list[str]] = {}
    for key, value in answer.items():
        pillar = match_name(key, lookup)
        if pillar is None:
            problems.append(f"{key!r} is not a pillar; the three pillars are {pillar_names}.{did_you_mean(key, lookup)}")
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
                f"{join_words(in_pillars)}; put each duty in the one pillar it mainly serves."
            )
    problems.extend(
        f"Duty {number} (“{shorten(duties[number - 1].text)}”) is in no pillar yet."
        for number in range(1, count + 1) if number not in placed
    )
    misplaced = [(number, in_pillars[0]) for number, in_pillars in sorted(placed.items())
                 if len(in_pillars) == 1 and not duties[number - 1].fits(in_pillars[0])]
    problems.extend(
        f"Duty {number} (“{shorten(duties[number - 1].text)}”) is not mainly a {pillar} duty."
        for number, pillar in misplaced
    )
    if problems:
        right = sum(len(in_pillars) == 1 and duties[number - 1].fits(in_pillars[0])
                    for number, in_pillars in placed.items())
        summary = f"{right} of {count} duties are in a pillar they belong to."
        if misplaced:
            summary += f" You put {plural(len(misplaced), 'duty', 'duties')} in the wrong pillar."
        return failed(summary, problems,
                      "Ask of each duty whether it is about people, process or technology, then check again.")
    notes = [duty.comment for number, duty in enumerate(duties, start=1)
             if duty.comment and placed.get(number) == [duty.also or ""]]
    notes += [duty.comment for number, duty in enumerate(duties, start=1)
              if duty.comment and placed.get(number) == [duty.pillar]]
    return passed(
        f"All {count} duties of the {JOB_AD.title} ad are in a pillar they serve: the role covers all three. "
        + " ".join(notes)
    )


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


# ---------------------------------------------------------------------------
# 01.3  A team's coordination share, from one week of its time log
# ---------------------------------------------------------------------------

SHARE_TOLERANCE = 0.5
"""Percentage points either side of the exact share: a whole-percent rounding passes."""


@task(
    "01.3",
    "Test the coordination estimate on one team's week",
    hints=(
        "Add up all the team's hours for the week first: that is the whole.",
        "Collaboration, preparation, coordination and approvals are every row except making things. "
        "Add those rows.",
        "Share = those hours ÷ all hours. Give it in percent (55 means 55%), or as a fraction (0.55).",
    ),
    objectives=(3,),
    applied=True,
)
def check_coordination_share(answer: Any) -> Verdict:
    """The share of the week's hours that went to collaboration, preparation, coordination and approvals."""
    share = expected_coordination_share()
    estimate = figure("coordination-time-share")
    summary = _summary()
    total = summary.total_hours
    making = sum(row.hours for row in TIME_LOG.rows if row.activity == TIME_LOG.making)
    coordinating = total - making
    example = "answer = 55   # percent"
    number = as_number(answer)
    if number is None:
        return wrong_shape("one number, the share in percent", answer, example)
    percent = number * 100 if 0 < number <= 1 else number
    exact = share * 100
    if abs(percent - exact) <= SHARE_TOLERANCE:
        low, high = estimate.low * 100, estimate.high * 100
        where = ("below" if exact < low else "above" if exact > high else "inside")
        return passed(
            f"{exact:g}% of the team's {total:g} hours ({coordinating:g}) went to "
            f"collaboration, preparation, coordination and approvals: {where} the practitioner's "
            f"{estimate.label} estimate. One week of one team is not a study, but it is the kind of "
            "evidence to put next to the estimate before you quote it."
        )
    mistakes = [
        (making / total * 100, "That is the share spent making things; the question asks for the rest."),
        (coordinating / making * 100 if making else -1,
         "You divided by the hours spent making things; divide by all the team's hours."),
        (coordinating, f"{coordinating:g} is the number of hours; give it as a share of the {total:g} hours."),
        (estimate.low * 100, "That is the practitioner's estimate; work out this team's own share from its log."),
        (estimate.high * 100, "That is the practitioner's estimate; work out this team's own share from its log."),
    ]
    for value, explanation in mistakes:
        if abs(percent - value) <= SHARE_TOLERANCE:
            return failed(f"{percent:g}% is not this team's coordination share.", [explanation])
    return failed(
        f"{percent:g}% is not this team's coordination share.",
        [f"It is {'too high' if percent > exact else 'too low'}."],
        "Add every row but making things, then divide by the week's total hours.",
    )


# ---------------------------------------------------------------------------
# 01.4  Guardrail or gatekeeper: three situations at Aurora Living
# ---------------------------------------------------------------------------

KIND_FEEDBACK = {
    "gatekeeper": "That is a gatekeeper: it stops the work instead of keeping it on the road.",
    "no governance": "That gives up governance: the gap stays and comes back later, at a worse moment.",
    "a rule without listening": "A rule nobody was heard on is governance people work around; "
                                "hear both sides first.",
    "passing the decision up": "Passing the decision up avoids the conversation that MOps is there to "
                               "have; it needs listening and negotiating, not escalation.",
}


@task(
    "01.4",
    "Guardrail or gatekeeper?",
    hints=(
        "A guardrail does not stop the car and does not let it leave the road: look for the answer that "
        "keeps the work moving and fixes the gap.",
        "Governance works when people accept it. Prefer the answer where MOps listens, explains and agrees "
        "a rule with the people involved.",
        "In each situation one option stops the work, one lets the gap stand (or dodges it), and one keeps "
        "the work moving with a rule the people involved agree to.",
    ),
    objectives=(4,),
    applied=True,
)
def check_responses(answer: Any) -> Verdict:
    """For each situation, the letter of the answer that acts as a guardrail."""
    example = '{"1": "A", "2": "B", "3": "C"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each situation number to a letter", answer, example)
    numbers = list(SITUATIONS)

    def judge(number: str, value: Any) -> list[str]:
        situation = SITUATIONS[number]
        letter = label_of(value) if isinstance(value, str) else None
        if letter not in situation.options:
            return [f"Situation {number}: answer with one letter, {join_words(list(situation.options), 'or')}, "
                    f"not {value!r}."]
        if letter == situation.right:
            return []
        kind = situation.options[letter].kind
        return [f"Situation {number}, {letter}: {KIND_FEEDBACK.get(kind, kind)}"]

    keyed = {_situation_key(key): value for key, value in answer.items()}
    right, problems = judge_each(
        keyed, numbers, judge,
        unknown=lambda key: f"There is no situation {key!r}; they are numbered {join_words(numbers)}.",
        missing="Situation {name} has no answer yet.",
    )
    if problems:
        return failed(f"{right} of {len(numbers)} situations have the guardrail answer.", problems,
                      "For each situation, ask which answer keeps the work moving and closes the gap.")
    return passed(
        "All three are guardrail answers: each keeps the work moving, closes the gap with a rule, and gets "
        "there by listening and agreeing rather than by blocking or letting go."
    )


def _situation_key(key: Any) -> Any:
    if isinstance(key, bool):
        return key
    if isinstance(key, int):
        return str(key)
    if isinstance(key, str):
        return re.sub(r"[^0-9]", "", key) or key
    return key
