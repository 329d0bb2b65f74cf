"""The library type-checks: mypy with the settings in pyproject.toml, run as part of the tests so it
shares their workers instead of running alone before them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error_in_the_library(monkeypatch):
    from mypy import api

    monkeypatch.chdir(ROOT)
    report, errors, status = api.run([])
    assert status == 0, f"mypy:\n{report}{errors}"
