"""Pure helpers over the kit's content: figures, citations, definitions, pillars, syllabus.

Lessons call these instead of reading YAML themselves, so a number is written once in
``mopskit/content`` and every table, chart and exercise shows the same value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mopskit.content import knowledge
from mopskit.errors import InputError

_QUALIFIER_WORDS = {"up-to": "up to ", "more-than": "more than ", "about": "about "}


@dataclass(frozen=True)
class Figure:
    """One cited figure from ``facts.yaml``; shares are fractions (0.8 means 80%)."""

    id: str
    claim: str
    low: float
    high: float
    unit: str
    qualifier: str
    source: str
    via: str | None = None
    year: int | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """The figure as a reader would say it: '80–90%', '84%', 'up to 25%'."""
        prefix = _QUALIFIER_WORDS.get(self.qualifier, "")
        if self.qualifier == "up-to" or self.low == self.high:
            return prefix + _format_amount(self.high, self.unit)
        return f"{_format_number(self.low, self.unit)}–{_format_amount(self.high, self.unit)}"


def _format_number(amount: float, unit: str) -> str:
    if unit == "share":
        return f"{amount * 100:.1f}".removesuffix(".0")
    return f"{amount:,.0f}"


def _format_amount(amount: float, unit: str) -> str:
    number = _format_number(amount, unit)
    return f"{number}%" if unit == "share" else f"{number} {unit}"


def figure(figure_id: str) -> Figure:
    """The figure ``figure_id`` from ``facts.yaml``; an unknown id names the known ones."""
    for entry in knowledge.load("facts")["figures"]:
        if entry["id"] == figure_id:
            return Figure(**dict(entry))
    known = ", ".join(entry["id"] for entry in knowledge.load("facts")["figures"])
    raise InputError(f"no figure named '{figure_id}'; known: {known}")


def citation(source_id: str) -> str:
    """A one-line citation for ``source_id``: author, title, publisher, year."""
    entry = knowledge.source(source_id)
    parts = [entry["author"], f"“{entry['title']}”", entry["publisher"], entry["year"]]
    text = ", ".join(str(part) for part in parts if part is not None)
    if entry["url"]:
        text += f" ({entry['url']})"
    return text + "."


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def publication_date(source_id: str) -> str | None:
    """When a source was published, as a reader would say it: '24 March 2023', '2019', or None."""
    entry = knowledge.source(source_id)
    when = entry.get("date")
    if when:
        parts = [int(part) for part in str(when).split("-")]
        year, month = parts[0], _MONTHS[parts[1] - 1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        return " ".join(str(part) for part in (day, month, year) if part is not None)
    return str(entry["year"]) if entry.get("year") else None


def short_citation(source_id: str) -> str:
    """A compact credit for captions and tables: who, then where and when.

    'Emanuele Villa (Italian marketing site, Growth Marketing section, 24 March 2023)'; a
    source without an author is named by its publisher: 'Gartner, 2019'.
    """
    entry = knowledge.source(source_id)
    when = publication_date(source_id)
    if not entry["author"]:
        return ", ".join(str(part) for part in (entry["publisher"] or entry["title"], when) if part)
    details = ", ".join(str(part) for part in (entry["publisher"], when) if part)
    return f"{entry['author']} ({details})" if details else str(entry["author"])


def brief_citation(entry: Mapping[str, Any]) -> str:
    """A source (an entry of ``sources.yaml``) in a few words, by publication (or author) and
    year, e.g. "Prosci, 2006": how the Glossary credits a definition."""
    who = entry.get("publisher") or entry.get("author") or entry["title"]
    return f"{who}, {entry['year']}" if entry.get("year") else str(who)


def figure_credit(fig: Figure) -> str:
    """Who states ``fig`` and, when the kit read it second-hand, where: for chart captions."""
    credit = short_citation(fig.source)
    if fig.via is not None:
        reporter = "by" if knowledge.source(fig.via)["author"] else "in the"
        credit += f", as reported {reporter} {short_citation(fig.via)}"
    return credit


def lesson_sources(lesson_id: str) -> tuple[str, ...]:
    """The source ids a lesson lists at its end, from ``syllabus.yaml``: ``lesson_sources("04")``."""
    for lesson in knowledge.load("syllabus")["lessons"]:
        if lesson["id"] == lesson_id:
            return tuple(lesson.get("sources") or ())
    raise InputError(f"no lesson '{lesson_id}' in the syllabus")


def share_of_hours(weekly_hours: float, share: float) -> float:
    """Hours of a ``weekly_hours`` week that a ``share`` (0..1) of the time amounts to."""
    if weekly_hours < 0:
        raise InputError(f"weekly hours must be zero or more, not {weekly_hours}")
    if not 0 <= share <= 1:
        raise InputError(f"a share must lie between 0 and 1, not {share}")
    return weekly_hours * share


def coordination_hours(weekly_hours: float) -> tuple[float, float]:
    """Low and high hours of coordination in a week, at the 80–90% share one practitioner estimates."""
    time_share = figure("coordination-time-share")
    return (
        share_of_hours(weekly_hours, time_share.low),
        share_of_hours(weekly_hours, time_share.high),
    )


def definitions_frame() -> pd.DataFrame:
    """The definitions of marketing operations side by side, with what each stresses."""
    rows = [
        {
            "Organisation": entry["organisation"],
            "Definition": entry["text"],
            "What it stresses": entry["focus"],
            "Wording": entry["wording"],
            "Read in": short_citation(entry["via"]),
        }
        for entry in knowledge.load("definitions")["definitions"]
    ]
    return pd.DataFrame(rows)


def pillars_frame() -> pd.DataFrame:
    """HubSpot's three pillars with a one-line summary of each."""
    return pd.DataFrame(
        [
            {"Pillar": pillar["name"], "What it covers": pillar["summary"]}
            for pillar in knowledge.load("pillars")["pillars"]
        ]
    )


def figures_frame(figure_ids: list[str]) -> pd.DataFrame:
    """Figures side by side: the number, what it measures, and who published it."""
    rows = []
    for figure_id in figure_ids:
        fig = figure(figure_id)
        rows.append({"Figure": fig.label, "What it measures": fig.claim, "Source": figure_credit(fig)})
    return pd.DataFrame(rows)


def glossary_frame(terms: list[str]) -> pd.DataFrame:
    """Glossary definitions of ``terms``, in the order given; an unknown term is an
    ``InputError`` naming it and the glossary file."""
    glossary = {entry["term"]: entry for entry in knowledge.load("glossary")["terms"]}
    missing = [term for term in terms if term not in glossary]
    if missing:
        raise InputError(f"not in the glossary: {', '.join(missing)}", file=knowledge.path_of("glossary"))
    return pd.DataFrame([{"Term": term, "Definition": glossary[term]["definition"]} for term in terms])


def taxonomy_frame() -> pd.DataFrame:
    """Chiefmartec's 2022 martech categories, with how many subcategories each holds and which."""
    return pd.DataFrame(
        [
            {
                "Category": category["name"],
                "Subcategories": len(category["subcategories"]),
                "What it covers": "; ".join(category["subcategories"]),
            }
            for category in knowledge.load("martech-taxonomy")["categories"]
        ]
    )


def modernization_frame() -> pd.DataFrame:
    """The MarTech modernizers column's pairs: an established tactic, its modern form, and what changes."""
    return pd.DataFrame(
        [
            {
                "Established tactic": pair["established"],
                "How MOps teams modernise it": pair["modernized"],
                "What changes": pair["why"],
            }
            for pair in knowledge.load("modernization")["pairs"]
        ]
    )


def duties_frame() -> pd.DataFrame:
    """Emanuele Villa's list of MOps duties with the pillar (people, process, technology) each serves."""
    content = knowledge.load("pillars")
    names = {pillar["id"]: pillar["name"] for pillar in content["pillars"]}
    rows = [{"Duty": duty["text"], "Pillar": names[duty["pillar"]]} for duty in content["duties"]]
    order = list(names.values())
    frame = pd.DataFrame(rows)
    frame["Pillar"] = pd.Categorical(frame["Pillar"], categories=order, ordered=True)
    return frame.sort_values(["Pillar", "Duty"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class LessonRow:
    """One lesson of the syllabus, with its notebook link when it is available."""

    id: str
    title: str
    level: str
    minutes: int
    status: str
    link: str | None


@dataclass(frozen=True)
class Syllabus:
    """The syllabus, one row per lesson (``to_frame`` gives it as a table)."""

    rows: tuple[LessonRow, ...]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Lesson": [row.id for row in self.rows],
                "Title": [row.title for row in self.rows],
                "Level": [row.level for row in self.rows],
                "Minutes": [row.minutes for row in self.rows],
                "Status": [row.status for row in self.rows],
                "Notebook": [row.link or "" for row in self.rows],
            }
        )

    def __repr__(self) -> str:
        available = sum(row.status == "available" for row in self.rows)
        return f"Syllabus: {len(self.rows)} lessons, {available} available"


def lesson_filename(lesson: Mapping[str, Any]) -> str:
    """The notebook file name of a syllabus lesson: ``{id}-{slug}.ipynb``."""
    return f"{lesson['id']}-{lesson['slug']}.ipynb"


def syllabus(link_prefix: str = "") -> Syllabus:
    """The syllabus from ``syllabus.yaml``; available lessons link to ``link_prefix`` + file."""
    rows = tuple(
        LessonRow(
            id=lesson["id"],
            title=lesson["title"],
            level=lesson["level"],
            minutes=lesson["minutes"],
            status=lesson["status"],
            link=link_prefix + lesson_filename(lesson) if lesson["status"] == "available" else None,
        )
        for lesson in knowledge.load("syllabus")["lessons"]
    )
    return Syllabus(rows)


def minutes_by_level() -> pd.DataFrame:
    """Lessons and minutes per level, in the syllabus' level order."""
    content = knowledge.load("syllabus")
    frame = syllabus().to_frame()
    order = [level["name"] for level in content["levels"]]
    grouped = frame.groupby("Level", sort=False).agg(
        Lessons=("Lesson", "count"), Minutes=("Minutes", "sum")
    )
    return grouped.reindex(order).fillna(0).astype(int)



def levels_with_lessons() -> pd.DataFrame:
    """Each level of the syllabus, what it covers and its lessons by number and title."""
    content = knowledge.load("syllabus")
    return pd.DataFrame(
        [(level["name"], level["summary"],
          "; ".join(f"{lesson['id']} {lesson['title']}" for lesson in content["lessons"]
                    if lesson["level"] == level["name"]))
         for level in content["levels"]],
        columns=["Level", "What it covers", "Lessons"],
    )
