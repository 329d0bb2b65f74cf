"""Lesson 07, "The MOps profession": the lesson's worked cases and its exercises — triage against
an SLA, say "no, but…", judge and mend a blameless post-mortem, place work between MOps and IT.

Every expected answer is computed by the kit: the breached requests by
``mopskit.ops.intake.triage``, what fits before a deadline by ``mopskit.ops.intake``'s working
hours, blame by ``mopskit.ops.postmortem``'s wording check, ready actions by its review. The
package splits by what the code is:

* :mod:`~mopskit.lessons.lesson07.cases`: the lesson's worked case (Aurora Living's queue and the
  broken sync) and the exercises' own material (a queue, a request, an incident, pieces of work)
  read from ``mopskit/lessons/data/lesson07.yaml`` into small frozen values, with the answers
  computed from them;
* :mod:`~mopskit.lessons.lesson07.tables`: every table the lesson and its exercises show;
* :mod:`~mopskit.lessons.lesson07.tasks`: tasks 07.1 to 07.4, each checker with its hints, saying
  what a typical wrong answer got wrong.

The check of 07.2 is **structural**: it finds the parts a reply needs, it does not judge tone.
The notebook says so.

Importing ``mopskit.lessons.lesson07`` declares the tasks (``check("07.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson07.sla_table()``.
"""

from mopskit.lessons.lesson07.cases import (
    ASKED_AT, CORRIDOR_CAUSE, DEADLINE, DRAFT_ACTIONS, GAP_WORDS, GOAL_WORDS, INCIDENT_NOTES, INCIDENT_PEOPLE,
    PARTS, PIECES, QUEUE, QUEUE_NOW, SAMPLE_NOW, SIDES, SITUATIONS, STATEMENTS, DraftAction, Note, Piece,
    QueuedRequest, Situation, Statement, corridor_review, earliest_rest, exercise_queue, exercise_triage,
    expected_breached, expected_now, expected_parts, hours_before_deadline, sample_queue, sample_sla, sample_triage,
    sync_incident, sync_review,
)
from mopskit.lessons.lesson07.cases import _calendar_breached  # noqa: F401  (for the tests)
from mopskit.lessons.lesson07.tables import (
    draft_actions_table, incident_notes_table, levels_table, pieces_table, situations_table, sla_levels, sla_table,
    statements_table, sync_timeline,
)
from mopskit.lessons.lesson07.tasks import (
    MIN_REWRITE_WORDS, MIN_WORDS, TICKET_TAKER, TRADE_OFF_WORDS, check_no_but, check_postmortem, check_sides,
    check_triage,
)

__all__ = [
    "ASKED_AT", "CORRIDOR_CAUSE", "DEADLINE", "DRAFT_ACTIONS", "GAP_WORDS", "GOAL_WORDS", "INCIDENT_NOTES",
    "INCIDENT_PEOPLE", "MIN_REWRITE_WORDS", "MIN_WORDS", "PARTS", "PIECES", "QUEUE", "QUEUE_NOW", "SAMPLE_NOW",
    "SIDES", "SITUATIONS", "STATEMENTS", "TICKET_TAKER", "TRADE_OFF_WORDS", "DraftAction", "Note", "Piece",
    "QueuedRequest", "Situation", "Statement", "check_no_but", "check_postmortem", "check_sides", "check_triage",
    "corridor_review", "draft_actions_table", "earliest_rest", "exercise_queue", "exercise_triage",
    "expected_breached", "expected_now", "expected_parts", "hours_before_deadline", "incident_notes_table",
    "levels_table", "pieces_table", "sample_queue", "sample_sla", "sample_triage", "situations_table", "sla_levels",
    "sla_table", "statements_table", "sync_incident", "sync_review", "sync_timeline",
]
