"""Lesson 05 exercises: the worked answers pass, typical mistakes get the right message, and
every expected answer is what ``mopskit.change.plan`` finds in the exercise plan file."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from mopskit.change.plan import lint, load_plan
from mopskit.change.plan.lint import PRACTICES
from mopskit.content import knowledge
from mopskit.findings import Severity
from mopskit.lessons import check, hint, known_tasks, lesson05

TASK_IDS = ("05.1", "05.2", "05.3", "05.4", "05.5")
ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises" / "05-change-management.ipynb"


def test_the_broken_plan_file_fires_the_rules_the_exercises_use():
    findings = lint(load_plan(lesson05.plan_file("05-broken-plan")))
    codes = [finding.code for finding in findings]
    assert codes.count("RACI002") == 2 and codes.count("RACI001") == 1 and codes.count("COMMS001") == 1
    assert "ADKAR001" in codes
    assert not [finding for finding in findings if finding.severity is Severity.WARNING]


@pytest.mark.parametrize("draft", ["05-broken-plan", "05-uberflip-draft"])
def test_the_drafts_people_are_the_casts_with_the_lessons_adkar_scores(draft):
    """One source of the people: a name in a draft is a cast member in their cast role, and
    anyone the lesson's plan scores has the same ADKAR scores in the exercises."""
    cast = knowledge.cast()
    lesson_people = {person.name: person for person in lesson05.sample_plan().stakeholders}
    shared = 0
    for person in load_plan(lesson05.plan_file(draft)).stakeholders:
        assert cast.person(person.name).name == person.name and cast.person(person.name).role == person.role
        earlier = lesson_people.get(person.name)
        if earlier is not None:
            assert person.adkar == earlier.adkar, person.name
            shared += earlier.adkar is not None
    assert shared >= 2


def test_task_05_2_and_05_3_ask_about_people_the_lesson_did_not_work():
    lesson_people = {person.name for person in lesson05.sample_plan().stakeholders}
    assert not set(lesson05.ADKAR_PEOPLE) & lesson_people
    # the one person of 05.3 the lesson shows sits in another quadrant in this move
    lesson_quadrants = {person.name: person.quadrant for person in lesson05.sample_plan().stakeholders}
    shown_before = {name: quadrant for name, quadrant in lesson05.expected_quadrants().items()
                    if name in lesson_quadrants}
    assert shown_before and all(lesson_quadrants[name] != quadrant for name, quadrant in shown_before.items())
    assert set(lesson05.expected_quadrants().values()) == {"manage closely", "keep satisfied", "keep informed",
                                                           "monitor"}


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_never_give_the_answer(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    task = next(t for t in known_tasks() if t.id == task_id)
    pairs = answer.items() if isinstance(answer, dict) else [(answer, "")]
    for text in task.hints:
        for key, value in pairs:
            key = str(key)
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
    assert expected == {"Sofia Conti": ("ability", "D"), "Tudor Barbu": ("desire", "E")}
    choices = lesson05.practice_choices().set_index("Letter")["Practice"]
    assert choices["E"] == PRACTICES["desire"] and choices["D"] == PRACTICES["ability"]


def test_the_hand_worked_barriers_pass(solutions):
    assert check("05.2", solutions["task_05_2"]).passed


def test_the_lowest_score_is_told_the_barrier_is_the_first():
    result = check("05.2", {"Sofia Conti": ["reinforcement", "A"], "Tudor Barbu": ["desire", "E"]})
    assert not result.passed and "1 of 2" in result.summary
    assert any("lowest score" in problem and "first" in problem for problem in result.problems)


def test_a_practice_for_another_element_is_named(solutions):
    result = check("05.2", dict(solutions["task_05_2"], Tudor=["desire", "B"]))
    assert any("practice B works on knowledge, not on desire" in problem for problem in result.problems)


def test_barriers_accept_first_names_and_letters_in_any_case():
    assert check("05.2", {"sofia": ("Ability", "d"), "TUDOR": ["desire", " e "]}).passed
    assert any("two values" in p for p in check("05.2", {"Sofia Conti": "ability"}).problems)


# 05.3 -------------------------------------------------------------------------------


def test_quadrants_come_from_the_model():
    plan = lesson05.broken_plan()
    people = {person.name: person for person in plan.stakeholders}
    assert lesson05.expected_quadrants() == {name: people[name].quadrant for name in lesson05.GRID_PEOPLE}


def test_the_task_shows_words_not_power_and_interest():
    table = lesson05.grid_people_table()
    assert list(table.columns) == ["Stakeholder", "Role", "In this move"]
    assert list(table["Stakeholder"]) == list(lesson05.GRID_PEOPLE)
    others = lesson05.other_stakeholders_table()
    assert not set(others["Stakeholder"]) & set(lesson05.GRID_PEOPLE)


def test_the_hand_worked_quadrants_pass(solutions):
    assert check("05.3", solutions["task_05_3"]).passed


def test_swapping_satisfied_and_informed_is_explained(solutions):
    result = check("05.3", dict(solutions["task_05_3"], **{"Vlad Stoica": "keep informed"}))
    assert not result.passed and "4 of 5" in result.summary
    assert any("Vlad Stoica: keep informed is for low power and high interest" in p for p in result.problems)


def test_one_axis_wrong_names_that_axis(solutions):
    result = check("05.3", dict(solutions["task_05_3"], **{"Cristina Vasile": "keep informed"}))
    assert any("Cristina's interest in this move is low" in problem for problem in result.problems)


def test_copying_the_lessons_quadrant_is_told_a_quadrant_belongs_to_one_change(solutions):
    result = check("05.3", dict(solutions["task_05_3"], **{"Marco Ferrari": "keep informed"}))
    assert not result.passed
    (problem,) = result.problems
    assert "Marco's power over this move is high" in problem and "In the lesson's plan Marco was" in problem


def test_quadrants_accept_short_names():
    assert check("05.3", {"Marco": "manage", "Vlad": "satisfied", "Tudor": "informed", "Cristina": "monitor",
                          "Radu": "informed"}).passed


# 05.4 -------------------------------------------------------------------------------


def test_the_uninformed_stakeholder_is_comms001s():
    assert lesson05.expected_uninformed() == "Elena Dumitru"


def test_a_stakeholder_outside_manage_closely_or_reached_is_told_why():
    assert "keep satisfied" in check("05.4", "Paolo Fontana").summary
    assert "audience of a planned message" in check("05.4", "Francesca Bianchi").summary
    assert "Did you mean Elena Dumitru" in check("05.4", "Elena Dumitr").summary


def test_the_manage_closely_people_reached_are_told_so():
    assert "audience of a planned message" in check("05.4", "Marco Ferrari").summary
    assert "keep satisfied" in check("05.4", "Vlad").summary


# 05.5 -------------------------------------------------------------------------------


def test_the_uberflip_draft_has_one_finding_of_each_kind_the_task_teaches():
    findings = lesson05.uberflip_findings()
    assert [(finding.code, str(finding.severity)) for finding in findings] == [
        ("SCHED002", "error"), ("RACI004", "warning"), ("RACI005", "warning"), ("ADKAR001", "info")]
    assert lesson05.expected_fixes() == {"1": "A", "2": "C", "3": "E", "4": "F"}
    assert set(lesson05.LINT_FIX_KEY.values()) | set(lesson05.LINT_FIX_WHY_NOT) <= set(lesson05.LINT_FIXES)


def test_the_right_fixes_make_the_uberflip_draft_ready(tmp_path):
    """Applying the answer key's fixes to the file leaves no error and no warning, only the note."""
    data = yaml.safe_load(lesson05.plan_file("05-uberflip-draft").read_text(encoding="utf-8"))
    tasks = {task["id"]: task for task in data["tasks"]}
    tasks["redirects"]["start"] = "2026-12-07"  # A: after hubs-move ends
    tasks["redirects"]["raci"]["C"] = ["Lorenzo Greco"]  # C: the SEO specialist gets a part
    tasks["hubs-move"]["raci"]["R"] = ["Luca Moretti"]  # E: the name as the list spells it
    path = tmp_path / "fixed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    left = lint(load_plan(path))
    assert [finding.code for finding in left] == ["ADKAR001"]


def test_the_hand_worked_fixes_pass_with_numbers_strings_or_codes(solutions):
    assert check("05.5", solutions["task_05_5"]).passed
    assert check("05.5", {"1": "a", "2": "c", "3": "e", "4": "f"}).passed
    assert check("05.5", {"SCHED002": "A", "raci004": "C", "RACI005": "E", "ADKAR001": "F"}).passed


def test_the_tempting_wrong_fixes_are_explained(solutions):
    result = check("05.5", {**solutions["task_05_5"], 1: "B", 2: "D"})
    assert not result.passed and "2 of 4" in result.summary
    assert any("hides the clash" in problem for problem in result.problems)
    assert any("SEO specialist" in problem for problem in result.problems)


def test_a_note_is_not_a_blocker_and_a_warning_is():
    result = check("05.5", {1: "A", 2: "F", 3: "E", 4: "C"})
    assert "2 of 4" in result.summary
    assert any("Finding 2 is a warning" in problem and "no errors and no warnings" in problem
               for problem in result.problems)
    assert any("Finding 4 is a note (info)" in problem for problem in result.problems)


def test_fixes_shape_and_unknown_keys():
    assert "dictionary" in check("05.5", ["A", "C", "E", "F"]).summary
    result = check("05.5", {7: "A", 1: "Z"})
    assert any("not the number of a finding" in problem for problem in result.problems)
    assert any("not a letter of the fixes table" in problem for problem in result.problems)
    assert any("Finding 2 has no fix yet" in problem for problem in result.problems)


# The notebook ----------------------------------------------------------------------


def _code_cells():
    return [cell for cell in nbformat.read(EXERCISES, as_version=4).cells if cell.cell_type == "code"]


def test_hints_are_stored_without_output_so_nothing_shows_before_asked():
    asked = [cell for cell in _code_cells() if "hint(" in cell.source]
    assert len(asked) == len(TASK_IDS)
    for cell in asked:
        assert cell.outputs == [], cell.source


def test_run_all_prints_no_answer():
    """Running every cell shows the material, never an answer: no lint of the first draft, no
    power or interest of the people 05.3 describes, no barrier point of 05.2's people."""
    cells = _code_cells()
    assert not any("lint(" in cell.source for cell in cells)
    shown = "\n".join("".join(output.get("data", {}).get("text/plain", "")) + output.get("text", "")
                      for cell in cells for output in cell.get("outputs", []))
    assert "RACI001" not in shown and "RACI002" not in shown and "COMMS001" not in shown
    for name in lesson05.ADKAR_PEOPLE:
        assert f"{name}'s barrier point" not in shown
    for line in shown.splitlines():
        if any(name in line for name in lesson05.GRID_PEOPLE):
            assert not re.search(r"\b(high|low)\s+(high|low)\b", line), line
    assert "Finding" in shown and "SCHED002" in shown  # 05.5's material is shown


def test_the_sample_plans_licence_kpi_counts_the_seats_the_move_needs():
    """The change plan's licence target is lesson 04's spend after the moves, Workfront's extra seats included."""
    from mopskit.lessons.lesson04 import cases

    (kpi,) = (kpi for kpi in lesson05.sample_plan().kpis if kpi.unit == "EUR per year")
    assert kpi.baseline == knowledge.cast().aurora.annual_licence_spend
    assert kpi.target == round(cases.licence_spend_after_moves())
