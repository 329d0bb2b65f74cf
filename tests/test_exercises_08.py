"""Lesson 08 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from mopskit.lessons import check, hint, lesson08
from mopskit.lessons.session import get_task
from mopskit.change.plan import lint, load_plan
from mopskit.change.strategy import funnel_check, missing_pillars
from mopskit.change.waterfall import outcome

TASK_IDS = ("08.1", "08.2", "08.3", "08.4")


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_hints_never_give_the_answer(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    task = get_task(task_id)
    numbers = [value for value in answer.values() if isinstance(value, int)] if isinstance(answer, dict) else []
    # the pillars are three names any hint may list; the KPI and the stakeholder are the answer itself
    names = [answer[part] for part in ("kpi", "stakeholder") if part in answer] if isinstance(answer, dict) else []
    spelt = [*(f"{n:,}" for n in numbers), *(str(n) for n in numbers), *names]
    for text in task.hints:
        assert not [value for value in spelt if value in text], (task_id, text)
    for _ in range(len(task.hints) + 1):
        last = hint(task_id)
    assert last.exhausted and "solution" in last.message


def test_every_task_is_applied_and_names_the_objectives_it_assesses():
    tasks = {task_id: get_task(task_id) for task_id in TASK_IDS}
    assert all(task.applied for task in tasks.values())
    assert {number for task in tasks.values() for number in task.objectives} >= {1, 3, 4, 5, 6}


# 08.1 -------------------------------------------------------------------------------


def test_targets_come_from_the_waterfall_and_rounding_matters():
    assert lesson08.expected_revenue() == outcome(lesson08.INQUIRIES, lesson08.FUNNEL_RATES,
                                                  lesson08.AVERAGE_DEAL).revenue
    unrounded = lesson08.INQUIRIES * lesson08._overall_rate() * lesson08.AVERAGE_DEAL
    assert unrounded > lesson08.expected_revenue()  # the task only teaches rounding down if it changes the answer
    short = outcome(lesson08.expected_inquiries() - 1, lesson08.FUNNEL_RATES, lesson08.AVERAGE_DEAL)
    assert short.revenue < lesson08.STATED_TARGET <= lesson08.needed().revenue


def test_a_figure_rounded_the_safe_way_passes(solutions):
    assert check("08.1", {"Revenue target": 250000, "inquiries needed": 3600}).passed
    assert check("08.1", {"a": solutions["task_08_1"]["revenue"], "b": solutions["task_08_1"]["inquiries"]}).passed


def test_revenue_with_part_of_a_deal_is_told_to_round_down(solutions):
    result = check("08.1", dict(solutions["task_08_1"], revenue=262080))
    assert not result.passed and "1 of 2" in result.summary
    assert any("part of a deal" in problem and "Round down" in problem for problem in result.problems)


def test_revenue_rounded_to_the_nearest_at_each_stage_is_explained(solutions):
    result = check("08.1", dict(solutions["task_08_1"], revenue=270000))
    assert any("nearest whole number" in problem for problem in result.problems)


def test_inquiries_rounded_down_fall_short(solutions):
    for value in (3571, 3571.43):
        result = check("08.1", dict(solutions["task_08_1"], inquiries=value))
        assert any("fall short" in problem and "Round up" in problem for problem in result.problems), value


def test_confusing_target_and_yield_is_named(solutions):
    result = check("08.1", {"revenue": 360000, "inquiries": 2600})
    assert "0 of 2" in result.summary
    assert any("CEO's target" in problem for problem in result.problems)
    assert any("what marketing can generate" in problem for problem in result.problems)


def test_targets_wrong_shape_text_and_unknown_part():
    assert "dictionary" in check("08.1", [252000, 3572]).summary
    result = check("08.1", {"revenue": "EUR 252,000", "budget": 1})
    assert any("not a number" in problem for problem in result.problems)
    assert any("'budget' is not a part" in problem for problem in result.problems)
    assert any('no "inquiries"' in problem for problem in result.problems)


# 08.2 -------------------------------------------------------------------------------


def test_the_draft_has_one_gap_per_step_and_the_lint_sees_two():
    plan = lesson08.draft_plan()
    assert missing_pillars(plan) == ("Technology",)
    assert [c.kpi for c in funnel_check(plan) if not c.fits] == ["Marketing-qualified leads"]
    assert sorted({f.code for f in lint(plan) if f.severity != "info"}) == ["COMMS001", "SMART003"]
    assert {key: len(value) for key, value in lesson08.expected_review().items()} == \
        {"pillar": 1, "kpi": 1, "stakeholder": 1}


def test_review_accepts_roles_and_short_names():
    assert check("08.2", {"Pillar": "tech", "KPI": "MQLs", "who": "Dealer Sales Director"}).passed


def test_a_covered_pillar_quotes_its_objective(solutions):
    result = check("08.2", dict(solutions["task_08_2"], pillar="People"))
    assert not result.passed and "2 of 3" in result.summary
    assert any("has a People objective" in problem and "field marketers" in problem for problem in result.problems)


def test_a_kpi_that_fits_shows_the_yield_and_one_off_the_funnel_is_named(solutions):
    fits = check("08.2", dict(solutions["task_08_2"], kpi="Sales-qualified leads"))
    assert any("fits: the funnel yields 189" in problem for problem in fits.problems)
    off = check("08.2", dict(solutions["task_08_2"], kpi="MQLs passed to a dealer within five working days"))
    assert any("not counted on the funnel" in problem for problem in off.problems)
    typo = check("08.2", dict(solutions["task_08_2"], kpi="Marketing qualifed leads"))
    assert any("Did you mean Marketing-qualified leads" in problem for problem in typo.problems)


def test_a_stakeholder_who_hears_or_has_low_power_is_explained(solutions):
    heard = check("08.2", dict(solutions["task_08_2"], stakeholder="Marta Ferri"))
    assert any("hears from the plan" in problem for problem in heard.problems)
    low = check("08.2", dict(solutions["task_08_2"], stakeholder="Laura Galli"))
    assert any("low power" in problem for problem in low.problems)


# 08.3 -------------------------------------------------------------------------------

BROKEN_CODES = ["COMMS001", "RACI002", "SCHED002", "SMART001", "SMART003"]


def test_the_broken_plan_breaks_five_rules_and_keeps_its_advice():
    findings = lint(lesson08.broken_plan())
    assert sorted(f.code for f in findings if f.severity != "info") == BROKEN_CODES
    assert [f.code for f in findings if f.severity == "info"] == ["ADKAR001"]


@pytest.fixture
def copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lesson08.copy_broken_plan()


def test_no_copy_yet_says_which_cell_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check("08.3", lesson08.BROKEN_FILE)
    assert not result.passed and "There is no file" in result.summary
    assert "copies the broken plan" in result.suggestion


def test_copying_again_keeps_the_learners_edits(copy):
    copy.write_text(copy.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    assert lesson08.copy_broken_plan() == copy
    assert copy.read_text(encoding="utf-8").endswith("# my note\n")


def test_the_unfixed_copy_names_every_finding(copy):
    result = check("08.3", str(copy))
    assert not result.passed and "4 errors and 1 warning" in result.summary
    assert [problem.split()[0] for problem in result.problems] == \
        [f.code for f in lint(lesson08.broken_plan()) if f.severity != "info"]


def test_the_worked_file_fixes_each_finding_and_passes(solutions, copy):
    fixed = open(solutions["task_08_3"], encoding="utf-8").read()
    copy.write_text(fixed, encoding="utf-8")
    result = check("08.3", lesson08.BROKEN_FILE)
    assert result.passed and "info findings" in result.summary
    plan = load_plan(copy)
    assert not missing_pillars(plan) and all(c.fits for c in funnel_check(plan))


def _fixed(solutions) -> str:
    return open(solutions["task_08_3"], encoding="utf-8").read()


def test_dropping_a_stage_to_silence_the_funnel_fails(solutions, copy):
    copy.write_text(_fixed(solutions).replace("    stage: revenue\n", ""), encoding="utf-8")
    result = check("08.3", str(copy))
    assert not result.passed and "removed parts" in result.summary
    assert any("Marketing-sourced hospitality revenue no longer has a `stage:`" in p for p in result.problems)


def test_deleting_a_task_or_a_stakeholder_fails(solutions, copy):
    text = _fixed(solutions)
    start = text.index("  - id: scanner")
    end = text.index("  - id: training")
    without_task = text[:start] + text[end:]
    copy.write_text(without_task.replace("depends_on: [scanner]", "depends_on: [definition]"), encoding="utf-8")
    result = check("08.3", str(copy))
    assert any("task scanner is gone" in p for p in result.problems), result.message


def test_one_finding_left_is_named_alone(solutions, copy):
    copy.write_text(_fixed(solutions).replace("A: Roberto Fontana,", "A: [Nadia Serra, Roberto Fontana],", 1),
                    encoding="utf-8")
    result = check("08.3", str(copy))
    assert "1 error and 0 warnings" in result.summary
    assert len(result.problems) == 1 and result.problems[0].startswith("RACI002")


def test_a_revenue_target_kept_as_a_stretch_with_its_reason_passes(solutions, copy):
    text = _fixed(solutions).replace("    target: 330000", "    target: 400000", 1)
    stretched = text.replace("    stage: revenue\n", "    stage: revenue\n    stretch: >-\n"
                             "      Two more trade fairs in the spring should bring 600 more inquiries;\n"
                             "      reviewed at the half-year.\n", 1)
    copy.write_text(stretched, encoding="utf-8")
    result = check("08.3", str(copy))
    assert result.passed, result.message
    copy.write_text(text, encoding="utf-8")
    kept = check("08.3", str(copy))
    assert not kept.passed and "0 errors and 1 warning" in kept.summary
    assert any("stretch" in problem for problem in kept.problems)


def test_a_file_that_does_not_read_names_the_line(copy):
    copy.write_text(copy.read_text(encoding="utf-8").replace("plan:\n  initiative", "plan\n  initiative"),
                    encoding="utf-8")
    result = check("08.3", str(copy))
    assert "does not read as a plan" in result.summary and "line" in result.problems[0]


def test_a_path_not_text_is_the_wrong_shape():
    assert "name of your plan file" in check("08.3", 3).summary



def test_the_notebook_stores_no_hint_before_it_is_asked():
    notebook = nbformat.read(Path(__file__).resolve().parent.parent / "exercises" / "08-capstone-strategy.ipynb",
                             as_version=4)
    hints = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.startswith("hint(")]
    assert len(hints) == len(TASK_IDS)
    assert all(not cell.outputs for cell in hints)


# 08.4 -------------------------------------------------------------------------------


def test_expected_levels_are_rubric_levels_of_real_criteria():
    from mopskit.change.strategy import rubric

    names, criteria = rubric()
    assert set(lesson08.EXCERPTS) <= {criterion.id for criterion in criteria}
    assert set(lesson08.EXPECTED_LEVELS.values()) <= set(names)


def test_levels_accept_numbers_and_short_criterion_names():
    assert check("08.4", {"needs": 1, "kpis": "2"}).passed


def test_a_level_too_high_quotes_what_it_asks_for(solutions):
    result = check("08.4", dict(solutions["task_08_4"], **{"KPIs and targets": "Strong"}))
    assert not result.passed and "1 of 2" in result.summary
    assert any("Strong asks for" in problem and "kept as a stretch" in problem for problem in result.problems)


def test_a_level_too_low_points_to_the_next_one(solutions):
    result = check("08.4", dict(solutions["task_08_4"], **{"KPIs and targets": "Beginning"}))
    assert any("shows more than Beginning" in problem for problem in result.problems)


def test_not_a_level_or_not_a_criterion():
    result = check("08.4", {"needs": "Great", "timeline": "Strong"})
    assert any("is not a level" in problem for problem in result.problems)
    assert any("'timeline' is not one of the two criteria" in problem for problem in result.problems)
    assert any("KPIs and targets has no level" in problem for problem in result.problems)
