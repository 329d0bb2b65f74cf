"""Lesson 01's exercises: worked answers pass, typical mistakes get the specific message."""

from __future__ import annotations

import runpy
from pathlib import Path

import nbformat
import pytest

from mopskit.content import knowledge
from mopskit.lessons import check, hint, known_tasks, reset_hints
from mopskit.lessons import lesson01
from mopskit.course.facts import coordination_hours

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = runpy.run_path(str(ROOT / "exercises" / "solutions" / "01_what_is_mops.py"))
NOTEBOOK = ROOT / "exercises" / "01-what-is-mops.ipynb"
LESSON_TASKS = [declared.id for declared in known_tasks() if declared.id.startswith("01.")]


def solution(task_id: str):
    return SOLUTIONS[f"task_{task_id.replace('.', '_')}"]


def test_lesson_01_has_four_tasks_each_with_a_solution_and_hints():
    assert LESSON_TASKS == ["01.1", "01.2", "01.3", "01.4"]
    for declared in known_tasks():
        if declared.id in LESSON_TASKS:
            assert len(declared.hints) >= 2, declared.id


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_each_worked_answer_passes(task_id):
    result = check(task_id, solution(task_id))
    assert result.passed, result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_each_task_reports_an_ellipsis_as_not_answered(task_id):
    result = check(task_id, ...)
    assert result.status == "unanswered"
    assert "Not answered yet" in result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
@pytest.mark.parametrize("answer", [None, 7, "text", 2.5, [], {}, {"x": object()}, {1, 2}])
def test_no_answer_of_the_wrong_kind_raises(task_id, answer):
    result = check(task_id, answer)
    assert not result.passed
    assert result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_hints_step_through_and_run_out(task_id):
    reset_hints(task_id)
    total = len(next(declared for declared in known_tasks() if declared.id == task_id).hints)
    revealed = [hint(task_id) for _ in range(total + 1)]
    assert [item.number for item in revealed[:total]] == list(range(1, total + 1))
    assert revealed[0].message.startswith(f"Hint 1 of {total}: ")
    assert revealed[-1].exhausted and "solution notes" in revealed[-1].message
    reset_hints(task_id)


# 01.1 ----------------------------------------------------------------------


def test_01_1_accepts_case_spacing_and_aliases():
    variants = {"a": " g2 crowd ", "B": "GARTNER", "c": "Hub Spot", "D": "Sirius Decisions"}
    assert check("01.1", variants).passed
    assert check("01.1", {**solution("01.1"), "D": "Forrester"}).passed


def test_01_1_names_each_wrongly_attributed_definition():
    swapped = {**solution("01.1"), "A": "HubSpot", "C": "G2"}
    result = check("01.1", swapped)
    assert result.summary == "2 of 4 definitions are matched to the right source."
    assert any(
        problem.startswith("A (“Marketing operations is all of the processes") and problem.endswith(
            "is not HubSpot's definition."
        )
        for problem in result.problems
    )
    assert any(problem.startswith("C (“An umbrella term") and "not G2's" in problem for problem in result.problems)


def test_01_1_flags_a_source_used_twice_a_missing_label_and_a_misspelling():
    result = check("01.1", {"A": "Gartner", "B": "Gartner", "C": "Hubspott"})
    assert "You gave Gartner for A and B; each source wrote exactly one of these definitions." in result.problems
    assert "Definition D has no source yet." in result.problems
    assert any("'Hubspott' (given for C)" in problem and "Did you mean HubSpot?" in problem for problem in result.problems)


def test_01_1_material_shows_every_definition_once_without_its_source():
    frame = lesson01.definitions_to_match()
    texts = {entry.text for entry in knowledge.definitions()}
    assert list(frame["Label"]) == ["A", "B", "C", "D"]
    assert set(frame["Definition"]) <= texts and frame["Definition"].is_unique
    assert "Organisation" not in frame.columns


# 01.2 ----------------------------------------------------------------------


def test_01_2_accepts_pillar_names_in_any_case_and_plural():
    variants = {"People": (6, 4, 3), "Processes": ["1", 5], "TECH": {2, 7, 8}}
    assert check("01.2", variants).passed


def test_01_2_counts_and_names_duties_in_the_wrong_pillar():
    wrong = {"people": [3, 4, 5], "process": [1, 6], "technology": [2, 7, 8]}
    result = check("01.2", wrong)
    assert result.summary == "6 of 8 duties are in the right pillar. You put 2 duties in the wrong pillar."
    assert "Duty 5 (“Define metrics and KPIs”) is not mainly a people duty." in result.problems
    assert "Duty 6 (“Coordinate the departments”) is not mainly a process duty." in result.problems


def test_01_2_flags_unknown_pillars_numbers_doubles_and_gaps():
    answer = {"people": [3, 4, 6, 9], "process": [1, 5, 2], "technology": [2, 7], "data": [8]}
    result = check("01.2", answer)
    assert "There is no duty 9; the duties are numbered 1 to 8." in result.problems
    assert any(problem.startswith("'data' is not a pillar") for problem in result.problems)
    assert any(problem.startswith("Duty 2 (") and "is in both process and technology" in problem for problem in result.problems)
    assert any(problem.startswith("Duty 8 (") and "is in no pillar yet" in problem for problem in result.problems)


def test_01_2_material_lists_the_content_duties_in_order():
    frame = lesson01.duties_to_sort()
    duties = knowledge.pillars().duties
    assert list(frame["Number"]) == list(range(1, len(duties) + 1))
    assert list(frame["Duty"]) == [duty.text for duty in duties]


# 01.3 ----------------------------------------------------------------------


def test_01_3_expected_answer_comes_from_the_one_formula():
    assert lesson01.expected_team_coordination_hours() == coordination_hours(
        lesson01.TEAM_SIZE * lesson01.HOURS_PER_PERSON
    )
    low, high = lesson01.expected_team_coordination_hours()
    assert check("01.3", [round(low), round(high)]).passed
    assert check("01.3", (high, low)).passed, "either order is fine"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((32, 36), "Those are one person's hours"),
        ((20, 40), "the time left for everything else"),
        ((16000, 18000), "multiplied by 80 and 90 instead of 0.8 and 0.9"),
        ((0.8, 0.9), "Those are the shares of time"),
        ((80, 90), "Those are the percentages"),
    ],
)
def test_01_3_recognises_typical_mistakes(answer, message):
    result = check("01.3", answer)
    assert not result.passed
    assert any(message in problem for problem in result.problems), result.message


def test_01_3_says_which_end_is_off_and_asks_for_both_ends():
    result = check("01.3", (150, 180))
    assert result.problems == ("The low end, 150, is too low.",)
    midpoint = check("01.3", 170)
    assert "inside the range, but the question asks for both ends" in midpoint.summary
    assert "two numbers" in check("01.3", ("160", "180")).summary


def test_01_3_notebook_prompt_states_the_teams_numbers():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    prompt = next(cell.source for cell in notebook.cells if cell.source.startswith("## Task 01.3"))
    assert f"**{lesson01.TEAM_SIZE} people**" in prompt
    assert f"**{lesson01.HOURS_PER_PERSON} hours**" in prompt


# 01.4 ----------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["CEADB", "c, e, a, d, b", ("C", "E", "A", "D", "B"), ["c", " e", "A", "d", "B"]])
def test_01_4_accepts_lists_and_strings_of_labels(answer):
    assert check("01.4", answer).passed


def test_01_4_order_comes_from_the_content():
    steps = {step.id: step.order for step in knowledge.pillars().strategy_steps}
    orders = [steps[lesson01.STEP_LABELS[label]] for label in lesson01.correct_step_order()]
    assert orders == sorted(orders) == list(range(1, len(steps) + 1))
    frame = lesson01.strategy_steps_to_order()
    assert list(frame["Label"]) == list(lesson01.STEP_LABELS)
    assert list(frame["Step"]) != [step.text for step in knowledge.pillars().strategy_steps], "shuffled"


def test_01_4_counts_steps_in_place_and_says_which_way_to_move():
    result = check("01.4", ["C", "A", "E", "D", "B"])
    assert result.summary == "3 of 5 steps are in the right place."
    assert any(problem.startswith("Position 2: A (“Choose the KPIs") and problem.endswith("comes later in the strategy.") for problem in result.problems)
    assert any(problem.startswith("Position 3: E (") and problem.endswith("comes earlier in the strategy.") for problem in result.problems)


def test_01_4_spots_a_reversed_order_and_incomplete_lists():
    assert check("01.4", ["B", "D", "A", "E", "C"]).summary == "Your order is back to front."
    result = check("01.4", ["C", "C", "X"])
    assert "C appears more than once." in result.problems
    assert "A, B, D and E are missing." in result.problems
    assert "'X' is not a step; the steps are labelled A, B, C, D and E." in result.problems


# the notebook --------------------------------------------------------------


def test_notebook_has_answer_check_and_hint_cells_per_task_and_stores_unanswered_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for task_id in LESSON_TASKS:
        check_cell = next(cell for cell in code if cell.source == f'check("{task_id}", answer)')
        assert any(cell.source == f'hint("{task_id}")' for cell in code)
        index = code.index(check_cell)
        assert code[index - 1].source == "answer = ..."
        stored = check_cell.outputs[0]["data"]
        assert "not answered yet" in stored["text/plain"] and "mopskit-check--unanswered" in stored["text/html"]
