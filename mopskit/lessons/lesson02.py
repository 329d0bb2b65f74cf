"""Lesson 02, "Personas and roles": Aurora Living's MOps team and the exercises on the MOps 2x2.

The quadrants and Brinker's roles come from ``personas.yaml`` through
``mopskit.frameworks.personas``; the team's gap is computed there by ``team_mix``. This module
holds the lesson's and the exercises' own material (Aurora's team by name, job vignettes, a team
to hire for, four people in Brinker's roles) and says what a typical wrong answer got wrong.
Which quadrant a Brinker role leans to is a judgement: task 02.3 accepts every defensible one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from mopskit.content import knowledge
from mopskit.course.facts import modernization_frame
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
    PersonaScore, Quadrant, TeamMix, quadrant, quadrants, quadrants_frame, roles, roles_frame, sample_team,
    score_persona, team_mix,
)
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.wording import join_words

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    "A": ("Every Monday Livia reviews last week's A/B tests, updates the attribution report and "
          "connects the webinar tool to the CRM with a no-code integration.", Quadrant.SCIENTISTS),
    "B": ("Emil was the first in the company to pilot SMS engagement and is already trying out "
          "an AI chatbot for the website; new releases are the best part of his week.", Quadrant.MODERNIZERS),
    "C": ("Ottavia sits in the product and customer-service meetings, links the spring campaign to the "
          "new onboarding experience and tells the CMO when customer behaviour means the plan must change.",
          Quadrant.ORCHESTRATORS),
    "D": ("Fabio studies which pages, emails and webinars prospects engage with and turns those "
          "signals into an intent score that tells sales who is ready to talk.", Quadrant.PSYCHOLOGISTS),
}
"""Label -> (what the person does, the quadrant of their main strength)."""


def vignettes_to_place() -> Table:
    """The job vignettes of task 02.1, labelled A-D, without their quadrant."""
    return table(pd.DataFrame({"Label": list(VIGNETTES),
                               "What this person does": [text for text, _ in VIGNETTES.values()]}), "task-02-1")


@task(
    "02.1",
    "Place each job on the 2x2",
    objectives=(1,),
    applied=True,
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


def hiring_team_table() -> Table:
    """The team of task 02.2: each person's main quadrant and the quadrants they show traits of."""
    frame = pd.DataFrame(
        {
            "Job title": [person.name for person in hiring_team()],
            "Main quadrant": [quadrant(person.primary).name for person in hiring_team()],
            "Also shows traits of": [
                join_words([quadrant(q).name for q in person.secondary]) or "—" for person in hiring_team()
            ],
        }
    )
    return table(frame, "task-02-2")


@task(
    "02.2",
    "Which quadrant should the next hire strengthen?",
    objectives=(4,),
    applied=True,
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
# 02.3  Which quadrant does each role's work lean to?
# ---------------------------------------------------------------------------


class RoleCase(NamedTuple):
    """One person of task 02.3: what they do, the Brinker role that work is, and for each
    quadrant why a learner may or may not place them there."""

    text: str
    role: str  # a Brinker role id
    defensible: Mapping[Quadrant, str]  # quadrant -> why the choice holds
    not_defensible: Mapping[Quadrant, str]  # quadrant -> why it does not


ROLE_CASES = {
    "A": RoleCase(
        "Noemi builds the booking pages, the trip configurator and the chatbot of a travel company's "
        "website. She ships a new version every two weeks and is the first to try each feature the "
        "vendors release.",
        "makers",
        {Quadrant.MODERNIZERS: "she builds for customers with the newest technology and adopts it with "
                               "enthusiasm, which is Modernizer work (and the kit's reading of makers)",
         Quadrant.SCIENTISTS: "her skills are on the technology side, and building and wiring tools is "
                              "also the Scientists' work; a fair reading if you weigh the build over the enthusiasm"},
        {Quadrant.ORCHESTRATORS: "her week is building with technology, not connecting marketing with other teams",
         Quadrant.PSYCHOLOGISTS: "nothing in her week reads customers' engagement, and her skills sit on the "
                                 "technology side"},
    ),
    "B": RoleCase(
        "Dario builds the model that predicts which past travellers will book again, and runs a test "
        "each month to see which offer each group answers.",
        "modelers",
        {Quadrant.SCIENTISTS: "models and monthly tests are the Scientists' daily work (and the kit's "
                              "reading of modelers)",
         Quadrant.PSYCHOLOGISTS: "predicting who will book from what travellers did turns behaviour into "
                                 "signals of intent, which is the Psychologists' job"},
        {Quadrant.MODERNIZERS: "he decides from tests and a model, not from enthusiasm for what is new",
         Quadrant.ORCHESTRATORS: "nothing in his week connects marketing with other teams, and he decides "
                                 "from evidence, not feel"},
    ),
    "C": RoleCase(
        "Ilaria runs the marketing automation platform and the team's request queue, agrees with sales "
        "and customer service how leads and complaints move between the teams, and tells the CMO when "
        "a process has to change.",
        "maestros",
        {Quadrant.ORCHESTRATORS: "she connects marketing with sales and customer service and says when the "
                                 "way of working must change; the column's author puts the "
                                 "Orchestrators closest to Brinker's maestros"},
        {Quadrant.SCIENTISTS: "running the platform is technology work, but her week goes on connecting "
                              "teams and processes, not on tests and measures",
         Quadrant.MODERNIZERS: "nothing in her week is about piloting new tools or channels",
         Quadrant.PSYCHOLOGISTS: "she works on how teams hand work over, not on reading customers' engagement"},
    ),
    "D": RoleCase(
        "Bogdan plans the email journeys for families, watches which destinations each family browses "
        "and writes the next message around what they seem to want.",
        "marketers",
        {Quadrant.PSYCHOLOGISTS: "he reads each family's browsing to decide the next message, turning "
                                 "engagement into intent (the kit's reading of marketers)",
         Quadrant.ORCHESTRATORS: "shaping journeys and messages is arts-side work, and writing for what "
                                 "families seem to feel leans to the emotional side"},
        {Quadrant.MODERNIZERS: "he pilots no new tool or channel; his craft is the message, not the technology",
         Quadrant.SCIENTISTS: "he runs no tests or models; his skills lean to the message, the arts side"},
    ),
}
"""Label -> a person at work in one of Brinker's roles, with the quadrants their work can lean to."""


def roles_to_place() -> Table:
    """The people of task 02.3: what each does and the Brinker role that work is, without a quadrant."""
    names = {role.id: role.name.removesuffix("s") for role in roles()}  # one person: a maker, a maestro
    return table(pd.DataFrame({
        "Label": list(ROLE_CASES),
        "What this person does": [case.text for case in ROLE_CASES.values()],
        "Brinker's role": [names[case.role] for case in ROLE_CASES.values()],
    }), "task-02-3")


def defensible_quadrants() -> dict[str, tuple[str, ...]]:
    """Label -> every quadrant the check accepts for that person, by name."""
    return {label: tuple(quadrant(q).name for q in case.defensible) for label, case in ROLE_CASES.items()}


@task(
    "02.3",
    "Which quadrant does each role's work lean to?",
    objectives=(2,),
    applied=True,
    hints=(
        "Ask the 2x2's two questions of each person's week: do their skills lean to the tools or to the "
        "craft of process and message? Do they decide from enthusiasm and feel, or from evidence?",
        "The lesson's table of Brinker's roles is one reading, not an answer key: only one of its pairings "
        "comes from the column's author. Read what each person actually does.",
        "More than one quadrant can be right for a person. The check accepts every choice that the "
        "described work supports and says why; it only refuses a quadrant the work points away from.",
    ),
)
def check_role_quadrants(answer: Any) -> Verdict:
    """Each label maps to a quadrant the person's described work supports (often more than one)."""
    example = '{"A": "Modernizers", "B": "...", "C": "...", "D": "..."}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a quadrant", answer, example)
    lookup, role_lookup = _quadrant_lookup(), _role_lookup()
    reasons: dict[str, str] = {}

    def judge(label: str, value: Any) -> list[str]:
        chosen = match_name(value, lookup)
        if chosen is None:
            if match_name(value, role_lookup):
                return [f"{value!r} (for {label}) is one of Brinker's roles, and the table already gives it; "
                        f"answer with the quadrant the work leans to: {_quadrant_names()}."]
            mean = did_you_mean(value, lookup, shown=lambda key: quadrant(key).name)
            return [f"{value!r} (for {label}) is not a quadrant; the quadrants are {_quadrant_names()}.{mean}"]
        case = ROLE_CASES[label]
        name = quadrant(chosen).name
        if Quadrant(chosen) in case.defensible:
            reasons[label] = f"{label} among the {name}: {case.defensible[Quadrant(chosen)]}."
            return []
        return [f"{label} is hard to defend among the {name}: {case.not_defensible[Quadrant(chosen)]}."]

    right, problems = judge_each(
        answer, list(ROLE_CASES), judge, missing="Person {name} has no quadrant yet.",
        unknown=lambda key: f"There is no person {key!r}; the people are labelled {join_words(list(ROLE_CASES))}.")
    if problems:
        return failed(
            f"{right} of {len(ROLE_CASES)} people are in a quadrant their work supports.",
            problems,
            "Read the person's week again with the two questions of the 2x2, then check again (or ask for a hint()).",
        )
    others = []
    for label, case in ROLE_CASES.items():
        chosen = match_name(answer[label], lookup)
        alternatives = [quadrant(q).name for q in case.defensible if q.value != chosen]
        if alternatives:
            others.append(f"{label} could also be among the {join_words(alternatives, 'or')}")
    return passed(
        f"All {len(ROLE_CASES)} placements hold. " + " ".join(reasons[label] for label in ROLE_CASES)
        + (f" Other defensible answers: {'; '.join(others)}." if others else "")
        + " Only the maestros–Orchestrators pairing comes from the column's author; the rest is judgement, "
        "so a reasoned placement counts more than matching the kit's table."
    )


# ---------------------------------------------------------------------------
# The lesson: Aurora Living's MOps team
# ---------------------------------------------------------------------------


def quadrants_table() -> Table:
    """The four quadrants with the sides they lean to, their traits and typical work."""
    return table(quadrants_frame(), "quadrants")


def roles_table() -> Table:
    """Brinker's four roles, each next to a quadrant: the column's one pairing and the kit's reading."""
    return table(roles_frame(), "roles")


def modernization_table() -> Table:
    """The column's pairs of an established tactic and its modern form."""
    return table(modernization_frame(), "modernization")


def aurora_team() -> tuple[PersonaScore, ...]:
    """Aurora Living's MOps team, each person scored with the lesson's questionnaire and named."""
    return sample_team()


def aurora_team_frame() -> pd.DataFrame:
    """Who is on Aurora Living's MOps team: name, role (from the cast), main quadrant, other traits."""
    people = {person.name: person for person in knowledge.cast().mops_team}
    team = aurora_team()
    names = [person.name or "" for person in team]
    missing = sorted(set(people) ^ set(names))
    if missing:
        raise ValueError(f"personas.yaml's sample team and cast.yaml's MOps team differ on {join_words(missing)}")
    return pd.DataFrame({
        "Name": names,
        "Role": [people[name].role for name in names],
        "Main quadrant": [quadrant(person.primary).name for person in team],
        "Also shows traits of": [join_words([quadrant(q).name for q in person.secondary]) or "—" for person in team],
    })


def aurora_team_table() -> Table:
    """Aurora Living's MOps team on the 2x2, as a table."""
    return table(aurora_team_frame(), "aurora-team")


def aurora_team_chart() -> Figure:
    """Aurora Living's MOps team on the 2x2, each person labelled by name."""
    from mopskit.viz.personas import persona_chart  # matplotlib only when a chart is drawn

    team = aurora_team()
    return persona_chart(team, labels=[person.name or "" for person in team], title="Aurora Living's MOps team")


def aurora_team_mix() -> TeamMix:
    """How many of Aurora's MOps team lead in, or show traits of, each quadrant, and the hire it suggests."""
    return team_mix(aurora_team())
