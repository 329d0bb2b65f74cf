"""Lesson 01, "What is marketing operations?": the lesson's tables and the exercises' checks.

The lesson introduces Aurora Living, the company the course follows, from the kit's cast
(``cast.yaml``). The exercises give cases the page has not worked (new wordings of the four
definitions, the duties of a job ad, one week of a team's time log, three situations at Aurora),
read from ``mopskit/lessons/data/lesson01.yaml``; this module decides what each task shows and
what a wrong answer is told. The definitions and figures themselves come from the content files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mopskit import wording
from mopskit.content import knowledge
from mopskit.content.types import Definition
from mopskit.course.facts import coordination_hours, definitions_frame, duties_frame, figure, pillars_frame
from mopskit.exercises.checks import (
    Verdict,
    as_number,
    did_you_mean,
    failed,
    judge_each,
    label_of,
    match_name,
    name_lookup,
    passed,
    shorten,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.lessons import scenarios
from mopskit.ops.timeuse import ActivityMap, TimeEntry, TimeLog, TimeUseSummary, summarise
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.wording import join_words, plural

LESSON = "01"

# ---------------------------------------------------------------------------
# Aurora Living, the company the course follows
# ---------------------------------------------------------------------------


def aurora_at_a_glance() -> Table:
    """Aurora Living in a few lines: who it is and the figures later lessons work with."""
    cast = knowledge.cast()
    home, figures = cast.home, cast.aurora
    currency = home.currency or "EUR"
    last_closed = figures.plan_year_end.replace(year=figures.plan_year_end.year - 1)
    rows = [
        ("What it does", home.what),
        ("Its financial year", _financial_year(home.fiscal_year_start_month or 1)),
        ("Software under contract (the stack lesson 04 audits)",
         f"{home.contracts} contracts, {wording.money(figures.annual_licence_spend, currency)} a year"),
        ("Average trade deal", wording.money(figures.average_deal, currency)),
        (f"Marketing-sourced revenue (deals marketing started), year to {_day(last_closed)}",
         wording.money(figures.marketing_sourced_revenue, currency)),
    ]
    return table(pd.DataFrame(rows, columns=["Aurora Living", "In brief"]))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _financial_year(start_month: int) -> str:
    return f"1 {_MONTHS[start_month - 1]} to the end of {_MONTHS[start_month - 2]}"


def _day(day: Any) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def mops_team() -> Table:
    """Aurora Living's marketing operations team: name, role and department, from the cast."""
    rows = [(person.name, person.role, person.team) for person in knowledge.cast().mops_team]
    return table(pd.DataFrame(rows, columns=["Name", "Role", "Department"]))


AURORA_STAKEHOLDERS: tuple[str, ...] = scenarios.value(LESSON, "aurora_stakeholders", tuple[str, ...])
"""The people outside the MOps team whom the lesson introduces (full names from the cast)."""


def people_mops_works_with() -> Table:
    """The Aurora people outside the MOps team that later lessons keep meeting."""
    cast = knowledge.cast()
    people = [cast.person(name) for name in AURORA_STAKEHOLDERS]
    rows = [(person.name, person.role, person.team) for person in people]
    return table(pd.DataFrame(rows, columns=["Name", "Role", "Department"]))


# ---------------------------------------------------------------------------
# The lesson's tables: definitions, pillars, duties, reasons, figures
# ---------------------------------------------------------------------------


def definitions() -> Table:
    """The four definitions of marketing operations side by side, with what each stresses."""
    frame = definitions_frame()[["Organisation", "Definition", "What it stresses"]]
    return table(frame, "definitions")


def pillars() -> Table:
    """HubSpot's three pillars, each with what it covers."""
    return table(pillars_frame(), "pillars")


def duties() -> Table:
    """Emanuele Villa's MOps duties, each with the pillar it mainly serves."""
    return table(duties_frame(), "duties")


def reasons() -> Table:
    """Villa's four reasons why companies need MOps, each a symptom a team can spot."""
    rows = [(number, reason.text) for number, reason in enumerate(knowledge.pillars().reasons, start=1)]
    return table(pd.DataFrame(rows, columns=["Reason", "What you would notice"]))


def coordination_week(weekly_hours: float) -> Table:
    """The 80-90% estimate as hours of one person's week of ``weekly_hours``."""
    low, high = coordination_hours(weekly_hours)
    rows = [(f"{weekly_hours:g} hours", f"{low:g} to {high:g} hours", f"{weekly_hours - high:g} to {weekly_hours - low:g} hours")]
    return table(pd.DataFrame(rows, columns=["Working week", "Coordination and approvals (80–90%)", "Left for everything else"]))


def hq_ecosystem_split() -> Table:
    """Forrester's 20/80 split of what shapes the customer experience, as the blog post quotes it."""
    split = figure("cx-hq-ecosystem-share")
    rows = [
        (wording.percent(1 - split.high), "The teams that deal with customers directly (sales, service, marketing)"),
        (split.label, "The HQ ecosystem: the back office's rules, procedures, permissions and tools"),
    ]
    return table(pd.DataFrame(rows, columns=["Share of the experience", "Shaped by"]))


# ---------------------------------------------------------------------------
# 01.1  Which definition does each new statement echo?
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    text: str
    where: str
    source: str  # a definition id in definitions.yaml
    why: str


STATEMENTS: dict[str, Statement] = scenarios.build_map(Statement, LESSON, "statements")
"""Label shown to the learner -> a sentence from an (invented) job ad or handbook."""


def _definitions() -> dict[str, Definition]:
    return {entry.id: entry for entry in knowledge.definitions()}


def statements_to_match() -> Table:
    """Task 01.1's sentences, labelled A-D, with where each appears and without its answer."""
    rows = [(label, statement.where, statement.text) for label, statement in STATEMENTS.items()]
    return table(pd.DataFrame(rows, columns=["Label", "Where it appears", "Statement"]))


def expected_statement_sources() -> dict[str, str]:
    """Each label and the organisation whose definition it echoes."""
    definitions = _definitions()
    return {label: definitions[statement.source].organisation for label, statement in STATEMENTS.items()}


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

PILLAR_ALIASES = {
    "people": ("persone", "team", "skills"),
    "process": ("processes", "processi"),
    "technology": ("technologies", "tech", "tecnologie", "martech"),
}
"""Other words a learner may use for a pillar (plural, short or Italian forms)."""


@dataclass(frozen=True)
class Duty:
    text: str
    pillar: str
    also: str | None = None
    comment: str | None = None

    def fits(self, pillar: str) -> bool:
        return pillar in (self.pillar, self.also)


@dataclass(frozen=True)
class JobAd:
    company: str
    what: str
    title: str
    duties: tuple[Duty, ...]


JOB_AD = JobAd(**{
    **scenarios.value(LESSON, "job_ad", dict[str, Any]),
    "duties": scenarios.build_each(Duty, LESSON, "job_ad.duties"),
})
"""Task 01.2's invented job ad."""


def job_ad_duties() -> Table:
    """Task 01.2's duties, numbered from 1, without their pillar."""
    rows = [(number, duty.text) for number, duty in enumerate(JOB_AD.duties, start=1)]
    return table(pd.DataFrame(rows, columns=["Number", "Duty"]))


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


def expected_pillars() -> dict[str, list[int]]:
    """Each pillar and the duty numbers that mainly belong to it."""
    found: dict[str, list[int]] = {pillar: [] for pillar in PILLAR_ALIASES}
    for number, duty in enumerate(JOB_AD.duties, start=1):
        found[duty.pillar].append(number)
    return found


# ---------------------------------------------------------------------------
# 01.3  A team's coordination share, from one week of its time log
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedHours:
    activity: str
    hours: int


@dataclass(frozen=True)
class TeamWeek:
    team: str
    week: str
    rows: tuple[LoggedHours, ...]
    making: str  # the one activity that is making things, not coordinating


TIME_LOG = TeamWeek(**{
    **scenarios.value(LESSON, "time_log", dict[str, Any]),
    "rows": scenarios.build_each(LoggedHours, LESSON, "time_log.rows"),
})
"""Task 01.3's week: hours by kind of work, for a team the page has not met."""


def time_log_week() -> Table:
    """Task 01.3's week of logged hours, by kind of work."""
    rows = [(row.activity, row.hours) for row in TIME_LOG.rows]
    return table(pd.DataFrame(rows, columns=["Kind of work", "Team hours"]))


def _summary() -> TimeUseSummary:
    """The week through the kit's time-use summary: every kind of work but making things counts as
    collaboration, preparation, coordination or approvals."""
    entries = tuple(TimeEntry("team", TIME_LOG.week, row.activity, float(row.hours), number)
                    for number, row in enumerate(TIME_LOG.rows, start=2))
    activities = ActivityMap(
        categories=("coordination", "approval", "creation"),
        activities={row.activity: ("creation" if row.activity == TIME_LOG.making
                                   else "approval" if "approval" in row.activity.lower() else "coordination")
                    for row in TIME_LOG.rows},
    )
    return summarise(TimeLog(entries), activities)


def expected_coordination_share() -> float:
    """Task 01.3's answer as a fraction (0.625), from the kit's one time-use formula."""
    return _summary().coordination_share


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


@dataclass(frozen=True)
class Response:
    text: str
    kind: str


@dataclass(frozen=True)
class Situation:
    text: str
    options: dict[str, Response]
    right: str


def _situations() -> dict[str, Situation]:
    found = {}
    for number, raw in scenarios.value(LESSON, "situations", dict[str, Any]).items():
        options = {letter: Response(**item) for letter, item in raw["options"].items()}
        found[str(number)] = Situation(raw["text"], options, raw["right"])
    return found


SITUATIONS: dict[str, Situation] = _situations()
"""Situation number -> what happened and three ways MOps could answer."""

KIND_FEEDBACK = {
    "gatekeeper": "That is a gatekeeper: it stops the work instead of keeping it on the road.",
    "no governance": "That gives up governance: the gap stays and comes back later, at a worse moment.",
    "a rule without listening": "A rule nobody was heard on is governance people work around; "
                                "hear both sides first.",
    "passing the decision up": "Passing the decision up avoids the conversation that MOps is there to "
                               "have; it needs listening and negotiating, not escalation.",
}


def situation_text(number: int | str) -> str:
    """What happened in task 01.4's situation ``number``."""
    return SITUATIONS[str(number)].text


def situation_options(number: int | str) -> Table:
    """Task 01.4's three answers to situation ``number``, labelled by letter."""
    options = SITUATIONS[str(number)].options
    rows = [(letter, option.text) for letter, option in options.items()]
    return table(pd.DataFrame(rows, columns=["Option", "What MOps does"]))


def expected_responses() -> dict[str, str]:
    return {number: situation.right for number, situation in SITUATIONS.items()}


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


__all__ = [
    "AURORA_STAKEHOLDERS", "JOB_AD", "SITUATIONS", "STATEMENTS", "TIME_LOG", "aurora_at_a_glance",
    "coordination_week", "definitions", "duties", "hq_ecosystem_split", "pillars", "reasons",
    "expected_coordination_share", "expected_pillars", "expected_responses", "expected_statement_sources",
    "job_ad_duties", "mops_team", "people_mops_works_with", "situation_options", "situation_text",
    "statements_to_match",
    "time_log_week",
]

