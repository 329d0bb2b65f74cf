"""A learner's progress: check() records attempts in a small file, progress() reads it back
against the syllabus, and every task has a level. Files live in tmp folders only."""

from __future__ import annotations

import json
import runpy
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.lessons import check, hint, known_tasks, progress, reset_hints
from mopskit.exercises import task
from mopskit.course import progress as tracking
from mopskit.exercises import render
from mopskit.exercises.tasks import LEVELS, Task, lesson_level

ROOT = Path(__file__).resolve().parent.parent
SYLLABUS = knowledge.syllabus()
AVAILABLE = [lesson.id for lesson in SYLLABUS.available]
AT = datetime(2026, 11, 29, 14, 5, tzinfo=timezone.utc)


def solution(task_id: str):
    lesson = SYLLABUS.lesson(task_id[:2])
    path = ROOT / "exercises" / "solutions" / f"{lesson.id}_{lesson.slug.replace('-', '_')}.py"
    return runpy.run_path(str(path))[f"task_{task_id.replace('.', '_')}"]


@pytest.fixture
def progress_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / tracking.FILE_NAME
    monkeypatch.setenv(tracking.FILE_VARIABLE, str(path))
    monkeypatch.delenv(tracking.NAME_VARIABLE, raising=False)
    tracking._REPORTED.clear()
    return path


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize("declared", known_tasks(), ids=lambda declared: declared.id)
def test_every_registered_task_has_a_valid_level_defaulting_to_its_lesson(declared):
    assert declared.level in LEVELS
    assert SYLLABUS.lesson(declared.lesson).available, f"task {declared.id} belongs to a lesson that is not available"


def test_a_task_takes_its_lessons_level_unless_it_overrides_it():
    assert Task("03.99", "t", lambda answer: None).level == lesson_level("03") == "Practitioner"
    assert Task("03.99", "t", lambda answer: None, level="Leader").level == "Leader"
    with pytest.raises(ValueError, match="level 'Expert'"):
        Task("03.99", "t", lambda answer: None, level="Expert")
    with pytest.raises(ValueError, match="level ''"):
        Task("97.1", "t", lambda answer: None)  # a lesson the syllabus lacks needs an explicit level


def test_the_task_decorator_passes_the_level_override():
    from mopskit.exercises.tasks import _REGISTRY

    @task("96.1", "A stretch task", level="Leader")
    def checker(answer):  # pragma: no cover - never run
        raise AssertionError

    try:
        assert _REGISTRY["96.1"].level == "Leader"
    finally:
        _REGISTRY.pop("96.1")


def test_the_check_and_hint_headers_show_the_level(progress_file):
    first = known_tasks()[0]
    result = check(first.id, ...)
    assert f"({first.level})" in render.check_result_text(result)
    assert f"({first.level})" in result._repr_html_()
    reset_hints(first.id)
    assert f", {first.level})" in hint(first.id)._repr_html_()
    reset_hints(first.id)


# --------------------------------------------------------------------------- recording


def test_check_records_passes_and_failures_but_not_unanswered_cells(progress_file):
    first = known_tasks()[0]
    check(first.id, ...)
    assert not progress_file.exists()
    check(first.id, "certainly not the answer")
    check(first.id, solution(first.id))
    data = json.loads(progress_file.read_text(encoding="utf-8"))
    assert data["format"] == tracking.FORMAT and "name" not in data
    record = data["tasks"][first.id]
    assert (record["attempts"], record["passed"], record["last_result"]) == (2, True, "passed")
    check(first.id, "wrong again")
    record = json.loads(progress_file.read_text(encoding="utf-8"))["tasks"][first.id]
    assert (record["attempts"], record["passed"], record["last_result"]) == (3, True, "failed")


def test_recording_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(tracking.FILE_VARIABLE, "off")
    check(known_tasks()[0].id, "wrong")
    assert list(tmp_path.iterdir()) == []
    assert "Recording is off" in progress()._text_()


def test_by_default_the_file_sits_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(tracking.FILE_VARIABLE, raising=False)
    assert tracking.progress_path() == tmp_path / tracking.FILE_NAME


def test_a_name_is_kept_only_when_the_learner_gives_one(progress_file, monkeypatch):
    first = known_tasks()[0]
    check(first.id, "wrong")
    assert "name" not in json.loads(progress_file.read_text(encoding="utf-8"))
    progress.set_name("  Ana   Pop ")
    data = json.loads(progress_file.read_text(encoding="utf-8"))
    assert data["name"] == "Ana Pop" and data["tasks"][first.id]["attempts"] == 1
    assert progress().name == "Ana Pop"
    progress.set_name(None)
    assert "name" not in json.loads(progress_file.read_text(encoding="utf-8"))
    monkeypatch.setenv(tracking.NAME_VARIABLE, "Ioana")
    check(first.id, "wrong")
    assert json.loads(progress_file.read_text(encoding="utf-8"))["name"] == "Ioana"
    with pytest.raises(InputError, match="at most 60"):
        progress.set_name("x" * 61)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other"}),
                                     json.dumps({"format": tracking.FORMAT, "tasks": {"01.1": {"attempts": 0}}})])
def test_a_corrupt_file_is_said_once_kept_aside_and_the_new_attempt_is_not_lost(progress_file, content, capsys):
    progress_file.write_text(content, encoding="utf-8")
    first = known_tasks()[0]
    check(first.id, "wrong")
    check(first.id, solution(first.id))
    said = capsys.readouterr().err
    assert said.count("mopskit progress:") == 1 and tracking.FILE_NAME in said and "Traceback" not in said
    assert (progress_file.parent / (tracking.FILE_NAME + ".corrupt")).read_text(encoding="utf-8") == content
    record = json.loads(progress_file.read_text(encoding="utf-8"))["tasks"][first.id]
    assert record["attempts"] == 2 and record["passed"] is True


def test_progress_shows_a_corrupt_file_as_a_note_not_a_traceback(progress_file, capsys):
    progress_file.write_text("[]", encoding="utf-8")
    shown = progress()
    assert shown.problem and "not a mopskit progress file" in shown.problem
    assert "not a mopskit progress file" in shown._repr_html_()
    assert capsys.readouterr().err.count("mopskit progress:") == 1


def test_an_unwritable_folder_is_said_once_and_check_still_answers(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(tracking.FILE_VARIABLE, str(tmp_path / "missing-folder" / tracking.FILE_NAME))
    tracking._REPORTED.clear()
    first = known_tasks()[0]
    assert check(first.id, solution(first.id)).passed
    check(first.id, "wrong")
    said = capsys.readouterr().err
    assert said.count("could not save progress") == 1


def test_the_write_is_atomic_and_leaves_no_temporary_file(progress_file):
    for declared in known_tasks()[:3]:
        check(declared.id, "wrong")
    assert sorted(path.name for path in progress_file.parent.iterdir()) == [tracking.FILE_NAME]


# --------------------------------------------------------------------------- progress()


def test_progress_has_one_row_per_available_lesson_with_tasks_and_counts_passes(progress_file):
    tasks = known_tasks()
    with_tasks = sorted({declared.lesson for declared in tasks})
    shown = progress()
    assert [row.lesson.id for row in shown.rows] == [lesson for lesson in AVAILABLE if lesson in with_tasks]
    assert shown.total == len(tasks) and shown.passed == 0
    first, second = tasks[0], tasks[1]
    check(first.id, solution(first.id))
    check(second.id, "wrong")
    shown = progress()
    row = next(row for row in shown.rows if row.lesson.id == first.lesson)
    assert (row.passed, row.tried) == (1, 1 + (second.lesson == first.lesson))
    assert row.last is not None
    assert shown.passed == 1
    assert dict((level, passed) for level, passed, _total in shown.by_level)[first.level] == 1
    assert sum(total for _level, _passed, total in shown.by_level) == len(tasks)
    html = shown._repr_html_()
    assert f"1 of {row.total}" in html and row.lesson.level in html and "UTC" in html


def test_a_ledger_round_trips_through_its_json():
    ledger = tracking.Ledger("Ana").with_attempt("01.1", False, AT).with_attempt("01.1", True, AT)
    again = tracking.Ledger.from_json(json.loads(json.dumps(ledger.to_json())), file="x.json")
    assert again == ledger
    assert ledger.to_json()["tasks"]["01.1"]["last"] == "2026-11-29T14:05:00Z"


@pytest.mark.parametrize(("data", "column"), [
    ({"format": tracking.FORMAT, "tasks": []}, "tasks"),
    ({"format": tracking.FORMAT, "tasks": {"one": {}}}, "tasks.one"),
    ({"format": tracking.FORMAT, "tasks": {"01.1": {"attempts": 1, "passed": "yes", "last_result": "passed",
                                                    "last": "2026-11-29T14:05:00Z"}}}, "tasks.01.1.passed"),
    ({"format": tracking.FORMAT, "tasks": {"01.1": {"attempts": 1, "passed": True, "last_result": "passed",
                                                    "last": "yesterday"}}}, "tasks.01.1.last"),
    ({"format": tracking.FORMAT, "name": 3}, "name"),
])
def test_a_bad_file_names_the_file_and_the_place(data, column):
    with pytest.raises(InputError) as raised:
        tracking.Ledger.from_json(data, file="ana.json")
    assert raised.value.file == "ana.json" and raised.value.column == column
