"""Self-contained HTML report for the people who decide: one file, no outside URL, no script.

Numbers are worded in Python (``formatting``); the Jinja2 template only lays them out,
with autoescape on, so every string that came from an inventory or a log is escaped.
Charts are SVG inside ``<img>`` data URIs: crisp, and unable to run anything.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import cache

import jinja2
import matplotlib
from matplotlib.figure import Figure

from mopskit import __version__
from mopskit.report import formatting as fmt
from mopskit.stack.model import AuditResult, ToolAudit
from mopskit.viz import stack as charts

_SVG_SETTINGS = {"svg.hashsalt": "mopskit", "svg.fonttype": "none"}


@dataclass(frozen=True)
class Chart:
    title: str
    caption: str
    uri: str


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mopskit.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(result: AuditResult, *, show_users: bool = False) -> bytes:
    template = _environment().get_template("audit.html.j2")
    return template.render(**_context(result, show_users)).encode("utf-8")


def svg_data_uri(figure: Figure) -> str:
    """The figure as an SVG data URI, byte-for-byte the same for the same figure."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_SVG_SETTINGS):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _context(result: AuditResult, show_users: bool) -> dict[str, object]:
    currency = result.currency
    summary = result.summary
    share = fmt.waste_share(result)
    due = [tool for tool in result.tools if fmt.deadline_status(tool.days_to_notice_deadline) == "due"]
    return {
        "result": result,
        "version": __version__,
        "review_days": fmt.REVIEW_WINDOW_DAYS,
        "amounts": fmt.amounts_in(currency),
        "healthy_target": fmt.percent(fmt.HEALTHY_UTILIZATION),
        "cards": [
            ("Annual cost", fmt.money(summary.annual_cost, currency), f"{fmt.count(summary.tools)} tools"),
            ("Wasted on unused seats", fmt.money(summary.wasted_annual_cost, currency),
             (f"{fmt.percent(share)} of spend; " if share is not None else "") + "per-seat tools only"
             + (f"; {fmt.waste_qualifier(result)}" if fmt.waste_qualifier(result) else "")),
            ("Seats", fmt.count(summary.seats), "paid for"),
            ("Active users", fmt.count(summary.active_users), f"in the last {result.inactive_days} days"),
            ("Decisions due", fmt.count(len(due)), f"notice deadlines within {fmt.REVIEW_WINDOW_DAYS} days"),
        ],
        "totals": [
            {"name": total.recommendation, "tools": total.tools,
             "cost": fmt.money(total.annual_cost, currency), "colour": charts.recommendation_colour(total.recommendation)}
            for total in fmt.recommendation_totals(result)
        ],
        "charts": _charts(result),
        "tools": [_tool_row(tool, currency) for tool in result.tools],
        "renewals": [_renewal_row(tool, currency) for tool in fmt.renewals(result)],
        "overlaps": [
            {"category": overlap.category, "tools": overlap.tools, "shared": fmt.count(overlap.shared_active_users)}
            for overlap in result.overlaps
        ],
        "unmatched": [
            {"app": app.app, "users": fmt.count(app.users), "sign_ins": fmt.count(app.sign_ins)}
            for app in result.unmatched_apps
        ],
        "users": fmt.user_groups(result) if show_users else None,
    }


def _charts(result: AuditResult) -> list[Chart]:
    return [
        Chart("Cost against utilization",
              f"Each bubble is a tool; further left means more unused seats. Right of the dashed line "
              f"is the {fmt.percent(fmt.HEALTHY_UTILIZATION)} healthy target.",
              svg_data_uri(charts.cost_vs_utilization(result))),
        Chart("Renewal calendar",
              f"From each notice deadline to its renewal. Deadlines in the shaded "
              f"{fmt.REVIEW_WINDOW_DAYS}-day window need a decision now.",
              svg_data_uri(charts.renewal_calendar(result))),
        Chart("Overlapping categories",
              "Annual spend in categories served by two or more tools, and how many people use more than one.",
              svg_data_uri(charts.overlap_chart(result))),
    ]


def _tool_row(tool: ToolAudit, currency: str | None) -> dict[str, object]:
    utilization = tool.utilization
    return {
        "tool": tool.tool,
        "department": tool.department or "",
        "vendor": tool.vendor,
        "category": tool.category,
        "owner": tool.owner,
        "cost": fmt.money(tool.annual_cost, currency),
        "seats": fmt.count(tool.seats),
        "pricing": fmt.pricing(tool),
        "active": fmt.count(tool.active_users),
        "at_renewal": f"{tool.seats_needed:,} at renewal"
        if tool.seats_needed is not None and tool.seats_needed != tool.active_users else "",
        "utilization": "n/a (not per seat)" if tool.pricing != "per-seat" else fmt.percent(utilization),
        "bar": None if utilization is None else max(0, min(100, round(100 * utilization))),
        "healthy": utilization is not None and utilization >= fmt.HEALTHY_UTILIZATION,
        "per_user": fmt.cost_per_user(tool, currency),
        "waste": "n/a" if tool.pricing != "per-seat" else fmt.money(tool.wasted_annual_cost, currency),
        "recommendation": tool.recommendation,
        "colour": charts.recommendation_colour(tool.recommendation),
        "reasons": tool.reasons,
    }


def _renewal_row(tool: ToolAudit, currency: str | None) -> dict[str, object]:
    return {
        "label": tool.label,
        "owner": tool.owner,
        "cost": fmt.money(tool.annual_cost, currency),
        "renewal": tool.renewal_date.isoformat(),
        "deadline": tool.notice_deadline.isoformat(),
        "when": fmt.deadline_words(tool.days_to_notice_deadline),
        "status": fmt.deadline_status(tool.days_to_notice_deadline),
        "recommendation": tool.recommendation,
        "colour": charts.recommendation_colour(tool.recommendation),
    }
