"""The learners' handout: the lessons, the exercises and the kit's wheel, without the solutions.

A workshop hands learners this folder (or its zip), and the hub pulls it from a branch of its
own, so the worked answers stay with the facilitator. Every link in a notebook must lead to a
file inside the handout; a link that would lead out of it (to the solutions, say) stops the build.

``build_handout`` copies; ``publish_branch`` commits the folder to a branch of a repository (the
learners' branch the hub's nbgitpuller pulls) without touching anyone's working tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mopskit import __version__
from mopskit.errors import InputError

__all__ = ["HANDOUT_NAME", "MARKER", "Handout", "build_handout", "build_wheel", "handout_links", "in_handout",
           "publish_branch"]

HANDOUT_NAME = "mops-kit-handout"
FOLDERS = ("notebooks", "exercises")
"""What learners open: lessons and exercises, side by side as in the kit, so their links work."""

MARKER = ".mopskit-handout"
"""A file at the handout's root: hints then send learners to their facilitator, not to solutions."""

def in_handout(folder: Path | None = None) -> bool:
    """Whether the notebook runs in a learners' handout: its marker is in the folder or the one above."""
    here = folder or Path.cwd()
    return any((place / MARKER).is_file() for place in (here, *list(here.parents)[:1]))


_LINK = re.compile(r"\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Handout:
    folder: Path
    archive: Path
    files: tuple[str, ...]  # paths inside the folder, sorted
    wheels: tuple[str, ...]  # wheel file names in wheels/

    @property
    def size(self) -> int:
        """The zip's size in bytes."""
        return self.archive.stat().st_size


def build_wheel(root: Path, directory: Path) -> Path:
    """The kit's wheel, built from ``root`` into ``directory`` with the project's own backend
    (no network, no isolated build environment; file times are fixed, so bytes are stable)."""
    from hatchling.builders.wheel import WheelBuilder

    built = list(WheelBuilder(str(root)).build(directory=str(directory), versions=["standard"]))
    return Path(built[0])


def handout_links(notebook: Path) -> Iterator[str]:
    """The relative links in a notebook's Markdown cells (web addresses and anchors aside)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        for target in _LINK.findall("".join(cell.get("source", ""))):
            if not re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):
                yield target.split("#", 1)[0]


def build_handout(root: str | os.PathLike[str], out: str | os.PathLike[str], *,
                  dependencies: bool = False) -> Handout:
    """Build ``out``/mops-kit-handout/ and ``out``/mops-kit-handout.zip from the kit at ``root``.

    ``dependencies``: also download every wheel the kit and JupyterLab need into wheels/, so the
    handout installs with no network (``pip install --no-index --find-links wheels``); this step
    itself needs the package index. ``InputError`` when a notebook links outside the handout.
    """
    source, target = Path(root), Path(out)
    folder = target / HANDOUT_NAME
    if folder.exists():
        shutil.rmtree(folder)
    for name in FOLDERS:
        (folder / name).mkdir(parents=True)
        for notebook in sorted((source / name).glob("*.ipynb")):
            shutil.copy2(notebook, folder / name / notebook.name)
    wheels = folder / "wheels"
    wheels.mkdir()
    kit = build_wheel(source, wheels)
    if dependencies:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels),
                        f"{kit}[lab]"], check=True)
    (folder / MARKER).write_text("A learners' handout: hints send you to your facilitator.\n", encoding="utf-8")
    (folder / "README.md").write_text(_readme(kit.name, dependencies), encoding="utf-8")
    _check_links(folder)
    archive = target / f"{HANDOUT_NAME}.zip"
    files = tuple(sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()))
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in files:
            bundle.write(folder / name, f"{HANDOUT_NAME}/{name}")
    return Handout(folder, archive, files, tuple(sorted(path.name for path in wheels.glob("*.whl"))))


def _check_links(folder: Path) -> None:
    for name in FOLDERS:
        for notebook in sorted((folder / name).glob("*.ipynb")):
            for link in handout_links(notebook):
                resolved = (notebook.parent / link).resolve()
                inside = resolved.is_relative_to(folder.resolve())
                if not inside or not resolved.exists():
                    raise InputError(f"links to '{link}', which is not in the handout; link to a lesson or an "
                                     "exercise, or to the site", file=f"{name}/{notebook.name}")


def _readme(wheel: str, offline: bool) -> str:
    install = ('python -m pip install --no-index --find-links wheels "mopskit[lab]"' if offline
               else f'python -m pip install --find-links wheels "mopskit[lab]"')
    network = ("Everything it needs is in `wheels/`: it installs with no network."
               if offline else "It downloads JupyterLab and the kit's libraries from the package index.")
    return f"""# MOps Kit: learner's handout (kit {__version__})

The lessons (`notebooks/`) and exercises (`exercises/`) of the MOps Kit, with the kit itself
(`wheels/{wheel}`). The worked answers are not here: your facilitator has them.

## Set up (once, in this folder)

With Python 3.11 or newer, in a terminal opened in this folder:

```
python -m venv .venv && .venv/bin/{install}
```

(on Windows: `py -m venv .venv` and then `.venv\\Scripts\\{install}`). {network}

## Start

```
.venv/bin/jupyter lab notebooks/00-start-here.ipynb
```

Each lesson links to its exercise notebook, and each exercise back to its lesson. A `check()`
in an exercise tells you at once whether an answer holds, and `hint()` gives the next hint;
the last hint says to ask your facilitator. Your progress stays in this folder, in
`exercises/.mopskit-progress.json`; `progress()` in any exercise shows it.
"""


def publish_branch(folder: str | os.PathLike[str], repository: str | os.PathLike[str], branch: str,
                   message: str) -> str:
    """Commit ``folder``'s files as the whole tree of ``branch`` in ``repository`` (created if new, else
    one commit on top, so a hub's nbgitpuller can merge it); returns the commit id. Nobody's working
    tree or index changes: the commit is made from a scratch index."""
    repo, files = str(repository), Path(folder).resolve()

    def git(*arguments: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
        done = subprocess.run(["git", *arguments], check=True, capture_output=True, text=True, env=env,
                              cwd=cwd or repo)
        return done.stdout.strip()

    git_dir = Path(repo, git("rev-parse", "--git-dir")).resolve()
    with tempfile.TemporaryDirectory(prefix="mopskit-handout-index-") as scratch:
        env = {**os.environ, "GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(files),
               "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        git("add", "--all", "--force", ".", env=env, cwd=files)
        tree = git("write-tree", env=env, cwd=files)
    parents: Sequence[str] = ()
    try:
        parents = ("-p", git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"))
    except subprocess.CalledProcessError:
        pass
    if parents and git("rev-parse", f"{parents[1]}^{{tree}}") == tree:
        return parents[1]  # nothing changed: no empty commit
    commit = git("commit-tree", tree, *parents, "-m", message)
    git("update-ref", f"refs/heads/{branch}", commit)
    return commit
