"""The audit rules of DOMAIN.md §4, the recommendation rules, and the exact JSON shape."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mopskit import InputError
from mopskit.stack import Usage, audit, load_inventory, next_renewal, read_usage

DATA = Path(__file__).parent / "data" / "stack"
AS_OF = date(2026, 10, 31)
HEADER = "tool,vendor,category,owner,department,annual_cost,seats,renewal_date,notice_days,sso_app\n"


def inventory(tmp_path: Path, *rows: str):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows))
    return load_inventory(path)


def signed_in(*records: tuple[str, str, date | str]) -> Usage:
    """Sign-ins from a log said to cover the year up to AS_OF (so silence in it means no use)."""
    return Usage.from_records(records, as_of=AS_OF, period=(AS_OF - timedelta(days=365), AS_OF))


def by_tool(result):
    return {tool.label: tool for tool in result.tools}


@pytest.fixture
def sample():
    return audit(
        load_inventory(DATA / "inventory" / "clean.csv"), DATA / "usage" / "clean.csv", as_of="2026-10-31"
    )


def test_sample_figures_follow_the_formulas(sample):
    tools = {tool.tool: tool for tool in sample.tools}
    slack = tools["Slack"]
    assert (slack.active_users, slack.seats) == (2, 10)
    assert slack.utilization == pytest.approx(0.2)
    assert slack.cost_per_active_user == pytest.approx(12000 / 2)
    assert slack.wasted_annual_cost == pytest.approx((10 - 2) * 12000 / 10)
    assert slack.notice_deadline == date(2027, 3, 1) - timedelta(days=30)
    assert slack.days_to_notice_deadline == (slack.notice_deadline - AS_OF).days
    assert slack.overlaps_with == ("Teams",)
    assert tools["HubSpot"].active_users == 4  # matched by tool name, no sso_app
    assert tools["Canva"].active_users == 0  # last success 2026-08-01: outside the 60 days
    assert tools["Canva"].cost_per_active_user is None
    assert tools["Hotjar"].active_users is None  # no sso_app, not in the logs: unknown, not zero
    assert tools["Hotjar"].wasted_annual_cost is None


def test_summary_counts_distinct_users_and_known_waste(sample):
    summary = sample.summary
    assert summary.tools == 5
    assert summary.annual_cost == pytest.approx(44100)
    assert summary.seats == 42
    assert summary.active_users == 4  # ana, ion, eva, dan: each counted once across tools
    known = [tool.wasted_annual_cost for tool in sample.tools if tool.wasted_annual_cost is not None]
    assert summary.wasted_annual_cost == pytest.approx(sum(known))
    assert len(known) == 4


def test_unmatched_apps_are_reported_as_possible_shadow_it(sample):
    (notion,) = sample.unmatched_apps
    assert (notion.app, notion.users, notion.sign_ins) == ("Notion", 1, 2)


def test_overlaps_count_users_active_in_two_tools(sample):
    (overlap,) = sample.overlaps
    assert overlap.category == "Collaboration"
    assert overlap.tools == ("Slack", "Teams")
    assert overlap.shared_active_users == 2


def test_window_includes_as_of_and_the_days_before_it_exactly(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva")
    first_day = AS_OF - timedelta(days=59)
    usage = signed_in(
        ("Canva", "first@x.example", first_day),
        ("Canva", "before@x.example", first_day - timedelta(days=1)),
        ("Canva", "today@x.example", AS_OF),
    )
    result = audit(stack, usage, as_of=AS_OF, inactive_days=60)
    assert result.tools[0].active_users == 2
    assert result.active_users_by_tool["Canva"] == ("first@x.example", "today@x.example")
    assert audit(stack, usage, as_of=AS_OF, inactive_days=1).tools[0].active_users == 1


def test_retire_when_nobody_signed_in(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2026-12-01,0,Canva")
    (tool,) = audit(stack, signed_in(("Slack", "a@x.example", AS_OF)), as_of=AS_OF).tools
    assert tool.recommendation == "retire"
    assert tool.wasted_annual_cost == pytest.approx(1000)
    assert any("No one signed in" in reason for reason in tool.reasons)
    assert any(reason.startswith("Urgent: the notice deadline is 2026-12-01, in 31 days") for reason in tool.reasons)


def test_consolidate_the_less_used_of_overlapping_tools(tmp_path):
    stack = inventory(
        tmp_path,
        "Asana,Asana,Projects & workflow,Ana,,9000,10,2027-09-01,30,Asana",
        "Trello,Atlassian,Projects & workflow,Ana,,900,10,2027-09-01,30,Trello",
    )
    usage = signed_in(
        *[("Asana", f"u{i}@x.example", AS_OF) for i in range(9)],
        *[("Trello", f"u{i}@x.example", AS_OF) for i in range(3)],
    )
    tools = by_tool(audit(stack, usage, as_of=AS_OF))
    assert tools["Trello"].recommendation == "consolidate"
    assert "Asana is the most used there (9 active users against 3 here)" in tools["Trello"].reasons[0]
    assert tools["Asana"].recommendation == "retain"  # 90% used: at the healthy target
    assert "Start the review by" in tools["Trello"].reasons[-1]


def test_negotiate_under_ninety_percent_with_a_right_sized_seat_count(tmp_path):
    stack = inventory(tmp_path, "Semrush,Semrush,SEO,Ana,,10000,20,2027-01-15,30,Semrush")
    usage = signed_in(*[("Semrush", f"u{i}@x.example", AS_OF) for i in range(9)])
    (tool,) = audit(stack, usage, as_of=AS_OF).tools
    assert tool.recommendation == "negotiate"
    assert "right-size to 10 seats at renewal, saving about 5,000 a year" in tool.reasons[0]
    assert tool.days_to_notice_deadline == 46
    assert tool.reasons[-1].startswith("Urgent")


def test_retain_when_healthy_or_when_no_seat_can_go(tmp_path):
    stack = inventory(
        tmp_path,
        "Figma,Figma,Design,Ana,,1000,10,2027-06-01,30,Figma",
        "Miro,Miro,Whiteboards,Ana,,1000,5,2027-06-01,30,Miro",
    )
    usage = signed_in(
        *[("Figma", f"u{i}@x.example", AS_OF) for i in range(9)],
        *[("Miro", f"u{i}@x.example", AS_OF) for i in range(4)],
    )
    tools = by_tool(audit(stack, usage, as_of=AS_OF))
    assert tools["Figma"].recommendation == "retain"
    assert "healthy" in tools["Figma"].reasons[-1]
    assert tools["Miro"].recommendation == "retain"  # 80%, but 4 / 0.9 rounds up to all 5 seats
    assert "one seat fewer" in tools["Miro"].reasons[-1]


def test_more_active_users_than_seats_is_flagged(tmp_path):
    stack = inventory(tmp_path, "Zoom,Zoom,Video,Ana,,1000,2,2027-06-01,30,Zoom")
    usage = signed_in(*[("Zoom", f"u{i}@x.example", AS_OF) for i in range(3)])
    (tool,) = audit(stack, usage, as_of=AS_OF).tools
    assert tool.utilization == pytest.approx(1.5)
    assert tool.wasted_annual_cost == 0
    assert tool.recommendation == "negotiate"
    assert any("More active users (3) than seats (2)" in reason for reason in tool.reasons)


def test_renewal_in_the_past_rolls_forward_by_whole_years_and_says_so(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2024-02-29,30,Canva")
    (tool,) = audit(stack, signed_in(("Canva", "a@x.example", AS_OF)), as_of=AS_OF).tools
    assert tool.renewal_date == date(2027, 2, 28)
    assert "next renewal is 2027-02-28" in " ".join(tool.reasons)
    assert next_renewal(date(2026, 10, 31), AS_OF) == date(2026, 10, 31)
    assert next_renewal(date(2025, 11, 1), AS_OF) == date(2026, 11, 1)
    assert next_renewal(date(2025, 10, 30), AS_OF) == date(2027, 10, 30)


def test_passed_notice_deadline_is_explained(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2026-11-10,30,Canva")
    (tool,) = audit(stack, signed_in(("Slack", "a@x.example", AS_OF)), as_of=AS_OF).tools
    assert tool.days_to_notice_deadline == -20
    assert "passed 20 days ago" in tool.reasons[-1]


def test_no_usage_at_all_gives_null_figures_and_a_reason(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva")
    result = audit(stack, None, as_of=AS_OF)
    (tool,) = result.tools
    assert (tool.active_users, tool.utilization, tool.cost_per_active_user, tool.wasted_annual_cost) == (None,) * 4
    assert tool.recommendation == "retain"
    assert "No sign-in logs were given" in tool.reasons[0]
    assert (result.summary.active_users, result.summary.wasted_annual_cost) == (None, None)


def test_one_app_shared_by_two_department_contracts(tmp_path):
    stack = inventory(
        tmp_path,
        "Salesforce,Salesforce,CRM,Ana,Sales,50000,10,2027-06-01,30,Salesforce",
        "Salesforce,Salesforce,CRM,Ion,Marketing,10000,2,2027-06-01,30,Salesforce",
    )
    result = audit(stack, signed_in(("Salesforce", "a@x.example", AS_OF)), as_of=AS_OF)
    assert [tool.label for tool in result.tools] == ["Salesforce (Marketing)", "Salesforce (Sales)"]
    assert all(tool.active_users == 1 for tool in result.tools)
    assert "cannot tell this contract from Salesforce (Sales)" in " ".join(result.tools[0].reasons)
    assert result.overlaps == ()  # the same tool twice is not an overlap of tools


def test_usage_read_for_another_day_is_read_again_from_its_logs():
    stack = load_inventory(DATA / "inventory" / "clean.csv")
    everything = read_usage(DATA / "usage" / "okta-lines.jsonl")  # includes a sign-in on 2026-11-03
    early = audit(stack, everything, as_of="2026-10-31")
    direct = audit(stack, DATA / "usage" / "okta-lines.jsonl", as_of="2026-10-31")
    assert early.to_dict(show_users=True) == direct.to_dict(show_users=True)
    assert early.active_users_by_tool["Slack (Marketing)"] == ("ana@acme.example", "ion@acme.example")
    later = Usage.from_records([("Slack", "a@x.example", "2026-11-05"), ("Slack", "b@x.example", "2026-10-30")],
                               period=("2026-08-01", "2026-11-05"))
    recounted = audit(stack, later, as_of=AS_OF)  # records are counted again for the audit's window
    assert recounted.active_users_by_tool["Slack (Marketing)"] == ("b@x.example",)


@pytest.mark.parametrize("days", [0, -1, 2.5, True, "60"])
def test_inactive_days_must_be_a_positive_whole_number(sample, days):
    stack = load_inventory(DATA / "inventory" / "clean.csv")
    with pytest.raises(InputError, match="inactive_days"):
        audit(stack, None, as_of=AS_OF, inactive_days=days)


def test_as_of_must_be_a_date():
    stack = load_inventory(DATA / "inventory" / "clean.csv")
    with pytest.raises(InputError, match="as_of must be a date"):
        audit(stack, None, as_of="31/10/2026")


TOOL_KEYS = [
    "tool", "vendor", "category", "owner", "department", "annual_cost", "pricing", "seats", "active_users",
    "seats_needed", "utilization", "cost_per_active_user", "wasted_annual_cost", "renewal_date",
    "notice_deadline", "days_to_notice_deadline", "overlaps_with", "recommendation", "reasons",
]


def test_to_dict_has_exactly_the_schema_shape(sample):
    document = sample.to_dict()
    assert list(document) == [
        "schema", "as_of", "inactive_days", "currency", "usage", "notes", "caveats", "summary", "tools",
        "overlaps", "unmatched_apps",
    ]
    assert document["schema"] == "mopskit.audit/2"
    assert list(document["usage"]) == [
        "window_start", "window_end", "logs_given", "first_day", "last_day", "covers_window",
    ]
    assert document["as_of"] == "2026-10-31"
    assert document["inactive_days"] == 60
    assert list(document["summary"]) == ["tools", "annual_cost", "wasted_annual_cost", "seats", "active_users"]
    assert all(list(tool) == TOOL_KEYS for tool in document["tools"])
    assert list(document["overlaps"][0]) == ["category", "tools", "shared_active_users"]
    assert list(document["unmatched_apps"][0]) == ["app", "users", "sign_ins"]
    assert [tool["tool"] for tool in document["tools"]] == ["Canva", "Hotjar", "HubSpot", "Slack", "Teams"]
    assert json.loads(json.dumps(document)) == document


def test_to_dict_rounds_money_to_cents_and_utilization_to_four_places(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,3,2027-06-01,30,Canva")
    tool = audit(stack, signed_in(("Canva", "a@x.example", AS_OF)), as_of=AS_OF).to_dict()["tools"][0]
    assert tool["utilization"] == 0.3333
    assert tool["wasted_annual_cost"] == 666.67
    assert tool["renewal_date"] == "2027-06-01"


def test_emails_appear_only_when_asked(sample):
    plain = json.dumps(sample.to_dict())
    assert "@" not in plain
    shown = sample.to_dict(show_users=True)
    slack = next(tool for tool in shown["tools"] if tool["tool"] == "Slack")
    assert slack["user_emails"] == ["ana@acme.example", "ion@acme.example"]
    assert shown["unmatched_apps"][0]["user_emails"] == ["eva@acme.example"]
    assert shown["overlaps"][0]["shared_user_emails"] == ["ana@acme.example", "ion@acme.example"]
    assert "@" not in sample._repr_html_()
    assert "@" not in repr(sample)
    assert "@" not in sample.to_frame().to_csv()


def test_repr_is_one_summary_line_not_every_field(sample):
    text = repr(sample)
    assert "\n" not in text
    assert text.startswith("<AuditResult: Stack audit as of 2026-10-31")
    assert f"{sample.summary.tools} tools" in text
    assert "ToolAudit(" not in text


def test_to_frame_and_html_escape_input(tmp_path):
    stack = inventory(tmp_path, '"<script>alert(1)</script>",Evil & Co,Content,Ana,,1000,3,2027-06-01,30,')
    result = audit(stack, None, as_of=AS_OF)
    frame = result.to_frame()
    assert list(frame.columns) == TOOL_KEYS
    assert frame.loc[0, "tool"] == "<script>alert(1)</script>"
    page = result._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_results_are_deterministic(sample):
    again = audit(
        load_inventory(DATA / "inventory" / "clean.csv"), DATA / "usage" / "clean.csv", as_of="2026-10-31"
    )
    assert again.to_json(show_users=True) == sample.to_json(show_users=True)


def test_formulas_of_domain_section_4():
    from mopskit.stack import cost_per_active_user, notice_deadline, utilization, wasted_annual_cost

    assert utilization(9, 12) == 0.75
    assert cost_per_active_user(12_000, 8) == 1_500
    assert cost_per_active_user(12_000, 0) is None
    assert wasted_annual_cost(12_000, 12, 9) == 3_000
    assert wasted_annual_cost(12_000, 12, 15) == 0  # more users than seats wastes nothing
    assert notice_deadline(date(2027, 2, 1), 90) == date(2026, 11, 3)
