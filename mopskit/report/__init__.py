"""Audit reports in the format a reader needs: HTML for people, XLSX for finance, JSON for tools.

``write(result, "audit.html")`` picks the format from the suffix. Every writer is atomic
and refuses to overwrite an existing file unless ``force=True``; user identities appear
only with ``show_users=True``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from mopskit.errors import InputError
from mopskit.report.files import check_not_input, check_target, place_all, write_atomic
from mopskit.stack.model import AuditResult

Renderer = Callable[..., bytes]

#: Report suffix -> module in this package whose ``render(result, *, show_users)`` makes
#: the bytes. Imported on use, so the CLI's text summary does not load matplotlib.
FORMATS: dict[str, str] = {".html": "html", ".xlsx": "xlsx", ".md": "markdown", ".json": "jsonfile"}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(FORMATS)


def render(result: AuditResult, suffix: str, *, show_users: bool = False) -> bytes:
    """The report's bytes for a format named by its suffix (".html", ".xlsx", ".md", ".json")."""
    return _renderer_for(Path(f"report{suffix}"))(result, show_users=show_users)


def write(
    result: AuditResult,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    show_users: bool = False,
) -> Path:
    """Write ``result`` to ``path`` in the format its suffix names; return the path."""
    target = Path(path)
    renderer = _renderer_for(target)
    check_target(target, force=force)  # fail before rendering, not after
    return write_atomic(target, renderer(result, show_users=show_users), force=force)


def write_all(
    result: AuditResult,
    paths: Iterable[str | os.PathLike[str]],
    *,
    force: bool = False,
    show_users: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write several reports all or none: all are rendered and staged before any takes its name.

    A path that is one of ``inputs`` (the files the result was read from) is refused even with
    ``force``.
    """
    targets = check_targets(paths, force=force, inputs=inputs)
    reports = [(target, _renderer_for(target)(result, show_users=show_users)) for target in targets]
    return place_all(reports, force=force)


def check_targets(
    paths: Iterable[str | os.PathLike[str]],
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Check every output path (format, folder, existence, not an input) before any report is written."""
    targets = [Path(path) for path in paths]
    sources = list(inputs)
    seen: dict[Path, Path] = {}
    for target in targets:
        _renderer_for(target)
        check_not_input(target, sources)
        check_target(target, force=force)
        key = target.resolve()
        if key in seen:
            raise InputError(f"given more than once (also as '{seen[key]}')", file=target)
        seen[key] = target
    return targets


def _renderer_for(target: Path) -> Renderer:
    module = FORMATS.get(target.suffix.lower())
    if module is None:
        supported = ", ".join(FORMATS)
        given = f"'{target.suffix}'" if target.suffix else "no suffix"
        raise InputError(f"unknown report format ({given}); supported: {supported}", file=target)
    return import_module(f"mopskit.report.{module}").render  # type: ignore[no-any-return]


__all__ = ["FORMATS", "check_targets", "render", "supported_suffixes", "write", "write_all"]
