"""Answers to the MOps 2x2 questionnaire kept in a file, and the persona report they give.

A questionnaire file is YAML, written by :class:`mopskit.forms.QuestionnaireForm` or by hand::

    questionnaire: mops-2x2
    people:
      me:
        q1: 4
        q2: 3

One person gives their place on the 2x2; several give each place and the team's mix.
``mopskit assess FILE`` recognises such a file by its ``questionnaire`` key. Names stay out
of every report unless it is asked to show people.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.display import NotebookRepr
from mopskit.frameworks.personas import (
    SIDES,
    PersonaScore,
    TeamMix,
    quadrant,
    score_persona,
    statements,
    team_mix,
)
from mopskit.wording import join_words, plural

QUESTIONNAIRE_ID = "mops-2x2"
PERSONA_SCHEMA = "mopskit.persona/1"
YAML_SUFFIXES = frozenset({".yaml", ".yml"})


def questionnaire_yaml(people: dict[str, dict[str, int]]) -> str:
    """The file text for ``people`` ({name: {statement id: 1-5}}), with a header saying how to read it."""
    header = (
        "# Answers to the MOps 2x2 questionnaire: 1 strongly disagree ... 5 strongly agree.\n"
        "# The statements are in the kit's lesson 02. To see where each person sits, run:\n"
        "#   mopskit assess THIS-FILE\n"
    )
    body = yaml.safe_dump({"questionnaire": QUESTIONNAIRE_ID, "people": people}, sort_keys=False,
                          allow_unicode=True)
    return header + body


def is_questionnaire_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a YAML file whose top level has a ``questionnaire`` key."""
    file = Path(path)
    if file.suffix.lower() not in YAML_SUFFIXES or not file.is_file():
        return False
    try:
        data = load_yaml(file)
    except InputError:
        return False  # the answers reader says what is wrong with it
    return isinstance(data, dict) and "questionnaire" in data


def load_questionnaire(path: str | os.PathLike[str]) -> PersonaReport:
    """Read a questionnaire file and score each person in it; errors name the file and the key."""
    file = Path(path)
    data = load_yaml(file)
    if not isinstance(data, dict) or data.get("questionnaire") != QUESTIONNAIRE_ID:
        raise InputError(f"expected 'questionnaire: {QUESTIONNAIRE_ID}' at the top", file=file,
                         column="questionnaire")
    unknown = sorted(str(key) for key in data if key not in ("questionnaire", "people"))
    if unknown:
        raise InputError(f"unknown key '{unknown[0]}'; a questionnaire file has 'questionnaire' and 'people'",
                         file=file, column=unknown[0])
    people = data.get("people")
    if not isinstance(people, dict) or not people:
        raise InputError("expected 'people:' with each person's answers (name: {q1: 1-5, ...})", file=file,
                         column="people")
    known = {statement.id for statement in statements()}
    scores = []
    for name, answers in people.items():
        key = f"people.{name}"
        if name is None or not str(name).strip():
            raise InputError("a person has no name; write a name, initials or a role", file=file, column=key)
        if not isinstance(answers, dict) or not answers:
            raise InputError("expected the answers as q1: 1-5, q2: 1-5, ...", file=file, column=key)
        for statement_id, value in answers.items():
            where = f"{key}.{statement_id}"
            if statement_id not in known:
                raise InputError(f"no statement '{statement_id}'; the statements are {join_words(sorted(known))}",
                                 file=file, column=where)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise InputError(f"'{value}' is not an answer; write a whole number from 1 (strongly disagree) "
                                 "to 5 (strongly agree)", file=file, column=where)
        _refuse_too_few(answers, file=file, column=key)
        scores.append(score_persona(answers, name=str(name).strip()))
    return PersonaReport(tuple(scores), source=str(file))


MIN_ANSWERS_PER_AXIS = 3
"""Of each axis' five statements, how many must be answered before a person is placed on it: with fewer, one
strong answer would decide the side (and an unanswered axis would read as its middle)."""


def _refuse_too_few(answers: dict[Any, Any], *, file: Path, column: str) -> None:
    short = []
    for axis, (negative, positive) in SIDES.items():
        on_axis = [statement.id for statement in statements() if statement.axis == axis]
        missing = [statement_id for statement_id in on_axis if statement_id not in answers]
        if len(on_axis) - len(missing) < min(MIN_ANSWERS_PER_AXIS, len(on_axis)):
            answered = len(on_axis) - len(missing)
            short.append(f"{'none' if answered == 0 else answered} of the {len(on_axis)} statements on the "
                         f"{negative}–{positive} axis (missing {join_words(missing)})")
    if short:
        raise InputError(f"only {' and '.join(short)} are answered, too few to place this person; answer at least "
                         f"{MIN_ANSWERS_PER_AXIS} of each axis' statements", file=file, column=column)


@dataclass(frozen=True)
class PersonaReport(NotebookRepr):
    """Where each person of a questionnaire file sits, and (for two or more) the team's mix."""

    people: tuple[PersonaScore, ...]
    source: str | None = None

    @property
    def mix(self) -> TeamMix:
        return team_mix(self.people)

    def label(self, index: int, *, show_users: bool = False) -> str:
        """'Person 2', or the name when people may be shown."""
        name = self.people[index].name
        return name if show_users and name else f"Person {index + 1}"

    def headline(self) -> str:
        if len(self.people) == 1:
            return self.people[0].describe()
        return self.mix.summary()

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.persona/1``); names only with ``show_users``."""
        people = []
        for index, person in enumerate(self.people):
            record: dict[str, Any] = {"person": self.label(index), "x": person.x, "y": person.y,
                                      "quadrant": person.primary, "quadrant_name": quadrant(person.primary).name,
                                      "secondary": list(person.secondary)}
            if show_users:
                record["name"] = person.name
            people.append(record)
        mix = self.mix
        return {
            "schema": PERSONA_SCHEMA,
            "questionnaire": QUESTIONNAIRE_ID,
            "people": people,
            "mix": {"counts": dict(mix.primary_counts), "with_traits": dict(mix.secondary_counts),
                    "uncovered": list(mix.uncovered), "hire_for": mix.hire_for} if len(self.people) > 1 else None,
            "headline": self.headline(),
        }

    def __repr__(self) -> str:
        return f"PersonaReport({plural(len(self.people), 'person', 'people')})"
