"""Multiple-choice quizzes read from ``mopskit/content/quiz-{bank}.yaml``.

``quiz("01-what-is-mops")`` returns a :class:`Quiz`. In a live kernel it shows as an
ipywidgets quiz; its display bundle also carries a static HTML quiz (radio buttons
and CSS, no JavaScript) so a saved notebook or the published site still works. Both
views live above this module (``render``, ``widgets``) and register themselves.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mopskit.content import knowledge
from mopskit.errors import InputError
from mopskit.display import NotebookRepr, extra_bundle

_ID_PATTERN = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class Option:
    """One answer to a question, with the feedback a learner sees on choosing it."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A question with its options; exactly one option is correct."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    objective: int | None = None
    """The number of the lesson objective it assesses (1 for the first), from the syllabus."""
    applied: bool = False
    """True when it asks the learner to use an idea on a case the lesson has not worked."""

    @property
    def correct_index(self) -> int:
        return next(index for index, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class QuestionOutcome:
    """How one question went: the chosen option (None if skipped) and its feedback."""

    question_id: str
    chosen: int | None
    correct: bool
    feedback: str


@dataclass(frozen=True)
class QuizScore:
    """The outcome of a whole quiz: one entry per question, and the score."""

    outcomes: tuple[QuestionOutcome, ...]

    @property
    def correct(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def answered(self) -> int:
        return sum(outcome.chosen is not None for outcome in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def summary(self) -> str:
        unanswered = self.total - self.answered
        tail = f" ({unanswered} not answered yet)" if unanswered else ""
        return f"Score: {self.correct} of {self.total} correct{tail}."


@dataclass(frozen=True)
class Quiz(NotebookRepr):
    """A quiz bank: pure data and grading; the widget and HTML views live elsewhere."""

    bank: str
    title: str
    questions: tuple[Question, ...]

    @classmethod
    def from_dict(cls, bank: str, data: Any) -> Quiz:
        """Build and validate a quiz from a bank's parsed YAML (errors name the file)."""
        file = f"quiz-{bank}.yaml"
        if not isinstance(data, Mapping):
            raise InputError("a quiz bank is a mapping with 'title' and 'questions'", file=file)
        title = data.get("title", "Check your understanding")
        if not isinstance(title, str) or not title.strip():
            raise InputError("'title' must be a non-empty text", file=file, column="title")
        shuffle = data.get("shuffle", True)
        if not isinstance(shuffle, bool):
            raise InputError("'shuffle' must be true or false", file=file, column="shuffle")
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, (list, tuple)) or not raw_questions:
            raise InputError("'questions' must be a non-empty list", file=file, column="questions")
        questions = tuple(
            _question(raw, number, file) for number, raw in enumerate(raw_questions, start=1)
        )
        if shuffle:
            questions = tuple(_shuffled(question, bank) for question in questions)
        seen: set[str] = set()
        for number, question in enumerate(questions, start=1):
            if question.id in seen:
                raise InputError(
                    f"question {number}: id '{question.id}' is used twice", file=file, column="id"
                )
            seen.add(question.id)
        return cls(bank, title.strip(), questions)

    def grade(self, choices: Mapping[str, int | None]) -> QuizScore:
        """Score the chosen option index per question id (missing or None = not answered)."""
        unknown = sorted(set(choices) - {question.id for question in self.questions})
        if unknown:
            raise InputError(f"quiz '{self.bank}' has no question {', '.join(map(repr, unknown))}")
        outcomes = []
        for question in self.questions:
            chosen = choices.get(question.id)
            if chosen is None:
                outcomes.append(QuestionOutcome(question.id, None, False, "Not answered yet."))
                continue
            if isinstance(chosen, bool) or not isinstance(chosen, int) or not 0 <= chosen < len(question.options):
                raise InputError(
                    f"question '{question.id}' has options 0 to {len(question.options) - 1}, not {chosen!r}"
                )
            option = question.options[chosen]
            outcomes.append(QuestionOutcome(question.id, chosen, option.correct, option.feedback))
        return QuizScore(tuple(outcomes))

    def __repr__(self) -> str:
        return f"Quiz({self.bank!r}, {len(self.questions)} questions)"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live widget's view plus the static HTML and a one-line text twin."""
        return {**extra_bundle(self), "text/html": self._html_(), "text/plain": self._text_()}


def quiz(bank: str) -> Quiz:
    """The quiz in ``mopskit/content/quiz-{bank}.yaml``, e.g. ``quiz("01-what-is-mops")``."""
    if not isinstance(bank, str) or not _ID_PATTERN.match(bank):
        raise InputError(f"a quiz bank is named like '01-what-is-mops', not {bank!r}")
    return Quiz.from_dict(bank, knowledge.load(f"quiz-{bank}"))


def _question(raw: Any, number: int, file: str) -> Question:
    if not isinstance(raw, Mapping):
        raise InputError(f"question {number} is not a mapping with id, prompt and options", file=file)
    question_id = raw.get("id")
    if not isinstance(question_id, str) or not _ID_PATTERN.match(question_id):
        raise InputError(
            f"question {number}: id {question_id!r} must be lower-case letters, digits and '-'",
            file=file,
            column="id",
        )
    prompt = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise InputError(f"question '{question_id}' has no prompt", file=file, column="prompt")
    raw_options = raw.get("options")
    if not isinstance(raw_options, (list, tuple)) or len(raw_options) < 2:
        raise InputError(
            f"question '{question_id}' needs at least two options", file=file, column="options"
        )
    options = tuple(_option(item, question_id, number, file) for item in raw_options)
    correct = sum(option.correct for option in options)
    if correct != 1:
        raise InputError(
            f"question '{question_id}' has {correct} correct options; it needs exactly one",
            file=file,
            column="options",
        )
    objective = raw.get("objective")
    if objective is not None and (isinstance(objective, bool) or not isinstance(objective, int) or objective < 1):
        raise InputError(f"question '{question_id}': objective is the number of a lesson objective (1, 2, ...)",
                         file=file, column="objective")
    applied = raw.get("applied", False)
    if not isinstance(applied, bool):
        raise InputError(f"question '{question_id}': applied is true or false", file=file, column="applied")
    return Question(question_id, prompt.strip(), options, objective, applied)


def _shuffled(question: Question, bank: str) -> Question:
    """The options in an order fixed by bank and question id, so authors can write the right
    answer first without every learner finding it first. Seeded: the same on every run."""
    options = list(question.options)
    random.Random(f"{bank}/{question.id}").shuffle(options)
    return Question(question.id, question.prompt, tuple(options), question.objective, question.applied)


def _option(raw: Any, question_id: str, number: int, file: str) -> Option:
    if not isinstance(raw, Mapping):
        raise InputError(
            f"each option of '{question_id}' is a mapping with text, correct and feedback",
            file=file,
            column="options",
        )
    text, correct, feedback = raw.get("text"), raw.get("correct"), raw.get("feedback")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"an option of '{question_id}' has no text", file=file, column="options")
    if not isinstance(correct, bool):
        raise InputError(
            f"option {text!r} of '{question_id}' needs 'correct: true' or 'correct: false'",
            file=file,
            column="options",
        )
    if not isinstance(feedback, str) or not feedback.strip():
        raise InputError(
            f"option {text!r} of '{question_id}' has no feedback", file=file, column="options"
        )
    return Option(text.strip(), correct, feedback.strip())
