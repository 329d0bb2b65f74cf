"""The kit's content, read from ``mopskit/content/*.yaml``.

Lessons, exercises and code read facts (definitions, figures, quiz banks, the
glossary) through this one API, so a figure is written once and cited once.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from mopskit.errors import InputError
from mopskit.io.yamlfile import parse_yaml

_PACKAGE = "mopskit.content"


def names() -> list[str]:
    """The content files shipped with the kit, without their ``.yaml`` suffix."""
    folder = resources.files(_PACKAGE)
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def path_of(name: str) -> str:
    """Where the content file ``name`` lives in the kit, for messages: ``mopskit/content/glossary.yaml``."""
    return f"{_PACKAGE.replace('.', '/')}/{name}.yaml"


def load(name: str) -> Any:
    """Return the parsed content file ``name`` as read-only mappings and tuples."""
    return _freeze(_read(name))


@cache
def _read(name: str) -> Any:
    resource = resources.files(_PACKAGE) / f"{name}.yaml"
    if not resource.is_file():
        raise InputError(f"no content named '{name}'; known: {', '.join(names())}")
    data = parse_yaml(resource.read_text(encoding="utf-8"), file=path_of(name))
    from mopskit.content.schemas import validate

    validate(name, data, file=path_of(name))
    return data


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def source(source_id: str) -> Any:
    """The citation for ``source_id`` from ``sources.yaml``."""
    sources = load("sources")
    if source_id not in sources:
        raise InputError(f"unknown source '{source_id}'")
    return sources[source_id]
