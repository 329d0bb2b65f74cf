"""The recommendation rules: what to do with each tool, and why, in words a budget owner reads.

``recommend`` applies the first rule that fits a tool's measured use (retain, retire,
consolidate, negotiate); ``deadline_reason`` says when notice must be given. The numbers
come from ``formulas``; the thresholds are the named constants of ``vocabulary``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from mopskit.stack.formulas import utilization, wasted_annual_cost
from mopskit.stack.inventory import ToolContract
from mopskit.stack.measure import Category, MeasuredUsage
from mopskit.stack.model import (
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    DeadlineStatus,
    Pricing,
    Recommendation,
    UsageEvidence,
    deadline_status,
)
from mopskit.wording import days, money, plural

__all__ = ["Advice", "deadline_reason", "recommend"]


@dataclass(frozen=True)
class Advice:
    """What to do with one tool, the reasons in order, and the seats it needs (None: not priced per seat)."""

    recommendation: Recommendation
    reasons: tuple[str, ...]
    seats_needed: int | None = None


_PRICED = {Pricing.FLAT: "a flat platform fee", Pricing.USAGE: "usage (contacts, events or tracked users)"}


def recommend(
    tool: ToolContract,
    active_users: int | None,
    category: Category,
    others: tuple[str, ...],
    measured: MeasuredUsage,
    evidence: UsageEvidence,
    inactive_days: int,
    currency: str | None,
) -> Advice:
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
        return Advice(Recommendation.RETAIN, (why, "Measure usage before deciding.", *([overlap_note] if overlap_note else [])))
    window = f"the last {inactive_days:,} days"
    per_seat = tool.pricing is Pricing.PER_SEAT
    if active_users == 0:
        if evidence.partial:
            return Advice(Recommendation.RETAIN, (
                f"No one signed in on the days the sign-in logs cover ({evidence.first_day} to"
                f" {evidence.last_day}), but they cover only part of {window}: not enough to retire it."
                " Audit again with logs that cover the whole window.",
            ))
        unused = f": all {tool.seats:,} seats are unused" if per_seat else ""
        return Advice(Recommendation.RETIRE, (
            f"No one signed in during {window}{unused}.",
            f"Retiring it saves {money(tool.annual_cost, currency)} a year.",
        ), seats_needed=0)

    plan = category.consolidation
    name = category.spelling_of(tool.tool)
    if plan is not None and name in plan.movers:
        return Advice(Recommendation.CONSOLIDATE, (
            f"{overlap_note} {plan.target} is the most used there ({plan.target_users:,} active users"
            f" against {active_users:,} here): move these users to it and drop this contract.",
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
        return Advice(Recommendation.RETAIN, (*reasons, (
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
                f"After the consolidation {_people(needed)} need a seat ({active_users:,} active here and"
                f" {len(incoming):,} moving in), {needed - tool.seats:,} more than its {tool.seats:,}: agree"
                " the extra seats before moving anyone."
            )
        else:
            why = (
                f"More active users ({active_users:,}) than seats ({tool.seats:,}): a licence-compliance"
                " risk. Check how seats are shared or assigned and agree the true count with the"
                " vendor before the renewal, rather than be billed for it after an audit."
            )
        return Advice(Recommendation.NEGOTIATE, (*reasons, why), seats_needed=needed)
    share = utilization(needed, tool.seats)
    counted = f"{active_users:,} of {tool.seats:,} seats used in {window} ({utilization(active_users, tool.seats):.0%})"
    if incoming:
        counted = f"{needed:,} of {tool.seats:,} seats needed after the consolidation ({share:.0%})"
    if share < HEALTHY_UTILIZATION:
        target = math.ceil(needed / HEALTHY_UTILIZATION)
        if target < tool.seats:
            saving = wasted_annual_cost(tool.annual_cost, tool.seats, target)
            return Advice(Recommendation.NEGOTIATE, (*reasons, (
                f"{counted}, under the {HEALTHY_UTILIZATION:.0%} healthy target: right-size to"
                f" {target:,} seats at renewal, saving about {money(saving, currency)} a year.{caution}"
            )), seats_needed=needed)
        return Advice(Recommendation.RETAIN, (*reasons, (
            f"{counted}: under the {HEALTHY_UTILIZATION:.0%} target, but one seat fewer would leave"
            " people who need one without it."
        )), seats_needed=needed)
    return Advice(Recommendation.RETAIN, (*reasons, f"{counted}: healthy."), seats_needed=needed)


def _people(number: int) -> str:
    return plural(number, "person", "people")


def deadline_reason(deadline: date, left: int, renewal: date) -> str:
    """When to act on a tool whose contract should change: ``left`` days to its notice deadline."""
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
