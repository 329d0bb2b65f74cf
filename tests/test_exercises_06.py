"""Lesson 06 exercises: the worked answers pass, every answer the page's rounded figures lead to
passes, and typical mistakes get the right message."""

from __future__ import annotations

import copy
import itertools
import json
import math
import re
from pathlib import Path

import pytest

from mopskit.content import knowledge
from mopskit.forms.kpi import KpiForm
from mopskit.lessons import check, hint, known_tasks, lesson06
from mopskit.change.waterfall import STAGES, outcome, volumes_needed

ROOT = Path(__file__).resolve().parent.parent
TASK_IDS = ("06.1", "06.2", "06.3")
LESSON_RATES = (0.30, 0.55, 0.66, 0.45, 0.29)
"""The rates as the lesson's waterfalls show them (whole percents)."""
EXERCISE_RATES = (0.304, 0.552, 0.658, 0.446, 0.293)
"""The rates as the exercise's table shows them (one decimal)."""


def _notebook_text(path: str) -> str:
    cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", ()):
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_worked_answers_pass_and_hints_run_out(solutions, task_id):
    assert check(task_id, solutions[f"task_{task_id.replace('.', '_')}"]).passed
    task = next(t for t in known_tasks() if t.id == task_id)
    assert len(task.hints) >= 2 and task.applied and task.objectives
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


def test_hints_never_give_the_numbers_away(solutions):
    hints = " ".join(h for t in known_tasks() if t.id.startswith("06.") for h in t.hints)
    assert f"{solutions['task_06_1']:,}" not in hints and str(solutions["task_06_1"]) not in hints
    assert "Sofia" not in hints and "65" not in hints
    assert not any(f"{label} and" in hints or f"and {label}" in hints for label in solutions["task_06_3"])


def test_the_tasks_assess_the_objectives_the_issue_names():
    assessed = {number for t in known_tasks() if t.id.startswith("06.") for number in t.objectives}
    assert {1, 2, 3, 4, 5} <= assessed


def test_aurora_figures_come_from_the_cast():
    aurora = knowledge.cast().aurora
    assert (lesson06.AVERAGE_DEAL, lesson06.REVENUE_TARGET, lesson06.INQUIRY_CAPACITY, lesson06.DUE) == (
        aurora.average_deal, aurora.revenue_ask, aurora.inquiry_capacity, aurora.plan_year_end)
    assert lesson06.capacity_outcome().revenue == aurora.marketing_sourced_revenue == lesson06.BASELINE_REVENUE


# 06.1 -------------------------------------------------------------------------------


def _by_hand(deals: int, rates: tuple[float, ...]) -> int:
    """A learner's walk up the waterfall: divide by each rate, round up at each stage."""
    count = deals
    for rate in reversed(rates):
        count = math.ceil(count / rate - 1e-9)
    return count


def test_the_kit_answer_comes_from_the_observed_rates_rounding_up(solutions):
    rates = lesson06.observed_rates()
    assert solutions["task_06_1"] == volumes_needed(lesson06.TARGET_06_1, lesson06.AVERAGE_DEAL, rates).inquiries
    assert outcome(solutions["task_06_1"], rates, lesson06.AVERAGE_DEAL).revenue >= lesson06.TARGET_06_1
    assert check("06.1", "2,442").passed and "kit's own walk" in check("06.1", 2442).summary


def test_the_rates_shown_are_the_ones_the_test_works_from():
    assert tuple(round(rate, 2) for rate in lesson06.observed_rates().as_tuple()) == LESSON_RATES
    assert tuple(round(rate, 3) for rate in lesson06.observed_rates().as_tuple()) == EXERCISE_RATES
    table = _notebook_text("exercises/06-kpis.ipynb")
    assert all(f"{rate * 100:.1f}%" in table for rate in EXERCISE_RATES)


@pytest.mark.parametrize("rates", [LESSON_RATES, EXERCISE_RATES], ids=["whole-percents", "one-decimal"])
def test_hand_worked_answers_from_the_displayed_rates_pass(rates):
    deals = math.ceil(lesson06.TARGET_06_1 / lesson06.AVERAGE_DEAL)
    stepwise = _by_hand(deals, rates)
    at_once = deals / math.prod(rates)
    for answer in (stepwise, math.floor(at_once), math.ceil(at_once), round(at_once)):
        result = check("06.1", answer)
        assert result.passed, (answer, result.message)
        assert "more than" not in result.message
    assert stepwise in (2474, 2451)


def test_the_2474_of_the_issue_passes_and_says_why_it_differs():
    result = check("06.1", 2474)
    assert result.passed and "2,442" in result.summary and "rounding" in result.summary


def test_the_accepted_range_is_what_the_rounded_rates_can_give():
    low, high = lesson06.accepted_inquiries()
    assert (low, high) == (2410, 2474)
    deals = 35
    for signs in itertools.product((-1, 1), repeat=5):
        corner = tuple(rate + sign * 0.0005 for rate, sign in zip(EXERCISE_RATES, signs))
        assert low <= _by_hand(deals, corner) <= high
    assert check("06.1", low).passed and check("06.1", high).passed
    assert not check("06.1", low - 1).passed and not check("06.1", high + 1).passed


def test_typical_mistakes_are_each_named():
    example = volumes_needed(lesson06.TARGET_06_1, lesson06.AVERAGE_DEAL, lesson06.PLAN_RATES).inquiries
    assert "round example rates" in check("06.1", example).summary
    assert "number of deals" in check("06.1", 35).summary
    walk = volumes_needed(lesson06.TARGET_06_1, lesson06.AVERAGE_DEAL, lesson06.observed_rates())
    assert "MQL level" in check("06.1", walk.volume("MQL")).summary
    assert "short of" in check("06.1", 1000).summary
    assert "more than the rates" in check("06.1", 9000).summary
    assert "number" in check("06.1", "many").message


# 06.2 -------------------------------------------------------------------------------


def _kpi(solutions, **changes):
    answer = copy.deepcopy(solutions["task_06_2"])
    answer.update(changes)
    return answer


def test_the_worked_kpi_passes_typed_in_the_form(solutions):
    form = lesson06.kpi_form().set(**solutions["task_06_2"])
    result = check("06.2", form)
    assert result.passed and "Sofia Conti" in result.summary and "65%" in result.summary


@pytest.mark.parametrize("changes", [
    {"baseline": "65%", "target": "90%"},
    {"baseline": "0.65", "target": "0.9", "unit": "share of trade MQLs"},
    {"baseline": 65.0, "target": 85},
    {"due": "2027-03-15", "name": "Complete trade MQLs"},
    {"owner": "sofia conti", "unit": "% of MQLs sent to sales"},
])
def test_other_right_kpis_pass(solutions, changes):
    result = check("06.2", _kpi(solutions, **changes))
    assert result.passed, result.message


def test_an_empty_form_is_not_answered_yet():
    assert check("06.2", lesson06.kpi_form()).status == "unanswered"


@pytest.mark.parametrize(("changes", "words"), [
    ({"owner": "Stefan Ionescu"}, "asks for the change"),
    ({"baseline": "806", "unit": "MQLs"}, "counts leads"),
    ({"baseline": "60"}, "806 of 1,240"),
    ({"target": "100"}, "Doran's R"),
    ({"target": "60"}, "above the baseline"),
    ({"due": "2027-06-30"}, "after the need"),
    ({"due": "2026-12-31"}, "earlier than the owner"),
    ({"unit": "MQLs"}, "share"),
    ({"name": "Data quality"}, "not specific"),
    ({"due": ""}, "no due date"),
    ({"target": "ninety"}, "not a number"),
    ({"due": "31/03/2027"}, "due box should be a date"),
])
def test_typical_slips_are_named(solutions, changes, words):
    result = check("06.2", _kpi(solutions, **changes))
    assert not result.passed and words in result.message, result.message


def test_the_need_in_the_notebook_is_the_one_the_check_uses():
    text = " ".join(_notebook_text("exercises/06-kpis.ipynb").split())
    assert " ".join(lesson06.NEED.story.split()) in text
    for person in (lesson06.NEED.owner, lesson06.NEED.asked_by):
        knowledge.cast().person(person)  # both are in the cast


def test_the_form_reads_as_a_short_answer():
    form = KpiForm()
    assert all(form[key] is Ellipsis for key in form)
    form.set(owner="Sofia Conti")
    assert form["owner"] == "Sofia Conti" and form["unit"] is None
    with pytest.raises(KeyError):
        form.set(colour="blue")
    assert "Run this notebook" in form._text_() and "Sofia" not in form._html_()


# 06.3 -------------------------------------------------------------------------------


def test_the_unreachable_targets_are_what_the_new_volume_cannot_yield(solutions):
    assert lesson06.VOLUME_06_3 != lesson06.INQUIRY_CAPACITY
    yields = outcome(lesson06.VOLUME_06_3, lesson06.observed_rates(), lesson06.AVERAGE_DEAL)

    def figure(stage):
        return yields.revenue if stage == "revenue" else yields.volume(stage)

    over = [label for label, (_, stage, target) in lesson06.CANDIDATES.items() if target > figure(stage)]
    assert over == sorted(solutions["task_06_3"]) == lesson06.expected_unrealistic()


def test_the_verdicts_hold_for_the_rates_as_displayed():
    """Worked by hand from the whole percents, or from any true rate behind them, each target
    falls on the same side of its yield."""
    expected = set(lesson06.expected_unrealistic())
    by_hand = outcome(lesson06.VOLUME_06_3, dict(zip(STAGES, LESSON_RATES)), lesson06.AVERAGE_DEAL)
    for label, (_, stage, target) in lesson06.CANDIDATES.items():
        low, high = lesson06.reachable_yields(lesson06.VOLUME_06_3, stage)
        assert (target > high) if label in expected else (target < low), label
        shown = by_hand.revenue if stage == "revenue" else by_hand.volume(stage)
        assert (target > shown) == (label in expected), label


def test_a_target_within_reach_and_a_missed_one_are_named(solutions):
    result = check("06.3", [*solutions["task_06_3"], "E"])
    assert not result.passed and any(p.startswith("E ") and "within reach" in p for p in result.problems)
    result = check("06.3", solutions["task_06_3"][:1])
    assert "1 of 2" in result.summary


def test_labels_are_forgiving_and_unknown_ones_named(solutions):
    assert check("06.3", " a, c ").passed and check("06.3", "A C").passed
    assert "no target Z" in check("06.3", ["A", "Z"]).summary


# the lesson ------------------------------------------------------------------------


def test_the_revenue_ask_is_a_warning_and_a_written_stretch_a_note():
    warning = lesson06.findings_table(lesson06.revenue_kpi(), funnel=lesson06.plan_funnel())
    note = lesson06.findings_table(lesson06.revenue_kpi(stretch=lesson06.STRETCH_REASON), funnel=lesson06.plan_funnel())
    assert "warning" in warning._text_() and "612,000" in warning._text_()
    assert "info" in note._text_() and "warning" not in note._text_()


def test_the_lesson_calls_marketing_spend_per_deal_by_its_name():
    text = _notebook_text("notebooks/06-kpis.ipynb")
    assert "Marketing cost per won deal" in text and "CAC EUR" not in text
    assert re.search(r"\b2002\b", text) and "2006" not in text
    for words in ("2012", "Demand Unit Waterfall", "B2B Revenue Waterfall", "buying committees", "stretch:"):
        assert words in text, words
