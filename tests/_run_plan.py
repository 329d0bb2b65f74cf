"""How one test run is laid out: the site built once, and the work spread over the workers.

``make test`` runs pytest on two workers (pytest-xdist, ``--dist loadgroup``). Two things
decide how long it takes:

* **The site is built once per run.** ``mkdocs build --strict`` of the real project takes
  10-15 s; the site tests, the browser tests and the workshop tests all read the same build.
  Under xdist the controller starts the build in the background as soon as a worker reports
  a collection that needs it, so it overlaps the first tests; each worker then waits for it
  (on the build's exit status, never on a fixed sleep). Without xdist the first test that
  asks builds it.
* **Long groups go first.** Tests run in groups, a group on one worker: a file, except the
  site's browser tests, which form one group per page (:func:`group_of`), so the pages
  spread over the workers while each is still loaded once per width. Every worker sorts its
  collection by :data:`FIRST` (longest groups first) and the scheduler hands groups out in
  that order, so no worker is left with a long group at the end.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SITE_USERS = ("tests/test_site.py", "tests/browser/test_site_browser.py")
"""Test files that read the built site: a run that collects none of them builds nothing."""

FIRST = (
    "tests/browser/test_jupyterlab.py",  # one JupyterLab, about a minute of work
    "tests/test_types.py",  # mypy over the library
    "tests/test_template_",  # team templates run in a kernel
    "notebooks/",
    "exercises/",
    "tests/browser/test_site_browser.py",  # one group per page, after the site is built
    "tests/test_site.py",
    "tests/test_new.py",
    "tests/test_exercise_imports.py",
    "tests/test_fuzz_",  # property tests: a few hundred generated inputs each
    "tests/test_handout.py",  # builds the kit's wheel
)
"""Path prefixes of the longest groups, in the order they are handed out; the rest follow."""

SITE_BUILD_TIMEOUT = 600  # s: a generous limit for a loaded machine; a build takes 10-15 s
WORKER_KEY = "mopskit_site_build"


@dataclass(frozen=True)
class BuiltSite:
    """The real project's site, built with ``mkdocs build --strict``, and the build's log."""

    path: Path
    log: str


def relative_path(item: pytest.Item) -> str:
    return Path(str(item.path)).resolve().relative_to(ROOT).as_posix()


def order_key(item: pytest.Item) -> int:
    path = relative_path(item)
    for rank, prefix in enumerate(FIRST):
        if path.startswith(prefix):
            return rank
    return len(FIRST)


def order(items: list[pytest.Item]) -> None:
    """Long groups first, and the tests of a group together (a page's tests, though written as
    one function per check); a stable sort, so every worker collects the same order."""
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first_seen.setdefault(group_of(item.nodeid), index)
    position = {id(item): index for index, item in enumerate(items)}
    items.sort(key=lambda item: (order_key(item), first_seen[group_of(item.nodeid)], position[id(item)]))


PER_PAGE = "tests/browser/test_site_browser.py"
_PAGE = re.compile(r"(?:notebooks|exercises)/[\w-]+\.html|(?<![\w/-])[\w-]+\.html")


def group_of(nodeid: str) -> str:
    """The group a test runs in, from its id: its file, or for the site's browser tests the page."""
    file = nodeid.split("::", 1)[0]
    if file == PER_PAGE and "[" in nodeid and (page := _PAGE.search(nodeid, nodeid.index("["))):
        return f"{file}::{page[0]}"
    return file


def make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` with :func:`group_of` for groups (a refinement of files)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class RunPlanScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return RunPlanScheduling(config, log)


# --------------------------------------------------------------------------- the site, built once


def build_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]


def build_environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BackgroundBuild:
    """The controller's build: started once, its exit status written to ``status.json`` when done."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mopskit-test-site-"))
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        (self.folder / "started").touch()
        log = (self.folder / "build.log").open("wb")
        process = subprocess.Popen(
            build_command(self.folder / "site"), cwd=ROOT, env=build_environment(),
            stdout=log, stderr=subprocess.STDOUT,
        )

        def wait() -> None:
            try:
                code = process.wait(timeout=SITE_BUILD_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait()
            log.close()
            status = self.folder / "status.json.tmp"
            status.write_text(json.dumps({"returncode": code}), encoding="utf-8")
            status.replace(self.folder / "status.json")

        threading.Thread(target=wait, name="site-build", daemon=True).start()


def wait_for_build(folder: Path) -> BuiltSite:
    """The build the controller started, once it has finished; a failed build fails the test."""
    status = folder / "status.json"
    if not (folder / "started").exists():
        pytest.fail(f"no site build was started for this run: add the test's file to SITE_USERS in {Path(__file__).name}")
    deadline = time.monotonic() + SITE_BUILD_TIMEOUT + 30
    while not status.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the site build in {folder} did not finish in {SITE_BUILD_TIMEOUT} s")
        time.sleep(0.1)
    log = (folder / "build.log").read_text(encoding="utf-8", errors="replace")
    code = json.loads(status.read_text(encoding="utf-8"))["returncode"]
    if code != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {code}):\n{log}")
    return BuiltSite(folder / "site", log)


def build_here(folder: Path) -> BuiltSite:
    """Build the site in this process's own time: a run without xdist."""
    completed = subprocess.run(
        build_command(folder / "site"), cwd=ROOT, env=build_environment(),
        capture_output=True, text=True, timeout=SITE_BUILD_TIMEOUT,
    )
    log = completed.stdout + completed.stderr
    if completed.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {completed.returncode}):\n{log}")
    return BuiltSite(folder / "site", log)


# --------------------------------------------------------------------------- where the time goes

TIMELINE = os.environ.get("MOPSKIT_TIMELINE")
"""A file to append one line per test to (worker, group, start, seconds): ``MOPSKIT_TIMELINE=t.jsonl``."""


def record(item: pytest.Item, started: float, seconds: float) -> None:
    if not TIMELINE:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    line = json.dumps({"worker": worker, "group": group_of(item.nodeid), "test": item.nodeid,
                       "start": started, "seconds": round(seconds, 3)})
    with open(TIMELINE, "a", encoding="utf-8") as timeline:
        timeline.write(line + "\n")
