"""Lesson 05's tables: every table the lesson and its exercise notebook show, one call per cell."""

from __future__ import annotations

import pandas as pd

from mopskit.change.plan import ADKAR_ELEMENTS
from mopskit.change.plan.lint import PRACTICES
from mopskit.lessons.lesson05.cases import (
    ADKAR_LOW_SCORE_MEANS, ADKAR_PEOPLE, ADKAR_WHO_LEADS, GRID_DESCRIBED, GRID_PEOPLE, KOTTER_STEPS, LINT_FIXES,
    PRACTICE_LETTERS, PRACTICES_SEED, broken_plan, uberflip_findings,
)


# ---------------------------------------------------------------------------
# Tables the lesson shows
# ---------------------------------------------------------------------------

def practices_table() -> pd.DataFrame:
    return pd.DataFrame([(item.practice, item.means) for item in PRACTICES_SEED], columns=["Practice", "What it means"])


def kotter_table() -> pd.DataFrame:
    return pd.DataFrame([(number, step, example) for number, (step, example) in enumerate(KOTTER_STEPS, 1)],
                        columns=["Step", "Kotter", "In Aurora Living's plan"])


def adkar_practices_table() -> pd.DataFrame:
    """Each ADKAR element, what a low score means, the practice the lint advises for it, and who
    usually leads that practice."""
    return pd.DataFrame([(element.capitalize(), ADKAR_LOW_SCORE_MEANS[element], PRACTICES[element],
                          ADKAR_WHO_LEADS[element]) for element in ADKAR_ELEMENTS],
                        columns=["Element", "A low score means", "Practice that addresses it", "Who usually leads it"])


# ---------------------------------------------------------------------------
# 05.1  Fix the RACI
# ---------------------------------------------------------------------------

def raci_table() -> pd.DataFrame:
    """The draft plan's tasks with their R, A, C and I, as task 05.1 shows them."""
    rows = [{"Task": t.id, "What": t.name, "R": ", ".join(t.raci.responsible), "A": ", ".join(t.raci.accountable),
             "C": ", ".join(t.raci.consulted), "I": ", ".join(t.raci.informed)} for t in broken_plan().tasks]
    return pd.DataFrame(rows, columns=["Task", "What", "R", "A", "C", "I"])


# ---------------------------------------------------------------------------
# 05.2  The barrier point and what addresses it
# ---------------------------------------------------------------------------

def adkar_scores_table() -> pd.DataFrame:
    """The ADKAR scores of task 05.2's stakeholders, without the barrier."""
    people = {person.name: person for person in broken_plan().stakeholders}
    rows = []
    for name in ADKAR_PEOPLE:
        adkar = people[name].adkar
        assert adkar is not None
        rows.append({"Stakeholder": name, "Role": people[name].role,
                     **{element.capitalize(): score for element, score in adkar.scores()}})
    return pd.DataFrame(rows)


def practice_choices() -> pd.DataFrame:
    """The five practices, lettered A-E, as task 05.2 offers them."""
    return pd.DataFrame([(letter, PRACTICES[element]) for letter, element in PRACTICE_LETTERS.items()],
                        columns=["Letter", "Practice"])


# ---------------------------------------------------------------------------
# 05.3  The power/interest grid, from people described in words
# ---------------------------------------------------------------------------

def grid_people_table() -> pd.DataFrame:
    """Task 05.3's people: name, role and what the move means for them, in words only (no power or
    interest column: reading those from the words is the task)."""
    people = {person.name: person for person in broken_plan().stakeholders}
    return pd.DataFrame([{"Stakeholder": person.name, "Role": people[person.name].role,
                          "In this move": " ".join(person.description.split())} for person in GRID_DESCRIBED])


# ---------------------------------------------------------------------------
# 05.4  Who is left out of the communications
# ---------------------------------------------------------------------------

def comms_table() -> pd.DataFrame:
    """The draft plan's communications: audience, message, channel, owner and when."""
    return pd.DataFrame([{"Audience": ", ".join(c.audience), "Message": c.message, "Channel": c.channel,
                          "Owner": c.owner, "When": c.when} for c in broken_plan().communications])


def other_stakeholders_table() -> pd.DataFrame:
    """The draft's stakeholders task 05.3 does not describe, with their power and interest."""
    return pd.DataFrame([{"Stakeholder": person.name, "Role": person.role, "Power": person.power,
                          "Interest": person.interest}
                         for person in broken_plan().stakeholders if person.name not in GRID_PEOPLE])


# ---------------------------------------------------------------------------
# 05.5  Read the lint and fix the plan
# ---------------------------------------------------------------------------

def lint_findings_table() -> pd.DataFrame:
    """The Uberflip draft's lint findings, numbered for task 05.5."""
    return pd.DataFrame([{"Finding": number, "Rule": finding.code, "Severity": str(finding.severity),
                          "Where": finding.where, "Message": finding.message}
                         for number, finding in enumerate(uberflip_findings(), 1)])


def lint_fix_choices() -> pd.DataFrame:
    """The fixes task 05.5 offers, lettered A to F."""
    return pd.DataFrame(list(LINT_FIXES.items()), columns=["Letter", "Fix"])
