"""Self-checking exercise tasks: registration, ``check()`` and step-by-step ``hint()``.

A lesson module (``lesson01.py``, ``lesson04.py``, ...) declares its tasks with
:func:`task`; ``check("01.2", answer)`` finds the lesson module from the id, runs the
task's checker and returns a :class:`CheckResult` that a notebook shows as a friendly
message. Checking is pure; only the hint counter keeps state, once per kernel.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from mopskit.errors import InputError
from mopskit.exercises.checks import Verdict
from mopskit.wording import join_words

TASK_ID_PATTERN = re.compile(r"^(?P<lesson>\d{2})\.(?P<number>\d+)$")
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

    def __post_init__(self) -> None:
        if not TASK_ID_PATTERN.match(self.id):
            raise ValueError(f"task id '{self.id}' must look like '01.2'")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of ``check()``: shown in a notebook as a friendly, specific message."""

    task_id: str
    title: str
    status: Status
    summary: str
    problems: tuple[str, ...] = ()
    suggestion: str | None = None

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

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from mopskit.exercises.render import check_result_text

        printer.text(check_result_text(self))

    def _repr_html_(self) -> str:
        from mopskit.exercises.render import check_result_html

        return check_result_html(self)


@dataclass(frozen=True)
class Hint:
    """One revealed hint ("Hint 1 of 3: ..."), or the note that none are left."""

    task_id: str
    number: int
    total: int
    text: str

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

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from mopskit.exercises.render import hint_text

        printer.text(hint_text(self))

    def _repr_html_(self) -> str:
        from mopskit.exercises.render import hint_html

        return hint_html(self)


_REGISTRY: dict[str, Task] = {}
_HINTS_SHOWN: dict[str, int] = {}


def register(new_task: Task) -> Task:
    """Add a task to the registry; an id may be declared only once."""
    existing = _REGISTRY.get(new_task.id)
    if existing is not None and existing.checker is not new_task.checker:
        raise ValueError(f"task '{new_task.id}' is declared twice")
    _REGISTRY[new_task.id] = new_task
    return new_task


def task(task_id: str, title: str, *, hints: Sequence[str] = ()) -> Callable[[Checker], Checker]:
    """Decorator that registers the decorated function as the checker of ``task_id``."""

    def decorate(checker: Checker) -> Checker:
        register(Task(task_id, title, checker, tuple(hints)))
        return checker

    return decorate


def get_task(task_id: str) -> Task:
    """The task with this id, loading its lesson module on first use."""
    if not isinstance(task_id, str):
        raise InputError(f"a task id is a string like '01.1', not {type(task_id).__name__}")
    task_id = task_id.strip()
    match = TASK_ID_PATTERN.match(task_id)
    if match:
        _load_lesson(match["lesson"])
    if task_id not in _REGISTRY:
        _load_all_lessons()
        known = ", ".join(sorted(_REGISTRY, key=_task_sort_key)) or "none"
        raise InputError(f"there is no exercise task '{task_id}'; known tasks: {known}")
    return _REGISTRY[task_id]


def known_tasks() -> tuple[Task, ...]:
    """Every declared task, in lesson and number order."""
    _load_all_lessons()
    return tuple(_REGISTRY[task_id] for task_id in sorted(_REGISTRY, key=_task_sort_key))


def check(task_id: str, answer: Any) -> CheckResult:
    """Check ``answer`` for ``task_id``; never raises for a wrong or unfinished answer."""
    current = get_task(task_id)
    unanswered = _unanswered_parts(answer)
    if unanswered is True:
        return CheckResult(
            current.id,
            current.title,
            "unanswered",
            "Not answered yet: replace the `...` with your answer, then run this cell again.",
        )
    if unanswered:
        return CheckResult(
            current.id,
            current.title,
            "unanswered",
            f"Not answered yet: {join_words(unanswered)} still {'says' if len(unanswered) == 1 else 'say'} `...`.",
            suggestion="Fill in every part, then run this cell again.",
        )
    verdict = current.checker(answer)
    return CheckResult(
        current.id,
        current.title,
        "passed" if verdict.passed else "failed",
        verdict.summary,
        verdict.problems,
        verdict.suggestion,
    )


def hint(task_id: str) -> Hint:
    """Reveal the next hint for ``task_id``; after the last, point to the solution notes."""
    current = get_task(task_id)
    shown = _HINTS_SHOWN.get(current.id, 0)
    total = len(current.hints)
    if shown < total:
        _HINTS_SHOWN[current.id] = shown + 1
        return Hint(current.id, shown + 1, total, current.hints[shown])
    seen = f"you have seen all {total}" if total else "this task has none"
    return Hint(
        current.id,
        total + 1,
        total,
        f"No more hints for task {current.id} ({seen}). The worked answer is in {SOLUTION_NOTES}.",
    )


def reset_hints(task_id: str | None = None) -> None:
    """Start the hints again from the first, for one task or for all."""
    if task_id is None:
        _HINTS_SHOWN.clear()
    else:
        _HINTS_SHOWN.pop(get_task(task_id).id, None)


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


def _task_sort_key(task_id: str) -> tuple[int, int]:
    match = TASK_ID_PATTERN.match(task_id)
    return (int(match["lesson"]), int(match["number"])) if match else (10**6, 0)


def _load_lesson(lesson: str) -> None:
    try:
        importlib.import_module(f"mopskit.exercises.lesson{lesson}")
    except ModuleNotFoundError as error:
        if error.name != f"mopskit.exercises.lesson{lesson}":
            raise


def _load_all_lessons() -> None:
    import mopskit.exercises as package

    for module in pkgutil.iter_modules(package.__path__):
        if re.fullmatch(r"lesson\d{2}", module.name):
            importlib.import_module(f"mopskit.exercises.{module.name}")
