"""Lesson 00, "Start here": the tables the tour shows, one call per cell.

Everything comes from ``syllabus.yaml``, the same file the website and the agendas read, so the
levels, lessons and minutes on this page always match the course as it is.
"""

from __future__ import annotations

from mopskit.course.facts import Syllabus, levels_frame, minutes_by_level, syllabus
from mopskit.report.document import Table
from mopskit.report.notebook import table

__all__ = ["course", "levels", "minutes"]


def levels() -> Table:
    """The course's three levels, each with what it covers."""
    return table(levels_frame(), "levels")


def course() -> Syllabus:
    """Every lesson, its level and its length, with a link to each available one."""
    return syllabus()


def minutes() -> Table:
    """How many lessons and minutes each level takes, exercises included."""
    return table(minutes_by_level())
