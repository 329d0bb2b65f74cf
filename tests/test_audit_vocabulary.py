"""The audit's vocabulary lives on the model: enums, one set of thresholds, frozen results."""

from __future__ import annotations

import json
import re
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pytest

import mopskit
from mopskit.stack.model import (
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    AuditResult,
    DeadlineStatus,
    Recommendation,
    ToolAudit,
    deadline_status,
)
from mopskit.viz.stack import RECOMMENDATION_ORDER


def test_recommendations_are_an_enum_in_report_order_that_still_reads_as_text(audited_tool) -> None:  # type: ignore[no-untyped-def]
    tool = audited_tool
    assert [item.value for item in Recommendation] == ["retire", "consolidate", "negotiate", "retain"]
    assert RECOMMENDATION_ORDER == tuple(Recommendation)
    audited = tool("X", recommendation="retire")
    assert audited.recommendation is Recommendation.RETIRE
    assert audited.recommendation == "retire" and f"{audited.recommendation}" == "retire"
    assert json.dumps({"r": audited.recommendation}) == '{"r": "retire"}'
    with pytest.raises(ValueError):
        tool("X", recommendation="keep maybe")


@pytest.mark.parametrize(
    ("days", "status"),
    [(-1, DeadlineStatus.PASSED), (0, DeadlineStatus.DUE), (REVIEW_WINDOW_DAYS, DeadlineStatus.DUE),
     (REVIEW_WINDOW_DAYS + 1, DeadlineStatus.LATER)],
)
def test_deadline_status_is_computed_once_from_the_review_window(days: int, status: DeadlineStatus, audited_tool) -> None:  # type: ignore[no-untyped-def]
    tool = audited_tool
    assert deadline_status(days) is status
    assert tool("X", days_to_notice_deadline=days).deadline_status is status


def test_decisions_due_are_the_tools_inside_the_window(sample_result) -> None:  # type: ignore[no-untyped-def]
    assert [item.tool for item in sample_result().decisions_due] == ["Mailer"]


def test_tool_json_keys_are_the_dataclass_fields_in_order(sample_result) -> None:  # type: ignore[no-untyped-def]
    document = sample_result().to_dict()
    assert list(document["tools"][0]) == [item.name for item in fields(ToolAudit)]


def test_user_maps_cannot_be_changed_through_the_result(sample_result) -> None:  # type: ignore[no-untyped-def]
    result = sample_result()
    with pytest.raises(TypeError):
        result.active_users_by_tool["Mailer"] = ("someone@else.example",)  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        result.notes = ("changed",)  # type: ignore[misc]
    given = {"Mailer": ("a@x.example",)}
    copied = replace(result, active_users_by_tool=given)
    given["Mailer"] = ("b@x.example",)
    assert copied.active_users_by_tool["Mailer"] == ("a@x.example",)  # a copy, not a view of the caller's dict


def test_results_are_hashable_by_content(sample_result) -> None:  # type: ignore[no-untyped-def]
    first, second = sample_result(), sample_result()
    assert first == second and hash(first) == hash(second)
    assert len({first, second}) == 1
    other = replace(first, active_users_by_tool={"Mailer": ("z@x.example",)})
    assert other != first
    assert {first: "rendered"}[second] == "rendered"
    assert isinstance(hash(other), int)


def test_no_threshold_is_typed_in_prose() -> None:
    """Messages and templates name HEALTHY_UTILIZATION and REVIEW_WINDOW_DAYS, never their values."""
    assert (HEALTHY_UTILIZATION, REVIEW_WINDOW_DAYS) == (0.90, 90)  # if these change, the prose follows
    package = Path(mopskit.__file__).parent
    report = [path for path in (package / "report").rglob("*") if "__pycache__" not in path.parts]
    checked = [*(package / "stack").rglob("*.py"), *report, package / "viz" / "stack.py"]
    offending = [
        f"{path.name}: {line.strip()}"
        for path in checked if path.is_file()
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\b90(%|-day| days?\b)", line)
    ]
    assert offending == []


def test_audit_result_is_kw_only_so_json_order_cannot_drift_with_positions(sample_result) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        AuditResult(sample_result().as_of)  # type: ignore[misc, call-arg]
