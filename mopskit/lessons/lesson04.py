"""Lesson 04, "Martech stack audit": the lesson's tables and the exercises' checks.

The lesson shows every table through a helper here (``actions_table(result)``, ...), so a
notebook cell is one call and every figure on the page is computed, never typed. Every
expected answer of an exercise comes from running ``mopskit.stack.audit`` on the task's own
small inventory (or on the sample company), so the formulas and rules live only in the
engine; this module describes each case and says what a typical wrong answer got wrong.
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

from mopskit.content import knowledge
from mopskit import wording
from mopskit.wording import join_words, plural
from mopskit.exercises.checks import (
    label_of,
    Verdict,
    as_number,
    close_to,
    did_you_mean,
    failed,
    match_name,
    name_lookup,
    passed,
    shorten,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.course.facts import figures_frame
from mopskit.stack import (
    DEFAULT_INACTIVE_DAYS,
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    AuditResult,
    Recommendation,
    Inventory,
    ToolAudit,
    ToolContract,
    Usage,
    audit,
    load_inventory,
    read_usage,
)
from mopskit.report.document import Table
from mopskit.report.notebook import table

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
    sso_app: str | None = None
    """The app's name in the identity provider; the tool's own name when not given."""


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
        for number in range(item.active_users)
    ]
    records += [(app, user, yesterday) for app, user in other_sign_ins]
    if records:
        app, user, _ = records[0]
        records.append((app, user, AS_OF - timedelta(days=DEFAULT_INACTIVE_DAYS + 30)))
    usage = Usage.from_records(records, as_of=AS_OF)
    return audit(inventory, usage, as_of=AS_OF)


def _tool(result: AuditResult, name: str) -> ToolAudit:
    return next(tool for tool in result.tools if tool.tool == name)


def _money(amount: float | None) -> str:
    return wording.money(amount, CURRENCY, cents=True, missing=wording.MISSING)


def _whole_money(amount: float | None, currency: str | None = CURRENCY) -> str:
    return wording.money(amount, currency, missing=wording.MISSING)


def _in(header: str, currency: str | None) -> str:
    """A money column's header, with its currency when the inventory names one."""
    return f"{header} ({currency})" if currency else header


def _percent(share: float | None) -> str:
    return wording.percent(share, missing=wording.MISSING)


# ---------------------------------------------------------------------------
# The lesson's tables: one call per cell, every figure computed
# ---------------------------------------------------------------------------

ACTION_ORDER = tuple(Recommendation)
"""The order the actions table lists tools in: the audit's own, the most drastic proposal first."""


@cache
def sample_usage() -> Usage:
    """The sample company's Okta System Log, counted up to the lesson's audit date."""
    return read_usage(sample_company_file("okta-system-log.jsonl.gz"), as_of=AS_OF)


def why_audit_table() -> Table:
    """The survey figures behind a stack audit, and the landscape's growth, with sources."""
    return table(figures_frame([
        "martech-top-weakness", "martech-weakness-blamed-on-resources",
        "martech-utilization-2020", "martech-utilization-2022", "martech-utilization-2023",
    ]), "why-audit")


def landscape_table() -> Table:
    """How many tools the Chiefmartec landscape counted, edition by edition."""
    return table(figures_frame([
        "martech-landscape-size", "martech-landscape-2022", "martech-landscape-2023",
        "martech-landscape-2024",
    ]), "landscape")


def thresholds_table() -> Table:
    """The three thresholds the audit uses, where each comes from, and what the kit simplifies."""
    rows = [
        {"Threshold": f"{DEFAULT_INACTIVE_DAYS} days",
         "What the audit does with it": "A person with no successful sign-in in this many days "
                                        "counts as inactive.",
         "Where it comes from": "Productiv counts a user inactive after a period without sign-in; "
                                "the length is the kit's default, and you can change it."},
        {"Threshold": _percent(HEALTHY_UTILIZATION),
         "What the audit does with it": "A per-seat tool with fewer active users than this share "
                                        "of its seats is a candidate for fewer seats at renewal.",
         "Where it comes from": "Zylo's healthy target: 90% of licences active and allocated."},
        {"Threshold": f"{REVIEW_WINDOW_DAYS} days",
         "What the audit does with it": "A notice deadline this close to the audit date is "
                                        "flagged as urgent.",
         "Where it comes from": "A simplification of Zylo's practice, which prepares each renewal "
                                "in steps from about 120, 90 and 60 days before the renewal date."},
    ]
    return table(pd.DataFrame(rows), "thresholds")


def inventory_table(inventory: Inventory) -> Table:
    """The contracts of an inventory: what each costs, how it is priced, its seats and dates."""
    rows = [{
        "Tool": tool.tool,
        "Category": tool.category,
        "Department": tool.department or "",
        "Pricing": tool.pricing,
        _in("Annual cost", inventory.currency): tool.annual_cost,
        "Seats": tool.seats,
        "Renewal date": tool.renewal_date.isoformat(),
        "Notice days": tool.notice_days,
        "App in the identity provider": tool.sso_app or "— (not behind single sign-on)",
    } for tool in inventory.tools]
    return table(pd.DataFrame(rows), "inventory", formats={_in("Annual cost", inventory.currency): "{:,.0f}"})


def usage_table(usage: Usage) -> Table:
    """What a sign-in log holds once read: events, successful sign-ins, people and apps."""
    frame = usage.to_frame()
    rows = [
        ("Sign-on events read", f"{usage.events:,}"),
        ("Successful sign-ins among them", f"{int(frame['sign_ins'].sum()):,}"),
        ("People who signed in", f"{frame['user'].nunique():,}"),
        ("Apps they signed in to", f"{frame['app'].nunique():,}"),
    ]
    return table(pd.DataFrame(rows, columns=["In the log", "Count"]), "usage")


def spend_table(result: AuditResult) -> Table:
    """The audit's headline: spend, the cost of unused seats, seats against people."""
    summary = result.summary
    waste = summary.wasted_annual_cost
    share = None if waste is None or not summary.annual_cost else waste / summary.annual_cost
    no_data = [tool.tool for tool in result.tools if tool.active_users is None]
    rows = [
        ("Annual spend", _whole_money(summary.annual_cost, result.currency)),
        ("Paid for seats nobody used (per-seat tools)", _whole_money(waste, result.currency)
         + (" at most: the logs cover part of the window" if result.waste_is_upper_bound else "")),
        ("… as a share of the spend", _percent(share)),
        ("Seats in the inventory", f"{summary.seats:,}"),
        ("People active in at least one tool",
         "—" if summary.active_users is None else f"{summary.active_users:,}"),
        ("Tools without sign-in data", f"{len(no_data)}"),
        ("Categories with more than one tool", f"{len(result.overlaps)}"),
        ("Apps in the logs but not in the inventory", f"{len(result.unmatched_apps)}"),
    ]
    return table(pd.DataFrame(rows, columns=["Measure", "Value"]), "spend")


def tool_row(result: AuditResult, name: str) -> ToolAudit:
    """The audit's row for one tool, by name (any case); an unknown name lists the tools."""
    for tool in result.tools:
        if tool.tool.casefold() == name.strip().casefold():
            return tool
    raise KeyError(f"no tool {name!r} in the audit; the tools are {join_words([t.tool for t in result.tools])}")


def worked_example(result: AuditResult, name: str) -> Table:
    """One per-seat tool worked by hand, step by step, beside the audit's own figures.

    The "By hand" column repeats the arithmetic with nothing but the tool's seats, active
    users and cost, so a reader can follow it with a calculator; "The audit's row" is what
    the audit computed. The two agree, or the table says so.
    """
    tool = tool_row(result, name)
    if tool.pricing != "per-seat" or tool.active_users is None:
        raise ValueError(f"{tool.tool} is not a per-seat tool with sign-in data; pick one that is")
    seats, active, cost = tool.seats, tool.active_users, tool.annual_cost
    idle = max(seats - active, 0)
    seat_price = cost / seats
    rows = [
        ("Seats paid for", "from the inventory", f"{seats}", f"{tool.seats}"),
        (f"Active users (last {result.inactive_days} days)", "from the sign-in log",
         f"{active}", f"{tool.active_users}"),
        ("Utilization", f"{active} ÷ {seats}", _percent(active / seats), _percent(tool.utilization)),
        ("Cost per active user", f"{cost:,.0f} ÷ {active}" if active else "nobody active: undefined",
         _money(cost / active) if active else "—", _money(tool.cost_per_active_user)),
        ("Price of one seat", f"{cost:,.0f} ÷ {seats}", _money(seat_price), ""),
        ("Unused seats", f"{seats} − {active}" if active <= seats else "none (more users than seats)",
         f"{idle}", ""),
        ("Paid for unused seats", f"{idle} × {seat_price:,.2f}", _money(idle * seat_price),
         _money(tool.wasted_annual_cost)),
    ]
    return table(pd.DataFrame(rows, columns=["Step", "How", "By hand", "The audit's row"]), "worked-example")


def _action_key(tool: ToolAudit) -> tuple[int, int, str]:
    rank = ACTION_ORDER.index(Recommendation(tool.recommendation))
    return (rank, tool.days_to_notice_deadline, tool.label)


def actions_table(result: AuditResult) -> Table:
    """The tools whose recommendation is not a plain *retain*, most drastic first, with every
    reason the audit gives, each a whole sentence."""
    acting = sorted((tool for tool in result.tools if tool.recommendation != "retain"), key=_action_key)
    rows = [{
        "Tool": tool.label,
        "Recommendation": tool.recommendation,
        "Seat utilization": _percent(tool.utilization),
        _in("Paid for unused seats", result.currency): _whole_money(tool.wasted_annual_cost, None),
        "Notice deadline": tool.notice_deadline.isoformat(),
        "Why": " ".join(tool.reasons),
    } for tool in acting]
    columns = ["Tool", "Recommendation", "Seat utilization",
               _in("Paid for unused seats", result.currency), "Notice deadline", "Why"]
    return table(pd.DataFrame(rows, columns=columns), "actions")


def no_data_table(result: AuditResult) -> Table:
    """The tools the sign-in logs cannot see: no data, which is not the same as nobody using them."""
    rows = [{
        "Tool": tool.label,
        "Owner": tool.owner,
        _in("Annual cost", result.currency): _whole_money(tool.annual_cost, None),
        "Notice deadline": tool.notice_deadline.isoformat(),
        "Seat utilization": "no data (not 0%)",
    } for tool in sorted(result.tools, key=lambda tool: tool.notice_deadline) if tool.active_users is None]
    columns = ["Tool", "Owner", _in("Annual cost", result.currency), "Notice deadline", "Seat utilization"]
    return table(pd.DataFrame(rows, columns=columns), "no-data")


def caveats_table(result: AuditResult) -> Table:
    """What sign-in data cannot show, as the audit states it, after the notes on this run
    (how much of the window the logs cover)."""
    rows = [("About this run", note) for note in result.notes]
    rows += [("Always", caveat) for caveat in result.caveats]
    return table(pd.DataFrame(rows, columns=["When", "What sign-in data cannot show"]), "caveats")


def unmatched_table(result: AuditResult) -> Table:
    """Apps people signed in to that no inventory row names: possible shadow IT."""
    rows = [{"App": app.app, "People": app.users, "Successful sign-ins": app.sign_ins}
            for app in result.unmatched_apps]
    return table(pd.DataFrame(rows, columns=["App", "People", "Successful sign-ins"]), "unmatched")


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
    assert expected is not None  # a per-seat tool with sign-ins: the audit always prices its idle seats
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
    first = min(deadlines, key=lambda tool: deadlines[tool])
    if chosen is None:
        return failed(
            f"{answer!r} is not one of the four tools.",
            [did_you_mean(answer, lookup, otherwise=f" The tools are {join_words(list(deadlines))}.").lstrip()],
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
        "Two tools overlap when they sit in the same category of the inventory. Read down the "
        "Category column of the table above the task: which categories appear more than once?",
        "If you like pandas, `frame[\"category\"].value_counts()` counts how often each category "
        "appears; a count of 2 or more is an overlap. Then go back to the table for the tools.",
        "Name every tool in those categories, both (or all) of each group, not one per category.",
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
            problems.append(f"{item!r} is not a tool in the sample inventory." + did_you_mean(item, lookup))
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
    "A": Contract("Webinar tool B", "Events, meetings & webinars", 9_600, 12, 0),
    "B": Contract("Sales intelligence", "Sales automation, enablement & intelligence", 36_000, 40, 14),
    "C": Contract("Email tool B", "Email marketing", 2_900, 8, 3),
    "D": Contract("CRM", "CRM", 86_400, 45, 42),
}
OTHER_CONTRACTS = (
    Contract("Email tool A", "Email marketing", 4_200, 10, 9),
    Contract("Webinar tool A", "Events, meetings & webinars", 7_200, 20, 18),
)
"""Tools that are in the same made-up stack without being asked about."""

RULES_IN_ORDER = ("retire", "consolidate", "negotiate", "retain")
"""The order the audit tries its rules in; the first that fits a tool wins."""


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
        f"That rule fits {case.tool} too, but the rules are applied in order and an earlier rule "
        "also fits, so it wins: go through them again from the top."
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
        "Some tools fit two rules. Tool A, for one, might fit more than one: the first rule in "
        "the list that fits is the one the audit gives.",
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
    given = {label_of(key): value for key, value in answer.items()}
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
        summary = f"{right} of {len(RECOMMENDATION_CASES)} recommendations match the audit's rules."
        if _later_rule_chosen(given, result):
            summary += " Order matters: at least one tool got a later rule that fits it too."
        return failed(summary, problems, "Go through the rules in order for each tool; a hint() lists them.")
    return passed(
        "All four match the audit's rules, in their order. In a real audit these are proposals: "
        "talk to each tool's owner before anything is cancelled."
    )


def _later_rule_chosen(given: Mapping[Any, Any], result: AuditResult) -> bool:
    """Whether the learner picked, for some tool, a rule that comes after the audit's answer."""
    lookup = name_lookup(RECOMMENDATION_ALIASES)
    for label, case in RECOMMENDATION_CASES.items():
        chosen = match_name(given.get(label), lookup)
        expected = _tool(result, case.tool).recommendation
        if chosen in RULES_IN_ORDER and RULES_IN_ORDER.index(chosen) > RULES_IN_ORDER.index(expected) \
                and chosen != "retain":
            return True
    return False


# ---------------------------------------------------------------------------
# 04.5  Place tools in the Chiefmartec landscape
# ---------------------------------------------------------------------------

TAXONOMY_CASES = {
    "A": ("A banner that records each visitor's cookie choices and keeps proof of consent",
          "Governance, compliance & privacy"),
    "B": ("A platform to run webinars and virtual events, with registration pages",
          "Events, meetings & webinars"),
    "C": ("A tool that buys display ads automatically across thousands of websites",
          "Display & programmatic advertising"),
    "D": ("A tool that tracks the marketing budget against what has actually been spent",
          "Budgeting & finance"),
    "E": ("The online shop itself: product pages, cart and checkout",
          "Ecommerce platforms & carts"),
    "F": ("The system editors use to publish and update the company website",
          "WCM/CMS & web experience management"),
}
"""Label -> (what the tool does, the subcategory it belongs to in ``martech-taxonomy.yaml``)."""

CATEGORY_ALIASES = {
    "Advertising & Promotion": ("advertising", "promotion", "ads"),
    "Content & Experience": ("content", "experience"),
    "Social & Relationships": ("social", "relationships"),
    "Commerce & Sales": ("commerce", "sales"),
    "Data": ("data and analytics",),
    "Management": ("management and operations",),
}
"""Short names a learner may use for the six categories."""


def _taxonomy() -> dict[str, tuple[str, ...]]:
    """Each category of the 2022 landscape -> its subcategories, from the kit's content."""
    return {category["name"]: tuple(category["subcategories"])
            for category in knowledge.load("martech-taxonomy")["categories"]}


def category_of(subcategory: str) -> str:
    """The Chiefmartec category that holds ``subcategory`` (exact name from the taxonomy)."""
    for category, subcategories in _taxonomy().items():
        if subcategory in subcategories:
            return category
    raise KeyError(f"{subcategory!r} is not a subcategory of the 2022 landscape")


def taxonomy_cases() -> Table:
    """The tools of task 04.5, labelled A-F, described by the job they do (no brand names)."""
    rows = [{"Label": label, "What the tool does": description}
            for label, (description, _subcategory) in TAXONOMY_CASES.items()]
    return table(pd.DataFrame(rows))


@task(
    "04.5",
    "Place tools in the Chiefmartec landscape",
    hints=(
        "Describe each tool's job in two or three words (consent, webinars, ads, budget, shop, "
        "website), then look for those words in the What it covers column of the landscape "
        "table in the lesson.",
        "Find the subcategory that describes the job first; the category is the row that "
        "holds it. The six categories are Advertising & Promotion, Content & Experience, "
        "Social & Relationships, Commerce & Sales, Data and Management.",
        "Privacy and consent sit with the data a company holds; budgets sit with running "
        "the marketing team.",
    ),
)
def check_taxonomy(answer: Any) -> Verdict:
    """Each label A-F names the category that holds its tool's subcategory."""
    example = '{"A": "Data", "B": "Management", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to F) to a category", answer, example)
    taxonomy = _taxonomy()
    lookup = name_lookup({name: CATEGORY_ALIASES.get(name, ()) for name in taxonomy})
    subcategory_lookup = name_lookup({name: () for names in taxonomy.values() for name in names})
    given = {label_of(key): value for key, value in answer.items()}
    problems: list[str] = []
    right = 0
    for key in given:
        if key not in TAXONOMY_CASES:
            problems.append(f"There is no tool {key!r}; the tools are labelled {join_words(list(TAXONOMY_CASES))}.")
    for label, (description, subcategory) in TAXONOMY_CASES.items():
        if label not in given:
            problems.append(f"{label} has no category yet.")
            continue
        chosen = match_name(given[label], lookup)
        named_subcategory = match_name(given[label], subcategory_lookup)
        if chosen is None and named_subcategory is not None:
            chosen = category_of(named_subcategory)
        if chosen is None:
            problems.append(f"{given[label]!r} (given for {label}) is not one of the six categories."
                            + did_you_mean(given[label], lookup, otherwise=f" They are {join_words(list(taxonomy))}."))
            continue
        if chosen == category_of(subcategory):
            right += 1
            continue
        problems.append(
            f"{label} (“{shorten(description)}”) is not in {chosen}: none of its subcategories "
            f"({'; '.join(taxonomy[chosen])}) describes that job."
        )
    if problems:
        return failed(f"{right} of {len(TAXONOMY_CASES)} tools are in the right category.", problems,
                      "Find the subcategory for each job first, then the category that holds it.")
    return passed(
        f"All {len(TAXONOMY_CASES)} tools are in the right category. With categories named this way, "
        "two tools in one subcategory show up as an overlap in an audit."
    )


# ---------------------------------------------------------------------------
# 04.6  Decide what to do with each unmatched app
# ---------------------------------------------------------------------------

SHADOW_IT_DECISIONS = {
    "add": ("add to the inventory", "add to inventory", "adopt", "approve", "keep", "buy"),
    "move": ("move users", "move its users", "move the users", "migrate", "switch"),
    "rename": ("fix the name", "fix sso_app", "fix the sso_app", "correct the name", "match",
               "fix the inventory", "set sso_app"),
}
"""The three things to do with an app the logs show and the inventory does not name."""

SHADOW_IT_STACK = (
    Contract("Survey tool", "Feedback & chatbots", 4_800, 20, 8, sso_app="SurveyPro"),
    Contract("Social suite", "Social media marketing & monitoring", 7_400, 12, 0, sso_app="Hootsuite"),
    Contract("CRM", "CRM", 86_400, 45, 42),
)
"""The inventory of task 04.6: what the company already pays for."""

SHADOW_IT_APPS = {
    "Miro": (14, "A whiteboard the design and events teams use for workshops. No tool in the "
                 "inventory does this job.", "add"),
    "Typeform": (5, "People in e-commerce use its free plan for customer surveys. The company's "
                    "own survey tool does the same job and has seats to spare.", "move"),
    "Hootsuite Enterprise": (11, "The social team's scheduler. The vendor renamed the app in the "
                                 "identity provider after an upgrade last spring.", "rename"),
}
"""App -> (people signing in, what asking around found out, the decision)."""


def _shadow_it_audit() -> AuditResult:
    sign_ins = [(app, f"{app.split()[0].lower()}{number:02d}@example.org")
                for app, (people, _found, _decision) in SHADOW_IT_APPS.items()
                for number in range(people)]
    return _audit_contracts(SHADOW_IT_STACK, sign_ins)


def shadow_it_inventory() -> Table:
    """The inventory of task 04.6, with each tool's app name and what the audit made of it."""
    result = _shadow_it_audit()
    rows = [{
        "Tool": case.tool,
        "Category": case.category,
        "Seats": case.seats,
        "App in the identity provider": case.sso_app or case.tool,
        "Recommendation": _tool(result, case.tool).recommendation,
    } for case in SHADOW_IT_STACK]
    return table(pd.DataFrame(rows))


def shadow_it_apps() -> Table:
    """The apps of task 04.6 as the audit lists them, with what asking around found out."""
    result = _shadow_it_audit()
    rows = [{"App": app.app, "People": app.users, "What you found out": SHADOW_IT_APPS[app.app][1]}
            for app in result.unmatched_apps]
    return table(pd.DataFrame(rows))


@task(
    "04.6",
    "Decide what to do with each unmatched app",
    hints=(
        "For each app ask three questions, in this order: is it a tool we already pay for under "
        "another name? If not, does an approved tool already do the same job? If not, is it a job "
        "the stack does not cover yet?",
        "Compare each app's name with the App in the identity provider column of the inventory. "
        "Then read the inventory's Recommendation column: does any tool look unused only "
        "because its sign-ins go to a name the inventory does not know?",
        "The three decisions are `add` (to the inventory, with an owner and a contract), `move` "
        "(its users to the approved tool) and `rename` (fix the app's name in the inventory).",
    ),
)
def check_shadow_it(answer: Any) -> Verdict:
    """Each unmatched app gets the decision its facts call for: add, move or rename."""
    example = '{"Miro": "add", "Typeform": "move", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each app to a decision", answer, example)
    apps = name_lookup({app: () for app in SHADOW_IT_APPS})
    decisions = name_lookup(SHADOW_IT_DECISIONS)
    choices = join_words([f"'{name}'" for name in SHADOW_IT_DECISIONS], "or")
    problems: list[str] = []
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        app = match_name(key, apps)
        if app is None:
            problems.append(f"{key!r} is not one of the unmatched apps."
                            + did_you_mean(key, apps, otherwise=f" They are {join_words(list(SHADOW_IT_APPS))}."))
            continue
        decision = match_name(value, decisions)
        if decision is None:
            problems.append(f"{value!r} (given for {app}) is not a decision here; use {choices}.")
            continue
        chosen[app] = decision
    why_not = {
        "add": "'add' is for a job no tool in the inventory does, and here one does, or the app "
               "is already in the inventory.",
        "move": "'move' needs an approved tool in the inventory that does the same job and is a "
                "different product.",
        "rename": "'rename' is for an app that is already in the inventory under another name; "
                  "check the App in the identity provider column.",
    }
    right = 0
    for app, (_people, _found, expected) in SHADOW_IT_APPS.items():
        if app not in chosen:
            if not any(match_name(key, apps) == app for key in answer):
                problems.append(f"{app} has no decision yet.")
            continue
        if chosen[app] == expected:
            right += 1
        else:
            problems.append(f"{app}: not '{chosen[app]}'. {why_not[chosen[app]]}")
    if problems:
        return failed(f"{right} of {len(SHADOW_IT_APPS)} apps have the right decision.", problems,
                      "Ask the three questions of the first hint() for each app, in order.")
    renamed = [app for app, (_p, _f, decision) in SHADOW_IT_APPS.items() if decision == "rename"]
    return passed(
        "Right. Notice what the renamed app did to the audit: a tool its team uses every day "
        f"looked unused, because its sign-ins arrived as {join_words(renamed)}. Fix the names "
        "before you act on a 'retire'."
    )
