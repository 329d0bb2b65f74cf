"""The MOps 2x2 reports: where one person sits (``PersonaScore``), a team's mix (``TeamMix``), and
the people of a questionnaire file with their mix (``PersonaReport``).

The short form (a notebook, a terminal) is the headline sentence and the brief table: the
person's two coordinates, the team's count per quadrant, or each person's place. Names appear
only in a report asked to show users. Sees the values only for type checking: they never
import this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mopskit.frameworks.personas import CLOSE, closest_role, quadrant
from mopskit.report.document import Card, Cell, Column, Document, Emphasis, Kind, Measure, Row, Section, Table
from mopskit.wording import join_words, plural

if TYPE_CHECKING:
    from mopskit.frameworks.personas import PersonaScore, TeamMix
    from mopskit.frameworks.questionnaire import PersonaReport

__all__ = ["NOTE", "persona_document", "score_document", "team_document"]

NOTE = ("The MOps 2x2 is one practitioner's framework (MarTech, 8 April 2022) and the questionnaire is a "
        "conversation starter, not a validated test: use it to talk about strengths, never to hire or promote.")
AXES_LEAD = ("Technology−arts runs from −1 (technology) to +1 (arts); emotional−rational from −1 (emotional) "
             f"to +1 (rational). Each is the mean of its answered statements, from −1 to +1. Within {CLOSE:g} "
             "of the middle of an axis, a person shows traits of the quadrant across it.")
MIX_LEAD = ("Mainly here counts the people whose main quadrant it is; with traits of it, those close enough "
            "to it on an axis to show some of its traits.")
NOBODY = "—"
"""Said in the Who column where nobody is mainly in a quadrant."""


def _coordinate(value: float) -> Cell:
    """A coordinate as a figure (a sheet keeps the number), worded with its sign: '+0.25'."""
    return Cell(value, text=f"{value:+.2f}")


# --------------------------------------------------------------------------- one person


def axes_table(score: PersonaScore) -> Table:
    """The person's place on each axis."""
    return Table(
        (Column("axis", "Axis", chars=32), Column("score", "Score", Kind.NUMBER)),
        (Row({"axis": "Technology (−1) to arts (+1)", "score": _coordinate(score.x)}),
         Row({"axis": "Emotional (−1) to rational (+1)", "score": _coordinate(score.y)})),
    )


def score_document(score: PersonaScore, *, show_users: bool = False) -> Document:
    """Where one person sits; their name (in the headline) only with ``show_users``."""
    main = quadrant(score.primary)
    role = closest_role(score)
    traits = join_words([quadrant(q).name for q in score.secondary]) or "no other quadrant"
    quadrants = Table(
        (Column("quadrant", "Quadrant", strong=True, chars=14), Column("how", "This person", chars=18),
         Column("traits", "Traits", chars=50), Column("work", "Typical work", chars=50)),
        tuple(Row({"quadrant": entry.name, "how": how, "traits": entry.traits, "work": entry.typical_work})
              for entry, how in ((main, "mainly here"),
                                 *((quadrant(q), "with traits of it") for q in score.secondary))),
    )
    return Document(
        title="MOps 2x2: where one person sits",
        headline=score.describe(with_name=show_users),
        notes=(NOTE,),
        cards=(
            Card("Mainly", main.name, note=f"leans {main.x} and {main.y}"),
            Card("With traits of", traits),
            Card("A role to talk about", role.name,
                 note="one of Brinker's roles, by the kit's own reading of the quadrants: a prompt, not a verdict"),
        ),
        figures=(
            *((Measure("Person", score.name),) if show_users and score.name else ()),
            Measure("Mainly", main.name),
            Measure("With traits of", traits),
            Measure("A role to talk about (the kit's reading of Brinker's roles)", role.name, note=role.summary),
        ),
        sections=(
            Section("Where this person sits", short_title="Axes",
                    lead=f"{score.describe(with_name=show_users)} {AXES_LEAD}", table=axes_table(score),
                    personal=show_users and bool(score.name)),
            Section("The quadrants this person shows", short_title="Quadrants",
                    lead="The main quadrant first, then any the person is close to across an axis.",
                    table=quadrants),
        ),
        brief=axes_table(score),
    )


# --------------------------------------------------------------------------- a team


def mix_table(mix: TeamMix, *, show_users: bool = False) -> Table:
    """People per quadrant; who is mainly where only with ``show_users`` and names kept by ``team_mix``."""
    secondary = dict(mix.secondary_counts)
    named = show_users and bool(mix.members)
    names = dict(mix.members)
    columns = (
        Column("quadrant", "Quadrant", strong=True, chars=14),
        Column("mainly", "Mainly here", Kind.INTEGER),
        Column("traits", "With traits of it", Kind.INTEGER),
        *((Column("who", "Who", Kind.LIST, missing=NOBODY, chars=30),) if named else ()),
    )
    return Table(columns, tuple(
        Row({"quadrant": quadrant(q).name, "mainly": count, "traits": secondary[q],
             **({"who": names.get(q) or None} if named else {})},
            emphasis=Emphasis.STRONG if q == mix.hire_for else None)
        for q, count in mix.primary_counts
    ))


def _hire_for(mix: TeamMix) -> tuple[str, str]:
    """The quadrant to hire for and why, for a card."""
    name = quadrant(mix.hire_for).name
    if not mix.uncovered:
        return name, "the thinnest quadrant"
    others = [quadrant(q).name for q in mix.uncovered if q != mix.hire_for]
    return name, "nobody is mainly there" + (f", nor among the {join_words(others)}" if others else "")


def _mix_section(mix: TeamMix, *, show_users: bool = False, glance: bool = False) -> Section:
    return Section("The team's mix", short_title="Mix", lead=f"{mix.summary()} {MIX_LEAD}",
                   table=mix_table(mix, show_users=show_users), personal=show_users and bool(mix.members),
                   glance=glance)


def team_document(mix: TeamMix, *, show_users: bool = False) -> Document:
    """How a team spreads over the 2x2 and whom to hire next; names only with ``show_users``."""
    hire, why = _hire_for(mix)
    uncovered = join_words([quadrant(q).name for q in mix.uncovered]) or "none"
    return Document(
        title="MOps 2x2: the team's mix",
        scope=(plural(mix.size, "person", "people"),),
        headline=mix.summary(),
        notes=(NOTE,),
        cards=(Card("People", mix.size, Kind.INTEGER), Card("Hire for", hire, note=why)),
        figures=(
            Measure("People", mix.size, Kind.INTEGER),
            Measure("Quadrants nobody is mainly in", uncovered),
            Measure("Hire for", hire, note=why),
        ),
        sections=(_mix_section(mix, show_users=show_users),),
        brief=mix_table(mix, show_users=show_users),
    )


# --------------------------------------------------------------------------- a questionnaire file


def persona_document(report: PersonaReport, *, show_users: bool = False) -> Document:
    """Where each person of a questionnaire file sits and, for two or more, the team's mix;
    names only with ``show_users`` (else 'Person 1', 'Person 2', ...)."""
    people = Table(
        (Column("person", "Person", strong=True, chars=20), Column("quadrant", "Mainly", chars=14),
         Column("x", "Technology−arts", Kind.NUMBER, chars=8), Column("y", "Emotional−rational", Kind.NUMBER, chars=8),
         Column("secondary", "With traits of", Kind.LIST, missing="", chars=20)),
        tuple(Row({"person": report.label(index, show_users=show_users), "quadrant": quadrant(person.primary).name,
                   "x": _coordinate(person.x), "y": _coordinate(person.y),
                   "secondary": tuple(quadrant(q).name for q in person.secondary) or None})
              for index, person in enumerate(report.people)),
    )
    sections = [Section("Where each person sits", short_title="People", lead=AXES_LEAD, table=people,
                        personal=show_users)]
    cards = [Card("People", len(report.people), Kind.INTEGER)]
    figures = [Measure("People", len(report.people), Kind.INTEGER)]
    if len(report.people) > 1:
        mix = report.mix
        hire, why = _hire_for(mix)
        sections.append(_mix_section(mix, glance=True))
        cards.append(Card("Hire for", hire, note=why))
        figures.append(Measure("Hire for", hire, note=why))
    else:
        main = quadrant(report.people[0].primary).name
        cards.append(Card("Mainly", main))
        figures.append(Measure("Mainly", main))
    return Document(
        title="MOps 2x2: where people sit",
        scope=(plural(len(report.people), "person", "people"),),
        headline=report.headline(),
        notes=(NOTE,),
        cards=tuple(cards),
        figures=tuple(figures),
        sections=tuple(sections),
        brief=people,
    )
