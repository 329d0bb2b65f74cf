"""Lesson 04 exercises: the worked answers pass, typical mistakes get the right message."""

from __future__ import annotations

import re

import pytest

from mopskit import InputError
from mopskit.exercises.tasks import registered_tasks
from mopskit.lessons import check, hint
from mopskit.lessons import lesson04

TASK_IDS = ("04.1", "04.2", "04.3", "04.4", "04.5", "04.6")


# 04.1 -------------------------------------------------------------------------------


def test_waste_matches_the_formula_of_the_lesson():
    case = lesson04.WASTE_CASE
    by_formula = max(case.seats - case.active_users, 0) * case.annual_cost / case.seats
    assert check("04.1", by_formula).passed
    assert check("04.1", round(by_formula)).passed
    assert not check("04.1", by_formula + 10).passed


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda c: c.annual_cost * c.active_users / c.seats, "seats in use"),
        (lambda c: c.annual_cost / c.active_users, "cost per active user"),
        (lambda c: c.seats - c.active_users, "number of idle seats"),
        (lambda c: c.annual_cost / c.seats, "price of one seat"),
        (lambda c: c.active_users / c.seats, "utilization"),
        (lambda c: 123.0, "seats nobody used"),
    ],
)
def test_waste_mistakes_are_named(wrong, says):
    result = check("04.1", wrong(lesson04.WASTE_CASE))
    assert not result.passed
    assert says in result.message


def test_waste_rejects_text_with_an_example():
    result = check("04.1", "6750 EUR")
    assert not result.passed
    assert "Expected one number" in result.message and "answer = " in result.message


# 04.2 -------------------------------------------------------------------------------


def test_first_to_renew_is_the_trap():
    first_to_renew = min(lesson04.RENEWAL_CASES, key=lambda case: case.renewal_date).tool
    result = check("04.2", first_to_renew.upper())
    assert not result.passed
    assert f"{first_to_renew} renews first" in result.message
    assert "notice deadline is 2026-11-17" in result.message


def test_first_deadline_accepts_case_and_spacing(solutions):
    assert check("04.2", "  " + solutions["task_04_2"].lower() + " ").passed


def test_first_deadline_suggests_a_close_name():
    result = check("04.2", "Analytcs suite")
    assert not result.passed and "Did you mean Analytics suite?" in result.message


# 04.3 -------------------------------------------------------------------------------


def test_consolidation_saving_by_hand_from_the_displayed_figures(solutions):
    # Worked from the table the task shows: 16 - 5 = 11 newcomers; 21 + 11 = 32 people need a
    # seat in A, 7 more than its 25; a seat of A costs 22,500 / 25 = 900; 15,000 - 7 x 900.
    shown = lesson04.consolidation_case().to_frame().set_index("Tool")
    assert shown.loc["Project tool B", "Active in both tools"] == "5"
    assert shown.loc["Project tool A", "Annual cost (EUR)"] == "22,500"
    assert check("04.3", 15000 - 7 * 900).passed
    assert check("04.3", 8700.4).passed
    assert check("04.3", -8700).passed, "a saving written as a change in spend is still right"
    assert check("04.3", solutions["task_04_3"]).passed
    assert not check("04.3", 8800).passed


def test_consolidation_saving_is_the_engines_own():
    outcome = lesson04.spend_after_moves(lesson04._consolidation_audit())
    assert outcome.net_saving == 8700
    (added,) = outcome.seats_to_add
    assert added.tool.tool == "Project tool A" and added.extra_seats == 7 and added.seat_price == 900
    assert [tool.tool for tool in outcome.ended] == ["Project tool B"]


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (15000, "contract alone"),
        (15000 - 12 * 900, "all 16 people who move; 5 of them already work"),
        (15000 - 11 * 900, "4 spare seats"),
        (15000 - 16 * 900, "Count only the newcomers"),
        (7 * 900, "take it off the contract that ends"),
        (15000 - 7 * 500, "at its own price per seat"),
        (1234, "take off what Project tool A must spend"),
    ],
)
def test_consolidation_saving_mistakes_are_named(wrong, says):
    result = check("04.3", wrong)
    assert not result.passed
    assert says in result.message


def test_consolidation_saving_wants_one_number():
    result = check("04.3", [15000, 6300])
    assert not result.passed and "one number" in result.message


# 04.4 -------------------------------------------------------------------------------


def test_recommendations_accept_aliases():
    assert check("04.4", {"a": "Cancel", "B": "right-size", "C": "merge", "D": "keep"}).passed


def test_recommendation_mistakes_explain_the_rule_without_the_answer():
    result = check("04.4", {"A": "retire", "B": "retire", "C": "retain", "D": "negotiate"})
    assert not result.passed
    assert result.message.startswith("1 of 4 recommendations")
    assert "'retire' is for a tool nobody signed in to; 14 people used Sales intelligence" in result.message
    assert "'retain' is what is left when no other rule fits" in result.message
    assert "CRM uses 93% of its seats" in result.message
    assert "'negotiate'" not in result.message.split("B (Sales intelligence)")[1].split("\n")[0]


def test_recommendations_name_missing_and_unknown_labels():
    result = check("04.4", {"A": "retire", "E": "retain", "C": "later"})
    assert "There is no tool 'E'" in result.message
    assert "'later' (given for C) is not a recommendation" in result.message
    assert "B (Sales intelligence) has no recommendation yet" in result.message


def test_recommendations_need_a_dictionary():
    result = check("04.4", ["retire", "negotiate", "consolidate", "retain"])
    assert not result.passed and "a dictionary from each label" in result.message


# hints and ids ------------------------------------------------------------------------


def test_hints_step_then_point_to_the_solution_notes():
    total = len(next(t for t in registered_tasks() if t.id == "04.2").hints)
    shown = [hint("04.2") for _ in range(total + 1)]
    assert [h.message.split(":")[0] for h in shown[:total]] == [
        f"Hint {n} of {total}" for n in range(1, total + 1)
    ]
    assert shown[-1].exhausted and "solution notes" in shown[-1].message


def test_unknown_task_is_a_clear_error():
    with pytest.raises(InputError, match="no exercise task '04.9'"):
        check("04.9", 1)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_no_hint_gives_the_answer_away(solutions, task_id):
    answer = solutions[f"task_{task_id.replace('.', '_')}"]
    hints = " ".join(next(t for t in registered_tasks() if t.id == task_id).hints)
    assert "keep=False" not in hints and "duplicated(" not in hints
    if isinstance(answer, (int, float)):
        assert f"{answer:,.0f}" not in hints and f"{answer:g}" not in hints
    if isinstance(answer, str):
        assert answer not in hints
    if isinstance(answer, dict):
        pairs = [f"{key}: {value}" for key, value in answer.items()] + [
            f"{key}={value}" for key, value in answer.items()]
        assert not any(pair in hints for pair in pairs)


def test_case_tables_show_what_the_tasks_describe():
    assert list(lesson04.waste_case().to_frame()["Tool"]) == [lesson04.WASTE_CASE.tool]
    assert not any("deadline" in column.lower() for column in lesson04.renewal_cases().to_frame().columns)
    cases = lesson04.recommendation_cases().to_frame().set_index("Label")
    assert list(cases.index) == ["A", "B", "C", "D"]
    assert "Email tool A (9 active of 10 seats)" in cases.loc["C", "Other tools in the category"]
    assert "Webinar tool A (18 active of 20 seats)" in cases.loc["A", "Other tools in the category"]


# 04.4: the order of the rules -------------------------------------------------------


def test_tool_a_fits_two_rules_and_the_first_one_wins():
    result = lesson04._stack_of_cases()
    tool_a = lesson04._tool(result, lesson04.RECOMMENDATION_CASES["A"].tool)
    assert tool_a.active_users == 0 and tool_a.overlaps_with, "A must fit retire and consolidate"
    assert tool_a.recommendation == "retire"
    tool_c = lesson04._tool(result, lesson04.RECOMMENDATION_CASES["C"].tool)
    assert tool_c.utilization < lesson04.HEALTHY_UTILIZATION and tool_c.recommendation == "consolidate"


def test_applying_the_rules_in_the_wrong_order_fails_and_says_order_matters(solutions):
    wrong_order = dict(solutions["task_04_4"], A="consolidate", C="negotiate")
    result = check("04.4", wrong_order)
    assert not result.passed
    assert "Order matters" in result.summary
    assert "A (Webinar tool B): not 'consolidate'. That rule fits Webinar tool B too" in result.message
    assert "C (Email tool B): not 'negotiate'. That rule fits Email tool B too" in result.message
    assert "'retire'" not in result.message


# 04.5 -------------------------------------------------------------------------------


def test_taxonomy_cases_name_real_subcategories():
    for _description, subcategory in lesson04.TAXONOMY_CASES.values():
        assert lesson04.category_of(subcategory)
    with pytest.raises(KeyError):
        lesson04.category_of("Horoscopes")


def test_taxonomy_accepts_short_names_and_subcategories(solutions):
    short = {"A": "data", "B": "Social", "C": "advertising", "D": "MANAGEMENT", "E": "commerce",
             "F": "WCM/CMS & web experience management"}
    assert check("04.5", short).passed


def test_taxonomy_mistakes_list_the_wrong_categorys_subcategories(solutions):
    swapped = dict(solutions["task_04_5"], A="Management", D="Data")
    result = check("04.5", swapped)
    assert not result.passed and result.message.startswith("4 of 6 tools")
    assert "is not in Management: none of its subcategories (Agile & lean management;" in result.message
    assert "Governance" not in result.message.split("A (")[1].split("\n")[0]


def test_taxonomy_suggests_a_close_category_and_names_missing_labels():
    result = check("04.5", {"A": "Dta", "Z": "Data"})
    assert "Did you mean Data?" in result.message
    assert "There is no tool 'Z'" in result.message and "F has no category yet" in result.message


# 04.6 -------------------------------------------------------------------------------


def test_shadow_it_apps_come_from_the_audit_of_the_task_stack():
    result = lesson04._shadow_it_audit()
    assert {app.app for app in result.unmatched_apps} == set(lesson04.SHADOW_IT_APPS)
    shown = lesson04.shadow_it_apps().to_frame()
    assert list(shown.columns) == ["App", "People", "What you found out"]
    assert dict(zip(shown["App"], shown["People"])) == {
        app: str(people) for app, (people, _found, _decision) in lesson04.SHADOW_IT_APPS.items()}


def test_a_renamed_app_makes_a_used_tool_look_unused():
    inventory = lesson04.shadow_it_inventory().to_frame().set_index("Tool")
    assert inventory.loc["Social suite", "Recommendation"] == "retire"


def test_shadow_it_accepts_phrases_and_explains_wrong_decisions():
    assert check("04.6", {"miro": "add to the inventory", "Typeform": "move users",
                          "hootsuite enterprise": "fix sso_app"}).passed
    result = check("04.6", {"Miro": "move", "Typeform": "add", "Hootsuite Enterprise": "delete"})
    assert not result.passed and result.message.startswith("0 of 3 apps")
    assert "Miro: not 'move'" in result.message and "'delete' (given for Hootsuite Enterprise)" in result.message


def test_shadow_it_names_unknown_and_missing_apps():
    result = check("04.6", {"Mir": "add"})
    assert "Did you mean Miro?" in result.message
    assert "Typeform has no decision yet" in result.message


# The lesson's tables ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_result():
    return lesson04.audit(lesson04.sample_inventory(), lesson04.sample_usage(), as_of=lesson04.AS_OF)


def test_actions_table_keeps_reasons_as_whole_sentences(sample_result):
    shown = lesson04.actions_table(sample_result).to_frame()
    assert list(shown.columns) == ["Tool", "Recommendation", "Seat utilization",
                                   f"Paid for unused seats ({sample_result.currency})",
                                   "Notice deadline", "Why"]
    acting = [tool for tool in sample_result.tools if tool.recommendation != "retain"]
    assert len(shown) == len(acting) > 0
    for tool in acting:
        why = shown.loc[shown["Tool"] == tool.label, "Why"].item()
        assert why == " ".join(tool.reasons)
        assert all(reason in why for reason in tool.reasons)
        assert not re.search(r"(?:\b\w ){4}", why), f"letters joined one by one: {why[:40]}"
    ranks = [lesson04.ACTION_ORDER.index(name) for name in shown["Recommendation"]]
    assert ranks == sorted(ranks)


def test_actions_table_html_has_no_letter_by_letter_text(sample_result):
    html = lesson04.actions_table(sample_result)._repr_html_()
    assert "I t " not in html and "N o " not in html


def test_worked_example_agrees_with_the_audits_row(sample_result):
    name = "LinkedIn Sales Navigator"
    tool = lesson04.tool_row(sample_result, name)
    shown = lesson04.worked_example(sample_result, name).to_frame().set_index("Step")
    assert shown.loc["Seats paid for", "By hand"] == str(tool.seats)
    for step in ("Utilization", "Cost per active user", "Paid for unused seats"):
        assert shown.loc[step, "By hand"] == shown.loc[step, "The audit's row"], step
    idle = tool.seats - tool.active_users
    assert shown.loc["Unused seats", "By hand"] == str(idle)
    assert shown.loc["Paid for unused seats", "By hand"] == f"EUR {idle * tool.annual_cost / tool.seats:,.2f}"


def test_worked_example_refuses_a_tool_it_cannot_work(sample_result):
    unmeasured = next(tool for tool in sample_result.tools if tool.active_users is None)
    with pytest.raises(ValueError, match="not a per-seat tool with sign-in data"):
        lesson04.worked_example(sample_result, unmeasured.tool)
    with pytest.raises(KeyError, match="no tool 'Photoshop'"):
        lesson04.tool_row(sample_result, "Photoshop")


def test_no_data_tools_say_no_data_never_zero(sample_result):
    shown = lesson04.no_data_table(sample_result).to_frame()
    expected = sorted(tool.label for tool in sample_result.tools if tool.active_users is None)
    assert sorted(shown["Tool"]) == expected
    assert set(shown["Seat utilization"]) <= {"no data (not 0%)"}


def test_spend_and_usage_tables_are_computed_from_the_result(sample_result):
    spend = dict(lesson04.spend_table(sample_result).to_frame().values)
    assert spend["Annual spend"] == f"EUR {sample_result.summary.annual_cost:,.0f}"
    assert spend["Categories with more than one tool"] == str(len(sample_result.overlaps))
    usage = dict(lesson04.usage_table(lesson04.sample_usage()).to_frame().values)
    assert usage["Sign-on events read"] == f"{lesson04.sample_usage().events:,}"


def test_caveats_table_lists_what_sign_in_data_cannot_show(sample_result):
    shown = lesson04.caveats_table(sample_result).to_frame()
    text = " ".join(shown["What sign-in data cannot show"])
    for idea in ("licence", "API", "no data", "per seat", "not proof"):
        assert idea in text


def test_unmatched_and_inventory_tables_follow_the_data(sample_result):
    unmatched = lesson04.unmatched_table(sample_result).to_frame()
    assert list(unmatched["App"]) == [app.app for app in sample_result.unmatched_apps]
    inventory = lesson04.inventory_table(lesson04.sample_inventory()).to_frame()
    assert len(inventory) == len(lesson04.sample_inventory().tools)
    assert inventory.columns[0] == "Tool" and "Pricing" in inventory.columns


def test_a_blank_app_name_is_not_called_outside_single_sign_on(sample_result):
    """Semrush's row leaves the app blank, yet its sign-ins are in the log under its own name:
    the inventory table must not say it is not behind single sign-on."""
    inventory = lesson04.inventory_table(lesson04.sample_inventory()).to_frame().set_index("Tool")
    apps = inventory["App in the identity provider"]
    assert apps["Semrush"] == apps["Intercom"] == lesson04.BLANK_APP
    assert not apps.str.contains("not behind single sign-on").any()
    semrush = lesson04.tool_row(sample_result, "Semrush")
    assert semrush.active_users == 5
    found = lesson04.blank_app_table(lesson04.sample_inventory(), sample_result).to_frame().set_index("Tool")
    assert list(found.index) == ["Semrush (Marketing)", "Intercom (Customer Service)"]
    assert "measured, 5 active users of 5 seats" in found.loc["Semrush (Marketing)", "What the audit found"]
    assert "unknown (not zero)" in found.loc["Intercom (Customer Service)", "What the audit found"]


# What following the advice saves -------------------------------------------------------


def test_the_audited_spend_is_the_casts_figure(sample_result):
    from mopskit.content import knowledge

    assert sample_result.summary.annual_cost == knowledge.cast().aurora.annual_licence_spend == 514_600


def test_spend_after_the_moves_counts_the_workfront_seats(sample_result):
    moves = lesson04.spend_after_moves(sample_result)
    assert sorted(tool.tool for tool in moves.ended) == ["Asana", "Brevo", "Sprout Social", "Uberflip"]
    assert moves.saved == 8_100 + 2_900 + 9_900 + 14_400
    (workfront,) = moves.seats_to_add
    assert workfront.tool.tool == "Adobe Workfront" and workfront.extra_seats == 5
    assert workfront.cost == 5 * 27_000 / 30
    assert moves.spend_after == lesson04.licence_spend_after_moves() == 483_800
    assert moves.spend_after != 514_600 - moves.saved, "the extra seats must not be forgotten"


def test_moves_table_adds_up(sample_result):
    shown = lesson04.moves_table(sample_result).to_frame()
    steps = dict(zip(shown["Step"], shown["Amount (EUR)"]))
    assert steps["Annual licence spend today"] == "514,600"
    assert steps["Annual licence spend after the moves"] == "483,800"
    assert steps["Net saving a year"] == "30,800"
    assert steps["End Asana (E-commerce): consolidate into Adobe Workfront"] == "− 8,100"
    assert any(step.startswith("Add 5 seats to Adobe Workfront") and amount == "+ 4,500"
               for step, amount in steps.items())


def test_a_tool_that_needs_no_extra_seats_adds_nothing():
    hootsuite = lesson04.tool_row(lesson04.sample_audit(), "Hootsuite")
    assert hootsuite.seats_needed <= hootsuite.seats
    assert "Hootsuite" not in [item.tool.tool for item in lesson04.spend_after_moves(lesson04.sample_audit()).seats_to_add]


def test_every_task_names_its_objectives_and_is_applied():
    tasks = [task for task in registered_tasks() if task.lesson == "04"]
    assert [task.id for task in tasks] == list(TASK_IDS)
    assert all(task.objectives and task.applied for task in tasks)


def test_figure_tables_keep_gartner_apart_from_seat_utilization():
    claims = " ".join(lesson04.why_audit_table().to_frame()["What it measures"])
    assert claims.count("not seat utilization") == 3
    years = lesson04.landscape_table().to_frame()["Figure"].tolist()
    assert years == ["about 8,000 tools", "9,932 tools", "11,038 tools", "14,106 tools"]
    thresholds = lesson04.thresholds_table().to_frame()
    assert "120, 90 and 60 days before the renewal date" in " ".join(thresholds["Where it comes from"])
