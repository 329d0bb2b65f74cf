"""Lesson 04's tables: every table the lesson and its exercise notebook show, one call per cell.

The lesson's tables read an audit (of the sample company, or a team's own) and compute every
figure they show; the exercises' tables show each task's case without its answer.
"""

from __future__ import annotations

import pandas as pd

from mopskit import wording
from mopskit.course.facts import figures_frame, glossary_frame, modernization_frame, taxonomy_frame
from mopskit.lessons.lesson04.cases import (
    CONSOLIDATION_CASE,
    CURRENCY,
    OTHER_CONTRACTS,
    RECOMMENDATION_CASES,
    RENEWAL_CASES,
    SHADOW_IT_APPS,
    SHADOW_IT_STACK,
    TAXONOMY_CASES,
    WASTE_CASE,
    _shadow_it_audit,
    _tool,
    shared_users,
)
from mopskit.report.document import Cell, Kind, Table
from mopskit.stack.moves import spend_after_moves
from mopskit.report.notebook import table
from mopskit.stack import (
    DEFAULT_INACTIVE_DAYS,
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    AuditResult,
    Inventory,
    Pricing,
    Recommendation,
    ToolAudit,
    Usage,
)
from mopskit.wording import join_words, plural


def _money(amount: float | None) -> str:
    return wording.money(amount, CURRENCY, cents=True, missing=wording.MISSING)


def _whole_money(amount: float | None, currency: str | None = CURRENCY) -> str:
    return wording.money(amount, currency, missing=wording.MISSING)


def _in(header: str, currency: str | None) -> str:
    """A money column's header, with its currency when the inventory names one."""
    return f"{header} ({currency})" if currency else header


def _percent(share: float | None) -> str:
    return wording.percent(share, missing=wording.MISSING)


def _figure(value: float | None, text: str) -> Cell:
    """A figure that keeps its number (the column lines up on the right) and reads as ``text``."""
    return Cell(value, text)


FIGURE = Kind.NUMBER


# ---------------------------------------------------------------------------
# The lesson's tables: one call per cell, every figure computed
# ---------------------------------------------------------------------------

ACTION_ORDER = tuple(Recommendation)
"""The order the actions table lists tools in: the audit's own, the most drastic proposal first."""


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


def taxonomy_table() -> Table:
    """The six categories of the 2022 landscape, each with its subcategories."""
    return table(taxonomy_frame(), "taxonomy")


def modernization_table() -> Table:
    """The MarTech column's four modernizations: an established tactic and what replaces it."""
    return table(modernization_frame(), "modernization")


AUDIT_TERMS = ("Utilization", "Cost per active user", "Licence waste", "Pricing model",
               "Notice deadline", "Overlap", "Consolidation", "Shadow IT")
"""The glossary terms the lesson defines before the audit."""


def terms_table() -> Table:
    """What an audit measures, in the words of the kit's glossary."""
    return table(glossary_frame(list(AUDIT_TERMS)), "audit-terms")


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


BLANK_APP = "— (blank: the audit looks for the tool's own name)"
"""How the inventory table shows a tool whose ``sso_app`` is empty."""


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
        "App in the identity provider": tool.sso_app or BLANK_APP,
    } for tool in inventory.tools]
    return table(pd.DataFrame(rows), "inventory", formats={_in("Annual cost", inventory.currency): "{:,.0f}"})


def usage_table(usage: Usage) -> Table:
    """What a sign-in log holds once read: events, successful sign-ins, people and apps."""
    frame = usage.to_frame()
    rows = [
        ("Sign-on events read", usage.events),
        ("Successful sign-ins among them", int(frame["sign_ins"].sum())),
        ("People who signed in", frame["user"].nunique()),
        ("Apps they signed in to", frame["app"].nunique()),
    ]
    return table(pd.DataFrame(rows, columns=["In the log", "Count"]), "usage",
                 formats={"Count": "{:,}"})


def spend_table(result: AuditResult) -> Table:
    """The audit's headline: spend, the cost of unused seats, seats against people."""
    summary = result.summary
    waste = summary.wasted_annual_cost
    share = None if waste is None or not summary.annual_cost else waste / summary.annual_cost
    no_data = [tool.tool for tool in result.tools if tool.active_users is None]
    rows = [
        ("Annual spend", _figure(summary.annual_cost, _whole_money(summary.annual_cost, result.currency))),
        ("Paid for seats nobody used (per-seat tools)", _figure(waste, _whole_money(waste, result.currency)
         + (" at most: the logs cover part of the window" if result.waste_is_upper_bound else ""))),
        ("… as a share of the spend", _figure(share, _percent(share))),
        ("Seats in the inventory", _figure(summary.seats, f"{summary.seats:,}")),
        ("People active in at least one tool", _figure(
            summary.active_users, "—" if summary.active_users is None else f"{summary.active_users:,}")),
        ("Tools without sign-in data", _figure(len(no_data), f"{len(no_data)}")),
        ("Categories with more than one tool", _figure(len(result.overlaps), f"{len(result.overlaps)}")),
        ("Apps in the logs but not in the inventory",
         _figure(len(result.unmatched_apps), f"{len(result.unmatched_apps)}")),
    ]
    return table(pd.DataFrame(rows, columns=["Measure", "Value"]), "spend", kinds={"Value": FIGURE})


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
    if tool.pricing is not Pricing.PER_SEAT or tool.active_users is None:
        raise ValueError(f"{tool.tool} is not a per-seat tool with sign-in data; pick one that is")
    seats, active, cost = tool.seats, tool.active_users, tool.annual_cost
    idle = max(seats - active, 0)
    seat_price = cost / seats
    per_active = cost / active if active else None
    rows = [
        ("Seats paid for", "from the inventory", _figure(seats, f"{seats}"), _figure(tool.seats, f"{tool.seats}")),
        (f"Active users (last {result.inactive_days} days)", "from the sign-in log",
         _figure(active, f"{active}"), _figure(tool.active_users, f"{tool.active_users}")),
        ("Utilization", f"{active} ÷ {seats}", _figure(active / seats, _percent(active / seats)),
         _figure(tool.utilization, _percent(tool.utilization))),
        ("Cost per active user", f"{cost:,.0f} ÷ {active}" if active else "nobody active: undefined",
         _figure(per_active, _money(per_active) if per_active is not None else "—"),
         _figure(tool.cost_per_active_user, _money(tool.cost_per_active_user))),
        ("Price of one seat", f"{cost:,.0f} ÷ {seats}", _figure(seat_price, _money(seat_price)), None),
        ("Unused seats", f"{seats} − {active}" if active <= seats else "none (more users than seats)",
         _figure(idle, f"{idle}"), None),
        ("Paid for unused seats", f"{idle} × {seat_price:,.2f}", _figure(idle * seat_price, _money(idle * seat_price)),
         _figure(tool.wasted_annual_cost, _money(tool.wasted_annual_cost))),
    ]
    return table(pd.DataFrame(rows, columns=["Step", "How", "By hand", "The audit's row"]), "worked-example",
                 kinds={"By hand": FIGURE, "The audit's row": FIGURE})


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
        "Seat utilization": _figure(tool.utilization, _percent(tool.utilization)),
        _in("Paid for unused seats", result.currency): _figure(
            tool.wasted_annual_cost, _whole_money(tool.wasted_annual_cost, None)),
        "Notice deadline": tool.notice_deadline,
        "Why": " ".join(tool.reasons),
    } for tool in acting]
    columns = ["Tool", "Recommendation", "Seat utilization",
               _in("Paid for unused seats", result.currency), "Notice deadline", "Why"]
    return table(pd.DataFrame(rows, columns=columns), "actions",
                 kinds={"Seat utilization": FIGURE, _in("Paid for unused seats", result.currency): FIGURE})


def no_data_table(result: AuditResult) -> Table:
    """The tools the sign-in logs cannot see: no data, which is not the same as nobody using them."""
    rows = [{
        "Tool": tool.label,
        "Owner": tool.owner,
        _in("Annual cost", result.currency): tool.annual_cost,
        "Notice deadline": tool.notice_deadline,
        "Seat utilization": "no data (not 0%)",
    } for tool in sorted(result.tools, key=lambda tool: tool.notice_deadline) if tool.active_users is None]
    columns = ["Tool", "Owner", _in("Annual cost", result.currency), "Notice deadline", "Seat utilization"]
    return table(pd.DataFrame(rows, columns=columns), "no-data",
                 formats={_in("Annual cost", result.currency): "{:,.0f}"})


def blank_app_table(inventory: Inventory, result: AuditResult) -> Table:
    """The tools with no app name in the inventory, and what the audit found under their own name."""
    audited = {tool.tool: tool for tool in result.tools}
    rows = []
    for contract in inventory.tools:
        if contract.sso_app:
            continue
        tool = audited[contract.tool]
        if tool.active_users is None:
            found = (f"No app called {contract.tool} in the log: no sign-in data, so its use is "
                     "unknown (not zero).")
        else:
            found = (f"The log has an app with the tool's name: measured, "
                     f"{plural(tool.active_users, 'active user')} of {tool.seats} seats.")
        rows.append({"Tool": tool.label, "Owner": tool.owner, "What the audit found": found})
    return table(pd.DataFrame(rows, columns=["Tool", "Owner", "What the audit found"]), "blank-app")


def moves_table(result: AuditResult) -> Table:
    """The licence spend before and after the contracts the audit ends, counting the seats the
    tools that take the people in must add (right-sizing at renewal left out)."""
    moves = spend_after_moves(result)
    rows: list[tuple[str, Cell]] = [("Annual licence spend today", _signed(moves.spend_now, ""))]
    for tool in moves.ended:
        rows.append((f"End {tool.label}: {tool.recommendation}{_into(result, tool)}",
                     _signed(-tool.annual_cost, "− ")))
    for item in moves.seats_to_add:
        rows.append((f"Add {plural(item.extra_seats, 'seat')} to {item.tool.label}: "
                     f"{item.tool.seats_needed} people need one, it has {item.tool.seats} "
                     f"({item.extra_seats} × {_whole_money(item.seat_price, result.currency)})",
                     _signed(item.cost, "+ ")))
    rows.append(("Annual licence spend after the moves", _signed(moves.spend_after, "")))
    rows.append(("Net saving a year", _signed(moves.net_saving, "")))
    return table(pd.DataFrame(rows, columns=["Step", _in("Amount", result.currency)]), "moves",
                 kinds={_in("Amount", result.currency): FIGURE})


def _signed(amount: float, sign: str) -> Cell:
    return _figure(amount, sign + f"{abs(amount):,.0f}")


def _into(result: AuditResult, tool: ToolAudit) -> str:
    """", into X" for a consolidated tool: the most used tool kept in its category."""
    if tool.recommendation != Recommendation.CONSOLIDATE:
        return ""
    kept = [other for other in result.tools if other.category == tool.category
            and other.recommendation not in (Recommendation.RETIRE, Recommendation.CONSOLIDATE)]
    if not kept:
        return ""
    target = max(kept, key=lambda other: other.active_users or 0)
    return f" into {target.tool}"


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
# The exercises' cases, as their notebook shows them
# ---------------------------------------------------------------------------


def waste_case() -> Table:
    """The tool of task 04.1 as a one-row table."""
    return table(pd.DataFrame([{
        "Tool": WASTE_CASE.tool,
        f"Annual cost ({CURRENCY})": WASTE_CASE.annual_cost,
        "Seats": WASTE_CASE.seats,
        f"Active users (last {DEFAULT_INACTIVE_DAYS} days)": WASTE_CASE.active_users,
    }]), formats={f"Annual cost ({CURRENCY})": "{:,.0f}"})


def renewal_cases() -> Table:
    """The contracts of task 04.2: renewal dates and notice periods, no deadlines."""
    return table(pd.DataFrame([
        {"Tool": case.tool, "Renewal date": case.renewal_date.isoformat(), "Notice days": case.notice_days}
        for case in RENEWAL_CASES
    ]))


def consolidation_case() -> Table:
    """The two tools of task 04.3, with how many people are active in both."""
    moving, receiving = CONSOLIDATION_CASE["moving"], CONSOLIDATION_CASE["receiving"]
    both = shared_users(moving, receiving)
    rows = [{
        "Tool": case.tool,
        "What happens": what,
        f"Annual cost ({CURRENCY})": case.annual_cost,
        "Seats": case.seats,
        f"Active users (last {DEFAULT_INACTIVE_DAYS} days)": case.active_users,
        "Active in both tools": both,
    } for case, what in ((moving, "its users move, its contract ends"),
                         (receiving, "takes the users in, keeps its contract"))]
    return table(pd.DataFrame(rows), formats={f"Annual cost ({CURRENCY})": "{:,.0f}"})


def recommendation_cases() -> Table:
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
            "Label": label, "Tool": case.tool, "Category": case.category, "Seats": case.seats,
            f"Active users (last {DEFAULT_INACTIVE_DAYS} days)": case.active_users,
            "Other tools in the category": ", ".join(others) or "none",
        })
    return table(pd.DataFrame(rows))


def taxonomy_cases() -> Table:
    """The tools of task 04.5, labelled A-F, described by the job they do (no brand names)."""
    rows = [{"Label": label, "What the tool does": description}
            for label, (description, _subcategory) in TAXONOMY_CASES.items()]
    return table(pd.DataFrame(rows))


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
    rows = [{"App": app.app, "People": app.users, "What you found out": SHADOW_IT_APPS[app.app].found}
            for app in result.unmatched_apps]
    return table(pd.DataFrame(rows))
