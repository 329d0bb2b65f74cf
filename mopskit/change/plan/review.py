"""A plan with its findings: the result ``mopskit plan`` reports in every format.

``review(plan)`` lints the plan; the ``PlanReview`` is a value: its JSON (``to_dict``, schema
``mopskit.plan/1``) and its plain text. ADKAR scores and barrier points are one person's
view of another: every view of a review counts them without names unless asked to show users
(``review(plan, show_users=True)``, or ``show_users=True`` when a report is written). Its report (``mopskit.report.plan``, found
by type), its calendar (``mopskit.report.ics.plan_calendar``) and its charts
(``mopskit.viz.plan``) live above it; this module imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mopskit import wording
from mopskit.change.plan.lint import Finding, has_errors, lint
from mopskit.change.plan.model import ADKAR_ELEMENTS, Plan
from mopskit.change.waterfall import STAGES
from mopskit.display import NotebookRepr
from mopskit.findings import Severity

PLAN_SCHEMA = "mopskit.plan/1"


@dataclass(frozen=True)
class PlanReview(NotebookRepr):
    """A change plan and what its lint found."""

    plan: Plan
    findings: tuple[Finding, ...]
    show_users: bool = False
    """Whether its views name each stakeholder's ADKAR scores and barrier (its reports also do
    when written with ``show_users=True``)."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    def barrier_counts(self) -> dict[str, int]:
        """How many stakeholders have their barrier point at each ADKAR element (only those that
        occur, in ADKAR's order): what a report may say without naming anyone."""
        barriers = [person.adkar.barrier for person in self.plan.stakeholders if person.adkar and person.adkar.barrier]
        return {element: barriers.count(element) for element in ADKAR_ELEMENTS if element in barriers}

    def shown_findings(self, show_users: bool = False) -> tuple[Finding, ...]:
        """The findings a view shows: every one when users are shown (``show_users`` here or on the
        review), else the personal ones (ADKAR barriers by name) folded into one count without names."""
        if show_users or self.show_users:
            return self.findings
        personal = [finding for finding in self.findings if finding.personal]
        if not personal:
            return self.findings
        counts = ", ".join(f"{element} {count}" for element, count in self.barrier_counts().items())
        summary = Finding(
            personal[0].code, Severity.INFO, "stakeholders",
            f"{wording.plural(len(personal), 'ADKAR barrier point')}, names hidden (--show-users or "
            f"show_users=True shows them): {counts}")
        shown = [finding for finding in self.findings if not finding.personal]
        position = self.findings.index(personal[0])
        return (*shown[:position], summary, *shown[position:])

    def __repr__(self) -> str:
        return (f"PlanReview({self.plan.initiative!r}: {wording.plural(len(self.errors), 'error')}, "
                f"{wording.plural(len(self.warnings), 'warning')})")

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.plan/1``): the plan as read, and the findings.

        The people in a plan are its content (who does what, their role and quadrant), so they
        are always named; each one's ADKAR scores and barrier only with ``show_users`` (or a
        review made with it), otherwise ``adkar_barriers`` counts the barriers without names.
        """
        plan = self.plan
        named = show_users or self.show_users
        return {
            "schema": PLAN_SCHEMA,
            "initiative": plan.initiative,
            "vision": plan.vision,
            "sponsor": plan.sponsor,
            "start": plan.start.isoformat(),
            "end": plan.end.isoformat(),
            "objectives": list(plan.objectives),
            "findings": [{"code": f.code, "severity": f.severity, "where": f.where, "message": f.message}
                         for f in self.shown_findings(named)],
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
                 **({"adkar": dict(s.adkar.scores()) if s.adkar else None,
                     "barrier": s.adkar.barrier if s.adkar else None} if named else {})}
                for s in plan.stakeholders
            ],
            "adkar_shown": named,
            "adkar_barriers": self.barrier_counts(),
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

    def _text_(self) -> str:
        lines = [repr(self), *(str(finding) for finding in self.shown_findings())]
        return "\n".join(lines)


def review(plan: Plan, *, show_users: bool = False) -> PlanReview:
    """Lint ``plan`` and keep both for reporting; ``show_users`` names each stakeholder's ADKAR
    scores and barrier in every view of it (a notebook's too), not only in reports asked to."""
    return PlanReview(plan, lint(plan), show_users=show_users)
