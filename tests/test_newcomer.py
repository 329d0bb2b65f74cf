"""A newcomer's first steps, in a fresh shell: what the README says to type works as it says.

Fast, no browser: the README's `make` commands exist, its line that puts `mopskit` on the PATH
works in a shell that does not have `.venv` on its PATH, `make lab` roots JupyterLab at the
kit's folder and opens the start notebook, and `mopskit new` ends with a command that exists.
The real JupyterLab, in a browser, is in tests/browser/test_jupyterlab.py.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mopskit import __version__, templates as scaffold
from mopskit.commands import new

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
START_NOTEBOOK = "notebooks/00-start-here.ipynb"


def readme_setup() -> str:
    """The README's first screen: everything before its first `##` section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## ", 1)[0]


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", markdown, flags=re.DOTALL | re.MULTILINE)


def commands_in(block: str) -> list[str]:
    """The block's command lines, without comments or blank lines."""
    lines = (shlex.split(line, comments=True) for line in block.splitlines())
    return [shlex.join(words) for words in lines if words]


def fresh_shell_env(*, activated: bool = False) -> dict[str, str]:
    """The environment of a new terminal: no `.venv` on the PATH (unless ``activated``)."""
    env = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONHOME"}}
    folders = [
        folder
        for folder in env.get("PATH", "").split(os.pathsep)
        if folder and Path(folder).resolve() != VENV_BIN.resolve()
    ]
    if activated:
        folders.insert(0, str(VENV_BIN))
    env["PATH"] = os.pathsep.join(folders)
    return env


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):(?!=)", text, flags=re.MULTILINE))


def flag(argv: list[str], name: str) -> str | None:
    """The value of ``--name=value`` (or ``--name value``) in argv, or None."""
    for index, word in enumerate(argv):
        if word.startswith(f"--{name}="):
            return word.split("=", 1)[1]
        if word == f"--{name}" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def resolve(command: str, *, cwd: Path, env: dict[str, str]) -> Path | None:
    """Where the shell would find ``command``, from ``cwd`` with ``env``'s PATH."""
    if os.sep in command or (os.altsep and os.altsep in command):
        path = cwd / command
        return path if path.is_file() and os.access(path, os.X_OK) else None
    found = shutil.which(command, path=env["PATH"])
    return Path(found) if found else None


def lab_extra() -> str:
    """The `lab` extra of pyproject.toml: the JupyterLab the kit asks for."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (requirement,) = [item for item in extras["optional-dependencies"]["lab"] if item.startswith("jupyterlab")]
    return requirement


def need_venv() -> None:
    if not (VENV_BIN / "mopskit").is_file():
        message = "the kit's .venv is not built: run `make lab` or `make test` first"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)


# --- the README -------------------------------------------------------------------------------


def test_readme_make_commands_are_make_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?:^|`)make ([a-z][a-z-]*)", readme, flags=re.MULTILINE))
    assert {"lab", "test"} <= named, "the README's set-up names `make lab` and `make test`"
    assert named <= make_targets(), f"README names make targets the Makefile lacks: {named - make_targets()}"


def test_readme_setup_puts_mopskit_on_the_path_and_that_works_in_a_fresh_shell():
    need_venv()
    blocks = [block for block in code_blocks(readme_setup()) if "activate" in block]
    assert blocks, "the README's set-up must say how to switch on .venv so `mopskit` is found"
    block = blocks[0]
    assert r".venv\Scripts\activate" in block, "the README names the Windows way to activate .venv"
    commands = commands_in(block)
    assert commands[0] == "source .venv/bin/activate", commands
    assert any(command.startswith("mopskit ") for command in commands), "show a first mopskit command"

    env = fresh_shell_env()
    script = " && ".join([*commands, "command -v mopskit", "mopskit --version"])
    done = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"following the README failed:\n{done.stdout}\n{done.stderr}"
    lines = done.stdout.splitlines()
    assert Path(lines[-2]).resolve() == (VENV_BIN / "mopskit").resolve()
    assert lines[-1] == f"mopskit {__version__}"
    for template in scaffold.list_templates():  # what `mopskit new --list` promised to show
        assert any(line.split()[:1] == [template.name] for line in lines), done.stdout


# --- make lab -----------------------------------------------------------------------------------


def test_make_lab_roots_jupyterlab_at_the_kit_and_opens_the_start_notebook(make_lab):
    assignments, argv = make_lab
    assert Path(argv[0]).name == "jupyter" and argv[1] == "lab", argv
    assert (ROOT / argv[0]).resolve().parent == VENV_BIN.resolve(), "the kit's own JupyterLab"

    root_dir = flag(argv, "ServerApp.root_dir")
    assert root_dir is not None and Path(root_dir).resolve() == ROOT, argv
    assert flag(argv, "LabApp.default_url") == f"/lab/tree/{START_NOTEBOOK}", argv
    assert (ROOT / START_NOTEBOOK).is_file()
    positional = [word for word in argv[2:] if not word.startswith("-") and not word.startswith("/")]
    assert not positional, f"a path argument would move JupyterLab's root: {positional}"

    path = assignments.get("PATH", "")
    assert path.endswith(":$PATH"), f"keep the user's PATH after .venv/bin: {path!r}"
    assert Path(path.split(":")[0]).resolve() == VENV_BIN.resolve(), path
    assert ("--allow-root" in argv) == (os.getuid() == 0), "--allow-root exactly when run as root"


# --- mopskit new ------------------------------------------------------------------------------


@pytest.mark.parametrize("activated", [False, True], ids=["fresh-shell", "activated"])
def test_new_ends_with_a_command_that_opens_the_notebook(tmp_path, activated):
    need_venv()
    env = fresh_shell_env(activated=activated)
    done = subprocess.run(
        [str(VENV_BIN / "mopskit"), "new", "coordination-time", "team time"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("Next: "), done.stdout
    program, subcommand, notebook = shlex.split(last.removeprefix("Next: "))
    assert subcommand == "lab" and (tmp_path / notebook).is_file(), last
    assert (program == "jupyter") == activated, last

    found = resolve(program, cwd=tmp_path, env=env)
    assert found is not None, f"{program!r} is not a command in this shell: {last}"
    assert found.resolve() == (VENV_BIN / "jupyter").resolve(), "the JupyterLab that has the kit"
    assert (found.parent / "jupyter-lab").is_file(), "`jupyter lab` runs the jupyter-lab beside it"


def test_new_without_jupyterlab_says_how_to_install_it(monkeypatch, tmp_path):
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def without_jupyterlab(name: str, *args: object) -> object:
        return None if name == "jupyterlab" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_jupyterlab)
    monkeypatch.chdir(tmp_path)
    message = new.next_step(Path("my audit") / "stack-audit.ipynb")
    first, install, open_it = message.splitlines()
    assert first.startswith("Next: install JupyterLab")
    python, *pip = shlex.split(install)
    assert pip == ["-m", "pip", "install", lab_extra()], install
    found = resolve(python, cwd=tmp_path, env=dict(os.environ))
    assert found is not None and found.parent == Path(sys.executable).parent, install
    assert shlex.split(open_it)[1:] == ["lab", "my audit/stack-audit.ipynb"], open_it


@pytest.mark.parametrize("template", scaffold.list_templates(), ids=lambda template: template.name)
def test_template_readme_says_how_to_open_it(template):
    readme = (Path(scaffold.__file__).parent / template.name / "README.md").read_text(encoding="utf-8")
    assert f"\njupyter lab {template.notebook}\n" in readme
    assert "source <kit folder>/.venv/bin/activate" in readme and r".venv\Scripts\activate" in readme
    assert f'python -m pip install "{lab_extra()}"' in readme, "the README asks for the kit's JupyterLab"
