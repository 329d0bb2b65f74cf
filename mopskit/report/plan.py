"""A change plan's report, described once: what ``mopskit plan --out`` writes and a notebook shows.

The full report has the vision, the findings, the tasks with their timeline, the RACI matrix,
the stakeholders on Mendelow's power/interest grid (quadrant names after Johnson & Scholes) with their
ADKAR barriers (by name only when asked to show users; counted otherwise), the KPIs (against the demand
funnel when the plan has one), the communications and the risks. The short form a notebook
and a terminal show is the findings and a one-line scope: no charts.
Sees ``PlanReview`` only for type checking: the plan package never imports this module.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mopskit.change.plan.lint import PRACTICES, RULES, reaches
from mopskit.change.plan.model import ADKAR_ELEMENTS, Attention
from mopskit.findings import Severity
from mopskit.report.document import Card, Chart, Column, Document, Emphasis, Kind, Row, Section, Table
from mopskit.wording import join_words, plural

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from mopskit.change.plan.model import Plan, Stakeholder
    from mopskit.change.plan.review import PlanReview

__all__ = ["SEVERITY_TONES", "findings_table", "headline", "plan_document"]

SEVERITY_TONES: dict[str, str] = {Severity.ERROR: "#c0392b", Severity.WARNING: "#d68910", Severity.INFO: "#2471a3"}
"""The badge colour of each finding's severity."""


def plan_document(review: PlanReview, *, show_users: bool = False) -> Document:
    """The plan and its findings as a report. The people in a plan are its content (who does
    what, their role and quadrant), so they are named whatever ``show_users`` says; each one's
    ADKAR scores and barrier point appear only with ``show_users`` (or a review made with it),
    otherwise counted without names."""
    plan = review.plan
    named = show_users or review.show_users
    findings = findings_table(review, show_users=named)
    errors, warnings = len(review.errors), len(review.warnings)
    return Document(
        title=f"Change plan: {plan.initiative}",
        scope=(f"{plan.start.isoformat()} to {plan.end.isoformat()}", f"sponsor {plan.sponsor}"),
        headline=headline(review, show_users=named),
        cards=(
            Card("Errors", errors, Kind.INTEGER, note="must be fixed"),
            Card("Warnings", warnings, Kind.INTEGER),
            Card("Tasks", len(plan.tasks), Kind.INTEGER,
                 note=plural(sum(t.milestone for t in plan.tasks), "milestone")),
            Card("Stakeholders", len(plan.stakeholders), Kind.INTEGER,
                 note=f"{sum(s.quadrant is Attention.MANAGE_CLOSELY for s in plan.stakeholders)} to manage closely"),
            Card("KPIs", len(plan.kpis), Kind.INTEGER),
        ),
        sections=(
            Section("Vision and objectives", lead=plan.vision, bullets=plan.objectives, short_title="Vision"),
            Section("Findings", lead="Each rule the plan breaks, where in the file, and what to do about it.",
                    table=findings),
            Section("Tasks", lead="In date order; a task's end day is included.", table=_tasks(plan),
                    charts=(Chart("Timeline", "Bars from start to end, milestones as diamonds, arrows from "
                                  "each task to the ones that wait for it.", partial(_timeline, plan)),)),
            Section("RACI matrix", lead="R responsible, A accountable, C consulted, I informed.",
                    table=_raci(plan), short_title="RACI"),
            Section("Stakeholders", lead=_stakeholders_lead(review, named), table=_stakeholders(plan, named),
                    charts=(Chart("Power and interest", "Mendelow's power/interest grid, with Johnson & "
                                  "Scholes' names for its quadrants: manage closely those with high power and "
                                  "high interest.", partial(_stakeholder_grid, plan)),)),
            Section("KPIs", table=_kpis(plan)),
            *_funnel(plan),
            Section("Communications", table=_communications(plan)),
            Section("Risks", table=_risks(plan)),
        ),
        brief=findings if findings.rows else None,
        definitions=tuple(RULES.items()),
    )


def headline(review: PlanReview, *, show_users: bool = False) -> str:
    """'2 errors to fix, 1 warning to look at and 3 pieces of advice.', or that the plan is clean."""
    errors, warnings = len(review.errors), len(review.warnings)
    advice = len(review.shown_findings(show_users)) - errors - warnings
    advised = [plural(advice, "piece of advice", "pieces of advice")] if advice else []
    if not errors and not warnings:
        return "; ".join(["The plan follows every rule the lint checks", *advised]) + "."
    found = [f"{plural(errors, 'error')} to fix"] if errors else []
    found += [f"{plural(warnings, 'warning')} to look at"] if warnings else []
    return join_words([*found, *advised]) + "."


def findings_table(review: PlanReview, *, show_users: bool = False) -> Table:
    """One row per finding: the rule, its severity, where in the file, and what to do (ADKAR
    barriers by name only with ``show_users``)."""
    return Table(
        (Column("code", "Rule", strong=True, chars=9),
         Column("severity", "Severity", Kind.LABEL, tones=SEVERITY_TONES, chars=8),
         Column("where", "Where", chars=24), Column("message", "What to do", chars=60)),
        tuple(Row({"code": f.code, "severity": f.severity, "where": f.where, "message": f.message},
                  emphasis=Emphasis.STRONG if f.severity is Severity.ERROR else None, tag=f.severity)
              for f in review.shown_findings(show_users)),
        empty="No findings: the plan follows every rule.",
    )


def _timeline(plan: Plan) -> Figure:
    from mopskit.viz.plan import timeline  # on use: the terminal summary and JSON need no matplotlib

    return timeline(plan)


def _stakeholder_grid(plan: Plan) -> Figure:
    from mopskit.viz.plan import stakeholder_grid

    return stakeholder_grid(plan)


def _tasks(plan: Plan) -> Table:
    return Table(
        (Column("id", "Id", strong=True, chars=12), Column("name", "Task", chars=40),
         Column("start", "Start", Kind.DATE), Column("end", "End", Kind.DATE),
         Column("days", "Days", Kind.INTEGER), Column("depends_on", "Depends on", Kind.LIST),
         Column("milestone", "Milestone", chars=9)),
        tuple(Row({"id": t.id, "name": t.name, "start": t.start, "end": t.end, "days": t.days,
                   "depends_on": t.depends_on, "milestone": "yes" if t.milestone else ""})
              for t in sorted(plan.tasks, key=lambda t: (t.start, t.end))),
        empty="The plan has no task.",
    )


def _raci(plan: Plan) -> Table:
    people = plan.people
    return Table(
        (Column("task", "Task", strong=True, chars=14),
         *(Column(f"p{index}", name, chars=max(3, len(name))) for index, name in enumerate(people))),
        tuple(Row({"task": t.id, **{f"p{index}": t.raci.letters().get(name, "")
                                    for index, name in enumerate(people)}}) for t in plan.tasks),
        empty="No task names anyone.",
    )


def _stakeholders_lead(review: PlanReview, named: bool) -> str:
    grid = "Quadrant on the power/interest grid"
    if named:
        return f"{grid}; the ADKAR barrier is the first element scored 3 or less."
    counts = review.barrier_counts()
    scored = sum(person.adkar is not None for person in review.plan.stakeholders)
    if not scored:
        return f"{grid}. No stakeholder has ADKAR scores."
    found = ", ".join(f"{element} {count}" for element, count in counts.items()) if counts else "none"
    return (f"{grid}. ADKAR barrier points of the {plural(scored, 'stakeholder')} scored: {found}. Each "
            "person's scores and barrier are personal and hidden; add --show-users (show_users=True in Python) "
            "to show them.")


def _stakeholders(plan: Plan, named: bool = True) -> Table:
    adkar = (*(Column(element, element.capitalize(), Kind.INTEGER, missing="–") for element in ADKAR_ELEMENTS),
             Column("barrier", "Barrier", chars=13), Column("practice", "What addresses it", chars=40)) if named else ()
    return Table(
        (Column("name", "Stakeholder", strong=True, chars=20), Column("role", "Role", chars=24),
         Column("quadrant", "Quadrant", Kind.LABEL, chars=15), *adkar,
         Column("communications", "Communications", Kind.INTEGER)),
        tuple(Row({"name": s.name, "role": s.role, "quadrant": s.quadrant,
                   **(_adkar_cells(s) if named else {}),
                   "communications": sum(reaches(c.audience, s) for c in plan.communications)})
              for s in plan.stakeholders),
        empty="The plan names no stakeholder.",
    )


def _adkar_cells(person: Stakeholder) -> dict[str, object]:
    adkar = person.adkar
    return {**{element: score for element, score in (adkar.scores() if adkar else ())},
            "barrier": (adkar.barrier if adkar else None) or ("none" if adkar else "not scored"),
            "practice": PRACTICES.get(adkar.barrier or "", "") if adkar else ""}


def _kpis(plan: Plan) -> Table:
    funnel = plan.funnel
    return Table(
        (Column("name", "KPI", strong=True, chars=36), Column("owner", "Owner", chars=18),
         Column("baseline", "Baseline", Kind.NUMBER), Column("target", "Target", Kind.NUMBER),
         Column("unit", "Unit", chars=16), Column("due", "Due", Kind.DATE),
         *((Column("yields", "Funnel yields", Kind.NUMBER),) if funnel else ())),
        tuple(Row({"name": k.name, "owner": k.owner, "baseline": k.baseline, "target": k.target,
                   "unit": k.unit, "due": k.due,
                   "yields": funnel.yields(k.stage) if funnel and k.stage else None}) for k in plan.kpis),
        empty="The plan has no KPI: say how you will know the change worked.",
    )


def _funnel(plan: Plan) -> tuple[Section, ...]:
    funnel = plan.funnel
    if funnel is None:
        return ()
    return (Section(
        "Demand funnel",
        lead=f"What {funnel.inquiries:,} inquiries yield at the plan's conversion rates, with an average deal "
             f"of {funnel.average_deal:,.0f}. A KPI counted on the funnel should not aim above its stage's yield.",
        table=Table(
            (Column("stage", "Stage", strong=True, chars=14), Column("volume", "Volume", Kind.INTEGER),
             Column("rate", "Reaches the next stage", Kind.PERCENT)),
            tuple(Row({"stage": step.stage, "volume": step.volume, "rate": step.rate_to_next})
                  for step in funnel.outcome().stages),
        ),
        short_title="Funnel",
    ),)


def _communications(plan: Plan) -> Table:
    return Table(
        (Column("audience", "Audience", Kind.LIST, strong=True, chars=28), Column("message", "Message", chars=40),
         Column("channel", "Channel", chars=18), Column("owner", "Owner", chars=18),
         Column("when", "When", chars=30), Column("times", "Times", Kind.INTEGER)),
        tuple(Row({"audience": c.audience, "message": c.message, "channel": c.channel, "owner": c.owner,
                   "when": c.when, "times": len(c.occurrences())}) for c in plan.communications),
        empty="No communication is planned.",
    )


def _risks(plan: Plan) -> Table:
    return Table(
        (Column("text", "Risk", strong=True, chars=40), Column("owner", "Owner", chars=18),
         Column("mitigation", "Mitigation", chars=50)),
        tuple(Row({"text": r.text, "owner": r.owner, "mitigation": r.mitigation}) for r in plan.risks),
        empty="No risk is listed.",
    )
