"""Lesson 03 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import re

import pytest

from mopskit.frameworks.assess import framework
from mopskit.frameworks.assess.frames import crosswalk
from mopskit.lessons import check, hint, known_tasks, lesson03

TASK_IDS = ("03.1", "03.2", "03.3", "03.4")


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_never_give_the_answer(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    task = next(t for t in known_tasks() if t.id == task_id)
    for text in task.hints:
        if isinstance(answer, dict):
            for label, value in answer.items():
                pairing = rf"\b{label}\b[^.]{{0,60}}\b{value}\b|\b{value}\b[^.]{{0,60}}\b{label}\b"
                assert not re.search(pairing, text), (task_id, text)
        else:
            named = [name for name in answer if name.casefold() in text.casefold()]
            assert len(named) < 2, (task_id, text, named)
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


# 03.1 -------------------------------------------------------------------------------


def test_each_vignette_level_has_an_anchor_of_its_dimension():
    for dimension_id, text, level in lesson03.VIGNETTES.values():
        assert framework("ghantous").dimension(dimension_id).anchor(level)
        assert text


def test_levels_accept_names_and_text_numbers(solutions):
    answer = {label.lower(): str(value) for label, value in solutions["task_03_1"].items()}
    assert check("03.1", answer).passed
    assert check("03.1", dict(solutions["task_03_1"], A="Defined")).passed


def test_a_level_too_high_says_it_asks_for_more():
    result = check("03.1", dict(lesson03.expected_levels(), A=4))
    assert not result.passed and "3 of 4" in result.summary
    assert any("asks for more" in problem for problem in result.problems)


def test_a_level_too_low_quotes_the_next_anchor():
    result = check("03.1", dict(lesson03.expected_levels(), C=3))
    anchor = framework("ghantous").dimension("financial-management").anchor(4)
    assert any(anchor in problem for problem in result.problems)


def test_levels_out_of_range_missing_or_wrong_shape():
    assert any("not a level" in p for p in check("03.1", dict(lesson03.expected_levels(), B=7)).problems)
    assert any("D has no level" in p for p in check("03.1", {"A": 3}).problems)
    assert "dictionary" in check("03.1", [3, 2, 4, 1]).summary


# 03.2 -------------------------------------------------------------------------------


def test_priorities_come_from_the_assessment_and_differ_from_the_gap_order():
    result = lesson03.team_assessment()
    assert lesson03.expected_priorities() == [item.id for item in result.ranked[:3]]
    by_gap = [item.id for item in sorted(result.dimensions, key=lambda d: -d.gap)][:3]
    assert by_gap != lesson03.expected_priorities()  # the weight must matter for the task to teach it


def test_ranking_by_gap_alone_is_told_to_use_the_weights():
    result = check("03.2", ["Marketing–sales alignment", "Strategic planning", "Performance measurement"])
    assert not result.passed and "gaps alone" in result.summary


def test_ranking_by_lowest_level_is_told_about_the_target():
    result = check("03.2", ["Financial management", "Marketing–sales alignment", "Learning and development"])
    assert "lowest current levels" in result.summary


def test_right_three_in_the_wrong_order(solutions):
    answer = list(reversed(solutions["task_03_2"]))
    assert "not in order" in check("03.2", answer).summary


def test_priorities_accept_aliases_and_reject_a_single_name():
    assert check("03.2", ["measurement", "sales alignment", "planning"]).passed
    assert "list of 3" in check("03.2", "Performance measurement").summary
    assert "Did you mean" in check("03.2", ["Performance measurment", "x", "y"]).summary


# 03.3 -------------------------------------------------------------------------------


def test_missing_responsibilities_are_the_framework_minus_what_the_team_does():
    expected = lesson03.expected_missing()
    assert "martech-infrastructure" not in expected and "performance-measurement" not in expected
    assert len(expected) == len(framework("ghantous").dimensions) - len(set(lesson03.TEAM_DOES.values()))


def test_missing_accepts_aliases():
    assert check("03.3", ["planning", "budget", "sales alignment", "processes", "training"]).passed


def test_naming_a_covered_responsibility_quotes_the_activity(solutions):
    result = check("03.3", [*solutions["task_03_3"], "Martech infrastructure"])
    assert not result.passed
    assert any("is covered" in problem and "connected and running" in problem for problem in result.problems)


def test_missing_some_says_how_many_without_naming_them(solutions):
    result = check("03.3", solutions["task_03_3"][:3])
    assert "3 of 5" in result.summary
    assert any("2 more responsibilities" in problem for problem in result.problems)
    assert not any("Learning" in problem for problem in result.problems)


# the crosswalk the lesson shows -------------------------------------------------------


def test_crosswalk_places_every_ghantous_responsibility_in_sirius_areas():
    links = crosswalk()
    assert set(links) == set(framework("ghantous").dimension_ids)
    sirius = set(framework("siriusdecisions").dimension_ids)
    assert all(targets and set(targets) <= sirius for targets in links.values())
    assert {target for targets in links.values() for target in targets} == sirius


# 03.4 -------------------------------------------------------------------------------


def test_unmoved_are_the_rows_with_no_change_and_one_row_moved_down():
    assert lesson03.expected_unmoved() == ["strategic-planning", "martech-infrastructure", "marketing-sales-alignment"]
    assert sum(now < before for before, now in lesson03.TWO_RUNS.values()) == 1  # a move down, to read with care
    rows = [row.values for row in lesson03.two_runs_table().rows]
    assert [row["Responsibility"] for row in rows][4] == "Marketing–sales alignment"


def test_unmoved_accepts_aliases_and_any_order(solutions):
    assert check("03.4", list(reversed(solutions["task_03_4"]))).passed
    assert check("03.4", ["martech", "planning", "alignment"]).passed


def test_counting_a_move_down_as_no_move_is_told_it_moved_down(solutions):
    result = check("03.4", [*solutions["task_03_4"], "Operational excellence"])
    assert not result.passed
    assert "Operational excellence moved down, from 3 to 2." in result.problems


def test_forgetting_a_low_level_that_stayed_low_names_it(solutions):
    result = check("03.4", ["Strategic planning", "Martech infrastructure"])
    assert not result.passed and result.summary.startswith("2 of the 3")
    assert any("Marketing–sales alignment is missing: it stayed at 1" in problem for problem in result.problems)


def test_unmoved_wrong_shape():
    assert "list" in check("03.4", "Strategic planning").summary


# the lesson's worked assessment ---------------------------------------------------------


def test_the_sample_respondents_are_the_casts_mops_team():
    from mopskit.content import knowledge

    result = lesson03.sample_assessment()
    assert set(result.respondents) == {person.name for person in knowledge.cast().mops_team}


def test_the_trend_sentence_counts_from_the_data():
    sentence = lesson03.trend_sentence(lesson03.sample_assessment())
    assert sentence == (
        "Four responsibilities moved up one level (strategic planning, performance measurement, martech "
        "infrastructure and operational excellence) and three responsibilities did not move (financial "
        "management, marketing–sales alignment and learning and development).")


def test_the_trend_sentence_follows_other_data():
    from mopskit.frameworks.assess import PreviousRun

    answers = lesson03.team_scores()  # current levels 2, 1, 2, 3, 1, 2, 1
    earlier = PreviousRun("ghantous", (("strategic-planning", 1, 4), ("financial-management", 2, 2),
                                       ("performance-measurement", 2, 4), ("martech-infrastructure", 3, 4),
                                       ("marketing-sales-alignment", 1, 4), ("operational-excellence", 4, 3),
                                       ("learning-development", 1, 2)))
    sentence = lesson03.trend_sentence(lesson03.assess(answers, previous=earlier))
    assert sentence == (
        "One responsibility moved up one level (strategic planning), two responsibilities moved down "
        "(financial management and operational excellence) and four responsibilities did not move "
        "(performance measurement, martech infrastructure, marketing–sales alignment and learning and development).")
    assert lesson03.trend_sentence(lesson03.team_assessment()) == "There is no earlier run to compare with."


def test_each_vignette_shows_the_rubric_of_its_responsibility():
    for label, (dimension, _, _) in lesson03.VIGNETTES.items():
        assert lesson03.rubric_for(label.lower()).table_id == f"rubric-{dimension}"
