"""What following an audit's advice does to the licence spend: the contracts it ends, and the seats
the tools that stay must add for the people moving in (consolidation moves users; it does not
delete them).

Right-sizing at renewal (the *negotiate* advice) is left out: what a vendor gives back depends on
the contract, so the audit names it and does not count it.
"""

from __future__ import annotations

from typing import NamedTuple

from mopskit.stack.model import AuditResult, ToolAudit
from mopskit.stack.vocabulary import Pricing, Recommendation

__all__ = ["ENDING", "SeatsToAdd", "SpendAfterMoves", "spend_after_moves"]


ENDING = (Recommendation.RETIRE, Recommendation.CONSOLIDATE)
"""The recommendations that end a contract."""


class SeatsToAdd(NamedTuple):
    """A per-seat tool that needs more seats once the advice is followed (people moving in)."""

    tool: ToolAudit
    extra_seats: int

    @property
    def seat_price(self) -> float:
        return self.tool.annual_cost / self.tool.seats

    @property
    def cost(self) -> float:
        return self.extra_seats * self.seat_price


class SpendAfterMoves(NamedTuple):
    """The yearly licence spend before and after the contracts the audit ends, counting the
    seats the receiving tools must add. Right-sizing at renewal is left out: it depends on the
    vendor."""

    spend_now: float
    ended: tuple[ToolAudit, ...]
    """Tools retired or consolidated away: their contracts end."""
    seats_to_add: tuple[SeatsToAdd, ...]
    """Per-seat tools that need more seats than they have, for their own people and newcomers."""

    @property
    def saved(self) -> float:
        return sum(tool.annual_cost for tool in self.ended)

    @property
    def added(self) -> float:
        return sum(item.cost for item in self.seats_to_add)

    @property
    def spend_after(self) -> float:
        return self.spend_now - self.saved + self.added

    @property
    def net_saving(self) -> float:
        return self.spend_now - self.spend_after


def spend_after_moves(result: AuditResult) -> SpendAfterMoves:
    """What the licence spend becomes when the contracts the audit ends are ended and every
    per-seat tool kept has a seat for each person who needs one (``seats_needed``)."""
    ended = tuple(tool for tool in result.tools if tool.recommendation in ENDING)
    seats_to_add = tuple(
        SeatsToAdd(tool, tool.seats_needed - tool.seats)
        for tool in result.tools
        if tool.recommendation not in ENDING and tool.pricing is Pricing.PER_SEAT
        and tool.seats_needed is not None and tool.seats_needed > tool.seats
    )
    return SpendAfterMoves(result.summary.annual_cost, ended, seats_to_add)
