"""A change plan: read it (``load_plan``), check it (``lint``) and report it (``review``)."""

from mopskit.plan.load import SECTIONS, load_plan
from mopskit.plan.model import (
    ADKAR_ELEMENTS, Adkar, Communication, Kpi, Plan, Raci, Risk, Stakeholder, Task,
)

__all__ = [
    "ADKAR_ELEMENTS", "SECTIONS", "Adkar", "Communication", "Kpi", "Plan", "Raci", "Risk", "Stakeholder", "Task",
    "load_plan",
]
