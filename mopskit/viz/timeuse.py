"""Figures for a team's time use: who spends their week coordinating."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from mopskit.course.facts import Figure as CitedFigure
from mopskit.course.facts import figure_credit
from mopskit.ops.timeuse import TimeUseSummary, coordination_claim
from mopskit.viz.figure import DescribedFigure, describe, listing
from mopskit.viz.text import plain

_COORDINATION_COLOURS = ("#c0392b", "#e67e22", "#f1c40f")
_OTHER_COLOURS = ("#2e86c1", "#27ae60", "#7f8c8d", "#8e44ad", "#16a085", "#34495e")


def time_use_by_person(summary: TimeUseSummary, *, claim: CitedFigure | None = None) -> Figure:
    """Each person's week as 100% stacked bars, coordination first, beside the published range.

    ``claim`` defaults to the coordination-time range in the kit's ``facts.yaml``.
    """
    claim = claim if claim is not None else coordination_claim()
    counted = [c for c in summary.categories if c in summary.coordination_categories]
    others = [c for c in summary.categories if c not in summary.coordination_categories]
    order = counted + others
    colours = dict(zip(counted, _COORDINATION_COLOURS, strict=False))
    colours.update(zip(others, _OTHER_COLOURS, strict=False))

    people = list(reversed(summary.by_person))
    labels = [_label(person.person, person.coordination_share) for person in people]
    labels.append(_label("Whole team", summary.coordination_share))
    shares = [{item.category: item.share or 0.0 for item in person.by_category} for person in people]
    shares.append({item.category: item.share or 0.0 for item in summary.by_category})

    figure = DescribedFigure(figsize=(8, 0.45 * len(labels) + 1.8), layout="constrained")
    axes = figure.add_subplot()
    axes.axvspan(
        claim.low,
        claim.high,
        facecolor=(0, 0, 0, 0.08),
        edgecolor=(0, 0, 0, 0.6),
        hatch="//",
        linestyle="--",
        label=f"Published claim: {claim.label}",
        zorder=4,
    )
    left = [0.0] * len(labels)
    for category in order:
        widths = [share[category] for share in shares]
        axes.barh(labels, widths, left=left, color=colours.get(category), label=plain(category), zorder=2)
        left = [start + width for start, width in zip(left, widths, strict=True)]
    axes.axhline(len(labels) - 1.5, color="black", linewidth=0.8, zorder=3)
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    axes.set_xlabel(f"share of logged hours\n(published claim from {figure_credit(claim)})")
    axes.set_title("Where the hours go (coordination share in brackets)")
    figure.legend(loc="outside lower center", ncols=3, frameon=False)
    describe(figure, "Share of each person's logged hours spent coordinating: " + listing(
        f"{plain(person.person)} {_share(person.coordination_share)}" for person in summary.by_person)
             + f"; whole team {_share(summary.coordination_share)}",
             f"Published claim: {claim.label} ({figure_credit(claim)})")
    return figure


def _share(share: float | None) -> str:
    return f"{share:.0%}" if share is not None else "no hours"


def _label(name: str, share: float | None) -> str:
    name = plain(name)
    return f"{name} ({share:.0%})" if share is not None else f"{name} (no hours)"
