"""Measure an inventory against sign-in data: utilization, waste, renewals, overlaps, actions.

The formulas are those of DOMAIN.md §4 (Productiv's inactive window, Zylo's healthy
utilization target ``HEALTHY_UTILIZATION``, and a review window of ``REVIEW_WINDOW_DAYS``
simplified from Zylo's renewal practice); each is computed here and nowhere else.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from os import PathLike

import numpy as np

from mopskit.errors import InputError
from mopskit.stack.inventory import Inventory, ToolContract
from mopskit.stack.model import (
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    AuditResult,
    AuditSummary,
    DeadlineStatus,
    Overlap,
    Pricing,
    Recommendation,
    ToolAudit,
    UnmatchedApp,
    UsageEvidence,
    deadline_status,
)
from mopskit.wording import days, fold, money, plural
from mopskit.stack.usage import Usage, _as_date, read_usage

DEFAULT_INACTIVE_DAYS = 60  # Productiv: no sign-in for 60 days = inactive
MAX_INACTIVE_DAYS = 3650  # ten years: longer is a typo, not a policy
COVERAGE_SLACK_DAYS = 3  # a log may end this many days before the audit date (an export over a weekend)
EARLIEST_AUDIT_DATE = date(1990, 1, 1)  # before any SaaS sign-in log
LATEST_AUDIT_DATE = date(2100, 12, 31)

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


def activity_window(as_of: date | str, inactive_days: int = DEFAULT_INACTIVE_DAYS) -> tuple[date, date]:
    """The days a sign-in must fall on to count as active: ``inactive_days`` days ending on ``as_of``.

    Refuses dates and lengths no audit can mean (a typo, not a policy), naming the value and its limit.
    """
    day = _as_date(as_of, "as_of")
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
    evidence = _evidence(usage, window_start, as_of)
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
            evidence,
            inactive_days,
            inventory.currency,
        )
        for tool in contracts
    )
    overlaps, shared_users = _overlaps(categories)
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
        active_users_by_tool={
            tool.label: tuple(sorted(active_by_contract[id(contract)] or ()))
            for tool, contract in zip(tools, contracts)
            if tool.active_users is not None
        },
        users_by_unmatched_app=measured.unmatched_users,
        shared_users_by_overlap=shared_users,
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


def _evidence(usage: Usage | None, window_start: date, as_of: date) -> UsageEvidence:
    """What the logs can show about the window; refuse logs with no success in it at all."""
    if usage is None:
        return UsageEvidence(window_start, as_of, logs_given=False)
    coverage = usage.coverage
    in_window = bool((usage.last_sign_in >= np.datetime64(window_start, "D")).any())  # NaT compares False
    if not in_window:
        raise InputError(_no_sign_in_in_window(usage, window_start, as_of), file=_log_names(usage))
    covers = (
        coverage.first_day is not None
        and coverage.last_day is not None
        and coverage.first_day <= window_start
        and coverage.last_day >= as_of - timedelta(days=COVERAGE_SLACK_DAYS)
    )
    return UsageEvidence(window_start, as_of, True, coverage.first_day, coverage.last_day, covers)


def _no_sign_in_in_window(usage: Usage, window_start: date, as_of: date) -> str:
    coverage = usage.coverage
    window = f"{window_start.isoformat()} to {as_of.isoformat()}"
    if not coverage.events:
        return (
            "the sign-in log holds no events (only a header, or an empty list), so it cannot show"
            " who uses any tool; export the sign-ins again"
        )
    span = f"{plural(coverage.events, 'event')} from {coverage.first_day} to {coverage.last_day}"
    types = ", ".join(f"{name} ({count:,})" for name, count in coverage.event_types[:5])
    if not coverage.successful_sign_ins:
        hint = (
            " Okta records a sign-in to an app as a user.authentication.sso event: include those in the export."
            if any(source.format == "okta" for source in usage.sources) else ""
        )
        return (
            f"no successful sign-in to any app, so usage cannot be measured. The log holds {span}"
            f" of these types: {types}.{hint}"
        )
    return (
        f"no successful sign-in in the activity window {window}, so usage cannot be measured there."
        f" The log holds {span}; its successful sign-ins run from {coverage.first_success} to"
        f" {coverage.last_success}. Set --as-of to a day the log covers, or export the sign-ins of the window."
    )


def _log_names(usage: Usage) -> str | None:
    names = [source.path for source in usage.sources]
    return ", ".join(names) if names else None


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
    """Who is active in each app in the window: inventoried apps, and those the inventory lacks."""
    if usage is None:
        return _MeasuredUsage(False, frozenset(), {}, (), {})
    since = np.datetime64(window_start, "D")
    seen, active, unmatched, unmatched_users = set(), {}, [], {}
    for app in usage.apps():
        seen.add(app.app_key)
        in_window = app.last_sign_in >= since  # NaT: never
        if app.app_key in inventory_keys:
            active[app.app_key] = frozenset(app.users[in_window].tolist())
            continue
        if in_window.any():
            users = tuple(sorted(app.users[in_window].tolist()))
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
    def folded_names(self) -> dict[str, str]:
        """Each of the category's tool names as compared (``fold``), in ``tool_names`` order."""
        return {name: fold(name) for name in self.tool_names}

    def others_than(self, tool_name: str) -> tuple[str, ...]:
        """The category's tools but the one named ``tool_name`` (however it is spelt)."""
        key = fold(tool_name)
        return tuple(name for name, folded in self.folded_names.items() if folded != key)

    def spelling_of(self, tool_name: str) -> str:
        """The category's spelling of this tool's name (tools are grouped by folded name)."""
        key = fold(tool_name)
        return next((name for name, folded in self.folded_names.items() if folded == key), tool_name)

    @cached_property  # asked once per tool of the category
    def most_used(self) -> tuple[frozenset[str], int] | None:
        """The tools with the most active users, among those with usage data."""
        counts = {name: len(users) for name, users in self.users_by_tool.items() if users is not None}
        if len(counts) < 2:
            return None
        top = max(counts.values())
        return frozenset(name for name, count in counts.items() if count == top), top

    @cached_property
    def consolidation(self) -> _Consolidation | None:
        """Where this category's less-used tools should move, and whom they bring.

        The target is the most used tool (the first by name on a tie); every other measured tool
        someone uses moves to it. Nobody to move (no data, or only unused tools) means None.
        """
        if self.most_used is None:
            return None
        top_names, top_count = self.most_used
        target = sorted(top_names, key=lambda name: (name.casefold(), name))[0]
        movers = tuple(
            name for name in self.tool_names
            if name not in top_names and self.users_by_tool[name]  # measured and used
        )
        if not movers:
            return None
        own = self.users_by_tool[target] or frozenset()
        incoming = frozenset().union(*(self.users_by_tool[name] or () for name in movers)) - own
        return _Consolidation(target, top_count, movers, incoming)


@dataclass(frozen=True)
class _Consolidation:
    target: str
    target_users: int
    movers: tuple[str, ...]
    incoming: frozenset[str]  # users of the movers not already active in the target


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
        earlier = users[key].get(name)
        if earlier is not None:
            measured = earlier | (measured or frozenset())
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
            seen: set[str] = set()
            in_two: set[str] = set()
            for users in measured:  # set operations: a user active in a second tool of the category
                in_two |= seen & users
                seen |= users
            shared = len(in_two)
            shared_users[category.name] = tuple(sorted(in_two))
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

    advice = _recommend(tool, active_users, category, others, measured, evidence, inactive_days, currency)
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
        recommendation=advice.recommendation,
        reasons=tuple(reasons),
        pricing=tool.pricing,
        seats_needed=advice.seats_needed if per_seat else None,
    )


@dataclass(frozen=True)
class _Advice:
    recommendation: Recommendation
    reasons: tuple[str, ...]
    seats_needed: int | None = None


_PRICED = {Pricing.FLAT: "a flat platform fee", Pricing.USAGE: "usage (contacts, events or tracked users)"}


def _recommend(
    tool: ToolContract,
    active_users: int | None,
    category: _Category,
    others: tuple[str, ...],
    measured: _MeasuredUsage,
    evidence: UsageEvidence,
    inactive_days: int,
    currency: str | None,
) -> _Advice:
    """The first rule that applies:

    1. no sign-in data → retain (measure first);
    2. nobody active → retire (retain when the logs cover only part of the window);
    3. overlapping and not the most used in its category → consolidate into the most used;
    4. not priced per seat → retain (judged on use, not seats);
    5. more people than seats (its own plus those a consolidation moves in) → negotiate more seats;
    6. under ``HEALTHY_UTILIZATION`` of seats used → negotiate a right-size, never below the people who need a seat;
    7. else retain.
    """
    overlap_note = f"It overlaps with {', '.join(others)} in {category.name}." if others else None
    if active_users is None:
        why = (
            "No sign-in logs were given, so usage could not be measured."
            if not measured.has_logs
            else f"No sign-in data: the tool has no sso_app and no app named '{tool.tool}' appears"
            " in the logs, so usage could not be measured (set sso_app to its name in the identity provider)."
        )
        return _Advice(Recommendation.RETAIN, (why, "Measure usage before deciding.", *([overlap_note] if overlap_note else [])))
    window = f"the last {inactive_days} days"
    per_seat = tool.pricing is Pricing.PER_SEAT
    if active_users == 0:
        if evidence.partial:
            return _Advice(Recommendation.RETAIN, (
                f"No one signed in on the days the sign-in logs cover ({evidence.first_day} to"
                f" {evidence.last_day}), but they cover only part of {window}: not enough to retire it."
                " Audit again with logs that cover the whole window.",
            ))
        unused = f": all {tool.seats} seats are unused" if per_seat else ""
        return _Advice(Recommendation.RETIRE, (
            f"No one signed in during {window}{unused}.",
            f"Retiring it saves {money(tool.annual_cost, currency)} a year.",
        ), seats_needed=0)

    plan = category.consolidation
    name = category.spelling_of(tool.tool)
    if plan is not None and name in plan.movers:
        return _Advice(Recommendation.CONSOLIDATE, (
            f"{overlap_note} {plan.target} is the most used there ({plan.target_users} active users"
            f" against {active_users} here): move these users to it and drop this contract.",
        ), seats_needed=0)

    reasons = []
    incoming = plan.incoming if plan is not None and name == plan.target else frozenset()
    if overlap_note:
        reasons.append(f"{overlap_note} No other tool there has more active users.")
    if incoming:
        who = "who is" if len(incoming) == 1 else "who are"
        reasons.append(
            f"Consolidating {', '.join(plan.movers)} into it moves {_people(len(incoming))} here"  # type: ignore[union-attr]
            f" {who} not active in it yet."
        )
    if not per_seat:
        return _Advice(Recommendation.RETAIN, (*reasons, (
            f"Priced by {_PRICED[tool.pricing]}, not per seat: {_people(active_users)}"
            f" signed in during {window}. Judge its cost against its plan or usage tier, not seats."
        )))
    needed = active_users + len(incoming)
    caution = (
        " The sign-in logs cover only part of the window, so some users may be missing: confirm"
        " the count before changing seats."
        if evidence.partial else ""
    )
    if needed > tool.seats:
        if incoming:
            why = (
                f"After the consolidation {_people(needed)} need a seat ({active_users} active here and"
                f" {len(incoming)} moving in), {needed - tool.seats} more than its {tool.seats}: agree"
                " the extra seats before moving anyone."
            )
        else:
            why = (
                f"More active users ({active_users}) than seats ({tool.seats}): a licence-compliance"
                " risk. Check how seats are shared or assigned and agree the true count with the"
                " vendor before the renewal, rather than be billed for it after an audit."
            )
        return _Advice(Recommendation.NEGOTIATE, (*reasons, why), seats_needed=needed)
    share = utilization(needed, tool.seats)
    counted = f"{active_users} of {tool.seats} seats used in {window} ({utilization(active_users, tool.seats):.0%})"
    if incoming:
        counted = f"{needed} of {tool.seats} seats needed after the consolidation ({share:.0%})"
    if share < HEALTHY_UTILIZATION:
        target = math.ceil(needed / HEALTHY_UTILIZATION)
        if target < tool.seats:
            saving = wasted_annual_cost(tool.annual_cost, tool.seats, target)
            return _Advice(Recommendation.NEGOTIATE, (*reasons, (
                f"{counted}, under the {HEALTHY_UTILIZATION:.0%} healthy target: right-size to"
                f" {target} seats at renewal, saving about {money(saving, currency)} a year.{caution}"
            )), seats_needed=needed)
        return _Advice(Recommendation.RETAIN, (*reasons, (
            f"{counted}: under the {HEALTHY_UTILIZATION:.0%} target, but one seat fewer would leave"
            " people who need one without it."
        )), seats_needed=needed)
    return _Advice(Recommendation.RETAIN, (*reasons, f"{counted}: healthy."), seats_needed=needed)


def _people(number: int) -> str:
    return plural(number, "person", "people")


def _deadline_reason(deadline: date, left: int, renewal: date) -> str:
    status = deadline_status(left)
    if status is DeadlineStatus.PASSED:
        return (
            f"The notice deadline {deadline.isoformat()} passed {days(-left)} ago: the contract renews on"
            f" {renewal.isoformat()} unless the vendor agrees otherwise; plan for the term after."
        )
    if status is DeadlineStatus.DUE:
        return (
            f"Urgent: the notice deadline is {deadline.isoformat()}, in {days(left)}, inside the"
            f" {REVIEW_WINDOW_DAYS}-day review window."
        )
    review = deadline - timedelta(days=REVIEW_WINDOW_DAYS)
    return f"Start the review by {review.isoformat()}, {REVIEW_WINDOW_DAYS} days before the notice deadline {deadline.isoformat()}."




def _label(tool: ToolContract) -> str:
    return f"{tool.tool} ({tool.department})" if tool.department else tool.tool
