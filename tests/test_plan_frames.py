"""The change plan as tables: each frame agrees with the plan model and the lint, on the
sample plan and on small plans built for one point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from mopskit.change.plan import lint, load_plan
from mopskit.change.plan import frames
from mopskit.change.plan.lint import PRACTICES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "mopskit" / "data" / "change-plan" / "plan.yaml"
BASE = Path(__file__).resolve().parent / "data" / "plan" / "base.yaml"


@pytest.fixture(scope="module")
def plan():
    return load_plan(SAMPLE)


def _variant(tmp_path: Path, change) -> object:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_plan(path)


def test_raci_matrix_has_a_row_per_task_and_the_letters_of_each_person(plan):
    matrix = frames.raci_matrix(plan)
    assert list(matrix["Task"]) == [task.id for task in plan.tasks]
    assert list(matrix.columns[1:]) == list(plan.people)
    row = matrix.set_index("Task").loc["asana-move"]
    assert row["Elena Dumitru"] == "RA" and row["Giulia Rossi"] == "R" and row["Andrei Constantin"] == "C"
    assert row["Paolo Fontana"] == ""


def test_raci_matrix_can_head_columns_with_first_names_unless_two_share_one(plan, tmp_path):
    short = frames.raci_matrix(plan, first_names=True)
    assert list(short.columns[1:]) == [name.split()[0] for name in plan.people]
    assert (short.iloc[:, 1:].to_numpy() == frames.raci_matrix(plan).iloc[:, 1:].to_numpy()).all()
    twins = _variant(tmp_path, lambda d: [d["stakeholders"].append(
        {"name": "Ana Two", "role": "Analyst", "power": "low", "interest": "low"}),
        d["tasks"][0]["raci"].update(C=["Ana Two"])])
    assert list(frames.raci_matrix(twins, first_names=True).columns[1:]) == list(twins.people)


def test_accountable_load_counts_letters_and_leaves_out_everyone(plan):
    load = frames.accountable_load(plan).set_index("Person")
    assert "all" not in load.index
    for name in load.index:
        assert load.loc[name, "Accountable"] == sum(name in task.raci.accountable for task in plan.tasks)
    assert list(load["Accountable"]) == sorted(load["Accountable"], reverse=True)


def test_grid_frame_orders_by_quadrant_and_counts_messages(plan):
    grid = frames.grid_frame(plan)
    order = [frames.QUADRANT_ORDER.index(q) for q in grid["Quadrant"]]
    assert order == sorted(order) and len(grid) == len(plan.stakeholders)
    row = grid.set_index("Stakeholder").loc["Irina Lungu"]
    # the kickoff to 'all', the steering meeting, and the Hootsuite huddle to her role
    assert row["Quadrant"] == "keep satisfied" and row["Communications"] == 3


def test_adkar_frame_barrier_and_practice_follow_the_model_and_the_lint(plan):
    adkar = frames.adkar_frame(plan).set_index("Stakeholder")
    assert "Paolo Fontana" not in adkar.index and "Paolo Fontana" in frames.unscored(plan)
    assert adkar.loc["Irina Lungu", "Barrier"] == "awareness"  # 3 is at the line: the first element
    assert adkar.loc["Elena Dumitru", "Practice"] == PRACTICES["desire"]
    assert adkar.loc["Marco Ferrari", "Barrier"] == "none" and adkar.loc["Marco Ferrari", "Practice"] == ""
    advised = {f.where for f in lint(plan) if f.code == "ADKAR001"}
    assert len(advised) == int((adkar["Barrier"] != "none").sum())


def test_comms_calendar_has_one_row_per_occurrence_in_date_order(plan):
    calendar = frames.comms_calendar(plan)
    assert len(calendar) == sum(len(message.occurrences()) for message in plan.communications)
    assert list(calendar["Date"]) == sorted(calendar["Date"])
    assert calendar["Date"].iloc[0] == date(2026, 11, 2)
    months = frames.comms_by_month(plan)
    assert months["Messages"].sum() == len(calendar) and list(months["Month"]) == sorted(months["Month"])


def test_findings_frame_keeps_the_lint_order(tmp_path):
    broken = _variant(tmp_path, lambda d: d["tasks"][0]["raci"].update(A=["Ana", "Ben"], R=[]))
    table = frames.findings_frame(lint(broken))
    assert list(table["Code"]) == ["RACI001", "RACI002"]
    assert list(table["Where"]) == ["tasks[0].raci", "tasks[0].raci"]
    assert frames.findings_frame(()).empty


def test_who_moves_takes_the_tools_the_audit_removes_and_their_owners_from_the_plan(plan):
    from mopskit.lessons import lesson04
    from mopskit.stack import audit

    result = audit(lesson04.sample_inventory(), lesson04.sample_usage(), as_of=lesson04.AS_OF)
    moves = frames.who_moves(plan, result).set_index("Tool")
    removed = {t.label for t in result.tools if t.recommendation.value in ("consolidate", "retire")}
    assert set(moves.index) == removed
    asana = moves.loc["Asana (E-commerce)"]
    users = result.active_users_by_tool
    workfront = set().union(*(users.get(t.label, ()) for t in result.tools if t.tool == "Adobe Workfront"))
    assert asana["Moves to"] == "Adobe Workfront"
    assert asana["People who move"] == len(users["Asana (E-commerce)"])
    assert asana["New to the tool"] == len(set(users["Asana (E-commerce)"]) - workfront) < asana["People who move"]
    assert asana["Owner"] == "Elena Dumitru" and asana["Owner's quadrant"] == "manage closely"
    assert asana["Owner's barrier"] == "desire"
    assert moves.loc["Uberflip (Marketing)", "Moves to"] == "nothing (retired)"
    assert list(moves["Notice deadline"]) == sorted(moves["Notice deadline"])
