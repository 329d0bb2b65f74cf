"""Exercises for lesson 04, "Martech stack audit".

Every expected answer comes from running ``mopskit.stack.audit`` on the task's own small
inventory (or on the sample company), so the formulas and rules live only in the engine;
this module describes each case and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from mopskit.exercises.checks import (
    Verdict,
    as_number,
    close_to,
    closest_name,
    failed,
    join_words,
    match_name,
    name_lookup,
    passed,
    plural,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.stack import (
    DEFAULT_INACTIVE_DAYS,
    HEALTHY_UTILIZATION,
    AuditResult,
    Inventory,
    ToolAudit,
    ToolContract,
    Usage,
    audit,
    load_inventory,
)

AS_OF = date(2026, 10, 31)
"""The audit date of every task, the same as the lesson's."""

CURRENCY = "EUR"


def sample_company_file(name: str) -> Path:
    """A file of the sample company shipped in ``mopskit/data/sample-company/``."""
    return Path(str(resources.files("mopskit") / "data" / "sample-company" / name))


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


def _audit_contracts(contracts: Iterable[Contract]) -> AuditResult:
    """Audit made-up contracts as of ``AS_OF``, each active user signing in the day before.

    Each tool declares its app (``sso_app``), so a tool nobody signed in to counts as
    0 active users, not as "no data".
    """
    contracts = tuple(contracts)
    inventory = Inventory(
        tools=tuple(
            ToolContract(
                tool=item.tool, vendor=item.tool, category=item.category, owner="Exercise",
                department=None, annual_cost=float(item.annual_cost), seats=item.seats,
                renewal_date=item.renewal_date, notice_days=item.notice_days, currency=CURRENCY,
                billing="annual", sso_app=item.tool, integrations=(),
            )
            for item in contracts
        ),
        currency=CURRENCY,
    )
    yesterday = AS_OF - timedelta(days=1)
    records = [
        (item.tool, f"person{number:03d}@example.org", yesterday)
        for item in contracts
        for number in range(item.active_users)
    ]
    usage = Usage.from_records(records, as_of=AS_OF)
    return audit(inventory, usage, as_of=AS_OF)


def _tool(result: AuditResult, name: str) -> ToolAudit:
    return next(tool for tool in result.tools if tool.tool == name)


def _money(amount: float) -> str:
    return f"{amount:,.2f} {CURRENCY}"


# ---------------------------------------------------------------------------
# 04.1  The wasted annual cost of one tool
# ---------------------------------------------------------------------------

WASTE_CASE = Contract("Webinar platform", "Events, meetings & webinars", 18_000, 24, 15)


def waste_case() -> pd.DataFrame:
    """The tool of task 04.1 as a one-row table."""
    return pd.DataFrame([{
        "tool": WASTE_CASE.tool,
        f"annual cost ({CURRENCY})": WASTE_CASE.annual_cost,
        "seats": WASTE_CASE.seats,
        f"active users (last {DEFAULT_INACTIVE_DAYS} days)": WASTE_CASE.active_users,
    }]).set_index("tool")


@task(
    "04.1",
    "The wasted annual cost of one tool",
    hints=(
        "Waste is what the company pays for seats nobody used. Start by counting those seats: "
        "seats minus active users.",
        "Next, the price of one seat for a year: the annual cost divided by the number of seats.",
        "Multiply the two: idle seats × (annual cost ÷ seats). The lesson's formula is "
        "max(seats − active, 0) × annual cost ÷ seats.",
    ),
)
def check_waste(answer: Any) -> Verdict:
    """The wasted annual cost of ``WASTE_CASE``, as the audit computes it, to the euro."""
    value = as_number(answer)
    if value is None:
        return wrong_shape("one number (an amount in euros)", answer, "answer = 1234.5")
    expected = _tool(_audit_contracts([WASTE_CASE]), WASTE_CASE.tool).wasted_annual_cost
    if close_to(value, expected):
        return passed(
            f"Right: {_money(expected)} a year pays for seats nobody used. That is the amount "
            "to win back by right-sizing at the renewal."
        )
    case = WASTE_CASE
    idle = case.seats - case.active_users
    seat_price = case.annual_cost / case.seats
    known_mistakes = [
        (case.annual_cost * case.active_users / case.seats,
         "That is what the seats in use cost. Waste is the cost of the seats nobody used."),
        (case.annual_cost / case.active_users,
         "That is the cost per active user (annual cost ÷ active users), a different measure."),
        (idle, f"That is the number of idle seats ({idle}); multiply it by the price of one seat."),
        (seat_price, "That is the price of one seat for a year; multiply it by the idle seats."),
        (idle / case.seats, "That is the share of seats unused; turn it into money."),
        (100 * idle / case.seats, "That is the percentage of seats unused; turn it into money."),
        (case.active_users / case.seats, "That is the utilization; waste is an amount in euros."),
        (idle * case.annual_cost / case.active_users,
         "You divided by the active users; the price of a seat is annual cost ÷ seats."),
    ]
    for amount, explanation in known_mistakes:
        if close_to(value, amount, 0.005 if amount < 1 else 0.5):
            return failed(f"Not quite: {value:,.2f} is not the wasted annual cost.", [explanation],
                          "Ask for a hint() if you are unsure of the formula.")
    return failed(
        f"Not quite: {value:,.2f} is not the wasted annual cost.",
        [f"The tool has {case.seats} seats and {case.active_users} active users; the waste is "
         "the yearly cost of the seats nobody used."],
        "Work it out in two steps: idle seats, then the price of one seat. A hint() helps.",
    )


# ---------------------------------------------------------------------------
# 04.2  The notice deadline that comes first
# ---------------------------------------------------------------------------

RENEWAL_CASES = (
    Contract("Survey tool", "Feedback & chatbots", 2_400, 5, 5, date(2026, 12, 1), 14),
    Contract("Analytics suite", "Marketing analytics, performance & attribution", 42_000, 10, 9,
             date(2027, 2, 1), 90),
    Contract("Design tool", "Content marketing", 6_000, 20, 19, date(2027, 1, 10), 60),
    Contract("Chat widget", "Customer experience, service & success", 3_600, 6, 6,
             date(2026, 12, 15), 30),
)


def renewal_cases() -> pd.DataFrame:
    """The contracts of task 04.2: renewal dates and notice periods, no deadlines."""
    return pd.DataFrame([
        {"tool": case.tool, "renewal_date": case.renewal_date.isoformat(),
         "notice_days": case.notice_days}
        for case in RENEWAL_CASES
    ]).set_index("tool")


@task(
    "04.2",
    "The notice deadline that comes first",
    hints=(
        "The date that matters is not the renewal date but the last day you can still give "
        "notice. For each tool, count the notice days back from its renewal date.",
        "notice deadline = renewal date − notice days. In Python: "
        "date(2027, 2, 1) - timedelta(days=90) gives date(2026, 11, 3).",
        "Work out all four deadlines and pick the earliest. It is not the tool that renews first.",
    ),
)
def check_first_deadline(answer: Any) -> Verdict:
    """The tool whose notice deadline (renewal − notice days) is the earliest."""
    if not isinstance(answer, str):
        return wrong_shape("the name of one tool, as text", answer, 'answer = "Design tool"')
    result = _audit_contracts(RENEWAL_CASES)
    deadlines = {case.tool: _tool(result, case.tool).notice_deadline for case in RENEWAL_CASES}
    lookup = name_lookup({case.tool: () for case in RENEWAL_CASES})
    chosen = match_name(answer, lookup)
    first = min(deadlines, key=deadlines.get)
    if chosen is None:
        guess = closest_name(answer, lookup)
        return failed(
            f"{answer!r} is not one of the four tools.",
            [f"Did you mean {guess}?" if guess else f"The tools are {join_words(list(deadlines))}."],
        )
    if chosen == first:
        return passed(
            f"Right: {first}'s notice deadline is {deadlines[first].isoformat()}, only "
            f"{plural((deadlines[first] - AS_OF).days, 'day')} after {AS_OF.isoformat()}, even though it "
            "renews later than others. Long notice periods make early deadlines."
        )
    case = next(item for item in RENEWAL_CASES if item.tool == chosen)
    problems = [
        f"{chosen}'s notice deadline is {deadlines[chosen].isoformat()} "
        f"({case.renewal_date.isoformat()} − {case.notice_days} days); {first}'s comes earlier."
    ]
    first_to_renew = min(RENEWAL_CASES, key=lambda item: item.renewal_date)
    if chosen == first_to_renew.tool:
        problems.insert(0, f"{chosen} renews first, but with only {case.notice_days} days' notice "
                        "its deadline is not the first.")
    return failed("Not the first deadline.", problems,
                  "Subtract each tool's notice days from its renewal date and compare.")


# ---------------------------------------------------------------------------
# 04.3  The tools that overlap in the sample company
# ---------------------------------------------------------------------------


@cache
def sample_inventory() -> Inventory:
    """The sample company's inventory, as lesson 04 audits it."""
    return load_inventory(sample_company_file("inventory.csv"))


def _sample_overlaps() -> dict[str, str]:
    """Each overlapping tool of the sample company -> its category."""
    result = audit(sample_inventory(), None, as_of=AS_OF)
    return {tool: overlap.category for overlap in result.overlaps for tool in overlap.tools}


@task(
    "04.3",
    "The tools that overlap in the sample company",
    hints=(
        "Two tools overlap when they sit in the same category of the inventory. Look at the "
        "`category` column of `frame`, the table shown above the task.",
        "Count the tools per category: `frame.groupby(\"category\")[\"tool\"].count()`, or "
        "`frame[\"category\"].value_counts()`. Categories with 2 or more tools are the overlaps.",
        "Keep the rows whose category appears more than once: "
        "`frame[frame.duplicated(\"category\", keep=False)][\"tool\"]`.",
    ),
)
def check_overlapping_tools(answer: Any) -> Verdict:
    """Every tool that shares its category with another tool in the sample inventory."""
    example = 'answer = ["Tool A", "Tool B", ...]'
    if isinstance(answer, (str, bytes)) or isinstance(answer, Mapping) or not isinstance(answer, Iterable):
        return wrong_shape("a list (or set) of tool names", answer, example)
    items = list(answer.tolist() if hasattr(answer, "tolist") else answer)
    inventory = sample_inventory()
    category_of = {tool.tool: tool.category for tool in inventory.tools}
    lookup = name_lookup({name: () for name in category_of})
    expected = _sample_overlaps()
    problems: list[str] = []
    chosen: set[str] = set()
    for item in items:
        name = match_name(item, lookup)
        if name is None:
            guess = closest_name(item, lookup)
            problems.append(f"{item!r} is not a tool in the sample inventory."
                            + (f" Did you mean {guess}?" if guess else ""))
            continue
        chosen.add(name)
    extra = sorted(chosen - set(expected))
    missing = sorted(set(expected) - chosen)
    for name in extra:
        problems.append(f"{name} is the only tool in its category ({category_of[name]}).")
    if missing:
        by_category: dict[str, list[str]] = {}
        for name in missing:
            by_category.setdefault(expected[name], []).append(name)
        problems.append(
            f"{plural(len(missing), 'overlapping tool')} missing, in "
            f"{join_words(sorted(by_category))}."
        )
    if problems:
        found = len(chosen & set(expected))
        return failed(
            f"{found} of the {len(expected)} overlapping tools found.",
            problems,
            "Group the inventory by category and keep the categories with two or more tools.",
        )
    categories = sorted(set(expected.values()))
    return passed(
        f"Right: {len(expected)} tools overlap in {len(categories)} categories "
        f"({join_words(categories)}). An overlap is a question to ask, not yet a decision."
    )


# ---------------------------------------------------------------------------
# 04.4  Pick the recommendation for each described tool
# ---------------------------------------------------------------------------

RECOMMENDATIONS = ("retain", "consolidate", "retire", "negotiate")
RECOMMENDATION_ALIASES = {
    "retain": ("keep", "renew", "retained"),
    "consolidate": ("merge", "combine", "consolidated"),
    "retire": ("cancel", "drop", "remove", "sunset", "retired"),
    "negotiate": ("rightsize", "right-size", "renegotiate", "reduce seats", "negotiated"),
}

RECOMMENDATION_CASES = {
    "A": Contract("Event app", "Events, meetings & webinars", 9_600, 12, 0),
    "B": Contract("Sales intelligence", "Sales automation, enablement & intelligence", 36_000, 40, 14),
    "C": Contract("Email tool B", "Email marketing", 2_900, 8, 3),
    "D": Contract("CRM", "CRM", 86_400, 45, 42),
}
OTHER_CONTRACTS = (Contract("Email tool A", "Email marketing", 4_200, 10, 9),)
"""Tools that are in the same made-up stack without being asked about."""


def _stack_of_cases() -> AuditResult:
    return _audit_contracts([*RECOMMENDATION_CASES.values(), *OTHER_CONTRACTS])


def recommendation_cases() -> pd.DataFrame:
    """The tools of task 04.4, labelled A-D, with what an audit would know about each."""
    everything = [*RECOMMENDATION_CASES.values(), *OTHER_CONTRACTS]
    rows = []
    for label, case in RECOMMENDATION_CASES.items():
        others = [
            f"{other.tool} ({other.active_users} active of {other.seats} seats)"
            for other in everything
            if other.category == case.category and other is not case
        ]
        rows.append({
            "label": label, "tool": case.tool, "category": case.category, "seats": case.seats,
            f"active users (last {DEFAULT_INACTIVE_DAYS} days)": case.active_users,
            "other tools in the category": ", ".join(others) or "none",
        })
    return pd.DataFrame(rows).set_index("label")


def _why_not(chosen: str, case: Contract, audited: ToolAudit) -> str:
    """Why ``chosen`` is not the audit's recommendation, without giving the right one away."""
    everything = [*RECOMMENDATION_CASES.values(), *OTHER_CONTRACTS]
    rivals = [other for other in everything if other.category == case.category and other is not case]
    more_used = [other for other in rivals if other.active_users > case.active_users]
    earlier_rule = (
        "That rule would fit, but the rules are applied in order and an earlier one applies "
        "first: go through them again from the top."
    )
    if chosen == "retire":
        if case.active_users:
            return (f"'retire' is for a tool nobody signed in to; {plural(case.active_users, 'person', 'people')} "
                    f"used {case.tool} in the last {DEFAULT_INACTIVE_DAYS} days.")
        return earlier_rule
    if chosen == "consolidate":
        if not rivals:
            return (f"'consolidate' needs another tool in the same category; {case.tool} is the only "
                    f"one in {case.category}.")
        if not more_used:
            return (f"'consolidate' moves people to a more used tool in the category; {case.tool} is "
                    f"the most used in {case.category}.")
        return earlier_rule
    if chosen == "negotiate":
        if audited.utilization is not None and audited.utilization >= HEALTHY_UTILIZATION:
            return (f"'negotiate' is for a tool under the {HEALTHY_UTILIZATION:.0%} healthy "
                    f"utilization; {case.tool} uses {audited.utilization:.0%} of its seats.")
        return earlier_rule
    return "'retain' is what is left when no other rule fits, and one does here."


@task(
    "04.4",
    "Pick the recommendation for each described tool",
    hints=(
        "The audit applies its rules in order and stops at the first that fits: no one active "
        "→ retire; shares a category with a more used tool → consolidate; under the 90% "
        "healthy utilization → negotiate; otherwise → retain.",
        "Work out each tool's utilization (active users ÷ seats) and check whether another "
        "tool in its category has more active users.",
        "Exactly one tool gets each of the four recommendations.",
    ),
)
def check_recommendations(answer: Any) -> Verdict:
    """Each label A-D gets the recommendation the audit gives that tool."""
    example = '{"A": "retain", "B": "retire", "C": "negotiate", "D": "consolidate"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a recommendation", answer, example)
    result = _stack_of_cases()
    lookup = name_lookup(RECOMMENDATION_ALIASES)
    labels = join_words(list(RECOMMENDATION_CASES))
    choices = join_words(list(RECOMMENDATIONS), "or")
    problems: list[str] = []
    right = 0
    given = {key.strip().upper() if isinstance(key, str) else key: value for key, value in answer.items()}
    for key in given:
        if key not in RECOMMENDATION_CASES:
            problems.append(f"There is no tool {key!r}; the tools are labelled {labels}.")
    for label, case in RECOMMENDATION_CASES.items():
        if label not in given:
            problems.append(f"{label} ({case.tool}) has no recommendation yet.")
            continue
        chosen = match_name(given[label], lookup)
        if chosen is None:
            problems.append(f"{given[label]!r} (given for {label}) is not a recommendation; use {choices}.")
            continue
        audited = _tool(result, case.tool)
        if chosen == audited.recommendation:
            right += 1
            continue
        problems.append(f"{label} ({case.tool}): not '{chosen}'. {_why_not(chosen, case, audited)}")
    if problems:
        return failed(
            f"{right} of {len(RECOMMENDATION_CASES)} recommendations match the audit's rules.",
            problems,
            "Go through the rules in order for each tool; a hint() lists them.",
        )
    return passed(
        "All four match the audit's rules. In a real audit these are proposals: talk to each "
        "tool's owner before anything is cancelled."
    )
