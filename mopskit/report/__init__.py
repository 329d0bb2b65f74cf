"""Reports in the format a reader needs: HTML for people, XLSX for finance, JSON for tools.

Any result with ``to_document()`` (and ``to_dict()`` for JSON) can be written; a result type
may add formats of its own (``report_formats()``). ``write(result, "audit.html")`` picks
the format from the suffix. Every writer is atomic
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

Renderer = Callable[..., bytes]
"""``renderer(result, *, show_users) -> bytes``."""

#: Formats every result gets: suffix -> (module in this package, what the result must offer).
#: Modules are imported on use, so the CLI's text summary does not load matplotlib.
FORMATS: dict[str, tuple[str, str]] = {
    ".html": ("html", "to_document"),
    ".xlsx": ("xlsx", "to_document"),
    ".md": ("markdown", "to_document"),
    ".json": ("jsonfile", "to_dict"),
}


def formats_for(result: object) -> dict[str, Renderer]:
    """The formats a result (or result type) can be written in: suffix -> renderer.

    The shared ones it qualifies for (``to_document`` for pages and sheets, ``to_dict`` for
    JSON), then any it declares itself with a ``report_formats()`` class- or static method
    returning ``{suffix: renderer}`` (a plan's ``.ics``). No global table is touched.
    """
    formats: dict[str, Renderer] = {
        suffix: _lazy(module) for suffix, (module, needs) in FORMATS.items() if hasattr(result, needs)
    }
    own = getattr(result, "report_formats", None)
    if callable(own):
        formats.update({suffix.lower(): renderer for suffix, renderer in own().items()})
    return formats


def supported_suffixes(result: object | None = None) -> tuple[str, ...]:
    """Suffixes ``write`` accepts for ``result`` (or for any result, when not given)."""
    return tuple(formats_for(result)) if result is not None else tuple(FORMATS)


def render(result: object, suffix: str, *, show_users: bool = False) -> bytes:
    """The report's bytes for a format named by its suffix (".html", ".xlsx", ".md", ".json", ...)."""
    return _renderer_for(result, Path(f"report{suffix}"))(result, show_users=show_users)


def write(
    result: object,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    show_users: bool = False,
) -> Path:
    """Write ``result`` to ``path`` in the format its suffix names; return the path."""
    target = Path(path)
    renderer = _renderer_for(result, target)
    check_target(target, force=force)  # fail before rendering, not after
    return write_atomic(target, renderer(result, show_users=show_users), force=force)


def write_all(
    result: object,
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
    targets = check_targets(paths, force=force, inputs=inputs, result=result)
    reports = [(target, _renderer_for(result, target)(result, show_users=show_users)) for target in targets]
    return place_all(reports, force=force)


def check_targets(
    paths: Iterable[str | os.PathLike[str]],
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
    result: object | None = None,
) -> list[Path]:
    """Check every output path (format, folder, existence, not an input) before any report is written.

    ``result`` is the result, or its type when the result is not made yet: it says which formats
    exist; without it, the shared formats.
    """
    targets = [Path(path) for path in paths]
    sources = list(inputs)
    seen: dict[Path, Path] = {}
    for target in targets:
        _renderer_for(result, target)
        check_not_input(target, sources)
        check_target(target, force=force)
        key = target.resolve()
        if key in seen:
            raise InputError(f"given more than once (also as '{seen[key]}')", file=target)
        seen[key] = target
    return targets


def _renderer_for(result: object | None, target: Path) -> Renderer:
    formats = formats_for(result) if result is not None else {suffix: _lazy(module) for suffix, (module, _needs)
                                                               in FORMATS.items()}
    renderer = formats.get(target.suffix.lower())
    if renderer is None:
        supported = ", ".join(formats)
        given = f"'{target.suffix}'" if target.suffix else "no suffix"
        raise InputError(f"unknown report format ({given}); supported: {supported}", file=target)
    return renderer


def _lazy(module: str) -> Renderer:
    def renderer(result: object, *, show_users: bool = False) -> bytes:
        render_module = import_module(f"mopskit.report.{module}")
        data: bytes = render_module.render(result, show_users=show_users)
        return data

    return renderer


__all__ = ["FORMATS", "Renderer", "check_targets", "formats_for", "render", "supported_suffixes", "write", "write_all"]
