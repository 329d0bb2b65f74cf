"""The course's lessons, one module or package each (their tasks, tables and scenarios), and
what a learner calls in an exercise notebook::

    from mopskit.lessons import check, hint, quiz, lesson01
    quiz("01-what-is-mops")
    check("01.1", answer)
    hint("01.1")
    progress()             # tasks passed per lesson, kept in .mopskit-progress.json
"""

from mopskit.exercises.quiz import quiz
from mopskit.lessons.session import check, get_task, hint, known_tasks, progress, reset_hints

__all__ = ["check", "get_task", "hint", "known_tasks", "progress", "quiz", "reset_hints"]
