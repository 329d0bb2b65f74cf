"""Lesson 07's cases: Aurora Living's queue and broken sync, and the exercises' own material.

The lesson's worked case reads the sample files in ``mopskit/data/intake-and-postmortem/``; the
exercises' material (a queue, a request, an incident, pieces of work) is read from
``mopskit/lessons/data/lesson07.yaml`` into small frozen values. Every expected answer is computed
by the kit: the breached requests by ``mopskit.ops.intake.triage``, what fits before a deadline by
its working hours, blame by ``mopskit.ops.postmortem``'s wording check, ready actions by its review.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

from mopskit.lessons import scenarios
from mopskit.ops.intake import (
    DEFAULT_SLA, Request, RequestQueue, Triage, add_working_hours, load_queue, load_sla, Sla, triage,
    working_hours_between,
)
from mopskit.ops.postmortem import PostMortem, Review, blame_words_in, load_postmortem, names_in, review


# ---------------------------------------------------------------------------
# The lesson's worked case: Aurora Living's queue and the broken sync
# ---------------------------------------------------------------------------

SAMPLE_NOW: datetime = scenarios.value("07", "sample.now", datetime)
"""When the lesson triages Aurora Living's queue: a Monday morning."""
CORRIDOR_CAUSE = "Human error: Sofia renamed the field without asking anyone."
"""The broken sync's cause as it is often said in the corridor: the lesson's example of blame."""


def _sample(name: str) -> Path:
    return Path(str(resources.files("mopskit") / "data" / "intake-and-postmortem" / name))


def sample_sla() -> Sla:
    """Aurora Living's service level, from the sample ``sla.yaml``."""
    return load_sla(_sample("sla.yaml"))


def sample_queue() -> RequestQueue:
    """Aurora Living's request queue, from the sample ``requests.csv``."""
    return load_queue(_sample("requests.csv"), sample_sla())


def sample_triage() -> Triage:
    """The sample queue triaged on Monday 9 November at 10:00."""
    return triage(sample_queue(), SAMPLE_NOW, sample_sla())


def sync_incident() -> PostMortem:
    """The post-mortem of the broken CRM-to-email sync, from the sample ``postmortem.yaml``."""
    return load_postmortem(_sample("postmortem.yaml"))


def sync_review() -> Review:
    """The sample post-mortem, checked: complete and blameless."""
    return review(sync_incident())


def corridor_review() -> Review:
    """The same post-mortem with its causes replaced by the corridor version, checked."""
    return review(replace(sync_incident(), causes=(CORRIDOR_CAUSE,)))


# ---------------------------------------------------------------------------
# 07.1  Triage a request queue against the SLA
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class QueuedRequest:
    """A request in the queue of task 07.1, as a team's request file has it."""

    id: str
    requester: str
    type: str
    summary: str
    received: datetime
    priority: str


QUEUE_NOW: datetime = scenarios.value("07", "queue.now", datetime)
"""When the queue is triaged: a Monday morning."""
QUEUE = scenarios.build_each(QueuedRequest, "07", "queue.requests")
"""The requests of task 07.1, in the order of the file."""


def exercise_queue() -> RequestQueue:
    """The queue of task 07.1, as the kit reads a team's file."""
    return RequestQueue(tuple(
        Request(case.id, case.requester, case.type, case.summary, case.received, case.priority, None, row)
        for row, case in enumerate(QUEUE, start=2)))


def exercise_triage() -> Triage:
    return triage(exercise_queue(), QUEUE_NOW)


def expected_breached() -> list[str]:
    return exercise_triage().breached


def _calendar_breached() -> set[str]:
    """The requests that would count as breached if nights and weekends counted: the trap."""
    found = set()
    for request in exercise_queue().requests:
        hours = DEFAULT_SLA.hours[request.priority]
        if request.received + timedelta(hours=hours) < QUEUE_NOW:
            found.add(request.id)
    return found


# ---------------------------------------------------------------------------
# 07.2  "No, but…": a reply to an impossible request
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """One thing Stefan asks for in task 07.2, with the working hours it takes and what a learner may call it."""

    name: str
    hours: float
    aliases: tuple[str, ...]


ASKED_AT: datetime = scenarios.value("07", "request.asked_at", datetime)
"""When Stefan asks: a Thursday afternoon."""
DEADLINE: datetime = scenarios.value("07", "request.deadline", datetime)
"""Monday morning, the sales kick-off."""
PIECES = scenarios.build_each(Piece, "07", "request.pieces")
"""What Stefan asks for, most needed first, with the working hours the one available MOps person needs for each."""
GOAL_WORDS: tuple[str, ...] = scenarios.value("07", "request.goal_words", tuple[str, ...])
"""Words that show a reply names Stefan's goal, not only that his message arrived."""


def hours_before_deadline() -> float:
    return working_hours_between(ASKED_AT, DEADLINE)


def expected_now() -> list[str]:
    """The pieces that fit, most needed first, in the hours before Monday 09:00."""
    left = hours_before_deadline()
    fits = []
    for piece in PIECES:
        if piece.hours <= left:
            fits.append(piece.name)
            left -= piece.hours
    return fits


def earliest_rest() -> date:
    """The first day everything else can be finished, working from now on the fitting pieces first."""
    total = sum(piece.hours for piece in PIECES)
    return add_working_hours(ASKED_AT, total).date()


# ---------------------------------------------------------------------------
# 07.3  A blameless post-mortem of a broken sync: sort the draft, mend one statement
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Note:
    """One of the notes the team collected about the incident of task 07.3."""

    time: str
    source: str
    note: str


@dataclass(frozen=True)
class Statement:
    """A sentence of the draft post-mortem about why it happened, and where it belongs."""

    letter: str
    text: str
    part: str
    """cause (it made the incident happen), factor (it made it worse or slower to notice) or blame."""


@dataclass(frozen=True)
class DraftAction:
    """An action of the draft post-mortem, as written: owner and due date may be missing."""

    letter: str
    action: str
    owner: str
    due: date | None


INCIDENT_PEOPLE: tuple[str, ...] = scenarios.value("07", "incident.people", tuple[str, ...])
INCIDENT_NOTES = scenarios.build_each(Note, "07", "incident.notes")
STATEMENTS = scenarios.build_each(Statement, "07", "incident.statements")
DRAFT_ACTIONS = scenarios.build_each(DraftAction, "07", "incident.actions")
GAP_WORDS: tuple[str, ...] = scenarios.value("07", "incident.gap_words", tuple[str, ...])
"""Words that show a rewritten statement names a gap in the process or the system."""
PARTS = {"causes": "cause", "contributing_factors": "factor", "blames": "blame"}
"""The answer's keys for the statements, and the part each collects."""


def _incident_start() -> date:
    return datetime.fromisoformat(min(note.time for note in INCIDENT_NOTES)).date()


def expected_parts() -> dict[str, list[str]]:
    """The letters each key of 07.3's answer should hold: statements by part, ready actions."""
    parts = {key: [item.letter for item in STATEMENTS if item.part == part] for key, part in PARTS.items()}
    parts["blames"] = [item.letter for item in _blamed_statements()]
    start = _incident_start()
    parts["ready_actions"] = [item.letter for item in DRAFT_ACTIONS
                              if item.owner.strip() and item.due is not None and item.due >= start]
    return parts


def _blamed_statements() -> list[Statement]:
    """The statements the wording check itself flags: a person's name or a blaming phrase."""
    return [item for item in STATEMENTS
            if names_in(item.text, INCIDENT_PEOPLE) or blame_words_in(item.text)]


# ---------------------------------------------------------------------------
# 07.4  Where does it sit: MOps, IT, or agree it together?
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Situation:
    """A piece of work of task 07.4, where the lesson's table places it, and the row that says so."""

    letter: str
    text: str
    side: str
    why: str


SITUATIONS = scenarios.build_each(Situation, "07", "sides.situations")
SIDES = ("MOps", "IT", "together")
