"""The coordination-time summary as a report: the same document in HTML, Markdown, XLSX and JSON,
with people named only on request."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mopskit import InputError, report
from mopskit.ops import timeuse
from mopskit.report.notebook import register
from mopskit.report.text import render_text
from mopskit.report.timeuse import timeuse_document

TEMPLATE = resources.files("mopskit") / "templates" / "coordination-time"
SAMPLE = resources.files("mopskit") / "data" / "coordination-time" / "time-log.csv"


@pytest.fixture(scope="module")
def summary() -> timeuse.TimeUseSummary:
    activities = timeuse.load_activity_map(TEMPLATE / "activities.yaml")
    return timeuse.summarise(timeuse.load_time_log(SAMPLE), activities)


def test_html_shows_the_share_the_categories_and_names_only_on_request(tmp_path: Path, summary) -> None:  # type: ignore[no-untyped-def]
    hidden = report.write(summary, tmp_path / "time.html").read_text(encoding="utf-8")
    shown = report.write(summary, tmp_path / "shown.html", show_users=True).read_text(encoding="utf-8")
    share = f"{summary.coordination_share:.0%}"
    assert hidden.startswith("<!doctype html>") and "<h1>Coordination time</h1>" in hidden
    assert f'<div class="label">Coordination share</div><div class="value">{share}</div>' in hidden
    assert "<h2>By category</h2>" in hidden and "<td><strong>coordination</strong></td>" in hidden
    names = [person.person for person in summary.by_person]
    assert not any(name in hidden for name in names)
    assert all(name in shown for name in names) and "<h2>By person</h2>" in shown


def test_markdown_has_one_row_per_category_with_hours_and_share(summary) -> None:  # type: ignore[no-untyped-def]
    text = report.render(summary, ".md").decode()
    assert text.startswith("# Coordination time\n")
    rows = [line for line in text.splitlines() if line.startswith("| coordination |")]
    item = summary.by_category[0]
    assert rows == [f"| coordination | {item.hours:,.0f} | {item.share:.0%} | yes |"]
    assert "## By person" not in text
    assert "## By person" in report.render(summary, ".md", show_users=True).decode()


def test_xlsx_keeps_hours_and_shares_as_numbers(summary) -> None:  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(report.render(summary, ".xlsx")))
    assert book.sheetnames == ["Summary", "By category"]
    sheet = book["By category"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["Category"].value == "coordination"
    assert first["Hours"].value == pytest.approx(summary.by_category[0].hours)
    assert first["Share"].value == pytest.approx(summary.by_category[0].share)
    assert first["Share"].number_format == "0%"
    measures = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert measures["Coordination share"] == pytest.approx(summary.coordination_share)
    with_people = load_workbook(io.BytesIO(report.render(summary, ".xlsx", show_users=True)))
    assert with_people.sheetnames == ["Summary", "By category", "People"]
    assert [row[0] for row in with_people["People"].iter_rows(min_row=2, values_only=True)] == [
        person.person for person in summary.by_person]


def test_json_has_its_own_schema_and_no_names_unless_asked(summary) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(report.render(summary, ".json"))
    assert list(document) == ["schema", "categories", "coordination_categories", "weeks", "people",
                              "total_hours", "coordination_share", "by_category"]
    assert document["schema"] == "mopskit.timeuse/1"
    assert document["people"] == len(summary.by_person)
    assert document["coordination_share"] == round(summary.coordination_share, 4)
    assert sum(item["hours"] for item in document["by_category"]) == pytest.approx(summary.total_hours)
    shown = json.loads(report.render(summary, ".json", show_users=True))
    assert [person["person"] for person in shown["by_person"]] == [person.person for person in summary.by_person]


def test_the_terminal_summary_words_the_share(summary) -> None:  # type: ignore[no-untyped-def]
    text = render_text(summary)
    assert text.splitlines()[1].startswith(f"{summary.coordination_share:.0%} of ")
    assert not any(person.person in text for person in summary.by_person)


def test_the_notebook_view_is_the_headline_and_the_categories_without_people(summary) -> None:  # type: ignore[no-untyped-def]
    register()
    document = timeuse_document(summary)
    assert document.title == "Coordination time"
    assert document.headline.startswith(f"{summary.coordination_share:.0%} of ")
    assert document.brief is not None and [row.values["category"] for row in document.brief.rows] == list(
        summary.categories)
    page = summary._repr_html_()
    assert document.headline in page and ">coordination<" in page and ">Category<" in page
    assert not any(person.person in page for person in summary.by_person)
    shown = timeuse_document(summary, show_users=True)
    assert [(section.title, section.personal) for section in shown.sections] == [("By category", False),
                                                                                ("By person", True)]


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_write_makes_every_format_and_refuses_to_overwrite(tmp_path: Path, summary, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = report.write(summary, tmp_path / f"time{suffix}")
    assert path.stat().st_size > 0
    with pytest.raises(InputError, match="already exists"):
        report.write(summary, path)
    assert report.write(summary, path, force=True) == path
