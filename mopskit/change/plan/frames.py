"""A change plan as tables: who moves, the RACI matrix, the grid, ADKAR barriers, the calendar.

Pure functions from a ``Plan`` (and, for who moves, the stack audit it carries out) to
DataFrames that a lesson shows with ``mopskit.viz.tables.table``. The rules stay where
they are judged: the quadrant and the barrier come from ``mopskit.change.plan.model``, the
practice for each barrier and who a message reaches from ``mopskit.change.plan.lint``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from mopskit.change.plan.lint import EVERYONE, PRACTICES, Finding, reaches
from mopskit.change.plan.model import ADKAR_ELEMENTS, Attention, Plan, Stakeholder

if TYPE_CHECKING:
    from mopskit.stack import AuditResult

QUADRANT_ORDER = tuple(Attention)
"""The power/interest grid's quadrants (Mendelow's grid, Johnson & Scholes' names), most attention first."""

MOVING = ("consolidate", "retire")
"""The audit's recommendations that take a tool away from the people who use it."""


def raci_matrix(plan: Plan, *, first_names: bool = False) -> pd.DataFrame:
    """One row per task (in file order), one column per person named in a RACI, letters in the cells.

    ``first_names`` heads the columns with first names, so a wide team fits a page; it
    keeps the full names when two people share a first name.
    """
    people = list(plan.people)
    headers = [name.split()[0] if name.split() else name for name in people]
    if not first_names or len(set(headers)) != len(headers):
        headers = people
    rows = [{"Task": task.id, **{header: task.raci.letters().get(name, "") for name, header in zip(people, headers)}}
            for task in plan.tasks]
    return pd.DataFrame(rows, columns=["Task", *headers])


def accountable_load(plan: Plan) -> pd.DataFrame:
    """Per person in a RACI (not 'all'): how many tasks they do (R) and sign off (A), most A's first."""
    rows = []
    for name in (name for name in plan.people if name.casefold() not in EVERYONE):
        letters = [task.raci.letters().get(name, "") for task in plan.tasks]
        rows.append({"Person": name, "Responsible": sum("R" in text for text in letters),
                     "Accountable": sum("A" in text for text in letters)})
    frame = pd.DataFrame(rows, columns=["Person", "Responsible", "Accountable"])
    return frame.sort_values(["Accountable", "Person"], ascending=[False, True], kind="stable",
                             ignore_index=True)


def _communications(plan: Plan, person: Stakeholder) -> int:
    return sum(reaches(message.audience, person) for message in plan.communications)


def grid_frame(plan: Plan) -> pd.DataFrame:
    """Each stakeholder's power, interest, Mendelow quadrant and planned communications,
    most attention first (then in file order)."""
    rows = [{"Stakeholder": person.name, "Role": person.role, "Power": person.power,
             "Interest": person.interest, "Quadrant": person.quadrant,
             "Communications": _communications(plan, person)} for person in plan.stakeholders]
    frame = pd.DataFrame(rows, columns=["Stakeholder", "Role", "Power", "Interest", "Quadrant", "Communications"])
    order = frame["Quadrant"].map(QUADRANT_ORDER.index)
    return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def adkar_frame(plan: Plan) -> pd.DataFrame:
    """Each scored stakeholder's five ADKAR scores, the barrier point and the practice that
    addresses it ('none' when every element scores above the barrier line)."""
    rows = []
    for person in plan.stakeholders:
        if person.adkar is None:
            continue
        barrier = person.adkar.barrier
        rows.append({"Stakeholder": person.name,
                     **{element.capitalize(): score for element, score in person.adkar.scores()},
                     "Barrier": barrier or "none", "Practice": PRACTICES[barrier] if barrier else ""})
    columns = ["Stakeholder", *(element.capitalize() for element in ADKAR_ELEMENTS), "Barrier", "Practice"]
    return pd.DataFrame(rows, columns=columns)


def unscored(plan: Plan) -> tuple[str, ...]:
    """Stakeholders with no ADKAR scores: the plan has no guess about them yet."""
    return tuple(person.name for person in plan.stakeholders if person.adkar is None)


def comms_calendar(plan: Plan) -> pd.DataFrame:
    """Every date a message goes out, one row each, in date order (then file order)."""
    rows = [{"Date": day, "Audience": ", ".join(message.audience), "Message": message.message,
             "Channel": message.channel, "Owner": message.owner}
            for message in plan.communications for day in message.occurrences()]
    frame = pd.DataFrame(rows, columns=["Date", "Audience", "Message", "Channel", "Owner"])
    return frame.sort_values("Date", kind="stable", ignore_index=True)


def comms_by_month(plan: Plan) -> pd.DataFrame:
    """The calendar folded by month: how many messages go out and to how many audiences."""
    calendar = comms_calendar(plan)
    months = calendar["Date"].map(lambda day: day.strftime("%Y-%m"))
    frame = calendar.assign(Month=months).groupby("Month", sort=True).agg(
        Messages=("Message", "size"), Audiences=("Audience", "nunique"))
    return frame.reset_index()


def findings_frame(findings: tuple[Finding, ...]) -> pd.DataFrame:
    """The lint's findings as rows: code, severity, where in the file, and what to do."""
    return pd.DataFrame([{"Code": f.code, "Severity": f.severity, "Where": f.where, "Message": f.message}
                         for f in findings], columns=["Code", "Severity", "Where", "Message"])


def who_moves(plan: Plan, result: AuditResult) -> pd.DataFrame:
    """The tools the audit takes away (consolidate or retire), in notice-deadline order: whose
    tool it is, where its people go, how many move and how many are new to the tool they move
    to, and the owner's quadrant and ADKAR barrier when the plan names them.

    Counts only: the names of the people who sign in stay in the audit (personal data).
    """
    users = result.active_users_by_tool
    by_name: dict[str, set[str]] = {}
    for tool in result.tools:
        by_name.setdefault(tool.tool, set()).update(users.get(tool.label, ()))
    people = {person.name: person for person in plan.stakeholders}
    rows = []
    for tool in sorted(result.tools, key=lambda t: (t.notice_deadline, t.label)):
        if tool.recommendation.value not in MOVING:
            continue
        moving = set(users.get(tool.label, ()))
        target = None
        if tool.recommendation.value == "consolidate" and tool.overlaps_with:
            target = max(tool.overlaps_with, key=lambda name: (len(by_name.get(name, ())), name))
        owner = people.get(tool.owner)
        rows.append({
            "Tool": tool.label,
            "Decision": tool.recommendation.value,
            "Owner": tool.owner,
            "Moves to": target or "nothing (retired)",
            "People who move": len(moving),
            "New to the tool": len(moving - by_name.get(target, set())) if target else 0,
            "Notice deadline": tool.notice_deadline,
            "Owner's quadrant": owner.quadrant if owner else "not in the plan",
            "Owner's barrier": ((owner.adkar.barrier or "none") if owner.adkar else "not scored")
            if owner else "not in the plan",
        })
    columns = ["Tool", "Decision", "Owner", "Moves to", "People who move", "New to the tool", "Notice deadline",
               "Owner's quadrant", "Owner's barrier"]
    return pd.DataFrame(rows, columns=columns)
