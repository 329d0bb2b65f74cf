"""A change plan: read it (``load_plan``), check it (``lint``) and report it (``review``)."""

from mopskit.plan.lint import RULES, Finding, lint
from mopskit.plan.load import SECTIONS, load_plan
from mopskit.plan.model import (
    ADKAR_ELEMENTS, FUNNEL_MEASURES, Adkar, Communication, Funnel, Kpi, Plan, Raci, Risk, Stakeholder, Task,
)
from mopskit.plan.review import PLAN_SCHEMA, PlanReview, review, stakeholder_grid, timeline

__all__ = [
    "ADKAR_ELEMENTS", "FUNNEL_MEASURES", "PLAN_SCHEMA", "RULES", "SECTIONS", "Adkar", "Communication", "Finding",
    "Funnel", "Kpi", "Plan",
    "PlanReview", "Raci", "Risk", "Stakeholder", "Task", "lint", "load_plan", "review", "stakeholder_grid", "timeline",
]
