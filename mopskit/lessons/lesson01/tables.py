"""Lesson 01's tables: Aurora Living, the lesson's definitions, pillars, duties and figures, and
each task's case as its exercise notebook shows it, one call per cell.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mopskit import wording
from mopskit.content import knowledge
from mopskit.course.facts import coordination_hours, definitions_frame, duties_frame, figure, pillars_frame
from mopskit.lessons.lesson01.cases import AURORA_STAKEHOLDERS, JOB_AD, SITUATIONS, STATEMENTS, TIME_LOG
from mopskit.report.document import Table
from mopskit.report.notebook import table


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

def statements_to_match() -> Table:
    """Task 01.1's sentences, labelled A-D, with where each appears and without its answer."""
    rows = [(label, statement.where, statement.text) for label, statement in STATEMENTS.items()]
    return table(pd.DataFrame(rows, columns=["Label", "Where it appears", "Statement"]))


# ---------------------------------------------------------------------------
# 01.2  Sort the duties of a job ad into the three pillars
# ---------------------------------------------------------------------------

def job_ad_duties() -> Table:
    """Task 01.2's duties, numbered from 1, without their pillar."""
    rows = [(number, duty.text) for number, duty in enumerate(JOB_AD.duties, start=1)]
    return table(pd.DataFrame(rows, columns=["Number", "Duty"]))


# ---------------------------------------------------------------------------
# 01.3  A team's coordination share, from one week of its time log
# ---------------------------------------------------------------------------

def time_log_week() -> Table:
    """Task 01.3's week of logged hours, by kind of work."""
    rows = [(row.activity, row.hours) for row in TIME_LOG.rows]
    return table(pd.DataFrame(rows, columns=["Kind of work", "Team hours"]))


# ---------------------------------------------------------------------------
# 01.4  Guardrail or gatekeeper: three situations at Aurora Living
# ---------------------------------------------------------------------------

def situation_text(number: int | str) -> str:
    """What happened in task 01.4's situation ``number``."""
    return SITUATIONS[str(number)].text


def situation_options(number: int | str) -> Table:
    """Task 01.4's three answers to situation ``number``, labelled by letter."""
    options = SITUATIONS[str(number)].options
    rows = [(letter, option.text) for letter, option in options.items()]
    return table(pd.DataFrame(rows, columns=["Option", "What MOps does"]))
