"""Self-contained HTML report for the people who decide: one file, no outside URL, no script.

Takes a ``Document``; the Jinja2 template only lays it out, with autoescape on, so every
string that came from an input file is escaped. Charts are SVG inside ``<img>`` data URIs:
crisp, and unable to run anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from mopskit import __version__
from mopskit.report.document import Cell, Chart, Column, Document, Kind, Row, Section, Table, raw
from mopskit.report.subject import as_document
from mopskit.viz.figure import svg_data_uri



@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mopskit.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(subject: Any, *, show_users: bool = False) -> bytes:
    """A document (or a result with a document builder) as one HTML page."""
    return render_document(as_document(subject, show_users=show_users))


def render_document(document: Document) -> bytes:
    template = _environment().get_template("report.html.j2")
    return template.render(
        document=document,
        version=__version__,
        parts=[_Part(section, _table(section.table) if section.table else None,
                     tuple((chart, svg_data_uri(chart.figure())) for chart in section.charts))
               for section in document.sections],
        tally=[_pill(document.tally, row) for row in document.tally.rows] if document.tally else [],
    ).encode("utf-8")


@dataclass(frozen=True)
class _Cell:
    """One laid-out cell: its words and what the template draws around them."""

    text: str
    align: str
    strong: bool = False
    badge: str | None = None  # the badge colour
    meter: int | None = None  # bar length in percent
    healthy: bool = False
    nodata: bool = False
    notes: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # sentences listed beneath


@dataclass(frozen=True)
class _Table:
    headers: tuple[tuple[str, str], ...]  # (header, align)
    rows: tuple[tuple[str, str, tuple[_Cell, ...]], ...]  # (css class, emphasis, cells)
    empty: str


@dataclass(frozen=True)
class _Part:
    section: Section
    table: _Table | None
    charts: tuple[tuple[Chart, str], ...]  # (chart, data URI)


def _table(table: Table) -> _Table:
    layout = table.nested_columns()
    return _Table(
        headers=tuple((column.header, column.align) for column, _notes in layout),
        rows=tuple((row.tag or "", row.emphasis or "", tuple(_cell(column, notes, row) for column, notes in layout))
                   for row in table.rows),
        empty=table.empty,
    )


def _cell(column: Column, beneath: tuple[Column, ...], row: Row) -> _Cell:
    value = row.values.get(column.key)
    figure = raw(value)
    notes = [value.note] if isinstance(value, Cell) and value.note else []
    items: tuple[str, ...] = ()
    for other in beneath:
        extra = row.values.get(other.key)
        if other.kind is Kind.SENTENCES:
            items += tuple(str(item) for item in raw(extra) or ())
        elif raw(extra) not in (None, "") or isinstance(extra, Cell) and extra.text:
            notes.append(other.words(extra))
    meter = None
    if column.target is not None and isinstance(figure, (int, float)):
        meter = max(0, min(100, round(100 * figure)))
    return _Cell(
        text=column.words(value),
        align=column.align,
        strong=column.strong,
        badge=column.tones.get(str(figure), _UNKNOWN) if column.kind is Kind.LABEL else None,
        meter=meter,
        healthy=meter is not None and column.target is not None and figure >= column.target,
        nodata=column.target is not None and meter is None,
        notes=tuple(notes),
        items=items,
    )


_UNKNOWN = "#7f8c8d"


def _pill(table: Table, row: Row) -> tuple[str, str, str]:
    """A tally row as (badge colour, label, the rest worded: '1 tool · EUR 9,000')."""
    first, *rest = table.columns
    label = raw(row.values.get(first.key))
    return (first.tones.get(str(label), _UNKNOWN), first.words(label),
            " · ".join(column.counted(row.values.get(column.key)) for column in rest))
