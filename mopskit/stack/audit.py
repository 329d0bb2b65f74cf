"""Audit an inventory against sign-in data: utilization, waste, renewals, overlaps, actions.

``audit`` checks its inputs, has the usage counted over the activity window, measures who
is active where (``measure``), applies the recommendation rules (``rules``) and gathers one
``AuditResult``. The formulas are those of DOMAIN.md §4 (Productiv's inactive window,
Zylo's healthy utilization target ``HEALTHY_UTILIZATION``, and a review window of
``REVIEW_WINDOW_DAYS`` simplified from Zylo's renewal practice); each is computed in
``formulas`` and nowhere else, and re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from os import PathLike

from mopskit.errors import InputError
from mopskit.stack.formulas import (  # re-exported: the formulas an audit uses
    cost_per_active_user,
    next_renewal,
    notice_deadline,
    utilization,
    wasted_annual_cost,
)
from mopskit.stack.inventory import Inventory, ToolContract
from mopskit.stack.measure import (
    COVERAGE_SLACK_DAYS,
    Category,
    MeasuredUsage,
    evidence_of,
    group_by_category,
    measure_usage,
    overlaps_of,
    shared_usage_keys,
)
from mopskit.stack.model import (
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    AuditResult,
    AuditSummary,
    PeopleByKey,
    Pricing,
    Recommendation,
    ToolAudit,
    UsageEvidence,
)
from mopskit.stack.rules import deadline_reason, recommend
from mopskit.stack.usage import Usage, read_usage
from mopskit.stack.usage.model import as_date
from mopskit.wording import fold

__all__ = [
    "COVERAGE_SLACK_DAYS",
    "DEFAULT_INACTIVE_DAYS",
    "EARLIEST_AUDIT_DATE",
    "HEALTHY_UTILIZATION",
    "LATEST_AUDIT_DATE",
    "MAX_INACTIVE_DAYS",
    "REVIEW_WINDOW_DAYS",
    "UsageInput",
    "activity_window",
    "audit",
    "cost_per_active_user",
    "next_renewal",
    "notice_deadline",
    "utilization",
    "wasted_annual_cost",
]

DEFAULT_INACTIVE_DAYS = 60  # Productiv: no sign-in for 60 days = inactive
MAX_INACTIVE_DAYS = 3650  # ten years: longer is a typo, not a policy
EARLIEST_AUDIT_DATE = date(1990, 1, 1)  # before any SaaS sign-in log
LATEST_AUDIT_DATE = date(2100, 12, 31)

UsageInput = Usage | str | PathLike[str] | Sequence[str | PathLike[str]] | None


def activity_window(as_of: date | str, inactive_days: int = DEFAULT_INACTIVE_DAYS) -> tuple[date, date]:
    """The days a sign-in must fall on to count as active: ``inactive_days`` days ending on ``as_of``.

    Refuses dates and lengths no audit can mean (a typo, not a policy), naming the value and its limit.
    """
    day = as_date(as_of, "as_of")
    if not EARLIEST_AUDIT_DATE <= day <= LATEST_AUDIT_DATE:
        raise InputError(
            f"the audit date {day.isoformat()} is outside the dates an audit can use"
            f" ({EARLIEST_AUDIT_DATE.isoformat()} to {LATEST_AUDIT_DATE.isoformat()})"
        )
    if isinstance(inactive_days, bool) or not isinstance(inactive_days, int) or inactive_days < 1:
        raise InputError(f"inactive_days must be a whole number of days ≥ 1, got {inactive_days!r}")
    if inactive_days > MAX_INACTIVE_DAYS:
        raise InputError(
            f"inactive_days {inactive_days:,} is more than the limit of {MAX_INACTIVE_DAYS:,} days (ten years)"
        )
    return day - timedelta(days=inactive_days - 1), day


def audit(
    inventory: Inventory,
    usage: UsageInput,
    *,
    as_of: date | str,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
) -> AuditResult:
    """Audit every contract of ``inventory`` against ``usage`` on ``as_of``.

    A user is active in a tool when they have at least one successful sign-in on one of
    the ``inactive_days`` calendar days ending on ``as_of``: from ``as_of - (inactive_days - 1)``
    to ``as_of``, both included (UTC days). ``usage`` may be a ``Usage``, log path(s), or
    None (no sign-in data: usage figures are null, not zero).

    Logs with no successful sign-in in that window are refused (``InputError``): they cannot
    tell a tool nobody uses from a log that missed it. Logs that cover only part of the
    window are used, but no tool is recommended for retirement on them.
    """
    window_start, as_of = activity_window(as_of, inactive_days)
    if not isinstance(inventory, Inventory):
        raise InputError("inventory must come from load_inventory()")
    usage = _usage_for(usage, as_of, window_start)
    evidence = evidence_of(usage, window_start, as_of)
    measured = measure_usage(usage, window_start, {tool.usage_key for tool in inventory.tools})

    contracts = sorted(inventory.tools, key=lambda tool: (tool.tool.casefold(), fold(tool.department or "")))
    active_by_contract = {id(tool): measured.active_users(tool) for tool in contracts}
    categories = group_by_category(contracts, active_by_contract)
    sharing = shared_usage_keys(contracts)

    tools = tuple(
        _audit_tool(
            tool,
            active_by_contract[id(tool)],
            categories[fold(tool.category)],
            sharing.get(tool.usage_key, ()),
            measured,
            evidence,
            inactive_days,
            inventory.currency,
        )
        for tool in contracts
    )
    overlaps, shared_users = overlaps_of(categories)
    known = [tool for tool in tools if tool.active_users is not None]
    priced_per_seat = [tool for tool in known if tool.wasted_annual_cost is not None]
    everyone = set().union(*(active_by_contract[id(tool)] or () for tool in contracts))
    summary = AuditSummary(
        tools=len(tools),
        annual_cost=sum(tool.annual_cost for tool in tools),
        wasted_annual_cost=sum(tool.wasted_annual_cost or 0.0 for tool in priced_per_seat) if priced_per_seat else None,
        seats=sum(tool.seats for tool in tools),
        active_users=len(everyone) if known else None,
    )
    return AuditResult(
        as_of=as_of,
        inactive_days=inactive_days,
        currency=inventory.currency,
        summary=summary,
        tools=tools,
        overlaps=overlaps,
        unmatched_apps=measured.unmatched,
        active_users_by_tool=PeopleByKey({
            tool.label: active_by_contract[id(contract)] or frozenset()
            for tool, contract in zip(tools, contracts)
            if tool.active_users is not None
        }),
        users_by_unmatched_app=PeopleByKey(measured.unmatched_users),
        shared_users_by_overlap=PeopleByKey(shared_users),
        evidence=evidence,
        notes=(evidence.sentence(), *inventory.notes),
    )


# --- usage ---------------------------------------------------------------------------------


def _usage_for(usage: UsageInput, as_of: date, since: date) -> Usage | None:
    """Sign-in data counted over the audit window; re-read from its logs if counted for another."""
    if usage is None:
        return None
    if not isinstance(usage, Usage):
        return read_usage(usage, as_of=as_of, since=since)
    if usage.as_of == as_of and usage.since == since:
        return usage
    if usage.sources:
        return read_usage([source.path for source in usage.sources], as_of=as_of, since=since,
                          format=_single_format(usage))
    if usage.records is not None:
        return Usage.from_records(usage.records, as_of=as_of, since=since, period=usage.period)
    raise InputError(
        f"the usage data was counted from {usage.since or 'the start'} to {usage.as_of or 'the end'},"
        f" not {since} to {as_of}; read it again with since and as_of set to the audit window"
    )


def _single_format(usage: Usage) -> str | None:
    formats = {source.format for source in usage.sources}
    return formats.pop() if len(formats) == 1 else None


# --- one tool ---------------------------------------------------------------------------------


def _audit_tool(
    tool: ToolContract,
    active: frozenset[str] | None,
    category: Category,
    same_app: tuple[ToolContract, ...],
    measured: MeasuredUsage,
    evidence: UsageEvidence,
    inactive_days: int,
    currency: str | None,
) -> ToolAudit:
    as_of = evidence.window_end
    renewal = next_renewal(tool.renewal_date, as_of)
    deadline = notice_deadline(renewal, tool.notice_days)
    days_to_deadline = (deadline - as_of).days
    others = category.others_than(tool.tool)
    per_seat = tool.pricing is Pricing.PER_SEAT

    active_users = None if active is None else len(active)
    used = cost_per_user = wasted = None
    if active_users is not None:
        cost_per_user = cost_per_active_user(tool.annual_cost, active_users)
        if per_seat:
            used = utilization(active_users, tool.seats)
            wasted = wasted_annual_cost(tool.annual_cost, tool.seats, active_users)

    advice = recommend(tool, active_users, category, others, measured, evidence, inactive_days, currency)
    reasons = list(advice.reasons)
    if renewal != tool.renewal_date:
        reasons.append(
            f"The renewal date {tool.renewal_date.isoformat()} is before {as_of.isoformat()}; "
            f"assuming a yearly term, the next renewal is {renewal.isoformat()}."
        )
    if same_app:
        siblings = ", ".join(_label(other) for other in same_app if other is not tool)
        reasons.append(
            f"The sign-in logs cannot tell this contract from {siblings} (same app "
            f"'{tool.sso_app or tool.tool}'): each is credited with the same users."
        )
    if advice.recommendation is not Recommendation.RETAIN:
        reasons.append(deadline_reason(deadline, days_to_deadline, renewal))
    return ToolAudit(
        tool=tool.tool,
        vendor=tool.vendor,
        category=tool.category,
        owner=tool.owner,
        department=tool.department,
        annual_cost=tool.annual_cost,
        seats=tool.seats,
        active_users=active_users,
        utilization=used,
        cost_per_active_user=cost_per_user,
        wasted_annual_cost=wasted,
        renewal_date=renewal,
        notice_deadline=deadline,
        days_to_notice_deadline=days_to_deadline,
        overlaps_with=others,
        recommendation=advice.recommendation,
        reasons=tuple(reasons),
        pricing=tool.pricing,
        seats_needed=advice.seats_needed if per_seat else None,
    )


def _label(tool: ToolContract) -> str:
    return f"{tool.tool} ({tool.department})" if tool.department else tool.tool
