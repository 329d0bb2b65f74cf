"""The lessons' scenario material (made-up stacks, queues, incidents, funnels, excerpts), read from
``mopskit/lessons/data/lessonNN.yaml`` by the kit's one YAML loader.

A lesson keeps its cases in YAML and its tables, checks and hints in Python. Each function
here takes the lesson ("07") and a dotted path into its file ("queue.requests") and checks
what it finds: :func:`value` against an annotation, :func:`build` (and :func:`build_each`,
:func:`build_map`) into the lesson's own small frozen values, refusing a field that is
unknown, missing or of the wrong type. A slip in a case file then fails when the lesson is
imported, naming the file and the place, instead of surfacing as a wrong expected answer.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from mopskit.errors import InputError
from mopskit.io.yamlfile import parse_yaml

__all__ = ["build", "build_each", "build_map", "scenario", "value", "where_of"]

_FOLDER = ("lessons", "data")

T = TypeVar("T")


def where_of(lesson: str) -> str:
    """Where lesson ``lesson``'s scenario file lives in the kit, for messages."""
    return "/".join(("mopskit", *_FOLDER, f"lesson{lesson}.yaml"))


@cache
def scenario(lesson: str) -> Mapping[str, Any]:
    """The scenario file of lesson ``lesson`` ("04"), as the kit's YAML loader reads it."""
    resource = resources.files("mopskit").joinpath(*_FOLDER, f"lesson{lesson}.yaml")
    if not resource.is_file():
        raise InputError("no such scenario file", file=where_of(lesson))
    data = parse_yaml(resource.read_text(encoding="utf-8"), file=where_of(lesson), kit_file=True)
    if not isinstance(data, dict):
        raise InputError("holds a list or a single value; a scenario file is a mapping of named cases",
                         file=where_of(lesson))
    return types.MappingProxyType(data)


def value(lesson: str, path: str, hint: Any) -> Any:
    """The value at ``path`` of lesson ``lesson``'s file, checked against the annotation ``hint``
    (``datetime``, ``tuple[str, ...]``, ``dict[str, float]``...); lists come back as tuples."""
    found = _frozen(_at(lesson, path))
    if not _conforms(found, hint):
        raise InputError(f"should be {_words(hint)}, not {_kind_of(found)} {found!r}",
                         file=where_of(lesson), column=path)
    return found


def build(kind: type[T], lesson: str, path: str) -> T:
    """A ``kind`` (a frozen dataclass or a named tuple) from the mapping at ``path``."""
    return _build(kind, _at(lesson, path), lesson, path)


def build_each(kind: type[T], lesson: str, path: str) -> tuple[T, ...]:
    """A tuple of ``kind``, one per mapping of the list at ``path``."""
    records = _at(lesson, path)
    if not isinstance(records, list):
        raise InputError(f"should be a list of {kind.__name__}, not {_kind_of(records)}",
                         file=where_of(lesson), column=path)
    return tuple(_build(kind, record, lesson, f"{path}[{index}]") for index, record in enumerate(records))


def build_map(kind: type[T], lesson: str, path: str) -> dict[str, T]:
    """Each key (a label, a name) of the mapping at ``path`` with its ``kind``, in the file's order."""
    records = _at(lesson, path)
    if not isinstance(records, dict):
        raise InputError(f"should be a mapping from each name to its {kind.__name__}, not {_kind_of(records)}",
                         file=where_of(lesson), column=path)
    return {str(key): _build(kind, record, lesson, f"{path}.{key}") for key, record in records.items()}


def _at(lesson: str, path: str) -> Any:
    """What ``path`` ("request.pieces") names in lesson ``lesson``'s file."""
    found: Any = scenario(lesson)
    walked: list[str] = []
    for key in path.split("."):
        if not isinstance(found, Mapping) or key not in found:
            raise InputError(f"has no '{key}'", file=where_of(lesson), column=".".join(walked) or None)
        found = found[key]
        walked.append(key)
    return found


def _build(kind: type[T], record: Any, lesson: str, where: str) -> T:
    file = where_of(lesson)
    if not isinstance(record, Mapping):
        raise InputError(f"should be a mapping of {kind.__name__}'s fields, not {_kind_of(record)}",
                         file=file, column=where)
    hints = get_type_hints(kind)
    names, required = _fields(kind)
    unknown = [str(key) for key in record if key not in names]
    if unknown:
        raise InputError(f"{', '.join(unknown)}: not a field of {kind.__name__} (its fields: {', '.join(names)})",
                         file=file, column=where)
    missing = [name for name in required if name not in record]
    if missing:
        raise InputError(f"{', '.join(missing)} missing", file=file, column=where)
    values = {}
    for name, item in record.items():
        frozen = _frozen(item)
        if not _conforms(frozen, hints[name]):
            raise InputError(f"should be {_words(hints[name])}, not {_kind_of(frozen)} {frozen!r}",
                             file=file, column=f"{where}.{name}")
        values[name] = frozen
    return kind(**values)


def _fields(kind: type) -> tuple[list[str], list[str]]:
    """Every field of ``kind``, and those without a default."""
    if dataclasses.is_dataclass(kind):
        fields = dataclasses.fields(kind)
        return ([field.name for field in fields],
                [field.name for field in fields
                 if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING])
    names: tuple[str, ...] | None = getattr(kind, "_fields", None)
    if names is None:
        raise TypeError(f"{kind.__name__} is neither a dataclass nor a named tuple")
    defaults: Mapping[str, Any] = getattr(kind, "_field_defaults", {})
    return list(names), [name for name in names if name not in defaults]


def _frozen(found: Any) -> Any:
    """Lists as tuples, all the way down."""
    if isinstance(found, list):
        return tuple(_frozen(item) for item in found)
    if isinstance(found, dict):
        return {key: _frozen(item) for key, item in found.items()}
    return found


def _conforms(found: Any, hint: Any) -> bool:
    """Whether ``found`` is of the annotated type: the plain types a case holds, tuples, dicts, unions."""
    origin = get_origin(hint)
    arguments = get_args(hint)
    if origin is Union or origin is types.UnionType:
        return any(_conforms(found, option) for option in arguments)
    if origin is tuple:
        if not isinstance(found, tuple):
            return False
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return all(_conforms(item, arguments[0]) for item in found)
        return len(arguments) == len(found) and all(map(_conforms, found, arguments))
    if origin is dict:
        return isinstance(found, dict) and all(_conforms(key, arguments[0]) and _conforms(item, arguments[1])
                                               for key, item in found.items())
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return found is None
    if hint is float:
        return isinstance(found, (int, float)) and not isinstance(found, bool)
    if hint is int:
        return isinstance(found, int) and not isinstance(found, bool)
    if hint is datetime.date:
        return isinstance(found, datetime.date) and not isinstance(found, datetime.datetime)
    if isinstance(hint, type):
        return isinstance(found, hint)
    raise TypeError(f"a scenario value may not be annotated {hint!r}")


def _words(hint: Any) -> str:
    """An annotation as a person reads it: "a whole number", "a date or nothing"."""
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return " or ".join(_words(option) for option in get_args(hint))
    arguments = get_args(hint)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return f"a list (each item {_words(arguments[0])})"
    if origin is tuple:
        return f"a list of {len(arguments)} items"
    if origin is dict:
        return f"a mapping (each value {_words(arguments[1])})"
    named = {type(None): "nothing", str: "text", int: "a whole number", float: "a number", bool: "true or false",
             datetime.date: "a date (2026-10-31)", datetime.datetime: "a date and time (2026-10-31 09:00:00)"}
    return named.get(hint, getattr(hint, "__name__", str(hint)))


def _kind_of(found: Any) -> str:
    kinds = {dict: "a mapping", list: "a list", tuple: "a list", str: "text", bool: "true or false",
             int: "a number", float: "a number", type(None): "nothing", datetime.date: "a date",
             datetime.datetime: "a date and time"}
    return kinds.get(type(found), type(found).__name__)
