"""Fixtures shared by more than one test file: the make-lab command, hand-built audit results
for the report tests, and the sign-in log corpus with its expected readings."""

from __future__ import annotations

import os
import re
import shlex
import runpy
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _run_plan import SITE_USERS, WORKER_KEY, BackgroundBuild, BuiltSite, build_here, make_scheduler, order, record, wait_for_build

from mopskit.stack import Usage
from mopskit.stack.model import AuditResult, AuditSummary, Overlap, ToolAudit, UnmatchedApp

ROOT = Path(__file__).resolve().parent.parent

# check() records a learner's progress beside the notebook; tests and nbval kernels (which
# inherit this environment) must not leave a progress file in the repository.
os.environ["MOPSKIT_PROGRESS_FILE"] = "off"


# --------------------------------------------------------------------------- the run's plan (tests/_run_plan.py)

_SITE_BUILD = pytest.StashKey[BackgroundBuild]()


_BEFORE = pytest.StashKey[frozenset[Path]]()
LEARNER_FOLDERS = ("notebooks", "exercises")
"""Where a lesson run under nbval writes what a learner's run writes (my-strategy.yaml, ...)."""


def _learner_files() -> frozenset[Path]:
    return frozenset(path for folder in LEARNER_FOLDERS for path in (ROOT / folder).iterdir() if path.is_file())


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller, or a run without xdist
        config.stash[_SITE_BUILD] = BackgroundBuild()
        config.stash[_BEFORE] = _learner_files()


def pytest_unconfigure(config: pytest.Config) -> None:
    build = config.stash.get(_SITE_BUILD, None)
    if build is not None:
        shutil.rmtree(build.folder, ignore_errors=True)
    before = config.stash.get(_BEFORE, None)
    if before is not None:  # the files the lessons wrote as a learner would: gone, so a learner never finds them
        for path in _learner_files() - before:
            path.unlink(missing_ok=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Tell each xdist worker where the controller builds the site."""
    node.workerinput[WORKER_KEY] = str(node.config.stash[_SITE_BUILD].folder)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """Start the one site build as soon as a worker has collected a test that reads it."""
    if any(nodeid.startswith(SITE_USERS) for nodeid in ids):
        node.config.stash[_SITE_BUILD].start()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    order(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """With MOPSKIT_TIMELINE set, note when each test ran and for how long (setup to teardown)."""
    started = time.time()
    try:
        return (yield)
    finally:
        record(item, started, time.time() - started)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    return make_scheduler(config, log)


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real project's site, built once per run (``mkdocs build --strict``) and its log."""
    folder = getattr(request.config, "workerinput", {}).get(WORKER_KEY)
    if folder is not None:
        return wait_for_build(Path(folder))
    return build_here(tmp_path_factory.mktemp("site"))


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


# --------------------------------------------------------------------------- audit results for the reports
# Built from the model's dataclasses, not by the engine, so the reports are tested against
# exact, known values (including hostile strings and user emails).

_REPORT_AS_OF = date(2026, 10, 31)


_REPORT_EMAILS = ("ana.pop@example.com", "luca.bianchi@example.com", "mara.ionescu@example.com")


_HOSTILE_TOOL = '<script>alert("x")</script>'


_HOSTILE_VENDOR = '"><img src=x onerror=alert(1)>'


_FORMULA_STRINGS = ("=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1)", "-2+3", "@cmd", "\tTabbed", "\rReturn")


def _audited_tool(name: str, **fields: object) -> ToolAudit:
    """A tool with plausible defaults; tests override only what they check."""
    values: dict[str, object] = dict(
        tool=name,
        vendor=f"{name} Inc.",
        category="Email marketing",
        owner="Marketing Ops",
        department=None,
        annual_cost=12000.0,
        seats=10,
        active_users=9,
        utilization=0.9,
        cost_per_active_user=1333.33,
        wasted_annual_cost=1200.0,
        renewal_date=date(2027, 3, 1),
        notice_deadline=date(2026, 12, 1),
        days_to_notice_deadline=31,
        overlaps_with=(),
        recommendation="retain",
        reasons=("utilization 90% meets the 90% healthy target",),
    )
    values.update(fields)
    return ToolAudit(**values)  # type: ignore[arg-type]


def _sample_result(**fields: object) -> AuditResult:
    """Four tools covering every recommendation, one without usage data, one overlap."""
    tools = (
        _audited_tool(
            "Mailer",
            annual_cost=24000.0,
            seats=20,
            active_users=8,
            utilization=0.4,
            cost_per_active_user=3000.0,
            wasted_annual_cost=14400.0,
            overlaps_with=("Sendly",),
            recommendation="consolidate",
            reasons=("overlaps with Sendly in Email marketing", "utilization 40% is under the 90% target"),
            days_to_notice_deadline=31,
        ),
        _audited_tool(
            "Sendly",
            department="Sales",
            annual_cost=6000.0,
            seats=5,
            active_users=5,
            utilization=1.0,
            cost_per_active_user=1200.0,
            wasted_annual_cost=0.0,
            overlaps_with=("Mailer",),
            renewal_date=date(2027, 9, 30),
            notice_deadline=date(2027, 6, 30),
            days_to_notice_deadline=242,
        ),
        _audited_tool(
            "Old CMS",
            category="WCM/CMS & web experience management",
            annual_cost=9000.0,
            seats=3,
            active_users=0,
            utilization=0.0,
            cost_per_active_user=None,
            wasted_annual_cost=9000.0,
            renewal_date=date(2026, 12, 31),
            notice_deadline=date(2026, 10, 1),
            days_to_notice_deadline=-30,
            recommendation="retire",
            reasons=("no active user in the last 60 days",),
        ),
        _audited_tool(
            "Planner",
            category="Projects & workflow",
            annual_cost=3000.0,
            seats=15,
            active_users=None,
            utilization=None,
            cost_per_active_user=None,
            wasted_annual_cost=None,
            renewal_date=date(2027, 5, 15),
            notice_deadline=date(2027, 4, 15),
            days_to_notice_deadline=166,
            recommendation="negotiate",
            reasons=("no sign-in data for this tool",),
        ),
    )
    values: dict[str, object] = dict(
        as_of=_REPORT_AS_OF,
        inactive_days=60,
        currency="EUR",
        summary=AuditSummary(tools=4, annual_cost=42000.0, wasted_annual_cost=23400.0, seats=43, active_users=11),
        tools=tools,
        overlaps=(Overlap(category="Email marketing", tools=("Mailer", "Sendly"), shared_active_users=2),),
        unmatched_apps=(UnmatchedApp(app="Free Survey Tool", users=4, sign_ins=37),),
        active_users_by_tool={"Mailer": _REPORT_EMAILS[:2], "Sendly (Sales)": _REPORT_EMAILS[1:2]},
        users_by_unmatched_app={"Free Survey Tool": _REPORT_EMAILS[2:]},
        shared_users_by_overlap={"Email marketing": _REPORT_EMAILS[1:2]},
    )
    values.update(fields)
    return AuditResult(**values)  # type: ignore[arg-type]


def _hostile_result() -> AuditResult:
    """Every input-derived string is an attack: markup, attributes, spreadsheet formulas."""
    base = _sample_result()
    first, second, *rest = base.tools
    tools = (
        replace(first, tool=_HOSTILE_TOOL, vendor=_HOSTILE_VENDOR, owner=_FORMULA_STRINGS[0],
                department=_FORMULA_STRINGS[1], category=_FORMULA_STRINGS[2], overlaps_with=(_FORMULA_STRINGS[3],),
                reasons=(f"overlaps with {_HOSTILE_VENDOR}",)),
        replace(second, tool=_FORMULA_STRINGS[4], vendor=_FORMULA_STRINGS[5], overlaps_with=(_HOSTILE_TOOL,)),
        *rest,
    )
    return replace(
        base,
        tools=tools,
        overlaps=(Overlap(category=_FORMULA_STRINGS[2], tools=(_HOSTILE_TOOL, _FORMULA_STRINGS[4]), shared_active_users=2),),
        unmatched_apps=(UnmatchedApp(app="=cmd|' /C calc'!A0", users=1, sign_ins=2),
                        UnmatchedApp(app="<b>bold</b> | pipe", users=2, sign_ins=3)),
        active_users_by_tool={f"{_HOSTILE_TOOL} ({_FORMULA_STRINGS[1]})": ("<i>x</i>@example.com", "=evil@example.com")},
    )



@pytest.fixture
def sample_result() -> Callable[..., AuditResult]:
    """Builds the hand-made audit result; keyword arguments replace its fields."""
    return _sample_result


@pytest.fixture
def audited_tool() -> Callable[..., ToolAudit]:
    """Builds one hand-made tool audit; keyword arguments replace its fields."""
    return _audited_tool


@pytest.fixture
def hostile_result() -> Callable[[], AuditResult]:
    """Builds an audit result whose names are HTML, formulas and control characters."""
    return _hostile_result


@pytest.fixture
def report_emails() -> tuple[str, ...]:
    """The users' emails in the sample result: no report shows them unless asked."""
    return _REPORT_EMAILS


@pytest.fixture
def hostile_tool() -> str:
    return _HOSTILE_TOOL


@pytest.fixture
def hostile_vendor() -> str:
    return _HOSTILE_VENDOR


@pytest.fixture
def formula_strings() -> tuple[str, ...]:
    """Cell values a spreadsheet would run as formulas unless neutralised."""
    return _FORMULA_STRINGS


# --------------------------------------------------------------------------- sign-in logs

_USAGE_CORPUS = Path(__file__).parent / "data" / "stack" / "usage"


_USAGE_AS_OF = date(2026, 10, 31)


def _usage_pairs(usage: Usage) -> dict[tuple[str, str], tuple[str | None, int]]:
    """(app_key, user) -> (last successful sign-in as ISO date or None, successful sign-ins)."""
    return {
        (row.app_key, row.user): (None if pd.isna(row.last_sign_in) else row.last_sign_in.date().isoformat(), row.sign_ins)
        for row in usage.to_frame().itertuples()
    }


_OKTA_EXPECTED = {
    ("microsoft teams", "ana@acme.example"): ("2026-10-28", 1),
    ("microsoft teams", "ion@acme.example"): ("2026-10-28", 1),
    ("notion", "eva@acme.example"): ("2026-10-06", 2),
    ("slack", "ana@acme.example"): ("2026-10-30", 1),
    ("slack", "dan@acme.example"): ("2026-09-01", 1),  # 00:30 +02:00 on 2 Sept is 1 Sept in UTC
    ("slack", "eva@acme.example"): (None, 0),  # FAILURE and DENY do not count; session.start is ignored
    ("slack", "ion@acme.example"): ("2026-10-29", 1),  # AppInstance found though listed second
    ("slack", "zoe@acme.example"): (None, 0),  # after as_of
}


_ENTRA_EXPECTED = {
    ("figma", "eva@acme.example"): ("2026-10-01", 1),
    ("hubspot", "ana@acme.example"): ("2026-10-30", 1),
    ("hubspot", "dan@acme.example"): (None, 0),  # after as_of
    ("hubspot", "eva@acme.example"): (None, 0),  # errorCode 50126
    ("hubspot", "ion@acme.example"): ("2026-10-29", 1),  # upper-case UPN folded
}



@pytest.fixture
def usage_corpus() -> Path:
    """The folder of sample sign-in logs in every supported shape."""
    return _USAGE_CORPUS


@pytest.fixture
def usage_as_of() -> date:
    return _USAGE_AS_OF


@pytest.fixture
def usage_pairs() -> Callable[[Usage], dict[tuple[str, str], tuple[str | None, int]]]:
    return _usage_pairs


@pytest.fixture
def okta_expected() -> dict[Any, Any]:
    return _OKTA_EXPECTED


@pytest.fixture
def entra_expected() -> dict[Any, Any]:
    return _ENTRA_EXPECTED


@pytest.fixture(scope="module")
def solutions(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The worked answers of the lesson a ``test_exercises_NN`` module is about."""
    lesson = request.module.__name__.rsplit("_", 1)[-1]
    (path,) = (Path(__file__).resolve().parent.parent / "exercises" / "solutions").glob(f"{lesson}_*.py")
    return runpy.run_path(str(path))


@pytest.fixture(autouse=True)
def fresh_hints() -> Iterator[None]:
    """Every test starts and ends with no hint shown."""
    from mopskit.lessons import reset_hints

    reset_hints()
    yield
    reset_hints()


def _run_notebook(path: Path) -> Any:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def _outputs_text(notebook: Any) -> str:
    return "\n".join(
        str(part) for cell in notebook.cells for output in cell.get("outputs", [])
        for part in (output.get("text", ""), *output.get("data", {}).values())
    )


@pytest.fixture(scope="session")
def run_notebook() -> Callable[[Path], Any]:
    """Runs a notebook top to bottom in its own folder, as a team member would, and returns it."""
    return _run_notebook


@pytest.fixture(scope="session")
def outputs_text() -> Callable[[Any], str]:
    """Everything a notebook's cells printed or displayed, as one text to search."""
    return _outputs_text
