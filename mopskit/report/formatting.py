"""How every report words and orders the same numbers, so HTML, Markdown and text agree."""

from __future__ import annotations

from dataclasses import dataclass

from mopskit.stack.model import AuditResult, ToolAudit
from mopskit.viz.stack import RECOMMENDATION_ORDER, REVIEW_WINDOW_DAYS, tool_label

NO_DATA = "no data"

__all__ = [
    "NO_DATA",
    "RecommendationTotal",
    "count",
    "deadline_status",
    "deadline_words",
    "money",
    "percent",
    "recommendation_totals",
    "renewals",
    "tool_label",
    "waste_share",
]


def money(value: float | None, currency: str) -> str:
    """'EUR 12,345' (whole units: a report reader compares magnitudes, not cents)."""
    if value is None:
        return NO_DATA
    return f"{currency} {value:,.0f}"


def percent(value: float | None) -> str:
    return NO_DATA if value is None else f"{100 * value:.0f}%"


def count(value: int | None) -> str:
    return NO_DATA if value is None else f"{value:,}"


def deadline_status(days_to_notice_deadline: int) -> str:
    """'passed', 'due' (inside the review window) or 'later'."""
    if days_to_notice_deadline < 0:
        return "passed"
    if days_to_notice_deadline <= REVIEW_WINDOW_DAYS:
        return "due"
    return "later"


def deadline_words(days_to_notice_deadline: int) -> str:
    days = days_to_notice_deadline
    if days < 0:
        return f"passed {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "today"
    return f"in {days} day{'s' if days != 1 else ''}"


def renewals(result: AuditResult) -> list[ToolAudit]:
    """Tools by notice deadline, soonest first: the order decisions have to be made in."""
    return sorted(result.tools, key=lambda tool: (tool.notice_deadline, tool_label(tool)))


def waste_share(result: AuditResult) -> float | None:
    if not result.summary.annual_cost:
        return None
    return result.summary.wasted_annual_cost / result.summary.annual_cost


@dataclass(frozen=True)
class RecommendationTotal:
    recommendation: str
    tools: int
    annual_cost: float


def recommendation_totals(result: AuditResult) -> list[RecommendationTotal]:
    """How many tools, and how much annual spend, each recommendation concerns."""
    present = {tool.recommendation for tool in result.tools}
    order = [name for name in RECOMMENDATION_ORDER if name in present]
    order += sorted(present - set(order))
    return [
        RecommendationTotal(
            recommendation=name,
            tools=sum(1 for tool in result.tools if tool.recommendation == name),
            annual_cost=sum(tool.annual_cost for tool in result.tools if tool.recommendation == name),
        )
        for name in order
    ]
