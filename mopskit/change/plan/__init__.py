"""A change plan: read it (``load_plan``), check it (``lint``) and keep both (``review``).

Its report is ``mopskit.report.plan``, its calendar ``mopskit.report.ics.plan_calendar`` and
its charts ``mopskit.viz.plan.timeline`` and ``stakeholder_grid``: views above this package.
"""

from mopskit.change.plan.lint import RULES, Finding, lint
from mopskit.change.plan.load import SECTIONS, load_plan
from mopskit.change.plan.model import (
    ADKAR_ELEMENTS, FUNNEL_MEASURES, Adkar, Attention, Communication, Funnel, Kpi, Plan, Raci, Risk, Stakeholder, Task,
)
from mopskit.change.plan.review import PLAN_SCHEMA, PlanReview, review

__all__ = [
    "ADKAR_ELEMENTS", "FUNNEL_MEASURES", "PLAN_SCHEMA", "RULES", "SECTIONS", "Adkar", "Attention", "Communication", "Finding",
    "Funnel", "Kpi", "Plan", "PlanReview", "Raci", "Risk", "Stakeholder", "Task", "lint", "load_plan", "review",
]
