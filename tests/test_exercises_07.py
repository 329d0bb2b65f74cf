"""Lesson 07 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import copy

import pytest

from mopskit.lessons import check, hint, known_tasks, lesson07

TASK_IDS = ("07.1", "07.2", "07.3", "07.4")


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_are_staged_and_end_at_the_solutions(task_id):
    task = next(t for t in known_tasks() if t.id == task_id)
    assert len(task.hints) >= 2
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


def test_hints_of_07_1_name_no_breached_request(solutions):
    task = next(t for t in known_tasks() if t.id == "07.1")
    assert not any(request_id in text for text in task.hints for request_id in solutions["task_07_1"])


# 07.1 -------------------------------------------------------------------------------


def test_the_breached_requests_come_from_the_triage_and_the_orders_differ():
    result = lesson07.exercise_triage()
    assert lesson07.expected_breached() == result.breached
    breached = [item for item in result.items if item.state == "breached"]
    by_arrival = [item.request.id for item in sorted(breached, key=lambda item: item.request.received)]
    assert by_arrival != result.breached  # the task must teach due time over arrival
    assert "AL-203" in lesson07._calendar_breached() and "AL-203" not in result.breached


def test_ids_are_forgiving(solutions):
    assert check("07.1", [request_id.lower().replace("-", " ") for request_id in solutions["task_07_1"]]).passed
    assert check("07.1", [request_id[3:] for request_id in solutions["task_07_1"]]).passed


def test_counting_the_weekend_is_named(solutions):
    result = check("07.1", [*solutions["task_07_1"], "AL-203"])
    assert not result.passed
    assert any("AL-203" in problem and "weekend" in problem for problem in result.problems)


def test_first_come_first_served_is_named(solutions):
    result = check("07.1", ["AL-205", "AL-201", "AL-206", "AL-202"])
    assert "order they arrived" in result.summary


def test_priority_order_is_named():
    result = check("07.1", ["AL-202", "AL-206", "AL-201", "AL-205"])
    assert "sorted by priority" in result.summary


def test_a_missing_request_is_counted_not_named(solutions):
    result = check("07.1", solutions["task_07_1"][:3])
    assert "3 of the 4" in result.summary
    assert not any(solutions["task_07_1"][3] in problem for problem in result.problems)


def test_unknown_ids_and_wrong_shapes():
    assert "not a request" in check("07.1", ["AL-999"]).summary
    assert "list of request ids" in check("07.1", "AL-206").summary


# 07.2 -------------------------------------------------------------------------------


def test_what_fits_comes_from_the_working_hours():
    assert lesson07.hours_before_deadline() == 9
    assert lesson07.expected_now() == ["lead import"]
    assert lesson07.earliest_rest().isoformat() == "2026-11-24"


def reply(solutions, **parts):
    return {**solutions["task_07_2"], **parts}


def test_promising_everything_by_monday_is_refused(solutions):
    result = check("07.2", reply(solutions, now=["lead import", "nurture", "lead scoring"]))
    assert not result.passed
    assert any("60 working hours; there are 9" in problem for problem in result.problems)


def test_a_date_the_team_cannot_keep_is_refused(solutions):
    result = check("07.2", reply(solutions, rest_by="2026-11-19"))
    assert any("cannot keep" in problem for problem in result.problems)
    assert any("weekend" in p for p in check("07.2", reply(solutions, rest_by="2026-11-28")).problems)


def test_the_ticket_takers_acknowledgement_is_named(solutions):
    result = check("07.2", reply(solutions, acknowledge="Thanks, we have received your request and logged it."))
    assert any("ticket taker" in problem for problem in result.problems)


def test_a_flat_no_without_a_choice_is_refused(solutions):
    result = check("07.2", reply(solutions, trade_off="No. The team is fully booked this month, sorry."))
    assert any(problem.startswith("trade_off: offer a choice") for problem in result.problems)


def test_missing_keys_and_an_empty_now(solutions):
    answer = dict(solutions["task_07_2"])
    del answer["trade_off"]
    assert "no trade_off" in check("07.2", answer).summary
    assert any("more fits" in p for p in check("07.2", reply(solutions, now=[])).problems)


def test_piece_names_are_forgiving(solutions):
    assert check("07.2", reply(solutions, now="Milan fair leads")).passed
    assert any("did you mean lead import" in p for p in check("07.2", reply(solutions, now=["lead imprt"])).problems)


# 07.3 -------------------------------------------------------------------------------


def answer_07_3(solutions, **parts):
    return {**copy.deepcopy(solutions["task_07_3"]), **parts}


def test_the_blamed_statements_are_the_ones_the_wording_check_flags():
    # The key's blames come from the post-mortem check itself, and agree with the case file.
    assert lesson07.expected_parts()["blames"] == [s.letter for s in lesson07.STATEMENTS if s.part == "blame"]
    assert lesson07.expected_parts()["ready_actions"] == ["G", "J"]


def test_letters_are_forgiving(solutions):
    assert check("07.3", answer_07_3(solutions, causes="a, f", contributing_factors="C D", blames=("e", "B"),
                                     ready_actions=["j", "g"])).passed


def test_a_single_root_cause_is_not_enough(solutions):
    result = check("07.3", answer_07_3(solutions, causes=["A"]))
    assert not result.passed
    assert any("F is not placed" in problem for problem in result.problems)
    result = check("07.3", answer_07_3(solutions, causes=["A"], contributing_factors=["C", "D", "F"]))
    assert any("contributing_factors: F is one of the causes" in problem for problem in result.problems)


def test_a_factor_taken_for_a_cause_is_named(solutions):
    result = check("07.3", answer_07_3(solutions, causes=["A", "C", "F"], contributing_factors=["D"]))
    assert any("causes: C did not stop the sync" in problem for problem in result.problems)


def test_blame_kept_as_a_cause_is_named(solutions):
    result = check("07.3", answer_07_3(solutions, causes=["A", "B", "F"], blames=["E"]))
    assert any("causes: B points at a person" in problem for problem in result.problems)
    result = check("07.3", answer_07_3(solutions, blames=["B", "E", "D"], contributing_factors=["C"]))
    assert any("blames: D names no person" in problem for problem in result.problems)


def test_a_statement_in_two_places_and_unknown_letters(solutions):
    result = check("07.3", answer_07_3(solutions, contributing_factors=["C", "D", "A"]))
    assert any("A is under both causes and contributing_factors" in problem for problem in result.problems)
    result = check("07.3", answer_07_3(solutions, blames=["B", "E", "Z"]))
    assert any("'Z' is not one of the statements" in problem for problem in result.problems)


def test_actions_without_an_owner_or_a_date_are_not_ready(solutions):
    result = check("07.3", answer_07_3(solutions, ready_actions=["G", "H", "I", "J"]))
    assert any("H has no owner" in problem for problem in result.problems)
    assert any("I has no due date" in problem for problem in result.problems)
    result = check("07.3", answer_07_3(solutions, ready_actions=["G"]))
    assert any("1 action with an owner and a due date is missing" in problem for problem in result.problems)


def test_a_rewrite_that_still_blames_is_named(solutions):
    result = check("07.3", answer_07_3(solutions, rewrite="Tudor Barbu set up a token that expires and forgot it."))
    assert not result.passed
    assert any("still names Tudor Barbu" in problem for problem in result.problems)
    assert any("'forgot'" in problem for problem in result.problems)
    by_first_name = check("07.3", answer_07_3(solutions, rewrite="Tudor should have known the token would expire soon."))
    assert any("still names Tudor Barbu" in p for p in by_first_name.problems)
    assert any("'should have known'" in p for p in by_first_name.problems)


def test_a_rewrite_must_name_a_gap_and_be_a_sentence(solutions):
    vague = check("07.3", answer_07_3(solutions, rewrite="Things went wrong in August during the set-up of it."))
    assert any(p.startswith("rewrite: name the gap") for p in vague.problems)
    short = check("07.3", answer_07_3(solutions, rewrite="Token expired."))
    assert any(p.startswith("rewrite: write a full sentence") for p in short.problems)


@pytest.mark.parametrize("rewrite", [
    "Nobody's job included renewing integration tokens, so the August set-up had no reminder before expiry.",
    "The set-up checklist for a new integration does not ask when its access token expires.",
    "No calendar or list records integration tokens and their expiry dates, so the renewal was never planned.",
])
def test_other_blameless_rewrites_pass(solutions, rewrite):
    assert check("07.3", answer_07_3(solutions, rewrite=rewrite)).passed


def test_a_template_half_filled_says_which_places_still_say_dots(solutions):
    result = check("07.3", answer_07_3(solutions, ready_actions=[...]))
    assert result.status == "failed" and "ready_actions[0] still says" in result.summary
    result = check("07.3", answer_07_3(solutions, rewrite=...))
    assert result.status == "unanswered" and "'rewrite' still says" in result.summary
    assert "now[0]" in check("07.2", dict(solutions["task_07_2"], now=[...])).summary


def test_missing_keys_and_wrong_shapes_07_3(solutions):
    answer = dict(solutions["task_07_3"])
    del answer["rewrite"]
    assert "no rewrite" in check("07.3", answer).summary
    assert "dictionary with causes" in check("07.3", ["A", "F"]).summary


# 07.4 -------------------------------------------------------------------------------


def test_sides_follow_the_lesson_table_and_each_column_is_used():
    sides = [item.side for item in lesson07.SITUATIONS]
    assert sorted(set(sides)) == sorted(lesson07.SIDES) and all(sides.count(side) == 2 for side in lesson07.SIDES)


def test_side_words_are_forgiving(solutions):
    answer = {key.lower(): {"MOps": "marketing operations", "IT": "it", "together": "Agree it together"}[side]
              for key, side in solutions["task_07_4"].items()}
    assert check("07.4", answer).passed


def test_a_shared_piece_given_to_one_side_is_explained(solutions):
    result = check("07.4", {**solutions["task_07_4"], "C": "IT"})
    assert "5 of 6" in result.summary
    assert any(problem.startswith("C: it touches both sides") for problem in result.problems)
    result = check("07.4", {**solutions["task_07_4"], "B": "together"})
    assert any(problem.startswith("B: one side usually does this") for problem in result.problems)
    result = check("07.4", {**solutions["task_07_4"], "D": "IT"})
    assert any(problem.startswith("D: look at the table") for problem in result.problems)


def test_unreadable_sides_and_missing_letters(solutions):
    answer = {**solutions["task_07_4"], "A": "the agency"}
    del answer["F"]
    result = check("07.4", answer)
    assert any("'the agency' is not a side" in problem for problem in result.problems)
    assert any(problem.startswith("F has no side") for problem in result.problems)
    assert "dictionary from each letter" in check("07.4", ["MOps"]).summary
