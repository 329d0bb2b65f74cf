"""The course's words: its levels, in order, and how an exercise task is numbered.

``Level`` is defined beside the content that names it (:mod:`mopskit.content.types`) and
found here by the course's code.
"""

from __future__ import annotations

import re

from mopskit.content.types import Level

__all__ = ["LEVELS", "TASK_ID_PATTERN", "Level"]

LEVELS = tuple(level.value for level in Level)
"""The level names in course order."""

TASK_ID_PATTERN = re.compile(r"^(?P<lesson>\d{2})\.(?P<number>\d+)$")
"""A task id: the lesson's two digits, a dot, the task's number ('04.2')."""
