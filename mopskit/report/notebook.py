"""The notebook view of a document, and of any table a lesson shows: one style for the whole kit.

A result shows in a notebook as the short form of its report (the same :class:`Document`
every file format renders): its title and scope, headline, notes, the brief table and the
points a reader must not miss. Lessons build their tables with :func:`table`, typed columns
from the data, so figures line up on the right and words on the left without guessing.

A notebook opened from a fresh clone is untrusted, and JupyterLab then strips every
``<style>`` block from stored outputs while it keeps ``style`` attributes; so a kit table
carries its look on each cell. The site adds a scroll box around every table, so a wide one
scrolls on a phone instead of the page.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from markupsafe import Markup, escape

from mopskit.display import shows
from mopskit.report import BUILDERS, document_of
from mopskit.report.document import Cell, Column, Document, Kind, Row, Table, raw
from mopskit.report.text import render_text

__all__ = ["Markup", "notebook_html", "register", "table", "table_html", "table_text"]

_CELL = "padding:0.4em 0.6em;vertical-align:top;border-bottom:1px solid rgba(128,128,128,0.25);"
_TEXT = "text-align:left;white-space:normal;"
_FIGURE = "text-align:right;white-space:nowrap;"
_HEADER = "font-weight:bold;vertical-align:bottom;border-bottom:2px solid rgba(128,128,128,0.5);"
_HEADER_FIGURE = "text-align:right;white-space:normal;"
_LONG_TEXT = ' class="mopskit-long"'  # the site keeps such a column readable on a phone (extra.css)
_LONG = 60
"""A text column with a cell longer than this many characters keeps a minimum width."""
_TABLE = "border-collapse:collapse;margin:0.5em 0 1em 0;"
SITE_CELL_CLASSES = {
    _CELL + _TEXT: "mopskit-text",
    _CELL + _FIGURE: "mopskit-figure",
    _CELL + _HEADER + _TEXT: "mopskit-text",
    _CELL + _HEADER + _HEADER_FIGURE: "mopskit-figure-heading",
}
"""Each inline cell style (what an untrusted JupyterLab keeps) and the class the site draws the
same look with (docs/stylesheets/extra.css), so a page does not repeat the style in every cell."""

Formatter = str | Callable[[Any], str]


# --------------------------------------------------------------------------- tables


def _cell_words(column: Column, value: Any) -> str | Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, Cell) and isinstance(value.text, Markup):
        return value.text
    return column.words(value)


def _long_columns(table: Table) -> set[str]:
    return {
        column.key for column in table.columns
        if not column.kind.numeric
        and any(len(Markup(_cell_words(column, row.values.get(column.key))).striptags()) > _LONG for row in table.rows)
    }


def table_html(table: Table, table_id: str | None = None) -> str:
    """``table`` in the kit's style: every cell carries its alignment, every input is escaped."""
    if not table.rows:
        return f"<p><em>{escape(table.empty)}</em></p>"
    columns = table.flat_columns(data=False)
    long = _long_columns(table)
    identity = f' id="{escape(table_id or table.table_id)}"' if (table_id or table.table_id) else ""

    def attributes(column: Column, header: bool) -> str:
        wide = _LONG_TEXT if column.key in long else ""
        if header:
            return f'{wide} style="{_CELL}{_HEADER}{_HEADER_FIGURE if column.kind.numeric else _TEXT}"'
        return f'{wide} style="{_CELL}{_FIGURE if column.kind.numeric else _TEXT}"'

    head = "".join(f"<th{attributes(column, True)}>{escape(column.header)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(
            f"<td{attributes(column, False)}>{_strong(column, escape(_cell_words(column, row.values.get(column.key))))}</td>"
            for column in columns
        ) + "</tr>"
        for row in table.rows
    )
    return f'<table class="mopskit-table"{identity} style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _strong(column: Column, text: Markup) -> Markup:
    return Markup("<strong>{}</strong>").format(text) if column.strong and text else text


def table_text(table: Table) -> str:
    """The plain-text twin of a table: aligned columns, as a terminal shows them."""
    if not table.rows:
        return table.empty
    columns = table.flat_columns(data=False)
    cells = [[Markup(_cell_words(column, row.values.get(column.key))).striptags() for column in columns]
             for row in table.rows]
    widths = [max([len(column.header), *(len(line[index]) for line in cells)]) for index, column in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(value.rjust(width) if column.kind.numeric else value.ljust(width)
                         for value, column, width in zip(values, columns, widths, strict=True)).rstrip()

    return "\n".join([line([column.header for column in columns]), *(line(values) for values in cells)])


def table(
    frame: Any,
    table_id: str | None = None,
    *,
    formats: Mapping[str, Formatter] | None = None,
    kinds: Mapping[str, Kind] | None = None,
    currency: str | None = None,
    empty: str = "Nothing to show.",
) -> Table:
    """A DataFrame as a kit table. Each column's kind comes from its data (or ``kinds``):
    numbers are figures, aligned right; text, dates and lists read from the left. A named
    index becomes the first column; an unnamed one (0, 1, 2, ...) is dropped.

    ``formats`` words a column's values: a format spec such as ``"{:.0%}"`` or a function; the
    column keeps its kind (a formatted number still lines up as a figure). Blank cells (None,
    NaN) stay blank.
    """
    import pandas as pd

    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    formats, kinds = dict(formats or {}), dict(kinds or {})
    names = [str(name) for name in frame.columns]
    unknown = sorted((set(formats) | set(kinds)) - set(names))
    if unknown:
        raise KeyError(f"no column {', '.join(map(repr, unknown))} to format")
    columns = []
    values: dict[str, list[Any]] = {}
    for index, name in enumerate(names):
        series = frame.iloc[:, index]
        given = kinds.get(name)
        kind = given or _kind_of(series)
        formatter = formats.get(name)
        thousands = _thousands(series) if kind.numeric else False
        values[name] = [_worded(value, kind, formatter, thousands, pd, worded=given is None) for value in series]
        columns.append(Column(name, name.replace("_", " "), kind, currency=currency, missing=""))
    rows = tuple(Row({name: values[name][position] for name in names}) for position in range(len(frame)))
    return Table(tuple(columns), rows, empty=empty, table_id=table_id)


def _kind_of(series: Any) -> Kind:
    import pandas as pd

    if pd.api.types.is_bool_dtype(series):
        return Kind.TEXT
    if pd.api.types.is_integer_dtype(series):
        return Kind.INTEGER
    if pd.api.types.is_numeric_dtype(series):
        return Kind.NUMBER
    present = [value for value in series if value is not None and not (isinstance(value, float) and value != value)]
    if present and all(isinstance(value, numbers.Number) and not isinstance(value, bool) for value in present):
        return Kind.NUMBER
    if present and all(isinstance(value, (date, datetime)) for value in present):
        return Kind.DATE
    return Kind.TEXT


def _thousands(series: Any) -> bool:
    """Whether a numeric column needs thousands separators: decided per column, so figures
    line up alike; a column of years or small counts (all under 10,000) goes without."""
    figures = [abs(float(value)) for value in series
               if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value]
    return bool(figures) and max(figures) >= 10_000


def _worded(value: Any, kind: Kind, formatter: Formatter | None, thousands: bool, pd: Any, *,
            worded: bool) -> Any:
    """A cell as the table shows it: Markup as it is, a typed value with its words (a ``Cell``)
    where this table words it, or the typed value for its column to word (a kind given)."""
    if isinstance(value, Markup):
        return value
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value) is True):
        return None
    if formatter is not None:
        return Cell(value, formatter.format(value) if isinstance(formatter, str) else str(formatter(value)))
    if kind.numeric:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return Cell(value, f"{value:,}" if thousands else str(value)) if worded else value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    return value if isinstance(value, (date, str)) else str(value)


# --------------------------------------------------------------------------- documents


def notebook_html(document: Document) -> str:
    """The short form of a report for a notebook: title and scope, headline, notes, the brief
    table and lines, and the sections marked ``glance``, laid out as HTML."""
    parts = [Markup("<p><strong>{}</strong>{}</p>").format(
        document.title, f" · {document.subtitle}" if document.subtitle else "")]
    if document.headline:
        parts.append(Markup("<p>{}</p>").format(document.headline))
    parts += [Markup("<p><em>Note:</em> {}</p>").format(note) for note in document.notes]
    if document.brief is not None:
        parts.append(Markup(table_html(document.brief)))
    parts += [Markup("<p>{}</p>").format(line) for line in document.brief_lines]
    for section in document.sections:
        if not section.glance or section.personal:
            continue
        parts.append(Markup("<p><strong>{}</strong></p>").format(section.title))
        if section.lead:
            parts.append(Markup("<p>{}</p>").format(section.lead))
        if section.table is not None:
            parts.append(Markup(table_html(section.table)))
        if section.bullets:
            items = Markup("").join(Markup("<li>{}</li>").format(bullet) for bullet in section.bullets)
            parts.append(Markup("<ul>{}</ul>").format(items))
    return str(Markup('<div class="mopskit-result">{}</div>').format(Markup("").join(parts)))


def result_html(result: Any) -> str:
    return notebook_html(document_of(result))


def result_text(result: Any) -> str:
    return render_text(document_of(result)).rstrip("\n")


def _import_type(name: str) -> type | None:
    from importlib import import_module

    module, _, qualname = name.rpartition(".")
    try:
        found = getattr(import_module(module), qualname)
    except (ImportError, AttributeError):
        return None
    return found if isinstance(found, type) else None


def register(types: Iterable[str] | None = None) -> None:
    """Register the notebook views: every result with a document builder, and kit tables.

    The ``mopskit.views`` entry point: :mod:`mopskit.display` calls it the first time a value
    has no view, so a result shows its report without importing this package itself.
    """
    shows(Table, html=table_html, text=table_text)
    for name in types if types is not None else BUILDERS:
        kind = _import_type(name)
        if kind is not None:
            shows(kind, html=result_html, text=result_text)


def cell_value(table: Table, row: int, key: str) -> Any:
    """The typed value of one cell (tests and lessons read tables back)."""
    return raw(table.rows[row].values.get(key))


shows(Table, html=table_html, text=table_text)
