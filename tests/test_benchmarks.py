"""The benchmark's baseline must do the work it is compared for, on a small generated log."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bare_duckdb  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)
import generate  # noqa: E402

from mopskit.stack import read_usage  # noqa: E402

TIME_COLUMN = {"csv": "timestamp", "okta": "published", "entra": "createdDateTime"}


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    return {fmt: generate.events_file(folder, 20_000, fmt) for fmt in generate.FORMATS}


@pytest.mark.parametrize("fmt", generate.FORMATS)
def test_baseline_parses_the_times_and_keeps_its_aggregates(logs, fmt):
    """A count of groups alone lets the optimizer drop max(time) and skip the time column."""
    plan = bare_duckdb.plan(fmt, str(logs[fmt]))
    assert TIME_COLUMN[fmt] in plan
    assert "max(" in plan and "count_star()" in plan


@pytest.mark.parametrize("fmt", generate.FORMATS)
def test_baseline_finds_the_pairs_the_audit_counts(logs, fmt):
    """Same file, same groups: the baseline and the kit agree on how many (app, user) pairs
    have a successful sign-in, so the ratio compares like with like."""
    usage = read_usage(logs[fmt])
    with_success = int((usage.sign_ins > 0).sum())
    assert bare_duckdb.scan(fmt, str(logs[fmt])) == with_success


def test_entra_log_is_graph_pages_that_cover_the_audit_window(logs):
    """The audit refuses logs that miss its window, so the generated log must end on --as-of."""
    import json
    from datetime import timedelta

    with logs["entra"].open(encoding="utf-8") as handle:
        page = json.loads(handle.readline())
    assert "@odata.nextLink" in page and 100 < len(page["value"]) <= generate.GRAPH_PAGE
    for fmt in generate.FORMATS:
        coverage = read_usage(logs[fmt], as_of=generate.AS_OF).coverage
        assert coverage.last_success == generate.AS_OF
        assert coverage.first_day == generate.AS_OF - timedelta(days=generate.LOG_DAYS - 1)
