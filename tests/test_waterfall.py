"""The demand waterfall, checked against numbers worked out by hand."""

from __future__ import annotations

import json
import math

import pytest

from mopskit import report
from mopskit.change.waterfall import STAGES, WATERFALL_SCHEMA, ConversionRates, outcome, volumes_needed
from mopskit.errors import InputError
from mopskit.report.document import Kind
from mopskit.report.notebook import notebook_html

RATES = {"Inquiry": 0.30, "MQL": 0.50, "SAL": 0.60, "SQL": 0.40, "Opportunity": 0.25}


def test_volumes_needed_rounds_up_at_every_stage():
    # 500,000 / 25,000 = 20 won; 20 / 0.25 = 80; 80 / 0.4 = 200; 200 / 0.6 = 333.3 -> 334;
    # 334 / 0.5 = 668; 668 / 0.3 = 2,226.7 -> 2,227.
    waterfall = volumes_needed(500_000, 25_000, RATES)
    assert [step.stage for step in waterfall.stages] == list(STAGES)
    assert [step.volume for step in waterfall.stages] == [2227, 668, 334, 200, 80, 20]
    assert waterfall.inquiries == 2227 and waterfall.won == 20
    assert waterfall.volume("sal") == 334
    assert waterfall.revenue == 500_000
    assert waterfall.stages[-1].rate_to_next is None


def test_a_target_between_deals_needs_the_next_whole_deal():
    # 510,000 / 25,000 = 20.4 -> 21 won, and the revenue then meets the target.
    waterfall = volumes_needed(510_000, 25_000, RATES)
    assert waterfall.won == 21
    assert waterfall.revenue >= 510_000


def test_floating_point_noise_does_not_add_a_lead():
    # 3 / 0.3 is 10.000000000000002 in floating point; 10 leads are enough.
    rates = ConversionRates(0.3, 0.3, 0.3, 0.3, 0.3)
    waterfall = volumes_needed(30, 10, rates)
    assert waterfall.won == 3
    assert waterfall.volume("Opportunity") == 10


def test_outcome_rounds_down_and_inverts_the_example():
    # 2,227 * 0.3 = 668.1 -> 668; * 0.5 = 334; * 0.6 = 200.4 -> 200; * 0.4 = 80; * 0.25 = 20.
    waterfall = outcome(2227, RATES, 25_000)
    assert [step.volume for step in waterfall.stages] == [2227, 668, 334, 200, 80, 20]
    assert waterfall.revenue == 500_000


def test_outcome_of_too_few_inquiries_wins_nothing():
    waterfall = outcome(10, RATES, 25_000, cost_per_lead=40)
    assert [step.volume for step in waterfall.stages] == [10, 3, 1, 0, 0, 0]
    assert waterfall.cost == 400
    assert waterfall.cac is None


def test_cost_per_lead_gives_cost_and_cac():
    waterfall = volumes_needed(500_000, 25_000, RATES, cost_per_lead=50, currency="EUR")
    assert waterfall.cost == 2227 * 50 == 111_350
    assert math.isclose(waterfall.cac or 0, 111_350 / 20)
    assert volumes_needed(500_000, 25_000, RATES).cac is None


def test_zero_target_needs_nothing():
    waterfall = volumes_needed(0, 25_000, RATES)
    assert {step.volume for step in waterfall.stages} == {0}


def test_rates_accept_any_case_and_a_rate_of_one():
    rates = ConversionRates.of({"inquiry": 1, "mql": 1, "SAL": 1, "sql": 0.5, "OPPORTUNITY": 0.5})
    assert rates.as_tuple() == (1, 1, 1, 0.5, 0.5)
    assert ConversionRates.of(rates) is rates


@pytest.mark.parametrize("rate", [0, -0.1, 1.2, float("nan"), "0.3", True])
def test_a_rate_outside_zero_to_one_is_refused(rate):
    with pytest.raises(InputError, match="MQL conversion rate") as caught:
        volumes_needed(100_000, 10_000, {**RATES, "MQL": rate})
    assert caught.value.column == "MQL"


def test_missing_and_unknown_stages_are_named():
    with pytest.raises(InputError, match="no conversion rate for SAL, SQL"):
        volumes_needed(100_000, 10_000, {"Inquiry": 0.3, "MQL": 0.5, "Opportunity": 0.2})
    with pytest.raises(InputError, match="'Lead'"):
        volumes_needed(100_000, 10_000, {**RATES, "Lead": 0.5})
    with pytest.raises(InputError, match="no waterfall stage"):
        volumes_needed(100_000, 10_000, RATES).volume("Lead")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: volumes_needed(-1, 10_000, RATES), "revenue target must be 0 or more"),
        (lambda: volumes_needed(100, 0, RATES), "average deal must be more than 0"),
        (lambda: volumes_needed(float("nan"), 10, RATES), "revenue target must be a number"),
        (lambda: volumes_needed(100, 10, RATES, cost_per_lead=-5), "cost per lead must be 0 or more"),
        (lambda: outcome(-3, RATES, 10), "whole number"),
        (lambda: outcome(2.5, RATES, 10), "whole number"),  # type: ignore[arg-type]
    ],
)
def test_bad_figures_are_refused(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_waterfall_is_frozen():
    waterfall = volumes_needed(500_000, 25_000, RATES)
    with pytest.raises(AttributeError):
        waterfall.average_deal = 1  # type: ignore[misc]


def test_frame_and_notebook_views():
    waterfall = volumes_needed(500_000, 25_000, RATES, cost_per_lead=50, currency="EUR")
    frame = waterfall.to_frame()
    assert list(frame.columns) == ["stage", "volume", "conversion_to_next"]
    assert frame["volume"].tolist() == [2227, 668, 334, 200, 80, 20]
    html = waterfall._repr_html_()
    assert html == notebook_html(report.document_of(waterfall))
    assert "<table" in html and "Opportunity" in html and "30%" in html and "2,227" in html
    assert "cost per won deal EUR 5,568" in html and "CPL EUR 50.00" in html
    text = waterfall._text_()
    assert "Revenue EUR 500,000 from 20 won" in text and "MQL" in text


def test_the_document_types_its_columns():
    document = report.document_of(volumes_needed(500_000, 25_000, RATES, currency="EUR"))
    assert document.brief is not None
    assert [column.kind for column in document.brief.columns] == [Kind.TEXT, Kind.INTEGER, Kind.PERCENT]
    assert [row.values["volume"] for row in document.brief.rows] == [2227, 668, 334, 200, 80, 20]
    assert document.headline == "Revenue EUR 500,000 from 20 won at EUR 25,000 each."
    assert {card.label for card in document.cards} == {"Inquiries", "Deals won", "Revenue"}  # no cost without a CPL


def test_to_dict_is_the_json_report():
    waterfall = volumes_needed(500_000, 25_000, RATES, cost_per_lead=50, currency="EUR")
    data = json.loads(report.render(waterfall, ".json"))
    assert data == waterfall.to_dict()
    assert data["schema"] == WATERFALL_SCHEMA and data["currency"] == "EUR"
    assert [stage["volume"] for stage in data["stages"]] == [2227, 668, 334, 200, 80, 20]
    assert data["stages"][-1]["conversion_to_next"] is None
    assert data["revenue"] == 500_000 and data["cost"] == 2227 * 50 and data["cac"] == pytest.approx(2227 * 50 / 20)
    plain = outcome(2000, RATES, 25_000).to_dict()
    assert plain["cost_per_lead"] is None and plain["cost"] is None and plain["cac"] is None


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_a_waterfall_writes_every_format(tmp_path, suffix):
    waterfall = volumes_needed(500_000, 25_000, RATES, cost_per_lead=50, currency="EUR")
    written = report.write(waterfall, tmp_path / f"waterfall{suffix}")
    assert written.read_bytes() == report.render(waterfall, suffix)
    if suffix in (".html", ".md"):
        assert "Demand waterfall" in written.read_text(encoding="utf-8")


def test_a_waterfall_has_no_calendar():
    assert set(report.supported_suffixes(outcome(2000, RATES, 25_000))) == {".html", ".md", ".xlsx", ".json"}
