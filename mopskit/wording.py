"""How the kit words names, counts, lists, money, shares and days: one place for each.

Every report, lesson table, check message and recommendation reason words numbers through
these functions, so "EUR 12,345", "35%", "3 days" and "no data" read the same everywhere.
Missing values (None, NaN) are one notion, ``NO_DATA``, unless the caller says what a gap
means there (``missing="n/a"`` for a figure that does not apply).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

NO_DATA = "no data"

__all__ = ["NO_DATA", "ZERO_WIDTH", "count", "days", "fold", "join_words", "money", "percent", "plural", "tidy"]

# Invisible characters that ride along when a name is pasted from a web page or a PDF.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_DROP_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))


def tidy(text: str) -> str:
    """A name as shown: invisible characters dropped, accents composed (NFC), inner runs of
    spaces made one and ends trimmed ('Hub  Spot ' -> 'Hub Spot')."""
    return " ".join(unicodedata.normalize("NFC", str(text).translate(_DROP_ZERO_WIDTH)).split())


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
