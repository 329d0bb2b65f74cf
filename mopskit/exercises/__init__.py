"""Exercises: quizzes, ``check()`` with specific feedback and step-by-step ``hint()``.

In a notebook::

    from mopskit.exercises import check, hint, quiz
    quiz("01-what-is-mops")
    check("01.1", answer)
    hint("01.1")
    progress()             # tasks passed per lesson, kept in .mopskit-progress.json

Imports go one way, values below views: ``checks`` < ``quiz``, ``tasks`` (values) <
``render``, ``widgets`` (views) < ``lesson01``, ``lesson04``, ... (tasks of a lesson) <
``session`` (check, hint, progress). ``tests/test_exercise_imports.py`` keeps it so.
"""

from mopskit.exercises.checks import Verdict, failed, passed
from mopskit.exercises.quiz import Quiz, QuizScore, quiz
from mopskit.exercises.session import check, get_task, hint, known_tasks, progress, reset_hints
from mopskit.exercises.tasks import CheckResult, Hint, Task, task

__all__ = [
    "CheckResult",
    "Hint",
    "Quiz",
    "QuizScore",
    "Task",
    "Verdict",
    "check",
    "failed",
    "get_task",
    "hint",
    "known_tasks",
    "passed",
    "progress",
    "quiz",
    "reset_hints",
    "task",
]
