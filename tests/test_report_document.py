"""The document model: typed columns decide wording, alignment and number formats; formats are
per result; any result with a document is written by the shared renderers."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mopskit import InputError, report
from mopskit.report import html, markdown, xlsx
from mopskit.report.document import Card, Cell, Column, Document, Emphasis, Kind, Measure, Row, Section, Table, words
from mopskit.report.text import render_text
from mopskit.wording import NO_DATA

EVERY_KIND = Table(
    (
        Column("name", "Name"),
        Column("count", "Count", Kind.INTEGER),
        Column("hours", "Hours", Kind.NUMBER),
        Column("cost", "Cost", Kind.MONEY, "EUR"),
        Column("share", "Share", Kind.PERCENT),
        Column("day", "Day", Kind.DATE),
        Column("tags", "Tags", Kind.LIST),
        Column("why", "Why", Kind.SENTENCES),
        Column("verdict", "Verdict", Kind.LABEL, tones={"keep": "#1e8449"}),
    ),
    (
        Row({"name": "First", "count": 1234, "hours": 12.5, "cost": 1234.5, "share": 0.356,
             "day": date(2027, 3, 1), "tags": ("a", "b"), "why": ("One.", "Two."), "verdict": "keep"}),
        Row({"name": "Second", "count": None, "hours": 3.0, "cost": None,
             "share": Cell(None, text="n/a (not per seat)"), "day": None, "tags": (), "why": (),
             "verdict": "drop"}, emphasis=Emphasis.STRONG, tag="due"),
    ),
)


def document(**fields: Any) -> Document:
    values: dict[str, Any] = dict(
        title="Kinds", as_of=date(2026, 10, 31), scope=("every kind of column",), headline="Two rows.",
        cards=(Card("Cost", 1234.5, Kind.MONEY, "EUR", "a year"),),
        figures=(Measure("Rows", 2, Kind.INTEGER), Measure("Hidden", 1, Kind.INTEGER, data_only=True)),
        sections=(Section("Everything", lead="All kinds.", table=EVERY_KIND, short_title="All"),
                  Section("Caveats", bullets=("Say what the data cannot show.",))),
    )
    values.update(fields)
    return Document(**values)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1234, Kind.INTEGER, "1,234"),
        (12.5, Kind.NUMBER, "12.5"),
        (12.0, Kind.NUMBER, "12"),
        (1234.5, Kind.MONEY, "EUR 1,234"),
        (0.356, Kind.PERCENT, "36%"),
        (date(2027, 3, 1), Kind.DATE, "2027-03-01"),
        (("a", "b"), Kind.LIST, "a, b"),
        (("One.", "Two."), Kind.SENTENCES, "One. Two."),
        (None, Kind.MONEY, NO_DATA),
        (None, Kind.DATE, NO_DATA),
    ],
)
def test_a_value_reads_by_its_kind_through_the_wording_module(value: object, kind: Kind, expected: str) -> None:
    assert words(value, kind, currency="EUR") == expected


def test_alignment_follows_the_kind_and_a_cell_may_say_why_a_value_is_missing() -> None:
    assert [column.align for column in EVERY_KIND.columns] == [
        "left", "right", "right", "right", "right", "left", "left", "left", "left"]
    share = EVERY_KIND.column("share")
    assert share.words(Cell(None, text="n/a (not per seat)")) == "n/a (not per seat)"
    assert share.words(Cell(0.5)) == "50%"
    assert Column("x", "X", Kind.INTEGER, missing="-").words(None) == "-"


def test_markdown_aligns_numbers_right_and_bolds_emphasised_rows_and_labels() -> None:
    text = markdown.render(document()).decode()
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert "| Rows | 2 |" in text and "Hidden" not in text  # data-only figures stay in the sheet
    header = table.index("| Name | Count | Hours | Cost | Share | Day | Tags | Why | Verdict |")
    assert table[header + 1] == "| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |"
    assert table[header + 2] == "| First | 1,234 | 12.5 | EUR 1,234 | 36% | 2027-03-01 | a, b | One. Two. | **keep** |"
    assert table[header + 3].startswith("| **Second** | **no data** | **3** | **no data** | **n/a (not per seat)** |")
    assert "- Say what the data cannot show." in text


def test_html_marks_numbers_rows_and_badges_and_escapes() -> None:
    hostile = Table((Column("name", "Name"),), (Row({"name": "<b>x</b>"}),))
    page = html.render(document(sections=(Section("Everything", table=EVERY_KIND), Section("Hostile", table=hostile))))
    text = page.decode()
    assert '<th class="num">Cost</th>' in text and "<th>Day</th>" in text
    assert '<td class="num">EUR 1,234</td>' in text
    assert '<tr class="due" data-emphasis="strong">' in text
    assert '<span class="badge" style="background: #1e8449">keep</span>' in text
    assert "<b>x</b>" not in text and "&lt;b&gt;x&lt;/b&gt;" in text
    assert "<title>Kinds · 2026-10-31</title>" in text


def test_xlsx_keeps_types_and_gives_each_kind_its_number_format() -> None:
    data = xlsx.render(document())
    assert data == xlsx.render(document())  # byte-stable
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "All"]
    sheet = book["All"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Name", "Count", "Hours", "Cost (EUR)", "Share", "Day", "Tags", "Why", "Verdict"]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["Count"].value == 1234 and first["Count"].number_format == "#,##0"
    assert first["Hours"].number_format == "#,##0.0"
    assert first["Cost (EUR)"].value == 1234.5 and first["Cost (EUR)"].number_format == "#,##0.00"
    assert first["Share"].value == pytest.approx(0.356) and first["Share"].number_format == "0%"
    assert first["Day"].value.date() == date(2027, 3, 1) and first["Day"].number_format == "yyyy-mm-dd"
    assert first["Tags"].value == "a, b" and first["Why"].value == "One. Two."
    second = dict(zip(header, sheet[3], strict=True))
    assert second["Count"].value is None and second["Share"].value is None  # missing stays empty, not 0
    assert second["Name"].fill.fgColor.rgb.endswith("FDEBD0")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I3"
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Rows"] == 2 and summary["Hidden"] == 1
    assert summary["Caveats"] == "Say what the data cannot show."


def test_text_prints_title_headline_and_the_brief_table() -> None:
    text = render_text(document(brief=EVERY_KIND, brief_lines=("That is all.",)))
    lines = text.splitlines()
    assert lines[0] == "Kinds as of 2026-10-31 (every kind of column)"
    assert lines[1] == "Two rows."
    assert lines[3].split() == ["Name", "Count", "Hours", "Cost", "Share", "Day", "Tags", "Why", "Verdict"]
    assert lines[5].split()[:3] == ["First", "1,234", "12.5"]
    assert "That is all." in lines and "Caveats:" in lines


# --- a result type of its own, with a format of its own ------------------------------------


class Plan:
    """A stand-in for a future result: a dict, and a document and a format of its own, registered
    by name (the result imports nothing of the report package)."""

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        return {"schema": "test.plan/1", "people": ["ana"] if show_users else []}


def plan_document(result: Plan, *, show_users: bool = False) -> Document:
    return document(title="Plan")


def plan_calendar(result: Plan, *, show_users: bool = False) -> bytes:
    return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def registered_plan(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = f"{Plan.__module__}.{Plan.__qualname__}"
    monkeypatch.setitem(report.BUILDERS, name, f"{__name__}:plan_document")
    monkeypatch.setitem(report.OWN_FORMATS, name, {".ics": f"{__name__}:plan_calendar"})


def test_a_result_brings_its_own_format_without_touching_the_shared_table(
        tmp_path: Path, sample_result, registered_plan) -> None:  # type: ignore[no-untyped-def]
    shared = dict(report.FORMATS)
    assert report.supported_suffixes(Plan) == (".html", ".xlsx", ".md", ".json", ".ics")
    written = report.write_all(Plan(), [tmp_path / "plan.ics", tmp_path / "plan.md", tmp_path / "plan.json"],
                               show_users=True)
    assert [path.name for path in written] == ["plan.ics", "plan.md", "plan.json"]
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# Plan")
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["people"] == ["ana"]
    assert report.FORMATS == shared and ".ics" not in report.supported_suffixes()
    with pytest.raises(InputError, match=r"unknown report format \('\.ics'\)"):
        report.write(sample_result(), tmp_path / "audit.ics")
    assert report.check_targets([tmp_path / "other.ics"], result=Plan) == [tmp_path / "other.ics"]


def test_a_result_without_a_document_offers_only_what_it_has(tmp_path: Path) -> None:
    class Numbers:
        def to_dict(self, show_users: bool = False) -> dict[str, Any]:
            return {"schema": "test.numbers/1"}

    assert report.supported_suffixes(Numbers()) == (".json",)
    with pytest.raises(InputError, match=r"supported: \.json"):
        report.write(Numbers(), tmp_path / "numbers.html")
    assert re.search(rb'"schema": "test.numbers/1"', report.render(Numbers(), ".json"))
