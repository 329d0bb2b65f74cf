"""The terminal summary: a document's title, headline, notes and brief table, in plain text."""

from __future__ import annotations

from typing import Any

from mopskit.report.document import Column, Table
from mopskit.report.subject import as_document

_MAX_WIDTH = 36  # a text column is cut here, so a table fits a terminal


def terminal_safe(value: object, width: int | None = None) -> str:
    """Input text fit for a terminal: control characters (escape sequences) replaced, cut to width."""
    text = "".join(char if char.isprintable() else "?" for char in " ".join(str(value).split()))
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def render(subject: Any, *, show_users: bool = False) -> bytes:
    return render_text(subject, show_users=show_users).encode("utf-8")


def render_text(subject: Any, *, show_users: bool = False) -> str:
    """A few lines and the brief table, for a terminal (a document, or a result with ``to_document``)."""
    document = as_document(subject, show_users=show_users)
    first = document.title + (f" as of {document.as_of.isoformat()}" if document.as_of else "")
    if document.scope:
        first += f" ({'; '.join(document.scope)})"
    lines = [terminal_safe(first)]
    if document.headline:
        lines.append(terminal_safe(document.headline))
    lines += [f"Note: {terminal_safe(note)}" for note in document.notes]
    if document.brief is not None:
        lines += ["", *_table(document.brief)]
    if document.brief_lines:
        lines += ["", *(terminal_safe(line) for line in document.brief_lines)]
    for section in document.sections:
        if section.bullets and not section.personal:
            lines += [f"{terminal_safe(section.title)}:", *(f"  - {terminal_safe(bullet)}" for bullet in section.bullets)]
    return "\n".join(lines) + "\n"


def _table(table: Table) -> list[str]:
    cells = [[terminal_safe(column.words(row.values.get(column.key)), column.chars or _MAX_WIDTH)
              for column in table.columns] for row in table.rows]
    widths = [max([len(column.header), *(len(row[index]) for row in cells)])
              for index, column in enumerate(table.columns)]
    return [
        _row([column.header for column in table.columns], table.columns, widths),
        _row(["-" * width for width in widths], table.columns, widths),
        *(_row(row, table.columns, widths) for row in cells),
    ]


def _row(cells: list[str], columns: tuple[Column, ...], widths: list[int]) -> str:
    parts = [cell.rjust(width) if column.align == "right" else cell.ljust(width)
             for cell, column, width in zip(cells, columns, widths, strict=True)]
    return "  ".join(parts).rstrip()
