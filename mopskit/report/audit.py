"""The stack audit's report, described once (``mopskit.report.BUILDERS``).

Every choice the formats used to make apart (which cards, what "decisions due" means,
how a deadline or a missing figure reads) is made here; renderers only lay it out.
Sees ``AuditResult`` only for type checking, so the model can bind this without a cycle.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mopskit.report.document import (
    Card,
    Cell,
    Chart,
    Column,
    Document,
    Emphasis,
    Kind,
    Measure,
    Row,
    Section,
    Table,
)
from mopskit.stack.vocabulary import HEALTHY_UTILIZATION, REVIEW_WINDOW_DAYS, DeadlineStatus, Pricing, Recommendation
from mopskit.viz import stack as charts
from mopskit.wording import MISSING, count, days, money, percent, plural

if TYPE_CHECKING:
    from mopskit.stack.model import AuditResult, ToolAudit

TITLE = "Martech stack audit"
UPPER_BOUND = "at most: the sign-in logs cover only part of the window"
NOT_PER_SEAT = "n/a (not per seat)"
PRICING_WORDS = {Pricing.PER_SEAT: "per seat", Pricing.FLAT: "flat fee", Pricing.USAGE: "by usage"}
STATUS_WORDS = {
    DeadlineStatus.PASSED: "deadline passed",
    DeadlineStatus.DUE: f"decide now (within {days(REVIEW_WINDOW_DAYS)})",
    DeadlineStatus.LATER: "later",
}
EMPHASIS = {DeadlineStatus.DUE: Emphasis.STRONG, DeadlineStatus.PASSED: Emphasis.MUTED}
TONES = charts.RECOMMENDATION_COLOURS


def audit_document(result: AuditResult, *, show_users: bool = False) -> Document:
    currency = result.currency
    summary = result.summary
    due = len(result.decisions_due)
    share = waste_share(result)
    qualifier = UPPER_BOUND if result.waste_is_upper_bound else ""
    totals = recommendation_totals(result)
    sections = [
        Section("Charts", charts=audit_charts(result)),
        Section(
            "Tools",
            lead="One row per contract, with the recommendation and the reasons behind it. Waste is the cost of"
                 " seats nobody used (unused seats × annual cost ÷ seats), for tools priced per seat. Under the"
                 ' active users, "at renewal" counts the seats needed if the advice is followed, including'
                 " people a consolidation moves in.",
            table=tools_table(result),
        ),
        Section(
            "Renewals",
            lead=f"Soonest notice deadline first. Highlighted rows fall within the next {days(REVIEW_WINDOW_DAYS)}:"
                 " decide before the deadline, or the contract renews as it is.",
            table=renewals_table(result),
        ),
        Section(
            "Overlaps",
            lead="Categories served by two or more tools. Shared users are active in at least two of them:"
                 " the people a consolidation would move.",
            table=Table(
                (Column("category", "Category", chars=34),
                 Column("tools", "Tools", Kind.LIST, chars=48),
                 Column("shared", "Shared active users", Kind.INTEGER)),
                tuple(Row({"category": overlap.category, "tools": overlap.tools,
                           "shared": overlap.shared_active_users}) for overlap in result.overlaps),
                empty="No category is served by more than one tool.",
            ),
        ),
        Section(
            "Unmatched apps (possible shadow IT)",
            short_title="Unmatched",
            lead="Apps people sign in to that are not in the inventory. Each is either missing from the"
                 " inventory or bought outside it.",
            table=Table(
                (Column("app", "App", chars=44),
                 Column("users", "Users", Kind.INTEGER),
                 Column("sign_ins", "Sign-ins", Kind.INTEGER)),
                tuple(Row({"app": app.app, "users": app.users, "sign_ins": app.sign_ins})
                      for app in result.unmatched_apps),
                empty="Every app in the sign-in logs is in the inventory.",
            ),
        ),
        Section("What sign-in data cannot show", bullets=result.caveats, glance=True),
    ]
    if show_users:
        sections.append(people_section(result))
    return Document(
        title=TITLE,
        as_of=result.as_of,
        scope=(
            f"active means at least one successful sign-in in the {result.inactive_days} days up to that date",
            amounts_in(currency),
        ),
        headline=(
            f"{plural(summary.tools, 'tool')} · {plural(summary.seats, 'seat')} · "
            f"active users: {count(summary.active_users)} · cost: {money(summary.annual_cost, currency)} a year · "
            f"wasted on unused seats: {money(summary.wasted_annual_cost, currency)}"
            + (f" ({percent(share)})" if share is not None else "")
            + (f", {qualifier}" if qualifier else "")
        ),
        notes=result.notes,
        cards=(
            Card("Annual cost", summary.annual_cost, Kind.MONEY, currency, plural(summary.tools, "tool")),
            Card("Wasted on unused seats", summary.wasted_annual_cost, Kind.MONEY, currency,
                 (f"{percent(share)} of spend; " if share is not None else "") + "per-seat tools only"
                 + (f"; {qualifier}" if qualifier else "")),
            Card("Seats", summary.seats, Kind.INTEGER, note="paid for"),
            Card("Active users", summary.active_users, Kind.INTEGER, note=f"in the last {days(result.inactive_days)}"),
            Card("Decisions due", due, Kind.INTEGER, note=f"notice deadlines within {days(REVIEW_WINDOW_DAYS)}"),
        ),
        figures=(
            Measure("As of", result.as_of, Kind.DATE, data_only=True),
            Measure("Activity window (days)", result.inactive_days, Kind.INTEGER, data_only=True),
            Measure("Currency", currency or "not named in the inventory", data_only=True),
            Measure("Annual cost", summary.annual_cost, Kind.MONEY, currency),
            Measure("Wasted annual cost (unused seats, per-seat tools)", summary.wasted_annual_cost, Kind.MONEY,
                    currency, note="; ".join(part for part in (
                        f"{percent(share)} of spend" if share is not None else "", qualifier) if part)),
            Measure("Waste share of spend", share, Kind.PERCENT, data_only=True),
            Measure("Tools", summary.tools, Kind.INTEGER),
            Measure("Seats", summary.seats, Kind.INTEGER),
            Measure("Active users (any tool)", summary.active_users, Kind.INTEGER),
            Measure(f"Notice deadlines within {days(REVIEW_WINDOW_DAYS)}", due, Kind.INTEGER),
            Measure("Overlapping categories", len(result.overlaps), Kind.INTEGER),
            Measure("Unmatched apps (possible shadow IT)", len(result.unmatched_apps), Kind.INTEGER),
            *(Measure(f"Recommendation: {row.values['recommendation']} (tools)", row.values["tools"], Kind.INTEGER,
                      data_only=True) for row in totals.rows),
        ),
        tally=totals,
        sections=tuple(sections),
        brief=brief_table(result),
        brief_lines=(
            f"{plural(due, 'notice deadline')} within {days(REVIEW_WINDOW_DAYS)} · "
            f"{plural(len(result.overlaps), 'overlapping category', 'overlapping categories')} · "
            f"{plural(len(result.unmatched_apps), 'unmatched app')} (possible shadow IT)",
            "Active and Util. show '-' where the sign-in logs hold no data for a tool; Util. is left out"
            " for tools not priced per seat.",
        ),
        definitions=(
            ("Utilization", f"Active users ÷ seats; the healthy target is {percent(HEALTHY_UTILIZATION)} (Zylo)."),
            ("Notice deadline", f"Renewal date minus the contract's notice days. Deadlines within"
                                f" {days(REVIEW_WINDOW_DAYS)} are marked as decisions due: a simplification of"
                                " Zylo's practice of preparing each renewal from about 120, 90 and 60 days before it."),
            ("No data", "The sign-in logs hold nothing for the tool: its usage is unknown, not zero."),
            ("Seats needed", "People who need a seat at renewal if the advice is followed: the tool's active users"
                             " plus those a consolidation moves to it. Right-sizing never goes below it."),
        ),
    )


def amounts_in(currency: str | None) -> str:
    """How a report says what its amounts are in."""
    return f"amounts are annual, in {currency}" if currency else "amounts are annual; the inventory names no currency"


def waste_share(result: AuditResult) -> float | None:
    summary = result.summary
    if summary.wasted_annual_cost is None or not summary.annual_cost:
        return None
    return summary.wasted_annual_cost / summary.annual_cost


def renewals(result: AuditResult) -> list[ToolAudit]:
    """Tools by notice deadline, soonest first: the order decisions have to be made in."""
    return sorted(result.tools, key=lambda tool: (tool.notice_deadline, tool.label))


def recommendation_totals(result: AuditResult) -> Table:
    """How many tools, and how much annual spend, each recommendation concerns, in report order."""
    present = {tool.recommendation for tool in result.tools}
    order = [name for name in Recommendation if name in present]
    return Table(
        (Column("recommendation", "Recommendation", Kind.LABEL, tones=TONES),
         Column("tools", "Tools", Kind.INTEGER, unit="tool"),
         Column("cost", "Annual cost", Kind.MONEY, result.currency)),
        tuple(
            Row({"recommendation": name,
                 "tools": sum(1 for tool in result.tools if tool.recommendation == name),
                 "cost": sum(tool.annual_cost for tool in result.tools if tool.recommendation == name)})
            for name in order
        ),
    )


def _not_per_seat(tool: ToolAudit) -> bool:
    return tool.pricing is not Pricing.PER_SEAT


def tools_table(result: AuditResult) -> Table:
    currency = result.currency
    columns = (
        Column("tool", "Tool", strong=True, chars=26),
        Column("department", "Department", under="tool", missing=""),
        Column("category", "Category", under="tool", chars=30),
        Column("owner", "Owner", chars=20),
        Column("annual_cost", "Annual cost", Kind.MONEY, currency),
        Column("pricing", "Pricing", under="annual_cost"),
        Column("seats", "Seats", Kind.INTEGER),
        Column("active_users", "Active users", Kind.INTEGER),
        Column("seats_needed", "Seats needed", Kind.INTEGER, nested=False),
        Column("utilization", "Utilization", Kind.PERCENT, target=HEALTHY_UTILIZATION),
        Column("cost_per_active_user", "Cost per active user", Kind.MONEY, currency),
        Column("wasted_annual_cost", "Wasted", Kind.MONEY, currency),
        Column("vendor", "Vendor", under="tool", chars=20),
        Column("renewal_date", "Renewal date", Kind.DATE, data_only=True),
        Column("notice_deadline", "Notice deadline", Kind.DATE, data_only=True),
        Column("days_to_notice_deadline", "Days to notice deadline", Kind.INTEGER, data_only=True),
        Column("overlaps_with", "Overlaps with", Kind.LIST, data_only=True, chars=26),
        Column("recommendation", "Recommendation", Kind.LABEL, tones=TONES),
        Column("reasons", "Reasons", Kind.SENTENCES, under="recommendation", chars=70),
    )
    return Table(columns, tuple(Row(_tool_values(tool, currency)) for tool in result.tools))


def _tool_values(tool: ToolAudit, currency: str | None) -> dict[str, object]:
    known = tool.active_users is not None
    not_applicable = _not_per_seat(tool) and known
    return {
        "tool": tool.tool,
        "department": tool.department,
        "category": tool.category,
        "owner": tool.owner,
        "annual_cost": tool.annual_cost,
        "pricing": PRICING_WORDS[tool.pricing],
        "seats": tool.seats,
        "active_users": Cell(tool.active_users, note=f"{tool.seats_needed:,} at renewal"
                             if tool.seats_needed is not None and tool.seats_needed != tool.active_users else None),
        "seats_needed": Cell(tool.seats_needed, text=NOT_PER_SEAT if tool.seats_needed is None and _not_per_seat(tool)
                             else None),
        "utilization": Cell(tool.utilization, text=NOT_PER_SEAT if not_applicable else None),
        "cost_per_active_user": Cell(tool.cost_per_active_user,
                                     text="n/a (no active user)" if known and tool.cost_per_active_user is None
                                     else None),
        "wasted_annual_cost": Cell(tool.wasted_annual_cost, text=NOT_PER_SEAT if not_applicable else None),
        "vendor": tool.vendor,
        "renewal_date": tool.renewal_date,
        "notice_deadline": tool.notice_deadline,
        "days_to_notice_deadline": tool.days_to_notice_deadline,
        "overlaps_with": tool.overlaps_with,
        "recommendation": tool.recommendation,
        "reasons": tool.reasons,
    }


def deadline_words(days_to_notice_deadline: int) -> str:
    """'passed 3 days ago', 'today', 'in 31 days'."""
    left = days_to_notice_deadline
    if left < 0:
        return f"passed {days(-left)} ago"
    if left == 0:
        return "today"
    return f"in {days(left)}"


def renewals_table(result: AuditResult) -> Table:
    columns = (
        Column("label", "Tool", chars=30),
        Column("owner", "Owner", chars=20),
        Column("annual_cost", "Annual cost", Kind.MONEY, result.currency),
        Column("notice_deadline", "Notice deadline", Kind.DATE),
        Column("when", "Deadline", chars=18),
        Column("days", "Days to notice deadline", Kind.INTEGER, data_only=True),
        Column("status", "Status", data_only=True, chars=26),
        Column("renewal_date", "Renewal date", Kind.DATE),
        Column("recommendation", "Recommendation", Kind.LABEL, tones=TONES),
    )
    rows = tuple(
        Row(
            {"label": tool.label, "owner": tool.owner, "annual_cost": tool.annual_cost,
             "notice_deadline": tool.notice_deadline, "when": deadline_words(tool.days_to_notice_deadline),
             "days": tool.days_to_notice_deadline, "status": STATUS_WORDS[tool.deadline_status],
             "renewal_date": tool.renewal_date, "recommendation": tool.recommendation},
            emphasis=EMPHASIS.get(tool.deadline_status),
            tag=tool.deadline_status.value,
        )
        for tool in renewals(result)
    )
    return Table(columns, rows)


def brief_table(result: AuditResult) -> Table:
    """The tools in a few columns, for a terminal."""
    columns = (
        Column("label", "Tool", chars=36),
        Column("annual_cost", "Annual cost", Kind.MONEY, result.currency),
        Column("seats", "Seats", Kind.INTEGER),
        Column("active", "Active", Kind.INTEGER, missing=MISSING),
        Column("utilization", "Util.", Kind.PERCENT, missing=MISSING),
        Column("deadline", "Notice deadline"),
        Column("recommendation", "Recommendation", Kind.LABEL),
    )
    rows = tuple(
        Row({"label": tool.label, "annual_cost": tool.annual_cost, "seats": tool.seats,
             "active": tool.active_users, "utilization": tool.utilization,
             "deadline": f"{tool.notice_deadline.isoformat()} ({deadline_words(tool.days_to_notice_deadline)})",
             "recommendation": tool.recommendation})
        for tool in result.tools
    )
    return Table(columns, rows)


def people_section(result: AuditResult) -> Section:
    """Who is behind each figure: one row per person (personal data, only on request)."""
    groups: list[tuple[str, str, tuple[str, ...]]] = [
        ("tool", tool.label, result.active_users_by_tool.get(tool.label, ())) for tool in result.tools
    ]
    groups += [("unmatched app", app.app, result.users_by_unmatched_app.get(app.app, ()))
               for app in result.unmatched_apps]
    groups += [("overlap (shared)", overlap.category, result.shared_users_by_overlap.get(overlap.category, ()))
               for overlap in result.overlaps]
    return Section(
        "People behind the figures",
        short_title="Users",
        lead="Personal data, shown because this report was asked to show users: handle it as your privacy"
             " policy requires.",
        table=Table(
            (Column("kind", "For", chars=18), Column("name", "Name", chars=34), Column("user", "User", chars=40)),
            tuple(Row({"kind": kind, "name": name, "user": user}) for kind, name, users in groups for user in users),
            empty="The sign-in logs name no user.",
        ),
        personal=True,
    )


def audit_charts(result: AuditResult) -> tuple[Chart, ...]:
    return (
        Chart("Cost against utilization",
              "Each bubble is a tool; further left means more unused seats. Right of the dashed line "
              f"is the {percent(HEALTHY_UTILIZATION)} healthy target.",
              partial(charts.cost_vs_utilization, result)),
        Chart("Renewal calendar",
              "From each notice deadline to its renewal. Deadlines in the shaded "
              f"{days(REVIEW_WINDOW_DAYS)} window need a decision now.",
              partial(charts.renewal_calendar, result)),
        Chart("Overlapping categories",
              "Annual spend in categories served by two or more tools, and how many people use more than one.",
              partial(charts.overlap_chart, result)),
    )


__all__ = ["amounts_in", "audit_document", "deadline_words", "recommendation_totals", "renewals", "waste_share"]
