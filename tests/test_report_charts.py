"""The stack charts: one Figure each, drawable with any input, saying what it leaves out."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from matplotlib.figure import Figure


from mopskit.viz import stack as charts

CHARTS = (charts.cost_vs_utilization, charts.renewal_calendar, charts.overlap_chart)


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


@pytest.mark.parametrize("chart", CHARTS)
def test_each_chart_is_a_new_figure_that_draws(sample_result, chart) -> None:  # type: ignore[no-untyped-def]
    first, second = chart(sample_result()), chart(sample_result())
    assert isinstance(first, Figure) and first is not second
    first.savefig(io.BytesIO(), format="png")


@pytest.mark.parametrize("chart", CHARTS)
def test_hostile_names_and_dollar_signs_draw_as_text(hostile_result, chart) -> None:  # type: ignore[no-untyped-def]
    result = hostile_result()
    odd = replace(result.tools[0], tool="Ads $x^{$ Co", recommendation="consolidate")
    result = replace(result, tools=(odd, *result.tools[1:]))
    chart(result).savefig(io.BytesIO(), format="svg")  # unescaped, mathtext raises on "$x^{$"


@pytest.mark.parametrize("chart", CHARTS)
def test_an_empty_audit_still_gives_a_figure_with_a_message(sample_result, chart) -> None:  # type: ignore[no-untyped-def]
    empty = replace(sample_result(), tools=(), overlaps=(), unmatched_apps=())
    figure = chart(empty)
    figure.savefig(io.BytesIO(), format="png")
    assert any(text.startswith("No ") for text in texts(figure))


def test_cost_chart_names_tools_without_data_instead_of_plotting_zero(sample_result) -> None:
    figure = charts.cost_vs_utilization(sample_result())
    labels = texts(figure)
    assert "No sign-in data (not plotted): Planner" in labels
    # every tool with an action is named; Planner is not on the axes at all
    assert {"Mailer", "Old CMS", "Sendly"} <= set(labels)
    (axes,) = figure.axes
    plotted = sum(len(collection.get_offsets()) for collection in axes.collections)
    assert plotted == 3


def test_cost_chart_names_every_action_but_only_the_largest_retained_tools(sample_result) -> None:
    base = sample_result()
    retained = tuple(
        replace(base.tools[1], tool=f"Keep {index}", annual_cost=1000.0 * index, department=None)
        for index in range(1, 6)
    )
    labels = set(texts(charts.cost_vs_utilization(replace(base, tools=base.tools[:1] + retained))))
    assert {"Mailer", "Keep 5", "Keep 4", "Keep 3"} <= labels
    assert not {"Keep 1", "Keep 2"} & labels


def test_renewal_calendar_lists_tools_soonest_deadline_first(sample_result) -> None:
    (axes,) = charts.renewal_calendar(sample_result()).axes
    names = [label.get_text() for label in axes.get_yticklabels()]
    assert names == ["Old CMS", "Mailer", "Planner", "Sendly (Sales)"]


def test_overlap_chart_shows_each_category_and_its_shared_users(sample_result) -> None:
    figure = charts.overlap_chart(sample_result())
    (axes,) = figure.axes
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Email marketing"]
    assert any("2 shared active users" in text for text in texts(figure))
    widths = sorted(patch.get_width() for patch in axes.patches)
    assert widths == [6000.0, 24000.0]


def test_cost_chart_tells_recommendations_apart_by_shape_not_only_colour(sample_result) -> None:
    figure = charts.cost_vs_utilization(sample_result())
    (axes,) = figure.axes
    by_label = {}
    for collection in axes.collections:
        (path,) = collection.get_paths()
        by_label[collection.get_label()] = tuple(map(tuple, path.vertices.round(3)))
    assert set(by_label) == {"consolidate", "retire", "retain"}
    assert len(set(by_label.values())) == len(by_label), "two recommendations share a marker"
    legend = axes.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == ["retire", "consolidate", "retain"]
    shapes = {handle.get_label(): handle.get_marker() for handle in legend.legend_handles}
    assert shapes == {name: charts.recommendation_marker(name) for name in shapes}
    assert len(set(shapes.values())) == len(shapes)


def test_every_recommendation_has_its_own_marker() -> None:
    markers = [charts.recommendation_marker(name) for name in charts.RECOMMENDATION_ORDER]
    assert len(set(markers)) == len(markers) == 4
    assert charts.recommendation_marker("something new") not in markers


def test_cost_chart_names_tools_priced_without_seats_apart_from_tools_without_data(sample_result) -> None:
    base = sample_result()
    # a flat-fee tool: people are counted, but seats mean nothing, so no utilization
    flat = replace(base.tools[1], tool="Shop", department=None, utilization=None,
                   wasted_annual_cost=None, recommendation="retain")
    labels = texts(charts.cost_vs_utilization(replace(base, tools=(*base.tools, flat))))
    assert "No sign-in data (not plotted): Planner" in "\n".join(labels)
    assert any("Not priced per seat" in label and "Shop" in label for label in labels)
