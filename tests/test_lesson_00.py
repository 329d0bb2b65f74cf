"""Lesson 00, the tour: its objectives are assessed by its own short quiz, it names the templates
the kit really ships, and it shows the syllabus through one-line calls."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from mopskit import templates
from mopskit.content import knowledge
from mopskit.exercises.quiz import quiz
from mopskit.lessons import lesson00
from mopskit.report.notebook import table_text

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "00-start-here.ipynb"
NUMBER_WORDS = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def cells() -> list:
    return nbformat.read(NOTEBOOK, as_version=4).cells


def markdown() -> str:
    return "\n".join(cell.source for cell in cells() if cell.cell_type == "markdown")


def test_the_tour_names_the_templates_the_kit_ships():
    shipped = templates.list_templates()
    text = markdown()
    assert "more to follow" not in text
    assert f"{NUMBER_WORDS[len(shipped)]} ready-made notebooks" in text


def test_the_tour_has_a_quiz_that_covers_each_objective():
    lesson = knowledge.syllabus().lesson("00")
    bank = quiz("00-start-here")
    assert 'quiz("00-start-here")' in "\n".join(cell.source for cell in cells())
    covered = {question.objective for question in bank.questions}
    assert covered == set(range(1, len(lesson.objectives) + 1))
    assert sum(question.applied for question in bank.questions) * 2 >= len(bank.questions)


def test_the_tour_introduces_aurora_living_and_points_to_lesson_01():
    assert re.search(r"\*\*Aurora Living\*\*.*lesson 01", markdown(), flags=re.DOTALL)


def test_the_syllabus_tables_come_from_one_line_calls():
    code = [cell.source for cell in cells() if cell.cell_type == "code"]
    assert not any("table(" in source or "_frame" in source for source in code)
    assert "Foundations" in table_text(lesson00.levels())
    shown = table_text(lesson00.minutes())
    syllabus = knowledge.syllabus()
    foundations = sum(lesson.minutes for lesson in syllabus.lessons if lesson.level == "Foundations")
    assert re.search(rf"^Foundations\s+\d+\s+{foundations}$", shown, flags=re.MULTILINE)
