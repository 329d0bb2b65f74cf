"""Lesson 04's cases: the exercises' made-up stacks and the sample company the lesson audits.

The stacks are read from ``mopskit/lessons/data/lesson04.yaml``; every expected answer comes
from running ``mopskit.stack.audit`` on them (or on the sample company), so the formulas and
rules live only in the engine. Names with an underscore are for the package's own modules
(and the tests), not for a notebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from mopskit.content import knowledge
from mopskit.lessons import aurora, scenarios
from mopskit.stack import (
    DEFAULT_INACTIVE_DAYS,
    AuditResult,
    Inventory,
    ToolAudit,
    ToolContract,
    Usage,
    audit,
)

AS_OF: date = aurora.AUDIT_DATE
"""The audit date of every task, the same as the lesson's."""

CURRENCY: str = scenarios.value("04", "currency", str)


sample_company_file = aurora.sample_company_file
sample_inventory = aurora.sample_inventory
sample_usage = aurora.sample_usage
sample_audit = aurora.audit_of_the_stack
"""The lesson's audit of the sample company: its inventory and Okta log, as of ``AS_OF``."""
licence_spend_after_moves = aurora.licence_spend_after_moves


# ---------------------------------------------------------------------------
# Small made-up stacks, audited by the engine to get each expected answer
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contract:
    """A tool as a task describes it; ``active_users`` sign in during the 60-day window."""

    tool: str
    category: str
    annual_cost: float
    seats: int
    active_users: int
    renewal_date: date = date(2027, 6, 30)
    notice_days: int = 60
    sso_app: str | None = None
    """The app's name in the identity provider; the tool's own name when not given."""
    first_user: int = 0
    """The number of its first active user in the made-up log: two tools whose numbers overlap
    share those people (``person011`` active in both)."""


class Placement(NamedTuple):
    """A tool of task 04.5: what it does, and the subcategory it belongs to in ``martech-taxonomy.yaml``."""

    description: str
    subcategory: str


class UnmatchedApp(NamedTuple):
    """An app of task 04.6 that the logs show and the inventory does not name."""

    people: int
    """People signing in to it."""
    found: str
    """What asking around found out."""
    decision: str
    """What to do with it: add, move or rename."""


WASTE_CASE = scenarios.build(Contract, "04", "waste_case")
"""The tool of task 04.1."""
RENEWAL_CASES = scenarios.build_each(Contract, "04", "renewal_cases")
"""The contracts of task 04.2: renewal dates and notice periods."""
RECOMMENDATION_CASES = scenarios.build_map(Contract, "04", "recommendation_cases")
"""The tools of task 04.4, by label."""
OTHER_CONTRACTS = scenarios.build_each(Contract, "04", "other_contracts")
"""Tools that are in the same made-up stack without being asked about."""
TAXONOMY_CASES = scenarios.build_map(Placement, "04", "taxonomy_cases")
"""Label -> the tool of task 04.5 (what it does, its subcategory)."""
CONSOLIDATION_CASE = scenarios.build_map(Contract, "04", "consolidation_case")
"""The two tools of task 04.3: ``moving`` (its users move, its contract ends) and ``receiving``."""
SHADOW_IT_STACK = scenarios.build_each(Contract, "04", "shadow_it_stack")
"""The inventory of task 04.6: what the company already pays for."""
SHADOW_IT_APPS = scenarios.build_map(UnmatchedApp, "04", "shadow_it_apps")
"""App -> (people signing in, what asking around found out, the decision)."""


def _audit_contracts(contracts: Iterable[Contract],
                     other_sign_ins: Iterable[tuple[str, str]] = ()) -> AuditResult:
    """Audit made-up contracts as of ``AS_OF``, each active user signing in the day before.

    Each tool declares its app (``sso_app``), so a tool nobody signed in to counts as
    0 active users, not as "no data". One sign-in well before the window makes the log
    cover the whole window, as a real export would. ``other_sign_ins`` are ``(app, user)``
    pairs for apps the inventory does not know (shadow IT).
    """
    contracts = tuple(contracts)
    inventory = Inventory(
        tools=tuple(
            ToolContract(
                tool=item.tool, vendor=item.tool, category=item.category, owner="Exercise",
                department=None, annual_cost=float(item.annual_cost), seats=item.seats,
                renewal_date=item.renewal_date, notice_days=item.notice_days, currency=CURRENCY,
                billing="annual", sso_app=item.sso_app or item.tool, integrations=(),
            )
            for item in contracts
        ),
        currency=CURRENCY,
    )
    yesterday = AS_OF - timedelta(days=1)
    records: list[tuple[str, str, date]] = [
        (item.sso_app or item.tool, f"person{number:03d}@example.org", yesterday)
        for item in contracts
        for number in range(item.first_user, item.first_user + item.active_users)
    ]
    records += [(app, user, yesterday) for app, user in other_sign_ins]
    if records:
        app, user, _ = records[0]
        records.append((app, user, AS_OF - timedelta(days=DEFAULT_INACTIVE_DAYS + 30)))
    usage = Usage.from_records(records, as_of=AS_OF)
    return audit(inventory, usage, as_of=AS_OF)


def shared_users(first: Contract, second: Contract) -> int:
    """How many people are active in both made-up tools (their user numbers overlap)."""
    start = max(first.first_user, second.first_user)
    end = min(first.first_user + first.active_users, second.first_user + second.active_users)
    return max(end - start, 0)


def _consolidation_audit() -> AuditResult:
    """The two tools of task 04.3, audited together."""
    return _audit_contracts(CONSOLIDATION_CASE.values())


def _tool(result: AuditResult, name: str) -> ToolAudit:
    return next(tool for tool in result.tools if tool.tool == name)


def _stack_of_cases() -> AuditResult:
    """The made-up stack of task 04.4, audited."""
    return _audit_contracts([*RECOMMENDATION_CASES.values(), *OTHER_CONTRACTS])


def _taxonomy() -> dict[str, tuple[str, ...]]:
    """Each category of the 2022 landscape -> its subcategories, from the kit's content."""
    return {category.name: category.subcategories for category in knowledge.taxonomy().categories}


def category_of(subcategory: str) -> str:
    """The Chiefmartec category that holds ``subcategory`` (exact name from the taxonomy)."""
    for category, subcategories in _taxonomy().items():
        if subcategory in subcategories:
            return category
    raise KeyError(f"{subcategory!r} is not a subcategory of the 2022 landscape")


def _shadow_it_audit() -> AuditResult:
    """The stack of task 04.6, audited with the sign-ins of the apps it does not name."""
    sign_ins = [(app, f"{app.split()[0].lower()}{number:02d}@example.org")
                for app, (people, _found, _decision) in SHADOW_IT_APPS.items()
                for number in range(people)]
    return _audit_contracts(SHADOW_IT_STACK, sign_ins)
