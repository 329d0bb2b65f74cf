"""The Markdown report: tables that keep their shape and input that stays plain text."""

from __future__ import annotations

import re

import pytest

from mopskit.report import markdown


@pytest.fixture
def render(sample_result):
    def render(result=None, **options) -> str:  # type: ignore[no-untyped-def]
        return markdown.render(result or sample_result(), **options).decode("utf-8")
    return render


def cells(line: str) -> list[str]:
    """A table row split on unescaped pipes, as a Markdown renderer does."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def body_rows(text: str, start: str, end: str) -> list[list[str]]:
    """The rows of the table between two headings, without its header and rule."""
    section = text[text.index(start):text.index(end)]
    return [cells(line) for line in section.splitlines() if line.startswith("|")][2:]


def test_sections_in_reading_order(render) -> None:
    headings = [line for line in render(show_users=True).splitlines() if line.startswith("#")]
    assert headings == [
        "# Martech stack audit", "## Summary", "## Recommendations", "## Tools", "## Renewals",
        "## Overlaps", "## Unmatched apps (possible shadow IT)", "## What sign-in data cannot show",
        "## People behind the figures",
    ]
    assert "## People behind the figures" not in render()


def test_every_table_row_keeps_its_column_count_even_with_pipes_in_input(render, hostile_result) -> None:
    text = render(hostile_result(), show_users=True)
    tables: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    assert len([table for table in tables if table]) == 7
    for table in (table for table in tables if table):
        widths = {len(cells(line)) for line in table}
        assert len(widths) == 1, table


def test_input_cannot_inject_html_or_markdown(render, hostile_result) -> None:
    text = render(hostile_result(), show_users=True)
    assert "<script" not in text and "<img" not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;script&gt;" in text
    assert r"=cmd\|' /C calc'!A0" in text
    assert "\t" not in text and "\r" not in text


def test_numbers_and_unknowns_are_worded(render) -> None:
    text = render()
    tools = {row[0]: row for row in body_rows(text, "## Tools", "## Renewals")}
    assert tools["Planner"][7:12] == ["no data"] * 5
    assert tools["Old CMS"][10] == "n/a (no active user)"
    assert tools["Mailer"][4] == "EUR 24,000" and tools["Mailer"][9] == "40%"
    assert tools["Mailer"][5] == "per seat"
    assert "| Wasted annual cost (unused seats, per-seat tools) | EUR 23,400 (56% of spend) |" in text


def test_renewals_in_deadline_order_with_the_next_90_days_in_bold(render) -> None:
    text = render()
    lines = body_rows(text, "## Renewals", "## Overlaps")
    assert [row[0] for row in lines] == ["Old CMS", "**Mailer**", "Planner", "Sendly (Sales)"]
    assert lines[0][4] == "passed 30 days ago" and lines[1][4] == "**in 31 days**"
