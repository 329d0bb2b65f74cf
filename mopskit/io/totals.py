"""A spreadsheet's total row: the sum of the rows above it, which no reader may count again.

People add one at the bottom of an inventory or a time log (often with a SUM whose value a
program that does not calculate never saved). The table reader leaves such a row out and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mopskit.wording import fold

__all__ = ["TOTAL_LABELS", "total_label", "total_note"]


TOTAL_LABELS = frozenset({
    "total", "totals", "grand total", "subtotal", "sub total", "sum", "sum total", "overall total",
    "totale", "totale generale", "totale complessivo", "gesamt", "summe", "gesamtsumme",
    "total general", "total général", "totaal", "suma", "sumă", "suma totala", "sumă totală",
})
"""What a spreadsheet's total row says in its first filled cell (English, Italian, German, Spanish,
French, Dutch, Romanian), compared as column names are (case, width and spacing aside)."""


_TOTAL_INITIALS = frozenset(label[0] for label in TOTAL_LABELS)


def total_label(cells: Sequence[Any]) -> str | None:
    """'Total' when the row's first filled cell says it is a total row (the sum of the rows above, which
    no reader may count again); None for any other row."""
    for value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str) or value.lstrip()[:1].casefold() not in _TOTAL_INITIALS:
            return None  # the common case, decided without folding
        return value.strip() if " ".join(re.sub(r"[-_:.]", " ", fold(value)).split()) in TOTAL_LABELS else None
    return None


def total_note(totals: Sequence[tuple[int, Sequence[Any]]]) -> tuple[str, ...]:
    if not totals:
        return ()
    numbers = ", ".join(str(number) for number, _cells in totals)
    label = total_label(totals[0][1])
    one = len(totals) == 1
    return (f"Left out row{'' if one else 's'} {numbers} ('{label}'): {'it looks' if one else 'they look'} like "
            f"a total, and the totals here are worked out from the other rows.",)
