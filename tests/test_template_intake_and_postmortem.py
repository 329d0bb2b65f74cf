"""The intake-and-postmortem team template: listed, copied by `mopskit new`, its notebook runs on
the sample as shipped (triage and a clean post-mortem) and on a team's own broken file says
which cell to fix."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from mopskit import templates as scaffold
from mopskit.cli import main
from mopskit.ops.intake import QUEUE_COLUMNS

TEMPLATE = Path(__file__).resolve().parent.parent / "mopskit" / "templates" / "intake-and-postmortem"


@pytest.fixture(scope="module")
def executed(tmp_path_factory, run_notebook) -> tuple[Path, nbformat.NotebookNode]:
    destination = tmp_path_factory.mktemp("team") / "our-queue"
    assert main(["new", "intake-and-postmortem", str(destination)]) == 0
    return destination, run_notebook(destination / "intake-and-postmortem.ipynb")


def test_template_is_listed_with_its_description(capsys):
    assert main(["new", "--list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("intake-and-postmortem"))
    assert "post-mortem" in line and "working hours" in line


def test_template_ships_its_form_blank_post_mortem_and_sample_data():
    template = scaffold.get_template("intake-and-postmortem")
    assert {"README.md", "intake-form.md", "postmortem-template.yaml", "intake-and-postmortem.ipynb"} \
        <= set(template.files)
    assert {Path(item).name for item in template.data} == {"sla.yaml", "requests.csv", "postmortem.yaml"}


def test_copied_notebook_triages_the_sample_and_passes_its_post_mortem(executed, outputs_text):
    destination, notebook = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    text = outputs_text(notebook)
    assert "Breached, oldest first: AL-102, AL-108, AL-103" in text
    assert "0 errors, 0 warnings; ready to share" in text
    with open(destination / "reports" / "triage.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows][:3] == ["AL-102", "AL-108", "AL-103"]


def test_a_broken_queue_in_the_copy_names_file_row_and_column(tmp_path, run_notebook):
    destination = tmp_path / "team"
    assert main(["new", "intake-and-postmortem", str(destination)]) == 0
    queue = destination / "data" / "requests.csv"
    queue.write_text(queue.read_text(encoding="utf-8").replace(",urgent,", ",asap,"), encoding="utf-8")
    with pytest.raises(Exception) as error:
        run_notebook(destination / "intake-and-postmortem.ipynb")
    assert "row 6, column 'priority': 'asap' is not a priority" in str(error.value)


def test_stored_notebook_outputs_match_the_sample(outputs_text):
    text = outputs_text(nbformat.read(TEMPLATE / "intake-and-postmortem.ipynb", 4))
    assert "3 breached" in text and "wrote reports/triage.csv" in text


def test_readme_and_form_explain_every_column_and_what_to_replace():
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    form = (TEMPLATE / "intake-form.md").read_text(encoding="utf-8")
    for column in QUEUE_COLUMNS:
        assert f"`{column}`" in readme, column
    for needle in ("data/sla.yaml", "NOW", "datetime.now()", "postmortem-template.yaml", "structural",
                   "Simplifications"):
        assert needle in readme, needle
    for priority in ("urgent", "high", "normal", "low"):
        assert f"| {priority} |" in form, priority
