"""Measure an inventory against sign-in data: utilization, waste, renewals, overlaps, actions.

The formulas are those of DOMAIN.md §4 (Productiv's inactive window, Zylo's 90% healthy
utilization target and 90-day review window); each is computed here and nowhere else.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from itertools import chain
from os import PathLike

import numpy as np

from mopskit.errors import InputError
from mopskit.stack.inventory import NO_CURRENCY, Inventory, ToolContract
from mopskit.stack.model import AuditResult, AuditSummary, Overlap, ToolAudit, UnmatchedApp
from mopskit.stack.names import fold
from mopskit.stack.usage import Usage, _as_date, read_usage

HEALTHY_UTILIZATION = 0.90  # Zylo: a healthy licence is at least 90% used
REVIEW_WINDOW_DAYS = 90  # Zylo: start a renewal review 90 days before the notice deadline
DEFAULT_INACTIVE_DAYS = 60  # Productiv: no sign-in for 60 days = inactive

UsageInput = Usage | str | PathLike[str] | Sequence[str | PathLike[str]] | None


def utilization(active_users: int, seats: int) -> float:
    """Share of paid seats used: active users / seats."""
    return active_users / seats


def cost_per_active_user(annual_cost: float, active_users: int) -> float | None:
    """Annual cost / active users; undefined (None) when nobody is active."""
    return annual_cost / active_users if active_users else None


def wasted_annual_cost(annual_cost: float, seats: int, used_seats: int) -> float:
    """What the unused seats cost a year: max(seats - used, 0) x annual cost / seats."""
    return max(seats - used_seats, 0) * annual_cost / seats


def notice_deadline(renewal_date: date, notice_days: int) -> date:
    """The last day to give notice: renewal date - notice days. After it the contract renews."""
    return renewal_date - timedelta(days=notice_days)


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
    """
    as_of = _as_date(as_of, "as_of")
    if isinstance(inactive_days, bool) or not isinstance(inactive_days, int) or inactive_days < 1:
        raise InputError(f"inactive_days must be a whole number of days ≥ 1, got {inactive_days!r}")
    if not isinstance(inventory, Inventory):
        raise InputError("inventory must come from load_inventory()")
    usage = _usage_for(usage, as_of)
    window_start = as_of - timedelta(days=inactive_days - 1)
    measured = _measure_usage(usage, window_start, {tool.usage_key for tool in inventory.tools})

    contracts = sorted(inventory.tools, key=lambda tool: (tool.tool.casefold(), fold(tool.department or "")))
    active_by_contract = {id(tool): measured.active_users(tool) for tool in contracts}
    categories = _categories(contracts, active_by_contract)
    sharing = _shared_usage_keys(contracts)

    tools = tuple(
        _audit_tool(
            tool,
            active_by_contract[id(tool)],
            categories[fold(tool.category)],
            sharing.get(tool.usage_key, ()),
            measured,
            as_of,
            inactive_days,
            inventory.currency,
        )
        for tool in contracts
    )
    overlaps, shared_users = _overlaps(categories)
    known = [tool for tool in tools if tool.active_users is not None]
    everyone = set().union(*(active_by_contract[id(tool)] or () for tool in contracts))
    summary = AuditSummary(
        tools=len(tools),
        annual_cost=sum(tool.annual_cost for tool in tools),
        wasted_annual_cost=sum(tool.wasted_annual_cost or 0.0 for tool in known) if known else None,
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
        active_users_by_tool={
            tool.label: tuple(sorted(active_by_contract[id(contract)] or ()))
            for tool, contract in zip(tools, contracts)
            if tool.active_users is not None
        },
        users_by_unmatched_app=measured.unmatched_users,
        shared_users_by_overlap=shared_users,
    )


# --- usage ---------------------------------------------------------------------------------


def _usage_for(usage: UsageInput, as_of: date) -> Usage | None:
    """Sign-in data counted up to ``as_of``; re-read from its logs if it was read for another date."""
    if usage is None:
        return None
    if not isinstance(usage, Usage):
        return read_usage(usage, as_of=as_of)
    if usage.as_of == as_of:
        return usage
    if usage.as_of is None and (usage.latest_sign_in is None or usage.latest_sign_in <= as_of):
        return usage
    if usage.sources:
        return read_usage([source.path for source in usage.sources], as_of=as_of,
                          format=_single_format(usage))
    raise InputError(
        f"the usage data was counted up to {usage.as_of or usage.latest_sign_in}, not {as_of};"
        " build it again with as_of set to the audit date"
    )


def _single_format(usage: Usage) -> str | None:
    formats = {source.format for source in usage.sources}
    return formats.pop() if len(formats) == 1 else None


@dataclass(frozen=True)
class _MeasuredUsage:
    has_logs: bool
    seen_keys: frozenset[str]
    active_by_key: dict[str, frozenset[str]]
    unmatched: tuple[UnmatchedApp, ...]
    unmatched_users: dict[str, tuple[str, ...]]

    def has_data(self, tool: ToolContract) -> bool:
        """A tool is measured when the logs mention its app, or it declares an sso_app (so silence means 0)."""
        return self.has_logs and (tool.sso_app is not None or tool.usage_key in self.seen_keys)

    def active_users(self, tool: ToolContract) -> frozenset[str] | None:
        if not self.has_data(tool):
            return None
        return self.active_by_key.get(tool.usage_key, frozenset())


def _measure_usage(usage: Usage | None, window_start: date, inventory_keys: set[str]) -> _MeasuredUsage:
    """Who is active in each inventoried app, and which apps the inventory does not know."""
    if usage is None:
        return _MeasuredUsage(False, frozenset(), {}, (), {})
    since = np.datetime64(window_start, "D")
    seen, active, unmatched, unmatched_users = set(), {}, [], {}
    for app in usage.apps():
        seen.add(app.app_key)
        if app.app_key in inventory_keys:
            active[app.app_key] = frozenset(app.users[app.last_sign_in >= since].tolist())  # NaT: never
            continue
        signed_in = app.sign_ins > 0
        if signed_in.any():
            users = tuple(sorted(app.users[signed_in].tolist()))
            unmatched.append(UnmatchedApp(app=app.app, users=len(users), sign_ins=int(app.sign_ins.sum())))
            unmatched_users[app.app] = users
    unmatched.sort(key=lambda app: (-app.users, -app.sign_ins, app.app.casefold(), app.app))
    return _MeasuredUsage(True, frozenset(seen), active, tuple(unmatched), unmatched_users)


# --- categories and overlaps -----------------------------------------------------------------


@dataclass(frozen=True)
class _Category:
    name: str
    users_by_tool: dict[str, frozenset[str] | None]  # distinct tool name -> its active users

    @cached_property  # asked once per tool of the category
    def tool_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.users_by_tool, key=lambda name: (name.casefold(), name)))

    @cached_property  # asked once per tool of the category
    def most_used(self) -> tuple[frozenset[str], int] | None:
        """The tools with the most active users, among those with usage data."""
        counts = {name: len(users) for name, users in self.users_by_tool.items() if users is not None}
        if len(counts) < 2:
            return None
        top = max(counts.values())
        return frozenset(name for name, count in counts.items() if count == top), top


def _categories(
    contracts: list[ToolContract], active: dict[int, frozenset[str] | None]
) -> dict[str, _Category]:
    names: dict[str, str] = {}
    users: dict[str, dict[str, frozenset[str] | None]] = defaultdict(dict)
    tool_names: dict[tuple[str, str], str] = {}
    for tool in contracts:
        key = fold(tool.category)
        names.setdefault(key, tool.category)
        name = tool_names.setdefault((key, fold(tool.tool)), tool.tool)
        measured = active[id(tool)]
        if name in users[key] and users[key][name] is not None:
            measured = users[key][name] | (measured or frozenset())
        users[key][name] = measured
    return {key: _Category(names[key], dict(users[key])) for key in names}


def _overlaps(categories: dict[str, _Category]) -> tuple[tuple[Overlap, ...], dict[str, tuple[str, ...]]]:
    """Categories holding two or more tools; shared users are active in at least two of them."""
    overlaps, shared_users = [], {}
    for category in sorted(categories.values(), key=lambda item: (item.name.casefold(), item.name)):
        if len(category.users_by_tool) < 2:
            continue
        measured = [users for users in category.users_by_tool.values() if users is not None]
        shared = None
        if len(measured) >= 2:
            counts = Counter(chain.from_iterable(measured))
            shared_set = sorted(user for user, count in counts.items() if count >= 2)
            shared = len(shared_set)
            shared_users[category.name] = tuple(shared_set)
        overlaps.append(Overlap(category=category.name, tools=category.tool_names, shared_active_users=shared))
    return tuple(overlaps), shared_users


def _shared_usage_keys(contracts: list[ToolContract]) -> dict[str, tuple[ToolContract, ...]]:
    by_key: dict[str, list[ToolContract]] = defaultdict(list)
    for tool in contracts:
        by_key[tool.usage_key].append(tool)
    return {key: tuple(tools) for key, tools in by_key.items() if len(tools) > 1}


# --- one tool ---------------------------------------------------------------------------------


def next_renewal(renewal_date: date, as_of: date) -> date:
    """The renewal date itself, or, if it is before ``as_of``, rolled forward by whole years."""
    if renewal_date >= as_of:
        return renewal_date
    years = as_of.year - renewal_date.year
    rolled = _add_years(renewal_date, years)
    return rolled if rolled >= as_of else _add_years(renewal_date, years + 1)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _audit_tool(
    tool: ToolContract,
    active: frozenset[str] | None,
    category: _Category,
    same_app: tuple[ToolContract, ...],
    measured: _MeasuredUsage,
    as_of: date,
    inactive_days: int,
    currency: str,
) -> ToolAudit:
    renewal = next_renewal(tool.renewal_date, as_of)
    deadline = notice_deadline(renewal, tool.notice_days)
    days_to_deadline = (deadline - as_of).days
    others = tuple(name for name in category.tool_names if fold(name) != fold(tool.tool))

    active_users = None if active is None else len(active)
    used = cost_per_user = wasted = None
    if active_users is not None:
        used = utilization(active_users, tool.seats)
        cost_per_user = cost_per_active_user(tool.annual_cost, active_users)
        wasted = wasted_annual_cost(tool.annual_cost, tool.seats, active_users)

    recommendation, reasons = _recommend(
        tool, active_users, used, category, others, measured, inactive_days, currency
    )
    reasons = list(reasons)
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
    if recommendation != "retain":
        reasons.append(_deadline_reason(deadline, days_to_deadline, renewal))
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
        recommendation=recommendation,
        reasons=tuple(reasons),
    )


def _recommend(
    tool: ToolContract,
    active_users: int | None,
    used: float | None,
    category: _Category,
    others: tuple[str, ...],
    measured: _MeasuredUsage,
    inactive_days: int,
    currency: str,
) -> tuple[str, list[str]]:
    """The first rule that applies: no data → retain; 0 active → retire; overlapping and not
    the most used in its category → consolidate; under 90% used → negotiate; else retain."""
    overlap_note = (
        f"It overlaps with {', '.join(others)} in {category.name}." if others else None
    )
    if active_users is None or used is None:
        why = (
            "No sign-in logs were given, so usage could not be measured."
            if not measured.has_logs
            else f"No sign-in data: the tool has no sso_app and no app named '{tool.tool}' appears"
            " in the logs, so usage could not be measured (set sso_app to its name in the identity provider)."
        )
        return "retain", [why, "Measure usage before deciding."] + ([overlap_note] if overlap_note else [])
    window = f"the last {inactive_days} days"
    if active_users == 0:
        return "retire", [
            f"No one signed in during {window}: all {tool.seats} seats are unused.",
            f"Retiring it saves {_money(tool.annual_cost, currency)} a year.",
        ]
    reasons = []
    leaders = category.most_used
    if others and leaders is not None:
        top_names, top_count = leaders
        if fold(tool.tool) not in {fold(name) for name in top_names}:
            leader = sorted(top_names, key=lambda name: (name.casefold(), name))[0]
            return "consolidate", [
                f"{overlap_note} {leader} is the most used there ({top_count} active users against"
                f" {active_users} here): move these users to it and drop this contract."
            ]
        reasons.append(f"{overlap_note} No other tool there has more active users.")
    if active_users > tool.seats:
        reasons.append(
            f"More active users ({active_users}) than seats ({tool.seats}): check the licence count"
            " before the renewal."
        )
    percent = f"{used:.0%}"
    if used < HEALTHY_UTILIZATION:
        target = math.ceil(active_users / HEALTHY_UTILIZATION)
        if target < tool.seats:
            saving = wasted_annual_cost(tool.annual_cost, tool.seats, target)
            return "negotiate", reasons + [
                f"{active_users} of {tool.seats} seats used in {window} ({percent}), under the 90%"
                f" healthy target: right-size to {target} seats at renewal, saving about {_money(saving, currency)} a year."
            ]
        reasons.append(
            f"{active_users} of {tool.seats} seats used ({percent}): under the 90% target, but one seat"
            " fewer would leave active users without one."
        )
        return "retain", reasons
    return "retain", reasons + [f"{active_users} of {tool.seats} seats used in {window} ({percent}): healthy."]


def _deadline_reason(deadline: date, days: int, renewal: date) -> str:
    if days < 0:
        return (
            f"The notice deadline {deadline.isoformat()} passed {_days(-days)} ago: the contract renews on"
            f" {renewal.isoformat()} unless the vendor agrees otherwise; plan for the term after."
        )
    if days <= REVIEW_WINDOW_DAYS:
        return (
            f"Urgent: the notice deadline is {deadline.isoformat()}, in {_days(days)}, inside the"
            f" {REVIEW_WINDOW_DAYS}-day review window."
        )
    review = deadline - timedelta(days=REVIEW_WINDOW_DAYS)
    return f"Start the review by {review.isoformat()}, {REVIEW_WINDOW_DAYS} days before the notice deadline {deadline.isoformat()}."


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f}" if currency == NO_CURRENCY else f"{amount:,.2f} {currency}"


def _label(tool: ToolContract) -> str:
    return f"{tool.tool} ({tool.department})" if tool.department else tool.tool
