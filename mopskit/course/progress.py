"""A learner's progress through the exercises, kept in one small file beside the notebooks.

Every ``check()`` that gets an answer (right or wrong) adds an attempt to
``.mopskit-progress.json`` in the notebook's working folder: no server, no account, and a
name only if the learner gives one (``progress.set_name("Ana")`` or the ``MOPSKIT_LEARNER``
environment variable). ``MOPSKIT_PROGRESS_FILE`` names another file, or ``off`` turns
recording off (the kit's own tests and notebook runs do so, so the repository stays clean).

Recording never breaks a check: a file that cannot be read is kept aside as
``….corrupt``, said once, and a new file starts with the new attempt; a folder that
cannot be written is said once. Writes are atomic, so a crash leaves the old file or the
new one, never half of one.

The values here are pure: :class:`Ledger` (what a file holds), :class:`Progress` (one
learner's table per lesson) and :class:`RoomProgress` (a room's files side by side, for
``mopskit progress FOLDER``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from mopskit.content.types import Syllabus
from mopskit.course.vocabulary import LEVELS, TASK_ID_PATTERN
from mopskit.display import NotebookRepr
from mopskit.errors import InputError
from mopskit.wording import plural


class Task(Protocol):
    """What progress needs of an exercise task: its id, its lesson and its level."""

    @property
    def id(self) -> str: ...

    @property
    def lesson(self) -> str: ...

    @property
    def level(self) -> str: ...

FILE_NAME = ".mopskit-progress.json"
FORMAT = "mopskit.progress/1"
FILE_VARIABLE = "MOPSKIT_PROGRESS_FILE"
NAME_VARIABLE = "MOPSKIT_LEARNER"
OFF = "off"
MAX_NAME = 60

_REPORTED: set[str] = set()
"""Files whose problem was already said in this kernel: each is said once."""


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class TaskRecord:
    """What a learner did on one task: attempts, whether any passed, the last result and when."""

    task: str
    attempts: int
    passed: bool
    last_result: str  # "passed" or "failed"
    last: datetime


@dataclass(frozen=True)
class Ledger:
    """What one progress file holds: an optional name and one record per task tried."""

    name: str | None = None
    records: Mapping[str, TaskRecord] = field(default_factory=lambda: MappingProxyType({}))

    def with_attempt(self, task_id: str, passed: bool, at: datetime) -> Ledger:
        """This ledger with one more attempt at ``task_id``; a pass stays a pass."""
        earlier = self.records.get(task_id)
        record = TaskRecord(
            task_id,
            (earlier.attempts if earlier else 0) + 1,
            passed or (earlier.passed if earlier else False),
            "passed" if passed else "failed",
            at,
        )
        return replace(self, records=MappingProxyType({**self.records, task_id: record}))

    def with_name(self, name: str | None) -> Ledger:
        return replace(self, name=name)

    @property
    def last(self) -> datetime | None:
        return max((record.last for record in self.records.values()), default=None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT}
        if self.name:
            data["name"] = self.name
        data["tasks"] = {
            task_id: {
                "attempts": record.attempts,
                "passed": record.passed,
                "last_result": record.last_result,
                "last": _stamp(record.last),
            }
            for task_id, record in sorted(self.records.items())
        }
        return data

    @classmethod
    def from_json(cls, data: Any, *, file: str | os.PathLike[str]) -> Ledger:
        """Read a progress file's content; ``InputError`` naming ``file`` and the place if it is not one."""
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise InputError(f"is not a mopskit progress file (expected \"format\": \"{FORMAT}\")", file=file)
        name = data.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise InputError("'name' must be text", file=file, column="name")
        tasks = data.get("tasks", {})
        if not isinstance(tasks, Mapping):
            raise InputError("'tasks' must map task ids to records", file=file, column="tasks")
        records = {}
        for task_id, entry in tasks.items():
            where = f"tasks.{task_id}"
            if not TASK_ID_PATTERN.match(str(task_id)):
                raise InputError(f"'{task_id}' is not a task id like '01.2'", file=file, column=where)
            if not isinstance(entry, Mapping):
                raise InputError("a task's record must be an object", file=file, column=where)
            attempts, passed, result = entry.get("attempts"), entry.get("passed"), entry.get("last_result")
            if not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 1:
                raise InputError("'attempts' must be a whole number of at least 1", file=file,
                                 column=f"{where}.attempts")
            if not isinstance(passed, bool):
                raise InputError("'passed' must be true or false", file=file, column=f"{where}.passed")
            if result not in ("passed", "failed"):
                raise InputError("'last_result' must be 'passed' or 'failed'", file=file,
                                 column=f"{where}.last_result")
            try:
                last = datetime.fromisoformat(str(entry.get("last")))
            except ValueError:
                raise InputError("'last' must be a date and time like 2026-11-29T14:05:00Z", file=file,
                                 column=f"{where}.last") from None
            if last.tzinfo is None:
                last = last.replace(tzinfo=timezone.utc)
            records[str(task_id)] = TaskRecord(str(task_id), attempts, passed, str(result), last)
        return cls(name.strip() if name else None, MappingProxyType(records))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def when(moment: datetime | None) -> str:
    """'2026-11-29 14:05 UTC', or '–' for never."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if moment else "–"


def progress_path() -> Path | None:
    """Where this kernel records progress: ``MOPSKIT_PROGRESS_FILE``, else the file in the
    working folder; None when recording is off."""
    chosen = os.environ.get(FILE_VARIABLE, "").strip()
    if chosen.lower() == OFF:
        return None
    return Path(chosen) if chosen else Path.cwd() / FILE_NAME


def read_ledger(path: str | os.PathLike[str]) -> Ledger:
    """The ledger in ``path`` (empty if there is no file); ``InputError`` naming it if unreadable."""
    source = Path(path)
    if not source.exists():
        return Ledger()
    return Ledger.from_json(_read_json(source), file=source)


def _read_json(source: Path) -> Any:
    """The JSON in ``source``; a byte-order mark (Notepad writes one) is allowed."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot be read: {getattr(error, 'strerror', None) or error}", file=source) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"is not valid JSON (line {error.lineno}: {error.msg})", file=source) from None


def _progress_data(source: Path) -> Any | None:
    """The JSON of a file the room must read: named as the kit names progress files (then it must
    be one: ``InputError`` otherwise), or saying it is one. None for anything else in the folder (an
    editor's settings, an export): someone else's JSON."""
    if source.name == FILE_NAME:
        return _read_json(source)
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, Mapping) and str(data.get("format", "")).startswith("mopskit.progress") else None


def write_ledger(path: str | os.PathLike[str], ledger: Ledger) -> Path:
    """Write ``ledger`` to ``path`` in one step (the old file or the new one, never half)."""
    from mopskit.io.files import write_atomic

    text = json.dumps(ledger.to_json(), indent=2, ensure_ascii=False) + "\n"
    return write_atomic(path, text.encode("utf-8"), force=True)


def _say_once(path: Path, message: str) -> None:
    key = str(path.resolve())
    if key in _REPORTED:
        return
    _REPORTED.add(key)
    print(f"mopskit progress: {message}", file=sys.stderr)


def _open_for_update(path: Path) -> Ledger:
    """The ledger to add to: the file's, or a new one after the unreadable file is kept aside."""
    try:
        return read_ledger(path)
    except InputError as error:
        kept = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, kept)
            aside = f"it is kept as {kept.name} and"
        except OSError:
            aside = "it could not be moved aside, so"
        _say_once(path, f"{error}; {aside} a new progress file starts with this attempt.")
        return Ledger()


def record(task_id: str, passed: bool, *, path: Path | None = None, now: datetime | None = None) -> Ledger | None:
    """Add one attempt at ``task_id`` to the progress file; never raises. Returns what was
    written, or None when recording is off or the file could not be written."""
    target = path if path is not None else progress_path()
    if target is None:
        return None
    ledger = _open_for_update(target).with_attempt(task_id, passed, now or datetime.now(timezone.utc))
    named = os.environ.get(NAME_VARIABLE, "").strip()
    if named and not ledger.name:
        ledger = ledger.with_name(clean_name(named))
    try:
        write_ledger(target, ledger)
    except (InputError, OSError) as error:
        _say_once(target, f"could not save progress ({error}); checks still work, progress is not kept.")
        return None
    return ledger


def clean_name(name: str | None) -> str | None:
    """A learner's name as the file keeps it: trimmed, at most 60 characters; None or '' for no name."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise InputError(f"a name is text, like 'Ana', not {type(name).__name__}")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise InputError(f"a name has at most {MAX_NAME} characters; this one has {len(name)}")
    return name or None


def save_name(name: str | None, *, path: Path | None = None) -> Ledger | None:
    """Put ``name`` (None to remove it) in the progress file; None when recording is off."""
    target = path if path is not None else progress_path()
    if target is None:
        return None
    ledger = _open_for_update(target).with_name(clean_name(name))
    write_ledger(target, ledger)
    return ledger


EXPORT_NAME = "my-progress.json"
"""The visible copy ``progress.export()`` saves for a learner to hand in."""


@dataclass(frozen=True)
class HandIn:
    """A copy of a learner's progress saved to hand in: where, and what it holds."""

    path: Path
    tried: int
    passed: int
    name: str | None

    def __str__(self) -> str:
        who = (f"named {self.name}" if self.name else
               "without a name (progress.set_name(\"Ana\") adds yours; then export again)")
        return (f"Saved {self.path.name} in {self.path.parent}: {plural(self.tried, 'task')} tried, "
                f"{self.passed} passed, {who}. Hand this file to your facilitator: in JupyterLab, "
                f"right-click it in the file browser and choose Download.")

    def __repr__(self) -> str:
        return str(self)


def export(path: str | os.PathLike[str] | None = None, *, source: Path | None = None) -> HandIn:
    """Copy the progress file to ``path`` (default ``my-progress.json`` in the working folder), a
    file a learner can see, download and hand in; an earlier copy there is replaced."""
    origin = source if source is not None else progress_path()
    if origin is None:
        raise InputError(f"recording is off ({FILE_VARIABLE}={OFF}), so there is no progress to save")
    target = Path(path) if path is not None else Path.cwd() / EXPORT_NAME
    if target.suffix.lower() != ".json":
        raise InputError("a progress file to hand in ends in .json, like my-progress.json", file=target)
    if target.exists() and target.resolve() == origin.resolve():
        raise InputError("is the progress file itself; choose another name, like my-progress.json", file=target)
    ledger = read_ledger(origin)
    write_ledger(target, ledger)
    return HandIn(target, len(ledger.records), sum(record.passed for record in ledger.records.values()),
                  ledger.name)


# --------------------------------------------------------------------------- the course's tasks


@dataclass(frozen=True)
class Lesson:
    """A lesson of the syllabus that has exercises: its id, title, level and task ids."""

    id: str
    title: str
    level: str
    tasks: tuple[str, ...]


def course_lessons(syllabus: Syllabus, tasks: Iterable[Task]) -> tuple[Lesson, ...]:
    """Every available lesson with at least one task, in syllabus order."""
    by_lesson: dict[str, list[str]] = {}
    for declared in tasks:
        by_lesson.setdefault(declared.lesson, []).append(declared.id)
    return tuple(
        Lesson(entry.id, entry.title, entry.level.value, tuple(by_lesson[entry.id]))
        for entry in syllabus.available
        if by_lesson.get(entry.id)
    )


# --------------------------------------------------------------------------- one learner


@dataclass(frozen=True)
class LessonProgress:
    lesson: Lesson
    passed: int
    tried: int
    last: datetime | None

    @property
    def total(self) -> int:
        return len(self.lesson.tasks)


@dataclass(frozen=True)
class Progress(NotebookRepr):
    """One learner's progress: per lesson, tasks passed of total, level and last activity."""

    rows: tuple[LessonProgress, ...]
    by_level: tuple[tuple[str, int, int], ...]  # level, passed, total
    name: str | None = None
    file: str | None = None
    problem: str | None = None

    @property
    def passed(self) -> int:
        return sum(row.passed for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def headline(self) -> str:
        who = f"{self.name}: " if self.name else ""
        levels = "; ".join(f"{level} {passed} of {total}" for level, passed, total in self.by_level)
        return f"{who}{self.passed} of {plural(self.total, 'task')} passed ({levels})."

    def __str__(self) -> str:
        return self._text_()

    def _text_(self) -> str:
        lines = [self.headline()]
        lines += [f"{row.lesson.id} {row.lesson.title} ({row.lesson.level}): {row.passed} of {row.total}"
                  f" passed · last activity {when(row.last)}" for row in self.rows]
        if self.problem:
            lines.append(f"Note: {self.problem}")
        return "\n".join(lines)


def summarise(ledger: Ledger, lessons: Sequence[Lesson], tasks: Iterable[Task], *,
              file: str | None = None, problem: str | None = None) -> Progress:
    """``ledger`` against the course: per lesson and per level, what is passed of what there is."""
    rows = []
    for lesson in lessons:
        records = [ledger.records[task_id] for task_id in lesson.tasks if task_id in ledger.records]
        rows.append(LessonProgress(lesson, sum(record.passed for record in records), len(records),
                                   max((record.last for record in records), default=None)))
    counted = {task_id for lesson in lessons for task_id in lesson.tasks}
    levels: dict[str, list[int]] = {}
    for declared in tasks:
        if declared.id in counted:
            tally = levels.setdefault(declared.level, [0, 0])
            tally[0] += bool(ledger.records.get(declared.id) and ledger.records[declared.id].passed)
            tally[1] += 1
    by_level = tuple((level, *levels[level]) for level in LEVELS if level in levels)
    return Progress(tuple(rows), by_level, ledger.name, file, problem)  # type: ignore[arg-type]


def learner_progress(lessons: Sequence[Lesson], tasks: Sequence[Task], *, path: Path | None = None) -> Progress:
    """What ``progress()`` shows: the kernel's progress file against the course."""
    target = path if path is not None else progress_path()
    if target is None:
        return summarise(Ledger(), lessons, tasks,
                         problem=f"Recording is off ({FILE_VARIABLE}={OFF}): nothing is kept.")
    try:
        ledger, problem = read_ledger(target), None
    except InputError as error:
        ledger, problem = Ledger(), f"{error}; the next check() keeps it aside and starts a new file."
        _say_once(target, problem)
    return summarise(ledger, lessons, tasks, file=str(target), problem=problem)


# --------------------------------------------------------------------------- a room


@dataclass(frozen=True)
class RoomProgress(NotebookRepr):
    """A room's progress files side by side: who is where, lesson by lesson."""

    lessons: tuple[Lesson, ...]
    learners: tuple[tuple[str, Ledger], ...]  # (file, ledger), in file order
    titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    skipped: tuple[str, ...] = ()  # JSON files in the folder that are not progress files

    @property
    def skipped_note(self) -> str | None:
        """'Skipped 2 files that are not progress files: settings.json, export.json.'"""
        if not self.skipped:
            return None
        count = len(self.skipped)
        shown = ", ".join(self.skipped[:5]) + (f" and {count - 5} more" if count > 5 else "")
        what = "is not a progress file" if count == 1 else "are not progress files"
        return f"Skipped {plural(count, 'JSON file')} that {what}: {shown}."

    def label(self, index: int, *, show_users: bool = False) -> str:
        """'Learner 2', or, when names may be shown, the learner's name, else the file's name
        ('carla' for carla.json) or, for a file kept under its usual name, its folder's."""
        file, ledger = self.learners[index]
        if show_users:
            path = Path(file)
            return ledger.name or (path.parent.name if path.name == FILE_NAME else path.stem)
        return f"Learner {index + 1}"

    def passed(self, ledger: Ledger, lesson: Lesson) -> int:
        return sum(1 for task_id in lesson.tasks if (found := ledger.records.get(task_id)) and found.passed)

    @property
    def total(self) -> int:
        return sum(len(lesson.tasks) for lesson in self.lessons)

    def stuck(self) -> tuple[tuple[str, int, int], ...]:
        """Tasks someone tried and has not passed: (task, learners stuck, their attempts), most stuck first."""
        counted: dict[str, list[int]] = {}
        for _file, ledger in self.learners:
            for task_id, found in ledger.records.items():
                if not found.passed and any(task_id in lesson.tasks for lesson in self.lessons):
                    tally = counted.setdefault(task_id, [0, 0])
                    tally[0] += 1
                    tally[1] += found.attempts
        ranked = sorted(counted.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
        return tuple((task_id, people, attempts) for task_id, (people, attempts) in ranked)

    def headline(self) -> str:
        if not self.learners:
            return "No progress files."
        total = sum(len(lesson.tasks) for lesson in self.lessons)
        passed = sorted(sum(self.passed(ledger, lesson) for lesson in self.lessons) for _file, ledger in self.learners)
        done = sum(count == total for count in passed)
        finished = "none has" if done == 0 else "all have" if done == len(passed) else f"{done} have"
        middle = passed[len(passed) // 2]  # at least half have passed this many
        return (f"{plural(len(passed), 'learner')}: {finished} passed all {total} tasks; half have passed "
                f"{middle} or more, the furthest {passed[-1]}.")

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        return {
            "schema": "mopskit.progress-room/1",
            "lessons": [{"id": lesson.id, "title": lesson.title, "level": lesson.level, "tasks": list(lesson.tasks)}
                        for lesson in self.lessons],
            "learners": [
                {"learner": self.label(index, show_users=show_users),
                 "passed": {lesson.id: self.passed(ledger, lesson) for lesson in self.lessons},
                 "last": _stamp(ledger.last) if ledger.last else None}
                for index, (_file, ledger) in enumerate(self.learners)
            ],
            "stuck": [{"task": task_id, "learners": people, "attempts": attempts}
                      for task_id, people, attempts in self.stuck()],
            "skipped_files": list(self.skipped),
        }



def load_room(folder: str | os.PathLike[str], lessons: Sequence[Lesson],
              titles: Mapping[str, str] | None = None) -> RoomProgress:
    """Every ``*.json`` progress file in ``folder`` (and its sub-folders), in path order;
    ``InputError`` naming the first file that is not one."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("is not a folder; give the folder where the progress files were collected", file=root)
    read: list[tuple[Path, Any]] = []
    skipped_paths: list[Path] = []
    for path in sorted(path for path in root.rglob("*.json") if path.is_file()):
        data = _progress_data(path)  # each file read once
        if data is None:
            skipped_paths.append(path)
        else:
            read.append((path, data))
    skipped = tuple(str(path.relative_to(root)) for path in skipped_paths)
    if not read:
        note = RoomProgress((), (), skipped=skipped).skipped_note
        others = f"; {note[0].lower()}{note[1:-1]}" if note else ""
        raise InputError(f"holds no progress files (*.json, such as the learners' {FILE_NAME}){others}", file=root)
    learners = tuple((str(path), Ledger.from_json(data, file=path)) for path, data in read)
    return RoomProgress(tuple(lessons), learners, MappingProxyType(dict(titles or {})), skipped)
