"""The values an audit produces. Frozen, so a result can be shared and re-rendered safely.

Field names match the JSON report (schema ``mopskit.audit/1``) one to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ToolAudit:
    """One inventoried tool contract, measured against sign-in data."""

    tool: str
    vendor: str
    category: str
    owner: str
    department: str | None
    annual_cost: float
    seats: int
    active_users: int | None  # None: no sign-in data for this tool (not zero)
    utilization: float | None  # active_users / seats
    cost_per_active_user: float | None  # None when unknown or no active user
    wasted_annual_cost: float | None
    renewal_date: date
    notice_deadline: date
    days_to_notice_deadline: int
    overlaps_with: tuple[str, ...]
    recommendation: str  # retain | consolidate | retire | negotiate
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Overlap:
    """Two or more tools in one category; shared users are active in at least two."""

    category: str
    tools: tuple[str, ...]
    shared_active_users: int | None


@dataclass(frozen=True)
class UnmatchedApp:
    """An app seen in sign-in logs but absent from the inventory (possible shadow IT)."""

    app: str
    users: int
    sign_ins: int


@dataclass(frozen=True)
class AuditSummary:
    tools: int
    annual_cost: float
    wasted_annual_cost: float
    seats: int
    active_users: int  # distinct users active in any inventoried tool


@dataclass(frozen=True)
class AuditResult:
    as_of: date
    inactive_days: int
    currency: str
    summary: AuditSummary
    tools: tuple[ToolAudit, ...]
    overlaps: tuple[Overlap, ...]
    unmatched_apps: tuple[UnmatchedApp, ...]
    # user identities per tool and per unmatched app; reports show them only on request
    active_users_by_tool: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
