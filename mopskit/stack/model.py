"""The values an audit produces. Frozen, so a result can be shared and re-rendered safely.

Field names match the JSON report (schema ``mopskit.audit/2``) one to one.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from mopskit.display import NotebookRepr
from mopskit.stack.vocabulary import (  # re-exported: the model's vocabulary
    HEALTHY_UTILIZATION,
    PRICING_MODELS,
    REVIEW_WINDOW_DAYS,
    DeadlineStatus,
    Pricing,
    Recommendation,
    deadline_status,
)
from mopskit.wording import money, plural

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CAVEATS", "HEALTHY_UTILIZATION", "PRICING_MODELS", "RECOMMENDATIONS", "REVIEW_WINDOW_DAYS", "SCHEMA",
    "TOOL_FIELDS", "AuditResult", "AuditSummary", "DeadlineStatus", "Overlap", "Pricing", "Recommendation", "ToolAudit",
    "UnmatchedApp", "UsageEvidence", "deadline_status",
]

SCHEMA = "mopskit.audit/2"

RECOMMENDATIONS = tuple(Recommendation)

# How a field is written in the JSON report; fields without one are written as they are
# (dates as ISO text, tuples as lists, enums as their value).
_CENTS = {"json": "cents"}
_SHARE = {"json": "share"}

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


@dataclass(frozen=True, kw_only=True)
class ToolAudit:
    """One inventoried tool contract, measured against sign-in data (fields in JSON order)."""

    tool: str
    vendor: str
    category: str
    owner: str
    department: str | None
    annual_cost: float = field(metadata=_CENTS)
    pricing: Pricing = Pricing.PER_SEAT
    seats: int
    active_users: int | None  # None: no sign-in data for this tool (not zero)
    # People who need a seat at renewal if the advice is followed: its own active users plus
    # those a consolidation moves in (0 when it is retired or consolidated away). None when
    # not priced per seat, or with no sign-in data.
    seats_needed: int | None = None
    utilization: float | None = field(metadata=_SHARE)  # active_users / seats; None when unknown or not per seat
    cost_per_active_user: float | None = field(metadata=_CENTS)  # None when unknown or no active user
    wasted_annual_cost: float | None = field(metadata=_CENTS)
    renewal_date: date
    notice_deadline: date
    days_to_notice_deadline: int
    overlaps_with: tuple[str, ...]
    recommendation: Recommendation
    reasons: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "recommendation", Recommendation(self.recommendation))
        object.__setattr__(self, "pricing", Pricing(self.pricing))

    @property
    def label(self) -> str:
        """Tool name, with the department when given: unique within an inventory."""
        return f"{self.tool} ({self.department})" if self.department else self.tool

    @property
    def deadline_status(self) -> DeadlineStatus:
        """'passed', 'due' (inside the review window) or 'later'."""
        return deadline_status(self.days_to_notice_deadline)


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
        return _record(self)


@dataclass(frozen=True)
class AuditSummary:
    tools: int
    annual_cost: float = field(metadata=_CENTS)
    wasted_annual_cost: float | None = field(metadata=_CENTS)  # sum over tools with usage data; None when none has any
    seats: int
    active_users: int | None  # distinct users active in any inventoried tool; None without usage data


UserMap = Mapping[str, tuple[str, ...]]


class PeopleByKey(Mapping[str, tuple[str, ...]]):
    """User identities per tool, app or category: read-only, each group sorted when first read.

    Only the reports that show names read them, so an audit of a thousand tools does not sort
    a thousand groups of people nobody asked to see.
    """

    __slots__ = ("_groups", "_sorted")

    def __init__(self, groups: Mapping[str, Collection[str]]) -> None:
        self._groups = {key: users if isinstance(users, (frozenset, tuple)) else tuple(users)
                        for key, users in groups.items()}
        self._sorted: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, key: str) -> tuple[str, ...]:
        if key not in self._sorted:
            self._sorted[key] = tuple(sorted(self._groups[key]))
        return self._sorted[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)

    def __repr__(self) -> str:
        return f"PeopleByKey({len(self)} groups)"
_USERS = {"json": "users"}  # personal data: written only with show_users, beside the item it is about


@dataclass(frozen=True, kw_only=True)
class AuditResult(NotebookRepr):
    """Everything one audit found, in JSON order.

    Truly immutable: the user-identity maps are read-only views of private copies. Hashable
    by content (equal results hash alike), so a result can key a cache of rendered reports.
    """

    as_of: date
    inactive_days: int
    currency: str | None  # None: the inventory names no currency (amounts shown without a code)
    evidence: UsageEvidence | None = field(default=None, metadata={"json_key": "usage"})  # always set by audit()
    notes: tuple[str, ...] = ()  # what a reader must know about this run: coverage, input notes
    caveats: tuple[str, ...] = CAVEATS
    summary: AuditSummary
    tools: tuple[ToolAudit, ...]
    overlaps: tuple[Overlap, ...]
    unmatched_apps: tuple[UnmatchedApp, ...]
    # user identities, keyed by ToolAudit.label / UnmatchedApp.app / Overlap.category;
    # reports show them only on request (show_users=True)
    active_users_by_tool: UserMap = field(default_factory=dict, repr=False, metadata=_USERS)
    users_by_unmatched_app: UserMap = field(default_factory=dict, repr=False, metadata=_USERS)
    shared_users_by_overlap: UserMap = field(default_factory=dict, repr=False, metadata=_USERS)

    def __post_init__(self) -> None:
        for item in fields(self):
            if item.metadata.get("json") == "users":
                given = getattr(self, item.name)
                object.__setattr__(self, item.name, given if isinstance(given, PeopleByKey) else PeopleByKey(given))

    def __hash__(self) -> int:
        return hash(tuple(
            tuple(sorted(value.items())) if isinstance(value, Mapping) else value
            for value in (getattr(self, item.name) for item in fields(self))
        ))

    @property
    def waste_is_upper_bound(self) -> bool:
        """With logs that cover part of the window, some users go uncounted, so seats look idle
        that may not be: the waste figures are then at most what they say."""
        return self.evidence is not None and self.evidence.partial

    @property
    def decisions_due(self) -> tuple[ToolAudit, ...]:
        """Tools whose notice deadline falls inside the review window."""
        return tuple(tool for tool in self.tools if tool.deadline_status is DeadlineStatus.DUE)

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.audit/2``): ISO dates, money to cents, utilization to 4 places.

        Emails appear only with ``show_users=True``, as ``user_emails`` on tools and unmatched
        apps and ``shared_user_emails`` on overlaps.
        """
        document = {"schema": SCHEMA, **_record(self)}
        if show_users:
            groups: tuple[tuple[str, tuple[ToolAudit | Overlap | UnmatchedApp, ...], UserMap, str], ...] = (
                ("tools", self.tools, self.active_users_by_tool, "user_emails"),
                ("overlaps", self.overlaps, self.shared_users_by_overlap, "shared_user_emails"),
                ("unmatched_apps", self.unmatched_apps, self.users_by_unmatched_app, "user_emails"),
            )
            for key, items, users, name in groups:
                for entry, item in zip(document[key], items, strict=True):
                    entry[name] = list(users.get(_user_key(item), ()))
        return document

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


TOOL_FIELDS = tuple(item.name for item in fields(ToolAudit))


def _cents(value: float | None) -> float | None:
    return None if value is None else round(float(value) + 0.0, 2)


_PLAIN = (str, int, float, bool)


def _json_value(value: Any, rule: str | None = None) -> Any:
    """One value as the JSON report writes it: the formatting rules, and nothing else."""
    if value is None:
        return None
    if rule == "cents":
        return _cents(value)
    if rule == "share":
        return round(value, 4)
    if type(value) in _PLAIN:  # most values: written as they are
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        if all(type(item) is str for item in value):  # names, reasons: a thousand tools' worth
            return list(value)
        return [_json_value(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return _record(value)
    return value


_JSON_FIELDS: dict[type, tuple[tuple[str, str, str | None], ...]] = {}


def _json_fields(kind: type) -> tuple[tuple[str, str, str | None], ...]:
    """A dataclass's fields as the report writes them: (attribute, JSON key, formatting rule),
    personal data left out. Worked out once per class, not once per tool."""
    if kind not in _JSON_FIELDS:
        _JSON_FIELDS[kind] = tuple(
            (item.name, item.metadata.get("json_key", item.name), item.metadata.get("json"))
            for item in fields(kind)
            if item.metadata.get("json") != "users"
        )
    return _JSON_FIELDS[kind]


def _record(value: Any) -> dict[str, Any]:
    """A dataclass as a JSON object, key order = field order; personal data left out."""
    return {key: _json_value(getattr(value, name), rule) for name, key, rule in _json_fields(type(value))}


def _user_key(item: ToolAudit | Overlap | UnmatchedApp) -> str:
    """The key a result's user map files an item's people under."""
    if isinstance(item, ToolAudit):
        return item.label
    if isinstance(item, Overlap):
        return item.category
    return item.app



def _day(value: date | None) -> str:
    return value.isoformat() if value else "an unknown day"
