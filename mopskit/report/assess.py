"""The maturity self-assessment described once as a report: cards, the ranked gaps, the team's
spread per dimension, the change since the earlier run, the radar and the notes.

The short form (a terminal, a notebook) is the headline, every dimension ranked with its figures
(the brief table) and a line per disagreement. Sees ``Assessment`` as a value: the assessment
never imports this module.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mopskit.frameworks.assess.framework import level_name
from mopskit.frameworks.assess.result import DISAGREEMENT_SPREAD
from mopskit.report.document import (
    Card, Cell, Chart, Column, Document, Emphasis, Kind, Measure, Row, Section, Table,
)
from mopskit.viz import assess as charts
from mopskit.wording import join_words, plural

if TYPE_CHECKING:
    import pandas as pd

    from mopskit.frameworks.assess.result import Assessment, DimensionResult

__all__ = ["assessment_document", "report_section"]

NOT_BEFORE = "–"
"""Said where the earlier run did not score a dimension."""


def _level(value: float | None) -> str:
    if value is None:
        return NOT_BEFORE
    return f"{value:.1f}".removesuffix(".0")


def _signed(value: float | None) -> str:
    """A change as a figure ('+1', '0', '-0.5'), so the column lines up; no earlier score is '–'."""
    if value is None:
        return NOT_BEFORE
    return "0" if value == 0 else f"{value:+.1f}".removesuffix(".0")


def _level_words(value: float) -> str:
    whole = int(value)
    return f"{_level(value)} ({level_name(whole)})" if value == whole else _level(value)


LEVEL = partial(Column, kind=Kind.NUMBER)
"""A level, a gap or a priority: a figure with at most one decimal (a median may fall between levels)."""


def brief_table(assessment: Assessment) -> Table:
    """Every dimension from the highest priority down, with its figures and whether the team
    disagrees: what a terminal prints and a notebook shows."""
    return Table(
        (Column("rank", "Rank", Kind.INTEGER), Column("dimension", "Dimension", chars=26),
         LEVEL("current", "Now"), LEVEL("target", "Target"), LEVEL("gap", "Gap"),
         LEVEL("weight", "Weight"), LEVEL("priority", "Priority"), Column("spread", "Spread", Kind.INTEGER),
         Column("flag", "Team", missing="", chars=10)),
        tuple(Row(_brief_values(item), emphasis=Emphasis.STRONG if item.disagreement else None)
              for item in assessment.ranked),
        empty="No dimension was scored.",
    )


def _brief_values(item: DimensionResult) -> dict[str, object]:
    return {"rank": item.rank, "dimension": item.name, "current": item.current, "target": item.target,
            "gap": item.gap, "weight": item.weight, "priority": item.priority, "spread": item.spread,
            "flag": "disagree" if item.disagreement else None}


def _left_out(assessment: Assessment) -> str:
    """' Left out: Andrei Constantin (5 dimensions: …).' for the report that may name people."""
    skipped = assessment.left_out()
    if not skipped:
        return ""
    return " Left out: " + "; ".join(f"{name} ({join_words(list(names))})" for name, names in skipped) + "."


def assessment_document(assessment: Assessment, *, show_users: bool = False) -> Document:
    """The assessment's report; respondents are named (their answers) only with ``show_users``."""
    ranked = assessment.ranked
    top = assessment.biggest_gap
    people = plural(len(assessment.respondents), "respondent")
    disagreements = assessment.disagreements
    gaps = Table(
        (Column("rank", "Rank", Kind.INTEGER),
         Column("dimension", "Dimension", strong=True, chars=26),
         LEVEL("current", "Current"), LEVEL("target", "Target"), LEVEL("gap", "Gap"),
         LEVEL("weight", "Weight"), LEVEL("priority", "Priority"),
         Column("next", "Evidence for the next level", Kind.SENTENCES, chars=40)),
        tuple(Row({"rank": item.rank, "dimension": item.name, "current": item.current, "target": item.target,
                   "gap": item.gap, "weight": item.weight, "priority": item.priority,
                   "next": (item.dimension.anchor(min(int(item.current) + 1, 5)),) if item.gap > 0 else ()},
                  emphasis=Emphasis.STRONG if item.rank <= 3 and item.gap > 0 else None)
              for item in ranked),
        empty="No dimension was scored.",
    )
    team = Table(
        (Column("dimension", "Dimension", strong=True, chars=26),
         Column("answers", "Answers", Kind.INTEGER),
         LEVEL("current", "Median now"), Column("lowest", "Lowest", Kind.INTEGER),
         Column("highest", "Highest", Kind.INTEGER), Column("spread", "Spread", Kind.INTEGER),
         Column("flag", "Disagreement", Kind.LABEL, missing="", chars=12),
         Column("evidence", "Evidence given", missing="", chars=40)),
        tuple(Row({"dimension": item.name, "answers": len(item.scores), "current": item.current,
                   "lowest": item.lowest, "highest": item.highest, "spread": item.spread,
                   "flag": "yes" if item.disagreement else None,
                   "evidence": "; ".join(dict.fromkeys(item.evidence)) or None},
                  emphasis=Emphasis.STRONG if item.disagreement else None)
              for item in assessment.dimensions),
    )
    sections = [
        Section("Gaps, highest priority first", short_title="Gaps",
                lead="Gap = target − current (team medians); priority = gap × weight. The last column is what "
                     "the next level asks for: evidence to build, not a score to claim.",
                table=gaps,
                charts=(Chart("Current against target",
                              "Median current (solid) and target (dashed) per dimension; the band spans the "
                              "lowest to the highest current answer.",
                              partial(charts.maturity_radar, assessment)),)),
        Section("How the team scored each dimension", short_title="Team",
                lead=f"Respondents {DISAGREEMENT_SPREAD} or more levels apart disagree: ask each to show the "
                     "evidence behind their score before planning.",
                table=team),
    ]
    if assessment.trend is not None:
        trend = Table(
            (Column("dimension", "Dimension", strong=True, chars=26),
             LEVEL("before", "Before", missing=NOT_BEFORE), LEVEL("current", "Now"),
             LEVEL("change", "Change", chars=10), LEVEL("gap_before", "Gap before", missing=NOT_BEFORE),
             LEVEL("gap", "Gap now")),
            tuple(Row({"dimension": change.dimension.name, "before": change.previous_current,
                       "current": change.current, "change": Cell(change.change, text=_signed(change.change)),
                       "gap_before": change.previous_gap, "gap": change.gap})
                  for change in assessment.trend),
        )
        sections.append(Section(f"Since the earlier run ({assessment.previous_label})", short_title="Trend",
                                lead="Change in the team's median current level per dimension.", table=trend))
    if show_users:
        sections.append(Section(
            "Answers by respondent", short_title="Respondents",
            lead="Each respondent's current and target level. Personal data, shown because this report was "
                 "asked to show people." + _left_out(assessment),
            table=Table(
                (Column("respondent", "Respondent", strong=True, chars=20),
                 Column("dimension", "Dimension", chars=26),
                 Column("current", "Current", Kind.INTEGER), Column("target", "Target", Kind.INTEGER)),
                tuple(Row({"respondent": score.respondent, "dimension": item.name, "current": score.current,
                           "target": score.target}) for item in assessment.dimensions for score in item.scores),
            ),
            personal=True,
        ))
    brief_lines = tuple(
        f"Disagreement on {item.name}: answers from {item.lowest} to {item.highest}; talk it through first."
        for item in disagreements
    ) or ("No disagreement: every dimension's answers are within one level.",)
    if assessment.trend is not None:
        moved = [f"{change.dimension.name} {_signed(change.change)}" for change in assessment.trend
                 if change.change]
        brief_lines += (f"Since {assessment.previous_label}: "
                        f"{join_words(moved) if moved else 'no dimension moved'}.",)
    headline = (f"Biggest gap: {top.name}, {_level_words(top.current)} now against {_level_words(top.target)}"
                f" wanted ({people}).")
    return Document(
        title="Operating-model maturity self-assessment",
        scope=(assessment.framework.name, people),
        headline=headline,
        notes=assessment.notes,
        cards=(
            Card("Dimensions", len(assessment.dimensions), Kind.INTEGER, note=assessment.framework.name),
            Card("Respondents", len(assessment.respondents), Kind.INTEGER, note="answers combined as medians"),
            Card("Biggest gap", top.name, note=f"{_level(top.current)} → {_level(top.target)}"),
            Card("Disagreements", len(disagreements), Kind.INTEGER,
                 note=join_words([item.name for item in disagreements]) or
                 f"no spread of {DISAGREEMENT_SPREAD}+ levels"),
        ),
        figures=(
            Measure("Framework", assessment.framework.name),
            Measure("Respondents", len(assessment.respondents), Kind.INTEGER),
            Measure("Biggest gap", top.name, note=f"gap {_level(top.gap)}"),
            Measure("Disagreements", len(disagreements), Kind.INTEGER),
        ),
        sections=tuple(sections),
        brief=brief_table(assessment),
        brief_lines=brief_lines,
    )


def report_section(assessment: Assessment, short_title: str, table_id: str | None = None) -> Table:
    """One table of the assessment's report (``Gaps``, ``Team``, ``Trend``), typed as the report
    has it, for a lesson to show: the same figures, lined up the same way."""
    document = assessment_document(assessment)
    for section in document.sections:
        if section.name == short_title and section.table is not None:
            shown = section.table
            return Table(shown.flat_columns(data=False), shown.rows, shown.empty, table_id or short_title.lower())
    names = join_words([section.name for section in document.sections if section.table is not None], "or")
    raise KeyError(f"no table '{short_title}' in the report; it has {names}")
