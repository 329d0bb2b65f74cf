"""Plan charts build from plain values, draw names as written, and keep names apart."""

from __future__ import annotations

import io
from datetime import date

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mopskit.errors import InputError
from mopskit.viz.plan import GanttTask, Stakeholder, gantt, power_interest_grid, quadrant

TASKS = [
    ("brief", "Brief the $ team", date(2025, 3, 3), date(2025, 3, 7), (), False),
    ("build", "Build nurture flow", date(2025, 3, 10), date(2025, 3, 28), ("brief",), False),
    GanttTask("launch", "Launch", date(2025, 3, 31), date(2025, 3, 31), ("build",), milestone=True),
    ("review", "Review", date(2025, 4, 14), date(2025, 4, 18), ["launch", "brief"], False),
]


def _render(figure: Figure) -> None:
    figure.savefig(io.BytesIO(), format="png")


def test_gantt_draws_bars_milestones_arrows_and_dates():
    figure = gantt(TASKS, title="Spring $ plan", today=date(2025, 3, 20))
    _render(figure)
    axes = figure.axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [r"Brief the \$ team", "Build nurture flow", "Launch", "Review"]
    assert len(axes.patches) == 3  # three bars; the milestone is a diamond
    diamonds = [line for line in axes.lines if line.get_marker() == "D"]
    assert len(diamonds) == 1
    arrows = [child for child in axes.texts if getattr(child, "arrow_patch", None) is not None]
    assert len(arrows) == 4
    low, high = axes.get_xlim()
    assert mdates.num2date(low).date() <= date(2025, 3, 3) and mdates.num2date(high).date() >= date(2025, 4, 19)
    assert isinstance(axes.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)


def test_gantt_bar_spans_its_last_day():
    figure = gantt([("a", "A", date(2025, 3, 3), date(2025, 3, 7), (), False)])
    (bar,) = figure.axes[0].patches
    assert bar.get_width() == pytest.approx(5)  # type: ignore[attr-defined]


def test_empty_gantt_says_so():
    figure = gantt([])
    _render(figure)
    assert any("No tasks" in text.get_text() for text in figure.axes[0].texts)


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        ([("a", "A", date(2025, 3, 3), date(2025, 3, 1), (), False)], "ends before it starts"),
        ([("a", "A", date(2025, 3, 3), date(2025, 3, 4), ("ghost",), False)], "'ghost', not in the plan"),
        ([("a", "A", date(2025, 3, 3), date(2025, 3, 4), (), False)] * 2, "share the id 'a'"),
        ([("a", "A", "2025-03-03", date(2025, 3, 4), (), False)], "start and an end date"),
        ([("a", "A")], "a task is"),
    ],
)
def test_bad_tasks_are_refused(tasks, message):
    with pytest.raises(InputError, match=message):
        gantt(tasks)


def test_quadrants():
    assert quadrant("high", "high") == "Manage closely"
    assert quadrant("High", "low") == "Keep satisfied"
    assert quadrant("low", "HIGH") == "Keep informed"
    assert quadrant("low", "low") == "Monitor"
    with pytest.raises(InputError, match="power is 'high' or 'low'"):
        quadrant("medium", "low")


def test_grid_names_quadrants_and_keeps_names_apart():
    people = [(f"Person {index} $x^{{$", "high" if index % 3 else "low", "high" if index % 2 else "low")
              for index in range(40)]
    people.append(Stakeholder("CMO", "high", "high"))
    figure = power_interest_grid(people)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    axes = figure.axes[0]
    texts = [text.get_text() for text in axes.texts]
    for name in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert name in texts
    assert "CMO" in texts
    assert any(text.startswith(r"Person 1 \$x^{\$") for text in texts)
    renderer = canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in axes.texts]
    for first in range(len(boxes)):
        for second in range(first + 1, len(boxes)):
            assert not boxes[first].overlaps(boxes[second]), (axes.texts[first].get_text(),
                                                               axes.texts[second].get_text())
    axes_box = axes.get_window_extent(renderer)
    assert all(axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1 for box in boxes)
    markers = {line.get_marker() for line in axes.lines} - {"None"}
    assert markers == {"D", "s", "^", "o"}


def test_grid_quadrants_get_their_marker():
    figure = power_interest_grid([("Board", "high", "low"), ("Field team", "low", "high")])
    lines = [line for line in figure.axes[0].lines if line.get_xydata().size and line.get_marker() != "None"]
    by_marker = {line.get_marker(): tuple(line.get_xydata()[0]) for line in lines}
    assert set(by_marker) == {"s", "^"}
    x, y = by_marker["s"]  # keep satisfied: low interest (left), high power (top)
    assert x < 1 < y
    x, y = by_marker["^"]  # keep informed: high interest (right), low power (bottom)
    assert y < 1 < x


def test_empty_grid_and_bad_levels():
    _render(power_interest_grid([]))
    with pytest.raises(InputError, match="interest of 'Sam' is 'high' or 'low'"):
        power_interest_grid([("Sam", "high", "medium")])
    with pytest.raises(InputError, match="a stakeholder is"):
        power_interest_grid([("Sam", "high")])  # type: ignore[list-item]
