"""A plan's outputs: every report format, the calendar colleagues import, the charts in its
report, and the short form a notebook shows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from mopskit import report
from mopskit.change.plan import PLAN_SCHEMA, load_plan, review
from mopskit.cli import main
from mopskit.report.notebook import notebook_html

SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"
DATA = Path(__file__).resolve().parent / "data" / "plan"


def test_the_plan_writes_a_calendar_of_its_messages_and_milestones(tmp_path):
    result = review(load_plan(SAMPLE))
    assert ".ics" in report.supported_suffixes(result)
    out = tmp_path / "plan.ics"
    assert main(["plan", str(SAMPLE), "--out", str(out)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    plan = result.plan
    recurring_messages = [item for item in plan.communications
                          if item.cadence and (item.cadence == "weekly" or item.start.day <= 28)]
    expected = len(recurring_messages) + sum(len(item.occurrences()) for item in plan.communications
                                             if item not in recurring_messages)
    expected += sum(task.milestone for task in plan.tasks)
    assert len(events) == expected
    milestones = [event for event in events if str(event.get("SUMMARY")).startswith("Milestone: ")]
    assert {str(event.get("SUMMARY"))[len("Milestone: "):] for event in milestones} == {
        task.name for task in plan.tasks if task.milestone
    }
    recurring = [event for event in events if event.get("RRULE")]
    assert len(recurring) == len(recurring_messages)
    assert all(isinstance(event.decoded("DTSTART"), date) for event in events)
    assert len({str(event.get("UID")) for event in events}) == len(events)
    again = report.render(result, ".ics")
    assert _without_stamps(again) == _without_stamps(out.read_bytes())  # the same plan gives the same events


def _without_stamps(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\r\n") if not line.startswith(b"DTSTAMP:")]


def test_an_audit_cannot_be_written_as_a_calendar():
    assert ".ics" not in report.supported_suffixes(object())


def test_the_report_draws_the_timeline_and_the_grid():
    document = report.document_of(review(load_plan(SAMPLE)))
    charts = {chart.title: chart for section in document.sections for chart in section.charts}
    assert set(charts) == {"Timeline", "Power and interest"}
    for chart in charts.values():
        assert chart.figure().axes  # each draws


def test_a_notebook_draws_the_same_charts_in_one_call():
    from mopskit.viz.plan import stakeholder_grid, timeline

    plan = load_plan(SAMPLE)
    from matplotlib.text import Text

    def texts(figure) -> str:
        return " ".join(text.get_text() for text in figure.findobj(Text))

    gantt = timeline(plan)
    labels = [label.get_text() for label in gantt.axes[0].get_yticklabels()]
    assert "Timeline: Marketing stack consolidation" in texts(gantt)
    assert len(labels) == len(plan.tasks)
    grid = stakeholder_grid(plan)
    assert "Stakeholders: Marketing stack consolidation" in texts(grid)
    assert all(person.name in texts(grid) for person in plan.stakeholders)


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json", ".ics"])
def test_a_plan_writes_every_format(tmp_path, suffix):
    result = review(load_plan(SAMPLE))
    written = report.write(result, tmp_path / f"plan{suffix}")
    data = written.read_bytes()
    assert data == report.render(result, suffix)
    if suffix == ".json":
        assert json.loads(data)["schema"] == PLAN_SCHEMA
    elif suffix == ".ics":
        assert data.startswith(b"BEGIN:VCALENDAR")
    elif suffix in (".html", ".md"):
        assert "Marketing stack consolidation" in data.decode("utf-8")


def test_the_report_formats_of_a_plan_include_its_calendar():
    assert set(report.supported_suffixes(review(load_plan(SAMPLE)))) == {".html", ".md", ".xlsx", ".json", ".ics"}


def test_a_notebook_shows_the_short_form_of_the_report():
    result = review(load_plan(DATA / "raci001-no-responsible.yaml"))
    html = result._repr_html_()
    assert html == notebook_html(report.document_of(result))
    assert "Change plan: Retire the old email tool" in html and "1 error to fix." in html
    assert "RACI001" in html and "tasks[1].raci" in html and "2027-01-04 to 2027-03-31" in html
    assert "<img" not in html and "<svg" not in html  # no charts in the short form
    assert "RACI matrix" not in html  # the full report's sections stay in the files
    assert "<body" not in html


def test_a_clean_plan_shows_its_headline_without_a_findings_table():
    html = review(load_plan(DATA / "base.yaml"))._repr_html_()
    assert "The plan follows every rule the lint checks." in html and "<table" not in html


def test_the_plain_text_is_the_findings_one_a_line():
    result = review(load_plan(DATA / "raci001-no-responsible.yaml"))
    assert result._text_().splitlines() == [repr(result), *(str(finding) for finding in result.findings)]
