"""The kit's content, read from ``mopskit/content/*.yaml``.

Lessons, exercises and code read facts (definitions, figures, the syllabus, the glossary)
through this one API, so a figure is written once and cited once. Each file is checked
against its schema (:mod:`mopskit.content.schemas`) as it is read, then turned into the typed
values of :mod:`mopskit.content.types`: ``syllabus().lessons``, ``source("seed-001").title``.
Quiz banks, personas and the operating model have loaders of their own over :func:`load`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from mopskit.content.cast import Cast
from mopskit.content.types import (
    Definition,
    Figure,
    Glossary,
    Modernization,
    Pillars,
    Source,
    Strategy,
    Syllabus,
    Taxonomy,
    definitions_from_data,
    figures_from_data,
    sources_from_data,
)
from mopskit.errors import InputError
from mopskit.io.yamlfile import parse_yaml

__all__ = ["TYPED", "cast", "convert", "definitions", "figure", "figures", "glossary", "load", "modernization", "names", "path_of",
           "pillars", "source", "sources", "strategy", "syllabus", "taxonomy"]

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
    """The parsed content file ``name`` as read-only mappings and tuples: for the files that have
    loaders of their own (quiz banks, personas, the operating model). Code reads every other
    file through its typed function (:data:`TYPED`)."""
    return _freeze(_read(name))


@cache
def _read(name: str) -> Any:
    resource = resources.files(_PACKAGE) / f"{name}.yaml"
    if not resource.is_file():
        raise InputError(f"no content named '{name}'; known: {', '.join(names())}")
    data = parse_yaml(resource.read_text(encoding="utf-8"), file=path_of(name), kit_file=True)
    from mopskit.content.schemas import validate

    validate(name, data, file=path_of(name))
    return data


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


# --------------------------------------------------------------------------- typed content

_CONVERTERS: dict[str, Callable[[Any, str], object]] = {
    "cast": lambda data, file: Cast.from_data(data, file=file),
    "definitions": lambda data, file: definitions_from_data(data),
    "facts": lambda data, file: figures_from_data(data),
    "glossary": lambda data, file: Glossary.from_data(data),
    "martech-taxonomy": lambda data, file: Taxonomy.from_data(data),
    "modernization": lambda data, file: Modernization.from_data(data),
    "pillars": lambda data, file: Pillars.from_data(data),
    "sources": lambda data, file: sources_from_data(data),
    "strategy": lambda data, file: Strategy.from_data(data, file=file),
    "syllabus": lambda data, file: Syllabus.from_data(data),
}
"""How each typed content file becomes its values, once its schema has passed."""


def convert(name: str, data: Any, *, file: str | None = None) -> Any:
    """``data`` read as content ``name``: checked against the file's schema, then typed.

    A broken ``data`` is an ``InputError`` naming ``file`` (the content file by default) and
    the place in it, worded by the schema."""
    if name not in _CONVERTERS:
        raise InputError(f"content '{name}' has no typed form; known: {', '.join(sorted(_CONVERTERS))}")
    where = file if file is not None else path_of(name)
    from mopskit.content.schemas import validate

    validate(name, data, file=where)
    return _CONVERTERS[name](data, where)


@cache
def _typed(name: str) -> Any:
    return _CONVERTERS[name](_read(name), path_of(name))


def cast() -> Cast:
    """The kit's people and companies, and Aurora Living's figures (``cast.yaml``)."""
    result: Cast = _typed("cast")
    return result


def syllabus() -> Syllabus:
    """The syllabus (``syllabus.yaml``): its levels and lessons, in order."""
    result: Syllabus = _typed("syllabus")
    return result


def sources() -> Mapping[str, Source]:
    """Every source the kit cites (``sources.yaml``), by id, read-only."""
    result: Mapping[str, Source] = _typed("sources")
    return result


def source(source_id: str) -> Source:
    """The citation for ``source_id`` from ``sources.yaml``; an unknown id is an ``InputError``."""
    found = sources().get(source_id)
    if found is None:
        raise InputError(f"unknown source '{source_id}'")
    return found


def glossary() -> Glossary:
    """The glossary (``glossary.yaml``), sorted by term."""
    result: Glossary = _typed("glossary")
    return result


def definitions() -> tuple[Definition, ...]:
    """The definitions of marketing operations (``definitions.yaml``), in the file's order."""
    result: tuple[Definition, ...] = _typed("definitions")
    return result


def figures() -> tuple[Figure, ...]:
    """Every cited figure (``facts.yaml``), in the file's order."""
    result: tuple[Figure, ...] = _typed("facts")
    return result


def figure(figure_id: str) -> Figure:
    """The figure ``figure_id`` from ``facts.yaml``; an unknown id names the known ones."""
    for entry in figures():
        if entry.id == figure_id:
            return entry
    known = ", ".join(entry.id for entry in figures())
    raise InputError(f"no figure named '{figure_id}'; known: {known}")


def pillars() -> Pillars:
    """The three pillars, the duties, the reasons for MOps and the strategy steps (``pillars.yaml``)."""
    result: Pillars = _typed("pillars")
    return result


def modernization() -> Modernization:
    """Established tactics and their modern forms (``modernization.yaml``)."""
    result: Modernization = _typed("modernization")
    return result


def taxonomy() -> Taxonomy:
    """Chiefmartec's martech categories and subcategories (``martech-taxonomy.yaml``)."""
    result: Taxonomy = _typed("martech-taxonomy")
    return result


def strategy() -> Strategy:
    """The five steps of a MOps strategy and its peer-review rubric (``strategy.yaml``)."""
    result: Strategy = _typed("strategy")
    return result


TYPED: Mapping[str, Callable[[], object]] = MappingProxyType({
    "cast": cast,
    "definitions": definitions,
    "facts": figures,
    "glossary": glossary,
    "martech-taxonomy": taxonomy,
    "modernization": modernization,
    "pillars": pillars,
    "sources": sources,
    "strategy": strategy,
    "syllabus": syllabus,
})
"""The typed reader of each content file that has one; the others (quiz banks, personas, the
operating model) are read through :func:`load` by their own loaders."""
