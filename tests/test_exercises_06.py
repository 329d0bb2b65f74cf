"""Lesson 06 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import copy
import math

import pytest

from mopskit.lessons import check, hint, known_tasks, lesson06
from mopskit.change.waterfall import outcome, volumes_needed

TASK_IDS = ("06.1", "06.2", "06.3")


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_worked_answers_pass_and_hints_run_out(solutions, task_id):
    assert check(task_id, solutions[f"task_{task_id.replace('.', '_')}"]).passed
    task = next(t for t in known_tasks() if t.id == task_id)
    assert len(task.hints) >= 2
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


def test_hints_never_give_the_numbers_away(solutions):
    hints = " ".join(h for t in known_tasks() if t.id.startswith("06.") for h in t.hints)
    assert f"{solutions['task_06_1']:,}" not in hints and str(solutions["task_06_1"]) not in hints
    assert not any(f"{label} and" in hints or f"and {label}" in hints for label in solutions["task_06_3"])


# 06.1 -------------------------------------------------------------------------------


def test_inquiries_come_from_the_observed_rates_rounding_up(solutions):
    rates = lesson06.observed_rates()
    assert solutions["task_06_1"] == volumes_needed(lesson06.TARGET_06_1, lesson06.AVERAGE_DEAL, rates).inquiries
    assert outcome(solutions["task_06_1"], rates, lesson06.AVERAGE_DEAL).revenue >= lesson06.TARGET_06_1
    assert check("06.1", "2,442").passed


def test_dividing_by_all_rates_at_once_is_told_to_round_each_stage():
    plain = lesson06.TARGET_06_1 / lesson06.AVERAGE_DEAL / math.prod(lesson06.observed_rates().as_tuple())
    result = check("06.1", round(plain))
    assert not result.passed and "all the rates at once" in result.summary


def test_the_example_rates_the_deals_and_too_few_are_each_named():
    example = volumes_needed(lesson06.TARGET_06_1, lesson06.AVERAGE_DEAL, lesson06.PLAN_RATES).inquiries
    assert "round example rates" in check("06.1", example).summary
    assert "number of deals" in check("06.1", 35).summary
    assert "short of" in check("06.1", 1000).summary
    assert "more than the target needs" in check("06.1", 9000).summary
    assert "number" in check("06.1", "many").message


# 06.2 -------------------------------------------------------------------------------


def test_the_drafts_break_each_smart_rule_and_each_kpi_once(solutions):
    from mopskit.change.kpis import kpis_from_records, smart_findings
    found = smart_findings(kpis_from_records(lesson06.drafts()))
    assert sorted(f.where for f in found) == [f"kpis[{i}]" for i in range(6)]
    assert {f.code for f in found} == {"SMART001", "SMART002"}
    assert not smart_findings(kpis_from_records(solutions["task_06_2"]))


def test_the_drafts_unchanged_fail_with_every_finding():
    result = check("06.2", lesson06.drafts())
    assert not result.passed and len(result.problems) == 6
    assert any("SMART002" in p for p in result.problems)


def test_an_invented_baseline_is_refused(solutions):
    answer = copy.deepcopy(solutions["task_06_2"])
    answer[0]["baseline"] = 50
    result = check("06.2", answer)
    assert not result.passed and any("measured baseline is 60" in p for p in result.problems)


def test_a_target_on_the_wrong_side_is_refused(solutions):
    answer = copy.deepcopy(solutions["task_06_2"])
    answer[5]["target"] = 95
    result = check("06.2", answer)
    assert any("worse than the baseline" in p and "lower" in p for p in result.problems)


def test_a_dropped_kpi_or_a_bad_value_is_named(solutions):
    assert "'Cost per lead' is missing" in check("06.2", solutions["task_06_2"][:5]).message
    answer = copy.deepcopy(solutions["task_06_2"])
    answer[1]["due"] = "soon"
    assert "kpis[1].due" in check("06.2", answer).summary
    assert "list of six" in check("06.2", "fixed").message


# 06.3 -------------------------------------------------------------------------------


def test_the_unrealistic_targets_are_what_the_waterfall_cannot_yield(solutions):
    yields = outcome(lesson06.INQUIRY_CAPACITY, lesson06.observed_rates(), lesson06.AVERAGE_DEAL)

    def figure(stage):
        return yields.revenue if stage == "revenue" else yields.volume(stage)

    over = [label for label, (_, stage, target) in lesson06.CANDIDATES.items() if target > figure(stage)]
    assert over == sorted(solutions["task_06_3"]) == lesson06.expected_unrealistic()
    edge = [label for label, (_, stage, target) in lesson06.CANDIDATES.items() if target == figure(stage)]
    assert edge, "one target sits exactly at the yield, to teach that it is within reach"


def test_the_lesson_revenue_target_draws_smart003():
    from mopskit.change.kpis import kpis_from_records, smart_findings
    found = smart_findings(kpis_from_records(lesson06.REVENUE_KPI), funnel=lesson06.plan_funnel())
    assert [f.code for f in found] == ["SMART003"] and "612,000" in found[0].message


def test_a_target_at_the_yield_is_within_reach_and_a_missed_one_is_counted(solutions):
    result = check("06.3", [*solutions["task_06_3"], "D"])
    assert not result.passed and any(p.startswith("D ") and "within reach" in p for p in result.problems)
    result = check("06.3", solutions["task_06_3"][:1])
    assert "1 of 2" in result.summary


def test_labels_are_forgiving_and_unknown_ones_named(solutions):
    assert check("06.3", " b, c ").passed
    assert "no target Z" in check("06.3", ["B", "Z"]).summary
