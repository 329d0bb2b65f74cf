"""`mopskit plan` end to end: --lint exit codes (0 clean or warnings only, 1 errors, 2 unreadable),
reports in every format, and never a report over the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mopskit.cli import main

DATA = Path(__file__).resolve().parent / "data" / "plan"
SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"


def test_lint_clean_plan_exits_0(capsys):
    assert main(["plan", str(SAMPLE), "--lint"]) == 0
    out = capsys.readouterr().out
    assert "ADKAR001 info stakeholders: 4 ADKAR barrier points, names hidden" in out
    assert "Elena Dumitru" not in out
    assert "0 errors, 0 warnings" in out
    assert main(["plan", str(SAMPLE), "--lint", "--show-users"]) == 0
    assert "ADKAR001 info stakeholders[2].adkar: Elena Dumitru's barrier point is desire" in capsys.readouterr().out


def test_lint_warnings_only_exits_0(capsys):
    assert main(["plan", str(DATA / "sched003-outside-window.yaml"), "--lint"]) == 0
    assert "SCHED003 warning tasks[2]: " in capsys.readouterr().out


def test_lint_errors_exit_1_one_finding_a_line(capsys):
    assert main(["plan", str(DATA / "raci001-no-responsible.yaml"), "--lint"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("RACI001 error tasks[1].raci: ") and "add who does the work" in lines[0]


def test_unreadable_plan_exits_2_naming_the_place(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text((DATA / "base.yaml").read_text(encoding="utf-8").replace("power: low", "power: lowish"),
                    encoding="utf-8")
    assert main(["plan", str(path), "--lint"]) == 2
    assert "stakeholders[1].power" in capsys.readouterr().err
    assert main(["plan", str(tmp_path / "missing.yaml"), "--lint"]) == 2


def test_reports_in_every_format(tmp_path, capsys):
    outs = [tmp_path / f"plan{suffix}" for suffix in (".html", ".md", ".xlsx", ".json")]
    assert main(["plan", str(SAMPLE), *(f"--out={path}" for path in outs)]) == 0
    assert all(path.stat().st_size > 0 for path in outs)
    assert json.loads(outs[-1].read_text(encoding="utf-8"))["schema"] == "mopskit.plan/1"
    assert "RACI matrix" in outs[0].read_text(encoding="utf-8")


def test_lint_and_report_together_still_fail_on_errors(tmp_path):
    out = tmp_path / "plan.html"
    assert main(["plan", str(DATA / "smart002-target-equals-baseline.yaml"), "--lint", "--out", str(out)]) == 1
    assert out.exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_report_never_written_over_the_plan(tmp_path, capsys, suffix):
    plan = tmp_path / f"plan{suffix}"
    original = (DATA / "base.yaml").read_text(encoding="utf-8")
    plan.write_text(original, encoding="utf-8")
    assert main(["plan", str(plan), "--out", str(plan), "--force"]) == 2
    assert plan.read_text(encoding="utf-8") == original


def test_summary_without_options(capsys):
    assert main(["plan", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Change plan: Marketing stack consolidation") and "--out plan.html" in out
