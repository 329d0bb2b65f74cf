"""Charts as a notebook and the site show them: SVG that stays the same run to run, with a
description written from the chart's own title and data as its alternative text."""

from __future__ import annotations

import base64
import html
import re
from datetime import date
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from matplotlib.figure import Figure

from mopskit.viz.facts import coordination_time_chart, mckinsey_chart
from mopskit.viz.figure import DescribedFigure, describe, description, svg_bytes
from mopskit.viz.personas import persona_chart
from mopskit.viz.plan import GanttTask, Stakeholder, gantt, power_interest_grid
from mopskit.viz.stack import cost_vs_utilization, overlap_chart, renewal_calendar

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("mopskit/templates/*/*.ipynb")]
)
DEFAULT_ALT = "No description has been provided for this image"


def plan_chart() -> Figure:
    return gantt([GanttTask("brief", "Write the brief", date(2027, 1, 4), date(2027, 1, 8)),
                  GanttTask("launch", "Launch", date(2027, 1, 15), date(2027, 1, 15), ("brief",), True)],
                 title="Timeline: Spring launch")


def test_a_chart_shows_as_svg_with_its_description_as_alt_text() -> None:
    figure = coordination_time_chart(weekly_hours=40)
    bundle = figure._repr_mimebundle_()  # type: ignore[attr-defined]
    assert set(bundle) == {"text/html", "text/plain"}, "no PNG beside the SVG: one picture, not two"
    image = BeautifulSoup(bundle["text/html"], "html.parser").select_one("figure.mopskit-chart > img")
    assert image is not None
    assert image["src"].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(image["src"].split(",", 1)[1]).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<text" in svg, "text stays text (sharp at any zoom, and searchable)"
    assert image["alt"] == description(figure) == bundle["text/plain"]
    assert image["alt"].startswith("One author's estimate: most of a 40-hour marketing week goes to coordination.")
    assert "32 hours coordinating, 8 hours on everything else" in image["alt"]
    assert "36 hours coordinating, 4 hours on everything else" in image["alt"]


def test_the_svg_is_the_same_bytes_every_time() -> None:
    first, second = svg_bytes(mckinsey_chart()), svg_bytes(mckinsey_chart())
    assert first == second
    assert b"<dc:date>" not in first, "no date in the metadata, or every run changes the stored output"


@pytest.mark.parametrize("chart", [
    coordination_time_chart, mckinsey_chart, persona_chart, plan_chart,
    lambda: power_interest_grid([Stakeholder("Chief marketing officer", "high", "high")], title="Stakeholders"),
])
def test_every_chart_is_described_from_its_title_and_data(chart) -> None:  # type: ignore[no-untyped-def]
    figure = chart()
    assert isinstance(figure, DescribedFigure)
    words = description(figure)
    title = next(text for text in [figure.get_suptitle(), *(axes.get_title("left") or axes.get_title()
                                                            for axes in figure.axes)] if text)
    assert words.startswith(title), words
    assert len(words) > len(title) + 20, f"only the title, nothing of the data: {words!r}"


def test_a_plan_and_a_grid_name_their_tasks_and_people() -> None:
    words = description(plan_chart())
    assert "2 tasks from 2027-01-04 to 2027-01-15" in words
    assert "Write the brief: 2027-01-04 to 2027-01-08" in words
    assert "Launch: milestone on 2027-01-15, after Write the brief" in words
    grid = description(power_interest_grid([Stakeholder("Chief marketing officer", "high", "high"),
                                            Stakeholder("Sales", "low", "high")]))
    assert re.search(r"Manage closely: Chief marketing officer", grid), grid


@pytest.mark.parametrize("chart", [cost_vs_utilization, renewal_calendar, overlap_chart])
def test_the_stack_charts_describe_every_tool_they_draw(sample_result, chart) -> None:  # type: ignore[no-untyped-def]
    result = sample_result()
    words = description(chart(result))
    drawn = ({overlap.category for overlap in result.overlaps} if chart is overlap_chart
             else {tool.label for tool in result.tools if chart is renewal_calendar or tool.utilization is not None})
    assert drawn and all(name in words for name in drawn), (drawn, words)


def test_a_figure_without_facts_is_still_described_by_its_title_and_axes() -> None:
    figure = DescribedFigure()
    axes = figure.add_subplot()
    axes.set_title("Leads by month")
    axes.set_xlabel("Month")
    assert description(figure) == "Leads by month. Axes: Month."
    describe(figure, "January 10; February 12")
    assert description(figure) == "Leads by month. January 10; February 12."


def test_names_in_a_description_are_escaped_in_the_html() -> None:
    figure = gantt([GanttTask("x", '<script>alert("x")</script>', date(2027, 1, 4), date(2027, 1, 8))],
                   title="Plan")
    markup = figure._repr_mimebundle_()["text/html"]  # type: ignore[attr-defined]
    assert "<script>" not in markup
    assert html.escape('<script>alert("x")</script>') in markup


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_stored_charts_are_svg_with_a_description(path: Path) -> None:
    """No stored PNG (a blurred bitmap the site shrinks), and no chart without its words."""
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data, f"cell {index} stores a PNG"
            if "mopskit-chart" not in data.get("text/html", ""):
                continue
            image = BeautifulSoup(data["text/html"], "html.parser").select_one("figure.mopskit-chart > img")
            assert image is not None and image["src"].startswith("data:image/svg+xml;base64,")
            assert image.get("alt") and image["alt"] != DEFAULT_ALT and image["alt"] == data["text/plain"]
