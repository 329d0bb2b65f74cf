"""Pure helpers over the kit's content: figures, citations, definitions, pillars, syllabus.

Lessons call these instead of reading YAML themselves, so a number is written once in
``mopskit/content`` and every table, chart and exercise shows the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mopskit.content import knowledge
from mopskit.content.types import Figure, Source
from mopskit.errors import InputError

__all__ = ["Figure", "LessonRow", "Syllabus", "brief_citation", "citation", "coordination_hours",
           "definitions_frame", "duties_frame", "figure", "figure_credit", "figures_frame", "glossary_frame",
           "lesson_sources", "levels_frame", "levels_with_lessons", "minutes_by_level", "modernization_frame",
           "pillars_frame", "publication_date", "share_of_hours", "short_citation", "syllabus", "taxonomy_frame"]


def figure(figure_id: str) -> Figure:
    """The figure ``figure_id`` from ``facts.yaml``; an unknown id names the known ones."""
    return knowledge.figure(figure_id)


def citation(source_id: str) -> str:
    """A one-line citation for ``source_id``: author, title, publisher, year."""
    entry = knowledge.source(source_id)
    parts = [entry.author, f"“{entry.title}”", entry.publisher, entry.year]
    text = ", ".join(str(part) for part in parts if part is not None)
    if entry.url:
        text += f" ({entry.url})"
    return text + "."


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def publication_date(source_id: str) -> str | None:
    """When a source was published, as a reader would say it: '24 March 2023', '2019', or None."""
    entry = knowledge.source(source_id)
    if entry.date:
        parts = [int(part) for part in entry.date.split("-")]
        year, month = parts[0], _MONTHS[parts[1] - 1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        return " ".join(str(part) for part in (day, month, year) if part is not None)
    return str(entry.year) if entry.year else None


def short_citation(source_id: str) -> str:
    """A compact credit for captions and tables: who, then where and when.

    'Emanuele Villa (Italian marketing site, Growth Marketing section, 24 March 2023)'; a
    source without an author is named by its publisher: 'Gartner, 2019'.
    """
    entry = knowledge.source(source_id)
    when = publication_date(source_id)
    if not entry.author:
        return ", ".join(str(part) for part in (entry.publisher or entry.title, when) if part)
    details = ", ".join(str(part) for part in (entry.publisher, when) if part)
    return f"{entry.author} ({details})" if details else entry.author


def brief_citation(entry: Source) -> str:
    """A source in a few words, by publication (or author) and year, e.g. "Prosci, 2006": how
    the Glossary credits a definition."""
    who = entry.publisher or entry.author or entry.title
    return f"{who}, {entry.year}" if entry.year else who


def figure_credit(fig: Figure) -> str:
    """Who states ``fig`` and, when the kit read it second-hand, where: for chart captions."""
    credit = short_citation(fig.source)
    if fig.via is not None:
        reporter = "by" if knowledge.source(fig.via).author else "in the"
        credit += f", as reported {reporter} {short_citation(fig.via)}"
    return credit


def lesson_sources(lesson_id: str) -> tuple[str, ...]:
    """The source ids a lesson lists at its end, from ``syllabus.yaml``: ``lesson_sources("04")``."""
    return knowledge.syllabus().lesson(lesson_id).sources


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
            "Organisation": entry.organisation,
            "Definition": entry.text,
            "What it stresses": entry.focus,
            "Wording": entry.wording.value,
            "Read in": short_citation(entry.via or entry.source),
        }
        for entry in knowledge.definitions()
    ]
    return pd.DataFrame(rows)


def pillars_frame() -> pd.DataFrame:
    """HubSpot's three pillars with a one-line summary of each."""
    return pd.DataFrame(
        [
            {"Pillar": pillar.name, "What it covers": pillar.summary}
            for pillar in knowledge.pillars().pillars
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
    glossary = {entry.term: entry for entry in knowledge.glossary().terms}
    missing = [term for term in terms if term not in glossary]
    if missing:
        raise InputError(f"not in the glossary: {', '.join(missing)}", file=knowledge.path_of("glossary"))
    return pd.DataFrame([{"Term": term, "Definition": glossary[term].definition} for term in terms])


def taxonomy_frame() -> pd.DataFrame:
    """Chiefmartec's 2022 martech categories, with how many subcategories each holds and which."""
    return pd.DataFrame(
        [
            {
                "Category": category.name,
                "Subcategories": len(category.subcategories),
                "What it covers": "; ".join(category.subcategories),
            }
            for category in knowledge.taxonomy().categories
        ]
    )


def modernization_frame() -> pd.DataFrame:
    """The MarTech modernizers column's pairs: an established tactic, its modern form, and what changes."""
    return pd.DataFrame(
        [
            {
                "Established tactic": pair.established,
                "How MOps teams modernise it": pair.modernized,
                "What changes": pair.why,
            }
            for pair in knowledge.modernization().pairs
        ]
    )


def duties_frame() -> pd.DataFrame:
    """Emanuele Villa's list of MOps duties with the pillar (people, process, technology) each serves."""
    content = knowledge.pillars()
    names = {pillar.id: pillar.name for pillar in content.pillars}
    rows = [{"Duty": duty.text, "Pillar": names[duty.pillar]} for duty in content.duties]
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


def syllabus(link_prefix: str = "") -> Syllabus:
    """The syllabus from ``syllabus.yaml``; available lessons link to ``link_prefix`` + file."""
    rows = tuple(
        LessonRow(
            id=lesson.id,
            title=lesson.title,
            level=lesson.level.value,
            minutes=lesson.minutes,
            status=lesson.status.value,
            link=link_prefix + lesson.filename if lesson.available else None,
        )
        for lesson in knowledge.syllabus().lessons
    )
    return Syllabus(rows)


def levels_frame() -> pd.DataFrame:
    """The syllabus' levels in order, with what each covers."""
    levels = knowledge.syllabus().levels
    return pd.DataFrame({"Name": [level.name.value for level in levels],
                         "Summary": [level.summary for level in levels]})


def minutes_by_level() -> pd.DataFrame:
    """Lessons and minutes per level, in the syllabus' level order."""
    frame = syllabus().to_frame()
    order = [level.name.value for level in knowledge.syllabus().levels]
    grouped = frame.groupby("Level", sort=False).agg(
        Lessons=("Lesson", "count"), Minutes=("Minutes", "sum")
    )
    return grouped.reindex(order).fillna(0).astype(int)



def levels_with_lessons() -> pd.DataFrame:
    """Each level of the syllabus, what it covers and its lessons by number and title."""
    content = knowledge.syllabus()
    return pd.DataFrame(
        [(level.name.value, level.summary,
          "; ".join(f"{lesson.id} {lesson.title}" for lesson in content.at_level(level.name)))
         for level in content.levels],
        columns=["Level", "What it covers", "Lessons"],
    )
