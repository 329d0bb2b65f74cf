"""Fixtures shared by test files in more than one folder."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def make_lab() -> tuple[dict[str, str], list[str]]:
    """What `make lab` would run, from `make -n lab`: its leading VAR=value assignments and its
    argv. Tests read the command from the Makefile so they check what a newcomer really runs."""
    if shutil.which("make") is None:
        pytest.fail("`make` is not installed; the README's first command needs it")
    dry_run = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    lines = [line for line in dry_run.splitlines() if re.search(r"jupyter\S* lab\b", line)]
    assert len(lines) == 1, f"expected one `jupyter lab` line in `make -n lab`:\n{dry_run}"
    words = shlex.split(lines[0])
    assignments: dict[str, str] = {}
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        name, _, value = words.pop(0).partition("=")
        assignments[name] = value
    return assignments, words
