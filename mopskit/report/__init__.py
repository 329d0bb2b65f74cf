"""Reports in the format a reader needs: HTML for people, XLSX for finance, JSON for tools.

A result is laid out once, as a :class:`~mopskit.report.document.Document`, by a builder in
this package found by the result's type (:data:`BUILDERS`); every page and sheet format, and
the notebook view (:mod:`mopskit.report.notebook`), render that one document. JSON comes
from the result's own ``to_dict()``. A result type may have formats of its own
(:data:`OWN_FORMATS`: a plan's ``.ics``). ``write(result, "audit.html")`` picks the format
from the suffix. Every writer is atomic and refuses to overwrite an existing file unless
``force=True``; user identities appear only with ``show_users=True``.

Values never import this package: it imports them, by name and only when one is reported.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mopskit.errors import InputError
from mopskit.io.files import check_not_input, check_target, place_all, write_atomic

if TYPE_CHECKING:
    from mopskit.report.document import Document

Renderer = Callable[..., bytes]
"""``renderer(result, *, show_users, previous=None) -> bytes``; ``previous`` is the file being
replaced (its bytes), for a format that carries revisions (a calendar's SEQUENCE)."""

BUILDERS: dict[str, str] = {
    "mopskit.stack.model.AuditResult": "audit:audit_document",
    "mopskit.frameworks.assess.result.Assessment": "assess:assessment_document",
    "mopskit.frameworks.questionnaire.PersonaReport": "persona:persona_document",
    "mopskit.frameworks.personas.PersonaScore": "persona:score_document",
    "mopskit.frameworks.personas.TeamMix": "persona:team_document",
    "mopskit.ops.timeuse.TimeUseSummary": "timeuse:timeuse_document",
    "mopskit.ops.intake.RequestQueue": "intake:queue_document",
    "mopskit.ops.intake.Triage": "intake:triage_document",
    "mopskit.ops.postmortem.Review": "intake:postmortem_document",
    "mopskit.change.plan.review.PlanReview": "plan:plan_document",
    "mopskit.change.kpis.FunnelHistory": "funnel:history_document",
    "mopskit.change.waterfall.Waterfall": "funnel:waterfall_document",
    "mopskit.course.progress.Progress": "progress:learner_document",
    "mopskit.course.progress.RoomProgress": "progress:room_document",
}
"""The builder of each result's document, by the qualified name of the result's type: a
function ``builder(result, *, show_users=False) -> Document`` in a module of this package
(``"audit:audit_document"``) or anywhere (``"package.module:function"``). Named, not
imported, so writing one report loads only what that report needs."""

OWN_FORMATS: dict[str, dict[str, str]] = {
    "mopskit.change.plan.review.PlanReview": {".ics": "ics:plan_calendar"},
}
"""Formats only some results have, by type name: suffix -> ``module:renderer`` of this package,
a function ``renderer(result, *, show_users=False) -> bytes``, with ``previous=None`` (the bytes
of the file it replaces) when the format numbers its revisions."""

#: Formats every result gets: suffix -> (module in this package, what the result must offer).
#: Modules are imported on use, so the CLI's text summary does not load matplotlib.
FORMATS: dict[str, tuple[str, str]] = {
    ".html": ("html", "document"),
    ".xlsx": ("xlsx", "document"),
    ".md": ("markdown", "document"),
    ".json": ("jsonfile", "to_dict"),
}


DOCUMENT_TYPE = "mopskit.report.document.Document"
"""The qualified name of :class:`Document`, by which ``formats_for`` knows one without importing it."""


def _type_names(result: object) -> list[str]:
    kind = result if isinstance(result, type) else type(result)
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in kind.__mro__]


def _function(spec: str) -> Callable[..., Any]:
    """``"audit:audit_document"`` (a module of this package) or ``"package.module:function"``."""
    module, name = spec.split(":")
    found = import_module(module) if "." in module or module not in _OWN_MODULES else import_module(
        f"mopskit.report.{module}")
    function: Callable[..., Any] = getattr(found, name)
    return function


_OWN_MODULES = frozenset(
    spec.split(":")[0] for spec in [*BUILDERS.values(), *(s for own in OWN_FORMATS.values() for s in own.values())])


def builder_for(result: object) -> Callable[..., Document] | None:
    """The function that lays ``result`` (a result, or its type) out as a document, if any."""
    for name in _type_names(result):
        if name in BUILDERS:
            return _function(BUILDERS[name])
    return None


def has_document(result: object) -> bool:
    """Whether ``result`` (a result, or its type) can be laid out as a document."""
    return any(name in BUILDERS for name in _type_names(result))


def document_of(result: object, *, show_users: bool = False) -> Document:
    """``result`` laid out as its report; a :class:`Document` is returned as it is."""
    from mopskit.report.document import Document

    if isinstance(result, Document):
        return result
    builder = builder_for(result)
    if builder is None:
        raise TypeError(f"{type(result).__name__} has no report: add its builder to mopskit.report.BUILDERS")
    return builder(result, show_users=show_users)


def formats_for(result: object) -> dict[str, Renderer]:
    """The formats a result (or result type) can be written in: suffix -> renderer.

    The shared ones it qualifies for (a builder for pages and sheets, ``to_dict`` for JSON),
    then the ones only its type has (:data:`OWN_FORMATS`).
    """
    # A Document (or its type) is told by its type's name: importing the class only to compare
    # would load the page model for a JSON report that never uses it.
    documented = DOCUMENT_TYPE in _type_names(result) or has_document(result)
    formats: dict[str, Renderer] = {
        suffix: _lazy(module) for suffix, (module, needs) in FORMATS.items()
        if (documented if needs == "document" else hasattr(result, needs))
    }
    for name in reversed(_type_names(result)):
        for suffix, spec in OWN_FORMATS.get(name, {}).items():
            formats[suffix] = _own(spec)
    return formats


def supported_suffixes(result: object | None = None) -> tuple[str, ...]:
    """Suffixes ``write`` accepts for ``result`` (or for any result, when not given)."""
    return tuple(formats_for(result)) if result is not None else tuple(FORMATS)


def render(result: object, suffix: str, *, show_users: bool = False, previous: bytes | None = None) -> bytes:
    """The report's bytes for a format named by its suffix (".html", ".xlsx", ".md", ".json", ...);
    ``previous`` is the earlier version of the file, for formats that number their revisions."""
    return _renderer_for(result, Path(f"report{suffix}"))(result, show_users=show_users, previous=previous)


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
    data = renderer(result, show_users=show_users, previous=_previous(target, force=force))
    return write_atomic(target, data, force=force)


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
    reports = [(target, _renderer_for(result, target)(result, show_users=show_users,
                                                      previous=_previous(target, force=force)))
               for target in targets]
    return place_all(reports, force=force)


def _previous(target: Path, *, force: bool) -> bytes | None:
    """The bytes of the file a report replaces (read only with ``force``, and only a regular file)."""
    if not force or not target.is_file():
        return None
    try:
        return target.read_bytes()
    except OSError:
        return None


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


def _own(spec: str) -> Renderer:
    def renderer(result: object, *, show_users: bool = False, previous: bytes | None = None) -> bytes:
        function = _function(spec)
        extra = {"previous": previous} if _takes(function, "previous") else {}
        data: bytes = function(result, show_users=show_users, **extra)
        return data

    return renderer


def _takes(function: Callable[..., Any], name: str) -> bool:
    """Whether ``function`` accepts the keyword ``name`` (an own format written before it existed may not)."""
    parameters = inspect.signature(function).parameters.values()
    return any(p.name == name or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


def _lazy(module: str) -> Renderer:
    def renderer(result: object, *, show_users: bool = False, previous: bytes | None = None) -> bytes:
        render_module = import_module(f"mopskit.report.{module}")
        data: bytes = render_module.render(result, show_users=show_users)
        return data

    return renderer


__all__ = [
    "BUILDERS", "FORMATS", "OWN_FORMATS", "Renderer", "builder_for", "check_targets", "document_of", "formats_for",
    "has_document", "render", "supported_suffixes", "write", "write_all",
]
