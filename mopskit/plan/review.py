"""A plan with its findings: the result ``mopskit plan`` reports in every format.

``review(plan)`` lints the plan; the ``PlanReview`` describes itself once (``to_document``)
for HTML, Markdown, XLSX and the terminal, and as JSON (``to_dict``, schema
``mopskit.plan/1``). Formats only a plan has (a calendar) come through ``report_formats``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mopskit import wording
from mopskit.plan.lint import PRACTICES, RULES, Finding, has_errors, lint, reaches
from mopskit.plan.model import ADKAR_ELEMENTS, Plan
from mopskit.viz.display import NotebookRepr
from mopskit.waterfall import STAGES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from mopskit.report import Renderer
    from mopskit.report.document import Document

PLAN_SCHEMA = "mopskit.plan/1"


@dataclass(frozen=True)
class PlanReview(NotebookRepr):
    """A change plan and what its lint found."""

    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity == "warning")

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @staticmethod
    def report_formats() -> dict[str, Renderer]:
        """Formats only a plan has: its communications and milestones as an ``.ics`` calendar
        that colleagues import into any calendar app."""
        return {".ics": calendar}

    def __repr__(self) -> str:
        return (f"PlanReview({self.plan.initiative!r}: {wording.plural(len(self.errors), 'error')}, "
                f"{wording.plural(len(self.warnings), 'warning')})")

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.plan/1``): the plan as read, and the findings.

        The people in a plan are its content (who does what), so they are always named.
        """
        plan = self.plan
        return {
            "schema": PLAN_SCHEMA,
            "initiative": plan.initiative,
            "vision": plan.vision,
            "sponsor": plan.sponsor,
            "start": plan.start.isoformat(),
            "end": plan.end.isoformat(),
            "objectives": list(plan.objectives),
            "findings": [{"code": f.code, "severity": f.severity, "where": f.where, "message": f.message}
                         for f in self.findings],
            "kpis": [{"name": k.name, "owner": k.owner, "baseline": k.baseline, "target": k.target,
                      "unit": k.unit, "due": k.due.isoformat() if k.due else None, "stage": k.stage,
                      "funnel_yields": plan.funnel.yields(k.stage) if plan.funnel and k.stage else None}
                     for k in plan.kpis],
            "funnel": None if plan.funnel is None else {
                "rates": dict(zip(STAGES, plan.funnel.rates.as_tuple(), strict=False)),
                "average_deal": plan.funnel.average_deal,
                "inquiries": plan.funnel.inquiries,
                "yields": {**{step.stage: step.volume for step in plan.funnel.outcome().stages},
                           "revenue": plan.funnel.outcome().revenue},
            },
            "stakeholders": [
                {"name": s.name, "role": s.role, "power": s.power, "interest": s.interest,
                 "quadrant": s.quadrant,
                 "adkar": dict(s.adkar.scores()) if s.adkar else None,
                 "barrier": s.adkar.barrier if s.adkar else None}
                for s in plan.stakeholders
            ],
            "tasks": [
                {"id": t.id, "name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat(),
                 "depends_on": list(t.depends_on), "milestone": t.milestone,
                 "raci": {"R": list(t.raci.responsible), "A": list(t.raci.accountable),
                          "C": list(t.raci.consulted), "I": list(t.raci.informed)}}
                for t in plan.tasks
            ],
            "communications": [
                {"audience": list(c.audience), "message": c.message, "channel": c.channel, "owner": c.owner,
                 "cadence": c.cadence, "dates": [day.isoformat() for day in c.occurrences()]}
                for c in plan.communications
            ],
            "risks": [{"text": r.text, "owner": r.owner, "mitigation": r.mitigation} for r in plan.risks],
        }

    def to_document(self, show_users: bool = False) -> Document:
        return _document(self)

    def _html_(self) -> str:
        from mopskit.report.html import render

        body = render(self).decode("utf-8")
        start, end = body.find("<body"), body.rfind("</body>")
        if start == -1 or end == -1:
            return body
        return '<div class="mopskit-plan">' + body[body.index(">", start) + 1:end] + "</div>"

    def _text_(self) -> str:
        lines = [repr(self), *(str(finding) for finding in self.findings)]
        return "\n".join(lines)


def review(plan: Plan) -> PlanReview:
    """Lint ``plan`` and keep both for reporting."""
    return PlanReview(plan, lint(plan))


def _document(result: PlanReview) -> Document:
    from mopskit.report.document import Card, Chart, Column, Document, Emphasis, Kind, Row, Section, Table

    plan = result.plan
    findings_table = Table(
        (Column("code", "Rule", strong=True, chars=9), Column("severity", "Severity", Kind.LABEL, chars=8),
         Column("where", "Where", chars=24), Column("message", "What to do", chars=60)),
        tuple(Row({"code": f.code, "severity": f.severity, "where": f.where, "message": f.message},
                  emphasis=Emphasis.STRONG if f.severity == "error" else None, tag=f.severity)
              for f in result.findings),
        empty="No findings: the plan follows every rule.",
    )
    tasks = Table(
        (Column("id", "Id", strong=True, chars=12), Column("name", "Task", chars=40),
         Column("start", "Start", Kind.DATE), Column("end", "End", Kind.DATE),
         Column("days", "Days", Kind.INTEGER), Column("depends_on", "Depends on", Kind.LIST),
         Column("milestone", "Milestone", chars=9)),
        tuple(Row({"id": t.id, "name": t.name, "start": t.start, "end": t.end, "days": t.days,
                   "depends_on": t.depends_on, "milestone": "yes" if t.milestone else ""})
              for t in sorted(plan.tasks, key=lambda t: (t.start, t.end))),
        empty="The plan has no task.",
    )
    people = plan.people
    matrix = Table(
        (Column("task", "Task", strong=True, chars=14),
         *(Column(f"p{index}", name, chars=max(3, len(name))) for index, name in enumerate(people))),
        tuple(Row({"task": t.id, **{f"p{index}": t.raci.letters().get(name, "")
                                    for index, name in enumerate(people)}}) for t in plan.tasks),
        empty="No task names anyone.",
    )
    stakeholders = Table(
        (Column("name", "Stakeholder", strong=True, chars=20), Column("role", "Role", chars=24),
         Column("quadrant", "Quadrant", Kind.LABEL, chars=15),
         *(Column(element, element.capitalize(), Kind.INTEGER, missing="–") for element in ADKAR_ELEMENTS),
         Column("barrier", "Barrier", chars=13), Column("practice", "What addresses it", chars=40),
         Column("communications", "Communications", Kind.INTEGER)),
        tuple(Row({"name": s.name, "role": s.role, "quadrant": s.quadrant,
                   **{element: score for element, score in (s.adkar.scores() if s.adkar else ())},
                   "barrier": (s.adkar.barrier if s.adkar else None) or ("none" if s.adkar else "not scored"),
                   "practice": PRACTICES.get(s.adkar.barrier or "", "") if s.adkar else "",
                   "communications": sum(reaches(c.audience, s) for c in plan.communications)})
              for s in plan.stakeholders),
        empty="The plan names no stakeholder.",
    )
    funnel = plan.funnel
    kpis = Table(
        (Column("name", "KPI", strong=True, chars=36), Column("owner", "Owner", chars=18),
         Column("baseline", "Baseline", Kind.NUMBER), Column("target", "Target", Kind.NUMBER),
         Column("unit", "Unit", chars=16), Column("due", "Due", Kind.DATE),
         *((Column("yields", "Funnel yields", Kind.NUMBER),) if funnel else ())),
        tuple(Row({"name": k.name, "owner": k.owner, "baseline": k.baseline, "target": k.target,
                   "unit": k.unit, "due": k.due,
                   "yields": funnel.yields(k.stage) if funnel and k.stage else None}) for k in plan.kpis),
        empty="The plan has no KPI: say how you will know the change worked.",
    )
    funnel_section = () if funnel is None else (Section(
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
    communications = Table(
        (Column("audience", "Audience", Kind.LIST, strong=True, chars=28), Column("message", "Message", chars=40),
         Column("channel", "Channel", chars=18), Column("owner", "Owner", chars=18),
         Column("when", "When", chars=30), Column("times", "Times", Kind.INTEGER)),
        tuple(Row({"audience": c.audience, "message": c.message, "channel": c.channel, "owner": c.owner,
                   "when": c.when, "times": len(c.occurrences())}) for c in plan.communications),
        empty="No communication is planned.",
    )
    risks = Table(
        (Column("text", "Risk", strong=True, chars=40), Column("owner", "Owner", chars=18),
         Column("mitigation", "Mitigation", chars=50)),
        tuple(Row({"text": r.text, "owner": r.owner, "mitigation": r.mitigation}) for r in plan.risks),
        empty="No risk is listed.",
    )
    errors, warnings = len(result.errors), len(result.warnings)
    headline = (f"{wording.plural(errors, 'error')} to fix and {wording.plural(warnings, 'warning')} to look at."
                if errors or warnings else "The plan follows every rule the lint checks.")
    return Document(
        title=f"Change plan: {plan.initiative}",
        scope=(f"{plan.start.isoformat()} to {plan.end.isoformat()}", f"sponsor {plan.sponsor}"),
        headline=headline,
        cards=(
            Card("Errors", errors, Kind.INTEGER, note="must be fixed"),
            Card("Warnings", warnings, Kind.INTEGER),
            Card("Tasks", len(plan.tasks), Kind.INTEGER,
                 note=wording.plural(sum(t.milestone for t in plan.tasks), "milestone")),
            Card("Stakeholders", len(plan.stakeholders), Kind.INTEGER,
                 note=f"{sum(s.quadrant == 'manage closely' for s in plan.stakeholders)} to manage closely"),
            Card("KPIs", len(plan.kpis), Kind.INTEGER),
        ),
        sections=(
            Section("Vision and objectives", lead=plan.vision, bullets=plan.objectives, short_title="Vision"),
            Section("Findings", lead="Each rule the plan breaks, where in the file, and what to do about it.",
                    table=findings_table),
            Section("Tasks", lead="In date order; a task's end day is included.", table=tasks,
                    charts=(Chart("Timeline", "Bars from start to end, milestones as diamonds, arrows from "
                                  "each task to the ones that wait for it.", lambda: timeline(plan)),)),
            Section("RACI matrix", lead="R responsible, A accountable, C consulted, I informed.",
                    table=matrix, short_title="RACI"),
            Section("Stakeholders", lead="Quadrant on the power/interest grid; the ADKAR barrier is the first "
                                         "element scored 3 or less.", table=stakeholders,
                    charts=(Chart("Power and interest", "Mendelow's grid: manage closely those with high "
                                  "power and high interest.", lambda: stakeholder_grid(plan)),)),
            Section("KPIs", table=kpis),
            *funnel_section,
            Section("Communications", table=communications),
            Section("Risks", table=risks),
        ),
        brief=findings_table if result.findings else None,
        definitions=tuple(RULES.items()),
    )


def timeline(plan: Plan) -> Figure:
    """The plan's tasks as a Gantt chart: bars, milestones as diamonds, arrows for dependencies."""
    from mopskit.viz.plan import GanttTask, gantt

    return gantt([GanttTask(task.id, task.name, task.start, task.end, task.depends_on, task.milestone)
                  for task in plan.tasks], title=f"Timeline: {plan.initiative}")


def stakeholder_grid(plan: Plan) -> Figure:
    """The plan's stakeholders on Mendelow's power/interest grid."""
    from mopskit.viz.plan import Stakeholder, power_interest_grid

    return power_interest_grid([Stakeholder(person.name, person.power, person.interest)
                                for person in plan.stakeholders], title=f"Stakeholders: {plan.initiative}")


def calendar(result: PlanReview, *, show_users: bool = False) -> bytes:
    """The plan's communications (one event per date, or one recurring event per cadence)
    and milestones as an RFC 5545 calendar. The stamp is the plan's first day, so the same
    plan always gives the same bytes and calendar apps update events by their stable ids."""
    from datetime import datetime, time, timezone

    from mopskit.report.ics import CalendarEvent, calendar_bytes, recurrence

    plan = result.plan
    slug = re.sub(r"[^a-z0-9]+", "-", plan.initiative.casefold()).strip("-") or "plan"
    events = []
    for number, item in enumerate(plan.communications, 1):
        summary = f"{item.message} ({item.channel})"
        description = f"For {', '.join(item.audience)}. Owner: {item.owner}."
        if item.cadence and item.start and item.end:
            events.append(CalendarEvent(f"{slug}-message-{number}@mopskit", summary, item.start,
                                        description=description,
                                        rrule=recurrence(item.cadence.upper(), until=item.end)))
            continue
        for count, day in enumerate(item.dates, 1):
            events.append(CalendarEvent(f"{slug}-message-{number}-{count}@mopskit", summary, day,
                                        description=description))
    for task in plan.tasks:
        if task.milestone:
            events.append(CalendarEvent(f"{slug}-{task.id}@mopskit", f"Milestone: {task.name}", task.start,
                                        description=f"{plan.initiative}: {task.name}."))
    stamp = datetime.combine(plan.start, time(0), tzinfo=timezone.utc)
    return calendar_bytes(events, name=f"Change plan: {plan.initiative}", stamp=stamp)
