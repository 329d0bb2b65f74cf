"""The strategy team template: listed, copied by `mopskit new`, lint-clean on the sample
strategy with every pipeline target inside the funnel, its notebook writes the reports, and
its README says what to replace."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from mopskit import templates as scaffold
from mopskit.cli import main
from mopskit.change.plan import load_plan, review
from mopskit.change.strategy import funnel_check, missing_pillars

TEMPLATE = Path(__file__).resolve().parent.parent / "mopskit" / "templates" / "strategy"


@pytest.fixture(scope="module")
def executed(tmp_path_factory, run_notebook) -> tuple[Path, nbformat.NotebookNode]:
    destination = tmp_path_factory.mktemp("team") / "our-strategy"
    assert main(["new", "strategy", str(destination)]) == 0
    return destination, run_notebook(destination / "strategy.ipynb")


def test_template_is_listed_with_its_description(capsys):
    assert main(["new", "--list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("strategy"))
    assert "waterfall" in line


def test_template_ships_the_starting_strategy():
    template = scaffold.get_template("strategy")
    assert template.data == ("strategy/plan.yaml",)
    assert {"README.md", "strategy.ipynb"} <= set(template.files)
    source = "\n".join(cell.source for cell in nbformat.read(TEMPLATE / "strategy.ipynb", 4).cells)
    assert 'Path("data/plan.yaml")' in source and "Replace this" in source


def test_the_sample_strategy_is_lint_clean_with_every_pillar_and_target_in_reach_or_a_stretch(executed, capsys):
    destination, _ = executed
    plan = load_plan(destination / "data" / "plan.yaml")
    result = review(plan)
    assert result.errors == () and result.warnings == ()
    assert missing_pillars(plan) == ()
    assert funnel_check(plan) and all(check.ready for check in funnel_check(plan))
    assert [check.stage for check in funnel_check(plan) if not check.fits] == ["revenue"]
    assert main(["plan", str(destination / "data" / "plan.yaml"), "--lint"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_copied_notebook_lints_checks_the_funnel_draws_and_writes_the_reports(executed, outputs_text):
    destination, notebook = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = outputs_text(notebook)
    assert "0 errors, 0 warnings; ready to share: True" in text
    assert "pillars without an objective: none" in text
    assert "612,000 EUR" in text and "720,000 EUR" in text and "kept as a stretch" in text
    assert json.dumps([cell.get("outputs", []) for cell in notebook.cells]).count("mopskit-chart") >= 1
    html = (destination / "reports" / "strategy.html").read_text(encoding="utf-8")
    assert "Marketing operations strategy 2026-27" in html and "<img" in html
    assert (destination / "reports" / "strategy.xlsx").stat().st_size > 0
    assert (destination / "strategy.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_stored_notebook_outputs_match_the_sample(outputs_text):
    text = outputs_text(nbformat.read(TEMPLATE / "strategy.ipynb", 4))
    assert "Marketing operations strategy 2026-27: 0 errors, 0 warnings; ready to share: True" in text
    assert "wrote reports/strategy.html" in text


def test_readme_has_a_replace_this_checklist_over_every_section():
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    checklist = readme.split("## Replace this", 1)[1].split("```", 1)[0]
    for section in ("`plan`", "`stakeholders`", "`objectives`", "`funnel`", "`kpis`", "`stage`",
                    "`adkar`", "`communications`", "`risks`", "`tasks`", "`raci`"):
        assert section in checklist, section
    assert checklist.count("- [ ]") >= 6
    for needle in ("mopskit plan data/plan.yaml --lint", "SMART003", "People:", "Process:", "Technology:"):
        assert needle in readme, needle
