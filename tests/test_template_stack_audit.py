"""The stack-audit team template: listed, copied by `mopskit new`, and runs in its new folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from mopskit import templates as scaffold
from mopskit.cli import main

TEMPLATE = Path(__file__).resolve().parent.parent / "mopskit" / "templates" / "stack-audit"


@pytest.fixture(scope="module")
def executed(tmp_path_factory, run_notebook) -> tuple[Path, nbformat.NotebookNode]:
    """The template copied with `mopskit new` and run top to bottom in its folder."""
    destination = tmp_path_factory.mktemp("team") / "our-audit"
    assert main(["new", "stack-audit", str(destination)]) == 0
    return destination, run_notebook(destination / "stack-audit.ipynb")



def test_template_is_listed_with_its_description(capsys):
    assert main(["new", "--list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("stack-audit"))
    assert "martech contracts" in line


def test_template_ships_the_sample_company():
    template = scaffold.get_template("stack-audit")
    assert template.data == ("sample-company/inventory.csv", "sample-company/okta-system-log.jsonl.gz")
    assert {"README.md", "stack-audit.ipynb"} <= set(template.files)


def test_notebook_reads_exactly_the_files_the_copy_puts_in_data():
    source = "\n".join(cell.source for cell in nbformat.read(TEMPLATE / "stack-audit.ipynb", 4).cells)
    for item in scaffold.get_template("stack-audit").data:
        assert f'Path("data/{Path(item).name}")' in source, item


def test_copied_notebook_runs_on_the_sample_as_shipped(executed, outputs_text):
    destination, notebook = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = outputs_text(notebook)
    assert "25 contracts, costs in EUR" in text
    assert "audit date 2026-10-31" in text
    for tool in ("Uberflip", "LinkedIn Sales Navigator", "Brevo", "Intercom"):
        assert tool in text, tool
    assert "Notion" in text and "Calendly" in text


def test_copied_notebook_writes_reports_without_email_addresses(executed):
    destination, _ = executed
    html = (destination / "reports" / "stack-audit.html").read_text(encoding="utf-8")
    assert "Uberflip" in html
    assert not re.search(r"[\w.]+@aurora-living\.example", html)
    assert (destination / "reports" / "stack-audit.xlsx").stat().st_size > 0


def test_copy_refuses_to_overwrite_a_teams_files(executed, capsys):
    destination, _ = executed
    before = (destination / "data" / "inventory.csv").read_bytes()
    assert main(["new", "stack-audit", str(destination)]) == 2
    assert "--force" in capsys.readouterr().err
    assert (destination / "data" / "inventory.csv").read_bytes() == before


def test_readme_and_notebook_name_the_accepted_inputs():
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    notebook = json.dumps(nbformat.read(TEMPLATE / "stack-audit.ipynb", 4))
    for text in (readme, notebook):
        for needle in ("annual_cost", "notice_days", "sso_app", "Okta", "Entra", "timestamp,user,tool"):
            assert needle in text, needle
