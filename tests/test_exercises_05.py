"""Lesson 05 exercises: the worked answers pass, typical mistakes get the right message, and
every expected answer is what ``mopskit.change.plan`` finds in the exercise plan file."""

from __future__ import annotations

import re

import pytest

from mopskit.lessons import check, hint, known_tasks, lesson05
from mopskit.change.plan import lint, load_plan
from mopskit.change.plan.lint import PRACTICES

TASK_IDS = ("05.1", "05.2", "05.3", "05.4")


def test_the_broken_plan_file_fires_the_rules_the_exercises_use():
    findings = lint(load_plan(lesson05.plan_file("05-broken-plan")))
    codes = [finding.code for finding in findings]
    assert codes.count("RACI002") == 2 and codes.count("RACI001") == 1
    assert {"COMMS001", "RACI004", "ADKAR001"} <= set(codes)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_never_give_the_answer(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    task = next(t for t in known_tasks() if t.id == task_id)
    pairs = answer.items() if isinstance(answer, dict) else [(answer, "")]
    for text in task.hints:
        for key, value in pairs:
            shown = value[0] if isinstance(value, list) else value
            if shown:
                assert not re.search(rf"\b{re.escape(key)}\b[^.]{{0,60}}\b{re.escape(shown)}\b", text), (task_id, text)
            else:
                assert key not in text
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


# 05.1 -------------------------------------------------------------------------------


def test_raci_problems_come_from_the_lint():
    assert lesson05.expected_raci_problems() == {"export": "two accountable", "flows": "no responsible",
                                                 "test": "no accountable"}


def test_raci_accepts_other_words_and_codes():
    assert check("05.1", {"Export": "too many A", "flows": "RACI001", "TEST": "missing accountable"}).passed


def test_a_valid_task_named_as_broken_says_it_follows_the_rules(solutions):
    result = check("05.1", {**solutions["task_05_1"], "import": "no R"})
    assert any("import follows both rules" in problem for problem in result.problems)


def test_a_task_with_two_as_called_no_a_is_told_it_has_two(solutions):
    result = check("05.1", dict(solutions["task_05_1"], export="no A"))
    assert not result.passed and "2 of 3" in result.summary
    assert any("in fact two" in problem for problem in result.problems)


def test_a_missing_task_is_counted_not_named(solutions):
    answer = dict(solutions["task_05_1"])
    del answer["test"]
    result = check("05.1", answer)
    assert any("1 more task breaks a rule" in problem for problem in result.problems)
    assert not any("test" in problem for problem in result.problems)


def test_raci_wrong_shape_and_unknown_problem():
    assert "dictionary" in check("05.1", ["export", "flows"]).summary
    assert any("not one of the three problems" in p for p in check("05.1", {"export": "bad"}).problems)
    assert any("Did you mean 'export'" in p for p in check("05.1", {"exprt": "two A"}).problems)


# 05.2 -------------------------------------------------------------------------------


def test_barriers_come_from_the_model_and_practices_from_the_lint():
    expected = lesson05.expected_barriers()
    assert expected == {"Elena Dumitru": ("desire", "E"), "Sofia Marino": ("ability", "D")}
    choices = lesson05.practice_choices().set_index("Letter")["Practice"]
    assert choices["E"] == PRACTICES["desire"] and choices["D"] == PRACTICES["ability"]


def test_the_lowest_score_is_told_the_barrier_is_the_first():
    result = check("05.2", {"Elena Dumitru": ["reinforcement", "A"], "Sofia Marino": ["ability", "D"]})
    assert not result.passed and "1 of 2" in result.summary
    assert any("lowest score" in problem and "first" in problem for problem in result.problems)


def test_a_practice_for_another_element_is_named(solutions):
    result = check("05.2", dict(solutions["task_05_2"], Elena=["desire", "B"]))
    assert any("practice B works on knowledge, not on desire" in problem for problem in result.problems)


def test_barriers_accept_first_names_and_letters_in_any_case():
    assert check("05.2", {"elena": ("Desire", "e"), "SOFIA": ["ability", " d "]}).passed
    assert any("two values" in p for p in check("05.2", {"Elena Dumitru": "desire"}).problems)


# 05.3 -------------------------------------------------------------------------------


def test_quadrants_come_from_the_model():
    plan = lesson05.broken_plan()
    people = {person.name: person for person in plan.stakeholders}
    assert lesson05.expected_quadrants() == {name: people[name].quadrant for name in lesson05.GRID_PEOPLE}


def test_swapping_satisfied_and_informed_is_explained(solutions):
    result = check("05.3", dict(solutions["task_05_3"], **{"Paolo Greco": "keep informed"}))
    assert not result.passed and "4 of 5" in result.summary
    assert any("Paolo Greco: keep informed is for low power and high interest" in p for p in result.problems)


def test_one_axis_wrong_names_that_axis(solutions):
    result = check("05.3", dict(solutions["task_05_3"], **{"Andrei Ionescu": "keep informed"}))
    assert any("Andrei's interest is low" in problem for problem in result.problems)


def test_quadrants_accept_short_names():
    assert check("05.3", {"Elena": "manage", "Paolo": "satisfied", "Sofia": "informed", "Andrei": "monitor",
                          "Irina": "satisfied"}).passed


# 05.4 -------------------------------------------------------------------------------


def test_the_uninformed_stakeholder_is_comms001s():
    assert lesson05.expected_uninformed() == "Elena Dumitru"


def test_a_stakeholder_outside_manage_closely_or_reached_is_told_why():
    assert "keep satisfied" in check("05.4", "Irina Lungu").summary
    assert "audience of a planned message" in check("05.4", "Francesca Bianchi").summary
    assert "Did you mean Elena Dumitru" in check("05.4", "Elena Dumitr").summary


def test_hints_and_the_lint_cell_are_stored_without_output_so_nothing_shows_before_asked():
    from pathlib import Path

    import nbformat

    path = Path(__file__).resolve().parent.parent / "exercises" / "05-change-management.ipynb"
    cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    asked = [cell for cell in cells if "hint(" in cell.source or "lint(draft)" in cell.source]
    assert len(asked) == len(TASK_IDS) + 1
    for cell in asked:
        assert cell.outputs == [], cell.source
    (listing,) = (cell for cell in asked if "lint(draft)" in cell.source)
    assert "run-by-learner" in listing.metadata.get("tags", ())
