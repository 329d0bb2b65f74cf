"""The JSON report: exactly the `mopskit.audit/1` shape, UTF-8, users only on request."""

from __future__ import annotations

import json


from mopskit.report import jsonfile

TOOL_KEYS = [
    "tool", "vendor", "category", "owner", "department", "annual_cost", "pricing", "seats", "active_users",
    "seats_needed", "utilization", "cost_per_active_user", "wasted_annual_cost", "renewal_date",
    "notice_deadline", "days_to_notice_deadline", "overlaps_with", "recommendation", "reasons",
]


def test_the_shape_is_exactly_schema_two(sample_result) -> None:
    raw = jsonfile.render(sample_result())
    document = json.loads(raw)
    assert list(document) == [
        "schema", "as_of", "inactive_days", "currency", "usage", "notes", "caveats", "summary", "tools",
        "overlaps", "unmatched_apps",
    ]
    assert document["schema"] == "mopskit.audit/2"
    assert document["caveats"] and all(isinstance(caveat, str) for caveat in document["caveats"])
    assert document["as_of"] == "2026-10-31" and document["inactive_days"] == 60
    assert list(document["summary"]) == ["tools", "annual_cost", "wasted_annual_cost", "seats", "active_users"]
    assert all(list(tool) == TOOL_KEYS for tool in document["tools"])
    assert list(document["overlaps"][0]) == ["category", "tools", "shared_active_users"]
    assert list(document["unmatched_apps"][0]) == ["app", "users", "sign_ins"]
    planner = document["tools"][3]
    assert planner["active_users"] is None and planner["utilization"] is None  # null, not 0
    assert raw.endswith(b"}\n")


def test_users_only_with_show_users(report_emails, sample_result) -> None:
    hidden = jsonfile.render(sample_result()).decode("utf-8")
    shown = json.loads(jsonfile.render(sample_result(), show_users=True))
    assert not any(email in hidden for email in report_emails)
    assert shown["tools"][0]["user_emails"] == list(report_emails[:2])
    assert shown["unmatched_apps"][0]["user_emails"] == [report_emails[2]]


def test_text_is_utf8_and_round_trips_hostile_strings(hostile_result) -> None:
    result = hostile_result()
    document = json.loads(jsonfile.render(result).decode("utf-8"))
    assert [tool["tool"] for tool in document["tools"]] == [tool.tool for tool in result.tools]


def test_non_ascii_names_are_written_as_utf8_not_escapes(sample_result) -> None:
    from dataclasses import replace

    result = sample_result()
    result = replace(result, tools=(replace(result.tools[0], tool="Café Ünïcode"),) + result.tools[1:])
    raw = jsonfile.render(result)
    assert "Café Ünïcode".encode() in raw and b"\\u00e9" not in raw
