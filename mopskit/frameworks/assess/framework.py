"""The frameworks a team scores itself against, read once from ``operating-model.yaml``.

Each framework is a tuple of dimensions; each dimension has five anchors, the evidence
that places a team at levels 1 to 5. Dimension ids are unique across frameworks, so a
file of answers names its framework by the ids it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.io.tables import column_key

LOWEST_LEVEL = 1
HIGHEST_LEVEL = 5
CONTENT = "operating-model"


@dataclass(frozen=True)
class Level:
    """A maturity level (CMM-style): 1 Initial … 5 Optimizing."""

    level: int
    name: str
    summary: str


@dataclass(frozen=True)
class Stage:
    """A Pedowitz revenue-marketing stage: Traditional … Revenue Marketing."""

    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class Dimension:
    """One responsibility a team scores: its default weight and the evidence for each level."""

    id: str
    name: str
    description: str
    weight: float
    anchors: tuple[str, ...]

    def anchor(self, level: int) -> str:
        """The evidence that places a team at ``level`` (1–5)."""
        if not LOWEST_LEVEL <= level <= HIGHEST_LEVEL:
            raise ValueError(f"a level is {LOWEST_LEVEL} to {HIGHEST_LEVEL}, got {level}")
        return self.anchors[level - 1]


@dataclass(frozen=True)
class Framework:
    """A named set of dimensions with its source id (``sources.yaml``)."""

    id: str
    name: str
    summary: str
    source: str
    dimensions: tuple[Dimension, ...]

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(dimension.id for dimension in self.dimensions)

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)


@cache
def frameworks() -> tuple[Framework, ...]:
    """Every framework in the kit's content, in the order it lists them."""
    return tuple(
        Framework(
            id=item["id"], name=item["name"], summary=" ".join(item["summary"].split()), source=item["source"],
            dimensions=tuple(
                Dimension(id=d["id"], name=d["name"], description=d["description"], weight=float(d["weight"]),
                          anchors=tuple(d["anchors"]))
                for d in item["dimensions"]
            ),
        )
        for item in knowledge.load(CONTENT)["frameworks"]
    )


def framework(framework_id: str) -> Framework:
    """The framework with ``framework_id`` (``ghantous`` or ``siriusdecisions``)."""
    for item in frameworks():
        if item.id == framework_id:
            return item
    known = ", ".join(item.id for item in frameworks())
    raise InputError(f"no framework '{framework_id}'; known: {known}")


@cache
def levels() -> tuple[Level, ...]:
    """The five maturity levels, 1 to 5."""
    return tuple(Level(item["level"], item["name"], item["summary"]) for item in knowledge.load(CONTENT)["levels"])


def level_name(level: int) -> str:
    """'Defined' for 3."""
    return levels()[level - 1].name


@cache
def stages() -> tuple[Stage, ...]:
    """The Pedowitz revenue-marketing stages, first to last."""
    return tuple(Stage(item["id"], item["name"], item["summary"]) for item in knowledge.load(CONTENT)["stages"])


def find_dimension(text: str) -> tuple[Framework, Dimension] | None:
    """The dimension a cell names by id or by name ('Strategic planning', 'strategic-planning'), or None."""
    key = column_key(text)
    for item in frameworks():
        for dimension in item.dimensions:
            if key in (column_key(dimension.id), column_key(dimension.name)):
                return item, dimension
    return None
