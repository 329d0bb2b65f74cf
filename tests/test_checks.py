"""The check()/hint() framework: unanswered answers, unknown tasks, hints in steps, rendering."""

from __future__ import annotations

import pytest

from mopskit import InputError
from mopskit.exercises import CheckResult, Task, failed, passed
from mopskit.lessons import check, hint, known_tasks, reset_hints
from mopskit.exercises import tasks as task_registry
from mopskit.wording import join_words
from mopskit.exercises.checks import (
    as_number,
    closest_name,
    match_name,
    name_lookup,
    normalise,
    shorten,
    wrong_shape,
)
from mopskit.exercises.render import check_result_html, check_result_text, hint_html


def _is_forty_two(answer):
    if answer == 42:
        return passed("42 it is.")
    return failed(f"{answer!r} is not the answer.", [f"You gave {answer!r}; <script> is not it."], "Try 42.")


@pytest.fixture
def sample_task():
    """A throw-away task '98.1' with two hints, removed again after the test."""
    declared = task_registry.register(Task(
        "98.1", "The answer", _is_forty_two, ("Think big.", "Six times seven."), level="Foundations"))
    reset_hints()
    yield declared
    task_registry._REGISTRY.pop("98.1", None)
    reset_hints()


def test_a_right_answer_passes_with_its_message(sample_task):
    result = check("98.1", 42)
    assert result.passed and result.status == "passed"
    assert result.message == "42 it is."


def test_a_wrong_answer_fails_with_problems_and_a_suggestion(sample_task):
    result = check("98.1", 41)
    assert not result.passed and result.status == "failed"
    assert result.message == "41 is not the answer.\n  - You gave 41; <script> is not it.\nTry 42."


@pytest.mark.parametrize("answer", [..., {"a": ..., "b": ...}, [..., ...], (...,)])
def test_an_ellipsis_answer_is_not_answered_yet(sample_task, answer):
    result = check("98.1", answer)
    assert result.status == "unanswered" and not result.passed
    assert result.message.startswith("Not answered yet")


def test_a_half_filled_answer_names_the_parts_still_missing(sample_task):
    result = check("98.1", {"a": 1, "b": ..., "c": ...})
    assert result.status == "unanswered"
    assert "'b' and 'c' still say `...`" in result.message
    listed = check("98.1", [1, ..., 3])
    assert "item 2 still says `...`" in listed.message


@pytest.mark.parametrize("task_id", ["99.9", "01.99", "nonsense", "1.1"])
def test_an_unknown_task_is_a_clear_error_listing_known_tasks(task_id):
    with pytest.raises(InputError) as caught:
        check(task_id, 1)
    assert f"no exercise task '{task_id}'" in str(caught.value)
    assert "01.1" in str(caught.value)
    assert caught.value._render_traceback_() == [f"InputError: {caught.value}"], "one line in a notebook"
    if task_id == "1.1":
        assert "did you mean '01.1'? lesson 01's tasks are 01.1, 01.2" in str(caught.value)


def test_a_task_id_must_be_text():
    with pytest.raises(InputError, match="string like '01.1'"):
        check(1.1, 1)  # type: ignore[arg-type]


def test_a_task_is_declared_once_and_ids_have_one_shape(sample_task):
    with pytest.raises(ValueError, match="declared twice"):
        task_registry.register(Task("98.1", "Again", lambda answer: passed("x"), level="Foundations"))
    with pytest.raises(ValueError, match="must look like"):
        Task("98-1", "Bad", _is_forty_two)


def test_hints_reveal_in_steps_then_point_to_the_solution_notes(sample_task):
    first, second, third, fourth = (hint("98.1") for _ in range(4))
    assert first.message == "Hint 1 of 2: Think big."
    assert second.message == "Hint 2 of 2: Six times seven."
    assert third.exhausted and fourth.exhausted
    assert "No more hints for task 98.1 (you have seen all 2)" in third.message
    assert "exercises/solutions/" in third.message


def test_hints_can_be_reset_per_task_or_for_all(sample_task):
    hint("98.1")
    reset_hints("98.1")
    assert hint("98.1").number == 1
    hint("98.1")
    reset_hints()
    assert hint("98.1").number == 1


def test_hints_for_an_unknown_task_are_a_clear_error():
    with pytest.raises(InputError):
        hint("97.1")
    with pytest.raises(InputError):
        reset_hints("97.1")


def test_results_render_as_escaped_html_and_a_plain_text_twin(sample_task):
    result = check("98.1", 41)
    html_text = check_result_html(result)
    assert "mopskit-check--failed" in html_text
    assert "&lt;script&gt;" in html_text and "<script>" not in html_text
    assert "Task 98.1 · The answer — not right yet" in html_text
    assert check_result_text(result) == "✘ Task 98.1 · The answer — not right yet (Foundations)\n" + result.message
    assert result._repr_html_() == html_text
    assert "Hint 1 of 2" in hint_html(hint("98.1"))


def test_results_render_the_same_every_time(sample_task):
    assert check_result_html(check("98.1", 41)) == check_result_html(check("98.1", 41))


def test_known_tasks_are_sorted_by_lesson_and_number():
    ids = [declared.id for declared in known_tasks()]
    assert ids[:4] == ["01.1", "01.2", "01.3", "01.4"]
    assert ids == sorted(ids, key=lambda task_id: tuple(int(part) for part in task_id.split(".")))


def test_check_result_is_immutable(sample_task):
    result: CheckResult = check("98.1", 42)
    with pytest.raises(AttributeError):
        result.status = "failed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [("Sirius Decisions", "forrester"), ("FORRESTER / siriusdecisions", "forrester"), ("g2 crowd", "g2"), ("G-2", "g2")],
)
def test_names_match_across_case_spacing_punctuation_and_aliases(spelling, canonical):
    lookup = name_lookup({"forrester": ("Forrester / SiriusDecisions", "SiriusDecisions"), "g2": ("G2 Crowd",)})
    assert match_name(spelling, lookup) == canonical


def test_unknown_names_do_not_match_but_close_misspellings_are_suggested():
    lookup = name_lookup({"hubspot": ("HubSpot",), "gartner": ("Gartner",)})
    assert match_name("Hubspott", lookup) is None
    assert closest_name("Hubspott", lookup) == "hubspot"
    assert closest_name("McKinsey", lookup) is None
    assert match_name(3, lookup) is None


def test_text_helpers():
    assert normalise("Èlan  Vital!") == "elanvital"
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert shorten("one two three four", 10) == "one two…"
    assert shorten("short", 10) == "short"
    assert as_number(True) is None and as_number("3") is None and as_number(float("nan")) is None
    assert as_number(3) == 3.0
    shape = wrong_shape("a list", {"a": 1}, "[1, 2]")
    assert not shape.passed and "the answer is a dictionary" in shape.summary


def test_did_you_mean_names_the_near_miss_as_shown_or_says_otherwise():
    from mopskit.exercises.checks import did_you_mean, name_lookup

    lookup = name_lookup({"hubspot": ("HubSpot",), "marketo": ("Marketo",)})
    assert did_you_mean("Hubspott", lookup) == " Did you mean hubspot?"
    assert did_you_mean("Hubspott", lookup, shown=str.upper) == " Did you mean HUBSPOT?"
    assert did_you_mean("Pardot", lookup, otherwise=" The tools are HubSpot and Marketo.") == \
        " The tools are HubSpot and Marketo."
    assert did_you_mean(42, lookup) == ""


def test_judge_each_matches_names_judges_values_and_lists_who_is_missing():
    from mopskit.exercises.checks import judge_each, name_lookup

    lookup = name_lookup({"Ana": ("Ana",), "Ben": ("Ben",), "Cleo": ("Cleo",)})
    right, problems = judge_each(
        {"ana": 3, "Bob": 1, "BEN": 2}, ("Ana", "Ben", "Cleo"),
        lambda name, value: [] if value == 3 else [f"{name}: not {value}"],
        unknown=lambda key: f"{key!r} is not on the list.", lookup=lookup)
    assert right == 1
    assert problems == ["'Bob' is not on the list.", "Ben: not 2", "Cleo has no answer yet."]

    right, problems = judge_each(  # without a lookup, keys are labels: ' b' is B
        {" b": 1, "E": 1}, ("A", "B"), lambda name, value: [],
        unknown=lambda key: f"{key!r}?", missing="Person {name} has none.")
    assert right == 1 and problems == ["'E'?", "Person A has none."]
