"""Lesson 04 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from mopskit import InputError
from mopskit.exercises import check, hint, known_tasks, reset_hints
from mopskit.exercises import lesson04

SOLUTIONS = Path(__file__).resolve().parent.parent / "exercises" / "solutions" / "04_stack_audit.py"
TASK_IDS = ("04.1", "04.2", "04.3", "04.4")


@pytest.fixture(scope="module")
def solutions() -> dict:
    return runpy.run_path(str(SOLUTIONS))


@pytest.fixture(autouse=True)
def fresh_hints():
    reset_hints()
    yield
    reset_hints()


def test_lesson_declares_four_tasks_with_hints():
    declared = [t for t in known_tasks() if t.id.startswith("04.")]
    assert [t.id for t in declared] == list(TASK_IDS)
    assert all(len(t.hints) >= 2 for t in declared)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_worked_answer_passes(solutions, task_id):
    result = check(task_id, solutions[f"task_{task_id.replace('.', '_')}"])
    assert result.passed, result.message


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_unanswered_says_so(task_id):
    result = check(task_id, ...)
    assert result.status == "unanswered"
    assert "Not answered yet" in result.message


# 04.1 -------------------------------------------------------------------------------


def test_waste_matches_the_formula_of_the_lesson():
    case = lesson04.WASTE_CASE
    by_formula = max(case.seats - case.active_users, 0) * case.annual_cost / case.seats
    assert check("04.1", by_formula).passed
    assert check("04.1", round(by_formula)).passed
    assert not check("04.1", by_formula + 10).passed


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda c: c.annual_cost * c.active_users / c.seats, "seats in use"),
        (lambda c: c.annual_cost / c.active_users, "cost per active user"),
        (lambda c: c.seats - c.active_users, "number of idle seats"),
        (lambda c: c.annual_cost / c.seats, "price of one seat"),
        (lambda c: c.active_users / c.seats, "utilization"),
        (lambda c: 123.0, "seats nobody used"),
    ],
)
def test_waste_mistakes_are_named(wrong, says):
    result = check("04.1", wrong(lesson04.WASTE_CASE))
    assert not result.passed
    assert says in result.message


def test_waste_rejects_text_with_an_example():
    result = check("04.1", "6750 EUR")
    assert not result.passed
    assert "Expected one number" in result.message and "answer = " in result.message


# 04.2 -------------------------------------------------------------------------------


def test_first_to_renew_is_the_trap():
    first_to_renew = min(lesson04.RENEWAL_CASES, key=lambda case: case.renewal_date).tool
    result = check("04.2", first_to_renew.upper())
    assert not result.passed
    assert f"{first_to_renew} renews first" in result.message
    assert "notice deadline is 2026-11-17" in result.message


def test_first_deadline_accepts_case_and_spacing(solutions):
    assert check("04.2", "  " + solutions["task_04_2"].lower() + " ").passed


def test_first_deadline_suggests_a_close_name():
    result = check("04.2", "Analytcs suite")
    assert not result.passed and "Did you mean Analytics suite?" in result.message


# 04.3 -------------------------------------------------------------------------------


def test_overlaps_name_extra_and_unknown_tools(solutions):
    result = check("04.3", [*solutions["task_04_3"], "Slack", "Photoshop"])
    assert not result.passed
    assert "Slack is the only tool in its category (Collaboration)" in result.message
    assert "'Photoshop' is not a tool in the sample inventory" in result.message


def test_overlaps_say_which_categories_are_missing(solutions):
    partial = [name for name in solutions["task_04_3"] if name not in {"Brevo", "Mailchimp"}]
    result = check("04.3", set(partial))
    assert not result.passed
    assert "2 overlapping tools missing, in Email marketing" in result.message


def test_overlaps_accept_a_pandas_series(solutions):
    import pandas as pd

    assert check("04.3", pd.Series(solutions["task_04_3"])).passed


def test_overlaps_reject_a_single_string():
    result = check("04.3", "Brevo, Mailchimp")
    assert not result.passed and "a list (or set) of tool names" in result.message


# 04.4 -------------------------------------------------------------------------------


def test_recommendations_accept_aliases():
    assert check("04.4", {"a": "Cancel", "B": "right-size", "C": "merge", "D": "keep"}).passed


def test_recommendation_mistakes_explain_the_rule_without_the_answer():
    result = check("04.4", {"A": "retire", "B": "retire", "C": "retain", "D": "negotiate"})
    assert not result.passed
    assert result.message.startswith("1 of 4 recommendations")
    assert "'retire' is for a tool nobody signed in to; 14 people used Sales intelligence" in result.message
    assert "'retain' is what is left when no other rule fits" in result.message
    assert "CRM uses 93% of its seats" in result.message
    assert "'negotiate'" not in result.message.split("B (Sales intelligence)")[1].split("\n")[0]


def test_recommendations_name_missing_and_unknown_labels():
    result = check("04.4", {"A": "retire", "E": "retain", "C": "later"})
    assert "There is no tool 'E'" in result.message
    assert "'later' (given for C) is not a recommendation" in result.message
    assert "B (Sales intelligence) has no recommendation yet" in result.message


def test_recommendations_need_a_dictionary():
    result = check("04.4", ["retire", "negotiate", "consolidate", "retain"])
    assert not result.passed and "a dictionary from each label" in result.message


# hints and ids ------------------------------------------------------------------------


def test_hints_step_then_point_to_the_solution_notes():
    total = len(next(t for t in known_tasks() if t.id == "04.2").hints)
    shown = [hint("04.2") for _ in range(total + 1)]
    assert [h.message.split(":")[0] for h in shown[:total]] == [
        f"Hint {n} of {total}" for n in range(1, total + 1)
    ]
    assert shown[-1].exhausted and "solution notes" in shown[-1].message


def test_unknown_task_is_a_clear_error():
    with pytest.raises(InputError, match="no exercise task '04.9'"):
        check("04.9", 1)


def test_case_tables_show_what_the_tasks_describe():
    assert list(lesson04.waste_case().index) == [lesson04.WASTE_CASE.tool]
    assert "notice_deadline" not in lesson04.renewal_cases().columns
    cases = lesson04.recommendation_cases()
    assert list(cases.index) == ["A", "B", "C", "D"]
    assert "Email tool A (9 active of 10 seats)" in cases.loc["C", "other tools in the category"]
