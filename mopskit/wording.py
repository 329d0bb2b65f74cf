"""How the kit words names, counts, lists, money, shares, days and times: one place for each.

Every report, lesson table, check message and recommendation reason words numbers through
these functions, so "EUR 12,345", "35%", "3 days", "2026-10-15 09:00" and "no data" read the
same everywhere. Missing values (None, NaN) are one notion: ``NO_DATA`` in a sentence,
``MISSING`` in a table's cell, unless the caller says what a gap means there
(``missing="n/a"`` for a figure that does not apply). A near miss of a name gets one nudge,
worded once (:func:`did_you_mean`), with one measure of "near" (:data:`CLOSE_ENOUGH`).
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, time
from functools import lru_cache

NO_DATA = "no data"
"""An unknown value, in a sentence."""
MISSING = "–"
"""A table cell with nothing to show: the value is unknown or does not apply."""
CLOSE_ENOUGH = 0.75
"""How alike (0 to 1, difflib's ratio) a misspelt name must be to the right one to suggest it."""

__all__ = [
    "CLOSE_ENOUGH", "MISSING", "NO_DATA", "ZERO_WIDTH", "clock", "closest", "count", "days", "did_you_mean", "fold",
    "join_words", "moment", "money", "percent", "plural", "tidy",
]

# Invisible characters that ride along when a name is pasted from a web page or a PDF.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_DROP_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))


def tidy(text: str) -> str:
    """A name as shown: invisible characters dropped, accents composed (NFC), inner runs of
    spaces made one and ends trimmed ('Hub  Spot ' -> 'Hub Spot')."""
    text = str(text)
    if text.isascii():  # nothing to compose or drop
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text.translate(_DROP_ZERO_WIDTH)).split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name as compared: 'HubSpot ', 'hubspot', 'HUBSPOT', full-width 'ＨｕｂＳｐｏｔ' and 'HubSpot' with a
    zero-width space inside all match, and so do 'Café' with a composed or a combining accent
    (zero-width characters dropped, NFKC, case-folded, spaces tidied).

    Cached: an audit compares the same few thousand names many times over.
    """
    compatible = unicodedata.normalize("NFKC", str(text).translate(_DROP_ZERO_WIDTH))
    return " ".join(unicodedata.normalize("NFKC", compatible.casefold()).split())


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """'1 tool', '3 tools', '1,200 people' (``plural_form`` for irregular nouns)."""
    return f"{number:,} {singular if number == 1 else (plural_form or singular + 's')}"


def days(number: int) -> str:
    """'1 day', '30 days'."""
    return plural(number, "day")


def join_words(parts: Sequence[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': a list the way a sentence says it."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def count(value: int | None, *, missing: str = NO_DATA) -> str:
    """'1,234', or ``missing`` when unknown."""
    return missing if _missing(value) else f"{value:,}"


def money(amount: float | None, currency: str | None, *, cents: bool = False, missing: str = NO_DATA) -> str:
    """'EUR 12,345' (whole units: readers compare magnitudes), 'EUR 2,571.43' with ``cents``;
    no code when the inventory named no currency; ``missing`` when unknown."""
    if _missing(amount):
        return missing
    figure = f"{amount:,.2f}" if cents else f"{amount:,.0f}"
    return f"{currency} {figure}" if currency else figure


def percent(share: float | None, *, missing: str = NO_DATA) -> str:
    """'35%' for 0.35, or ``missing`` when unknown."""
    return missing if _missing(share) else f"{share:.0%}"


def moment(value: datetime | None, *, missing: str = "") -> str:
    """'2026-10-15 09:00': a date and time of day, to the minute, as every table and message says it."""
    return missing if value is None else value.strftime("%Y-%m-%d %H:%M")


def clock(value: time) -> str:
    """'09:00': a time of day."""
    return value.strftime("%H:%M")


def closest(text: str, options: Iterable[str], *, cutoff: float = CLOSE_ENOUGH) -> str | None:
    """The option ``text`` most likely misspells (at least ``cutoff`` alike), or None."""
    found = difflib.get_close_matches(text, list(options), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(text: str, options: Mapping[str, str] | Iterable[str], *, shown: Callable[[str], str] = str,
                 otherwise: str = "") -> str:
    """' Did you mean HubSpot?' when ``text`` is a near miss of an option (a key of ``options``,
    named as ``shown`` names its value, or the option itself), else ``otherwise``."""
    keys = list(options)
    guess = closest(text, keys)
    if guess is None:
        return otherwise
    name = options[guess] if isinstance(options, Mapping) else guess
    return f" Did you mean {shown(name)}?"
