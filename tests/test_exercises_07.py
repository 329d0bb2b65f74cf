"""Lesson 07 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import copy

import pytest

from mopskit.lessons import check, hint, known_tasks, lesson07

TASK_IDS = ("07.1", "07.2", "07.3")


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


def test_a_name_in_the_cause_is_blame(solutions):
    answer = dict(solutions["task_07_3"], root_cause="Luca Bianchi set up a token that expires and forgot it.")
    result = check("07.3", answer)
    assert not result.passed
    assert any("names Luca Bianchi" in problem for problem in result.problems)
    assert any("'forgot'" in problem for problem in result.problems)


def test_a_timeline_that_starts_when_someone_noticed_is_named(solutions):
    answer = copy.deepcopy(solutions["task_07_3"])
    answer["timeline"] = answer["timeline"][2:]
    assert any("start when the incident started" in p for p in check("07.3", answer).problems)


def test_actions_without_owner_or_date_and_a_vague_cause(solutions):
    answer = copy.deepcopy(solutions["task_07_3"])
    answer["actions"] = [{"action": "Be more careful with integrations."}]
    answer["root_cause"] = "The sync stopped working."
    problems = check("07.3", answer).problems
    assert any("no owner" in p for p in problems) and any("no due date" in p for p in problems)
    assert any(p.startswith("root_cause: say what in the system") for p in problems)


def test_a_badly_shaped_part_names_where(solutions):
    answer = dict(solutions["task_07_3"], timeline=[{"time": "Tuesday morning", "event": "x"}])
    result = check("07.3", answer)
    assert "timeline[0].time" in result.summary


def test_a_template_half_filled_says_which_places_still_say_dots(solutions):
    answer = dict(solutions["task_07_3"], timeline=[{"time": "2026-11-17 10:00", "event": ...}], actions=[...])
    result = check("07.3", answer)
    assert result.status == "failed" and "timeline[0].event and actions[0]" in result.summary
    assert "now[0]" in check("07.2", dict(solutions["task_07_2"], now=[...])).summary
