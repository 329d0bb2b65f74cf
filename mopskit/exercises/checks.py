"""Pure building blocks for exercise checkers: verdicts and forgiving answer matching.

Checkers compare a learner's answer with the kit's content and say precisely what is
wrong; these helpers keep the forgiving parts (case, spacing, punctuation, aliases)
and the wording of common mistakes in one place.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mopskit import wording
from mopskit.wording import closest



@dataclass(frozen=True)
class Verdict:
    """What a checker decides: right or wrong, a one-line summary, the specific problems."""

    passed: bool
    summary: str
    problems: tuple[str, ...] = ()
    suggestion: str | None = None


def passed(summary: str) -> Verdict:
    """A correct answer, with a line that says what the learner got right."""
    return Verdict(True, summary)


def failed(summary: str, problems: Sequence[str] = (), suggestion: str | None = None) -> Verdict:
    """A wrong answer: what is wrong (each problem named) and what to try next."""
    return Verdict(False, summary, tuple(problems), suggestion)


def label_of(key: Any) -> Any:
    """An answer's label as the task prints it, so ' a' and 'A' name the same person or tool."""
    return key.strip().upper() if isinstance(key, str) else key


def normalise(text: str) -> str:
    """Fold case, accents, spacing and punctuation so 'Sirius Decisions' == 'siriusdecisions'."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^0-9a-z]+", "", without_accents.casefold())


def name_lookup(names: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Map every normalised spelling (the key itself and its aliases) to its canonical key."""
    lookup: dict[str, str] = {}
    for canonical, aliases in names.items():
        for spelling in (canonical, *aliases):
            lookup.setdefault(normalise(spelling), canonical)
    return lookup


def match_name(value: Any, lookup: Mapping[str, str]) -> str | None:
    """The canonical key ``value`` names (any case, spacing or alias), or None."""
    if not isinstance(value, str):
        return None
    return lookup.get(normalise(value))


def closest_name(value: Any, lookup: Mapping[str, str]) -> str | None:
    """The canonical key nearest to a misspelt ``value`` ('Hubspott' -> HubSpot), if any is close."""
    if not isinstance(value, str) or not normalise(value):
        return None
    match = closest(normalise(value), lookup)
    return lookup[match] if match is not None else None


def did_you_mean(value: Any, lookup: Mapping[str, str], *, shown: Callable[[str], str] = str,
                 otherwise: str = "") -> str:
    """' Did you mean HubSpot?' when ``value`` is a near miss of a key (named as ``shown`` names
    it), else ``otherwise``: the one wording of a misspelt answer's nudge."""
    if not isinstance(value, str):
        return otherwise
    return wording.did_you_mean(normalise(value), lookup, shown=shown, otherwise=otherwise)


def judge_each(
    answer: Mapping[Any, Any],
    names: Sequence[str],
    judge: Callable[[str, Any], Sequence[str]],
    *,
    unknown: Callable[[Any], str],
    missing: str = "{name} has no answer yet.",
    lookup: Mapping[str, str] | None = None,
) -> tuple[int, list[str]]:
    """Judge an answer given per name or label (``{"Elena Dumitru": "monitor", ...}``,
    ``{"A": 3, ...}``): each key is matched to one of ``names`` (through ``lookup``, or as a
    label, so ' a' is 'A'), each value judged (no problems: right). Returns how many are right
    and what is wrong, in the answer's order, then the names the answer leaves out."""
    problems: list[str] = []
    right = 0
    given: set[str] = set()
    for key, value in answer.items():
        name = match_name(key, lookup) if lookup is not None else label_of(key)
        if name is None or name not in names:
            problems.append(unknown(key))
            continue
        given.add(name)
        found = judge(name, value)
        problems.extend(found)
        right += not found
    problems.extend(missing.format(name=name) for name in names if name not in given)
    return right, problems


def shorten(text: str, width: int = 60) -> str:
    """A quotable excerpt of ``text``, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def describe(value: Any) -> str:
    """A short description of a value's type for 'expected X, got Y' messages."""
    kinds = {
        dict: "a dictionary",
        list: "a list",
        tuple: "a tuple",
        str: "a piece of text",
        int: "a whole number",
        float: "a number",
        bool: "True/False",
        set: "a set",
        type(None): "None",
    }
    for kind, label in kinds.items():
        if type(value) is kind:
            return label
    if isinstance(value, Mapping):
        return "a dictionary"
    return f"a {type(value).__name__}"


def wrong_shape(expected: str, answer: Any, example: str) -> Verdict:
    """The answer is not even the right kind of value: say what was expected and show one."""
    return failed(
        f"Expected {expected}, but the answer is {describe(answer)}.",
        suggestion=f"Write it like this: {example}",
    )


def as_number(value: Any) -> float | None:
    """A finite real number from an int or float (not a bool, not text), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def close_to(value: float, expected: float, tolerance: float = 0.5) -> bool:
    """Within ``tolerance`` of the expected value (answers may be rounded)."""
    return abs(value - expected) <= tolerance
