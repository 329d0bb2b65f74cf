"""Markdown report: pastes into a wiki page, an issue or a pull request as it is."""

from __future__ import annotations

import re

from mopskit.report import formatting as fmt
from mopskit.stack.model import AuditResult

# Characters that would start markup inside a table cell, a link or emphasis.
_MARKUP = re.compile(r"([\\`*_\[\]|~#])")


def text(value: object) -> str:
    """An input string made inert: no HTML, no Markdown syntax, no line breaks."""
    escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKUP.sub(r"\\\1", escaped)
    return " ".join(escaped.split())


def render(result: AuditResult, *, show_users: bool = False) -> bytes:
    return "\n".join(_lines(result, show_users)).encode("utf-8")


def _table(header: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    align = ["---:" if index in right else "---" for index in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _lines(result: AuditResult, show_users: bool) -> list[str]:
    currency = text(result.currency) if result.currency else None

    def money(value: float | None) -> str:
        return fmt.money(value, currency)

    summary = result.summary
    share = fmt.waste_share(result)
    due = [tool for tool in result.tools if fmt.deadline_status(tool.days_to_notice_deadline) == "due"]
    lines = [
        "# Martech stack audit",
        "",
        f"As of {result.as_of.isoformat()}. A user is active with at least one successful sign-in "
        f"in the {result.inactive_days} days up to that date; {fmt.amounts_in(currency)}.",
        "",
        *[line for note in result.notes for line in (f"**Note:** {text(note)}", "")],
        "## Summary",
        "",
        *_table(
            ["Measure", "Value"],
            [
                ["Annual cost", money(summary.annual_cost)],
                ["Wasted annual cost (unused seats, per-seat tools)",
                 money(summary.wasted_annual_cost) + (f" ({fmt.percent(share)} of spend)" if share is not None else "")
                 + (f"; {fmt.waste_qualifier(result)}" if fmt.waste_qualifier(result) else "")],
                ["Tools", fmt.count(summary.tools)],
                ["Seats", fmt.count(summary.seats)],
                ["Active users (any tool)", fmt.count(summary.active_users)],
                [f"Notice deadlines within {fmt.REVIEW_WINDOW_DAYS} days", fmt.count(len(due))],
                ["Unmatched apps (possible shadow IT)", fmt.count(len(result.unmatched_apps))],
            ],
            right=(1,),
        ),
        "",
        "## Recommendations",
        "",
        *_table(
            ["Recommendation", "Tools", "Annual cost"],
            [[text(total.recommendation), fmt.count(total.tools), money(total.annual_cost)]
             for total in fmt.recommendation_totals(result)],
            right=(1, 2),
        ),
        "",
        "## Tools",
        "",
        *_table(
            ["Tool", "Department", "Category", "Owner", "Annual cost", "Pricing", "Seats", "Active users",
             "Seats needed", "Utilization", "Cost per active user", "Wasted", "Recommendation", "Reasons"],
            [
                [text(tool.tool), text(tool.department or ""), text(tool.category), text(tool.owner),
                 money(tool.annual_cost), fmt.pricing(tool), fmt.count(tool.seats), fmt.count(tool.active_users),
                 fmt.seats_needed(tool), _utilization(tool), fmt.cost_per_user(tool, currency),
                 _waste(tool, money), f"**{text(tool.recommendation)}**",
                 " ".join(text(reason) for reason in tool.reasons)]
                for tool in result.tools
            ],
            right=(4, 6, 7, 8, 9, 10, 11),
        ),
        "",
        "## Renewals",
        "",
        f"Soonest notice deadline first. Rows in bold fall inside the {fmt.REVIEW_WINDOW_DAYS}-day "
        "review window: decide before the deadline or the contract renews as it is.",
        "",
        *_table(
            ["Tool", "Annual cost", "Renewal date", "Notice deadline", "Deadline", "Recommendation"],
            [_renewal_row(tool, money) for tool in fmt.renewals(result)],
            right=(1,),
        ),
        "",
        "## Overlaps",
        "",
    ]
    if result.overlaps:
        lines += _table(
            ["Category", "Tools", "Shared active users"],
            [[text(overlap.category), ", ".join(text(name) for name in overlap.tools),
              fmt.count(overlap.shared_active_users)] for overlap in result.overlaps],
            right=(2,),
        )
    else:
        lines.append("No category is served by more than one tool.")
    lines += ["", "## Unmatched apps (possible shadow IT)", ""]
    if result.unmatched_apps:
        lines += [
            "Apps people sign in to that are not in the inventory.",
            "",
            *_table(
                ["App", "Users", "Sign-ins"],
                [[text(app.app), fmt.count(app.users), fmt.count(app.sign_ins)] for app in result.unmatched_apps],
                right=(1, 2),
            ),
        ]
    else:
        lines.append("Every app in the sign-in logs is in the inventory.")
    lines += ["", "## What sign-in data cannot show", ""]
    lines += [f"- {text(caveat)}" for caveat in result.caveats]
    if show_users:
        lines += ["", "## People behind the figures", "",
                  "Personal data, shown because this report was asked to show users.", ""]
        lines += _table(
            ["For", "Name", "Users"],
            [[group.kind, text(group.name), ", ".join(text(user) for user in group.users)]
             for group in fmt.user_groups(result)],
        )
    lines.append("")
    return lines


def _utilization(tool) -> str:  # type: ignore[no-untyped-def]
    if tool.utilization is None and tool.active_users is not None and tool.pricing != "per-seat":
        return "n/a (not per seat)"
    return fmt.percent(tool.utilization)


def _waste(tool, money) -> str:  # type: ignore[no-untyped-def]
    if tool.wasted_annual_cost is None and tool.active_users is not None and tool.pricing != "per-seat":
        return "n/a (not per seat)"
    return money(tool.wasted_annual_cost)


def _renewal_row(tool, money) -> list[str]:  # type: ignore[no-untyped-def]
    status = fmt.deadline_status(tool.days_to_notice_deadline)
    words = fmt.deadline_words(tool.days_to_notice_deadline)
    cells = [text(tool.label), money(tool.annual_cost), tool.renewal_date.isoformat(),
             tool.notice_deadline.isoformat(), words, text(tool.recommendation)]
    if status == "due":
        return [f"**{cell}**" for cell in cells]
    return cells
