"""`mopskit progress FOLDER`: a room's progress files as one table; names only on request."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mopskit.content import knowledge
from mopskit.cli import main
from mopskit.lessons import known_tasks
from mopskit.course.progress import FILE_NAME, Ledger, course_lessons

AT = datetime(2026, 11, 29, 14, 5, tzinfo=timezone.utc)
TASKS = known_tasks()
LESSONS = course_lessons(knowledge.syllabus(), TASKS)


def write(path: Path, ledger: Ledger) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ledger.to_json()), encoding="utf-8")
    return path


@pytest.fixture
def room(tmp_path) -> Path:
    folder = tmp_path / "room"
    first = LESSONS[0]
    everything = Ledger("Ana")
    for task_id in first.tasks:
        everything = everything.with_attempt(task_id, True, AT)
    write(folder / "ana" / FILE_NAME, everything)
    stuck = Ledger("Bogdan").with_attempt(first.tasks[0], False, AT).with_attempt(first.tasks[0], False, AT)
    write(folder / "bogdan" / FILE_NAME, stuck)
    write(folder / "carla.json", Ledger())  # no name, nothing tried
    write(folder / "dan" / FILE_NAME, Ledger())  # no name, under its usual file name
    return folder


def test_the_table_numbers_learners_and_keeps_names_out(room, capsys):
    assert main(["progress", str(room)]) == 0
    out = capsys.readouterr().out
    assert "Learner 1" in out and "Learner 4" in out
    assert "Ana" not in out and "Bogdan" not in out
    first = LESSONS[0]
    assert f"{len(first.tasks)}/{len(first.tasks)}" in out  # Ana passed every task of the first lesson
    assert f"0/{len(first.tasks)}" in out
    for lesson in LESSONS:
        assert lesson.id in out
    assert "4 learners: none has passed all" in out and "half have passed" in out


def test_show_names_names_learners_from_their_files(room, capsys):
    assert main(["progress", str(room), "--show-names"]) == 0
    out = capsys.readouterr().out
    assert "Ana" in out and "Bogdan" in out and "carla " in out and "dan " in out


def test_reports_in_every_format_and_json_counts(room, tmp_path):
    outs = [tmp_path / f"progress{suffix}" for suffix in (".html", ".md", ".xlsx", ".json")]
    assert main(["progress", str(room), *[arg for out in outs for arg in ("--out", str(out))]]) == 0
    for out in outs:
        assert out.stat().st_size > 0
    data = json.loads(outs[-1].read_text(encoding="utf-8"))
    assert [learner["learner"] for learner in data["learners"]] == ["Learner 1", "Learner 2", "Learner 3", "Learner 4"]
    first = LESSONS[0]
    assert data["learners"][0]["passed"][first.id] == len(first.tasks)
    assert data["stuck"] == [{"task": first.tasks[0], "learners": 1, "attempts": 2}]
    assert "Ana" not in outs[0].read_text(encoding="utf-8")
    assert "Where people are stuck" in outs[1].read_text(encoding="utf-8")


def test_names_reach_a_report_only_with_show_names(room, tmp_path):
    out = tmp_path / "named.html"
    assert main(["progress", str(room), "--show-names", "--out", str(out)]) == 0
    assert "Ana" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, content", [
    (f"erin/{FILE_NAME}", "{broken"),  # under the kit's own name, it must be a progress file
    (f"erin/{FILE_NAME}", json.dumps({"format": "something-else"})),
    ("zed.json", json.dumps({"format": "mopskit.progress/1", "tasks": {"1.1": {}}})),  # says it is one
])
def test_a_bad_progress_file_exits_2_naming_it(room, name, content, capsys):
    bad = room / name
    bad.parent.mkdir(exist_ok=True)
    bad.write_text(content, encoding="utf-8")
    assert main(["progress", str(room)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err and err.count("\n") == 1


def test_other_json_in_the_folder_is_skipped_with_a_note_naming_it(room, tmp_path, capsys):
    (room / "settings.json").write_text(json.dumps({"theme": "dark", "fontSize": 14}), encoding="utf-8")
    (room / "notes").mkdir()
    (room / "notes" / "draft.json").write_text("{not json", encoding="utf-8")
    assert main(["progress", str(room)]) == 0
    out = capsys.readouterr().out
    assert "Skipped 2 JSON files that are not progress files: notes/draft.json, settings.json." in out
    assert "4 learners" in out
    report = tmp_path / "room.json"
    assert main(["progress", str(room), "--out", str(report)]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["skipped_files"] == ["notes/draft.json", "settings.json"]


def test_a_folder_of_other_json_only_says_what_it_skipped(tmp_path, capsys):
    (tmp_path / "settings.json").write_text("{}", encoding="utf-8")
    assert main(["progress", str(tmp_path)]) == 2
    assert "skipped 1 JSON file that is not a progress file: settings.json" in capsys.readouterr().err


def test_a_progress_file_saved_with_a_byte_order_mark_is_read(room, capsys):
    ledger = Ledger("Bom").with_attempt(LESSONS[0].tasks[0], True, AT)
    (room / "bom").mkdir()
    (room / "bom" / FILE_NAME).write_bytes(b"\xef\xbb\xbf" + json.dumps(ledger.to_json()).encode("utf-8"))
    assert main(["progress", str(room), "--show-names"]) == 0
    out = capsys.readouterr().out
    assert "5 learners" in out and "Bom" in out


def test_an_empty_or_missing_folder_exits_2(tmp_path, capsys):
    assert main(["progress", str(tmp_path)]) == 2
    assert "holds no progress files" in capsys.readouterr().err
    assert main(["progress", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_report_may_not_overwrite_a_progress_file(room, capsys):
    target = room / "carla.json"
    assert main(["progress", str(room), "--out", str(target), "--force"]) == 2
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "mopskit.progress/1"
