"""What a learner calls in a notebook: ``check()``, ``hint()``, ``reset_hints()`` and ``progress()``.

``check("01.2", answer)`` finds the lesson module that declares task 01.2 (the lessons
are those of the syllabus, so no module lists its siblings), runs the task's checker and
returns a :class:`~mopskit.exercises.tasks.CheckResult` that a notebook shows as a
friendly message. Checking is pure; the hint counter keeps state once per kernel, and
each answered check adds an attempt to the learner's progress file
(:mod:`~mopskit.course.progress`), which ``progress()`` reads back.
"""

from __future__ import annotations

import importlib
from typing import Any

from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.course import hubreport
from mopskit.course import progress as tracking
from mopskit.course.handout import in_handout
from mopskit.course.vocabulary import TASK_ID_PATTERN
from mopskit.exercises.tasks import (
    CheckResult,
    Hint,
    Task,
    evaluate,
    hint_for,
    registered,
    registered_tasks,
)


FACILITATOR_HAS_IT = "Ask your facilitator to go through the worked answer with you."
"""The last hint in a learners' handout, which holds no solutions."""

_HINTS_SHOWN: dict[str, int] = {}
_LOADED: set[str] = set()


def get_task(task_id: str) -> Task:
    """The task with this id, loading its lesson module on first use."""
    if not isinstance(task_id, str):
        raise InputError(f"a task id is a string like '01.1', not {type(task_id).__name__}")
    task_id = task_id.strip()
    match = TASK_ID_PATTERN.match(task_id)
    if match:
        _load_lesson(match["lesson"])
    found = registered(task_id)
    if found is None:
        _load_all_lessons()
        every = [declared.id for declared in registered_tasks()]
        lesson = task_id.split(".", 1)[0].zfill(2) if "." in task_id else ""
        near = [known for known in every if known.startswith(f"{lesson}.")]
        shown = f"lesson {lesson}'s tasks are {', '.join(near)}" if near else f"the tasks are {', '.join(every) or 'none'}"
        padded = f"{lesson}.{task_id.split('.', 1)[1]}" if "." in task_id else ""
        meant = f"did you mean '{padded}'? " if padded in every else ""
        raise InputError(f"there is no exercise task '{task_id}'; {meant}{shown}")
    return found


def known_tasks() -> tuple[Task, ...]:
    """Every declared task, in lesson and number order."""
    _load_all_lessons()
    return registered_tasks()


def check(task_id: str, answer: Any) -> CheckResult:
    """Check ``answer`` for ``task_id``; never raises for a wrong or unfinished answer.

    A right or wrong answer (not an unanswered ``...``) is recorded in the progress file and,
    on a JupyterHub with the room's progress service, reported to it."""
    result = evaluate(get_task(task_id), answer)
    if result.status != "unanswered":
        ledger = tracking.record(result.task_id, result.passed)
        if ledger is not None:
            hubreport.send(ledger)
    return result


def course() -> tuple[tuple[tracking.Lesson, ...], dict[str, str]]:
    """The syllabus' lessons with their declared tasks, and each task's title by id: what a progress
    report (a learner's, a room's, the hub's live view) counts against."""
    tasks = known_tasks()
    return tracking.course_lessons(knowledge.syllabus(), tasks), {declared.id: declared.title for declared in tasks}


class _ProgressCall:
    """``progress()`` shows the learner's progress; ``progress.set_name("Ana")`` names the file."""

    def __call__(self) -> tracking.Progress:
        """Per lesson with exercises: tasks passed of total, level and last activity."""
        lessons, _titles = course()
        return tracking.learner_progress(lessons, known_tasks())

    def set_name(self, name: str | None) -> None:
        """Put your name in the progress file, for a facilitator's room report (None removes it)."""
        tracking.save_name(name)

    def export(self, path: str | None = None) -> tracking.HandIn:
        """Save a copy of your progress you can see and hand in: ``my-progress.json`` beside
        this notebook, or ``path``. An earlier copy is replaced."""
        return tracking.export(path)

    def __repr__(self) -> str:
        return "progress()"


progress = _ProgressCall()


def hint(task_id: str) -> Hint:
    """Reveal the next hint for ``task_id``; after the last, point to the solution notes."""
    current = get_task(task_id)
    shown = _HINTS_SHOWN.get(current.id, 0)
    revealed = hint_for(current, shown, **({"answer_is": FACILITATOR_HAS_IT} if in_handout() else {}))
    if not revealed.exhausted:
        _HINTS_SHOWN[current.id] = shown + 1
    return revealed


def reset_hints(task_id: str | None = None) -> None:
    """Start the hints again from the first, for one task or for all."""
    if task_id is None:
        _HINTS_SHOWN.clear()
    else:
        _HINTS_SHOWN.pop(get_task(task_id).id, None)


def _load_lesson(lesson: str) -> None:
    """Import ``lesson{NN}`` (a module or a package) if it exists: importing a lesson declares its tasks."""
    if lesson in _LOADED:
        return
    name = f"{__package__}.lesson{lesson}"
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
    _LOADED.add(lesson)


def _load_all_lessons() -> None:
    for lesson in knowledge.syllabus().lessons:
        _load_lesson(lesson.id)
