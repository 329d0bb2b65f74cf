"""Place a person, or a team, on the MOps 2x2 of ``personas.yaml``: pure and frozen.

The 2x2 (Modernizers, Orchestrators, Psychologists, Scientists) is one practitioner's
framework from a MarTech guest column (8 April 2022), and the questionnaire is the kit's
conversation starter, not a validated test. The scoring is deliberately simple:

- each answer (1 strongly disagree ... 5 strongly agree) becomes ``(answer - 3) / 2``
  (-1..1), times the statement's sign; an axis' coordinate is the mean over its answered
  statements (0 when none is answered);
- the **primary quadrant** is the one on the sides the person leans to; a coordinate of
  exactly 0 counts towards the positive end (arts, rational);
- **secondary traits** are the other quadrants within ``CLOSE`` of the person on an axis:
  someone near the middle of an axis shows traits of the quadrant across it.

Names stay out of every repr and text view unless the caller asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.display import NotebookRepr
from mopskit.wording import join_words, plural

SCORE_SCHEMA = "mopskit.persona-score/1"
MIX_SCHEMA = "mopskit.team-mix/1"
CLOSE = 0.25
"""How near the middle of an axis (in coordinate units, -1..1) counts as close to the other side."""

SIDES = {"x": ("technology", "arts"), "y": ("emotional", "rational")}


class Quadrant(StrEnum):
    """The four quadrants of the 2x2, in the order of ``personas.yaml``, which gives each its name,
    its sides and its description."""

    MODERNIZERS = "modernizers"
    ORCHESTRATORS = "orchestrators"
    PSYCHOLOGISTS = "psychologists"
    SCIENTISTS = "scientists"


@dataclass(frozen=True)
class QuadrantProfile:
    """One quadrant of the 2x2 as ``personas.yaml`` describes it: name, side of each axis, traits
    and typical work."""

    id: Quadrant
    name: str
    x: str
    y: str
    traits: str
    typical_work: str


@dataclass(frozen=True)
class Statement:
    """One questionnaire statement, loading on axis ``x`` or ``y`` with sign +1 or -1."""

    id: str
    text: str
    axis: str
    sign: int


@dataclass(frozen=True)
class Role:
    """One of Brinker's marketing-technologist roles and the quadrant the kit reads it next to."""

    id: str
    name: str
    summary: str
    quadrant: Quadrant
    crosswalk: str


def quadrants() -> tuple[QuadrantProfile, ...]:
    """The four quadrants, in the order of ``personas.yaml``; its ids must be exactly ``Quadrant``'s."""
    entries = knowledge.load("personas")["quadrants"]
    written = [entry["id"] for entry in entries]
    if sorted(written) != sorted(Quadrant):
        raise InputError(
            f"the quadrant ids are {join_words(written)}; the kit knows exactly {join_words(list(Quadrant))}",
            file=knowledge.path_of("personas"),
        )
    return tuple(QuadrantProfile(**{**entry, "id": Quadrant(entry["id"])}) for entry in entries)


def statements() -> tuple[Statement, ...]:
    """The questionnaire's statements, in order."""
    return tuple(Statement(**dict(entry)) for entry in knowledge.load("personas")["statements"])


def roles() -> tuple[Role, ...]:
    """Brinker's four roles, each with the quadrant of the kit's crosswalk."""
    return tuple(
        Role(**{**entry, "quadrant": _quadrant_of(entry["quadrant"], f"role '{entry['id']}'")})
        for entry in knowledge.load("personas")["roles"]
    )


def _quadrant_of(written: str, what: str) -> Quadrant:
    if written not in tuple(Quadrant):
        raise InputError(f"{what} names the quadrant '{written}'; the quadrants are {join_words(list(Quadrant))}",
                         file=knowledge.path_of("personas"))
    return Quadrant(written)


def quadrant(quadrant_id: str) -> QuadrantProfile:
    """The quadrant ``quadrant_id`` ('scientists'); an unknown id names the known ones."""
    for entry in quadrants():
        if entry.id == quadrant_id:
            return entry
    raise InputError(f"no quadrant '{quadrant_id}'; the quadrants are {join_words([q.id for q in quadrants()])}")


def quadrant_at(x: float, y: float) -> QuadrantProfile:
    """The quadrant a point falls in; 0 counts towards arts (x) and rational (y)."""
    return next(entry for entry in quadrants() if entry.x == _side(x, "x") and entry.y == _side(y, "y"))


@dataclass(frozen=True)
class PersonaScore(NotebookRepr):
    """Where one person sits: ``x`` (-1 technology .. 1 arts), ``y`` (-1 emotional .. 1
    rational), the primary quadrant and the quadrants they are close to."""

    x: float
    y: float
    primary: Quadrant
    secondary: tuple[Quadrant, ...] = ()
    name: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "primary", Quadrant(self.primary))
        object.__setattr__(self, "secondary", tuple(Quadrant(q) for q in self.secondary))

    def describe(self, *, with_name: bool = False) -> str:
        """One sentence a learner can read; the name only when asked."""
        who = self.name if with_name and self.name else "This person"
        text = f"{who} is {_lean(self.x, 'x')} and {_lean(self.y, 'y')}: mainly {quadrant(self.primary).name}"
        if self.secondary:
            text += f", with traits of {join_words([quadrant(q).name for q in self.secondary])}"
        return text + "."

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.persona-score/1``); the name only with ``show_users``."""
        record: dict[str, Any] = {
            "schema": SCORE_SCHEMA,
            "x": self.x,
            "y": self.y,
            "quadrant": self.primary,
            "quadrant_name": quadrant(self.primary).name,
            "secondary": list(self.secondary),
            "description": self.describe(),
        }
        if show_users:
            record["name"] = self.name
        return record

    def _text_(self) -> str:
        return f"{self.describe()} (x {self.x:+.2f}, y {self.y:+.2f})"


def _lean(value: float, axis: str) -> str:
    negative, positive = SIDES[axis]
    if abs(value) < CLOSE:
        return f"close to the middle between {negative} and {positive}"
    strength = "strongly " if abs(value) >= 0.6 else ""
    return f"leaning {strength}towards the {positive if value > 0 else negative} side"


def _answer_value(statement_id: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise InputError(f"the answer to '{statement_id}' must be a whole number from 1 to 5, not {value!r}")
    if not 1 <= value <= 5:
        raise InputError(f"the answer to '{statement_id}' must be from 1 (strongly disagree) to 5 (strongly agree), not {value!r}")
    return int(value)


def score_persona(answers: Mapping[str, Any], *, name: str | None = None) -> PersonaScore:
    """Score questionnaire ``answers`` ({"q1": 4, "q2": 2, ...}); a missing statement is
    skipped, an unknown id or an answer outside 1-5 is an ``InputError``."""
    if not isinstance(answers, Mapping):
        raise InputError(f"answers must be a dictionary from statement id to 1-5, not {type(answers).__name__}")
    known = {statement.id: statement for statement in statements()}
    unknown = [str(key) for key in answers if key not in known]
    if unknown:
        raise InputError(
            f"no statement {join_words([repr(key) for key in unknown])} in the questionnaire; "
            f"the statements are {join_words(list(known))}"
        )
    totals: dict[str, list[float]] = {"x": [], "y": []}
    for statement_id, value in answers.items():
        statement = known[statement_id]
        totals[statement.axis].append(statement.sign * (_answer_value(statement_id, value) - 3) / 2)
    x, y = (round(sum(values) / len(values), 4) if values else 0.0 for values in (totals["x"], totals["y"]))
    primary = quadrant_at(x, y)
    return PersonaScore(x, y, primary.id, _close_quadrants(x, y, primary.id), name)


def _close_quadrants(x: float, y: float, primary: Quadrant) -> tuple[Quadrant, ...]:
    """Quadrants across an axis the person sits close to (both, diagonally, when close to both)."""
    x_sides = [_side(x, "x")] + ([_other(_side(x, "x"), "x")] if abs(x) < CLOSE else [])
    y_sides = [_side(y, "y")] + ([_other(_side(y, "y"), "y")] if abs(y) < CLOSE else [])
    near = {(x_side, y_side) for x_side in x_sides for y_side in y_sides}
    return tuple(entry.id for entry in quadrants() if (entry.x, entry.y) in near and entry.id != primary)


def _side(value: float, axis: str) -> str:
    return SIDES[axis][1] if value >= 0 else SIDES[axis][0]


def _other(side: str, axis: str) -> str:
    negative, positive = SIDES[axis]
    return negative if side == positive else positive


def closest_role(score: PersonaScore) -> Role:
    """Brinker's role the kit's crosswalk puts next to the person's primary quadrant."""
    return next(role for role in roles() if role.quadrant == score.primary)


@dataclass(frozen=True)
class TeamMix(NotebookRepr):
    """How a team spreads over the 2x2: people per quadrant (primary), people with traits of
    it (secondary), the quadrants nobody covers and the one to hire for."""

    primary_counts: tuple[tuple[Quadrant, int], ...]
    secondary_counts: tuple[tuple[Quadrant, int], ...]
    members: tuple[tuple[Quadrant, tuple[str, ...]], ...] = field(default=(), repr=False)
    """Quadrant -> names, filled only when :func:`team_mix` is asked to show names."""

    @property
    def counts(self) -> dict[Quadrant, int]:
        return dict(self.primary_counts)

    @property
    def size(self) -> int:
        return sum(count for _, count in self.primary_counts)

    @property
    def uncovered(self) -> tuple[Quadrant, ...]:
        """Quadrants where nobody on the team has their primary strength."""
        return tuple(quadrant_id for quadrant_id, count in self.primary_counts if count == 0)

    @property
    def hire_for(self) -> Quadrant:
        """The quadrant a next hire should strengthen: the fewest people there, then the
        fewest with traits of it, then the order of ``personas.yaml``."""
        secondary = dict(self.secondary_counts)
        order = [quadrant_id for quadrant_id, _ in self.primary_counts]
        return min(order, key=lambda q: (self.counts[q], secondary[q], order.index(q)))

    def to_frame(self, *, with_names: bool = False) -> pd.DataFrame:
        secondary = dict(self.secondary_counts)
        frame = pd.DataFrame(
            {
                "Quadrant": [quadrant(q).name for q, _ in self.primary_counts],
                "Mainly here": [count for _, count in self.primary_counts],
                "With traits of it": [secondary[q] for q, _ in self.primary_counts],
            }
        )
        if with_names and self.members:
            names = dict(self.members)
            frame["Who"] = [", ".join(names.get(q, ())) or "—" for q, _ in self.primary_counts]
        return frame

    def summary(self) -> str:
        gap = quadrant(self.hire_for).name
        if self.uncovered:
            nobody = join_words([quadrant(q).name for q in self.uncovered])
            return f"A team of {plural(self.size, 'person', 'people')}: nobody is mainly among the {nobody}. The next hire should strengthen the {gap}."
        return f"A team of {plural(self.size, 'person', 'people')} covers every quadrant; the thinnest is the {gap}."

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.team-mix/1``); who sits where only with ``show_users``
        (and only when :func:`team_mix` kept the names)."""
        record: dict[str, Any] = {
            "schema": MIX_SCHEMA,
            "people": self.size,
            "counts": dict(self.primary_counts),
            "with_traits": dict(self.secondary_counts),
            "uncovered": list(self.uncovered),
            "hire_for": self.hire_for,
            "summary": self.summary(),
        }
        if show_users and self.members:
            record["members"] = {quadrant_id: list(names) for quadrant_id, names in self.members}
        return record

    def _text_(self) -> str:
        lines = [self.summary()]
        lines += [f"- {row.Quadrant}: {row._2} mainly, {row._3} with traits" for row in self.to_frame().itertuples()]
        return "\n".join(lines)


def team_mix(people: Iterable[PersonaScore] | Mapping[str, Mapping[str, Any]], *, show_names: bool = False) -> TeamMix:
    """The mix of a team, from scored people or from {name: answers}; names are kept only with
    ``show_names=True``, and shown only where asked again (``to_frame(with_names=True)``, a report
    written with ``show_users=True``)."""
    if isinstance(people, Mapping):
        scores = [score_persona(answers, name=str(name)) for name, answers in people.items()]
    else:
        scores = list(people)
    for score in scores:
        if not isinstance(score, PersonaScore):
            raise InputError(f"a team is a list of scored people (score_persona(...)), not {type(score).__name__}")
    order = [entry.id for entry in quadrants()]
    primary = tuple((q, sum(score.primary == q for score in scores)) for q in order)
    secondary = tuple((q, sum(q in score.secondary for score in scores)) for q in order)
    members: tuple[tuple[Quadrant, tuple[str, ...]], ...] = ()
    if show_names:
        members = tuple(
            (q, tuple(score.name or f"Person {index}" for index, score in enumerate(scores, start=1) if score.primary == q))
            for q in order
        )
    return TeamMix(primary, secondary, members)


def sample_team() -> tuple[PersonaScore, ...]:
    """The sample company's MOps team from ``personas.yaml``, each scored and named by job title."""
    return tuple(
        score_persona(member["answers"], name=member["title"]) for member in knowledge.load("personas")["sample_team"]
    )


def quadrants_frame() -> pd.DataFrame:
    """The four quadrants with their sides, traits and typical work, for a lesson table."""
    return pd.DataFrame(
        [
            {
                "Quadrant": entry.name,
                "Leans to": f"{entry.x.capitalize()}, {entry.y}",
                "Traits": entry.traits,
                "Typical work": entry.typical_work,
            }
            for entry in quadrants()
        ]
    )


def roles_frame() -> pd.DataFrame:
    """Brinker's four roles next to the quadrant of the kit's crosswalk, and why."""
    return pd.DataFrame(
        [
            {
                "Brinker's role": role.name,
                "What they do": role.summary,
                "Closest quadrant": quadrant(role.quadrant).name,
                "Why": role.crosswalk,
            }
            for role in roles()
        ]
    )


def questionnaire_frame() -> pd.DataFrame:
    """The questionnaire's statements with their ids, for the learner to answer 1-5."""
    return pd.DataFrame({"Id": [s.id for s in statements()], "Statement": [s.text for s in statements()]})
