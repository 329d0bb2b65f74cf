"""Hand-built audit results shared by the report tests, and the tests of `report.write`.

The results are built from the model's dataclasses, not by the engine, so the reports
are tested against exact, known values (including hostile strings and user emails).
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mopskit import InputError, report
from mopskit.report import files
from mopskit.stack.model import AuditResult, AuditSummary, Overlap, ToolAudit, UnmatchedApp

AS_OF = date(2026, 10, 31)
EMAILS = ("ana.pop@example.com", "luca.bianchi@example.com", "mara.ionescu@example.com")
HOSTILE_TOOL = '<script>alert("x")</script>'
HOSTILE_VENDOR = '"><img src=x onerror=alert(1)>'
FORMULA_STRINGS = ("=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1)", "-2+3", "@cmd", "\tTabbed", "\rReturn")


def tool(name: str, **fields: object) -> ToolAudit:
    """A tool with plausible defaults; tests override only what they check."""
    values: dict[str, object] = dict(
        tool=name,
        vendor=f"{name} Inc.",
        category="Email marketing",
        owner="Marketing Ops",
        department=None,
        annual_cost=12000.0,
        seats=10,
        active_users=9,
        utilization=0.9,
        cost_per_active_user=1333.33,
        wasted_annual_cost=1200.0,
        renewal_date=date(2027, 3, 1),
        notice_deadline=date(2026, 12, 1),
        days_to_notice_deadline=31,
        overlaps_with=(),
        recommendation="retain",
        reasons=("utilization 90% meets the 90% healthy target",),
    )
    values.update(fields)
    return ToolAudit(**values)  # type: ignore[arg-type]


def sample_result(**fields: object) -> AuditResult:
    """Four tools covering every recommendation, one without usage data, one overlap."""
    tools = (
        tool(
            "Mailer",
            annual_cost=24000.0,
            seats=20,
            active_users=8,
            utilization=0.4,
            cost_per_active_user=3000.0,
            wasted_annual_cost=14400.0,
            overlaps_with=("Sendly",),
            recommendation="consolidate",
            reasons=("overlaps with Sendly in Email marketing", "utilization 40% is under the 90% target"),
            days_to_notice_deadline=31,
        ),
        tool(
            "Sendly",
            department="Sales",
            annual_cost=6000.0,
            seats=5,
            active_users=5,
            utilization=1.0,
            cost_per_active_user=1200.0,
            wasted_annual_cost=0.0,
            overlaps_with=("Mailer",),
            renewal_date=date(2027, 9, 30),
            notice_deadline=date(2027, 6, 30),
            days_to_notice_deadline=242,
        ),
        tool(
            "Old CMS",
            category="WCM/CMS & web experience management",
            annual_cost=9000.0,
            seats=3,
            active_users=0,
            utilization=0.0,
            cost_per_active_user=None,
            wasted_annual_cost=9000.0,
            renewal_date=date(2026, 12, 31),
            notice_deadline=date(2026, 10, 1),
            days_to_notice_deadline=-30,
            recommendation="retire",
            reasons=("no active user in the last 60 days",),
        ),
        tool(
            "Planner",
            category="Projects & workflow",
            annual_cost=3000.0,
            seats=15,
            active_users=None,
            utilization=None,
            cost_per_active_user=None,
            wasted_annual_cost=None,
            renewal_date=date(2027, 5, 15),
            notice_deadline=date(2027, 4, 15),
            days_to_notice_deadline=166,
            recommendation="negotiate",
            reasons=("no sign-in data for this tool",),
        ),
    )
    values: dict[str, object] = dict(
        as_of=AS_OF,
        inactive_days=60,
        currency="EUR",
        summary=AuditSummary(tools=4, annual_cost=42000.0, wasted_annual_cost=23400.0, seats=43, active_users=11),
        tools=tools,
        overlaps=(Overlap(category="Email marketing", tools=("Mailer", "Sendly"), shared_active_users=2),),
        unmatched_apps=(UnmatchedApp(app="Free Survey Tool", users=4, sign_ins=37),),
        active_users_by_tool={"Mailer": EMAILS[:2], "Sendly (Sales)": EMAILS[1:2]},
        users_by_unmatched_app={"Free Survey Tool": EMAILS[2:]},
        shared_users_by_overlap={"Email marketing": EMAILS[1:2]},
    )
    values.update(fields)
    return AuditResult(**values)  # type: ignore[arg-type]


def hostile_result() -> AuditResult:
    """Every input-derived string is an attack: markup, attributes, spreadsheet formulas."""
    base = sample_result()
    first, second, *rest = base.tools
    tools = (
        replace(first, tool=HOSTILE_TOOL, vendor=HOSTILE_VENDOR, owner=FORMULA_STRINGS[0],
                department=FORMULA_STRINGS[1], category=FORMULA_STRINGS[2], overlaps_with=(FORMULA_STRINGS[3],),
                reasons=(f"overlaps with {HOSTILE_VENDOR}",)),
        replace(second, tool=FORMULA_STRINGS[4], vendor=FORMULA_STRINGS[5], overlaps_with=(HOSTILE_TOOL,)),
        *rest,
    )
    return replace(
        base,
        tools=tools,
        overlaps=(Overlap(category=FORMULA_STRINGS[2], tools=(HOSTILE_TOOL, FORMULA_STRINGS[4]), shared_active_users=2),),
        unmatched_apps=(UnmatchedApp(app="=cmd|' /C calc'!A0", users=1, sign_ins=2),
                        UnmatchedApp(app="<b>bold</b> | pipe", users=2, sign_ins=3)),
        active_users_by_tool={f"{HOSTILE_TOOL} ({FORMULA_STRINGS[1]})": ("<i>x</i>@example.com", "=evil@example.com")},
    )


# --- report.write: format by suffix, atomic, never overwrites unless asked -------------


@pytest.mark.parametrize("suffix", [".html", ".xlsx", ".md", ".json", ".HTML"])
def test_write_picks_the_format_from_the_suffix(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"audit{suffix}"
    written = report.write(sample_result(), target)
    assert written == target
    head = target.read_bytes()[:64]
    expected = {".html": b"<!doctype html>", ".xlsx": b"PK", ".md": b"# Martech stack audit", ".json": b"{"}
    assert head.lower().startswith(expected[suffix.lower()].lower())


def test_write_refuses_an_unknown_suffix_and_names_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), tmp_path / "audit.pdf")
    message = str(raised.value)
    assert "audit.pdf" in message
    for suffix in (".html", ".xlsx", ".md", ".json"):
        assert suffix in message
    assert list(tmp_path.iterdir()) == []


def test_write_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "audit.md"
    target.write_text("the team's own notes\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), target)
    assert raised.value.file == str(target)
    assert "already exists" in str(raised.value)
    assert target.read_text(encoding="utf-8") == "the team's own notes\n"
    assert [path.name for path in tmp_path.iterdir()] == ["audit.md"]  # no temp file left behind


def test_write_overwrites_with_force_and_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "audit.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    report.write(sample_result(), target, force=True)
    assert target.read_text(encoding="utf-8").startswith("# Martech stack audit")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_ordinary_permissions_not_temp_file_ones(tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    report.write(sample_result(), target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_failed_render_leaves_no_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> None:
        raise OSError("disk full")

    target = tmp_path / "audit.md"
    monkeypatch.setattr(files, "_write_and_sync", lambda handle, data: broken(data))
    with pytest.raises(InputError, match="disk full"):
        report.write(sample_result(), target)
    assert list(tmp_path.iterdir()) == []


def test_write_names_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "audit.html"
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), target)
    assert raised.value.file == str(target)
    assert "folder" in str(raised.value)


def test_write_refuses_a_folder_as_target_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "audit.html"
    target.mkdir()
    with pytest.raises(InputError, match="folder"):
        report.write(sample_result(), target, force=True)
    assert target.is_dir()


def test_check_targets_validates_every_path_before_anything_is_written(tmp_path: Path) -> None:
    existing = tmp_path / "audit.json"
    existing.write_text("{}", encoding="utf-8")
    paths = [tmp_path / "audit.html", existing]
    with pytest.raises(InputError) as raised:
        report.check_targets(paths)
    assert raised.value.file == str(existing)
    assert report.check_targets(paths, force=True) == paths
    with pytest.raises(InputError, match="more than once"):
        report.check_targets([tmp_path / "a.md", tmp_path / "." / "a.md"], force=True)
    with pytest.raises(InputError, match=r"\.xlsx"):
        report.check_targets([tmp_path / "a.csv"])


def test_atomic_write_replaces_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The target is only ever touched by os.replace/os.link of a finished temp file."""
    seen: list[tuple[str, bytes]] = []
    real_replace = os.replace

    def spying_replace(source: str, destination: str) -> None:
        seen.append((Path(source).parent.name, Path(source).read_bytes()))
        real_replace(source, destination)

    target = tmp_path / "audit.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", spying_replace)
    files.write_atomic(target, b"new\n", force=True)
    assert seen == [(tmp_path.name, b"new\n")]
    assert target.read_bytes() == b"new\n"


def test_users_appear_in_no_report_unless_asked(tmp_path: Path) -> None:
    result = sample_result()
    for suffix in (".html", ".md", ".xlsx", ".json"):
        hidden = report.write(result, tmp_path / f"hidden{suffix}")
        shown = report.write(result, tmp_path / f"shown{suffix}", show_users=True)
        assert not any(_contains(hidden, email) for email in EMAILS), suffix
        assert all(_contains(shown, email) for email in EMAILS), suffix


def _contains(path: Path, text: str) -> bool:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        return any(
            isinstance(cell.value, str) and text in cell.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
        )
    return text in path.read_text(encoding="utf-8")
