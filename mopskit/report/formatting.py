"""How every report words and orders the same numbers, so HTML, Markdown and text agree."""

from __future__ import annotations

from dataclasses import dataclass

from mopskit.stack.model import AuditResult, ToolAudit
from mopskit.stack.audit import HEALTHY_UTILIZATION, REVIEW_WINDOW_DAYS
from mopskit.viz.stack import RECOMMENDATION_ORDER
from mopskit.wording import NO_DATA, count, money, percent

__all__ = [
    "HEALTHY_UTILIZATION",
    "NO_DATA",
    "REVIEW_WINDOW_DAYS",
    "PRICING_WORDS",
    "RecommendationTotal",
    "amounts_in",
    "waste_qualifier",
    "cost_per_user",
    "count",
    "deadline_status",
    "deadline_words",
    "money",
    "percent",
    "pricing",
    "recommendation_totals",
    "renewals",
    "seats_needed",
    "UserGroup",
    "user_groups",
    "waste_share",
]




UPPER_BOUND = "at most: the sign-in logs cover only part of the window"


def waste_qualifier(result: AuditResult) -> str:
    """Words to put beside a waste total that partial logs may overstate ('' when they cannot)."""
    return UPPER_BOUND if result.waste_is_upper_bound else ""


def amounts_in(currency: str | None) -> str:
    """How a report says what its amounts are in."""
    return f"amounts are annual, in {currency}" if currency else "amounts are annual; the inventory names no currency"


PRICING_WORDS = {"per-seat": "per seat", "flat": "flat fee", "usage": "by usage"}


def pricing(tool: ToolAudit) -> str:
    return PRICING_WORDS.get(tool.pricing, tool.pricing)


def seats_needed(tool: ToolAudit) -> str:
    """People who need a seat at renewal, or why the figure does not apply."""
    if tool.seats_needed is not None:
        return f"{tool.seats_needed:,}"
    if tool.pricing != "per-seat":
        return "n/a (not per seat)"
    return NO_DATA




def cost_per_user(tool: ToolAudit, currency: str | None) -> str:
    """Cost per active user, or why there is none (no data, or nobody active)."""
    if tool.active_users is None:
        return NO_DATA
    if tool.cost_per_active_user is None:
        return "n/a (no active user)"
    return money(tool.cost_per_active_user, currency)




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
    return sorted(result.tools, key=lambda tool: (tool.notice_deadline, tool.label))


def waste_share(result: AuditResult) -> float | None:
    summary = result.summary
    if summary.wasted_annual_cost is None or not summary.annual_cost:
        return None
    return summary.wasted_annual_cost / summary.annual_cost


@dataclass(frozen=True)
class UserGroup:
    """People behind one figure: a tool's active users, an unmatched app's, an overlap's shared."""

    kind: str
    name: str
    users: tuple[str, ...]


def user_groups(result: AuditResult) -> list[UserGroup]:
    """Every list of user identities in a result, in report order (shown only on request)."""
    groups = [UserGroup("tool", tool.label, tuple(result.active_users_by_tool.get(tool.label, ())))
              for tool in result.tools]
    groups += [UserGroup("unmatched app", app.app, tuple(result.users_by_unmatched_app.get(app.app, ())))
               for app in result.unmatched_apps]
    groups += [UserGroup("overlap (shared)", overlap.category,
                         tuple(result.shared_users_by_overlap.get(overlap.category, ())))
               for overlap in result.overlaps]
    return [group for group in groups if group.users]


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
