"""Self-checking exercise tasks as values: a task, its result, a hint, and the registry.

A lesson module (``lesson02.py``, or ``lesson04/tasks.py`` in a package) declares its tasks with
:func:`task`; :func:`evaluate` runs a task's checker on an answer and returns a
:class:`CheckResult`. Everything here is pure; ``check()`` and ``hint()``, which find a
task's lesson and count the hints shown, live in :mod:`mopskit.lessons.session`, and
the HTML and text views in :mod:`mopskit.exercises.render`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from mopskit.content import knowledge
from mopskit.course.vocabulary import LEVELS, TASK_ID_PATTERN
from mopskit.display import NotebookRepr
from mopskit.exercises.checks import Verdict
from mopskit.wording import join_words

SOLUTION_NOTES = "the solution notes (exercises/solutions/ in the kit's repository; your facilitator has them)"

Status = Literal["passed", "failed", "unanswered"]

Checker = Callable[[Any], Verdict]


@dataclass(frozen=True)
class Task:
    """One exercise: an id like "01.2", a title, a checker and hints revealed in order."""

    id: str
    title: str
    checker: Checker = field(repr=False)
    hints: tuple[str, ...] = ()
    level: str = ""
    """Foundations, Practitioner or Leader; left empty, the level of the task's lesson."""
    objectives: tuple[int, ...] = ()
    """The numbers of the lesson objectives it assesses (1 for the first), from the syllabus."""
    applied: bool = False
    """True when the learner uses the idea on a case the lesson has not worked (not a lookup)."""

    def __post_init__(self) -> None:
        match = TASK_ID_PATTERN.match(self.id)
        if not match:
            raise ValueError(f"task id '{self.id}' must look like '01.2'")
        if not self.level:
            object.__setattr__(self, "level", lesson_level(match["lesson"]))
        if self.level not in LEVELS:
            raise ValueError(f"task '{self.id}' has level '{self.level}'; a level is one of {join_words(LEVELS, 'or')}")

    @property
    def lesson(self) -> str:
        """The lesson id: "01" for task "01.2"."""
        return self.id.split(".", 1)[0]


def lesson_level(lesson: str) -> str:
    """The syllabus level of a lesson ("" for a lesson the syllabus does not list)."""
    for entry in knowledge.syllabus().lessons:
        if entry.id == lesson:
            return entry.level.value
    return ""


@dataclass(frozen=True)
class CheckResult(NotebookRepr):
    """The outcome of ``check()``: shown in a notebook as a friendly, specific message."""

    task_id: str
    title: str
    status: Status
    summary: str
    problems: tuple[str, ...] = ()
    suggestion: str | None = None
    level: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def message(self) -> str:
        """The whole message as plain text: summary, one line per problem, what to try."""
        lines = [self.summary]
        lines.extend(f"  - {problem}" for problem in self.problems)
        if self.suggestion:
            lines.append(self.suggestion)
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.task_id} {self.title}: {self.message}"



@dataclass(frozen=True)
class Hint(NotebookRepr):
    """One revealed hint ("Hint 1 of 3: ..."), or the note that none are left."""

    task_id: str
    number: int
    total: int
    text: str
    level: str = ""

    @property
    def exhausted(self) -> bool:
        """True once every hint has been shown and this one points to the solution notes."""
        return self.number > self.total

    @property
    def message(self) -> str:
        if self.exhausted:
            return self.text
        return f"Hint {self.number} of {self.total}: {self.text}"

    def __str__(self) -> str:
        return f"{self.task_id}: {self.message}"


_REGISTRY: dict[str, Task] = {}


def register(new_task: Task) -> Task:
    """Add a task to the registry; an id may be declared only once."""
    existing = _REGISTRY.get(new_task.id)
    if existing is not None and existing.checker is not new_task.checker:
        raise ValueError(f"task '{new_task.id}' is declared twice")
    _REGISTRY[new_task.id] = new_task
    return new_task


def task(
    task_id: str, title: str, *, hints: Sequence[str] = (), level: str = "",
    objectives: Sequence[int] = (), applied: bool = False,
) -> Callable[[Checker], Checker]:
    """Decorator that registers the decorated function as the checker of ``task_id``.

    ``level`` overrides the lesson's syllabus level for a task that is harder or easier
    than its lesson (a Leader-level stretch task in a Practitioner lesson)."""

    def decorate(checker: Checker) -> Checker:
        register(Task(task_id, title, checker, tuple(hints), level, tuple(objectives), applied))
        return checker

    return decorate




def registered(task_id: str) -> Task | None:
    """The task declared with this id so far, or None."""
    return _REGISTRY.get(task_id)


def registered_tasks() -> tuple[Task, ...]:
    """Every task declared so far, in lesson and number order."""
    return tuple(_REGISTRY[task_id] for task_id in sorted(_REGISTRY, key=task_sort_key))


def evaluate(current: Task, answer: Any) -> CheckResult:
    """Check ``answer`` against ``current``; never raises for a wrong or unfinished answer."""
    unanswered = _unanswered_parts(answer)
    if unanswered is True:
        return CheckResult(
            current.id,
            current.title,
            "unanswered",
            "Not answered yet: replace the `...` with your answer, then run this cell again.",
            level=current.level,
        )
    if unanswered:
        return CheckResult(
            current.id,
            current.title,
            "unanswered",
            f"Not answered yet: {join_words(unanswered)} still {'says' if len(unanswered) == 1 else 'say'} `...`.",
            suggestion="Fill in every part, then run this cell again.",
            level=current.level,
        )
    verdict = current.checker(answer)
    return CheckResult(
        current.id,
        current.title,
        "passed" if verdict.passed else "failed",
        verdict.summary,
        verdict.problems,
        verdict.suggestion,
        current.level,
    )


def hint_for(current: Task, shown: int, *, answer_is: str = f"The worked answer is in {SOLUTION_NOTES}.") -> Hint:
    """The hint after the ``shown`` already revealed; after the last, ``answer_is``: where the worked
    answer is (the solution notes, or the facilitator in a learners' handout)."""
    total = len(current.hints)
    if shown < total:
        return Hint(current.id, shown + 1, total, current.hints[shown], current.level)
    seen = f"you have seen all {total}" if total else "this task has none"
    return Hint(
        current.id,
        total + 1,
        total,
        f"No more hints for task {current.id} ({seen}). {answer_is}",
        current.level,
    )


def _unanswered_parts(answer: Any) -> bool | list[str]:
    """True if the answer is still ``...``; else the names of parts that still are."""
    if answer is Ellipsis:
        return True
    if isinstance(answer, Mapping):
        parts = [repr(key) for key, value in answer.items() if value is Ellipsis]
        if parts and len(parts) == len(answer):
            return True
        return parts
    if isinstance(answer, (list, tuple)):
        parts = [f"item {index}" for index, value in enumerate(answer, start=1) if value is Ellipsis]
        if parts and len(parts) == len(answer):
            return True
        return parts
    return []


def task_sort_key(task_id: str) -> tuple[int, int]:
    """Lesson, then number: "04.2" before "04.10"."""
    match = TASK_ID_PATTERN.match(task_id)
    return (int(match["lesson"]), int(match["number"])) if match else (10**6, 0)
