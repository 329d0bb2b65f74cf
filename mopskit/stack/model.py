"""The values an audit produces. Frozen, so a result can be shared and re-rendered safely.

Field names match the JSON report (schema ``mopskit.audit/2``) one to one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mopskit.wording import money, plural

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "mopskit.audit/2"
RECOMMENDATIONS = ("retain", "consolidate", "retire", "negotiate")
PRICING_MODELS = ("per-seat", "flat", "usage")

#: What sign-in data cannot show. Every report carries these beside the numbers.
CAVEATS = (
    "Sign-in logs carry no licence data: seats come from the inventory, and a person who holds"
    " a seat but never signs in through single sign-on counts as inactive.",
    "Tools people stay signed in to for weeks, or use only through an API or an integration,"
    " are under-counted: a sign-in log sees sign-ins, not use.",
    "A tool outside single sign-on has no data here. It shows 'no data', never '0% used'.",
    "Seat waste and right-sizing apply only to tools priced per seat; a flat platform fee or a"
    " usage-priced tool (contacts, events, tracked users) is judged only on whether anyone uses it.",
    "Two tools in one category are a prompt to look, not proof of duplication: they may serve"
    " different teams, markets or jobs.",
)


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
    utilization: float | None  # active_users / seats; None when unknown or not priced per seat
    cost_per_active_user: float | None  # None when unknown or no active user
    wasted_annual_cost: float | None
    renewal_date: date
    notice_deadline: date
    days_to_notice_deadline: int
    overlaps_with: tuple[str, ...]
    recommendation: str  # retain | consolidate | retire | negotiate
    reasons: tuple[str, ...]
    pricing: str = "per-seat"  # per-seat | flat | usage
    # People who need a seat at renewal if the advice is followed: its own active users plus
    # those a consolidation moves in (0 when it is retired or consolidated away). None when
    # not priced per seat, or with no sign-in data.
    seats_needed: int | None = None

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
class UsageEvidence:
    """What the sign-in logs could show about the audit window, said once for every report."""

    window_start: date  # first day of the activity window
    window_end: date  # the audit date
    logs_given: bool
    first_day: date | None = None  # earliest event in the logs, any type or outcome
    last_day: date | None = None  # latest event in the logs
    covers_window: bool = False  # the logs span the whole window; if not, no tool is retired

    @property
    def partial(self) -> bool:
        """Logs were given but cover only part of the window."""
        return self.logs_given and not self.covers_window

    def sentence(self) -> str:
        """One plain sentence on what usage figures rest on."""
        window = f"{self.window_start.isoformat()} to {self.window_end.isoformat()}"
        if not self.logs_given:
            return (
                "Utilization is unknown: no sign-in log was given, so no tool is judged on use"
                " and no seat is called wasted."
            )
        span = f"{_day(self.first_day)} to {_day(self.last_day)}"
        if self.covers_window:
            return f"The sign-in logs run from {span} and cover the whole activity window, {window}."
        return (
            f"The sign-in logs run from {span}, only part of the activity window {window}. Usage"
            " outside those days is unknown, so active users may be under-counted and no tool is"
            " recommended for retirement on this evidence: audit again with logs that cover the window."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "logs_given": self.logs_given,
            "first_day": _day(self.first_day) if self.first_day else None,
            "last_day": _day(self.last_day) if self.last_day else None,
            "covers_window": self.covers_window,
        }


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
    currency: str | None  # None: the inventory names no currency (amounts shown without a code)
    summary: AuditSummary
    tools: tuple[ToolAudit, ...]
    overlaps: tuple[Overlap, ...]
    unmatched_apps: tuple[UnmatchedApp, ...]
    # user identities, keyed by ToolAudit.label / UnmatchedApp.app / Overlap.category;
    # reports show them only on request (show_users=True)
    active_users_by_tool: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    users_by_unmatched_app: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    shared_users_by_overlap: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    evidence: UsageEvidence | None = None  # always set by audit()
    notes: tuple[str, ...] = ()  # what a reader must know about this run: coverage, input notes
    caveats: tuple[str, ...] = CAVEATS

    @property
    def waste_is_upper_bound(self) -> bool:
        """With logs that cover part of the window, some users go uncounted, so seats look idle
        that may not be: the waste figures are then at most what they say."""
        return self.evidence is not None and self.evidence.partial

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.audit/2``): ISO dates, money to cents, utilization to 4 places.

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
                "pricing": tool.pricing,
                "seats": tool.seats,
                "active_users": tool.active_users,
                "seats_needed": tool.seats_needed,
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
            "currency": self.currency,
            "usage": self.evidence.to_dict() if self.evidence else None,
            "notes": list(self.notes),
            "caveats": list(self.caveats),
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
        for name in ("active_users", "seats_needed", "days_to_notice_deadline"):
            frame[name] = frame[name].astype("Int64")
        for name in ("renewal_date", "notice_deadline"):
            frame[name] = pd.to_datetime(frame[name]).dt.date
        return frame

    def summary_line(self) -> str:
        """One sentence for a notebook or a log: the date, totals, overlaps and unmatched apps."""
        summary = self.summary
        usage = (
            plural(summary.active_users, "active user")
            if summary.active_users is not None
            else "no usage data"
        )
        waste = (
            f", {'at most ' if self.waste_is_upper_bound else ''}{money(summary.wasted_annual_cost, self.currency)} wasted"
            if summary.wasted_annual_cost is not None
            else ""
        )
        return (
            f"Stack audit as of {self.as_of.isoformat()} "
            f"(active = signed in during the last {self.inactive_days} days): "
            f"{plural(summary.tools, 'tool')}, {money(summary.annual_cost, self.currency)} a year"
            f"{waste}, {plural(summary.seats, 'seat')}, {usage}; "
            f"{plural(len(self.overlaps), 'overlapping category', 'overlapping categories')},"
            f" {plural(len(self.unmatched_apps), 'unmatched app')}."
        )

    def __repr__(self) -> str:
        # The generated repr would print every field of every tool: unreadable in a notebook.
        return f"<AuditResult: {self.summary_line()}>"

    def _repr_html_(self) -> str:
        """A summary line and the tool table in the kit's table style, every input escaped."""
        import pandas as pd
        from markupsafe import Markup, escape

        from mopskit.viz.tables import table

        unit = f" ({self.currency})" if self.currency else ""
        cost, waste = f"Cost a year{unit}", f"Waste a year{unit}"
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
        notes = "".join(f"<p>{escape(note)}</p>" for note in self.notes)
        return f"<p>{escape(self.summary_line())}</p>{notes}" + table(shown, formats=formats)._repr_html_()


TOOL_FIELDS = (
    "tool", "vendor", "category", "owner", "department", "annual_cost", "pricing", "seats",
    "active_users", "seats_needed", "utilization", "cost_per_active_user", "wasted_annual_cost",
    "renewal_date", "notice_deadline",
    "days_to_notice_deadline", "overlaps_with", "recommendation", "reasons",
)


def _cents(value: float | None) -> float | None:
    return None if value is None else round(float(value) + 0.0, 2)




def _day(value: date | None) -> str:
    return value.isoformat() if value else "an unknown day"
