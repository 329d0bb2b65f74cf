"""The kit's content as typed values: frozen dataclasses read by attribute.

Each file is checked against its schema (:mod:`mopskit.content.schemas`) first, so a broken
file is refused with a message naming the file and the place; ``from_data`` then turns the
checked data into these values. :mod:`mopskit.content.knowledge` reads, checks and converts
once per process; code reads ``knowledge.syllabus().lessons[0].title``, never a key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from mopskit.errors import InputError
from mopskit.wording import join_words

__all__ = [
    "Definition", "Duty", "Figure", "FigureUnit", "Glossary", "Language", "LessonStatus", "Level",
    "Modernization", "ModernizationPair", "Pillar", "PillarId", "Pillars", "PlanStep", "Qualifier", "Reason",
    "Rubric", "RubricCriterion", "Source", "Strategy", "StrategyStep", "Syllabus", "SyllabusLesson",
    "SyllabusLevel", "Taxonomy", "TaxonomyCategory", "Term", "Wording", "definitions_from_data",
    "figures_from_data", "sources_from_data",
]


# --------------------------------------------------------------------------- vocabularies


class Level(StrEnum):
    """The kit's levels, from a first look to leading a MOps team."""

    FOUNDATIONS = "Foundations"
    PRACTITIONER = "Practitioner"
    LEADER = "Leader"


class LessonStatus(StrEnum):
    """Whether a lesson of the syllabus has its notebook yet."""

    AVAILABLE = "available"
    PLANNED = "planned"


class Language(StrEnum):
    """The language a source is written in."""

    ENGLISH = "en"
    ITALIAN = "it"
    ROMANIAN = "ro"


class Wording(StrEnum):
    """How a definition is quoted: as the source words it, or translated by the kit."""

    VERBATIM = "verbatim"
    TRANSLATED = "translated"


class FigureUnit(StrEnum):
    """What a figure counts; a share is a fraction (0.8 means 80%)."""

    SHARE = "share"
    TOOLS = "tools"
    DAYS = "days"


class Qualifier(StrEnum):
    """How a source states a figure."""

    EXACTLY = "exactly"
    RANGE = "range"
    UP_TO = "up-to"
    MORE_THAN = "more-than"
    ABOUT = "about"


class PillarId(StrEnum):
    """HubSpot's three pillars of marketing operations."""

    PEOPLE = "people"
    PROCESS = "process"
    TECHNOLOGY = "technology"


def _texts(values: Sequence[Any] | None) -> tuple[str, ...]:
    return tuple(str(value) for value in values or ())


# --------------------------------------------------------------------------- sources.yaml


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: an entry of ``sources.yaml``. Unknown details are None.

    ``seed`` is the kit's internal number of an article it read first hand; learners never see it.
    """

    id: str
    title: str
    author: str | None
    publisher: str | None
    year: int | None
    url: str | None
    language: Language
    seed: str | None
    date: str | None = None
    """The day or month of publication ('2023-03-24', '2020-01'), when the source gives it."""

    @classmethod
    def from_data(cls, source_id: str, data: Mapping[str, Any]) -> Source:
        return cls(source_id, data["title"], data["author"], data["publisher"], data["year"], data["url"],
                   Language(data["language"]), data["seed"], data.get("date"))


def sources_from_data(data: Mapping[str, Any]) -> Mapping[str, Source]:
    """Every source of ``sources.yaml`` by id, read-only, in the file's order."""
    return MappingProxyType({str(source_id): Source.from_data(str(source_id), entry)
                             for source_id, entry in data.items()})


# --------------------------------------------------------------------------- syllabus.yaml


@dataclass(frozen=True)
class SyllabusLevel:
    """A level of the syllabus and what it covers."""

    name: Level
    summary: str


@dataclass(frozen=True)
class LessonPause:
    """Where a lesson may stop for a break: after section ``after_section``, ``minutes`` into the
    lesson, and why that is a natural stop (an agenda that splits the lesson says so)."""

    after_section: int
    minutes: int
    why: str


@dataclass(frozen=True)
class SyllabusLesson:
    """A lesson of the syllabus: ``sources`` are the ids its Sources box lists, in order;
    ``objectives`` are what a learner can do after it, each assessed by a task or a quiz question
    that names its number (1 for the first)."""

    id: str
    slug: str
    title: str
    level: Level
    minutes: int
    status: LessonStatus
    summary: str
    prerequisites: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    pause: LessonPause | None = None

    @property
    def available(self) -> bool:
        """Whether the lesson's notebook is in the kit."""
        return self.status is LessonStatus.AVAILABLE

    @property
    def filename(self) -> str:
        """The lesson's notebook (and exercise notebook) file name: ``{id}-{slug}.ipynb``."""
        return f"{self.id}-{self.slug}.ipynb"

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SyllabusLesson:
        return cls(str(data["id"]), data["slug"], data["title"], Level(data["level"]), int(data["minutes"]),
                   LessonStatus(data["status"]), data["summary"], _texts(data.get("prerequisites")),
                   _texts(data.get("sources")), _texts(data.get("objectives")),
                   LessonPause(**data["pause"]) if data.get("pause") else None)


@dataclass(frozen=True)
class Syllabus:
    """The kit's path through MOps: its levels in order and its lessons in order."""

    levels: tuple[SyllabusLevel, ...]
    lessons: tuple[SyllabusLesson, ...]

    def lesson(self, lesson_id: str) -> SyllabusLesson:
        """The lesson ``lesson_id`` ('04'); an unknown id is an ``InputError``."""
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise InputError(f"no lesson '{lesson_id}' in the syllabus")

    @property
    def available(self) -> tuple[SyllabusLesson, ...]:
        """The lessons that have their notebook, in syllabus order."""
        return tuple(lesson for lesson in self.lessons if lesson.available)

    def at_level(self, level: Level | str) -> tuple[SyllabusLesson, ...]:
        """The lessons of one level, in syllabus order."""
        return tuple(lesson for lesson in self.lessons if lesson.level == level)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Syllabus:
        return cls(
            tuple(SyllabusLevel(Level(level["name"]), level["summary"]) for level in data.get("levels") or ()),
            tuple(SyllabusLesson.from_data(lesson) for lesson in data["lessons"]),
        )


# --------------------------------------------------------------------------- glossary.yaml


@dataclass(frozen=True)
class Term:
    """A glossary entry; ``source`` is None when the definition is the kit's own explanation."""

    term: str
    definition: str
    see_also: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class Glossary:
    """The words the kit uses, sorted by term."""

    terms: tuple[Term, ...]

    def term(self, name: str) -> Term | None:
        """The entry for ``name`` exactly as written, or None."""
        return next((entry for entry in self.terms if entry.term == name), None)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Glossary:
        return cls(tuple(Term(entry["term"], entry["definition"], _texts(entry.get("see_also")), entry.get("source"))
                         for entry in data.get("terms") or ()))


# --------------------------------------------------------------------------- definitions.yaml


@dataclass(frozen=True)
class Definition:
    """A definition of marketing operations: ``focus`` is the kit's reading of what it stresses;
    ``via`` is the article the kit read it in, when not read first hand."""

    id: str
    organisation: str
    aliases: tuple[str, ...]
    text: str
    wording: Wording
    focus: str
    source: str
    via: str | None = None


def definitions_from_data(data: Mapping[str, Any]) -> tuple[Definition, ...]:
    return tuple(Definition(entry["id"], entry["organisation"], _texts(entry["aliases"]), entry["text"],
                            Wording(entry["wording"]), entry["focus"], entry["source"], entry.get("via"))
                 for entry in data["definitions"])


# --------------------------------------------------------------------------- facts.yaml


@dataclass(frozen=True)
class Figure:
    """One cited figure from ``facts.yaml``; shares are fractions (0.8 means 80%)."""

    id: str
    claim: str
    low: float
    high: float
    unit: FigureUnit
    qualifier: Qualifier
    source: str
    via: str | None = None
    year: int | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """The figure as a reader would say it: '80–90%', '84%', 'up to 25%'."""
        prefix = _QUALIFIER_WORDS.get(self.qualifier, "")
        if self.qualifier is Qualifier.UP_TO or self.low == self.high:
            return prefix + _format_amount(self.high, self.unit)
        return f"{_format_number(self.low, self.unit)}–{_format_amount(self.high, self.unit)}"


_QUALIFIER_WORDS = {Qualifier.UP_TO: "up to ", Qualifier.MORE_THAN: "more than ", Qualifier.ABOUT: "about "}


def _format_number(amount: float, unit: FigureUnit) -> str:
    if unit is FigureUnit.SHARE:
        return f"{amount * 100:.1f}".removesuffix(".0")
    return f"{amount:,.0f}"


def _format_amount(amount: float, unit: FigureUnit) -> str:
    number = _format_number(amount, unit)
    return f"{number}%" if unit is FigureUnit.SHARE else f"{number} {unit.value}"


def figures_from_data(data: Mapping[str, Any]) -> tuple[Figure, ...]:
    return tuple(Figure(entry["id"], entry["claim"], entry["low"], entry["high"], FigureUnit(entry["unit"]),
                        Qualifier(entry["qualifier"]), entry["source"], entry.get("via"), entry.get("year"),
                        entry.get("note"))
                 for entry in data["figures"])


# --------------------------------------------------------------------------- pillars.yaml


@dataclass(frozen=True)
class Pillar:
    id: PillarId
    name: str
    summary: str


@dataclass(frozen=True)
class Duty:
    """A duty of a MOps team and the pillar it mainly serves (the kit's reading)."""

    id: str
    text: str
    pillar: PillarId


@dataclass(frozen=True)
class Reason:
    """A reason organisations need MOps at all."""

    id: str
    text: str


@dataclass(frozen=True)
class StrategyStep:
    """A step to build a MOps strategy; ``order`` runs from 1."""

    id: str
    order: int
    text: str


@dataclass(frozen=True)
class Pillars:
    """HubSpot's three pillars, the duties of a MOps team, why MOps is needed and the steps of a
    strategy, as ``source`` gives them (read in ``via``)."""

    source: str
    via: str | None
    pillars: tuple[Pillar, ...]
    duties: tuple[Duty, ...]
    reasons: tuple[Reason, ...]
    strategy_steps: tuple[StrategyStep, ...]

    def pillar(self, pillar_id: PillarId | str) -> Pillar:
        """The pillar ``pillar_id`` ('people')."""
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise InputError(f"no pillar '{pillar_id}'; the pillars are {join_words([p.id.value for p in self.pillars])}")

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Pillars:
        return cls(
            data["source"],
            data.get("via"),
            tuple(Pillar(PillarId(item["id"]), item["name"], item["summary"]) for item in data["pillars"]),
            tuple(Duty(item["id"], item["text"], PillarId(item["pillar"])) for item in data["duties"]),
            tuple(Reason(item["id"], item["text"]) for item in data.get("reasons") or ()),
            tuple(StrategyStep(item["id"], int(item["order"]), item["text"]) for item in data["strategy_steps"]),
        )


# --------------------------------------------------------------------------- modernization.yaml


@dataclass(frozen=True)
class ModernizationPair:
    """An established tactic, the modern form MOps teams give it, and what changes."""

    established: str
    modernized: str
    why: str


@dataclass(frozen=True)
class Modernization:
    source: str
    pairs: tuple[ModernizationPair, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Modernization:
        return cls(data["source"], tuple(ModernizationPair(item["established"], item["modernized"], item["why"])
                                         for item in data["pairs"]))


# --------------------------------------------------------------------------- martech-taxonomy.yaml


@dataclass(frozen=True)
class TaxonomyCategory:
    name: str
    subcategories: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """A martech landscape's categories and subcategories (an inventory's ``category`` names a
    subcategory)."""

    title: str
    source: str
    categories: tuple[TaxonomyCategory, ...]

    @property
    def subcategories(self) -> tuple[str, ...]:
        """Every subcategory, category by category."""
        return tuple(name for category in self.categories for name in category.subcategories)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Taxonomy:
        return cls(data["title"], data["source"],
                   tuple(TaxonomyCategory(item["name"], _texts(item["subcategories"])) for item in data["categories"]))


# --------------------------------------------------------------------------- strategy.yaml


@dataclass(frozen=True)
class PlanStep:
    """One of Villa's five steps: what to ask, where it lives in a plan file, which lessons feed it."""

    id: str
    name: str
    question: str
    section: str
    lesson: str


@dataclass(frozen=True)
class RubricCriterion:
    """One row of the peer-review rubric: a level description per rubric level, and an example."""

    id: str
    step: str
    criterion: str
    levels: tuple[str, ...]
    good: str


@dataclass(frozen=True)
class Rubric:
    """The peer-review rubric: its level names and one criterion per row."""

    levels: tuple[str, ...]
    criteria: tuple[RubricCriterion, ...]


@dataclass(frozen=True)
class Strategy:
    """The five steps of a MOps strategy and the rubric a peer reviews one with."""

    steps: tuple[PlanStep, ...]
    rubric: Rubric

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, file: str | None = None) -> Strategy:
        """The strategy content; a criterion whose step is unknown, or whose levels do not match the
        rubric's level names, is an ``InputError`` naming ``file`` and the criterion."""
        steps = tuple(PlanStep(item["id"], item["name"], item["question"], item["section"], item["lesson"])
                      for item in data["steps"])
        names = _texts(data["rubric"]["levels"])
        known = {step.id for step in steps}
        criteria = []
        for index, item in enumerate(data["rubric"]["criteria"]):
            where = f"rubric.criteria[{index}]"
            if item["step"] not in known:
                raise InputError(f"step {item['step']!r} is not one of {join_words(sorted(known))}",
                                 file=file, column=f"{where}.step")
            if len(item["levels"]) != len(names):
                raise InputError(f"{len(item['levels'])} level descriptions for {len(names)} levels ({', '.join(names)})",
                                 file=file, column=f"{where}.levels")
            criteria.append(RubricCriterion(item["id"], item["step"], item["criterion"], _texts(item["levels"]),
                                            item["good"]))
        return cls(steps, Rubric(names, tuple(criteria)))
