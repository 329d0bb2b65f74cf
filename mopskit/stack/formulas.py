"""The formulas of an audit, each computed here and nowhere else (DOMAIN.md §4).

Utilization and waste per seat, cost per active user, the notice deadline and the next
renewal: pure functions of numbers and dates, used by the measuring, the recommendation
rules and the lessons alike.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["cost_per_active_user", "next_renewal", "notice_deadline", "utilization", "wasted_annual_cost"]


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
