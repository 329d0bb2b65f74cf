"""Forms a learner fills in a notebook: the maturity self-assessment and the persona questionnaire.

A form is a value: the questions, the answers chosen so far, and what they give
(``answers()``, ``result()``). ``save()`` writes the answers as YAML that ``mopskit assess``
reads back, and never replaces a file that is there. The live ipywidgets form and the
static HTML shown where no kernel runs are views above this module (``widgets``, ``render``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mopskit.frameworks.assess.answers import ASSESSMENT_FILE, Answers, _Raw, check_answers
from mopskit.frameworks.assess.framework import HIGHEST_LEVEL, LOWEST_LEVEL, Dimension, Framework, framework
from mopskit.frameworks.assess.result import Assessment, assess
from mopskit.errors import InputError
from mopskit.frameworks.personas import PersonaScore, Statement, score_persona, statements
from mopskit.frameworks.questionnaire import questionnaire_yaml
from mopskit.io.files import free_name, write_atomic
from mopskit.display import NotebookRepr, extra_bundle
from mopskit.wording import join_words

QUESTIONNAIRE_FILE = "my-persona.yaml"
SCALE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
"""The questionnaire's answers 1 to 5, in words."""
EXAMPLE_LEARNER = {"q1": 4, "q2": 3, "q3": 4, "q4": 2, "q5": 3, "q6": 4, "q7": 2, "q8": 4, "q9": 3, "q10": 5}
"""The example learner the lesson shows until someone answers the questionnaire."""


def _save(text: str, path: str | os.PathLike[str] | None, default: str, force: bool) -> Path:
    """Write ``text``: to ``path`` (refused if it exists, unless ``force``), or to the first free
    name after ``default`` when no path is given, so a second save never replaces the first."""
    target = free_name(default) if path is None else Path(path)
    return write_atomic(target, text.encode("utf-8"), force=force)


@dataclass(eq=False)
class AssessmentForm(NotebookRepr):
    """One respondent's maturity self-assessment: for each dimension of ``framework``, the level
    now and the level wanted (1-5), and optionally the evidence for the level now."""

    framework: str = "ghantous"
    respondent: str = "me"
    current: dict[str, int | None] = field(default_factory=dict)
    target: dict[str, int | None] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = self.scored_framework.dimension_ids  # an unknown framework fails here, naming the known ones
        for dimension_id in (*self.current, *self.target, *self.evidence):
            if dimension_id not in known:
                self._unknown(dimension_id)

    @property
    def scored_framework(self) -> Framework:
        return framework(self.framework)

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return self.scored_framework.dimensions

    def _unknown(self, dimension_id: str) -> None:
        raise InputError(f"no dimension '{dimension_id}' in {self.scored_framework.name}; "
                         f"the dimensions are {join_words(list(self.scored_framework.dimension_ids))}")

    def set(self, dimension_id: str, current: int | None, target: int | None, evidence: str = "") -> None:
        """Choose the levels of one dimension (None clears a choice)."""
        if dimension_id not in self.scored_framework.dimension_ids:
            self._unknown(dimension_id)
        for label, value in (("current", current), ("target", target)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or not LOWEST_LEVEL <= value <= HIGHEST_LEVEL):
                raise InputError(f"{label} level of '{dimension_id}' is {LOWEST_LEVEL} to {HIGHEST_LEVEL}, "
                                 f"not {value!r}")
        self.current[dimension_id] = current
        self.target[dimension_id] = target
        self.evidence[dimension_id] = evidence.strip()

    @property
    def answered(self) -> tuple[str, ...]:
        """Dimensions with both levels chosen, in the framework's order."""
        return tuple(d.id for d in self.dimensions
                     if self.current.get(d.id) is not None and self.target.get(d.id) is not None)

    def _half_answered(self) -> list[str]:
        return [d.name for d in self.dimensions
                if (self.current.get(d.id) is None) != (self.target.get(d.id) is None)]

    def mapping(self) -> dict[str, dict[str, dict[str, int | str]]]:
        """The answers as the YAML file holds them: respondent -> dimension -> current, target[, evidence]."""
        half = self._half_answered()
        if half:
            raise InputError(f"choose both 'now' and 'wanted' for {join_words(half)}, or neither")
        if not self.answered:
            raise InputError("nothing answered yet: choose a level now and a level wanted for at least one "
                             "responsibility")
        respondent = " ".join(str(self.respondent).split())
        if not respondent:
            raise InputError("write your name, initials or role in the form first")
        scores: dict[str, dict[str, int | str]] = {}
        for dimension_id in self.answered:
            entry: dict[str, int | str] = {"current": int(self.current[dimension_id] or 0),
                                           "target": int(self.target[dimension_id] or 0)}
            if self.evidence.get(dimension_id, "").strip():
                entry["evidence"] = self.evidence[dimension_id].strip()
            scores[dimension_id] = entry
        return {respondent: scores}

    def answers(self) -> Answers:
        """The answers, checked as ``mopskit assess`` checks a file."""
        raw = [_Raw({"respondent": respondent, "dimension": dimension_id, **entry}, None,
                    f"{respondent}.{dimension_id}")
               for respondent, scores in self.mapping().items() for dimension_id, entry in scores.items()]
        return check_answers(raw, file=None)

    def result(self) -> Assessment:
        """The assessment these answers give: gaps and priorities, highest first."""
        return assess(self.answers())

    def to_yaml(self) -> str:
        header = (f"# Maturity self-assessment ({self.scored_framework.name}): levels {LOWEST_LEVEL} to "
                  f"{HIGHEST_LEVEL}, now (current) and wanted in a year (target).\n"
                  "# To see the gaps, run:  mopskit assess THIS-FILE\n")
        return header + yaml.safe_dump(self.mapping(), sort_keys=False, allow_unicode=True)

    def save(self, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
        """Write the answers as YAML. Without ``path``: ``my-assessment.yaml`` in the current folder,
        or ``my-assessment-2.yaml`` ... if taken. A ``path`` that exists is refused unless ``force``."""
        return _save(self.to_yaml(), path, ASSESSMENT_FILE, force)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live form where a kernel runs, with its static HTML and text for everywhere else."""
        return {**extra_bundle(self), "text/html": self._html_(), "text/plain": self._text_()}

    def __repr__(self) -> str:
        return (f"AssessmentForm({self.scored_framework.name}, {len(self.dimensions)} responsibilities, "
                f"{len(self.answered)} answered)")


@dataclass(eq=False)
class QuestionnaireForm(NotebookRepr):
    """The MOps 2x2 questionnaire: an answer from 1 (strongly disagree) to 5 (strongly agree) per statement."""

    name: str = "me"
    choices: dict[str, int | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for statement_id, value in dict(self.choices).items():
            self.set(statement_id, value)

    @property
    def statements(self) -> tuple[Statement, ...]:
        return statements()

    def set(self, statement_id: str, value: int | None) -> None:
        """Choose the answer to one statement (None clears it)."""
        known = [statement.id for statement in self.statements]
        if statement_id not in known:
            raise InputError(f"no statement '{statement_id}'; the statements are {join_words(known)}")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5):
            raise InputError(f"the answer to '{statement_id}' is 1 (strongly disagree) to 5 (strongly agree), "
                             f"not {value!r}")
        self.choices[statement_id] = value

    @property
    def answered(self) -> int:
        return len(self.answers())

    def answers(self) -> dict[str, int]:
        """The statements answered so far: statement id -> 1-5, in the questionnaire's order."""
        return {s.id: value for s in self.statements if (value := self.choices.get(s.id)) is not None}

    def result(self) -> PersonaScore:
        """Where the answers place the person on the 2x2."""
        answers = self.answers()
        if not answers:
            raise InputError("nothing answered yet: choose an answer for each statement in the form")
        return score_persona(answers, name=self.name)

    def result_or_example(self) -> PersonaScore:
        """The result, or the example learner's until at least one statement is answered."""
        if self.answers():
            return self.result()
        return score_persona(EXAMPLE_LEARNER, name="the example learner")

    def to_yaml(self) -> str:
        answers = self.answers()
        if not answers:
            raise InputError("nothing answered yet: choose an answer for each statement in the form")
        name = " ".join(str(self.name).split()) or "me"
        return questionnaire_yaml({name: answers})

    def save(self, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
        """Write the answers as YAML. Without ``path``: ``my-persona.yaml`` in the current folder, or
        ``my-persona-2.yaml`` ... if taken. A ``path`` that exists is refused unless ``force``."""
        return _save(self.to_yaml(), path, QUESTIONNAIRE_FILE, force)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live form where a kernel runs, with its static HTML and text for everywhere else."""
        return {**extra_bundle(self), "text/html": self._html_(), "text/plain": self._text_()}

    def __repr__(self) -> str:
        return f"QuestionnaireForm({len(self.statements)} statements, {self.answered} answered)"
