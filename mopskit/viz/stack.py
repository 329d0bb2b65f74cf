"""Charts of a stack audit: where the money sits, when to decide, which categories overlap.

Each function takes an ``AuditResult`` and returns a new ``Figure`` (no pyplot state),
so a lesson can show it and a report can embed it without the two interfering.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D

from typing import TYPE_CHECKING

from mopskit.stack.vocabulary import (
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    DeadlineStatus,
    Recommendation,
    deadline_status,
)

from mopskit.viz.axes import date_axis
from mopskit.viz.axes import day as _day
from mopskit.wording import money
from mopskit.viz.figure import DescribedFigure, describe, listing
from mopskit.viz.text import plain as _plain

if TYPE_CHECKING:
    from mopskit.stack.model import AuditResult, ToolAudit

#: One colour per recommendation, shared by the charts and the HTML report badges.
RECOMMENDATION_COLOURS = {
    "retire": "#c0392b",
    "consolidate": "#7d3c98",
    "negotiate": "#d68910",
    "retain": "#1e8449",
}
RECOMMENDATION_ORDER = tuple(Recommendation)
UNKNOWN_COLOUR = "#7f8c8d"
#: One marker shape per recommendation, so the chart reads without telling colours apart.
RECOMMENDATION_MARKERS = {
    "retire": "X",
    "consolidate": "s",
    "negotiate": "^",
    "retain": "o",
}
UNKNOWN_MARKER = "D"


_PASSED_COLOUR = "#7f8c8d"
_DUE_COLOUR = "#c0392b"
_LATER_COLOUR = "#2471a3"
_STATUS_COLOURS = {DeadlineStatus.PASSED: _PASSED_COLOUR, DeadlineStatus.DUE: _DUE_COLOUR,
                   DeadlineStatus.LATER: _LATER_COLOUR}
_SEGMENT_COLOURS = (
    "#2471a3", "#d68910", "#1e8449", "#7d3c98", "#c0392b",
    "#17a589", "#a04000", "#5d6d7e", "#b7950b", "#884ea0",
)


def _cost_label(result: AuditResult) -> str:
    return f"Annual cost ({_plain(result.currency)})" if result.currency else "Annual cost"


def _label(tool: ToolAudit) -> str:
    return _plain(tool.label)


def recommendation_colour(recommendation: str) -> str:
    return RECOMMENDATION_COLOURS.get(recommendation, UNKNOWN_COLOUR)


def recommendation_marker(recommendation: str) -> str:
    return RECOMMENDATION_MARKERS.get(recommendation, UNKNOWN_MARKER)


def cost_vs_utilization(result: AuditResult) -> Figure:
    """Bubble chart: annual cost against seat utilization, sized by seats; each recommendation
    has its own colour *and* marker shape, both named in the legend.

    Tools with an action other than retain are named, and the costliest retained ones.
    Tools without sign-in data cannot be placed on the utilization axis; they are named
    under the chart instead of being drawn at zero, which would read as "nobody uses it".
    Tools not priced per seat have no seat utilization and are named apart.
    """
    measured = [tool for tool in result.tools if tool.utilization is not None]
    unmeasured = [tool for tool in result.tools if tool.utilization is None and tool.active_users is None]
    not_per_seat = [tool for tool in result.tools
                    if tool.utilization is None and tool.active_users is not None]
    figure = DescribedFigure(figsize=(8.0, 5.2), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title("Annual cost against seat utilization", loc="left", fontweight="bold")
    axes.set_xlabel(f"Utilization: active users / seats (last {result.inactive_days} days)")
    axes.set_ylabel(_cost_label(result))
    axes.grid(True, color="#e5e8e8", linewidth=0.8)
    axes.set_axisbelow(True)

    if not measured:
        axes.text(0.5, 0.5, "No tool has sign-in data to measure utilization.",
                  ha="center", va="center", transform=axes.transAxes, color="#566573")
        axes.set_xlim(0, 110)
        axes.set_yticks([])
    else:
        largest_seats = max(tool.seats for tool in measured)
        for recommendation in _present_recommendations(measured):
            group = [tool for tool in measured if tool.recommendation == recommendation]
            axes.scatter(
                [100 * tool.utilization for tool in group],  # type: ignore[operator]
                [tool.annual_cost for tool in group],
                s=[40 + 460 * tool.seats / largest_seats for tool in group],
                color=recommendation_colour(recommendation),
                marker=recommendation_marker(recommendation),
                alpha=0.72,
                edgecolors="white",
                linewidths=0.8,
                label=recommendation,
            )
        for tool in _worth_naming(measured):
            axes.annotate(
                _plain(tool.tool),
                (100 * tool.utilization, tool.annual_cost),  # type: ignore[operator]
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=7,
                color="#34495e",
            )
        highest = max(100 * tool.utilization for tool in measured)  # type: ignore[operator]
        axes.set_xlim(-3, max(110.0, highest + 10))
        axes.set_ylim(bottom=0, top=max(tool.annual_cost for tool in measured) * 1.12 or 1)
        axes.yaxis.set_major_formatter(_thousands)
        axes.legend(
            handles=[_legend_marker(axes, recommendation_colour(name), name,
                                    marker=recommendation_marker(name), line=False)
                     for name in _present_recommendations(measured)],
            title="Recommendation (bubble size: seats)", fontsize=8, title_fontsize=8,
            loc="best", frameon=True, framealpha=0.9,
        )

    target = 100 * HEALTHY_UTILIZATION
    axes.axvline(target, color="#566573", linestyle="--", linewidth=1)
    axes.text(target, 1.0, f"{target:.0f}% healthy target ", transform=axes.get_xaxis_transform(),
              fontsize=7, color="#566573", va="top", ha="right")
    axes.xaxis.set_major_formatter(lambda value, _position: f"{value:.0f}%")
    notes = []
    if unmeasured:
        notes.append("No sign-in data (not plotted): " + ", ".join(_label(tool) for tool in unmeasured))
    if not_per_seat:
        notes.append("Not priced per seat, so no seat utilization (not plotted): "
                     + ", ".join(_label(tool) for tool in not_per_seat))
    if notes:
        figure.text(0.01, 0.0, "\n".join(notes), fontsize=7,
                    color="#566573", ha="left", va="bottom", wrap=True)
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(h_pad=0.25 * len(notes))
    describe(figure, f"One bubble per tool, sized by seats; the healthy target is {target:.0f}% utilization",
             listing((f"{_label(tool)}: {100 * tool.utilization:.0f}% of seats used, "  # type: ignore[operator]
                      f"{money(tool.annual_cost, result.currency)} a year, {tool.recommendation}" for tool in measured),
                     empty="No tool has sign-in data"),
             *notes)
    return figure


def renewal_calendar(result: AuditResult) -> Figure:
    """One line per tool from its notice deadline to its renewal, soonest decision first.

    The shaded band is the review window (``REVIEW_WINDOW_DAYS`` from the audit date, a
    simplification of Zylo's renewal practice): a deadline inside it needs a decision now.
    """
    tools = sorted(result.tools, key=lambda tool: (tool.notice_deadline, tool.label))
    height = max(2.8, 0.3 * len(tools) + 1.9)
    figure = DescribedFigure(figsize=(8.0, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title("Renewal calendar: notice deadlines first", loc="left", fontweight="bold", pad=14)
    review_end = result.as_of + timedelta(days=REVIEW_WINDOW_DAYS)
    axes.axvspan(_day(result.as_of), _day(review_end), color="#fdebd0", zorder=0,
                 label=f"review window ({REVIEW_WINDOW_DAYS} days)")
    axes.axvline(_day(result.as_of), color="#566573", linewidth=1, zorder=1)

    if not tools:
        axes.text(0.5, 0.5, "No tools in the inventory.", ha="center", va="center",
                  transform=axes.transAxes, color="#566573")
    for row, tool in enumerate(tools):
        colour = _deadline_colour(tool.days_to_notice_deadline)
        axes.plot([_day(tool.notice_deadline), _day(tool.renewal_date)], [row, row],
                  color=colour, linewidth=2.2, solid_capstyle="butt", zorder=2)
        axes.plot([_day(tool.notice_deadline)], [row], marker="D", markersize=6, color=colour, zorder=3)
        axes.plot([_day(tool.renewal_date)], [row], marker="|", markersize=10, color=colour,
                  markeredgewidth=2, zorder=3)
    axes.set_yticks(range(len(tools)), [_label(tool) for tool in tools], fontsize=8)
    axes.set_ylim(len(tools) - 0.5 if tools else 0.5, -0.7)
    date_axis(axes)

    axes.text(_day(result.as_of), 1.0, f" audit date {result.as_of.isoformat()} · review window",
              transform=axes.get_xaxis_transform(), fontsize=7, color="#566573", va="bottom")
    handles = [
        _legend_marker(axes, _DUE_COLOUR, f"deadline within {REVIEW_WINDOW_DAYS} days"),
        _legend_marker(axes, _LATER_COLOUR, "deadline later"),
        _legend_marker(axes, _PASSED_COLOUR, "deadline passed"),
    ]
    figure.legend(handles=handles, fontsize=7, loc="outside lower center", ncols=3, frameon=False,
                  title="◆ notice deadline, line to | renewal date", title_fontsize=7)
    describe(figure, f"Audit date {result.as_of.isoformat()}; a notice deadline within {REVIEW_WINDOW_DAYS} days needs a decision now",
             listing((f"{_label(tool)}: notice by {tool.notice_deadline.isoformat()}, renews {tool.renewal_date.isoformat()}"
                      for tool in tools), empty="No tools in the inventory"))
    return figure


def overlap_chart(result: AuditResult) -> Figure:
    """Spend in categories served by two or more tools, split by tool, with shared users.

    Shared users (active in at least two of the tools) are the people a consolidation
    would move; a category with many of them is the cheapest to consolidate.
    """
    overlaps = sorted(result.overlaps, key=lambda overlap: overlap.category)
    height = max(2.2, 0.55 * len(overlaps) + 1.5)
    figure = DescribedFigure(figsize=(8.0, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title("Overlapping categories: annual spend by tool", loc="left", fontweight="bold")
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    if not overlaps:
        axes.text(0.5, 0.5, "No category is served by more than one tool.", ha="center",
                  va="center", transform=axes.transAxes, color="#566573")
        axes.set_xticks([])
        axes.set_yticks([])
        describe(figure, "No category is served by more than one tool")
        return figure

    segments = [_costs_by_name(result.tools, overlap.tools) for overlap in overlaps]
    totals = [sum(cost for _name, cost in costs) for costs in segments]
    x_max = (max(totals) or 1.0) * 1.6
    for row, (overlap, costs, total) in enumerate(zip(overlaps, segments, totals, strict=True)):
        start, unnamed = 0.0, []
        for index, (name, cost) in enumerate(costs):
            axes.barh(row, cost, left=start, height=0.6,
                      color=_SEGMENT_COLOURS[index % len(_SEGMENT_COLOURS)],
                      edgecolor="white", linewidth=1)
            if _fits_inside(_plain(name), cost / x_max):
                axes.text(start + cost / 2, row, _plain(name), ha="center", va="center",
                          fontsize=7, color="white")
            else:
                unnamed.append(_plain(name))
            start += cost
        shared = ("shared users unknown" if overlap.shared_active_users is None
                  else f"{overlap.shared_active_users} shared active users")
        note = f"{_thousands(total)} · {shared}" + (f"\n{', '.join(unnamed)}" if unnamed else "")
        axes.text(total + x_max * 0.01, row, note, va="center", fontsize=7, color="#34495e")
    axes.set_xlim(0, x_max)
    axes.set_yticks(range(len(overlaps)), [_plain(overlap.category) for overlap in overlaps], fontsize=8)
    axes.set_ylim(len(overlaps) - 0.5, -0.5)
    axes.set_xlabel(_cost_label(result))
    axes.xaxis.set_major_formatter(_thousands)
    describe(figure, listing(
        f"{_plain(overlap.category)}: {money(total, result.currency)} a year across "
        + ", ".join(f"{_plain(name)} {money(cost, result.currency)}" for name, cost in costs)
        + ("" if overlap.shared_active_users is None else f", {overlap.shared_active_users} shared active users")
        for overlap, costs, total in zip(overlaps, segments, totals, strict=True)))
    return figure


def _fits_inside(text: str, share_of_axis: float) -> bool:
    """Whether a 7-point label fits in a bar segment (about 0.55 em per character)."""
    axis_points = 8.0 * 72 * 0.72  # figure width in points × the share the axes usually get
    return len(text) * 7 * 0.55 + 6 <= share_of_axis * axis_points


def _worth_naming(tools: Sequence[ToolAudit], largest_retained: int = 3) -> list[ToolAudit]:
    """The tools a reader must find on the chart: every action, and the biggest budgets."""
    retained = sorted((tool for tool in tools if tool.recommendation == "retain"),
                      key=lambda tool: (-tool.annual_cost, tool.label))
    keep = {id(tool) for tool in retained[:largest_retained]}
    return [tool for tool in tools if tool.recommendation != "retain" or id(tool) in keep]


def _present_recommendations(tools: Sequence[ToolAudit]) -> list[Recommendation]:
    present = {tool.recommendation for tool in tools}
    return [name for name in RECOMMENDATION_ORDER if name in present]


def _costs_by_name(tools: Sequence[ToolAudit], names: Sequence[str]) -> list[tuple[str, float]]:
    """Annual cost per overlapping tool name (departments of one tool are added up)."""
    costs = []
    for name in names:
        matching = [tool for tool in tools if name in (tool.tool, tool.label)]
        costs.append((name, sum(tool.annual_cost for tool in matching)))
    return costs


def _deadline_colour(days_to_notice_deadline: int) -> str:
    return _STATUS_COLOURS[deadline_status(days_to_notice_deadline)]


def _legend_marker(axes: Axes, colour: str, label: str, *, marker: str = "D", line: bool = True) -> Line2D:
    (handle,) = axes.plot([], [], marker=marker, linestyle="-" if line else "none",
                          color=colour, label=label)
    return handle


def _thousands(value: float, _position: float | None = None) -> str:
    """12 500 -> '12.5k': short axis labels that stay readable in any currency."""
    magnitude = abs(value)
    if magnitude >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if magnitude >= 1_000:
        return f"{value / 1_000:.1f}k".replace(".0k", "k")
    return f"{value:.0f}"


__all__ = [
    "RECOMMENDATION_COLOURS",
    "cost_vs_utilization",
    "overlap_chart",
    "RECOMMENDATION_MARKERS",
    "recommendation_colour",
    "recommendation_marker",
    "renewal_calendar",
]
