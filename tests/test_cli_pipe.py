"""A reader that stops early (`mopskit plan ... | head -1`) ends the command quietly: no traceback,
the exit status the shell's own tools give (141), whatever the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mopskit.cli import BROKEN_PIPE

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "mopskit" / "data"
PLAN = DATA / "change-plan" / "plan.yaml"


def _run_into_a_closed_pipe(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run ``mopskit`` with its standard output a pipe whose reading end is already closed."""
    reading, writing = os.pipe()
    os.close(reading)  # before the command starts: its first write meets a closed pipe, every time
    try:
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run([sys.executable, "-m", "mopskit.cli", *arguments], stdout=writing,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, env=environment, timeout=120,
                              check=False)
    finally:
        os.close(writing)


@pytest.mark.parametrize("arguments", [
    ("plan", str(PLAN)),
    ("plan", str(PLAN), "--lint"),
    ("assess", str(DATA / "maturity-assessment" / "answers.csv")),
    ("audit", str(ROOT / "tests" / "data" / "stack" / "inventory" / "clean.csv"), "--as-of", "2026-10-31"),
], ids=["plan", "plan-lint", "assess", "audit"])
def test_a_closed_pipe_ends_the_command_quietly(arguments):
    finished = _run_into_a_closed_pipe(*arguments)
    assert finished.returncode == BROKEN_PIPE == 141
    assert "Traceback" not in finished.stderr and "BrokenPipeError" not in finished.stderr
    assert finished.stderr == ""


def test_an_open_pipe_is_untouched():
    finished = subprocess.run([sys.executable, "-m", "mopskit.cli", "plan", str(PLAN), "--lint"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert finished.returncode == 0 and "0 errors, 0 warnings" in finished.stdout
