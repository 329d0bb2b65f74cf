"""Markdown report: pastes into a wiki page, an issue or a pull request as it is."""

from __future__ import annotations

import re
from typing import Any

from mopskit.report.document import Column, Document, Kind, Row, Table
from mopskit.report.subject import as_document

# Characters that would start markup inside a table cell, a link or emphasis.
_MARKUP = re.compile(r"([\\`*_\[\]|~#])")


def text(value: object) -> str:
    """An input string made inert: no HTML, no Markdown syntax, no line breaks."""
    escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKUP.sub(r"\\\1", escaped)
    return " ".join(escaped.split())


def render(subject: Any, *, show_users: bool = False) -> bytes:
    """A document (or a result with a document builder) as Markdown."""
    return render_document(as_document(subject, show_users=show_users))


def render_document(document: Document) -> bytes:
    return "\n".join(_lines(document)).encode("utf-8")


def _lines(document: Document) -> list[str]:
    lines = [f"# {text(document.title)}", ""]
    if document.subtitle:
        lines += [text(document.subtitle) + ".", ""]
    lines += [line for note in document.notes for line in (f"**Note:** {text(note)}", "")]
    figures = [figure for figure in document.figures if not figure.data_only]
    if figures:
        lines += ["## Summary", "", *_table(
            ["Measure", "Value"], [[text(figure.label), text(figure.words())] for figure in figures], right=(1,)), ""]
    if document.tally and document.tally.rows:
        lines += ["## Recommendations", "", *_flat(document.tally), ""]
    for section in document.sections:
        if section.charts and not (section.table or section.bullets):
            continue  # a chart needs a page that can show it
        lines += [f"## {text(section.title)}", ""]
        if section.lead:
            lines += [text(section.lead), ""]
        if section.table is not None:
            lines += [*_flat(section.table), ""] if section.table.rows else [text(section.table.empty), ""]
        if section.bullets:
            lines += [*(f"- {text(bullet)}" for bullet in section.bullets), ""]
    if document.definitions:
        lines += [f"- **{text(term)}**: {text(meaning)}" for term, meaning in document.definitions] + [""]
    return lines


def _flat(table: Table) -> list[str]:
    columns = table.flat_columns(data=False)
    return _table(
        [text(column.header) for column in columns],
        [[_cell(column, row) for column in columns] for row in table.rows],
        right=tuple(index for index, column in enumerate(columns) if column.align == "right"),
    )


def _cell(column: Column, row: Row) -> str:
    words = text(column.words(row.values.get(column.key)))
    if words.strip() and (column.kind is Kind.LABEL or row.emphasis == "strong"):
        return f"**{words}**"
    return words


def _table(header: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    align = ["---:" if index in right else "---" for index in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
