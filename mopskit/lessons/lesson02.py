"""Exercises for lesson 02, "Personas and roles": apply the MOps 2x2 and Brinker's roles.

The quadrants, the roles and the crosswalk come from ``personas.yaml`` through
``mopskit.frameworks.personas``; every expected answer is computed there (the team's gap by
``team_mix``, a role by ``closest_role``). This module holds the exercises' own material
(job vignettes, a team, three personas) and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from mopskit.exercises.checks import (
    Verdict,
    did_you_mean,
    failed,
    judge_each,
    match_name,
    name_lookup,
    passed,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.frameworks.personas import (
    PersonaScore, Quadrant, TeamMix, closest_role, quadrant, quadrants, roles, score_persona, team_mix,
)
from mopskit.wording import join_words

QUADRANT_ALIASES = {
    Quadrant.MODERNIZERS: ("modernizer", "modernisers", "moderniser"),
    Quadrant.ORCHESTRATORS: ("orchestrator",),
    Quadrant.PSYCHOLOGISTS: ("psychologist",),
    Quadrant.SCIENTISTS: ("scientist",),
}
ROLE_ALIASES = {
    "maestros": ("maestro",),
    "marketers": ("marketer",),
    "modelers": ("modeler", "modellers", "modeller"),
    "makers": ("maker",),
}


def _quadrant_lookup() -> dict[str, str]:
    return name_lookup({q.id: (q.name, *QUADRANT_ALIASES.get(q.id, ())) for q in quadrants()})


def _role_lookup() -> dict[str, str]:
    return name_lookup({r.id: (r.name, *ROLE_ALIASES.get(r.id, ())) for r in roles()})


def _quadrant_names() -> str:
    return join_words([q.name for q in quadrants()], "or")


# ---------------------------------------------------------------------------
# 02.1  Place each job on the 2x2
# ---------------------------------------------------------------------------

VIGNETTES = {
    "A": ("Every Monday Sara reviews last week's A/B tests, updates the attribution report and "
          "connects the webinar tool to the CRM with a no-code integration.", Quadrant.SCIENTISTS),
    "B": ("Marco was the first in the company to pilot SMS engagement and is already trying out "
          "an AI chatbot for the website; new releases are the best part of his week.", Quadrant.MODERNIZERS),
    "C": ("Elena sits in the product and customer-service meetings, links the spring campaign to the "
          "new onboarding experience and tells the CMO when customer behaviour means the plan must change.",
          Quadrant.ORCHESTRATORS),
    "D": ("Paolo studies which pages, emails and webinars prospects engage with and turns those "
          "signals into an intent score that tells sales who is ready to talk.", Quadrant.PSYCHOLOGISTS),
}
"""Label -> (what the person does, the quadrant of their main strength)."""


def vignettes_to_place() -> pd.DataFrame:
    """The job vignettes of task 02.1, labelled A-D, without their quadrant."""
    return pd.DataFrame({"Label": list(VIGNETTES), "What this person does": [text for text, _ in VIGNETTES.values()]})


@task(
    "02.1",
    "Place each job on the 2x2",
    hints=(
        "For each person ask two questions: do their skills lean to the tools (technology) or to "
        "shaping process, people and message (arts)? Do they decide from enthusiasm and feel "
        "(emotional) or from evidence (rational)?",
        "Look for the verbs: testing and measuring, piloting new releases, linking teams together, "
        "reading customers' engagement. Each points to a different quadrant.",
        "Each quadrant is used exactly once. Check the lesson's quadrant table: the 'Typical work' "
        "column describes each quadrant's week.",
    ),
)
def check_vignettes(answer: Any) -> Verdict:
    """Each label A-D maps to the quadrant of that person's main strength."""
    example = '{"A": "Scientists", "B": "...", "C": "...", "D": "..."}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a quadrant", answer, example)
    lookup, role_lookup = _quadrant_lookup(), _role_lookup()

    def judge(label: str, value: Any) -> list[str]:
        chosen = match_name(value, lookup)
        if chosen is None:
            if match_name(value, role_lookup):
                return [f"{value!r} (for {label}) is one of Brinker's roles; answer with a quadrant: {_quadrant_names()}."]
            mean = did_you_mean(value, lookup, shown=lambda key: quadrant(key).name)
            return [f"{value!r} (for {label}) is not a quadrant; the quadrants are {_quadrant_names()}.{mean}"]
        expected = VIGNETTES[label][1]
        if chosen == expected:
            return []
        q, e = quadrant(chosen), quadrant(expected)
        if q.x != e.x and q.y != e.y:
            why = "both axes are the other way round"
        elif q.x != e.x:
            why = "the decisions fit, but this person's skills lean the other way on the technology–arts axis"
        else:
            why = "the skills fit, but this person decides the other way on the emotional–rational axis"
        return [f"{label} is not mainly among the {q.name}: {why}."]

    right, problems = judge_each(
        answer, list(VIGNETTES), judge, missing="Person {name} has no quadrant yet.",
        unknown=lambda key: f"There is no person {key!r}; the people are labelled {join_words(list(VIGNETTES))}.")
    if problems:
        return failed(
            f"{right} of {len(VIGNETTES)} people are in the right quadrant.",
            problems,
            "Ask the two questions of each person (skills, then decisions), then check again (or ask for a hint()).",
        )
    return passed(
        f"All {len(VIGNETTES)} people are in their main quadrant. Remember that real people show traits "
        "of more than one: these vignettes were written to lean clearly one way."
    )


# ---------------------------------------------------------------------------
# 02.2  Which quadrant should the next hire strengthen?
# ---------------------------------------------------------------------------

HIRING_TEAM = {
    "Head of marketing operations": {"q1": 2, "q2": 5, "q4": 4, "q7": 4, "q9": 5},
    "Marketing automation lead": {"q1": 5, "q3": 5, "q5": 4, "q7": 5, "q9": 4},
    "Martech developer": {"q1": 5, "q3": 4, "q5": 5, "q7": 4, "q6": 2},
    "Events and partnerships manager": {"q2": 4, "q4": 5, "q9": 4, "q7": 4, "q6": 3},
    "Lifecycle marketer": {"q2": 4, "q4": 4, "q6": 3, "q7": 4, "q8": 3, "q10": 3},
}
"""The team of task 02.2, by job title, with each person's questionnaire answers."""


def hiring_team() -> tuple[PersonaScore, ...]:
    return tuple(score_persona(answers, name=title) for title, answers in HIRING_TEAM.items())


def hiring_mix() -> TeamMix:
    return team_mix(hiring_team())


def hiring_team_table() -> pd.DataFrame:
    """The team of task 02.2: each person's main quadrant and the quadrants they show traits of."""
    return pd.DataFrame(
        {
            "Job title": [person.name for person in hiring_team()],
            "Main quadrant": [quadrant(person.primary).name for person in hiring_team()],
            "Also shows traits of": [
                join_words([quadrant(q).name for q in person.secondary]) or "—" for person in hiring_team()
            ],
        }
    )


@task(
    "02.2",
    "Which quadrant should the next hire strengthen?",
    hints=(
        "Count the people whose *main* quadrant is each of the four. Which quadrants have nobody?",
        "If more than one quadrant has nobody, look at the last column: a quadrant where someone "
        "already shows traits is partly covered.",
        "Answer with one quadrant name, not a job title or one of Brinker's roles.",
    ),
)
def check_hire_for(answer: Any) -> Verdict:
    """One quadrant: the team's gap as ``team_mix`` finds it."""
    mix = hiring_mix()
    expected = mix.hire_for
    if not isinstance(answer, str):
        return wrong_shape("one quadrant name, as text", answer, 'answer = "Modernizers"')
    chosen = match_name(answer, _quadrant_lookup())
    if chosen is None:
        if match_name(answer, _role_lookup()):
            return failed(f"{answer!r} is one of Brinker's roles.", suggestion=f"Answer with a quadrant: {_quadrant_names()}.")
        mean = did_you_mean(answer, _quadrant_lookup(), shown=lambda key: quadrant(key).name)
        return failed(f"{answer!r} is not a quadrant.{mean}", suggestion=f"The quadrants are {_quadrant_names()}.")
    if chosen == expected:
        return passed(
            f"Yes: nobody on the team is mainly among the {quadrant(expected).name}, and nobody even shows "
            "their traits. A hire there adds a strength the team lacks; the job ad still starts from the work ahead."
        )
    count = mix.counts[Quadrant(chosen)]
    name = quadrant(chosen).name
    if count:
        return failed(
            f"The team already has {count} {'person' if count == 1 else 'people'} mainly among the {name}.",
            suggestion="Look for a quadrant where nobody has their main strength.",
        )
    return failed(
        f"Nobody is mainly among the {name}, but someone on the team already shows their traits.",
        suggestion="Two quadrants have nobody; pick the one that nobody covers even partly.",
    )


# ---------------------------------------------------------------------------
# 02.3  From persona to Brinker's role
# ---------------------------------------------------------------------------

PERSONAS = {
    "A": {"q1": 4, "q2": 3, "q3": 3, "q5": 3, "q6": 5, "q8": 5, "q10": 4},
    "B": {"q2": 5, "q4": 5, "q7": 4, "q9": 5, "q8": 2},
    "C": {"q2": 4, "q4": 5, "q6": 5, "q8": 4, "q10": 5, "q9": 2, "q1": 3},
}
"""Label -> questionnaire answers of the three personas in task 02.3."""


def personas_to_match() -> pd.DataFrame:
    """The personas of task 02.3: where each sits, in words, without a role."""
    scores = {label: score_persona(answers) for label, answers in PERSONAS.items()}
    return pd.DataFrame({"Label": list(scores), "Questionnaire result": [score.describe() for score in scores.values()]})


def expected_roles() -> dict[str, str]:
    return {label: closest_role(score_persona(answers)).id for label, answers in PERSONAS.items()}


@task(
    "02.3",
    "From persona to Brinker's closest role",
    hints=(
        "First find each persona's main quadrant in the result sentence; ignore the traits for now.",
        "The lesson's table of Brinker's roles has a 'Closest quadrant' column: read it from right to left.",
        "Answer with Brinker's role names (maestros, marketers, modelers, makers), not with quadrant names.",
    ),
)
def check_roles(answer: Any) -> Verdict:
    """Each label maps to the role the kit's crosswalk puts next to the persona's main quadrant."""
    expected = expected_roles()
    example = '{"A": "makers", "B": "...", "C": "..."}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to C) to one of Brinker's roles", answer, example)
    lookup, quadrant_lookup = _role_lookup(), _quadrant_lookup()
    role_names = join_words([r.name.lower() for r in roles()], "or")

    def judge(label: str, value: Any) -> list[str]:
        chosen = match_name(value, lookup)
        if chosen is None:
            if match_name(value, quadrant_lookup):
                return [f"{value!r} (for {label}) is a quadrant; answer with Brinker's role: {role_names}."]
            mean = did_you_mean(value, lookup)
            return [f"{value!r} (for {label}) is not one of Brinker's roles ({role_names}).{mean}"]
        if chosen == expected[label]:
            return []
        score = score_persona(PERSONAS[label])
        role_quadrant = next(r.quadrant for r in roles() if r.id == chosen)
        if role_quadrant in score.secondary:
            return [f"{label}: {chosen} sits next to a quadrant this persona only shows traits of; use the main quadrant."]
        return [f"{label}: {chosen} sits next to {quadrant(role_quadrant).name}, not this persona's main quadrant."]

    right, problems = judge_each(
        answer, list(expected), judge, missing="Persona {name} has no role yet.",
        unknown=lambda key: f"There is no persona {key!r}; the personas are labelled {join_words(list(expected))}.")
    if problems:
        return failed(
            f"{right} of {len(expected)} personas have the closest role.",
            problems,
            "Find each persona's main quadrant, then the role next to it in the lesson's table.",
        )
    return passed(
        f"All {len(expected)} personas have their closest role. Only the maestros–Orchestrators pair comes from "
        "the column's author; the others are the kit's reading, so a well-argued different answer is worth discussing."
    )
