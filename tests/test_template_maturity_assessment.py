"""The maturity-assessment team template: listed, copied by `mopskit new`, and runs in its
new folder on the sample team, with the trend from last quarter's report."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from mopskit import templates as scaffold
from mopskit.cli import main

TEMPLATE = Path(__file__).resolve().parent.parent / "mopskit" / "templates" / "maturity-assessment"



@pytest.fixture(scope="module")
def executed(tmp_path_factory, run_notebook) -> tuple[Path, nbformat.NotebookNode]:
    destination = tmp_path_factory.mktemp("team") / "our-maturity"
    assert main(["new", "maturity-assessment", str(destination)]) == 0
    return destination, run_notebook(destination / "maturity-assessment.ipynb")



def test_template_is_listed_with_its_description(capsys):
    assert main(["new", "--list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("maturity-assessment"))
    assert "every quarter" in line


def test_template_ships_the_sample_answers_and_last_quarter():
    template = scaffold.get_template("maturity-assessment")
    assert template.data == ("maturity-assessment/answers.xlsx", "maturity-assessment/previous.json")
    assert {"README.md", "maturity-assessment.ipynb"} <= set(template.files)
    source = "\n".join(cell.source for cell in nbformat.read(TEMPLATE / "maturity-assessment.ipynb", 4).cells)
    for item in template.data:
        assert f'Path("data/{Path(item).name}")' in source, item


def test_copied_notebook_runs_and_shows_gaps_disagreement_and_trend(executed, outputs_text):
    destination, notebook = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = outputs_text(notebook)
    assert "Marketing–sales alignment" in text
    assert "Performance measurement" in text and "disagree" in text
    assert "mopskit-chart" in json.dumps([cell.get("outputs", []) for cell in notebook.cells])
    written = json.loads((destination / "reports" / "maturity-2026-Q4.json").read_text(encoding="utf-8"))
    assert written["trend"] is not None
    assert written["disagreements"] == ["performance-measurement"]
    html = (destination / "reports" / "maturity-2026-Q4.html").read_text(encoding="utf-8")
    assert "Giulia Rossi" not in html and "conversation starter" in html
    assert (destination / "reports" / "maturity-2026-Q4.xlsx").stat().st_size > 0


def test_without_last_quarters_report_there_is_no_trend(tmp_path, run_notebook):
    destination = tmp_path / "first-quarter"
    assert main(["new", "maturity-assessment", str(destination)]) == 0
    (destination / "data" / "previous.json").unlink()
    notebook = run_notebook(destination / "maturity-assessment.ipynb")
    assert not [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    written = json.loads((destination / "reports" / "maturity-2026-Q4.json").read_text(encoding="utf-8"))
    assert written["trend"] is None


def test_stored_notebook_outputs_match_the_sample(outputs_text):
    text = outputs_text(nbformat.read(TEMPLATE / "maturity-assessment.ipynb", 4))
    assert "Biggest gap: Marketing–sales alignment, 1 (Initial) now against 4 (Managed) wanted" in text


def test_readme_explains_the_quarterly_routine_and_the_trend():
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    for needle in ("respondent", "dimension", "current", "target", "data/previous.json", "Every quarter",
                   "conversation starter", "--show-names", "strategic-planning", "enablement"):
        assert needle in readme, needle
