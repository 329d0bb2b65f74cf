"""Every lesson's exercises, the same three promises: each task is declared with staged hints
and a worked answer in ``exercises/solutions/``, the worked answer passes, and a task left
as ``...`` says it is not answered yet (instead of judging it wrong)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from mopskit.lessons import check, known_tasks

SOLUTIONS = Path(__file__).resolve().parent.parent / "exercises" / "solutions"
LESSONS = sorted(path.stem.split("_", 1)[0] for path in SOLUTIONS.glob("[0-9][0-9]_*.py"))
TASKS = [(task.id[:2], task.id) for task in known_tasks() if task.id[:2] in LESSONS]


def solutions_of(lesson: str) -> dict:
    (path,) = SOLUTIONS.glob(f"{lesson}_*.py")
    return runpy.run_path(str(path))


def test_every_lesson_with_solutions_has_tasks():
    with_notebooks = sorted(path.name[:2] for path in (SOLUTIONS.parent).glob("[0-9][0-9]-*.ipynb"))
    assert LESSONS == with_notebooks, "every exercise notebook has a solutions file, and no other file does"
    assert {lesson for lesson, _ in TASKS} == set(LESSONS)


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_task_has_staged_hints_and_a_worked_answer(lesson):
    answers = solutions_of(lesson)
    for task in (task for task in known_tasks() if task.id.startswith(f"{lesson}.")):
        assert len(task.hints) >= 2, task.id
        assert f"task_{task.id.replace('.', '_')}" in answers, task.id


@pytest.mark.parametrize(("lesson", "task_id"), TASKS)
def test_worked_answer_passes(lesson, task_id):
    result = check(task_id, solutions_of(lesson)[f"task_{task_id.replace('.', '_')}"])
    assert result.passed, result.message


@pytest.mark.parametrize(("lesson", "task_id"), TASKS)
def test_unanswered_says_so(lesson, task_id):
    result = check(task_id, ...)
    assert result.status == "unanswered"
    assert "Not answered yet" in result.message
