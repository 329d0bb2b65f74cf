"""Measure an inventory against sign-in data: who is active in which tool, and what the logs can show.

Usage is walked once per app (``Usage.apps``): the users active in the window for each app
the inventory holds, and the apps it lacks. The contracts are grouped by category, so the
overlaps and the consolidation each category points to are known before any tool is judged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import numpy as np

from mopskit.errors import InputError
from mopskit.stack.inventory import ToolContract
from mopskit.stack.model import Overlap, UnmatchedApp, UsageEvidence
from mopskit.stack.usage import Usage
from mopskit.wording import fold, plural

__all__ = [
    "COVERAGE_SLACK_DAYS", "Category", "Consolidation", "MeasuredUsage", "evidence_of", "group_by_category",
    "measure_usage", "overlaps_of", "shared_usage_keys",
]

COVERAGE_SLACK_DAYS = 3  # a log may end this many days before the audit date (an export over a weekend)


# --- usage ---------------------------------------------------------------------------------


def evidence_of(usage: Usage | None, window_start: date, as_of: date) -> UsageEvidence:
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
class MeasuredUsage:
    """Who is active in each app the inventory holds, which apps the logs mention, and those it lacks."""

    has_logs: bool
    seen_keys: frozenset[str]
    active_by_key: dict[str, frozenset[str]]
    unmatched: tuple[UnmatchedApp, ...]
    unmatched_users: dict[str, frozenset[str]]

    def has_data(self, tool: ToolContract) -> bool:
        """A tool is measured when the logs mention its app, or it declares an sso_app (so silence means 0)."""
        return self.has_logs and (tool.sso_app is not None or tool.usage_key in self.seen_keys)

    def active_users(self, tool: ToolContract) -> frozenset[str] | None:
        """The tool's users active in the window; None when the logs cannot tell."""
        if not self.has_data(tool):
            return None
        return self.active_by_key.get(tool.usage_key, frozenset())


def measure_usage(usage: Usage | None, window_start: date, inventory_keys: set[str]) -> MeasuredUsage:
    """Who is active in each app in the window: inventoried apps, and those the inventory lacks."""
    if usage is None:
        return MeasuredUsage(False, frozenset(), {}, (), {})
    since = np.datetime64(window_start, "D")
    seen, active, unmatched, unmatched_users = set(), {}, [], {}
    for app in usage.apps():
        seen.add(app.app_key)
        in_window = app.last_sign_in >= since  # NaT: never
        if app.app_key in inventory_keys:
            active[app.app_key] = frozenset(app.users[in_window].tolist())
            continue
        if in_window.any():
            users = frozenset(app.users[in_window].tolist())
            unmatched.append(UnmatchedApp(app=app.app, users=len(users), sign_ins=int(app.sign_ins.sum())))
            unmatched_users[app.app] = users
    unmatched.sort(key=lambda app: (-app.users, -app.sign_ins, app.app.casefold(), app.app))
    return MeasuredUsage(True, frozenset(seen), active, tuple(unmatched), unmatched_users)


# --- categories and overlaps -----------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One category of the inventory: its tools (one per folded name) and who is active in each."""

    name: str
    users_by_tool: dict[str, frozenset[str] | None]  # distinct tool name -> its active users

    @cached_property  # asked once per tool of the category
    def tool_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.users_by_tool, key=lambda name: (name.casefold(), name)))

    @cached_property  # asked once per tool of the category
    def position(self) -> dict[str, int]:
        """Each tool's place in ``tool_names``, by its name as compared (``fold``): a category
        holds one tool per folded name, so a lookup replaces a walk through the category."""
        return {fold(name): index for index, name in enumerate(self.tool_names)}

    def others_than(self, tool_name: str) -> tuple[str, ...]:
        """The category's tools but the one named ``tool_name`` (however it is spelt)."""
        index = self.position.get(fold(tool_name))
        names = self.tool_names
        return names if index is None else names[:index] + names[index + 1:]

    def spelling_of(self, tool_name: str) -> str:
        """The category's spelling of this tool's name (tools are grouped by folded name)."""
        index = self.position.get(fold(tool_name))
        return tool_name if index is None else self.tool_names[index]

    @cached_property  # asked once per tool of the category
    def most_used(self) -> tuple[frozenset[str], int] | None:
        """The tools with the most active users, among those with usage data."""
        counts = {name: len(users) for name, users in self.users_by_tool.items() if users is not None}
        if len(counts) < 2:
            return None
        top = max(counts.values())
        return frozenset(name for name, count in counts.items() if count == top), top

    @cached_property
    def consolidation(self) -> Consolidation | None:
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
        return Consolidation(target, top_count, movers, incoming)


@dataclass(frozen=True)
class Consolidation:
    """A category's plan: the most used tool, the tools to move into it, and the users they bring."""

    target: str
    target_users: int
    movers: tuple[str, ...]
    incoming: frozenset[str]  # users of the movers not already active in the target


def group_by_category(
    contracts: list[ToolContract], active: dict[int, frozenset[str] | None]
) -> dict[str, Category]:
    """The contracts by folded category, each tool's active users merged across its contracts."""
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
    return {key: Category(names[key], dict(users[key])) for key in names}


def overlaps_of(categories: dict[str, Category]) -> tuple[tuple[Overlap, ...], dict[str, frozenset[str]]]:
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
            shared_users[category.name] = frozenset(in_two)
        overlaps.append(Overlap(category=category.name, tools=category.tool_names, shared_active_users=shared))
    return tuple(overlaps), shared_users


def shared_usage_keys(contracts: list[ToolContract]) -> dict[str, tuple[ToolContract, ...]]:
    """Contracts the logs cannot tell apart (one app for several), by the app's key."""
    by_key: dict[str, list[ToolContract]] = defaultdict(list)
    for tool in contracts:
        by_key[tool.usage_key].append(tool)
    return {key: tuple(tools) for key, tools in by_key.items() if len(tools) > 1}
