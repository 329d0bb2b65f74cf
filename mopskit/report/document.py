"""A report as pure values: what it says, not how a format lays it out.

A result (an audit, a time-use summary, later an assessment or a plan) builds one
``Document``; the HTML, Markdown, XLSX and text renderers take it and know nothing of
audits. Values stay typed (numbers, dates, tuples) so a spreadsheet keeps numbers and a
page words them; how a value reads is decided here once, through ``mopskit.wording``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mopskit.display import NotebookRepr
from mopskit.wording import NO_DATA, count, money, percent, plural

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "Card", "Cell", "Chart", "Column", "Document", "Emphasis", "Kind", "Measure", "Row", "Section", "Table",
    "Value", "words",
]


class Kind(StrEnum):
    """What a column holds; alignment, number format and wording follow from it."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"  # a measure with one decimal (hours)
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    LIST = "list"  # names, joined with commas
    SENTENCES = "sentences"  # whole sentences (reasons), joined with spaces or listed
    LABEL = "label"  # one word from a vocabulary (a recommendation), shown as a badge

    @property
    def numeric(self) -> bool:
        return self in (Kind.INTEGER, Kind.NUMBER, Kind.MONEY, Kind.PERCENT)

    @property
    def align(self) -> str:
        """'right' for figures a reader compares down a column, 'left' for the rest."""
        return "right" if self.numeric else "left"


class Emphasis(StrEnum):
    """How much a row asks for attention."""

    STRONG = "strong"  # act on it now
    MUTED = "muted"  # past, kept for the record


def words(value: Any, kind: Kind = Kind.TEXT, *, currency: str | None = None, missing: str = NO_DATA) -> str:
    """How a value of ``kind`` reads in prose and on a page: the one rule every renderer uses."""
    if value is None:
        return missing
    if kind is Kind.MONEY:
        return money(value, currency, missing=missing)
    if kind is Kind.PERCENT:
        return percent(value, missing=missing)
    if kind is Kind.INTEGER:
        return count(value, missing=missing)
    if kind is Kind.NUMBER:
        return f"{value:,.1f}".removesuffix(".0")
    if kind is Kind.DATE:
        return value.isoformat() if isinstance(value, date) else str(value)
    if kind is Kind.LIST:
        return ", ".join(str(item) for item in value)
    if kind is Kind.SENTENCES:
        return " ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """A typed column. ``under`` names the column it qualifies (a nesting layout shows it there,
    small); ``data_only`` columns are for data formats (spreadsheets) and left out of pages;
    ``tones`` map a label to its colour; ``target`` is the share a meter counts as healthy."""

    key: str
    header: str
    kind: Kind = Kind.TEXT
    currency: str | None = None
    missing: str = NO_DATA
    under: str | None = None
    data_only: bool = False
    nested: bool = True  # False: left out where the layout nests (its figure is a note elsewhere)
    strong: bool = False  # the row's name
    tones: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    target: float | None = None
    unit: str | None = None  # what a count counts, for layouts that word it out ("1 tool")
    chars: int | None = None  # typical width in characters, when the header does not tell

    @property
    def align(self) -> str:
        return self.kind.align

    def words(self, value: Any) -> str:
        if isinstance(value, Cell):
            return value.text if value.text is not None else self.words(value.value)
        return words(value, self.kind, currency=self.currency, missing=self.missing)

    def counted(self, value: Any) -> str:
        """'3 tools' where a unit is given, else the plain words."""
        raw = value.value if isinstance(value, Cell) else value
        if self.unit and isinstance(raw, int):
            return plural(raw, self.unit)
        return self.words(value)


@dataclass(frozen=True)
class Cell:
    """A value with the words that replace its default reading ('n/a (not per seat)') and a
    short note a nesting layout shows beneath it ('14 at renewal')."""

    value: Any
    text: str | None = None
    note: str | None = None


Value = Any  # a plain value (str, int, float, date, tuple, None) or a Cell


def raw(value: Value) -> Any:
    """The typed value inside a cell."""
    return value.value if isinstance(value, Cell) else value


@dataclass(frozen=True)
class Row:
    values: Mapping[str, Value]
    emphasis: Emphasis | None = None
    tag: str | None = None  # the row's state in the result's own words ("due"), for styling


@dataclass(frozen=True)
class Table(NotebookRepr):
    """Typed columns and rows of values: a report's table, and any table a lesson shows
    (a notebook shows it through :mod:`mopskit.report.notebook`)."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty: str = "Nothing to show."  # said instead of an empty table
    table_id: str | None = None  # the HTML id, where a page links to the table

    def to_frame(self) -> pd.DataFrame:
        """The cells as shown (worded text), one column per key: what a reader sees, as data."""
        import pandas as pd

        from markupsafe import Markup

        def shown(column: Column, value: Any) -> str:
            words = value if isinstance(value, Markup) else column.words(value)
            return str(Markup(words).striptags()) if isinstance(words, Markup) else words

        return pd.DataFrame(
            [[shown(column, row.values.get(column.key)) for column in self.columns] for row in self.rows],
            columns=[column.key for column in self.columns],
        )

    def __repr__(self) -> str:
        if not self.rows:
            return "(empty table: " + ", ".join(column.header for column in self.columns) + ")"
        return str(self.to_frame().to_string(index=False))

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def flat_columns(self, *, data: bool) -> tuple[Column, ...]:
        """Every column side by side (Markdown, a sheet); ``data`` keeps the data-only ones."""
        return tuple(column for column in self.columns if data or not column.data_only)

    def nested_columns(self) -> tuple[tuple[Column, tuple[Column, ...]], ...]:
        """The columns a nesting layout shows, each with those it carries beneath it."""
        shown = [column for column in self.columns if not column.data_only and column.nested]
        return tuple(
            (column, tuple(other for other in shown if other.under == column.key))
            for column in shown
            if column.under is None
        )


@dataclass(frozen=True)
class Chart:
    """A figure with its title and caption; ``figure`` draws it when a format wants it."""

    title: str
    caption: str
    figure: Callable[[], Figure]


@dataclass(frozen=True)
class Card:
    """A headline figure: '[Annual cost] EUR 42,000 — 4 tools'."""

    label: str
    value: Any
    kind: Kind = Kind.TEXT
    currency: str | None = None
    note: str = ""

    def words(self) -> str:
        return words(self.value, self.kind, currency=self.currency)


@dataclass(frozen=True)
class Measure(Card):
    """A labelled value for the summary table (and sheet), its note after it in brackets;
    ``data_only`` ones only in data formats."""

    data_only: bool = False

    def words(self) -> str:
        text = super().words()
        return f"{text} ({self.note})" if self.note else text


@dataclass(frozen=True)
class Section:
    """A titled part of a report: a lead paragraph, then a table, charts or bullets.

    ``short_title`` is the name where room is short (a sheet tab); ``personal`` marks names
    and emails, present only when a report was asked to show users; ``glance`` sections
    belong to the short form a notebook shows, besides the brief table.
    """

    title: str
    lead: str = ""
    table: Table | None = None
    charts: tuple[Chart, ...] = ()
    bullets: tuple[str, ...] = ()
    short_title: str | None = None
    personal: bool = False
    glance: bool = False  # shown in the short form too (a notebook's view), after the brief table

    @property
    def name(self) -> str:
        return self.short_title or self.title


@dataclass(frozen=True)
class Document:
    """One report, described once.

    ``scope`` phrases say what the figures mean (shown under the title); ``notes`` what they
    rest on (read first); ``cards`` the headline figures; ``figures`` the summary table;
    ``tally`` the totals by decision shown with the cards; ``brief`` and ``brief_lines`` the
    short version a terminal prints; ``definitions`` the terms a reader may look up.
    """

    title: str
    as_of: date | None = None
    scope: tuple[str, ...] = ()
    headline: str = ""
    notes: tuple[str, ...] = ()
    cards: tuple[Card, ...] = ()
    figures: tuple[Measure, ...] = ()
    tally: Table | None = None
    sections: tuple[Section, ...] = ()
    brief: Table | None = None
    brief_lines: tuple[str, ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()

    @property
    def dated_title(self) -> str:
        return f"{self.title} · {self.as_of.isoformat()}" if self.as_of else self.title

    @property
    def subtitle(self) -> str:
        """'As of 2026-10-31 · active means … · amounts are …'."""
        parts = ([f"As of {self.as_of.isoformat()}"] if self.as_of else []) + list(self.scope)
        return " · ".join(parts)
