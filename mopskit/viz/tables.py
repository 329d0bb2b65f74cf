"""One table style for the whole kit: the same look in JupyterLab and on the site.

A notebook opened from a fresh clone is untrusted, and JupyterLab then strips every
``<style>`` block from stored outputs (pandas' Styler puts its alignment there), while
it keeps ``style`` attributes. So a kit table carries its look on each cell: text
left-aligned and wrapping, figures right-aligned and never wrapped. The site adds a
scroll box around every table, so a wide one scrolls on a phone instead of the page.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from mopskit.viz.display import NotebookRepr

__all__ = ["Markup", "Table", "table"]

_CELL = "padding:0.4em 0.6em;vertical-align:top;border-bottom:1px solid rgba(128,128,128,0.25);"
_TEXT = "text-align:left;white-space:normal;"
_FIGURE = "text-align:right;white-space:nowrap;"
_HEADER = "font-weight:bold;vertical-align:bottom;border-bottom:2px solid rgba(128,128,128,0.5);"
_HEADER_FIGURE = "text-align:right;white-space:normal;"
_LONG_TEXT = ' class="mopskit-long"'  # the site keeps such a column readable on a phone (extra.css)
_LONG = 60
"""A text column with a cell longer than this many characters keeps a minimum width."""
_TABLE = "border-collapse:collapse;margin:0.5em 0 1em 0;"

_FIGURE_TEXT = re.compile(
    r"^(?:[A-Z]{3}\s)?[-+−]?[€$£]?\s?\d[\d,.\s]*(?:%|\s?[kKmM]|\s?h)?$"  # 12,345 · EUR 1,200 · 85% · 3.5 h
    r"|^\d{4}-\d{2}-\d{2}$"  # an ISO date
    r"|^[-–—]$"  # a dash standing for "none"
)

Formatter = str | Callable[[Any], str]


@dataclass(frozen=True, eq=False)
class Table(NotebookRepr):
    """A table of already-worded cells, ready to show: HTML in a notebook, text elsewhere."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | Markup, ...], ...]
    figures: frozenset[int]
    """Indexes of the columns that hold figures (right-aligned, never wrapped)."""
    table_id: str | None = None
    long_text: frozenset[int] = frozenset()
    """Indexes of the text columns holding sentences: on a phone the site keeps them at a
    minimum width, so the table scrolls sideways instead of stacking one word a line."""

    def _cell(self, index: int) -> str:
        """A cell's class and style attributes (a style, because JupyterLab strips <style>)."""
        long = _LONG_TEXT if index in self.long_text else ""
        return f'{long} style="{_CELL}{_FIGURE if index in self.figures else _TEXT}"'

    def _html_(self) -> str:
        identity = f' id="{escape(self.table_id)}"' if self.table_id else ""
        head = "".join(
            f'<th{_LONG_TEXT if index in self.long_text else ""} '
            f'style="{_CELL}{_HEADER}{_HEADER_FIGURE if index in self.figures else _TEXT}">'
            f"{escape(name.replace('_', ' '))}</th>"  # "annual_cost" may wrap as "annual cost"
            for index, name in enumerate(self.columns)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{self._cell(index)}>{escape(cell)}</td>"
                for index, cell in enumerate(row)
            )
            + "</tr>"
            for row in self.rows
        )
        return (
            f'<table class="mopskit-table"{identity} style="{_TABLE}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_frame(self) -> pd.DataFrame:
        """The worded cells as a DataFrame of text (links reduced to their text)."""
        return pd.DataFrame([[_plain(cell) for cell in row] for row in self.rows], columns=list(self.columns))

    def __repr__(self) -> str:
        if not self.rows:
            return "(empty table: " + ", ".join(self.columns) + ")"
        return self.to_frame().to_string(index=False)


def table(
    frame: pd.DataFrame,
    table_id: str | None = None,
    *,
    formats: Mapping[str, Formatter] | None = None,
) -> Table:
    """``frame`` in the kit's table style. A named index becomes the first column; an
    unnamed one (0, 1, 2, ...) is dropped.

    ``formats`` words a column's values: a format spec such as ``"{:.0%}"`` or a function.
    Blank cells (None, NaN) stay blank. Numeric columns, and columns whose every worded
    value looks like a figure (money, a percentage, a date), are aligned as figures.
    """
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    formats = dict(formats or {})
    unknown = sorted(set(formats) - {str(name) for name in frame.columns})
    if unknown:
        raise KeyError(f"no column {', '.join(map(repr, unknown))} to format")
    columns = tuple(str(name) for name in frame.columns)
    worded = [
        [_word(value, formats.get(name), _thousands(frame.iloc[:, index])) for value in frame.iloc[:, index]]
        for index, name in enumerate(columns)
    ]
    figures = frozenset(
        index
        for index, name in enumerate(columns)
        if _is_numeric(frame.iloc[:, index])
        or (any(worded[index]) and all(not cell or _FIGURE_TEXT.match(str(cell)) for cell in worded[index]))
    )
    rows = tuple(tuple(column[row] for column in worded) for row in range(len(frame)))
    long_text = frozenset(index for index, column in enumerate(worded)
                          if index not in figures and any(len(_plain(cell)) > _LONG for cell in column))
    return Table(columns, rows, figures, table_id, long_text)


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _thousands(series: pd.Series) -> bool:
    """Whether a numeric column needs thousands separators: decided per column, so figures
    line up alike; a column of years or small counts (all under 10,000) goes without."""
    if not _is_numeric(series):
        return False
    largest = series.abs().max()
    return bool(pd.notna(largest) and largest >= 10_000)


def _word(value: Any, formatter: Formatter | None, thousands: bool = False) -> str | Markup:
    if isinstance(value, Markup):
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value) is True):
        return ""
    if formatter is None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return f"{value:,}" if thousands else str(value)
        return str(value)
    return formatter.format(value) if isinstance(formatter, str) else str(formatter(value))


def _plain(cell: str | Markup) -> str:
    return Markup(cell).striptags() if isinstance(cell, Markup) else cell
