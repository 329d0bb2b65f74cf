"""Lesson 07's tables: every table the lesson and its exercise notebook show, one call per cell."""

from __future__ import annotations

import pandas as pd

from mopskit.course.facts import levels_with_lessons
from mopskit.lessons.lesson07.cases import (
    DRAFT_ACTIONS, INCIDENT_NOTES, PIECES, SITUATIONS, STATEMENTS, sample_sla, sync_incident,
)
from mopskit.ops.intake import DEFAULT_SLA
from mopskit.report.document import Table
from mopskit.report.notebook import table


# ---------------------------------------------------------------------------
# The lesson's worked case: Aurora Living's queue and the broken sync
# ---------------------------------------------------------------------------

def sla_levels() -> Table:
    """The sample service level as the lesson shows it: working hours per priority."""
    return table(sample_sla().to_frame(), "sla")


def sync_timeline() -> Table:
    return table(sync_incident().timeline_frame(), "timeline")


def levels_table() -> Table:
    """The kit's three levels and the lessons at each."""
    return table(levels_with_lessons(), "levels")


# ---------------------------------------------------------------------------
# 07.1  Triage a request queue against the SLA
# ---------------------------------------------------------------------------

def sla_table() -> Table:
    """The service level of task 07.1."""
    sla = DEFAULT_SLA
    return table(pd.DataFrame({"priority": list(sla.priorities),
                               "working hours to answer": [int(sla.hours[p]) for p in sla.priorities],
                               "that is": ["half a working day", "two working days", "one working week",
                                           "two working weeks"]}), "task-07-1-sla")


# ---------------------------------------------------------------------------
# 07.2  "No, but…": a reply to an impossible request
# ---------------------------------------------------------------------------

def pieces_table() -> Table:
    return table(pd.DataFrame({"what Stefan asks for": [p.name for p in PIECES],
                               "working hours it takes": [int(p.hours) for p in PIECES]}), "task-07-2")


# ---------------------------------------------------------------------------
# 07.3  A blameless post-mortem of a broken sync: sort the draft, mend one statement
# ---------------------------------------------------------------------------

def incident_notes_table() -> Table:
    """What happened, in time order, as the team's notes say it."""
    notes = sorted(INCIDENT_NOTES, key=lambda note: note.time)
    return table(pd.DataFrame([(note.time, note.source, note.note) for note in notes],
                              columns=["time", "from", "note"]), "task-07-3-notes")


def statements_table() -> Table:
    return table(pd.DataFrame([(item.letter, item.text) for item in STATEMENTS],
                              columns=["letter", "the draft says"]), "task-07-3-statements")


def draft_actions_table() -> Table:
    return table(pd.DataFrame([(item.letter, item.action, item.owner or None,
                                item.due.isoformat() if item.due else None) for item in DRAFT_ACTIONS],
                              columns=["letter", "action", "owner", "due"]), "task-07-3-actions")


# ---------------------------------------------------------------------------
# 07.4  Where does it sit: MOps, IT, or agree it together?
# ---------------------------------------------------------------------------

def situations_table() -> Table:
    return table(pd.DataFrame([(item.letter, item.text) for item in SITUATIONS],
                              columns=["letter", "piece of work"]), "task-07-4")
