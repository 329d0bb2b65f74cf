"""The change-plan team template: listed, copied by `mopskit new`, lint-clean on the sample
plan, and its copied notebook writes the HTML and XLSX reports and a calendar that parses."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import nbformat
import pytest

from mopskit import templates as scaffold
from mopskit.cli import main
from mopskit.change.plan import RULES, load_plan, review

TEMPLATE = Path(__file__).resolve().parent.parent / "mopskit" / "templates" / "change-plan"



@pytest.fixture(scope="module")
def executed(tmp_path_factory, run_notebook) -> tuple[Path, nbformat.NotebookNode]:
    destination = tmp_path_factory.mktemp("team") / "our-change"
    assert main(["new", "change-plan", str(destination)]) == 0
    return destination, run_notebook(destination / "change-plan.ipynb")



def test_template_is_listed_with_its_description(capsys):
    assert main(["new", "--list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("change-plan"))
    assert "calendar" in line


def test_template_ships_the_sample_plan():
    template = scaffold.get_template("change-plan")
    assert template.data == ("change-plan/plan.yaml",)
    assert template.notebook == "change-plan.ipynb"
    assert {"README.md", "change-plan.ipynb"} <= set(template.files)
    source = "\n".join(cell.source for cell in nbformat.read(TEMPLATE / "change-plan.ipynb", 4).cells)
    assert 'Path("data/plan.yaml")' in source


def test_the_sample_plan_is_lint_clean(executed, capsys):
    destination, _ = executed
    result = review(load_plan(destination / "data" / "plan.yaml"))
    assert result.ok and result.warnings == ()
    assert main(["plan", str(destination / "data" / "plan.yaml"), "--lint"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_copied_notebook_lints_draws_and_writes_the_reports_and_calendar(executed, outputs_text):
    destination, notebook = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = outputs_text(notebook)
    assert "ADKAR001 info" in text and "0 errors, 0 warnings; ready to share: True" in text
    images = json.dumps([cell.get("outputs", []) for cell in notebook.cells]).count("mopskit-chart")
    assert images >= 2  # the timeline and the power/interest grid
    html = (destination / "reports" / "change-plan.html").read_text(encoding="utf-8")
    assert "Marketing stack consolidation" in html and "<img" in html
    assert (destination / "reports" / "change-plan.xlsx").stat().st_size > 0
    calendar = icalendar.Calendar.from_ical((destination / "change-plan.ics").read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(summary.startswith("Milestone: ") for summary in summaries)
    assert any("Steering meeting" in summary for summary in summaries)


def test_stored_notebook_outputs_match_the_sample(outputs_text):
    text = outputs_text(nbformat.read(TEMPLATE / "change-plan.ipynb", 4))
    assert "Marketing stack consolidation: 0 errors, 0 warnings; ready to share: True" in text
    assert "wrote change-plan.ics" in text


def test_readme_explains_every_section_and_lint_code():
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    for needle in ("data/plan.yaml", "owner", "baseline", "target", "unit", "due", "power", "interest",
                   "adkar", "raci", "communications", "mopskit plan data/plan.yaml --lint",
                   "Outlook", "Google Calendar", "change-plan.ics"):
        assert needle in readme, needle
    for code in RULES:
        assert f"`{code}`" in readme, code
