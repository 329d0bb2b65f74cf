"""Each stakeholder's ADKAR scores and barrier point are personal: every output of a plan shows
them by name only when asked (``--show-users``, ``show_users=True``), and counts them otherwise.
Roles, quadrants and the RACI stay: they are the plan."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import openpyxl
import pytest

from mopskit import report
from mopskit.change.plan import load_plan, review
from mopskit.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"
NAMED_BARRIER = "Elena Dumitru's barrier point is desire"
HIDDEN = "4 ADKAR barrier points, names hidden"


@pytest.fixture(scope="module")
def result():
    return review(load_plan(SAMPLE))


def _sheet_cells(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def test_html(result):
    hidden = html.unescape(report.render(result, ".html").decode())
    shown = html.unescape(report.render(result, ".html", show_users=True).decode())
    assert NAMED_BARRIER not in hidden and ">Awareness<" not in hidden and HIDDEN in hidden
    assert "Elena Dumitru" in hidden and "E-commerce Lead" in hidden and "manage closely" in hidden  # the plan
    assert NAMED_BARRIER in shown and ">Awareness<" in shown


def test_markdown(result):
    hidden = report.render(result, ".md").decode()
    shown = report.render(result, ".md", show_users=True).decode()
    assert "| Stakeholder | Role | Quadrant | Communications |" in hidden
    assert NAMED_BARRIER not in hidden and "Awareness" not in hidden and HIDDEN in hidden
    assert "| Stakeholder | Role | Quadrant | Awareness | Desire |" in shown and NAMED_BARRIER in shown


def test_xlsx(result):
    hidden = _sheet_cells(report.render(result, ".xlsx"))
    shown = _sheet_cells(report.render(result, ".xlsx", show_users=True))
    assert "Awareness" not in hidden and not any(NAMED_BARRIER in cell for cell in hidden)
    assert any(HIDDEN in cell for cell in hidden) and "Elena Dumitru" in hidden
    assert "Awareness" in shown and any(NAMED_BARRIER in cell for cell in shown)


def test_json(result):
    hidden = json.loads(report.render(result, ".json"))
    shown = json.loads(report.render(result, ".json", show_users=True))
    elena = next(person for person in hidden["stakeholders"] if person["name"] == "Elena Dumitru")
    assert elena == {"name": "Elena Dumitru", "role": "E-commerce Lead", "power": "high", "interest": "high",
                     "quadrant": "manage closely"}
    assert hidden["adkar_shown"] is False and hidden["adkar_barriers"] == {"awareness": 1, "desire": 2,
                                                                            "knowledge": 1}
    assert NAMED_BARRIER not in json.dumps(hidden)
    elena = next(person for person in shown["stakeholders"] if person["name"] == "Elena Dumitru")
    assert elena["adkar"]["desire"] == 2 and elena["barrier"] == "desire" and shown["adkar_shown"] is True
    assert NAMED_BARRIER in json.dumps(shown)


def test_the_command_line_summary_and_lint(capsys):
    assert main(["plan", str(SAMPLE)]) == 0
    summary = capsys.readouterr().out
    assert main(["plan", str(SAMPLE), "--lint"]) == 0
    linted = capsys.readouterr().out
    for hidden in (summary, linted):
        assert "Elena Dumitru" not in hidden and "4 ADKAR barrier points" in hidden
    assert main(["plan", str(SAMPLE), "--show-users"]) == 0
    assert "Elena Dumitru" in capsys.readouterr().out
    assert main(["plan", str(SAMPLE), "--lint", "--show-users"]) == 0
    assert linted.count("ADKAR001") == 1 and capsys.readouterr().out.count(NAMED_BARRIER) == 1


def test_the_command_line_reports(tmp_path: Path, capsys):
    for flag, folder in (([], "off"), (["--show-users"], "on")):
        (tmp_path / folder).mkdir()
        outs = [arg for suffix in (".html", ".md", ".json") for arg in ("--out", str(tmp_path / folder / f"p{suffix}"))]
        assert main(["plan", str(SAMPLE), *outs, *flag]) == 0
    for suffix in (".html", ".md", ".json"):
        assert NAMED_BARRIER not in html.unescape((tmp_path / "off" / f"p{suffix}").read_text(encoding="utf-8"))
        assert NAMED_BARRIER in html.unescape((tmp_path / "on" / f"p{suffix}").read_text(encoding="utf-8"))


def test_the_notebook_view(result):
    hidden = html.unescape(result._repr_html_())
    shown = html.unescape(review(result.plan, show_users=True)._repr_html_())
    assert NAMED_BARRIER not in hidden and HIDDEN in hidden
    assert NAMED_BARRIER in shown
    assert NAMED_BARRIER not in repr(result) and NAMED_BARRIER not in result._text_()


def test_a_review_made_to_show_users_shows_them_in_every_report(tmp_path: Path):
    named = review(load_plan(SAMPLE), show_users=True)
    assert NAMED_BARRIER in report.render(named, ".md").decode()
    assert "adkar" in json.loads(report.render(named, ".json"))["stakeholders"][2]


def test_a_plan_without_barriers_says_nothing_is_hidden(tmp_path: Path):
    base = Path(__file__).resolve().parent / "data" / "plan" / "base.yaml"
    result = review(load_plan(base))
    assert result.shown_findings() == result.findings == ()
    assert "ADKAR barrier points of the 1 stakeholder scored: none" in report.render(result, ".md").decode()
