"""No confident wrong answer: the audit refuses or softens a verdict its evidence cannot carry.

Each class of the audit-trust rules has a test here: logs with no sign-in in the window,
logs that cover only part of it, no logs at all, pricing models, consolidation that moves
users, over-use, extreme values, and reports that never overwrite an input.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from mopskit import InputError, report
from mopskit.cli import main
from mopskit.stack import CAVEATS, Usage, audit, load_inventory

AS_OF = date(2026, 10, 31)
WINDOW_START = AS_OF - timedelta(days=59)
HEADER = "tool,vendor,category,owner,department,annual_cost,seats,renewal_date,notice_days,sso_app,pricing\n"
WHOLE_WINDOW = (AS_OF - timedelta(days=365), AS_OF)


def inventory(tmp_path: Path, *rows: str):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows))
    return load_inventory(path)


def signed_in(*records, period=WHOLE_WINDOW) -> Usage:
    return Usage.from_records(records, as_of=AS_OF, period=period)


def by_tool(result):
    return {tool.label: tool for tool in result.tools}


def csv_log(tmp_path: Path, *rows: str, name: str = "signins.csv") -> Path:
    path = tmp_path / name
    path.write_text("timestamp,user,tool,success\n" + "".join(row + "\n" for row in rows))
    return path


# --- usage that cannot support a verdict -------------------------------------------------------


def test_a_header_only_log_is_refused_not_read_as_nobody_uses_anything(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    with pytest.raises(InputError, match="holds no events"):
        audit(stack, csv_log(tmp_path), as_of=AS_OF)


def test_a_log_entirely_before_the_window_is_refused_and_says_what_it_holds(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    log = csv_log(tmp_path, "2025-09-01T10:00:00Z,a@x.example,Canva,true",
                  "2025-10-01T10:00:00Z,b@x.example,Canva,true")
    with pytest.raises(InputError) as caught:
        audit(stack, log, as_of=AS_OF)
    message = str(caught.value)
    assert "no successful sign-in in the activity window 2026-09-02 to 2026-10-31" in message
    assert "2025-09-01" in message and "2025-10-01" in message  # what the log does contain
    assert caught.value.file == str(log)


def test_a_log_with_only_failures_is_refused(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    log = csv_log(tmp_path, "2026-10-01T10:00:00Z,a@x.example,Canva,false")
    with pytest.raises(InputError, match="no successful sign-in to any app"):
        audit(stack, log, as_of=AS_OF)


def test_an_okta_log_without_app_sign_ins_names_its_event_types(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    event = {
        "published": "2026-10-20T09:00:00.000Z", "eventType": "user.session.start",
        "actor": {"alternateId": "a@x.example"}, "outcome": {"result": "SUCCESS"}, "target": [],
    }
    log = tmp_path / "okta.jsonl"
    log.write_text(json.dumps(event) + "\n")
    with pytest.raises(InputError) as caught:
        audit(stack, log, as_of=AS_OF)
    message = str(caught.value)
    assert "user.session.start (1)" in message
    assert "user.authentication.sso" in message


def test_a_log_that_starts_inside_the_window_recommends_no_retirement(tmp_path):
    """Entra's free tier keeps seven days: a week of silence is not two months of it."""
    stack = inventory(
        tmp_path,
        "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,",
        "Slack,Slack,Collaboration,Ana,,1000,2,2027-06-01,30,Slack,",
    )
    week = (AS_OF - timedelta(days=6), AS_OF)
    result = audit(stack, signed_in(("Slack", "a@x.example", AS_OF), period=week), as_of=AS_OF)
    canva = by_tool(result)["Canva"]
    assert canva.active_users == 0
    assert canva.recommendation == "retain"
    assert "only part of the last 60 days: not enough to retire it" in canva.reasons[0]
    assert result.evidence.partial
    assert "2026-10-25 to 2026-10-31, only part of the activity window 2026-09-02 to 2026-10-31" in result.notes[0]
    assert all(tool.recommendation != "retire" for tool in result.tools)


def test_waste_on_partial_logs_is_given_as_an_upper_bound_everywhere(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    week = (AS_OF - timedelta(days=6), AS_OF)
    result = audit(stack, signed_in(("Canva", "a@x.example", AS_OF), period=week), as_of=AS_OF)
    assert result.waste_is_upper_bound
    assert "at most 900 wasted" in result.summary_line()
    from mopskit.report.text import render_text

    for page in (render_text(result), report.render(result, ".md").decode(), report.render(result, ".html").decode()):
        assert "at most: the sign-in logs cover only part of the window" in page
    whole = audit(stack, signed_in(("Canva", "a@x.example", AS_OF)), as_of=AS_OF)
    assert not whole.waste_is_upper_bound and "at most" not in render_text(whole)


def test_a_log_that_ends_weeks_before_the_audit_date_recommends_no_retirement(tmp_path):
    """--as-of left out weeks after the export: the last weeks are unknown, not empty."""
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    log = csv_log(
        tmp_path,
        "2026-08-01T10:00:00Z,a@x.example,Slack,true",
        "2026-10-01T10:00:00Z,a@x.example,Slack,true",
    )
    result = audit(stack, log, as_of=AS_OF)
    assert result.tools[0].recommendation == "retain"
    assert result.evidence.last_day == date(2026, 10, 1)
    assert not result.evidence.covers_window


def test_a_log_ending_a_weekend_before_the_audit_date_still_covers_the_window(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    usage = signed_in(("Slack", "a@x.example", AS_OF - timedelta(days=3)),
                      period=(date(2026, 8, 1), AS_OF - timedelta(days=3)))
    result = audit(stack, usage, as_of=AS_OF)
    assert result.evidence.covers_window
    assert result.tools[0].recommendation == "retire"


def test_without_logs_every_output_says_utilization_is_unknown(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    result = audit(stack, None, as_of=AS_OF)
    assert result.notes[0].startswith("Utilization is unknown: no sign-in log was given")
    for suffix in (".html", ".md", ".json"):
        assert "Utilization is unknown" in report.render(result, suffix).decode()
    assert "Utilization is unknown" in result._repr_html_()
    from mopskit.report.text import render_text

    assert "Utilization is unknown" in render_text(result)


def test_unmatched_apps_count_only_sign_ins_inside_the_window(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    usage = signed_in(
        ("Canva", "a@x.example", AS_OF),
        ("Notion", "old@x.example", WINDOW_START - timedelta(days=1)),
        ("Notion", "new@x.example", WINDOW_START),
        ("Notion", "new@x.example", AS_OF),
        ("Dropbox", "old@x.example", WINDOW_START - timedelta(days=30)),
    )
    result = audit(stack, usage, as_of=AS_OF)
    assert [(app.app, app.users, app.sign_ins) for app in result.unmatched_apps] == [("Notion", 1, 2)]


# --- advice that holds up --------------------------------------------------------------------


def test_flat_and_usage_priced_tools_have_no_seat_waste(tmp_path):
    stack = inventory(
        tmp_path,
        "Shopify,Shopify,Ecommerce,Ana,,30000,10,2027-06-01,30,Shopify,flat",
        "Segment,Twilio,CDP,Ana,,20000,10,2027-06-01,30,Segment,usage",
        "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,per-seat",
    )
    usage = signed_in(("Shopify", "a@x.example", AS_OF), ("Segment", "a@x.example", AS_OF),
                      ("Canva", "a@x.example", AS_OF))
    result = audit(stack, usage, as_of=AS_OF)
    tools = by_tool(result)
    for name in ("Shopify", "Segment"):
        assert tools[name].recommendation == "retain"
        assert (tools[name].wasted_annual_cost, tools[name].utilization, tools[name].seats_needed) == (None,) * 3
        assert "not per seat" in tools[name].reasons[-1]
    assert tools["Canva"].recommendation == "negotiate"
    assert result.summary.wasted_annual_cost == pytest.approx(900)  # Canva's 9 unused seats only
    document = result.to_dict()
    assert [tool["pricing"] for tool in document["tools"]] == ["per-seat", "usage", "flat"]


def test_an_unused_flat_fee_tool_is_still_retired(tmp_path):
    stack = inventory(tmp_path, "Uberflip,Uberflip,Content,Ana,,14000,5,2027-06-01,30,Uberflip,flat")
    (tool,) = audit(stack, signed_in(("Slack", "a@x.example", AS_OF)), as_of=AS_OF).tools
    assert tool.recommendation == "retire"
    assert "seats" not in tool.reasons[0]
    assert tool.seats_needed is None


def test_a_consolidation_target_keeps_seats_for_the_users_it_takes_in(tmp_path):
    stack = inventory(
        tmp_path,
        "Workfront,Adobe,Projects,Ana,,30000,30,2027-06-01,30,Workfront,",
        "Asana,Asana,Projects,Ana,,8000,45,2027-06-01,30,Asana,",
    )
    usage = signed_in(
        *[("Workfront", f"w{i}@x.example", AS_OF) for i in range(20)],
        *[("Asana", f"a{i}@x.example", AS_OF) for i in range(8)],
        *[("Asana", f"w{i}@x.example", AS_OF) for i in range(4)],  # already in Workfront
    )
    tools = by_tool(audit(stack, usage, as_of=AS_OF))
    assert tools["Asana"].recommendation == "consolidate"
    assert tools["Asana"].seats_needed == 0
    workfront = tools["Workfront"]
    assert workfront.seats_needed == 28  # 20 of its own + 8 moving in; 4 already there
    assert workfront.recommendation == "retain"  # 28 of 30 needed: no cut below that
    assert "moves 8 people here" in " ".join(workfront.reasons)
    alone = by_tool(audit(stack, signed_in(*[("Workfront", f"w{i}@x.example", AS_OF) for i in range(20)]),
                          as_of=AS_OF))
    assert alone["Workfront"].recommendation == "negotiate"  # without the move it would be cut to 23


def test_a_consolidation_target_short_of_seats_is_told_to_buy_them_first(tmp_path):
    stack = inventory(
        tmp_path,
        "Hootsuite,Hootsuite,Social,Ana,,7000,10,2027-06-01,30,Hootsuite,",
        "Sprout,Sprout,Social,Ana,,9000,6,2027-06-01,30,Sprout,",
    )
    usage = signed_in(
        *[("Hootsuite", f"h{i}@x.example", AS_OF) for i in range(9)],
        *[("Sprout", f"s{i}@x.example", AS_OF) for i in range(5)],
    )
    hootsuite = by_tool(audit(stack, usage, as_of=AS_OF))["Hootsuite"]
    assert hootsuite.recommendation == "negotiate"
    assert hootsuite.seats_needed == 14
    assert "14 people need a seat" in hootsuite.reasons[-2]


def test_every_count_in_a_reason_is_written_with_thousands_separators(tmp_path):
    """A finance lead reads "2,383 people (1,200 active here and 1,183 moving in)", never a mix of
    "2,383" and "1183" in one sentence."""
    stack = inventory(
        tmp_path,
        "Hootsuite,Hootsuite,Social,Ana,,7000,1000,2027-06-01,30,Hootsuite,",
        "Sprout,Sprout,Social,Ana,,9000,6000,2027-06-01,30,Sprout,",
        "Zoom,Zoom,Video,Ana,,1000,1000,2027-06-01,30,Zoom,",
    )
    usage = signed_in(
        *[("Hootsuite", f"h{i}@x.example", AS_OF) for i in range(1200)],
        *[("Sprout", f"s{i}@x.example", AS_OF) for i in range(1100)],
        *[("Zoom", f"z{i}@x.example", AS_OF) for i in range(1500)],
    )
    tools = by_tool(audit(stack, usage, as_of=AS_OF))
    reasons = " ".join(reason for tool in tools.values() for reason in tool.reasons)
    assert "(1,200 active here and 1,100 moving in), 1,300 more than its 1,000" in reasons
    assert "More active users (1,500) than seats (1,000)" in reasons
    assert not re.findall(r"(?<![\d,.-])\d{4,}(?![\d-])", reasons.replace("2027-06-01", "")), reasons


def test_more_active_users_than_seats_is_a_compliance_risk_not_healthy(tmp_path):
    stack = inventory(tmp_path, "Zoom,Zoom,Video,Ana,,1000,2,2027-06-01,30,Zoom,")
    (tool,) = audit(stack, signed_in(*[("Zoom", f"u{i}@x.example", AS_OF) for i in range(3)]), as_of=AS_OF).tools
    assert tool.recommendation == "negotiate"
    assert tool.seats_needed == 3
    assert "licence-compliance risk" in tool.reasons[0]
    assert not any("healthy" in reason for reason in tool.reasons)


def test_every_report_carries_the_caveats(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    result = audit(stack, signed_in(("Canva", "a@x.example", AS_OF)), as_of=AS_OF)
    assert result.caveats == CAVEATS
    for suffix in (".html", ".md", ".json"):
        page = report.render(result, suffix).decode()
        assert "a category overlap" in page.lower() or "prompt to look, not proof" in page
        assert "no licence data" in page
    from mopskit.report.text import render_text

    assert "prompt to look, not proof" in render_text(result)


# --- extreme values --------------------------------------------------------------------------


@pytest.mark.parametrize(("flag", "value", "limit"), [
    ("--inactive-days", "1000000", "3,650"),
    ("--as-of", "9999-12-31", "2100-12-31"),
    ("--as-of", "0001-01-01", "1990-01-01"),
])
def test_extreme_values_exit_2_naming_the_limit(tmp_path, capsys, flag, value, limit):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,\n")
    options = ["--as-of", "2026-10-31"] if flag != "--as-of" else []
    assert main(["audit", str(path), flag, value, *options]) == 2
    err = capsys.readouterr().err
    assert limit in err and "Traceback" not in err


# --- inputs are sacred, outputs all or none ------------------------------------------------------


def _files(tmp_path: Path) -> tuple[Path, Path]:
    stack = tmp_path / "inventory.csv"
    stack.write_text(HEADER + "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,\n")
    log = csv_log(tmp_path, "2026-08-01T10:00:00Z,a@x.example,Canva,true",
                  "2026-10-30T10:00:00Z,a@x.example,Canva,true")
    return stack, log


@pytest.mark.parametrize("which", ["inventory", "usage"])
def test_force_never_overwrites_an_input(tmp_path, capsys, which):
    """Given as a report name too (here through a second name for the same file), an input is refused."""
    stack, log = _files(tmp_path)
    victim = stack if which == "inventory" else log
    alias = tmp_path / "alias.json"  # the same file under a report's name
    alias.hardlink_to(victim)
    before = victim.read_bytes()
    other = tmp_path / "audit.md"
    code = main(["audit", str(stack), "--usage", str(log), "--as-of", "2026-10-31",
                 "--out", str(other), "--out", str(alias), "--force"])
    assert code == 2
    assert "never overwrites its input" in capsys.readouterr().err
    assert victim.read_bytes() == before
    assert not other.exists()  # nothing written at all


def test_a_report_inside_a_log_folder_may_not_replace_a_log_read_from_it(tmp_path, capsys):
    stack, _log = _files(tmp_path)
    folder = tmp_path / "logs"
    folder.mkdir()
    inside = csv_log(folder, "2026-08-01T10:00:00Z,a@x.example,Canva,true",
                     "2026-10-30T10:00:00Z,a@x.example,Canva,true", name="week.csv")
    target = folder / "week.md"
    target.hardlink_to(inside)  # the same file under a report's name
    code = main(["audit", str(stack), "--usage", str(folder), "--as-of", "2026-10-31", "--out", str(target), "--force"])
    assert code == 2
    assert "never overwrites its input" in capsys.readouterr().err


def test_several_reports_are_written_all_or_none(tmp_path, monkeypatch):
    stack, log = _files(tmp_path)
    result = audit(load_inventory(stack), log, as_of=AS_OF)
    first, second = tmp_path / "a.md", tmp_path / "b.json"
    import mopskit.io.files as files

    real = files._link_without_overwriting
    calls = []

    def fail_on_second(temporary, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(temporary, target)

    monkeypatch.setattr(files, "_link_without_overwriting", fail_on_second)
    with pytest.raises(InputError, match="No space left"):
        report.write_all(result, [first, second])
    assert not first.exists() and not second.exists()
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]  # no temporary left


def test_a_forced_set_that_fails_puts_the_old_reports_back(tmp_path, monkeypatch):
    stack, log = _files(tmp_path)
    result = audit(load_inventory(stack), log, as_of=AS_OF)
    first, second = tmp_path / "a.md", tmp_path / "b.json"
    first.write_text("old a")
    second.write_text("old b")
    import mopskit.io.files as files

    real = files.os.replace
    calls = []

    def fail_on_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(files.os, "replace", fail_on_second)
    with pytest.raises(InputError):
        report.write_all(result, [first, second], force=True)
    monkeypatch.setattr(files.os, "replace", real)
    assert first.read_text() == "old a" and second.read_text() == "old b"


def test_an_inventory_without_a_currency_is_reported_without_a_code(tmp_path):
    stack = inventory(tmp_path, "Canva,Canva,Content,Ana,,1000,10,2027-06-01,30,Canva,")
    result = audit(stack, signed_in(("Canva", "a@x.example", AS_OF)), as_of=AS_OF)
    assert result.currency is None
    from mopskit.report.text import render_text

    pages = [render_text(result), result.summary_line(), result._repr_html_(),
             *(report.render(result, suffix).decode() for suffix in (".html", ".md", ".json"))]
    for page in pages:
        assert "XXX" not in page and "None" not in page
    assert "1,000" in render_text(result)
    assert json.loads(report.render(result, ".json"))["currency"] is None
    from openpyxl import load_workbook
    import io

    book = load_workbook(io.BytesIO(report.render(result, ".xlsx")))
    cells = [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not any("XXX" in cell or "None" in cell for cell in cells)
