"""Small pieces every dated chart shares: a date as matplotlib wants it, and one look for a
time axis (concise date labels, light vertical grid, no top or right frame)."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
from matplotlib.axes import Axes


def day(value: date) -> float:
    """A date where matplotlib's typed API wants a number (its date axis reads the same float)."""
    return float(mdates.date2num(value))  # type: ignore[no-untyped-call]


def date_axis(axes: Axes) -> None:
    """Concise date labels on the x axis, a light grid behind the bars, no top or right frame."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.grid(True, axis="x", color="#e5e8e8", linewidth=0.8)
    axes.set_axisbelow(True)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
