"""The persona report: where each person sits on the MOps 2x2 and, for a team, its mix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mopskit.personas import CLOSE, quadrant
from mopskit.report.document import Card, Column, Document, Kind, Row, Section, Table
from mopskit.wording import join_words, plural

if TYPE_CHECKING:
    from mopskit.questionnaire import PersonaReport

NOTE = ("The MOps 2x2 is one practitioner's framework (MarTech, 8 April 2022) and the questionnaire is a "
        "conversation starter, not a validated test: use it to talk about strengths, never to hire or promote.")


def persona_document(result: PersonaReport, *, show_users: bool = False) -> Document:
    people = Table(
        (Column("person", "Person", strong=True, chars=20), Column("quadrant", "Mainly", chars=14),
         Column("x", "Technology−arts", chars=8), Column("y", "Emotional−rational", chars=8),
         Column("secondary", "With traits of", Kind.LIST, missing="", chars=20)),
        tuple(Row({"person": result.label(index, show_users=show_users), "quadrant": quadrant(person.primary).name,
                   "x": f"{person.x:+.2f}", "y": f"{person.y:+.2f}",
                   "secondary": tuple(quadrant(q).name for q in person.secondary)})
              for index, person in enumerate(result.people)),
    )
    sections = [Section("Where each person sits", short_title="People",
                        lead="Technology−arts runs from −1 (technology) to +1 (arts); emotional−rational from −1 (emotional) "
                             f"to +1 (rational). Each is the mean of its answered statements, from −1 to +1. Within {CLOSE:g} "
                             "of the middle of an axis, a person shows traits of the quadrant across it.",
                        table=people, personal=show_users)]
    cards = [Card("People", len(result.people), Kind.INTEGER)]
    if len(result.people) > 1:
        mix = result.mix
        sections.append(Section(
            "The team's mix", short_title="Mix", lead=mix.summary(),
            table=Table(
                (Column("quadrant", "Quadrant", strong=True, chars=14),
                 Column("mainly", "Mainly here", Kind.INTEGER), Column("traits", "With traits of it", Kind.INTEGER)),
                tuple(Row({"quadrant": quadrant(q).name, "mainly": count, "traits": dict(mix.secondary_counts)[q]})
                      for q, count in mix.primary_counts),
            ),
        ))
        cards.append(Card("Hire for", quadrant(mix.hire_for).name,
                          note="nobody there: " + join_words([quadrant(q).name for q in mix.uncovered])
                          if mix.uncovered else "the thinnest quadrant"))
    else:
        cards.append(Card("Mainly", quadrant(result.people[0].primary).name))
    return Document(
        title="MOps 2x2: where people sit",
        scope=(plural(len(result.people), "person", "people"),),
        headline=result.headline(),
        notes=(NOTE,),
        cards=tuple(cards),
        sections=tuple(sections),
        brief=people,
    )
