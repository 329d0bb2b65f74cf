"""How serious a check's finding is: one word for the plan lint and the post-mortem review alike.

In the ground floor so both capabilities use it without one importing the other.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Severity"]


class Severity(StrEnum):
    """A finding's weight, most serious first (findings sort by it)."""

    ERROR = "error"  # must be fixed: a plan lint fails, a post-mortem is not ready to share
    WARNING = "warning"  # worth a look
    INFO = "info"  # advice (an ADKAR barrier point)
