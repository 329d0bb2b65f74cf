"""Imports in ``mopskit.exercises`` and ``mopskit.lessons`` go one way, and every module imports alone.

``mopskit.exercises`` is the check framework: verdicts below values (quiz banks, tasks) below
their views. ``mopskit.lessons`` sits on top of it: the scenario reader below the lessons below
``session`` (``check()``, which finds a task's lesson by name) below the package. A module may
import only modules of a lower layer, at its top, inside a function or under ``TYPE_CHECKING``
alike, so no cycle can hide behind a lazy import; a lesson split into a package may also import
its own modules, never another lesson. No module of the framework imports a lesson. Each module
of both packages also imports on its own in a fresh interpreter.
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

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "mopskit.exercises"
FOLDER = ROOT / "mopskit" / "exercises"
LESSONS = "mopskit.lessons"
LESSONS_FOLDER = ROOT / "mopskit" / "lessons"

LAYERS = (
    ("checks",),  # verdicts and forgiving matching
    ("quiz", "tasks"),  # values: quiz banks, tasks, results, hints
    ("render", "widgets"),  # views of those values
    ("__init__",),  # the package's public names
)

LESSON_LAYERS = (
    ("scenarios",),  # the lessons' cases, read from data/lessonNN.yaml and checked
    ("aurora",),  # Aurora Living's figures from its data, shared by lessons 04, 06 and 08
    ("lesson*",),  # each lesson's cases, tables and tasks: a module, or a package of them
    ("session",),  # check(), hint(): finds a task's lesson
    ("__init__",),  # the package's public names
)


def layer_of(module: str, layers: tuple[tuple[str, ...], ...] = LAYERS, package: str = PACKAGE) -> int:
    top = module.split(".")[0]
    for index, names in enumerate(layers):
        if any(name == top or (name.endswith("*") and top.startswith(name[:-1])) for name in names):
            return index
    raise AssertionError(f"{package}.{module} is in no layer; add it to the layers in {Path(__file__).name}")


def modules(folder: Path = FOLDER) -> list[str]:
    """The modules of the package in ``folder``, by dotted name inside it: ``tasks``, ``lesson04``
    (a package's ``__init__``), ``lesson04.cases``; the package's own ``__init__`` is ``__init__``."""
    found = []
    for path in folder.rglob("*.py"):
        parts = path.relative_to(folder).with_suffix("").parts
        if len(parts) > 1 and parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(".".join(parts))
    return sorted(found)


def source_of(module: str, folder: Path = FOLDER) -> Path:
    path = folder.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _inside(name: str, package: str, folder: Path) -> str | None:
    """The module of ``package`` that importing ``name`` names: the deepest one that exists."""
    if name == package:
        return "__init__"
    if not name.startswith(f"{package}."):
        return None
    parts = name[len(package) + 1:].split(".")
    while parts:
        candidate = folder.joinpath(*parts)
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return ".".join(parts)
        parts = parts[:-1]  # a name defined in a module, not a module
    return "__init__"


def imported_names(source: str, where: str) -> list[str]:
    """Every module ``source`` imports anywhere, ``from a import b`` as ``a.b`` (b may be a module or a
    name defined in a), and every "mopskit..." text handed to a call (``import_module("mopskit.x")``)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{where}: use absolute imports, as the rest of the kit does")
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call):
            names += [argument.value for argument in node.args
                      if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                      and argument.value.startswith("mopskit.")]
    return names


def package_imports(module: str, package: str = PACKAGE, folder: Path = FOLDER) -> set[str]:
    """The modules of ``package`` that ``module`` imports anywhere in its source."""
    path = source_of(module, folder)
    found = {_inside(name, package, folder) for name in imported_names(path.read_text(encoding="utf-8"), path.name)}
    return {name for name in found if name is not None and name != module}


# --- mopskit.exercises -------------------------------------------------------------------------


def test_every_module_is_in_a_layer():
    for module in modules():
        layer_of(module)


@pytest.mark.parametrize("module", modules())
def test_a_module_imports_only_modules_below_it(module):
    above = sorted(name for name in package_imports(module) if layer_of(name) >= layer_of(module))
    assert not above, f"{PACKAGE}.{module} imports {', '.join(above)}, which is not below it"


def lessons_imported(path: Path) -> list[str]:
    """The modules of ``mopskit.lessons`` the module at ``path`` imports, anywhere in its source."""
    return [name for name in imported_names(path.read_text(encoding="utf-8"), path.name)
            if name == LESSONS or name.startswith(f"{LESSONS}.")]


@pytest.mark.parametrize("module", modules())
def test_the_check_framework_imports_no_lesson(module):
    lessons = lessons_imported(source_of(module))
    assert not lessons, f"{PACKAGE}.{module} imports {', '.join(lessons)}: lessons use the framework, not the reverse"


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
    assert package_imports("probe", PACKAGE, tmp_path) == {"render", "widgets", "tasks"}


def test_the_lesson_check_sees_lazy_type_checking_and_named_imports(tmp_path):
    source = ("from typing import TYPE_CHECKING\n"
              "if TYPE_CHECKING:\n    from mopskit.lessons.lesson04 import Contract\n"
              "def check():\n    from mopskit.lessons import check\n"
              "def load():\n    importlib.import_module('mopskit.lessons.lesson07')\n")
    (tmp_path / "probe.py").write_text(source, encoding="utf-8")
    assert sorted(lessons_imported(tmp_path / "probe.py")) == [
        "mopskit.lessons.check", "mopskit.lessons.lesson04.Contract", "mopskit.lessons.lesson07"]


# --- mopskit.lessons ---------------------------------------------------------------------------


def lesson_modules() -> list[str]:
    return modules(LESSONS_FOLDER)


def _lesson(module: str) -> str | None:
    """The lesson a module belongs to (``lesson04`` for ``lesson04.tasks``), if any."""
    top = module.split(".")[0]
    return top if re.fullmatch(r"lesson\d\d", top) else None


def test_every_lesson_module_is_in_a_layer():
    for module in lesson_modules():
        layer_of(module, LESSON_LAYERS, LESSONS)


@pytest.mark.parametrize("module", lesson_modules())
def test_a_lesson_module_imports_only_modules_below_it_or_its_own_lesson(module):
    imported = package_imports(module, LESSONS, LESSONS_FOLDER)
    lesson = _lesson(module)
    own = {name for name in imported if lesson is not None and _lesson(name) == lesson}
    above = sorted(name for name in imported - own
                   if layer_of(name, LESSON_LAYERS, LESSONS) >= layer_of(module, LESSON_LAYERS, LESSONS))
    assert not above, f"{LESSONS}.{module} imports {', '.join(above)}, which is not below it"
    if module != lesson:
        assert lesson not in own, (f"{LESSONS}.{module} imports its lesson's package, {LESSONS}.{lesson}: import "
                                   "the module that defines the name, so the package can import it in turn")


def test_a_lesson_too_long_for_one_module_is_a_package_that_declares_its_tasks():
    """``check("04.1", ...)`` imports ``mopskit.lessons.lesson04``: its ``__init__`` must import every
    module of the lesson that declares a task, so importing the lesson declares them all."""
    for package in sorted(path.parent for path in LESSONS_FOLDER.glob("lesson*/__init__.py")):
        init = package.name
        declaring = [module for module in lesson_modules() if module.startswith(f"{init}.")
                     and "@task(" in source_of(module, LESSONS_FOLDER).read_text(encoding="utf-8")]
        assert declaring, f"{init} is a package but none of its modules declares a task"
        missing = set(declaring) - package_imports(init, LESSONS, LESSONS_FOLDER)
        assert not missing, f"{LESSONS}.{init} does not import {', '.join(sorted(missing))}, which declares tasks"


# --- each module alone -------------------------------------------------------------------------

_IMPORT_EACH_ALONE = r"""
import importlib, json, os, sys, traceback
for library in sys.argv[2].split(","):  # what every module needs from outside the kit, loaded once
    importlib.import_module(library)
checked = ("mopskit.exercises", "mopskit.lessons")
assert not [name for name in sys.modules if name.startswith(checked)], "a preloaded module imported a checked one"
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

PRELOADED = (
    "pandas", "matplotlib.pyplot", "ipywidgets", "IPython.display", "yaml", "jinja2", "jsonschema",
    "mopskit.io", "mopskit.content", "mopskit.stack", "mopskit.frameworks.assess", "mopskit.frameworks.personas",
    "mopskit.frameworks.questionnaire", "mopskit.ops.intake", "mopskit.course.progress", "mopskit.change.plan",
    "mopskit.change.kpis", "mopskit.change.waterfall", "mopskit.viz", "mopskit.report", "mopskit.forms",
)
"""Imported once before the forks: libraries outside the kit, and the kit's layers below the two
packages checked. Import-linter's layers contract keeps those from importing either package (the
script checks it too), so they cannot hide an import cycle or a missing import of the packages."""


def dotted(package: str, module: str) -> str:
    return package if module == "__init__" else f"{package}.{module}"


ALL_MODULES = [dotted(PACKAGE, module) for module in modules()] + [dotted(LESSONS, module) for module in lesson_modules()]


@pytest.fixture(scope="module")
def imported_alone() -> dict[str, str]:
    """Each module imported first thing in a fresh interpreter: one process forked per module
    after the outside libraries load, instead of a whole interpreter started per module."""
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork (Linux or macOS)")
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, ",".join(ALL_MODULES), ",".join(PRELOADED)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ALL_MODULES)
def test_a_module_imports_alone_in_a_fresh_interpreter(imported_alone, name):
    assert imported_alone[name] == "", imported_alone[name]


def test_an_import_that_fails_alone_is_reported(tmp_path):
    """The forked import sees a broken module as broken (the check can fail)."""
    (tmp_path / "broken_probe.py").write_text("import mopskit.exercises.no_such_module\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, "broken_probe", "json"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert "No module named 'mopskit.exercises.no_such_module'" in json.loads(completed.stdout)["broken_probe"]
