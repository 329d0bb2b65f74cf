"""Exercises for lesson 07, "The MOps profession": triage against an SLA, say "no, but…",
write a blameless post-mortem.

Every expected answer is computed by the kit: the breached requests by
``mopskit.ops.intake.triage``, what fits before a deadline by ``mopskit.ops.intake``'s working
hours, the post-mortem's parts by ``mopskit.ops.postmortem.review``. The exercises' own
material (a queue, a request, an incident) is in ``mopskit/lessons/data/lesson07.yaml``; this
module reads it into small frozen values and says what a typical wrong answer got wrong.

The checks of 07.2 and 07.3 are **structural**: they find the parts a reply or a
post-mortem needs and phrases that blame, they do not judge tone or truth. The notebook
says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from mopskit.errors import InputError
from mopskit.exercises.checks import Verdict, closest_name, failed, match_name, name_lookup, normalise, passed, \
    wrong_shape
from mopskit.exercises.tasks import task
from mopskit.ops.intake import DEFAULT_SLA, Request, RequestQueue, Triage, add_working_hours, triage, \
    working_hours_between
from mopskit.ops.postmortem import PostMortem, postmortem_from_dict, review
from mopskit.io.tables import read_date
from mopskit.lessons import scenarios
from mopskit.wording import join_words, plural


def _unfilled(value: Any, where: str = "") -> list[str]:
    """The places inside an answer that still say ``...``."""
    if value is Ellipsis:
        return [where or "the answer"]
    if isinstance(value, Mapping):
        return [place for key, item in value.items() for place in _unfilled(item, f"{where}.{key}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [place for index, item in enumerate(value) for place in _unfilled(item, f"{where}[{index}]")]
    return []


def _not_filled(places: list[str]) -> Verdict:
    return failed(f"Not finished yet: {join_words(places[:4])}{' and more' if len(places) > 4 else ''} "
                  f"still {'says' if len(places) == 1 else 'say'} `...`.",
                  suggestion="Fill in every part, then run the check again.")


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


def sla_table() -> pd.DataFrame:
    """The service level of task 07.1."""
    sla = DEFAULT_SLA
    return pd.DataFrame({"priority": list(sla.priorities),
                         "working hours to answer": [int(sla.hours[p]) for p in sla.priorities],
                         "that is": ["half a working day", "two working days", "one working week",
                                     "two working weeks"]})


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


def _request_id(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip().upper().replace(" ", "-")
    if text.isdigit():
        text = f"AL-{text}"
    if text.startswith("AL") and not text.startswith("AL-"):
        text = "AL-" + text[2:]
    return text if text in {case.id for case in QUEUE} else None


@task(
    "07.1",
    "Triage the queue against the SLA",
    hints=(
        "For each request, count the SLA's working hours forward from the moment it arrived. Working hours run "
        "Monday to Friday, 09:00 to 17:00; evenings and weekends do not count.",
        "A request has breached when its due time is before Monday 16 November, 11:30. A request that arrived on "
        "Friday afternoon has had only a few working hours so far.",
        "Order the breached ones by due time, earliest first: not by when they arrived, not by priority alone.",
    ),
)
def check_triage(answer: Any) -> Verdict:
    """The ids of the requests that have breached the SLA, earliest due first."""
    example = '["AL-201", "AL-202"]'
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return wrong_shape("a list of request ids, the first to work on first", answer, example)
    chosen: list[str] = []
    for value in answer:
        found = _request_id(value)
        if found is None:
            return failed(f"{value!r} is not a request in the queue.",
                          suggestion="Use the ids in the first column, such as \"AL-201\".")
        chosen.append(found)
    if len(set(chosen)) != len(chosen):
        return failed("The same request appears twice.", suggestion="Name each breached request once.")
    result = exercise_triage()
    expected = result.breached
    due = {item.request.id: item for item in result.items}
    if chosen == expected:
        friday = next(item for item in result.items if item.request.id == "AL-203")
        waited = working_hours_between(friday.request.received, QUEUE_NOW)
        return passed(
            f"Yes: {join_words(expected)}, earliest due first. {expected[0]} is the oldest breach although it "
            f"arrived after others. The urgent request from Friday at 16:00 has not breached: only {waited:g} "
            "working hours have passed since it arrived."
        )
    problems = []
    weekend = sorted((set(chosen) & _calendar_breached()) - set(expected))
    for request_id in weekend:
        problems.append(f"{request_id} is still in time: it is due {due[request_id].due:%A %d %B, %H:%M}. Counting "
                        "the weekend or the night makes it look late.")
    for request_id in sorted(set(chosen) - set(expected) - set(weekend)):
        problems.append(f"{request_id} is due {due[request_id].due:%A %d %B, %H:%M}: it has not breached yet.")
    missing = set(expected) - set(chosen)
    if missing:
        problems.append(f"{plural(len(missing), 'breached request is', 'breached requests are')} missing.")
    if problems:
        return failed(f"{len(set(chosen) & set(expected))} of the {len(expected)} breached requests found.",
                      problems, "Work out each request's due time in working hours (or ask for a hint()).")
    received = sorted(expected, key=lambda i: due[i].request.received)
    by_priority = sorted(expected, key=lambda i: (DEFAULT_SLA.rank(due[i].request.priority), due[i].due))
    if chosen == received:
        return failed("The right requests, in the order they arrived.",
                      suggestion="First come, first served ignores the SLA: sort by due time instead.")
    if chosen == by_priority:
        return failed("The right requests, sorted by priority.",
                      suggestion="They have all breached already; the one that has been late longest comes first.")
    return failed("The right requests, but not earliest due first.",
                  suggestion="Sort them by due time, the oldest breach first.")


# ---------------------------------------------------------------------------
# 07.2  "No, but…": a reply to an impossible request
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """One thing Paul asks for in task 07.2, with the working hours it takes and what a learner may call it."""

    name: str
    hours: float
    aliases: tuple[str, ...]


ASKED_AT: datetime = scenarios.value("07", "request.asked_at", datetime)
"""When Paul asks: a Thursday afternoon."""
DEADLINE: datetime = scenarios.value("07", "request.deadline", datetime)
"""Monday morning, the sales kick-off."""
PIECES = scenarios.build_each(Piece, "07", "request.pieces")
"""What Paul asks for, most needed first, with the working hours the one available MOps person needs for each."""
GOAL_WORDS: tuple[str, ...] = scenarios.value("07", "request.goal_words", tuple[str, ...])
"""Words that show a reply names Paul's goal, not only that his message arrived."""
TICKET_TAKER = ("got your ticket", "received your ticket", "received your request", "ticket has been logged",
                "noted", "we'll get to it")
TRADE_OFF_WORDS = ("if ", "instead", " or ", "in exchange", "swap", "trade", "pause", "postpone", "move",
                   "drop", "delay", "push back", "prioriti", "either", "rather")
MIN_WORDS = 6


def pieces_table() -> pd.DataFrame:
    return pd.DataFrame({"what Paul asks for": [p.name for p in PIECES],
                         "working hours it takes": [int(p.hours) for p in PIECES]})


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


def _pieces_lookup() -> dict[str, str]:
    return name_lookup({piece.name: piece.aliases for piece in PIECES})


def _words(text: str) -> int:
    return len(text.split())


@task(
    "07.2",
    "Say \u201cno, but\u2026\u201d",
    hints=(
        "Count the working hours between Thursday 16:00 and Monday 09:00: evenings and the weekend do not count.",
        "Only what fits in those hours goes under \"now\". For \"rest_by\", add up the hours of everything Paul "
        "asked for and count them forward from Thursday 16:00 in working hours.",
        "The acknowledgement names what Paul is trying to achieve, not only that his message arrived. The "
        "trade-off is a choice he can make: what moves, what is dropped, or what he gets instead.",
    ),
)
def check_no_but(answer: Any) -> Verdict:
    """The reply's four parts: an acknowledgement of the goal, what is done by the deadline, a date for the
    rest that the team can keep, and a trade-off Paul can choose. Checked by structure, not by tone."""
    example = ('{"acknowledge": "...", "now": ["..."], "rest_by": "2026-11-20", "trade_off": "..."}')
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with acknowledge, now, rest_by and trade_off", answer, example)
    if _unfilled(answer):
        return _not_filled(_unfilled(answer))
    keys = {normalise(str(key)): key for key in answer}
    missing = [part for part in ("acknowledge", "now", "rest_by", "trade_off") if normalise(part) not in keys]
    if missing:
        return failed(f"The reply has no {join_words(missing)}.",
                      suggestion=f"Keep the four keys of the template: {example}")
    part = {name: answer[keys[normalise(name)]] for name in ("acknowledge", "now", "rest_by", "trade_off")}
    problems: list[str] = []

    acknowledge = part["acknowledge"] if isinstance(part["acknowledge"], str) else ""
    folded = acknowledge.casefold()
    if _words(acknowledge) < MIN_WORDS:
        problems.append("acknowledge: write a sentence that shows you understood what Paul needs.")
    elif not any(word in folded for word in GOAL_WORDS):
        ticket = any(phrase in folded for phrase in TICKET_TAKER)
        problems.append("acknowledge: " + ("that is the ticket taker's reply; say what Paul is trying to achieve."
                                           if ticket else "name Paul's goal (the kick-off, the fair's leads)."))

    now = part["now"]
    if isinstance(now, str):
        now = [now]
    if not isinstance(now, (list, tuple)):
        problems.append("now: a list of what will be ready by Monday 09:00, such as [\"lead import\"].")
    else:
        lookup = _pieces_lookup()
        chosen = []
        for value in now:
            found = match_name(value, lookup)
            if found is None:
                guess = closest_name(value, lookup)
                problems.append(f"now: {value!r} is not one of the pieces Paul asked for"
                                + (f"; did you mean {guess}?" if guess else "."))
            else:
                chosen.append(found)
        expected = expected_now()
        hours = {piece.name: piece.hours for piece in PIECES}
        budget = hours_before_deadline()
        if sum(hours[name] for name in set(chosen)) > budget:
            problems.append(f"now: {join_words(sorted(set(chosen)))} take {sum(hours[n] for n in set(chosen)):g} "
                            f"working hours; there are {budget:g} before Monday 09:00.")
        elif not set(expected) <= set(chosen):
            problems.append(f"now: more fits before Monday than that; there are {budget:g} working hours.")
        elif not chosen:
            problems.append("now: say what Paul gets by Monday, even if it is one piece.")

    try:
        rest_by = read_date(part["rest_by"], iso_only=not isinstance(part["rest_by"], date))
    except ValueError as error:
        problems.append(f"rest_by: the date {error}")
    else:
        earliest = earliest_rest()
        if rest_by < earliest:
            problems.append(f"rest_by: {rest_by:%A %d %B} is a promise the team cannot keep; everything takes "
                            f"{sum(p.hours for p in PIECES):g} working hours from Thursday 16:00.")
        elif rest_by.weekday() >= 5:
            problems.append(f"rest_by: {rest_by:%A %d %B} is a weekend day; promise a working day.")

    trade_off = part["trade_off"] if isinstance(part["trade_off"], str) else ""
    if _words(trade_off) < MIN_WORDS:
        problems.append("trade_off: write a sentence that offers Paul a choice.")
    elif not any(word in f" {trade_off.casefold()} " for word in TRADE_OFF_WORDS):
        problems.append("trade_off: offer a choice (what moves, what is dropped, or what he gets instead).")

    if problems:
        return failed(f"{plural(len(problems), 'part needs', 'parts need')} work.", problems,
                      "Fix the parts named above (or ask for a hint()).")
    return passed(
        f"The reply has all four parts: the goal acknowledged, {join_words(expected_now())} by Monday, the rest "
        f"by {rest_by:%A %d %B} (the earliest the team can keep is {earliest_rest():%A %d %B}), and a choice for "
        "Paul. This check reads the structure only: read the sentences aloud to hear whether they sound like a "
        "partner or a gatekeeper."
    )


# ---------------------------------------------------------------------------
# 07.3  A blameless post-mortem of a broken sync
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Note:
    """One of the notes the team collected about the incident of task 07.3, as they wrote it."""

    time: str
    source: str
    note: str


INCIDENT_PEOPLE: tuple[str, ...] = scenarios.value("07", "incident.people", tuple[str, ...])
INCIDENT_START: datetime = scenarios.value("07", "incident.start", datetime)
INCIDENT_END: datetime = scenarios.value("07", "incident.end", datetime)
INCIDENT_NOTES = scenarios.build_each(Note, "07", "incident.notes")
"""The notes the team collected, out of order."""
CAUSE_WORDS: tuple[str, ...] = scenarios.value("07", "incident.cause_words", tuple[str, ...])
"""Words that show a root cause names what in the system stopped the sync."""


def incident_notes_table() -> pd.DataFrame:
    return pd.DataFrame([(note.time, note.source, note.note) for note in INCIDENT_NOTES],
                        columns=["time", "from", "note"])


def _with_people(postmortem: PostMortem) -> PostMortem:
    return replace(postmortem, people=tuple(dict.fromkeys((*postmortem.people, *INCIDENT_PEOPLE))))


@task(
    "07.3",
    "A blameless post-mortem of a broken sync",
    hints=(
        "Put the notes in time order for the timeline. It starts when registrations stopped, not when someone "
        "noticed, and ends when everything was caught up.",
        "The root cause is what in the system or the process let it happen: what expired, and why did nobody "
        "know it would? Leave people's names out of the cause; they belong in the actions, as owners.",
        "Each action needs an owner and a due date after the incident, written year-month-day (\"2026-11-27\").",
    ),
)
def check_postmortem(answer: Any) -> Verdict:
    """Every part of a post-mortem, a timeline that spans the incident, a cause in the system, no blame.
    A structural check: it finds the parts and the blaming words, not whether the analysis is deep."""
    example = '{"summary": "...", "impact": "...", "timeline": [{"time": "2026-11-17 10:00", "event": "..."}], ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with summary, impact, timeline, root_cause, contributing_factors "
                           "and actions", answer, example)
    if _unfilled(answer):
        return _not_filled(_unfilled(answer))
    try:
        postmortem = _with_people(postmortem_from_dict(answer, source="answer"))
    except InputError as error:
        return failed(f"Part of the answer has the wrong shape: {error.column or 'the answer'} \u2014 {error.reason}.",
                      suggestion="Compare it with the shape in the template cell.")
    problems = [f"{finding.where}: {finding.message}" for finding in review(postmortem).findings]
    if postmortem.timeline:
        first, last = postmortem.timeline[0].time, postmortem.timeline[-1].time
        if first > INCIDENT_START:
            problems.append(f"timeline: it starts at {first:%d %B %H:%M}, but registrations stopped earlier; "
                            "start when the incident started, not when it was noticed.")
        if last < INCIDENT_END:
            problems.append("timeline: it ends before everything was caught up; end with the resolution.")
    if postmortem.root_cause and not any(word in postmortem.root_cause.casefold() for word in CAUSE_WORDS):
        problems.append("root_cause: say what in the system stopped the sync (the notes say what expired).")
    if problems:
        return failed(f"{plural(len(problems), 'thing', 'things')} to fix before the post-mortem is shared.",
                      problems, "Fix the parts named above (or ask for a hint()).")
    return passed(
        f"A complete, blameless post-mortem: a timeline of {plural(len(postmortem.timeline), 'entry', 'entries')} "
        f"from the expiry to the catch-up, a cause in the system and "
        f"{plural(len(postmortem.actions), 'action')} with owners and dates. The check reads structure and "
        "wording; whether the actions would prevent the next expiry is for the team to judge."
    )
