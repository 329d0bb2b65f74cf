"""Lesson 01's exercises: each task is a case the lesson has not worked; worked answers (and every
other right answer a learner can reach) pass, typical mistakes get the specific message."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path

import nbformat
import pytest

from mopskit.content import knowledge
from mopskit.lessons import check, hint, known_tasks, reset_hints
from mopskit.lessons import lesson01
from mopskit.report.notebook import table_text

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = runpy.run_path(str(ROOT / "exercises" / "solutions" / "01_what_is_mops.py"))
NOTEBOOK = ROOT / "exercises" / "01-what-is-mops.ipynb"
LESSON_NOTEBOOK = ROOT / "notebooks" / "01-what-is-mops.ipynb"
LESSON_TASKS = [declared.id for declared in known_tasks() if declared.id.startswith("01.")]


def solution(task_id: str):
    return SOLUTIONS[f"task_{task_id.replace('.', '_')}"]


def declared(task_id: str):
    return next(item for item in known_tasks() if item.id == task_id)


def page_text(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


def test_lesson_01_has_four_applied_tasks_one_per_objective():
    assert LESSON_TASKS == ["01.1", "01.2", "01.3", "01.4"]
    assert [declared(task_id).objectives for task_id in LESSON_TASKS] == [(1,), (2,), (3,), (4,)]
    assert all(declared(task_id).applied for task_id in LESSON_TASKS)
    assert all(len(declared(task_id).hints) >= 2 for task_id in LESSON_TASKS)


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_each_worked_answer_passes(task_id):
    result = check(task_id, solution(task_id))
    assert result.passed, result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_each_task_reports_an_ellipsis_as_not_answered(task_id):
    result = check(task_id, ...)
    assert result.status == "unanswered"
    assert "Not answered yet" in result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
@pytest.mark.parametrize("answer", [None, 7, "text", 2.5, [], {}, {"x": object()}, {1, 2}])
def test_no_answer_of_the_wrong_kind_raises(task_id, answer):
    result = check(task_id, answer)
    assert not result.passed
    assert result.message


@pytest.mark.parametrize("task_id", LESSON_TASKS)
def test_hints_step_through_and_run_out(task_id):
    reset_hints(task_id)
    total = len(declared(task_id).hints)
    revealed = [hint(task_id) for _ in range(total + 1)]
    assert [item.number for item in revealed[:total]] == list(range(1, total + 1))
    assert revealed[0].message.startswith(f"Hint 1 of {total}: ")
    assert revealed[-1].exhausted and "solution notes" in revealed[-1].message
    reset_hints(task_id)


# the cases are new ---------------------------------------------------------------------


def test_the_tasks_cases_are_not_on_the_lesson_page():
    """Apply, don't recall: no statement, duty or situation of the exercises is worked on the page."""
    lesson = page_text(LESSON_NOTEBOOK)
    definitions = {entry.text for entry in knowledge.definitions()}
    for statement in lesson01.STATEMENTS.values():
        assert statement.text not in lesson and statement.text not in definitions
    duties = {duty.text for duty in knowledge.pillars().duties}
    for duty in lesson01.JOB_AD.duties:
        assert duty.text not in lesson and duty.text not in duties
    for row in lesson01.TIME_LOG.rows:
        assert row.activity not in lesson
    for number in lesson01.SITUATIONS:
        assert lesson01.situation_text(number) not in lesson


def test_the_exercise_notebook_states_each_case_as_the_checks_read_it():
    text = page_text(NOTEBOOK)
    for number in lesson01.SITUATIONS:
        assert f"**Situation {number}.** {lesson01.situation_text(number)}" in text
    assert f"**{lesson01.JOB_AD.title}**" in text and lesson01.JOB_AD.company in text
    assert lesson01.TIME_LOG.team.removeprefix("the ") in text


def test_the_lesson_and_its_exercises_show_ready_tables_with_no_plumbing():
    for path in (NOTEBOOK, LESSON_NOTEBOOK):
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        for plumbing in ("table(", "_frame(", "print(", "task-01", "Path(", "knowledge."):
            assert plumbing not in code, (path.name, plumbing)


# 01.1 ------------------------------------------------------------------------------------


def test_01_1_accepts_case_spacing_and_aliases():
    variants = {"a": " g2 crowd ", "B": "Hub Spot", "c": "GARTNER", "D": "Sirius Decisions"}
    assert check("01.1", variants).passed
    assert check("01.1", {**solution("01.1"), "D": "Forrester"}).passed


def test_01_1_answer_matches_the_statements_file():
    assert lesson01.expected_statement_sources() == {
        "A": "G2", "B": "HubSpot", "C": "Gartner", "D": "Forrester / SiriusDecisions"}


def test_01_1_names_each_statement_given_to_the_wrong_definition():
    swapped = {**solution("01.1"), "A": "HubSpot", "B": "G2"}
    result = check("01.1", swapped)
    assert result.summary == "2 of 4 statements are matched to the definition they echo."
    assert any(problem.startswith("A (“Everything our customers never see") and "than to HubSpot's" in problem
               for problem in result.problems)
    assert any(problem.startswith("B (“You will bring together") and "than to G2's" in problem
               for problem in result.problems)


def test_01_1_flags_a_definition_used_twice_a_missing_label_and_a_misspelling():
    result = check("01.1", {"A": "Gartner", "B": "Gartner", "C": "Hubspott"})
    assert "You gave Gartner for A and B; each statement echoes a different definition." in result.problems
    assert "Statement D has no organisation yet." in result.problems
    assert any("'Hubspott' (given for C)" in problem and "Did you mean HubSpot?" in problem
               for problem in result.problems)


def test_01_1_one_right_of_four_says_so():
    result = check("01.1", {"A": "G2"})
    assert result.summary == "1 of 4 statements are matched to the definition they echo."


# 01.2 ------------------------------------------------------------------------------------


def test_01_2_accepts_pillar_names_in_any_case_and_plural():
    variants = {"People": (8, 6, 3), "Processes": ["1", 5, 7], "TECH": {2, 4, 9}}
    assert check("01.2", variants).passed


def test_01_2_accepts_the_defensible_second_pillar_and_says_why():
    answer = {"people": [3, 8], "process": [1, 5, 6, 7], "technology": [2, 4, 9]}
    result = check("01.2", answer)
    assert result.passed
    assert "Both readings hold" in result.summary


def test_01_2_counts_and_names_duties_in_the_wrong_pillar():
    wrong = {"people": [3, 6, 8, 1], "process": [5, 7, 9], "technology": [2, 4]}
    result = check("01.2", wrong)
    assert result.summary == "7 of 9 duties are in a pillar they belong to. You put 2 duties in the wrong pillar."
    assert any(problem.startswith("Duty 1 (") and problem.endswith("is not mainly a people duty.")
               for problem in result.problems)
    assert any(problem.startswith("Duty 9 (") and problem.endswith("is not mainly a process duty.")
               for problem in result.problems)


def test_01_2_flags_unknown_pillars_numbers_doubles_and_gaps():
    answer = {"people": [3, 6, 8, 10], "process": [1, 5, 7, 2], "technology": [2, 4], "data": [9]}
    result = check("01.2", answer)
    assert "There is no duty 10; the duties are numbered 1 to 9." in result.problems
    assert any(problem.startswith("'data' is not a pillar") for problem in result.problems)
    assert any(problem.startswith("Duty 2 (") and "is in both process and technology" in problem
               for problem in result.problems)
    assert any(problem.startswith("Duty 9 (") and "is in no pillar yet" in problem for problem in result.problems)


def test_01_2_every_pillar_has_duties_in_the_ad():
    assert all(len(numbers) >= 3 for numbers in lesson01.expected_pillars().values())


# 01.3 ------------------------------------------------------------------------------------


def test_01_3_expected_share_comes_from_the_time_use_summary_and_the_displayed_hours():
    shown = table_text(lesson01.time_log_week())
    hours = [int(number) for number in re.findall(r"\s(\d+)$", shown, flags=re.MULTILINE)]
    assert hours == [38, 21, 17, 24, 60], "the table shows every row's exact hours"
    assert lesson01.expected_coordination_share() == pytest.approx(100 / 160)


@pytest.mark.parametrize("answer", [62.5, 62, 63, 0.625, 0.62, 0.63, 100 / 160 * 100, 62.50000001])
def test_01_3_accepts_the_hand_worked_share_in_percent_or_as_a_fraction(answer):
    result = check("01.3", answer)
    assert result.passed, result.message
    assert "below the practitioner's 80–90% estimate" in result.summary


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (37.5, "share spent making things"),
        (166.7, "You divided by the hours spent making things"),
        (100, "is the number of hours"),
        (80, "That is the practitioner's estimate"),
        (90, "That is the practitioner's estimate"),
    ],
)
def test_01_3_recognises_typical_mistakes(answer, message):
    result = check("01.3", answer)
    assert not result.passed
    assert any(message in problem for problem in result.problems), result.message


def test_01_3_says_which_way_a_plain_miss_is_off():
    assert check("01.3", 50).problems == ("It is too low.",)
    assert check("01.3", 70).problems == ("It is too high.",)
    assert "one number" in check("01.3", "62%").summary


# 01.4 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [{"1": "B", "2": "C", "3": "A"}, {1: "b", 2: "c", 3: "a"},
                                    {"Situation 1": "B", " 2 ": "C", "3": " A "}])
def test_01_4_accepts_numbers_as_text_or_whole_numbers(answer):
    assert check("01.4", answer).passed


def test_01_4_says_what_each_wrong_choice_is():
    result = check("01.4", {"1": "A", "2": "B", "3": "C"})
    assert result.summary == "0 of 3 situations have the guardrail answer."
    assert any(problem.startswith("Situation 1, A: That is a gatekeeper") for problem in result.problems)
    assert any(problem.startswith("Situation 2, B: Passing the decision up") for problem in result.problems)
    assert any(problem.startswith("Situation 3, C: That gives up governance") for problem in result.problems)


def test_01_4_flags_a_missing_situation_and_a_letter_that_is_not_an_option():
    result = check("01.4", {"1": "D", "2": "C"})
    assert "Situation 1: answer with one letter, A, B or C, not 'D'." in result.problems
    assert "Situation 3 has no answer yet." in result.problems


def test_01_4_right_answers_are_not_given_away_by_length_or_position():
    rights = [situation.right for situation in lesson01.SITUATIONS.values()]
    assert len(set(rights)) == len(rights), "the right letter moves between situations"
    longest = [max(situation.options, key=lambda letter: len(situation.options[letter].text)) == situation.right
               for situation in lesson01.SITUATIONS.values()]
    assert sum(longest) < len(longest)


def test_01_4_situations_use_cast_people_in_their_cast_roles():
    cast = knowledge.cast()
    for number in lesson01.SITUATIONS:
        text = lesson01.situation_text(number)
        for person in cast.of("aurora"):
            if person.name in text:
                assert person.role in text, (person.name, person.role)


# the lesson's Aurora tables ----------------------------------------------------------------


def test_the_lesson_introduces_aurora_and_its_team_from_the_cast():
    cast = knowledge.cast()
    team = table_text(lesson01.mops_team())
    for person in cast.mops_team:
        assert person.name in team and person.role in team
    glance = table_text(lesson01.aurora_at_a_glance())
    assert "EUR 514,600" in glance and "EUR 18,000" in glance and "EUR 612,000" in glance
    assert "1 July to the end of June" in glance
    others = table_text(lesson01.people_mops_works_with())
    assert all(cast.person(name).role in others for name in lesson01.AURORA_STAKEHOLDERS)
    assert all(not cast.person(name).mops for name in lesson01.AURORA_STAKEHOLDERS)
    lesson = page_text(LESSON_NOTEBOOK)
    for call in ("lesson01.aurora_at_a_glance()", "lesson01.mops_team()", "lesson01.people_mops_works_with()"):
        assert call in lesson


# the notebook --------------------------------------------------------------------------------


def test_notebook_has_answer_check_and_hint_cells_per_task_and_stores_unanswered_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for task_id in LESSON_TASKS:
        check_cell = next(cell for cell in code if cell.source == f'check("{task_id}", answer)')
        assert any(cell.source == f'hint("{task_id}")' for cell in code)
        index = code.index(check_cell)
        assert code[index - 1].source == "answer = ..."
        stored = check_cell.outputs[0]["data"]
        assert "not answered yet" in stored["text/plain"] and "mopskit-check--unanswered" in stored["text/html"]


def test_the_01_3_prompt_says_how_to_round():
    text = page_text(NOTEBOOK)
    prompt = text.split("## Task 01.3", 1)[1].split("## Task 01.4", 1)[0]
    assert "Round to a whole percent" in prompt and "0.55" in prompt
    assert json.dumps(prompt)  # plain text


def test_the_facilitators_notes_give_the_checks_answers():
    guide = (ROOT / "docs" / "facilitators.md").read_text(encoding="utf-8")
    section = guide.split("## Lesson 01 ", 1)[1].split("\n## ", 1)[0]
    responses = ", ".join(f"{number} {letter}" for number, letter in lesson01.expected_responses().items())
    assert f"**Task 01.4** answers: {responses}." in section
    assert f"{lesson01.expected_coordination_share() * 100:g}%" in section
    assert "Duty 6" in section and lesson01.JOB_AD.duties[5].also == "process"
