"""The coordination-time report, described once: the share, the hours by category and, on request,
by person (personal data, so only when a report is asked to show users)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mopskit import wording
from mopskit.report.document import Card, Column, Document, Kind, Measure, Row, Section, Table

if TYPE_CHECKING:
    from mopskit.ops.timeuse import TimeUseSummary

TITLE = "Coordination time"


def _hours(hours: float) -> str:
    return f"{hours:,.1f}".removesuffix(".0")


def timeuse_document(summary: TimeUseSummary, *, show_users: bool = False) -> Document:
    """The share of hours spent coordinating, the team's hours by category (the brief a notebook
    shows) and, with ``show_users``, each person's hours."""
    counted = wording.join_words(list(summary.coordination_categories))
    people = wording.plural(len(summary.by_person), "person", "people")
    weeks = wording.plural(len(summary.weeks), "week")
    span = f"{summary.weeks[0]} to {summary.weeks[-1]}" if summary.weeks else "no week"
    categories = category_table(summary)
    sections = [Section("By category", lead=f"Hours logged in each category by the whole team; {counted}"
                                             " count as coordination.", table=categories)]
    if show_users:
        sections.append(people_section(summary))
    share = wording.percent(summary.coordination_share, missing="–")
    return Document(
        title=TITLE,
        scope=(f"{people}, {weeks} ({span})", f"coordination counts {counted}"),
        headline=f"{share} of {_hours(summary.total_hours)} hours went to {counted} ({people}, {weeks}).",
        cards=(
            Card("Coordination share", summary.coordination_share, Kind.PERCENT, note=f"of hours: {counted}"),
            Card("Hours logged", summary.total_hours, Kind.NUMBER, note=weeks),
            Card("People", len(summary.by_person), Kind.INTEGER, note="in the log"),
        ),
        figures=(
            Measure("Coordination share", summary.coordination_share, Kind.PERCENT, note=counted),
            Measure("Hours logged", summary.total_hours, Kind.NUMBER),
            Measure("People", len(summary.by_person), Kind.INTEGER),
            Measure("Weeks", len(summary.weeks), Kind.INTEGER),
        ),
        sections=tuple(sections),
        brief=categories,
    )


def category_table(summary: TimeUseSummary) -> Table:
    """The whole team's hours and share per category, the coordination ones marked."""
    return Table(
        (Column("category", "Category", strong=True, chars=24),
         Column("hours", "Hours", Kind.NUMBER),
         Column("share", "Share", Kind.PERCENT, missing="–"),
         Column("coordination", "Counted as coordination", chars=12)),
        tuple(Row({"category": item.category, "hours": item.hours, "share": item.share,
                   "coordination": "yes" if item.category in summary.coordination_categories else ""})
              for item in summary.by_category),
        empty="The log has no category.",
    )


def people_section(summary: TimeUseSummary) -> Section:
    """Each person's hours by category and coordination share: personal data, only on request."""
    return Section(
        "By person",
        short_title="People",
        lead="Hours by category for each person, and their coordination share. Personal data, shown"
             " because this report was asked to show people: handle it as your privacy policy requires.",
        table=Table(
            (Column("person", "Person", strong=True, chars=24),
             *(Column(f"category:{name}", name, Kind.NUMBER) for name in summary.categories),
             Column("hours", "Total hours", Kind.NUMBER),
             Column("share", "Coordination share", Kind.PERCENT, missing="–")),
            tuple(Row({"person": person.person, "hours": person.hours, "share": person.coordination_share,
                       **{f"category:{item.category}": item.hours for item in person.by_category}})
                  for person in summary.by_person),
            empty="The log names no one.",
        ),
        personal=True,
    )


__all__ = ["category_table", "people_section", "timeuse_document"]
