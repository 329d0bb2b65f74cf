"""A plan's own outputs: the calendar colleagues import, and the charts in its report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar

from mopskit import report
from mopskit.cli import main
from mopskit.plan import load_plan, review

SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"


def test_the_plan_writes_a_calendar_of_its_messages_and_milestones(tmp_path):
    result = review(load_plan(SAMPLE))
    assert ".ics" in report.supported_suffixes(result)
    out = tmp_path / "plan.ics"
    assert main(["plan", str(SAMPLE), "--out", str(out)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    plan = result.plan
    expected = sum(1 if item.cadence else len(item.dates) for item in plan.communications)
    expected += sum(task.milestone for task in plan.tasks)
    assert len(events) == expected
    milestones = [event for event in events if str(event.get("SUMMARY")).startswith("Milestone: ")]
    assert {str(event.get("SUMMARY"))[len("Milestone: "):] for event in milestones} == {
        task.name for task in plan.tasks if task.milestone
    }
    recurring = [event for event in events if event.get("RRULE")]
    assert len(recurring) == sum(1 for item in plan.communications if item.cadence)
    assert all(isinstance(event.decoded("DTSTART"), date) for event in events)
    assert len({str(event.get("UID")) for event in events}) == len(events)
    again = report.render(result, ".ics")
    assert again == out.read_bytes()  # the same plan gives the same calendar


def test_an_audit_cannot_be_written_as_a_calendar():
    assert ".ics" not in report.supported_suffixes(object())


def test_the_report_draws_the_timeline_and_the_grid():
    document = review(load_plan(SAMPLE)).to_document()
    charts = {chart.title: chart for section in document.sections for chart in section.charts}
    assert set(charts) == {"Timeline", "Power and interest"}
    for chart in charts.values():
        assert chart.figure().axes  # each draws


def test_a_notebook_draws_the_same_charts_in_one_call():
    from mopskit.plan import stakeholder_grid, timeline

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
