"""Exercises: quizzes, ``check()`` with specific feedback and step-by-step ``hint()``.

In a notebook::

    from mopskit.exercises import check, hint, quiz
    quiz("01-what-is-mops")
    check("01.1", answer)
    hint("01.1")
"""

from mopskit.exercises.checks import Verdict, failed, passed
from mopskit.exercises.quiz import Quiz, QuizScore, quiz
from mopskit.exercises.tasks import CheckResult, Hint, Task, check, get_task, hint, known_tasks, reset_hints, task

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
    "quiz",
    "reset_hints",
    "task",
]
