"""Text from a user's file, made safe for matplotlib to draw as it is written."""

from __future__ import annotations


def plain(text: str) -> str:
    """Input text as matplotlib should draw it: one line, no control characters, and
    ``$`` escaped so a name like "Ads $ Co" is not parsed as maths (which can fail)."""
    return " ".join(text.split()).replace("$", r"\$")
