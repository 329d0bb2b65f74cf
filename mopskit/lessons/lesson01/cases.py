"""Lesson 01's cases: the exercises' new statements, job ad, time log and situations at Aurora.

The cases are read from ``mopskit/lessons/data/lesson01.yaml``; the definitions and figures they
are checked against come from the content files, and every expected answer is computed from them
(a team's coordination share by :func:`mopskit.ops.timeuse.summarise`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mopskit.content import knowledge
from mopskit.content.types import Definition
from mopskit.lessons import scenarios
from mopskit.ops.timeuse import ActivityMap, TimeEntry, TimeLog, TimeUseSummary, summarise

LESSON = "01"


# ---------------------------------------------------------------------------
# Aurora Living, the company the course follows
# ---------------------------------------------------------------------------

AURORA_STAKEHOLDERS: tuple[str, ...] = scenarios.value(LESSON, "aurora_stakeholders", tuple[str, ...])
"""The people outside the MOps team whom the lesson introduces (full names from the cast)."""


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


def expected_statement_sources() -> dict[str, str]:
    """Each label and the organisation whose definition it echoes."""
    definitions = _definitions()
    return {label: definitions[statement.source].organisation for label, statement in STATEMENTS.items()}


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


def expected_responses() -> dict[str, str]:
    return {number: situation.right for number, situation in SITUATIONS.items()}
