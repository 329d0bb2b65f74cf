"""Charts of the figures that make the case for marketing operations (lesson 01).

Each function reads its numbers from ``facts.yaml`` through ``mopskit.course.facts`` and returns
a new ``Figure`` with the source in a caption, so a chart never carries its own copy.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from mopskit.course.facts import coordination_hours, figure, figure_credit
from mopskit.viz.figure import DescribedFigure, describe, listing

COORDINATION_COLOUR = "#d68910"
CREATION_COLOUR = "#2471a3"
RANGE_COLOUR = "#85c1e9"
_CAPTION_COLOUR = "#566573"
_CAPTION_WIDTH = 110


def _caption(fig: Figure, text: str) -> None:
    fig.supxlabel(textwrap.fill(text, _CAPTION_WIDTH), x=0.01, ha="left", fontsize=8,
                  color=_CAPTION_COLOUR)


def coordination_time_chart(weekly_hours: float = 40) -> Figure:
    """Where a marketing week goes at one author's 80% and 90% estimates: coordination versus the rest."""
    share = figure("coordination-time-share")
    low_hours, high_hours = coordination_hours(weekly_hours)
    scenarios = (
        (f"First estimate ({share.low:.0%})", low_hours),
        (f"Revised estimate ({share.high:.0%})", high_hours),
    )
    fig = DescribedFigure(figsize=(8.0, 3.6), layout="constrained")
    axes = fig.add_subplot()
    labels = [label for label, _ in scenarios]
    coordinating = [hours for _, hours in scenarios]
    rest = [weekly_hours - hours for _, hours in scenarios]
    axes.barh(labels, coordinating, color=COORDINATION_COLOUR,
              label="Collaboration, coordination, approvals")
    axes.barh(labels, rest, left=coordinating, color=CREATION_COLOUR, label="Everything else")
    for row, (hours, left_over) in enumerate(zip(coordinating, rest)):
        axes.text(hours / 2, row, f"{hours:g} h", ha="center", va="center", color="white",
                  fontweight="bold")
        axes.text(hours + left_over / 2, row, f"{left_over:g} h", ha="center", va="center",
                  color="white", fontweight="bold")
    axes.invert_yaxis()
    axes.set_xlim(0, weekly_hours)
    axes.set_xlabel(f"Hours in a {weekly_hours:g}-hour week")
    fig.suptitle(f"One author's estimate: most of a {weekly_hours:g}-hour marketing week goes to coordination",
                 x=0.01, ha="left", fontweight="bold")
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False,
                borderaxespad=0.2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    _caption(fig, f"Source: {figure_credit(share)}. {share.note}")
    describe(fig, listing(f"{label}: {hours:g} hours coordinating, {weekly_hours - hours:g} hours on everything else"
                          for label, hours in scenarios),
             f"Source: {figure_credit(share)}")
    return fig


def mckinsey_chart() -> Figure:
    """McKinsey's three figures, as Emanuele Villa reports them: the uplift MOps brings and the cost of lacking it."""
    uplift = figure("mops-effectiveness-uplift")
    no_strategy = figure("no-formal-content-strategy")
    extra_cost = figure("cost-increase-without-framework")
    bars = (
        ("Effectiveness uplift\nwith MOps", uplift),
        ("Marketers without a\nformal content strategy", no_strategy),
        ("Extra cost without an\noperating framework", extra_cost),
    )
    fig = DescribedFigure(figsize=(8.0, 3.8), layout="constrained")
    axes = fig.add_subplot()
    for row, (label, fact) in enumerate(bars):
        is_range = fact.low != fact.high
        if is_range:
            axes.barh(row, fact.low * 100, color=CREATION_COLOUR)
            axes.barh(row, (fact.high - fact.low) * 100, left=fact.low * 100,
                      color=RANGE_COLOUR, hatch="//", edgecolor=CREATION_COLOUR)
        else:
            axes.barh(row, fact.high * 100, color=CREATION_COLOUR)
        axes.text(fact.high * 100 + 1.5, row, fact.label, va="center", fontweight="bold")
    axes.set_yticks(range(len(bars)), [label for label, _ in bars])
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("Percent (hatched: the range or ceiling the source gives)")
    axes.set_title("What better marketing operations is worth", loc="left",
                   fontweight="bold")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    _caption(fig, f"Source: {figure_credit(uplift)}.")
    describe(fig, listing(f"{' '.join(label.split())}: {fact.label}" for label, fact in bars),
             f"Source: {figure_credit(uplift)}")
    return fig
