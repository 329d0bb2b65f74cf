"""A blameless post-mortem as one structured value, and a check of its parts and its wording.

A post-mortem has a summary, the impact, a timeline of what happened when, its causes, the
contributing factors and actions, each with an owner and a due date. It lists causes, not one
"root cause": an incident usually needs several conditions at once, and stopping at one hides
the others (Allspaw, 2012; Google SRE, 2016). ``review`` names
every missing or incomplete part and every phrase that blames a person instead of a
system: a name of someone involved in the cause, or words like "human error" or "careless".

The wording check is a **structural** check: it finds names and listed phrases, it cannot
judge tone. A post-mortem that passes it can still blame; one that fails it almost always
does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.ops.intake import parse_moment
from mopskit.io.tables import read_date
from mopskit.display import NotebookRepr
from mopskit.findings import Severity
from mopskit.wording import plural

__all__ = ["BLAME_WORDS", "Action", "Finding", "PostMortem", "Review", "TimelineEntry", "blame_words_in",
           "load_postmortem", "names_in", "postmortem_from_dict", "review"]

BLAME_WORDS = ("human error", "careless", "carelessness", "negligence", "negligent", "fault", "blame",
               "should have known", "should have checked", "forgot", "incompetent", "sloppy",
               "lazy", "mistake by")
"""Phrases that put the cause in a person rather than in a process or a system."""
MIN_TIMELINE = 3
"""Detected, something done, resolved: fewer entries than this cannot show how it went."""
TEXT_PARTS = ("summary", "impact")
REVIEW_SCHEMA = "mopskit.postmortem/1"


@dataclass(frozen=True)
class TimelineEntry:
    time: datetime
    event: str


@dataclass(frozen=True)
class Action:
    action: str
    owner: str
    due: date | None


@dataclass(frozen=True)
class PostMortem:
    title: str
    summary: str
    impact: str
    timeline: tuple[TimelineEntry, ...]
    causes: tuple[str, ...]
    """What in the process or the systems made the incident happen: one or more."""
    contributing_factors: tuple[str, ...]
    """What made it worse, or slower to notice and fix."""
    actions: tuple[Action, ...]
    people: tuple[str, ...] = ()
    """Who took part in the incident or its handling: the names the cause must not point at."""

    def timeline_frame(self) -> pd.DataFrame:
        """The timeline as a table: time and what happened."""
        return pd.DataFrame([(entry.time.strftime("%Y-%m-%d %H:%M"), entry.event) for entry in self.timeline],
                            columns=["time", "what happened"])


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity} {self.where}: {self.message}"


@dataclass(frozen=True)
class Review(NotebookRepr):
    postmortem: PostMortem
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        return not self.errors

    def headline(self) -> str:
        warnings = len(self.findings) - len(self.errors)
        verdict = "ready to share" if self.ok else "not ready to share"
        return (f"{self.postmortem.title}: {plural(len(self.errors), 'error')}, "
                f"{plural(warnings, 'warning')}; {verdict}.")

    def __repr__(self) -> str:
        return "\n".join([self.headline(), *(f"- {finding}" for finding in self.findings)])

    def to_dict(self, show_users: bool = False) -> dict[str, Any]:
        """The JSON report (schema ``mopskit.postmortem/1``): the verdict and every finding.
        The people involved are never listed; ``show_users`` changes nothing."""
        return {
            "schema": REVIEW_SCHEMA,
            "title": self.postmortem.title,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.findings) - len(self.errors),
            "findings": [{"severity": f.severity, "where": f.where, "message": f.message} for f in self.findings],
        }


# --------------------------------------------------------------------------- the check


def _blank(text: str) -> bool:
    return not text.strip()


def names_in(text: str, people: Iterable[str]) -> list[str]:
    """People named in ``text`` by full name or by first or last name alone."""
    found = []
    for person in people:
        parts = [person, *person.split()]
        if any(len(part) > 2 and re.search(rf"\b{re.escape(part)}\b", text, re.IGNORECASE) for part in parts):
            found.append(person)
    return found


def blame_words_in(text: str) -> list[str]:
    return [word for word in BLAME_WORDS if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)]


def review(postmortem: PostMortem) -> Review:
    """Every missing part, incomplete action, out-of-order timeline and blameful phrase."""
    findings: list[Finding] = []
    for part in TEXT_PARTS:
        if _blank(getattr(postmortem, part)):
            findings.append(Finding(Severity.ERROR, part, f"the {part.replace('_', ' ')} is missing"))
    if len(postmortem.timeline) < MIN_TIMELINE:
        findings.append(Finding(Severity.ERROR, "timeline", f"the timeline has {len(postmortem.timeline)} entries; "
                                f"give at least {MIN_TIMELINE} (when it started or was detected, what was done, "
                                "when it was resolved)"))
    if not postmortem.causes:
        findings.append(Finding(Severity.ERROR, "causes", "no cause: say what in the process or the system "
                                "made it happen"))
    for index, (earlier, later) in enumerate(zip(postmortem.timeline, postmortem.timeline[1:]), start=1):
        if later.time < earlier.time:
            findings.append(Finding(Severity.ERROR, f"timeline[{index}]", "this entry is earlier than the one "
                                    "before it; put the timeline in time order"))
    for index, entry in enumerate(postmortem.timeline):
        if _blank(entry.event):
            findings.append(Finding(Severity.ERROR, f"timeline[{index}]", "say what happened at this time"))
    if not postmortem.contributing_factors:
        findings.append(Finding(Severity.WARNING, "contributing_factors", "no contributing factor: incidents "
                                "rarely have one cause; what made it worse or slower to notice?"))
    if not postmortem.actions:
        findings.append(Finding(Severity.ERROR, "actions",
                                "no action: say what will change so it does not happen again"))
    start = postmortem.timeline[0].time.date() if postmortem.timeline else None
    for index, action in enumerate(postmortem.actions):
        where = f"actions[{index}]"
        if _blank(action.action):
            findings.append(Finding(Severity.ERROR, where, "say what the action is"))
        if _blank(action.owner):
            findings.append(Finding(Severity.ERROR, where,
                                    "the action has no owner; name the one person who sees it done"))
        if action.due is None:
            findings.append(Finding(Severity.ERROR, where, "the action has no due date"))
        elif start is not None and action.due < start:
            findings.append(Finding(Severity.ERROR, where,
                                    f"the due date {action.due.isoformat()} is before the incident"))
    explanations = [*((f"causes[{i}]", text) for i, text in enumerate(postmortem.causes)),
                    *((f"contributing_factors[{i}]", text) for i, text in enumerate(postmortem.contributing_factors))]
    for where, text in explanations:
        for person in names_in(text, postmortem.people):
            findings.append(Finding(Severity.ERROR, where, f"names {person} as a cause; describe the gap in the "
                                    "process or the system that let the mistake through"))
        for word in blame_words_in(text):
            findings.append(Finding(Severity.ERROR, where, f"'{word}' blames a person; say what in the process or the "
                                    "system made it possible"))
    return Review(postmortem, tuple(findings))


# --------------------------------------------------------------------------- reading


def _text(value: Any, where: str, source: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputError("expected a text", file=source, column=where)
    return " ".join(str(value).split())


def _list(value: Any, where: str, source: str | None) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError("expected a list (one item per line starting with '- ')", file=source, column=where)
    return value


def _texts(value: Any, where: str, source: str | None) -> tuple[str, ...]:
    """A list of texts (a single text is read as a list of one); blank items are dropped."""
    items = [value] if isinstance(value, str) else _list(value, where, source)
    texts = (_text(item, f"{where}[{index}]" if not isinstance(value, str) else where, source)
             for index, item in enumerate(items))
    return tuple(text for text in texts if text)


def _blank_value(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def postmortem_from_dict(data: Mapping[str, Any], *, source: str | None = None) -> PostMortem:
    """A post-mortem from plain values (a YAML file or a notebook dictionary); missing parts
    stay empty for :func:`review` to name, wrong shapes raise ``InputError`` with the path."""
    if not isinstance(data, Mapping):
        raise InputError("expected a mapping with summary, impact, timeline, causes, "
                         "contributing_factors and actions", file=source)
    timeline = []
    for index, entry in enumerate(_list(data.get("timeline"), "timeline", source)):
        where = f"timeline[{index}]"
        if not isinstance(entry, Mapping) or "time" not in entry:
            raise InputError("expected 'time' and 'event'", file=source, column=where)
        if all(_blank_value(entry.get(key)) for key in ("time", "event")):
            continue  # an entry of the blank template, not filled in yet
        try:
            moment = parse_moment(entry["time"])
        except ValueError as error:
            raise InputError(str(error), file=source, column=f"{where}.time") from None
        timeline.append(TimelineEntry(moment, _text(entry.get("event"), f"{where}.event", source)))
    actions = []
    for index, entry in enumerate(_list(data.get("actions"), "actions", source)):
        where = f"actions[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError("expected 'action', 'owner' and 'due'", file=source, column=where)
        if all(_blank_value(entry.get(key)) for key in ("action", "owner", "due")):
            continue
        due = None
        if entry.get("due") not in (None, ""):
            try:
                due = read_date(entry["due"], iso_only=not isinstance(entry["due"], date))
            except ValueError as error:
                raise InputError(f"the due date {error}", file=source, column=f"{where}.due") from None
        actions.append(Action(_text(entry.get("action"), f"{where}.action", source),
                              _text(entry.get("owner"), f"{where}.owner", source), due))
    factors = _texts(data.get("contributing_factors"), "contributing_factors", source)
    causes = _texts(data.get("causes"), "causes", source)
    if "root_cause" in data:  # a file written before causes became a list
        causes = (*_texts(data.get("root_cause"), "root_cause", source), *causes)
    people = tuple(_text(item, f"people[{i}]", source)
                   for i, item in enumerate(_list(data.get("people"), "people", source)))
    return PostMortem(
        title=_text(data.get("title"), "title", source) or "Post-mortem",
        summary=_text(data.get("summary"), "summary", source),
        impact=_text(data.get("impact"), "impact", source),
        timeline=tuple(timeline),
        causes=causes,
        contributing_factors=factors,
        actions=tuple(actions),
        people=tuple(person for person in people if person),
    )


def load_postmortem(path: str | os.PathLike[str]) -> PostMortem:
    """Read a post-mortem YAML file; a problem names the file and the place in it."""
    return postmortem_from_dict(load_yaml(path), source=str(path))
