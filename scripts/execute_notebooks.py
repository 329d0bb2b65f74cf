"""Re-execute notebooks in a fresh kernel and store their outputs.

Notebooks are kept *with* outputs so nbval has something to compare and the site can
show results without executing. Widget state is not stored: the site renders each
widget's HTML fallback instead, which works without a kernel.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every lesson and
exercise notebook; template notebooks run from a copy, see their generator scripts)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOBS = ["notebooks/*.ipynb", "exercises/*.ipynb"]


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(
        path for pattern in DEFAULT_GLOBS for path in ROOT.glob(pattern)
    )
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
