"""Imports in ``mopskit.exercises`` go one way: values below views below lessons below session.

A module may import only modules of a lower layer, at its top, inside a function or under
``TYPE_CHECKING`` alike, so no cycle can hide behind a lazy import. Each module also imports
on its own in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = "mopskit.exercises"
FOLDER = Path(__file__).resolve().parent.parent / "mopskit" / "exercises"

LAYERS = (
    ("checks",),  # verdicts and forgiving matching
    ("quiz", "tasks"),  # values: quiz banks, tasks, results, hints
    ("render", "widgets", "tracking"),  # views of those values; the progress file
    ("lesson*",),  # each lesson's tasks and tables
    ("session",),  # check(), hint(): finds a task's lesson
    ("__init__",),  # the package's public names
)


def layer_of(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if any(name == module or (name.endswith("*") and module.startswith(name[:-1])) for name in names):
            return index
    raise AssertionError(f"{PACKAGE}.{module} is in no layer; add it to LAYERS in {Path(__file__).name}")


def modules() -> list[str]:
    return sorted(path.stem for path in FOLDER.glob("*.py"))


def package_imports(module: str) -> set[str]:
    """The modules of the package that ``module`` imports anywhere in its source."""
    tree = ast.parse((FOLDER / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == PACKAGE:
            names = [f"{PACKAGE}.{alias.name}" for alias in node.names]  # a submodule, or a name of __init__
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom):
            raise AssertionError(f"{module}.py: use absolute imports, as the rest of the kit does")
        else:
            continue
        for name in names:
            if name == PACKAGE:
                found.add("__init__")
            elif match := re.fullmatch(rf"{re.escape(PACKAGE)}\.(\w+)(?:\..*)?", name):
                found.add(match[1] if (FOLDER / f"{match[1]}.py").is_file() else "__init__")
    found.discard(module)
    return found


def test_every_module_is_in_a_layer():
    for module in modules():
        layer_of(module)


@pytest.mark.parametrize("module", modules())
def test_a_module_imports_only_modules_below_it(module):
    above = sorted(name for name in package_imports(module) if layer_of(name) >= layer_of(module))
    assert not above, f"{PACKAGE}.{module} imports {', '.join(above)}, which is not below it"


def test_the_layer_check_sees_lazy_and_type_checking_imports(tmp_path, monkeypatch):
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from mopskit.exercises.render import quiz_html\n"
        "def show():\n    import mopskit.exercises.widgets\n"
        "from mopskit.exercises import tasks\n"
    )
    (tmp_path / "probe.py").write_text(source, encoding="utf-8")
    for name in ("render", "widgets", "tasks"):
        (tmp_path / f"{name}.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "FOLDER", tmp_path)
    assert package_imports("probe") == {"render", "widgets", "tasks"}


_IMPORT_EACH_ALONE = r"""
import importlib, json, os, sys, traceback
for library in sys.argv[2].split(","):  # what every module needs from outside the kit, loaded once
    importlib.import_module(library)
assert not [name for name in sys.modules if name.split(".")[0] == "mopskit"], "a library imported the kit"
results = {}
for name in sys.argv[1].split(","):
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # a copy of this interpreter with no module of the kit loaded yet
        os.close(reader)
        try:
            importlib.import_module(name)
            message = ""
        except BaseException:
            message = traceback.format_exc()
        os.write(writer, message.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        results[name] = pipe.read().decode()
    os.waitpid(child, 0)
print(json.dumps(results))
"""

PRELOADED = ("pandas", "matplotlib.pyplot", "ipywidgets", "IPython.display", "yaml", "jinja2", "jsonschema")
"""Libraries outside the kit, imported once before the forks: they cannot hide an import cycle of the kit."""


@pytest.fixture(scope="module")
def imported_alone() -> dict[str, str]:
    """Each module imported first thing in a fresh interpreter: one process forked per module
    after the outside libraries load, instead of a whole interpreter started per module."""
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork (Linux or macOS)")
    names = [PACKAGE if module == "__init__" else f"{PACKAGE}.{module}" for module in modules()]
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, ",".join(names), ",".join(PRELOADED)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", modules())
def test_a_module_imports_alone_in_a_fresh_interpreter(imported_alone, module):
    name = PACKAGE if module == "__init__" else f"{PACKAGE}.{module}"
    assert imported_alone[name] == "", imported_alone[name]


def test_an_import_that_fails_alone_is_reported(tmp_path):
    """The forked import sees a broken module as broken (the check can fail)."""
    (tmp_path / "broken_probe.py").write_text("import mopskit.exercises.no_such_module\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, "broken_probe", "json"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert "No module named 'mopskit.exercises.no_such_module'" in json.loads(completed.stdout)["broken_probe"]
