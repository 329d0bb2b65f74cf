"""The kit's one table style: typed columns, and a look that survives JupyterLab's sanitizer
(so it lives on each cell)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from mopskit.course import facts
from mopskit.report.document import Kind
from mopskit.report.notebook import table, table_html


def cells(rendered: str) -> BeautifulSoup:
    return BeautifulSoup(rendered, "html.parser")


def test_words_wrap_left_and_figures_stay_right_on_one_line_without_any_style_block():
    frame = pd.DataFrame({"Tool": ["Asana", "HubSpot"], "Seats": [30, 12], "Cost": [1200.0, 900.0]})
    page = cells(table(frame, "tools", kinds={"Cost": Kind.MONEY}, currency="EUR")._repr_html_())
    assert page.find("style") is None, "JupyterLab strips <style> in untrusted notebooks"
    tool, seats, cost = page.find("tbody").find("tr").find_all("td")
    assert "text-align:left" in tool["style"] and "white-space:normal" in tool["style"]
    for figure in (seats, cost):
        assert "text-align:right" in figure["style"] and "white-space:nowrap" in figure["style"]
    assert cost.get_text() == "EUR 1,200"
    assert page.find("table")["id"] == "tools"


def test_the_kind_comes_from_the_data_not_from_how_text_looks():
    """A column of worded amounts is text (left); the same amounts as numbers are figures (right)."""
    worded = table(pd.DataFrame({"Cost": ["EUR 1,200", "EUR 900"]}))
    numbers = table(pd.DataFrame({"Cost": [1200, 900]}))
    dates = table(pd.DataFrame({"Due": [date(2027, 1, 31), None]}))
    assert [column.kind for column in worded.columns] == [Kind.TEXT]
    assert [column.kind for column in numbers.columns] == [Kind.INTEGER]
    assert [column.kind for column in dates.columns] == [Kind.DATE]
    assert "text-align:left" in cells(table_html(dates)).find("td")["style"]


def test_headers_wrap_and_read_as_words():
    frame = pd.DataFrame({"annual_cost": [1.0], "tool": ["x"]})
    headers = cells(table(frame)._repr_html_()).find_all("th")
    assert [header.get_text() for header in headers] == ["annual cost", "tool"]
    assert all("white-space:normal" in header["style"] for header in headers)


def test_cells_are_escaped_unless_marked_safe():
    frame = pd.DataFrame({"Name": ["<script>x</script>", Markup('<a href="a.ipynb">A</a>')]})
    rendered = table(frame)._repr_html_()
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert '<a href="a.ipynb">A</a>' in rendered


def test_blanks_formats_and_numbers_are_worded_once():
    frame = pd.DataFrame({"share": [0.5, math.nan], "year": [2023, 2024], "cost": [12500.0, 3.0]})
    shown = table(frame, formats={"share": "{:.0%}"})
    assert shown.to_frame().values.tolist() == [["50%", "2023", "12,500"], ["", "2024", "3"]]
    assert all(column.kind.numeric for column in shown.columns)
    with pytest.raises(KeyError, match="no column 'missing'"):
        table(frame, formats={"missing": "{}"})


def test_a_named_index_becomes_a_column_and_a_plain_one_is_dropped():
    shown = table(facts.minutes_by_level())
    assert shown.columns[0].key == "Level"
    assert [column.key for column in table(facts.pillars_frame()).columns] == ["Pillar", "What it covers"]


def test_rendering_is_deterministic_and_has_a_text_twin():
    frame = facts.pillars_frame()
    assert table(frame, "p")._repr_html_() == table(frame, "p")._repr_html_()
    assert "The martech stack" in repr(table(frame))
    assert repr(table(frame.iloc[0:0])) == "(empty table: Pillar, What it covers)"


def test_a_column_of_sentences_keeps_a_minimum_width_and_short_ones_do_not():
    """On a phone a table scrolls sideways; without a minimum width the sentences column would
    shrink to its longest word and stack one word a line."""

    frame = pd.DataFrame({"Tool": ["Uberflip", "Brevo"], "Cost": [14400, 3000],
                          "Why": ["No one signed in during the last 60 days, so retiring it saves money.", "Overlap."]})
    page = BeautifulSoup(table(frame)._repr_html_(), "html.parser")
    tool, cost, why = (cell.get("class", []) for cell in page.find("tbody").find("tr").find_all("td"))
    assert why == ["mopskit-long"] and tool == [] and cost == []
    assert [cell.get("class", []) for cell in page.find_all("th")] == [[], [], ["mopskit-long"]]
