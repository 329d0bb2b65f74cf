"""The course holds together: every objective is assessed, quizzes ask for thought rather than
cues, and each lesson's facilitator timing adds up to the minutes the syllabus gives it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mopskit.content import knowledge
from mopskit.content.types import Level, SyllabusLesson
from mopskit.exercises.quiz import Question, quiz
from mopskit.exercises.tasks import Task
from mopskit.lessons.session import known_tasks

ROOT = Path(__file__).resolve().parent.parent
FACILITATORS = ROOT / "docs" / "facilitators.md"
LESSONS = knowledge.syllabus().available
ABSOLUTE = re.compile(r"\b(always|never|every|everyone|everything|only|all|none|nothing|nobody)\b", re.IGNORECASE)
RULE_CODE = re.compile(r"\b[A-Z]{3,}[0-9]{3}\b")
SECONDS_PER_QUESTION = 30


def questions_of(lesson: SyllabusLesson) -> tuple[Question, ...]:
    bank = f"{lesson.id}-{lesson.slug}"
    if f"quiz-{bank}" not in knowledge.names():
        return ()
    return quiz(bank).questions


def tasks_of(lesson: SyllabusLesson) -> tuple[Task, ...]:
    return tuple(task for task in known_tasks() if task.lesson == lesson.id)


def assessed(lesson: SyllabusLesson) -> set[int]:
    numbers: set[int] = set()
    for task in tasks_of(lesson):
        numbers.update(task.objectives)
    numbers.update(question.objective for question in questions_of(lesson) if question.objective)
    return numbers


def words(text: str) -> str:
    """Markdown flattened to words, for comparing a notebook's text with the syllabus."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_the_lesson_opens_with_its_objectives(lesson: SyllabusLesson) -> None:
    assert lesson.objectives, f"syllabus.yaml: lesson {lesson.id} lists no objectives"
    notebook = json.loads((ROOT / "notebooks" / lesson.filename).read_text(encoding="utf-8"))
    opening = words("".join(notebook["cells"][0]["source"]))
    missing = [text for text in lesson.objectives if words(text) not in opening]
    assert not missing, f"notebooks/{lesson.filename}: the first cell does not list {missing}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_objective_is_assessed_by_a_task_or_a_question(lesson: SyllabusLesson) -> None:
    count = len(lesson.objectives)
    claimed = assessed(lesson)
    beyond = sorted(number for number in claimed if number > count)
    assert not beyond, f"lesson {lesson.id} has {count} objectives; tasks or questions name {beyond}"
    unassessed = [f"{number}. {lesson.objectives[number - 1]}" for number in range(1, count + 1)
                  if number not in claimed]
    assert not unassessed, f"lesson {lesson.id}: no task or quiz question assesses {unassessed}"


@pytest.mark.parametrize("lesson", [lesson for lesson in LESSONS if questions_of(lesson)], ids=lambda lesson: lesson.id)
def test_a_quiz_asks_for_thought_not_cues(lesson: SyllabusLesson) -> None:
    questions = questions_of(lesson)
    wrong = [option.text for question in questions for option in question.options if not option.correct]
    absolute = [text for text in wrong if ABSOLUTE.search(text)]
    assert len(absolute) * 100 <= 15 * len(wrong), (
        f"lesson {lesson.id}: {len(absolute)} of {len(wrong)} wrong options carry an absolute word "
        f"(at most 15%), a cue to rule them out unread: {absolute}")
    codes = [question.id for question in questions
             if RULE_CODE.search(question.prompt) or any(RULE_CODE.search(option.text) for option in question.options)]
    assert not codes, f"lesson {lesson.id}: questions {codes} ask about a lint rule's code, not the idea"
    applied = [question for question in questions if question.applied]
    assert len(applied) * 2 >= len(questions), (
        f"lesson {lesson.id}: {len(applied)} of {len(questions)} questions apply an idea to a new case; "
        "at least half should")
    unlinked = [question.id for question in questions if question.objective is None]
    assert not unlinked, f"lesson {lesson.id}: questions {unlinked} name no objective"


def test_the_absolute_word_rule_reads_whole_words() -> None:
    assert ABSOLUTE.search("It is never the vendor") and ABSOLUTE.search("Only the sponsor")
    assert not ABSOLUTE.search("the overall plan") and not ABSOLUTE.search("a nonevent")


# --------------------------------------------------------------------------- timing


@dataclass(frozen=True)
class Timing:
    total: int  # the "Total: N minutes" the section states
    rows: tuple[tuple[str, int], ...]  # each part and its minutes


def facilitator_timings() -> dict[str, Timing]:
    """Each lesson's section of the facilitators' guide: its stated total and its table."""
    text = FACILITATORS.read_text(encoding="utf-8")
    sections = re.split(r"^## Lesson (\d{2}) ", text, flags=re.MULTILINE)
    found = {}
    for lesson_id, body in zip(sections[1::2], sections[2::2], strict=True):
        body = body.split("\n## ", 1)[0]
        total = re.search(r"\*\*Total: (\d+) minutes", body)
        rows = []
        for line in body.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if line.startswith("|") and len(cells) >= 2 and cells[1].isdigit():
                rows.append((cells[0], int(cells[1])))
        found[lesson_id] = Timing(int(total.group(1)) if total else -1, tuple(rows))
    return found


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_the_facilitators_timing_adds_up_to_the_syllabus(lesson: SyllabusLesson) -> None:
    timing = facilitator_timings().get(lesson.id)
    assert timing is not None, f"docs/facilitators.md has no section '## Lesson {lesson.id} …'"
    assert timing.total == lesson.minutes, (
        f"docs/facilitators.md says lesson {lesson.id} takes {timing.total} minutes; the syllabus says {lesson.minutes}")
    summed = sum(minutes for _, minutes in timing.rows)
    assert summed == lesson.minutes, (
        f"docs/facilitators.md: lesson {lesson.id}'s table sums to {summed} minutes, not {lesson.minutes}")
    questions = len(questions_of(lesson))
    if questions:
        quiz_minutes = sum(minutes for part, minutes in timing.rows if part.lower().startswith("quiz"))
        assert quiz_minutes * 60 >= questions * SECONDS_PER_QUESTION, (
            f"lesson {lesson.id}: {questions} quiz questions in {quiz_minutes} minutes "
            f"(at least {SECONDS_PER_QUESTION} s each)")
    if tasks_of(lesson):
        exercises = [part for part, _ in timing.rows if part.lower().startswith("exercise")]
        assert exercises, f"lesson {lesson.id}: the exercise notebook has no row in the timing, so no time"


def test_the_timing_reader_sees_rows_and_totals() -> None:
    timings = facilitator_timings()
    assert set(timings) >= {lesson.id for lesson in LESSONS}
    assert all(timing.rows for timing in timings.values())


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize("lesson", knowledge.syllabus().lessons, ids=lambda lesson: lesson.id)
def test_a_lesson_builds_only_on_lessons_at_its_level_or_below(lesson: SyllabusLesson) -> None:
    order = list(Level)
    syllabus = knowledge.syllabus()
    higher = [required for required in lesson.prerequisites
              if order.index(syllabus.lesson(required).level) > order.index(lesson.level)]
    assert not higher, f"lesson {lesson.id} ({lesson.level}) needs {higher}, at a higher level"
