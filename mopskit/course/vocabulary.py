"""The course's words: its levels, in order, and how an exercise task is numbered."""

from __future__ import annotations

import re
from enum import StrEnum


class Level(StrEnum):
    """The kit's levels, from a first look to leading a MOps team."""

    FOUNDATIONS = "Foundations"
    PRACTITIONER = "Practitioner"
    LEADER = "Leader"


LEVELS = tuple(level.value for level in Level)
"""The level names in course order."""

TASK_ID_PATTERN = re.compile(r"^(?P<lesson>\d{2})\.(?P<number>\d+)$")
"""A task id: the lesson's two digits, a dot, the task's number ('04.2')."""
