"""A plan with its findings: the result ``mopskit plan`` reports in every format.

``review(plan)`` lints the plan; the ``PlanReview`` is a value: its JSON (``to_dict``, schema
``mopskit.plan/1``) and its plain text. Its report (``mopskit.report.plan``, found
by type), its calendar (``mopskit.report.ics.plan_calendar``) and its charts
(``mopskit.viz.plan``) live above it; this module imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mopskit import wording
from mopskit.change.plan.lint import Finding, has_errors, lint
from mopskit.change.plan.model import Plan
from mopskit.change.waterfall import STAGES
from mopskit.display import NotebookRepr
from mopskit.findings import Severity

PLAN_SCHEMA = "mopskit.plan/1"


@dataclass(frozen=True)
class PlanReview(NotebookRepr):
    """A change plan and what its lint found."""

    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

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

    def _text_(self) -> str:
        lines = [repr(self), *(str(finding) for finding in self.findings)]
        return "\n".join(lines)


def review(plan: Plan) -> PlanReview:
    """Lint ``plan`` and keep both for reporting."""
    return PlanReview(plan, lint(plan))
