"""`mopskit assess` end to end: the summary, reports, names only on request, exit 2 on bad
input with nothing written, and never a report over an input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mopskit.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "maturity-assessment"
ANSWERS = """\
respondent,dimension,current,target
Ana,strategic-planning,1,4
Ben,strategic-planning,3,4
Ana,operational-excellence,2,3
Ben,operational-excellence,2,3
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def test_summary_on_screen_names_top_gaps_and_disagreements(answers, capsys):
    assert main(["assess", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "Biggest gap: Strategic planning" in out
    assert "Disagreement on Strategic planning: answers from 1 to 3" in out
    assert "conversation starter" in out
    assert "Ana" not in out


def test_reports_in_every_format_and_names_only_with_show_names(answers, tmp_path, capsys):
    outs = [tmp_path / f"r{suffix}" for suffix in (".html", ".md", ".xlsx", ".json")]
    assert main(["assess", str(answers), *(f"--out={path}" for path in outs)]) == 0
    assert all(path.stat().st_size > 0 for path in outs)
    assert "Ana" not in (tmp_path / "r.json").read_text(encoding="utf-8")
    named = tmp_path / "named.json"
    assert main(["assess", str(answers), "--out", str(named), "--show-names"]) == 0
    assert json.loads(named.read_text(encoding="utf-8"))["respondent_names"] == ["Ana", "Ben"]
    also = tmp_path / "also.json"
    assert main(["assess", str(answers), "--out", str(also), "--show-users"]) == 0
    assert "respondent_names" in json.loads(also.read_text(encoding="utf-8"))


def test_previous_run_adds_the_trend(answers, tmp_path, capsys):
    earlier = tmp_path / "earlier.json"
    assert main(["assess", str(answers), "--out", str(earlier)]) == 0
    answers.write_text(ANSWERS.replace("Ana,operational-excellence,2,3", "Ana,operational-excellence,3,3")
                       .replace("Ben,operational-excellence,2,3", "Ben,operational-excellence,3,3"),
                       encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", str(answers), "--previous", str(earlier)]) == 0
    assert "Since earlier.json: Operational excellence +1." in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["Cid,strategic-planning,7,4", "Cid,strategic-plan,2,4", ",strategic-planning,2,4",
                                 "Ana,strategic-planning,2,4"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(answers, tmp_path, capsys, bad):
    answers.write_text(ANSWERS + bad + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["assess", str(answers), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mopskit assess: {answers}, row 6, column '")
    assert "\n" not in err
    assert not out.exists()


def test_a_report_never_overwrites_an_input_even_with_force(answers, tmp_path, capsys):
    earlier = tmp_path / "earlier.json"
    assert main(["assess", str(answers), "--out", str(earlier)]) == 0
    before = earlier.read_bytes()
    answers_before = answers.read_bytes()
    assert main(["assess", str(answers), "--previous", str(earlier), "--out", str(earlier), "--force"]) == 2
    assert earlier.read_bytes() == before
    assert main(["assess", str(answers), "--out", str(answers.with_suffix(".json")), "--out",
                 str(answers), "--force"]) == 2
    assert answers.read_bytes() == answers_before
    assert not answers.with_suffix(".json").exists()  # all or none


def test_an_existing_report_needs_force(answers, tmp_path, capsys):
    out = tmp_path / "r.md"
    out.write_text("keep me", encoding="utf-8")
    assert main(["assess", str(answers), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["assess", str(answers), "--out", str(out), "--force"]) == 0
    assert "Strategic planning" in out.read_text(encoding="utf-8")


def test_a_missing_previous_file_is_bad_input(answers, tmp_path, capsys):
    assert main(["assess", str(answers), "--previous", str(tmp_path / "nope.json")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_sample_answers_run_from_the_command_line(capsys):
    assert main(["assess", str(SAMPLE / "answers.xlsx"), "--previous", str(SAMPLE / "previous.json")]) == 0
    out = capsys.readouterr().out
    assert "Marketing–sales alignment" in out and "Disagreement on Performance measurement" in out


def test_evidence_from_the_file_is_escaped_in_html_and_neutralised_in_xlsx(tmp_path, capsys):
    from openpyxl import load_workbook

    answers = tmp_path / "answers.csv"
    answers.write_text('respondent,dimension,current,target,evidence\nAna,planning,1,3,"=HYPERLINK(""x"")"\n'
                       "Ben,planning,1,3,<script>alert(1)</script>\n", encoding="utf-8")
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    assert main(["assess", str(answers), "--out", str(html), "--out", str(xlsx)]) == 0
    assert "<script>alert(1)" not in html.read_text(encoding="utf-8")
    cells = [value for sheet in load_workbook(xlsx) for row in sheet.iter_rows(values_only=True) for value in row
             if isinstance(value, str) and "HYPERLINK" in value]
    assert cells and all(not value.startswith("=") for value in cells)


@pytest.mark.parametrize("bad", ['"nan"', "NaN", '"3"', "true", "9", "-1", "null"])
def test_an_earlier_report_with_a_level_that_is_no_number_on_the_scale_is_refused(tmp_path, capsys, bad) -> None:  # type: ignore[no-untyped-def]
    """'current': 'nan' used to pass the reader and crash the JSON writer."""
    from mopskit.cli import main

    answers = tmp_path / "answers.csv"
    answers.write_text("respondent,dimension,current,target\nAna,strategic-planning,2,4\n", encoding="utf-8")
    earlier = tmp_path / "earlier.json"
    earlier.write_text('{"schema": "mopskit.assess/1", "framework": {"id": "ghantous"}, "dimensions": '
                       '[{"id": "strategic-planning", "current": ' + bad + ', "target": 4}]}', encoding="utf-8")
    assert main(["assess", str(answers), "--previous", str(earlier), "--out", str(tmp_path / "now.json")]) == 2
    error = capsys.readouterr().err.strip()
    assert "dimensions[0].current" in error and "must be a level from 1 to 5" in error
    assert "Traceback" not in error and not (tmp_path / "now.json").exists()


def test_a_team_that_skipped_dimensions_is_told_who_and_which_only_with_people_shown(tmp_path, capsys):
    rows = ["respondent,dimension,current,target"]
    everything = ["strategic-planning", "operational-excellence", "martech-infrastructure"]
    for person in ("Ana", "Ben", "Cara", "Dan"):
        for dimension in everything[:1] if person == "Dan" else everything[:2]:
            rows.append(f"{person},{dimension},2,4")
    rows.append("Ana,martech-infrastructure,1,3")  # the one view on this dimension
    answers = tmp_path / "team.csv"
    answers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["assess", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "4 respondents left out some dimensions (1 answered 1 of 3; 2 answered 2 of 3)" not in out
    assert "3 respondents left out some dimensions (1 answered 1 of 3; 2 answered 2 of 3)" in out
    assert "Scored by fewer than half the respondents, so one or two views set the level: Martech" in out
    assert "(1 of 4)" in out and "Dan" not in out and "Ben" not in out
    shown = tmp_path / "shown.md"
    hidden = tmp_path / "hidden.md"
    assert main(["assess", str(answers), "--out", str(shown), "--show-users"]) == 0
    assert main(["assess", str(answers), "--out", str(hidden)]) == 0
    assert "Left out: Ben (Martech infrastructure); Cara (Martech infrastructure); Dan (Martech infrastructure and" \
        in shown.read_text(encoding="utf-8")
    assert "Left out:" not in hidden.read_text(encoding="utf-8") and "Dan" not in hidden.read_text(encoding="utf-8")


def test_an_empty_cell_is_never_written_as_empty_bold_in_markdown(tmp_path):
    out = tmp_path / "sample.md"
    assert main(["assess", str(SAMPLE / "answers.csv"), "--out", str(out)]) == 0
    assert "****" not in out.read_text(encoding="utf-8")
