"""The check framework beneath every lesson's exercises: tasks, verdicts, hints and quizzes.

A lesson declares its tasks with :func:`task` (``mopskit.lessons.lessonNN``); learners call
``check()``, ``hint()``, ``quiz()`` and ``progress()`` from :mod:`mopskit.lessons`.

Imports go one way, values below views: ``checks`` < ``quiz``, ``tasks`` (values) <
``render``, ``widgets`` (views). ``tests/test_exercise_imports.py`` keeps it so.
"""

from mopskit.exercises import render, widgets
from mopskit.exercises.checks import Verdict, failed, passed
from mopskit.exercises.quiz import Quiz, QuizScore, quiz
from mopskit.exercises.tasks import CheckResult, Hint, Task, task

VIEWS = (render, widgets)
"""How results, hints and quizzes show: importing the package registers their views."""

__all__ = ["CheckResult", "Hint", "Quiz", "QuizScore", "Task", "Verdict", "failed", "passed", "quiz", "task"]
