"""A team's answers, read from a table (CSV or XLSX, one row per respondent and dimension)
or a YAML mapping (respondent -> dimension -> current, target), and checked row by row.

Every problem names the file, the row (or the YAML key) and the column, in one line.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from mopskit.frameworks.assess.framework import HIGHEST_LEVEL, LOWEST_LEVEL, Framework, find_dimension, frameworks
from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.io.tables import column_key, is_blank, parse_number, read_table
from mopskit.wording import fold, tidy

REQUIRED_COLUMNS = ("respondent", "dimension", "current", "target")
OPTIONAL_COLUMNS = ("weight", "evidence")
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
MAX_WEIGHT = 10.0
"""A weight above this is a typo: weights compare dimensions, they are not budgets."""

ASSESSMENT_FILE = "my-assessment.yaml"
"""Where the self-assessment form saves a person's answers, and where the strategy looks for them."""


@dataclass(frozen=True)
class Answer:
    """One respondent's score for one dimension; ``where`` is the row or key it came from."""

    respondent: str
    dimension: str
    current: int
    target: int
    weight: float | None = None
    evidence: str = ""
    where: str = ""


@dataclass(frozen=True)
class Answers:
    """The checked answers of one file, all for one framework."""

    framework: Framework
    answers: tuple[Answer, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def respondents(self) -> tuple[str, ...]:
        """Respondents in the order the file first names them."""
        return tuple(dict.fromkeys(answer.respondent for answer in self.answers))

    def __len__(self) -> int:
        return len(self.answers)

    def __repr__(self) -> str:
        return (f"Answers({self.framework.name}: {len(self.respondents)} respondents, "
                f"{len(self.answers)} answers)")


@dataclass(frozen=True)
class _Raw:
    """One answer as read, before checking: cells keyed by column name."""

    cells: dict[str, Any]
    row: int | None  # a table row (1-based, as a spreadsheet shows it)
    key: str | None  # or where in a YAML file ("Giulia.strategic-planning")


def load_answers(path: str | os.PathLike[str], *, sheet: str | int | None = None) -> Answers:
    """Read and check answers from CSV, XLSX or YAML (by suffix); the framework follows from the
    dimension ids used."""
    file = Path(path)
    notes: tuple[str, ...] = ()
    if file.suffix.lower() in YAML_SUFFIXES:
        raw = _yaml_answers(file)
    else:
        raw, notes = _table_answers(file, sheet)
    return check_answers(raw, file=str(file), notes=notes)


# --- reading -----------------------------------------------------------------------------------


def _table_answers(file: Path, sheet: str | int | None) -> tuple[list[_Raw], tuple[str, ...]]:
    try:
        table = read_table(file, [{column} for column in REQUIRED_COLUMNS], sheet=sheet)
    except InputError as error:
        if error.reason.startswith("the file is empty"):
            raise InputError(f"the file is empty; expected the columns {','.join(REQUIRED_COLUMNS)}",
                             file=file) from None
        raise
    header = [column_key(name) for name in table.header]
    for column in REQUIRED_COLUMNS:
        if column not in header:
            found = ", ".join(name.strip() for name in table.header if str(name).strip())
            raise InputError(f"missing column '{column}'; found: {found}", file=file, row=table.header_row,
                             column=column)
    wanted = [column for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if column in header]
    position = {column: header.index(column) for column in wanted}
    raw = []
    for row, cells in table.rows:
        values = {column: cells[index] if index < len(cells) else None for column, index in position.items()}
        if all(is_blank(value) for value in values.values()):
            continue
        raw.append(_Raw(values, row, None))
    return raw, table.notes


def _yaml_answers(file: Path) -> list[_Raw]:
    # Respondents and dimensions compare as names do: 'Ana' and 'ana' are one key, written twice.
    declared = load_yaml(file, same_key=lambda key: fold(str(key)) if key is not None else "")
    if isinstance(declared, dict) and set(declared) == {"respondents"}:
        declared = declared["respondents"]
    if not isinstance(declared, dict) or not declared:
        raise InputError("expected a mapping: respondent -> dimension -> {current, target}", file=file)
    raw = []
    for respondent, scores in declared.items():
        name = "" if respondent is None else tidy(str(respondent))
        if not isinstance(scores, dict) or not scores:
            raise InputError("expected dimension: {current: N, target: N} under each respondent", file=file,
                             column=name or "(no name)")
        for dimension, answer in scores.items():
            key = f"{name or '(no name)'}.{dimension}"
            if not isinstance(answer, dict):
                raise InputError("expected {current: N, target: N}", file=file, column=key)
            unknown = sorted(str(field) for field in answer if field not in (*REQUIRED_COLUMNS[2:], *OPTIONAL_COLUMNS))
            if unknown:
                raise InputError(f"unknown field '{unknown[0]}'; use current, target, weight, evidence",
                                 file=file, column=key)
            raw.append(_Raw({"respondent": name, "dimension": "" if dimension is None else str(dimension),
                             **answer}, None, key))
    return raw


# --- checking ----------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return tidy(str(value))


def _where(item: _Raw, column: str) -> dict[str, Any]:
    """The InputError location of ``column`` in ``item``: a row and column, or a YAML key."""
    if item.key is not None:
        return {"column": f"{item.key}.{column}" if column not in ("respondent", "dimension") else item.key}
    return {"row": item.row, "column": column}


def _level(item: _Raw, column: str, file: str) -> int:
    value = item.cells.get(column)
    shown = _text(value)
    if not shown:
        raise InputError(f"{column} is empty; write a level from {LOWEST_LEVEL} to {HIGHEST_LEVEL}",
                         file=file, **_where(item, column))
    if isinstance(value, bool):
        raise InputError(f"{column} '{value}' is not a level; write a whole number from {LOWEST_LEVEL} to "
                         f"{HIGHEST_LEVEL}", file=file, **_where(item, column))
    try:
        number, currency = parse_number(value, thousands=False)
        if currency is not None:
            raise ValueError(value)
    except ValueError:
        raise InputError(f"{column} '{shown}' is not a number; write a whole number from {LOWEST_LEVEL} to "
                         f"{HIGHEST_LEVEL}", file=file, **_where(item, column)) from None
    if not number.is_integer():
        raise InputError(f"{column} {shown} is not a whole level; levels are {LOWEST_LEVEL} to {HIGHEST_LEVEL},"
                         " pick the one whose evidence you can show", file=file, **_where(item, column))
    if not LOWEST_LEVEL <= number <= HIGHEST_LEVEL:
        raise InputError(f"{column} {shown} is outside the scale; levels are {LOWEST_LEVEL} to {HIGHEST_LEVEL}",
                         file=file, **_where(item, column))
    return int(number)


def _weight(item: _Raw, file: str) -> float | None:
    value = item.cells.get("weight")
    shown = _text(value)
    if not shown:
        return None
    try:
        weight, currency = parse_number(value, thousands=False)
        if currency is not None or isinstance(value, bool):
            raise ValueError(value)
    except ValueError:
        raise InputError(f"weight '{shown}' is not a number", file=file, **_where(item, "weight")) from None
    if not 0 < weight <= MAX_WEIGHT:
        raise InputError(f"weight {shown} must be above 0 and at most {MAX_WEIGHT:g}", file=file,
                         **_where(item, "weight"))
    return weight


def _unknown_dimension(text: str, item: _Raw, file: str, chosen: Framework | None) -> InputError:
    pool = chosen.dimensions if chosen is not None else tuple(d for f in frameworks() for d in f.dimensions)
    names = {column_key(d.id): d.id for d in pool} | {column_key(d.name): d.id for d in pool}
    close = difflib.get_close_matches(column_key(text), list(names), n=1, cutoff=0.5)
    hint = f"; did you mean '{names[close[0]]}'?" if close else f"; known: {', '.join(d.id for d in pool)}"
    return InputError(f"unknown dimension '{text}'{hint}", file=file, **_where(item, "dimension"))


def check_answers(raw: list[_Raw], *, file: str | None = None, notes: tuple[str, ...] = ()) -> Answers:
    """The answers checked: levels whole numbers 1–5, dimensions of one framework, each respondent
    once per dimension. A target below the current level is kept and noted."""
    shown_file = file or "answers"
    if not raw:
        raise InputError("the answers have a header but no rows", file=file)
    chosen: Framework | None = None
    first_seen: dict[tuple[str, str], str] = {}
    answers = []
    below: list[str] = []
    order: dict[str, int] = {}
    for item in raw:
        respondent = _text(item.cells.get("respondent"))
        if not respondent:
            raise InputError("respondent is empty; write a name, initials or a role for each answer",
                             file=shown_file, **_where(item, "respondent"))
        dimension_text = _text(item.cells.get("dimension"))
        if not dimension_text:
            raise InputError("dimension is empty", file=shown_file, **_where(item, "dimension"))
        found = find_dimension(dimension_text)
        if found is None or (chosen is not None and found[0] != chosen):
            if found is not None and chosen is not None:
                raise InputError(f"dimension '{dimension_text}' is from {found[0].name}, but earlier answers use "
                                 f"{chosen.name}; score one framework per file", file=shown_file,
                                 **_where(item, "dimension"))
            raise _unknown_dimension(dimension_text, item, shown_file, chosen)
        chosen, dimension = found
        number = order.setdefault(fold(respondent), len(order) + 1)
        place = f"row {item.row}" if item.row is not None else f"respondent {number}'s {dimension.id}"
        key = (fold(respondent), dimension.id)
        if key in first_seen:
            raise InputError(f"{respondent} answers {dimension.name} twice (also at {first_seen[key]}); keep one",
                             file=shown_file, **_where(item, "respondent"))
        first_seen[key] = place
        current = _level(item, "current", shown_file)
        target = _level(item, "target", shown_file)
        if target < current:
            below.append(f"{place} ({dimension.name}: current {current}, target {target})")
        answers.append(Answer(respondent=respondent, dimension=dimension.id, current=current, target=target,
                              weight=_weight(item, shown_file), evidence=_text(item.cells.get("evidence")),
                              where=place))
    assert chosen is not None
    extra = []
    if below:
        extra.append(f"A target below the current level was kept as written at {', '.join(below)}: "
                     "check it is meant (a level the team chooses to give up), not a swapped pair.")
    return Answers(framework=chosen, answers=tuple(answers), source=file, notes=(*notes, *extra))
