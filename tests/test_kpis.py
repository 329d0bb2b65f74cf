"""The funnel history: observed rates, velocity, CPL and marketing cost per won deal, and one clear error per bad cell."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mopskit import report
from mopskit.change.kpis import (
    FUNNEL_COLUMNS, FUNNEL_HISTORY_SCHEMA, FunnelHistory, FunnelMonth, kpis_from_records, read_funnel, smart_findings,
)
from mopskit.change.plan import Funnel
from mopskit.change.waterfall import STAGES, ConversionRates, volumes_needed
from mopskit.errors import InputError
from mopskit.report.document import Kind
from mopskit.report.notebook import notebook_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "mopskit" / "data" / "funnel" / "aurora-funnel.csv"
HEADER = ",".join(FUNNEL_COLUMNS)
GOOD = "2026-01,100,30,15,10,4,1,9,5,14,21,40,9000"


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "funnel.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_rates_are_totals_of_the_next_stage_over_this_one(tmp_path):
    history = read_funnel(write(tmp_path, GOOD, "2026-02,300,90,45,20,6,2,11,5,14,21,40,21000"))
    assert history.total("Inquiry") == 400 and history.total("won") == 3
    assert history.rates().as_tuple() == pytest.approx((120 / 400, 60 / 120, 30 / 60, 10 / 30, 3 / 10))
    assert history.cost_per_lead == pytest.approx(30000 / 400)
    assert history.cac == pytest.approx(10000)


def test_velocity_weights_each_month_by_the_leads_that_moved_on(tmp_path):
    history = read_funnel(write(tmp_path, GOOD, "2026-02,300,90,45,20,6,2,11,5,14,21,40,21000"))
    velocity = dict(history.velocity())
    assert velocity["Inquiry"] == pytest.approx((9 * 30 + 11 * 90) / 120)
    assert list(velocity) == list(STAGES[:-1])
    assert history.cycle_days == pytest.approx(sum(velocity.values()))


def test_months_are_sorted_and_the_table_has_one_row_per_stage(tmp_path):
    history = read_funnel(write(tmp_path, "2026-03," + GOOD.split(",", 1)[1], GOOD))
    assert [month.month for month in history.months] == ["2026-01", "2026-03"]
    assert list(history.to_frame()["stage"]) == list(STAGES)
    assert "cost per won deal" in history._text_() and "<table" in history._repr_html_()


def test_the_notebook_shows_the_reports_short_form(tmp_path):
    history = read_funnel(write(tmp_path, GOOD, "2026-02,300,90,45,20,6,2,11,5,14,21,40,21000"))
    html = history._repr_html_()
    assert html == notebook_html(report.document_of(history))
    assert "Funnel history" in html and "CPL EUR 75.00" in html and "cost per won deal EUR 10,000" in html
    assert "Opportunity" in html and "30%" in html and "2026-01" in html
    document = report.document_of(history)
    assert document.brief is not None
    assert [column.kind for column in document.brief.columns] == [Kind.TEXT, Kind.INTEGER, Kind.PERCENT, Kind.NUMBER]
    assert [row.values["total"] for row in document.brief.rows] == [400, 120, 60, 30, 10, 3]
    assert document.brief.rows[-1].values["conversion"] is None  # Won has no next stage
    months = next(section.table for section in document.sections if section.title == "Monthly cohorts")
    assert months is not None and months.columns[-1].kind is Kind.MONEY and len(months.rows) == 2


def test_to_dict_is_the_json_report(tmp_path):
    history = read_funnel(write(tmp_path, GOOD, "2026-02,300,90,45,20,6,2,11,5,14,21,40,21000"))
    data = json.loads(report.render(history, ".json"))
    assert data == history.to_dict()
    assert data["schema"] == FUNNEL_HISTORY_SCHEMA and data["currency"] == "EUR"
    assert data["totals"] == dict(zip(STAGES, (400, 120, 60, 30, 10, 3), strict=True))
    assert data["conversion_to_next"]["Inquiry"] == pytest.approx(0.3) and "Won" not in data["conversion_to_next"]
    assert data["months"][0] == {"month": "2026-01", "counts": dict(zip(STAGES, (100, 30, 15, 10, 4, 1), strict=True)),
                                 "days": dict(zip(STAGES, (9, 5, 14, 21, 40), strict=False)), "spend": 9000}
    assert data["cost_per_lead"] == pytest.approx(75) and data["cac"] == pytest.approx(10000)


def test_a_stage_nobody_reached_is_shown_not_refused():
    history = FunnelHistory((FunnelMonth("2026-01", (10, 0, 0, 0, 0, 0), (1, 0, 0, 0, 0), 100.0),))
    with pytest.raises(InputError):
        history.rates()
    assert dict(history.conversions())["MQL"] is None and history.to_dict()["cac"] is None
    assert "n/a" in report.document_of(history).headline


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_a_funnel_history_writes_every_format(tmp_path, suffix):
    history = read_funnel(SAMPLE)
    written = report.write(history, tmp_path / f"funnel{suffix}")
    assert written.read_bytes() == report.render(history, suffix)
    assert ".ics" not in report.supported_suffixes(history)


def test_the_sample_feeds_the_reverse_waterfall():
    history = read_funnel(SAMPLE)
    assert len(history.months) == 12
    needed = volumes_needed(630_000, 18_000, history.rates())
    assert needed.won == 35
    assert needed.inquiries > needed.won / min(history.rates().as_tuple())


def test_the_sample_script_writes_the_same_bytes(tmp_path):
    before = SAMPLE.read_bytes()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_funnel_sample.py")], check=True)
    assert SAMPLE.read_bytes() == before


@pytest.mark.parametrize(("row", "column", "message"), [
    ("2026-01,100,130,15,10,4,1,9,5,14,21,40,9000", "mql", "130 reached MQL but only 100 were at Inquiry"),
    ("2026-01,100,30,15,10,4,-1,9,5,14,21,40,9000", "won", "whole number of 0 or more"),
    ("2026-01,100,30,,10,4,1,9,5,14,21,40,9000", "sal", "SAL count is missing"),
    ("2026-01,100,30,15,10,4,1,9,5,14,21,40,lots", "spend", "spend must be a number"),
    ("2026-13,100,30,15,10,4,1,9,5,14,21,40,9000", "month", "like 2026-03"),
    ("2026-01,100,30,15,10,4,1,9,-5,14,21,40,9000", "days_in_mql", "average days must be a number of 0 or more"),
])
def test_a_bad_cell_names_file_row_and_column(tmp_path, row, column, message):
    path = write(tmp_path, GOOD.replace("2026-01", "2025-12"), row)
    with pytest.raises(InputError, match=message) as caught:
        read_funnel(path)
    assert (caught.value.file, caught.value.row, caught.value.column) == (str(path), 3, column)


def test_a_missing_stage_column_or_a_repeated_month_is_named(tmp_path):
    with pytest.raises(InputError, match="missing column 'sal'") as caught:
        read_funnel(write(tmp_path, GOOD, header=HEADER.replace(",sal,", ",sales,")))
    assert caught.value.column == "sal"
    with pytest.raises(InputError, match="already on row 2") as caught:
        read_funnel(write(tmp_path, GOOD, GOOD))
    assert caught.value.row == 3


def test_a_stage_nobody_left_cannot_give_a_rate(tmp_path):
    history = read_funnel(write(tmp_path, "2026-01,100,30,0,0,0,0,9,5,14,21,40,9000"))
    with pytest.raises(InputError, match="no cohort has any MQL that moved on"):
        history.rates()


def test_an_empty_history_is_refused(tmp_path):
    with pytest.raises(InputError, match="no months"):
        read_funnel(write(tmp_path))


# KPIs as dictionaries ---------------------------------------------------------------


def test_records_become_kpis_and_the_smart_rules_name_what_is_missing():
    kpis = kpis_from_records([
        {"name": "Cost per lead", "owner": "Marco", "baseline": "89", "target": 80, "unit": "EUR",
         "due": "2027-06-30"},
        {"name": "Data quality", "owner": None, "baseline": 82, "target": 82, "unit": "percent", "due": None},
    ])
    assert kpis[0].due == date(2027, 6, 30) and kpis[0].baseline == 89
    found = smart_findings(kpis)
    assert [(f.code, f.where) for f in found] == [("SMART001", "kpis[1]"), ("SMART002", "kpis[1]")]
    assert "owner and due date" in found[0].message


@pytest.mark.parametrize(("records", "message"), [
    ([{"name": "X", "target": "lots"}], r"kpis\[0\].target: should be a number"),
    ([{"name": "X", "due": "next year"}], r"kpis\[0\].due: should be a date"),
    ([{"name": "X", "owners": "Y"}], r"kpis\[0\].owners: not a KPI field"),
    ([{"owner": "Y"}], r"kpis\[0\].name: is missing"),
    ([{"name": "X", "stage": "pipeline"}], r"kpis\[0\].stage: should be one of Inquiry"),
    ({"name": "X"}, "a list of dictionaries"),
])
def test_a_bad_record_names_its_place(records, message):
    with pytest.raises(InputError, match=message):
        kpis_from_records(records)


def test_a_stage_kpi_above_the_funnel_yield_draws_smart003_only_with_a_funnel():
    kpis = kpis_from_records([{"name": "Deals", "owner": "F", "baseline": 10, "target": 19, "unit": "deals",
                               "due": "2027-06-30", "stage": "won"},
                              {"name": "SQLs", "owner": "F", "baseline": 100, "target": 180, "unit": "SQLs",
                               "due": "2027-06-30", "stage": "SQL"}])
    assert kpis[0].stage == "Won"
    assert smart_findings(kpis) == ()
    rates = ConversionRates.of({"Inquiry": 0.3, "MQL": 0.5, "SAL": 0.6, "SQL": 0.4, "Opportunity": 0.25})
    funnel = Funnel(rates, 25_000, 2000)  # yields 180 SQLs and 18 deals
    found = smart_findings(kpis, funnel=funnel)
    assert [(f.code, f.where) for f in found] == [("SMART003", "kpis[0].target")]
