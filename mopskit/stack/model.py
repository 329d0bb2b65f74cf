"""The values an audit produces. Frozen, so a result can be shared and re-rendered safely.

Field names match the JSON report (schema ``mopskit.audit/1``) one to one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "mopskit.audit/1"
RECOMMENDATIONS = ("retain", "consolidate", "retire", "negotiate")


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

    @property
    def label(self) -> str:
        """Tool name, with the department when given: unique within an inventory."""
        return f"{self.tool} ({self.department})" if self.department else self.tool


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
    wasted_annual_cost: float | None  # sum over tools with usage data; None when none has any
    seats: int
    active_users: int | None  # distinct users active in any inventoried tool; None without usage data


@dataclass(frozen=True)
class AuditResult:
    as_of: date
    inactive_days: int
    currency: str
    summary: AuditSummary
    tools: tuple[ToolAudit, ...]
    overlaps: tuple[Overlap, ...]
    unmatched_apps: tuple[UnmatchedApp, ...]
    # user identities, keyed by ToolAudit.label / UnmatchedApp.app / Overlap.category;
    # reports show them only on request (show_users=True)
    active_users_by_tool: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    users_by_unmatched_app: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    shared_users_by_overlap: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.audit/1``): ISO dates, money to cents, utilization to 4 places.

        Emails appear only with ``show_users=True``, as ``user_emails`` on tools and unmatched
        apps and ``shared_user_emails`` on overlaps.
        """
        tools = []
        for tool in self.tools:
            entry = {
                "tool": tool.tool,
                "vendor": tool.vendor,
                "category": tool.category,
                "owner": tool.owner,
                "department": tool.department,
                "annual_cost": _cents(tool.annual_cost),
                "seats": tool.seats,
                "active_users": tool.active_users,
                "utilization": None if tool.utilization is None else round(tool.utilization, 4),
                "cost_per_active_user": _cents(tool.cost_per_active_user),
                "wasted_annual_cost": _cents(tool.wasted_annual_cost),
                "renewal_date": tool.renewal_date.isoformat(),
                "notice_deadline": tool.notice_deadline.isoformat(),
                "days_to_notice_deadline": tool.days_to_notice_deadline,
                "overlaps_with": list(tool.overlaps_with),
                "recommendation": tool.recommendation,
                "reasons": list(tool.reasons),
            }
            if show_users:
                entry["user_emails"] = list(self.active_users_by_tool.get(tool.label, ()))
            tools.append(entry)
        overlaps = []
        for overlap in self.overlaps:
            entry = {
                "category": overlap.category,
                "tools": list(overlap.tools),
                "shared_active_users": overlap.shared_active_users,
            }
            if show_users:
                entry["shared_user_emails"] = list(self.shared_users_by_overlap.get(overlap.category, ()))
            overlaps.append(entry)
        unmatched = []
        for app in self.unmatched_apps:
            entry = {"app": app.app, "users": app.users, "sign_ins": app.sign_ins}
            if show_users:
                entry["user_emails"] = list(self.users_by_unmatched_app.get(app.app, ()))
            unmatched.append(entry)
        return {
            "schema": SCHEMA,
            "as_of": self.as_of.isoformat(),
            "inactive_days": self.inactive_days,
            "summary": {
                "tools": self.summary.tools,
                "annual_cost": _cents(self.summary.annual_cost),
                "wasted_annual_cost": _cents(self.summary.wasted_annual_cost),
                "seats": self.summary.seats,
                "active_users": self.summary.active_users,
            },
            "tools": tools,
            "overlaps": overlaps,
            "unmatched_apps": unmatched,
        }

    def to_json(self, show_users: bool = False, indent: int | None = 2) -> str:
        """``to_dict`` as JSON text (UTF-8, keys in schema order)."""
        return json.dumps(self.to_dict(show_users=show_users), ensure_ascii=False, indent=indent)

    def to_frame(self) -> pd.DataFrame:
        """One row per tool with the JSON fields: tool names join with ``; ``, reasons (whole
        sentences) with a space."""
        import pandas as pd

        rows = self.to_dict()["tools"]
        frame = pd.DataFrame(rows, columns=list(TOOL_FIELDS))
        frame["overlaps_with"] = frame["overlaps_with"].map("; ".join)
        frame["reasons"] = frame["reasons"].map(" ".join)
        for name in ("active_users", "days_to_notice_deadline"):
            frame[name] = frame[name].astype("Int64")
        for name in ("renewal_date", "notice_deadline"):
            frame[name] = pd.to_datetime(frame[name]).dt.date
        return frame

    def summary_line(self) -> str:
        """One sentence for a notebook or a log: the date, totals, overlaps and unmatched apps."""
        summary = self.summary
        usage = (
            f"{summary.active_users} active users"
            if summary.active_users is not None
            else "no usage data"
        )
        waste = (
            f", {_money(summary.wasted_annual_cost)} {self.currency} wasted"
            if summary.wasted_annual_cost is not None
            else ""
        )
        return (
            f"Stack audit as of {self.as_of.isoformat()} "
            f"(active = signed in during the last {self.inactive_days} days): "
            f"{summary.tools} tools, {_money(summary.annual_cost)} {self.currency} a year"
            f"{waste}, {summary.seats} seats, {usage}; "
            f"{len(self.overlaps)} overlapping categories, {len(self.unmatched_apps)} unmatched apps."
        )

    def __repr__(self) -> str:
        # The generated repr would print every field of every tool: unreadable in a notebook.
        return f"<AuditResult: {self.summary_line()}>"

    def _repr_html_(self) -> str:
        """A summary line and the tool table in the kit's table style, every input escaped."""
        import pandas as pd
        from markupsafe import Markup, escape

        from mopskit.viz.tables import table

        cost, waste = f"Cost a year ({self.currency})", f"Waste a year ({self.currency})"
        shown = pd.DataFrame(
            {
                "Tool": [tool.tool for tool in self.tools],
                "Category": [tool.category for tool in self.tools],
                cost: [tool.annual_cost for tool in self.tools],
                "Active / seats": [
                    f"{'–' if tool.active_users is None else tool.active_users} / {tool.seats}"
                    for tool in self.tools
                ],
                "Used": [tool.utilization for tool in self.tools],
                waste: [tool.wasted_annual_cost for tool in self.tools],
                "Notice by": [tool.notice_deadline for tool in self.tools],
                "Recommendation and why": [
                    Markup("<strong>{}</strong><br>{}").format(tool.recommendation, " ".join(tool.reasons))
                    for tool in self.tools
                ],
            }
        )
        # Whole units: a table compares magnitudes, not cents. Unknown values stay blank.
        formats = {cost: "{:,.0f}", waste: "{:,.0f}", "Used": "{:.0%}"}
        return f"<p>{escape(self.summary_line())}</p>" + table(shown, formats=formats)._repr_html_()


TOOL_FIELDS = (
    "tool", "vendor", "category", "owner", "department", "annual_cost", "seats", "active_users",
    "utilization", "cost_per_active_user", "wasted_annual_cost", "renewal_date", "notice_deadline",
    "days_to_notice_deadline", "overlaps_with", "recommendation", "reasons",
)


def _cents(value: float | None) -> float | None:
    return None if value is None else round(float(value) + 0.0, 2)


def _money(value: float) -> str:
    return f"{value:,.2f}"
