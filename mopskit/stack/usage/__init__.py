"""Read sign-in logs (Okta, Microsoft Entra, Google Workspace, generic CSV) into per (app, user) aggregates.

One DuckDB pass per file scans and aggregates the log with flat memory, however many
events it holds: per app and user as the log spells them, the last successful sign-in on
or before ``as_of`` and the number of successful sign-ins from ``since``; per event type,
what the log covers. Bad rows are counted in that same pass; only when some exist does a
second query find the first one to name it (file, row, column). JSON that wraps its events
(Graph pages, several arrays) is first copied with the wrapping blanked (``_jsonscan``),
so DuckDB streams it as JSON lines. Names are then folded and spellings merged over the
aggregates, so no Python runs per event and pandas is imported only when a frame is asked for.

Where each part lives: the values (``Usage``, ``LogCoverage``, ...) in ``model``; the
format registry and detection in ``_formats``, the exports the kit knows in
``_builtin_formats``; the pass over each file in ``_scan``, the fold in ``_merge``, naming
a bad row in ``_problems``, paths and bytes in ``_files``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from os import PathLike
from pathlib import Path

from mopskit.errors import InputError
from mopskit.stack.usage._builtin_formats import FORMATS
from mopskit.stack.usage._files import expand
from mopskit.stack.usage._formats import (
    Head,
    LogFormat,
    format_names,
    log_formats,
    plan_file,
    register_format,
    unregister_format,
)
from mopskit.stack.usage._formats import (  # what a registered format's own SQL works with
    EventsSql as EventsSql,
    Plan as Plan,
    events_sql as events_sql,
)
from mopskit.stack.usage._scan import read_logs
from mopskit.stack.usage.model import AppSignIns, LogCoverage, Usage, UsageSource, usage_window
from mopskit.stack.usage.model import as_date as _as_date  # kept importable where earlier code found it

__all__ = [
    "FORMATS",
    "AppSignIns",
    "Head",
    "LogCoverage",
    "LogFormat",
    "Usage",
    "UsageSource",
    "detect_format",
    "format_names",
    "log_formats",
    "read_usage",
    "register_format",
    "unregister_format",
]


def read_usage(
    paths: str | PathLike[str] | Sequence[str | PathLike[str]],
    *,
    format: str | None = None,
    as_of: date | str | None = None,
    since: date | str | None = None,
    progress: bool = False,
) -> Usage:
    """Aggregate successful sign-ins from Okta, Entra, Google Workspace or CSV logs, format detected per file.

    A path may be a file (``.gz`` too), a folder (every log in it, recursively) or a glob
    pattern such as ``logs/*.jsonl.gz``. Only successful sign-ins count; ``last_sign_in``
    is the last one on or before ``as_of`` (None: all), ``sign_ins`` counts those on days
    in [since, as_of]. ``format`` forces one of ``okta``, ``entra``, ``google``, ``csv``
    (or a format added with ``register_format``);
    ``progress`` shows a bar per file.
    """
    files = expand(paths)
    if format is not None and format not in format_names():
        raise InputError(f"unknown usage format '{format}'; use one of {', '.join(format_names())}")
    cutoff, start = usage_window(as_of, since)
    return read_logs(files, format, cutoff, start, progress)


def detect_format(path: str | PathLike[str]) -> str:
    """Tell Okta, Entra, Google Workspace and generic CSV logs apart from their first bytes (gzip opened too)."""
    return plan_file(Path(path), None).format
