"""Lesson 02 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import re

import pytest

from mopskit.lessons import check, hint, known_tasks
from mopskit.lessons import lesson02
from mopskit.frameworks.personas import Quadrant, quadrant

TASK_IDS = ("02.1", "02.2", "02.3")


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_never_give_the_answer(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    task = next(t for t in known_tasks() if t.id == task_id)
    for text in task.hints:
        if isinstance(answer, str):
            assert answer.casefold().rstrip("s") not in text.casefold(), (task_id, text)
            continue
        for label, value in answer.items():
            pairing = rf"\b{label}\b[^.]{{0,60}}{value.rstrip('s')}|{value.rstrip('s')}[^.]{{0,60}}\b{label}\b"
            assert not re.search(pairing, text, re.IGNORECASE if len(label) > 1 else 0), (task_id, text)
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


# 02.1 -------------------------------------------------------------------------------


def test_vignettes_accept_singular_and_any_case(solutions):
    answer = {label.lower(): value.lower().rstrip("s") for label, value in solutions["task_02_1"].items()}
    assert check("02.1", answer).passed


def test_vignette_with_one_axis_wrong_says_which_axis(solutions):
    answer = dict(solutions["task_02_1"], A="Psychologists")  # right on decisions, wrong on skills
    result = check("02.1", answer)
    assert not result.passed
    assert "3 of 4" in result.summary
    assert any("technology–arts" in problem for problem in result.problems)
    answer = dict(solutions["task_02_1"], A="Modernizers")  # right on skills, wrong on decisions
    assert any("emotional–rational" in problem for problem in check("02.1", answer).problems)


def test_vignette_answered_with_a_brinker_role_is_told_to_use_a_quadrant(solutions):
    result = check("02.1", dict(solutions["task_02_1"], A="modelers"))
    assert any("Brinker's roles" in problem for problem in result.problems)


def test_vignette_misspelling_gets_a_did_you_mean(solutions):
    result = check("02.1", dict(solutions["task_02_1"], B="Modernisors"))
    assert any("Did you mean Modernizers?" in problem for problem in result.problems)


def test_vignette_missing_label_and_wrong_shape():
    assert any("D has no quadrant" in p for p in check("02.1", {"A": "Scientists"}).problems)
    assert "dictionary" in check("02.1", "Scientists").summary


# 02.2 -------------------------------------------------------------------------------


def test_the_hire_is_the_quadrant_team_mix_finds():
    mix = lesson02.hiring_mix()
    assert len(mix.uncovered) == 2  # the task is only interesting with two gaps
    assert check("02.2", quadrant(mix.hire_for).name).passed


def test_hiring_a_crowded_quadrant_says_how_many_are_there():
    result = check("02.2", "Orchestrators")
    assert not result.passed and "already has 3 people" in result.summary


def test_hiring_the_partly_covered_gap_says_someone_shows_its_traits():
    result = check("02.2", "Psychologists")
    assert not result.passed and "shows their traits" in result.summary


def test_hiring_answered_with_a_role_or_a_number():
    assert "Brinker's roles" in check("02.2", "modelers").summary
    assert "one quadrant name" in check("02.2", 1).summary


# 02.3 -------------------------------------------------------------------------------

ACCEPTED = {
    "A": {"Modernizers", "Scientists"},
    "B": {"Scientists", "Psychologists"},
    "C": {"Orchestrators"},
    "D": {"Psychologists", "Orchestrators"},
}


def test_role_cases_accept_exactly_the_defensible_quadrants():
    assert {label: set(names) for label, names in lesson02.defensible_quadrants().items()} == ACCEPTED
    for case in lesson02.ROLE_CASES.values():  # every quadrant has a reason, for or against
        assert set(case.defensible) | set(case.not_defensible) == set(Quadrant)
        assert not set(case.defensible) & set(case.not_defensible)


@pytest.mark.parametrize("label", sorted(ACCEPTED))
def test_every_defensible_quadrant_passes_and_says_why(solutions, label):
    for name in ACCEPTED[label]:
        result = check("02.3", dict(solutions["task_02_3"], **{label: name}))
        assert result.passed, (label, name, result.summary)
        assert f"{label} among the {name}" in result.summary


@pytest.mark.parametrize("label", sorted(ACCEPTED))
def test_a_quadrant_the_work_points_away_from_is_refused_with_a_reason(solutions, label):
    for name in {"Modernizers", "Orchestrators", "Psychologists", "Scientists"} - ACCEPTED[label]:
        result = check("02.3", dict(solutions["task_02_3"], **{label: name}))
        assert not result.passed
        assert any(problem.startswith(f"{label} is hard to defend among the {name}: ") for problem in result.problems)


def test_the_kits_table_is_one_accepted_answer_not_the_only_one():
    table_answer = {"A": "Modernizers", "B": "Scientists", "C": "Orchestrators", "D": "Psychologists"}
    other_answer = {"A": "Scientists", "B": "Psychologists", "C": "Orchestrators", "D": "Orchestrators"}
    assert check("02.3", table_answer).passed and check("02.3", other_answer).passed
    assert "maestros–Orchestrators" in check("02.3", other_answer).summary


def test_role_cases_answered_with_a_brinker_role_or_a_list():
    result = check("02.3", {"A": "makers", "B": "Scientists", "C": "Orchestrators", "D": "Psychologists"})
    assert any("Brinker's roles" in problem for problem in result.problems)
    assert "dictionary" in check("02.3", ["Modernizers"]).summary


def test_the_role_cases_table_names_each_persons_brinker_role():
    rows = [row.values for row in lesson02.roles_to_place().rows]
    assert [row["Brinker's role"] for row in rows] == ["Maker", "Modeler", "Maestro", "Marketer"]
    assert "Orchestrator" not in " ".join(row["What this person does"] for row in rows)


# the lesson's team ---------------------------------------------------------------------


def test_aurora_team_is_the_casts_mops_team_by_name():
    from mopskit.content import knowledge

    table = lesson02.aurora_team_frame()
    cast_team = {person.name: person.role for person in knowledge.cast().mops_team}
    assert dict(zip(table["Name"], table["Role"])) == cast_team
    mix = lesson02.aurora_team_mix()
    assert quadrant(mix.hire_for).name == "Psychologists"
