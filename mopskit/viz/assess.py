"""The maturity radar: the team's current level against its target on every dimension,
with the band from the lowest to the highest current answer."""

from __future__ import annotations

import math
import textwrap

from typing import cast

from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from mopskit.frameworks.assess import HIGHEST_LEVEL, LOWEST_LEVEL, Assessment, level_name
from mopskit.viz.figure import DescribedFigure, describe, listing
from mopskit.viz.text import plain

CURRENT_COLOUR = "#2e86c1"
TARGET_COLOUR = "#c0392b"


def maturity_radar(assessment: Assessment) -> Figure:
    """Current (median) and target (median) per dimension on a 1–5 radar; the shaded band spans
    the team's lowest to highest current answer, so a wide band is a disagreement."""
    items = assessment.dimensions
    angles = [2 * math.pi * index / len(items) for index in range(len(items))]
    closed = [*angles, angles[0]]

    def ring(values: list[float]) -> list[float]:
        return [*values, values[0]]

    figure = DescribedFigure(figsize=(8, 6.8), layout="constrained")
    axes = cast(PolarAxes, figure.add_subplot(projection="polar"))
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.fill_between(closed, ring([float(item.lowest) for item in items]),
                      ring([float(item.highest) for item in items]),
                      color=CURRENT_COLOUR, alpha=0.15, linewidth=0, label="team spread (lowest to highest now)")
    axes.plot(closed, ring([item.target for item in items]), color=TARGET_COLOUR, linestyle="--", linewidth=2,
              marker="o", label="target (median)")
    axes.plot(closed, ring([item.current for item in items]), color=CURRENT_COLOUR, linewidth=2, marker="o",
              label="current (median)")
    axes.set_xticks(angles)
    axes.set_xticklabels([textwrap.fill(plain(item.name) + (" (!)" if item.disagreement else ""), 16)
                          for item in items], fontsize=9)
    axes.tick_params(axis="x", pad=12)
    axes.set_ylim(0, HIGHEST_LEVEL)
    axes.set_yticks(range(LOWEST_LEVEL, HIGHEST_LEVEL + 1))
    axes.set_yticklabels([f"{level} {level_name(level)}" for level in range(LOWEST_LEVEL, HIGHEST_LEVEL + 1)],
                         fontsize=7, color="#555555")
    axes.set_rlabel_position(0)
    axes.set_title(f"{plain(assessment.framework.name)}: where we are and where we want to be", fontsize=11)
    figure.legend(loc="outside lower center", ncols=3, frameon=False, fontsize=8)
    describe(figure, f"Levels from {LOWEST_LEVEL} to {HIGHEST_LEVEL} on each dimension, current median against target median",
             listing(f"{plain(item.name)}: now {item.current:g}, target {item.target:g}, answers from {item.lowest} to {item.highest}"
                     + (" (the team disagrees)" if item.disagreement else "") for item in items))
    return figure
