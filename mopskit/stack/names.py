"""How the kit compares names: one folding for tools, apps, categories and departments."""

from __future__ import annotations

from functools import lru_cache


def tidy(text: str) -> str:
    """A name as shown: inner runs of spaces made one, ends trimmed ('Hub  Spot ' -> 'Hub Spot')."""
    return " ".join(str(text).split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name as compared: tidied and case-folded, so 'HubSpot ', 'hubspot' and 'HUBSPOT' match.

    Cached: an audit compares the same few thousand names many times over.
    """
    return tidy(text).casefold()
