"""``mopskit new``: copy a team template (notebook, README, sample data) into a folder."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import TYPE_CHECKING

from mopskit.commands import SUMMARIES
from mopskit.errors import InputError

if TYPE_CHECKING:  # imported when the command runs, so other commands start faster
    from pathlib import Path

    from mopskit import templates as scaffold


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "new",
        help=SUMMARIES["new"],
        description="Copy a template's notebook, README and sample data into DEST.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="template to copy")
    parser.add_argument("destination", nargs="?", metavar="DEST", help="folder to copy into")
    parser.add_argument("--list", action="store_true", help="list the templates and stop")
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")
    parser.set_defaults(run=run)


def format_template_list(templates: tuple[scaffold.Template, ...]) -> str:
    """One aligned line per template: its name, then its description."""
    if not templates:
        return "no templates are installed"
    width = max(len(template.name) for template in templates)
    return "\n".join(f"{template.name:<{width}}  {template.description}" for template in templates)


def run(args: argparse.Namespace) -> int:
    from mopskit import templates as scaffold

    if args.list:
        print(format_template_list(scaffold.list_templates()))
        return 0
    if args.name is None or args.destination is None:
        known = ", ".join(template.name for template in scaffold.list_templates())
        raise InputError(f"give a template NAME and a DEST folder; templates: {known}")
    plan = scaffold.plan_copy(args.name, args.destination)
    scaffold.copy_template(plan, force=args.force)
    print(f"Copied template '{plan.template.name}' into {plan.destination}:")
    for file in plan.files:
        print(f"  {file.relative_target}")
    print(next_step(plan.destination / plan.template.notebook))
    return 0


def next_step(notebook: Path) -> str:
    """What to type next, in the shell that ran ``mopskit new``, to open ``notebook``.

    The JupyterLab installed next to this Python (so the notebook finds the kit), by the
    shortest name that reaches it from here: ``jupyter`` when the shell finds that copy
    first, else its path. When JupyterLab is not installed, first the line that installs it."""
    from importlib.util import find_spec

    open_it = f"{_jupyter()} lab {_quote(str(notebook))}"
    if find_spec("jupyterlab") is not None:
        return f"Next: {open_it}"
    install = f'{_python()} -m pip install "{_lab_requirement()}"'
    return f"Next: install JupyterLab, then open the notebook:\n  {install}\n  {open_it}"


def _jupyter() -> str:
    """``jupyter`` if the shell finds this environment's copy first, else that copy's path."""
    import shutil
    import sysconfig

    folders = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user"))]
    ours = next((folder for folder in folders if shutil.which("jupyter", path=folder)), folders[0])
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder and _same_folder(folder, ours):
            return "jupyter"  # found first now, or as soon as it is installed
        if folder and shutil.which("jupyter", path=folder):
            break  # another Python's jupyter comes first: it would not find the kit
    return _shown(shutil.which("jupyter", path=ours) or os.path.join(ours, "jupyter"))


def _python() -> str:
    """``python`` or ``python3`` if that is the Python running now, else its path."""
    import shutil

    for name in ("python", "python3"):
        found = shutil.which(name)
        if found and _same_folder(os.path.dirname(found), os.path.dirname(sys.executable)):
            return name
    return _shown(sys.executable)


def _same_folder(a: str, b: str) -> bool:
    """Compared by name, not by following links: a venv's python links to the system's."""
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _shown(path: str) -> str:
    """A path to type: relative when under the current folder (POSIX shells), quoted."""
    if os.name != "nt":  # Windows shells differ on relative commands; keep the whole path
        relative = os.path.relpath(path)
        if not relative.startswith(os.pardir):
            path = relative
    return _quote(path)


def _quote(text: str) -> str:
    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline([text])
    return shlex.quote(text)


def _lab_requirement() -> str:
    """The JupyterLab the kit's ``lab`` extra asks for, e.g. ``jupyterlab>=4.2,<5``."""
    import re
    from importlib import metadata

    try:
        requirements = metadata.requires("mopskit") or []
    except metadata.PackageNotFoundError:
        requirements = []
    for requirement in requirements:
        spec, _, marker = (part.strip() for part in requirement.partition(";"))
        if re.search(r"""extra\s*==\s*["']lab["']""", marker) and re.match(r"jupyterlab\b", spec):
            bounds = sorted(spec[len("jupyterlab") :].replace(" ", "").split(","), key=lambda b: b[:1] != ">")
            return "jupyterlab" + ",".join(bound for bound in bounds if bound)
    return "jupyterlab"
