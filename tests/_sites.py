"""Site helpers shared by the site, workshop and browser tests: the hooks module, a small
fixture project built with the real mkdocs.yml, and parsed pages (each parsed once)."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import yaml
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = ROOT / "docs" / "hooks" / "mopskit_site.py"
HUB = "https://hub.example.org"
REPO = "https://github.com/example/mops-kit"
PNG = (  # a 1x1 PNG, enough to prove images survive
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def load_hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mopskit_site_hooks", HOOKS_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(project: Path, site_dir: Path) -> str:
    """Run ``mkdocs build --strict`` for ``project``; return its log, failing on a non-zero exit."""
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=300,
    )
    log = completed.stdout + completed.stderr
    assert completed.returncode == 0, log
    return log


@functools.cache
def soup_of(path: Path) -> BeautifulSoup:
    """A built page, parsed once per run (pages do not change once built; tests only read them)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def write_notebook(path: Path, cells: list[Any]) -> None:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def new_project(project: Path, extra: dict[str, Any] | None = None) -> Path:
    """A project with the kit's site config (plus ``extra``) and pages, and empty notebook folders."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if extra is not None:
        config += "\n" + yaml.safe_dump({"extra": extra})
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("notebooks", "exercises", "mopskit/content"):  # mkdocs.yml watches them
        (project / folder).mkdir(parents=True, exist_ok=True)
    # The real syllabus links the real lessons; fixtures have only their own notebooks.
    start = project / "docs" / "start-here.md"
    start.write_text(start.read_text(encoding="utf-8").replace("<!-- mopskit:syllabus -->", ""), encoding="utf-8")
    return project


FIXTURE_HUB = {"kit": {"site": "https://mops-kit.example.org", "repository": REPO, "learners_branch": "learners",
                       "hub": HUB}}
"""The fixture project names a hub, so its lesson pages carry the "Open in JupyterHub" button."""


def build_fixture_project(project: Path) -> tuple[Path, str]:
    """Two lessons and an exercise that link each other, a table with its own style, an image,
    a solution that must stay out, and a hub: every hook at work in one small build."""
    new_project(project, FIXTURE_HUB)
    frame = '<style scoped>.dataframe td {color: red}</style><table class="dataframe"><tr><td>1</td></tr></table>'
    write_notebook(project / "notebooks" / "00-start-here.ipynb", [
        new_markdown_cell("# Start here\n\nOn to [lesson one](01-what-is-mops.ipynb#pillars) "
                          "and [its exercises](../exercises/01-what-is-mops.ipynb)."),
        new_code_cell("table", outputs=[new_output("execute_result", data={"text/html": frame, "text/plain": "table"},
                                                   execution_count=1)], execution_count=1),
    ])
    write_notebook(project / "notebooks" / "01-what-is-mops.ipynb", [
        new_markdown_cell("# What is marketing operations?\n\n## Pillars\n\nBack to the [start](00-start-here.ipynb)."),
        new_code_cell("figure", outputs=[new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})],
                      execution_count=1),
    ])
    write_notebook(project / "exercises" / "01-what-is-mops.ipynb", [
        new_markdown_cell("# Exercises\n\nRead [the lesson](../notebooks/01-what-is-mops.ipynb) first."),
    ])
    (project / "exercises" / "solutions").mkdir(exist_ok=True)
    (project / "exercises" / "solutions" / "01_what_is_mops.py").write_text("task_01_1 = 'secret'\n")
    site = project / "built"
    return site, build(project, site)
