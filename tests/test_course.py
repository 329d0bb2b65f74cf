"""One course: every available lesson has the same parts, and they agree with the syllabus.

The parts are those a learner and a facilitator rely on: level, timing and prerequisites up
front; objectives; a Challenge and a Discussion; a quiz bank; key points; sources; links
onward; at least three checked exercises; and a section in the facilitator guide. Lesson 00
is the orientation (how the kit works), so only its header and timing are checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from mopskit.content import knowledge
from mopskit.content.types import SyllabusLesson
from mopskit.lessons import known_tasks

ROOT = Path(__file__).resolve().parent.parent
ORIENTATION = "00"
LESSONS = list(knowledge.syllabus().available)
TAUGHT = [lesson for lesson in LESSONS if lesson.id != ORIENTATION]
PARTS = {
    "objectives": "**Objectives**",
    "a Challenge": "mopskit-callout--challenge",
    "a Discussion": "mopskit-callout--discussion",
    "key points": "mopskit-callout--key-points",
    "its sources": "## Sources",
    "what next": "## What next",
}


def _name(lesson: SyllabusLesson) -> str:
    return f"{lesson.id}-{lesson.slug}"


def _text(lesson: SyllabusLesson) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / f"{_name(lesson)}.ipynb", as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


def _header_row(text: str, label: str) -> str:
    found = re.search(rf"^\| \*\*{label}\*\* \| (.+?) \|\s*$", text, re.MULTILINE)
    assert found, f"no '{label}' row in the lesson's header table"
    return found[1]


@pytest.mark.parametrize("lesson", LESSONS, ids=_name)
def test_header_level_and_timing_agree_with_the_syllabus(lesson):
    text = _text(lesson)
    assert _header_row(text, "Level") == lesson.level
    minutes = sum(int(number) for number in re.findall(r"(\d+) minutes", _header_row(text, "Timing")))
    assert minutes == lesson.minutes, "the header's minutes add up to the syllabus' minutes"
    required = sorted(set(re.findall(r"\((\d\d)-[\w-]+\.ipynb\)", _header_row(text, "Prerequisites"))))
    assert required == sorted(lesson.prerequisites), "the header links the syllabus' prerequisites"


@pytest.mark.parametrize("lesson", TAUGHT, ids=_name)
def test_every_lesson_has_every_part(lesson):
    text = _text(lesson)
    missing = [part for part, marker in PARTS.items() if marker not in text]
    assert not missing, f"lesson {lesson.id} has no {', '.join(missing)}"
    assert f'lesson_sources("{lesson.id}")' in text, "the Sources box lists the syllabus' sources"
    assert lesson.sources, "the syllabus names the lesson's sources"


@pytest.mark.parametrize("lesson", TAUGHT, ids=_name)
def test_every_lesson_has_a_quiz_bank_it_shows(lesson):
    bank = knowledge.load(f"quiz-{_name(lesson)}")
    assert len(bank["questions"]) >= 5
    assert f'quiz("{_name(lesson)}")' in _text(lesson)


@pytest.mark.parametrize("lesson", TAUGHT, ids=_name)
def test_every_lesson_has_three_checked_exercises_in_its_notebook(lesson):
    tasks = [task for task in known_tasks() if task.id.split(".")[0] == lesson.id]
    assert len(tasks) >= 3, f"lesson {lesson.id} declares {len(tasks)} checked tasks"
    exercises = nbformat.read(ROOT / "exercises" / f"{_name(lesson)}.ipynb", as_version=4)
    calls = "\n".join(cell.source for cell in exercises.cells if cell.cell_type == "code")
    unused = [task.id for task in tasks if f'check("{task.id}"' not in calls]
    assert not unused, f"tasks never checked in the exercise notebook: {unused}"


@pytest.mark.parametrize("lesson", LESSONS, ids=_name)
def test_every_lesson_has_a_facilitator_section(lesson):
    guide = (ROOT / "docs" / "facilitators.md").read_text(encoding="utf-8")
    assert f"## Lesson {lesson.id} — {lesson.title}" in guide
