"""The audit's words and thresholds: how a contract is priced, what a recommendation or a deadline
status can be.

Kept apart from the model so a renderer or a chart can use them without the result classes.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "HEALTHY_UTILIZATION", "PRICING_MODELS", "REVIEW_WINDOW_DAYS", "DeadlineStatus", "Pricing", "Recommendation",
    "deadline_status",
]

HEALTHY_UTILIZATION = 0.90  # Zylo: the share of paid seats a healthy licence has in use
# Zylo prepares each renewal from about 120, 90 and 60 days before the renewal date; the kit
# simplifies that to one window: a notice deadline inside it needs a decision now.
REVIEW_WINDOW_DAYS = 90


class Pricing(StrEnum):
    """How a contract is priced: only seats bought one by one can sit unused and be called waste."""

    PER_SEAT = "per-seat"
    FLAT = "flat"  # a platform fee
    USAGE = "usage"  # contacts, events or tracked users


PRICING_MODELS = tuple(Pricing)
"""The pricing models, in the order the inventory's help names them."""


class Recommendation(StrEnum):
    """What to do with a contract, in the order a reader acts on them (reports sort by it)."""

    RETIRE = "retire"
    CONSOLIDATE = "consolidate"
    NEGOTIATE = "negotiate"
    RETAIN = "retain"


class DeadlineStatus(StrEnum):
    """Where a notice deadline stands against the review window."""

    PASSED = "passed"  # the contract renews as it is
    DUE = "due"  # inside the review window: decide now
    LATER = "later"


def deadline_status(days_to_notice_deadline: int) -> DeadlineStatus:
    """'passed' before today, 'due' within ``REVIEW_WINDOW_DAYS``, else 'later': the one place
    the thresholds are tested."""
    if days_to_notice_deadline < 0:
        return DeadlineStatus.PASSED
    if days_to_notice_deadline <= REVIEW_WINDOW_DAYS:
        return DeadlineStatus.DUE
    return DeadlineStatus.LATER
