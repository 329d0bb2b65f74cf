"""Scores -> gaps -> priorities: a team's answers summarised per dimension, ranked, and
compared with an earlier run.

Per dimension the team's level is the median of its respondents (one loud voice does
not move it), the gap is target minus current, and the priority is the gap times the
dimension's weight. A spread of ``DISAGREEMENT_SPREAD`` levels or more between
respondents is flagged: the team sees the same work differently, and that is the
conversation to have first.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

from mopskit import wording
from mopskit.frameworks.assess.answers import Answers
from mopskit.frameworks.assess.framework import HIGHEST_LEVEL, LOWEST_LEVEL, Dimension, Framework, framework, frameworks
from mopskit.errors import InputError
from mopskit.display import NotebookRepr

if TYPE_CHECKING:
    import pandas as pd

ASSESS_SCHEMA = "mopskit.assess/1"
DISAGREEMENT_SPREAD = 2
"""Respondents this many levels apart (or more) on one dimension disagree: talk before you plan."""
CONVERSATION_NOTE = (
    "A maturity self-assessment is a conversation starter, not a measurement instrument: the levels are the"
    " team's own judgement against the evidence each level names. Use the gaps and disagreements to decide"
    " what to discuss and improve first, not to grade people or to compare with other companies."
)


@dataclass(frozen=True)
class Score:
    """One respondent's answer, kept for reports that may show people."""

    respondent: str
    current: int
    target: int
    evidence: str = ""


@dataclass(frozen=True)
class DimensionResult:
    """The team's view of one dimension: median current and target, gap, priority and spread."""

    dimension: Dimension
    current: float
    target: float
    weight: float
    spread: int
    """Highest minus lowest current level among respondents."""
    scores: tuple[Score, ...]
    rank: int = 0
    """1 = the highest priority."""

    @property
    def id(self) -> str:
        return self.dimension.id

    @property
    def name(self) -> str:
        return self.dimension.name

    @property
    def gap(self) -> float:
        return self.target - self.current

    @property
    def priority(self) -> float:
        return self.gap * self.weight

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_SPREAD

    @property
    def lowest(self) -> int:
        return min(score.current for score in self.scores)

    @property
    def highest(self) -> int:
        return max(score.current for score in self.scores)

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(score.evidence for score in self.scores if score.evidence)


@dataclass(frozen=True)
class Change:
    """A dimension compared with the earlier run: None where that run did not score it."""

    dimension: Dimension
    previous_current: float | None
    current: float
    previous_gap: float | None
    gap: float

    @property
    def change(self) -> float | None:
        return None if self.previous_current is None else self.current - self.previous_current

    @property
    def gap_change(self) -> float | None:
        return None if self.previous_gap is None else self.gap - self.previous_gap


@dataclass(frozen=True)
class PreviousRun:
    """The per-dimension levels of an earlier JSON report written by ``mopskit assess``."""

    framework: str
    levels: tuple[tuple[str, float, float], ...]
    """(dimension id, current, target) per dimension."""
    source: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Assessment(NotebookRepr):
    """A team's maturity self-assessment: dimensions in the framework's order, ranked by priority."""

    framework: Framework
    respondents: tuple[str, ...]
    dimensions: tuple[DimensionResult, ...]
    notes: tuple[str, ...] = ()
    source: str | None = None
    trend: tuple[Change, ...] | None = None
    previous_label: str | None = None

    @property
    def ranked(self) -> tuple[DimensionResult, ...]:
        """Dimensions from the highest priority down (the framework's order breaks ties)."""
        return tuple(sorted(self.dimensions, key=lambda item: item.rank))

    @property
    def biggest_gap(self) -> DimensionResult:
        return self.ranked[0]

    @property
    def disagreements(self) -> tuple[DimensionResult, ...]:
        return tuple(item for item in self.dimensions if item.disagreement)

    def left_out(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Respondents who did not score every dimension, with the dimensions they left out (personal data)."""
        found = []
        for name in self.respondents:
            missing = tuple(item.name for item in self.dimensions
                            if not any(score.respondent == name for score in item.scores))
            if missing:
                found.append((name, missing))
        return tuple(found)

    def dimension(self, dimension_id: str) -> DimensionResult:
        for item in self.dimensions:
            if item.id == dimension_id:
                return item
        raise KeyError(dimension_id)

    def to_frame(self) -> pd.DataFrame:
        """One row per dimension, highest priority first."""
        import pandas as pd

        return pd.DataFrame(
            [{"rank": item.rank, "dimension": item.name, "current": item.current, "target": item.target,
              "gap": item.gap, "weight": item.weight, "priority": item.priority, "spread": item.spread,
              "disagreement": item.disagreement} for item in self.ranked]
        ).set_index("rank")

    def __repr__(self) -> str:
        top = self.biggest_gap
        return (f"Assessment({self.framework.name}, {wording.plural(len(self.respondents), 'respondent')}, "
                f"biggest gap: {top.name} {_level(top.current)} -> {_level(top.target)}, "
                f"{wording.plural(len(self.disagreements), 'disagreement')})")

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.assess/1``); respondents are named only with ``show_users``."""
        document: dict[str, Any] = {
            "schema": ASSESS_SCHEMA,
            "framework": {"id": self.framework.id, "name": self.framework.name, "source": self.framework.source},
            "respondents": len(self.respondents),
            "disagreement_spread": DISAGREEMENT_SPREAD,
            "dimensions": [],
            "ranked": [item.id for item in self.ranked],
            "disagreements": [item.id for item in self.disagreements],
            "trend": None if self.trend is None else [
                {"id": change.dimension.id, "previous_current": change.previous_current,
                 "current": change.current, "change": change.change, "previous_gap": change.previous_gap,
                 "gap": change.gap, "gap_change": change.gap_change}
                for change in self.trend
            ],
            "previous": self.previous_label,
            "notes": list(self.notes),
        }
        for item in self.dimensions:
            record: dict[str, Any] = {
                "id": item.id, "name": item.name, "rank": item.rank, "current": item.current,
                "target": item.target, "gap": item.gap, "weight": item.weight,
                "priority": round(item.priority, 4), "lowest": item.lowest, "highest": item.highest,
                "spread": item.spread, "disagreement": item.disagreement, "answers": len(item.scores),
                "evidence": list(item.evidence),
            }
            if show_users:
                record["scores"] = [{"respondent": score.respondent, "current": score.current,
                                     "target": score.target} for score in item.scores]
            document["dimensions"].append(record)
        if show_users:
            document["respondent_names"] = list(self.respondents)
        return document


def _level(value: float) -> str:
    """3 -> '3', 2.5 -> '2.5': a median of an even count may fall between levels."""
    return f"{value:.1f}".removesuffix(".0")


def assess(answers: Answers, previous: PreviousRun | str | os.PathLike[str] | None = None) -> Assessment:
    """Summarise ``answers`` per dimension (median, gap, priority, spread), rank by priority and,
    with ``previous`` (a ``PreviousRun`` or the path of an earlier JSON report), add the change."""
    by_dimension: dict[str, list[Any]] = {}
    for answer in answers.answers:
        by_dimension.setdefault(answer.dimension, []).append(answer)
    results = []
    for dimension in answers.framework.dimensions:
        given = by_dimension.get(dimension.id)
        if not given:
            continue
        weights = [answer.weight for answer in given if answer.weight is not None]
        results.append(DimensionResult(
            dimension=dimension,
            current=float(median(answer.current for answer in given)),
            target=float(median(answer.target for answer in given)),
            weight=float(median(weights)) if weights else dimension.weight,
            spread=max(answer.current for answer in given) - min(answer.current for answer in given),
            scores=tuple(Score(answer.respondent, answer.current, answer.target, answer.evidence)
                         for answer in given),
        ))
    order = sorted(range(len(results)), key=lambda index: (-results[index].priority, -results[index].gap, index))
    ranked = {index: rank for rank, index in enumerate(order, start=1)}
    results = [_with_rank(item, ranked[index]) for index, item in enumerate(results)]

    notes = [CONVERSATION_NOTE, *answers.notes]
    missing = [d.name for d in answers.framework.dimensions if d.id not in by_dimension]
    if missing:
        notes.append(f"Not scored by anyone, so left out: {wording.join_words(missing)}.")
    respondents = answers.respondents
    scored = {item.id for item in results}
    answered = [len({a.dimension for a in answers.answers if a.respondent == name} & scored) for name in respondents]
    short = Counter(count for count in answered if count < len(results))
    if short:
        detail = "; ".join(f"{people} answered {count} of {len(results)}" for count, people in sorted(short.items()))
        notes.append(f"{wording.plural(sum(short.values()), 'respondent')} left out some dimensions ({detail}); "
                     "each median uses the answers given, and a report with people shown names who left out what.")
    few = [f"{item.name} ({len(item.scores)} of {len(respondents)})" for item in results
           if len(respondents) >= 3 and 2 * len(item.scores) < len(respondents)]
    if few:
        notes.append(f"Scored by fewer than half the respondents, so one or two views set the level: "
                     f"{wording.join_words(few)}.")
    if len(respondents) == 1:
        notes.append("One respondent: the levels are one person's view, and no disagreement can show."
                     " Ask the team to score too.")

    trend = None
    label = None
    if previous is not None:
        earlier = previous if isinstance(previous, PreviousRun) else load_previous(previous)
        if earlier.framework != answers.framework.id:
            raise InputError(f"the earlier run scored {framework(earlier.framework).name}, these answers "
                             f"{answers.framework.name}; compare runs of one framework", file=earlier.source)
        before = {dimension_id: (current, target) for dimension_id, current, target in earlier.levels}
        trend = tuple(
            Change(item.dimension, before[item.id][0] if item.id in before else None, item.current,
                   before[item.id][1] - before[item.id][0] if item.id in before else None, item.gap)
            for item in results
        )
        label = earlier.label
    return Assessment(framework=answers.framework, respondents=respondents, dimensions=tuple(results),
                      notes=tuple(notes), source=answers.source, trend=trend, previous_label=label)


def _with_rank(item: DimensionResult, rank: int) -> DimensionResult:
    from dataclasses import replace

    return replace(item, rank=rank)


def load_previous(path: str | os.PathLike[str]) -> PreviousRun:
    """Read an earlier ``mopskit assess`` JSON report (schema ``mopskit.assess/1``)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("file not found", file=file) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not a JSON report of an earlier assessment ({error})", file=file) from None
    if not isinstance(data, dict) or data.get("schema") != ASSESS_SCHEMA:
        raise InputError(f"not a report of 'mopskit assess' (expected \"schema\": \"{ASSESS_SCHEMA}\");"
                         " write one with --out earlier.json", file=file, column="schema")
    framework_id = (data.get("framework") or {}).get("id") if isinstance(data.get("framework"), dict) else None
    if framework_id not in {item.id for item in frameworks()}:
        raise InputError(f"unknown framework '{framework_id}'", file=file, column="framework.id")
    dimensions = data.get("dimensions")
    if not isinstance(dimensions, list) or not dimensions:
        raise InputError("no dimensions in the earlier report", file=file, column="dimensions")
    levels = []
    for index, record in enumerate(dimensions):
        if not isinstance(record, dict) or not all(key in record for key in ("id", "current", "target")):
            raise InputError("each dimension needs id, current and target", file=file,
                             column=f"dimensions[{index}]")
        scores = [_earlier_score(record[key], file, f"dimensions[{index}].{key}") for key in ("current", "target")]
        levels.append((str(record["id"]), scores[0], scores[1]))
    return PreviousRun(framework=framework_id, levels=tuple(levels), source=str(file),
                       label=str(data.get("period") or file.name))


def _earlier_score(value: Any, file: Path, where: str) -> float:
    """A level from an earlier report: a number on the maturity scale, never NaN or text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not LOWEST_LEVEL <= value <= HIGHEST_LEVEL:
        raise InputError(f"must be a level from {LOWEST_LEVEL} to {HIGHEST_LEVEL}, got {json.dumps(value)}"
                         " (was the report edited by hand?)", file=file, column=where)
    return float(value)
