"""Names from a user's file draw as written on every chart, never as matplotlib maths."""

from __future__ import annotations

import io
from pathlib import Path

from mopskit.ops import timeuse
from mopskit.viz.text import plain
from mopskit.viz.timeuse import time_use_by_person

ODD = "$x^{$"
"""Unescaped, matplotlib's mathtext raises on this while drawing."""


def test_plain_escapes_dollars_and_keeps_one_line():
    assert plain(f"Ads {ODD}\n Co") == r"Ads \$x^{\$ Co"


def test_time_use_chart_draws_names_and_categories_with_dollar_signs(tmp_path: Path):
    activity_map = tmp_path / "activities.yaml"
    activity_map.write_text(
        "categories:\n  coordination: meetings\n  approval: sign-offs\n  creation: making\n"
        f"  'Ads {ODD}': spend\n"
        f"activities:\n  Team meeting: coordination\n  Buying: 'Ads {ODD}'\n",
        encoding="utf-8",
    )
    log = tmp_path / "log.csv"
    log.write_text(f"person,week,activity,hours\n{ODD},W1,Team meeting,3\n{ODD},W1,Buying,1\n", encoding="utf-8")
    activities = timeuse.load_activity_map(activity_map)
    summary = timeuse.summarise(timeuse.load_time_log(log, activities), activities)
    figure = time_use_by_person(summary)
    figure.savefig(io.BytesIO(), format="svg")
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert labels[0] == r"\$x^{\$ (75%)"
