"""Real-browser tests: Debian's Chromium driven by Playwright, at a phone and a laptop width.

They need a Chromium binary (``apt-get install chromium``; or point ``MOPSKIT_CHROMIUM`` at
one). Without one, on a laptop, they are left out with one line saying so; in CI
(``CI=true``) a missing browser is an error, never a silent pass.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "build" / "screenshots"
"""Where page screenshots land for a person (or CI) to look at."""
AXE_SCRIPT = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"

_ENABLE_HINT = "install Chromium (apt-get install chromium) or set MOPSKIT_CHROMIUM=/path/to/chromium"


def chromium_path() -> str | None:
    """The Chromium (or Chrome) binary to drive, or None when the machine has none."""
    configured = os.environ.get("MOPSKIT_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_TESTS in Path(str(item.fspath)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the browser tests out, with one line, when there is no browser and no CI."""
    if chromium_path() or in_ci():
        return
    left_out = [item for item in items if _is_browser_test(item)]
    if not left_out:
        return
    config.hook.pytest_deselected(items=left_out)
    items[:] = [item for item in items if not _is_browser_test(item)]
    config.stash[_LEFT_OUT] = len(left_out)


_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    count = config.stash.get(_LEFT_OUT, 0)
    if count:
        terminalreporter.write_line(
            f"browser tests skipped ({count}): no Chromium found; to run them, {_ENABLE_HINT}", yellow=True
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session (per xdist worker)."""
    executable = chromium_path()
    if executable is None:
        pytest.fail(f"CI needs the browser tests and there is no Chromium: {_ENABLE_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def unavailable(message: str) -> NoReturn:
    """A tool a browser test needs is missing: an error in CI, a skip on a laptop."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def missing() -> Callable[[str], NoReturn]:
    """:func:`unavailable`, for a fixture that finds a tool it needs is missing."""
    return unavailable


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's rules, from the npm package ``make test`` installs into ``.venv/npm``."""
    if not AXE_SCRIPT.is_file():
        unavailable(f"axe-core is missing at {AXE_SCRIPT.relative_to(ROOT)}; run make test (it needs npm)")
    return AXE_SCRIPT.read_text(encoding="utf-8")
