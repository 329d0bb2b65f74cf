"""Re-execute notebooks in a fresh kernel and store their outputs.

Notebooks are kept *with* outputs so nbval has something to compare and the site can
show results without executing. Widget state is not stored: the site renders each
widget's HTML fallback instead, which works without a kernel.

Template notebooks read their sample data relative to the folder `mopskit new` copies
them into, so each runs in a scratch copy made by `mopskit new` and is stored back.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every lesson,
exercise and template notebook)
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOBS = ["notebooks/*.ipynb", "exercises/*.ipynb", "mopskit/templates/*/*.ipynb"]
TEMPLATES = ROOT / "mopskit" / "templates"
LEARNER_RUNS = "run-by-learner"
"""Tag of a cell whose output would give answers away before the learner tries (a lint listing
every finding of an exercise's plan). Hint cells need no tag: ``hide_asked_for`` finds them."""


def execute(path: Path) -> None:
    from mopskit.viz.callouts import refresh_callouts

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = refresh_callouts(cell.source)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    # A print split across two flushes would store as two outputs one run and one the next.
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    name_widget_views(notebook, path.name)
    hide_asked_for(notebook)
    nbformat.write(notebook, path)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def name_widget_views(notebook: nbformat.NotebookNode, name: str) -> None:
    """A widget's stored view names a model the kernel made up at random, and no widget state is
    stored for it (the page shows the HTML fallback): name it by its place instead, so a run stores
    the same bytes as the last."""
    for index, cell in enumerate(notebook.cells):
        for number, output in enumerate(cell.get("outputs", ())):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = hashlib.sha256(f"{name}:{index}:{number}".encode()).hexdigest()[:32]


HINT_CALL = re.compile(r"^\s*(?:from mopskit\.exercises import [\w, ]+\n\s*)?hint\([^)]*\)\s*$")


def hide_asked_for(notebook: nbformat.NotebookNode) -> None:
    """A hint cell, or a cell tagged ``run-by-learner``, is stored without its output, so a
    learner sees it only when they ask for it; nbval still runs the cell (it must not fail)
    but has no stored output to compare with."""
    for cell in notebook.cells:
        asked_for = HINT_CALL.match(cell.source) or LEARNER_RUNS in cell.metadata.get("tags", ())
        if cell.cell_type == "code" and asked_for:
            cell.outputs = []
            cell.execution_count = None
            tags = cell.metadata.setdefault("tags", [])
            if "nbval-ignore-output" not in tags:
                tags.append("nbval-ignore-output")


def execute_template(path: Path) -> None:
    from mopskit import templates as scaffold

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "team"
        scaffold.copy_template(scaffold.plan_copy(path.parent.name, copy))
        execute(copy / path.name)
        shutil.copyfile(copy / path.name, path)


def main(argv: list[str]) -> int:
    # Stored outputs come from a clean kernel: check() records no progress file in the repository.
    os.environ["MOPSKIT_PROGRESS_FILE"] = "off"
    paths = [Path(arg) for arg in argv] or sorted(
        path for pattern in DEFAULT_GLOBS for path in ROOT.glob(pattern)
    )
    for path in paths:
        print(f"executing {path}", flush=True)
        path = path.resolve()
        execute_template(path) if path.parent.parent == TEMPLATES else execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
