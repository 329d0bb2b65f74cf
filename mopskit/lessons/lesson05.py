"""Lesson 05, "Change management": the lesson's tables and the exercises' checks.

Every expected answer comes from ``mopskit.change.plan``: the broken RACI rows from ``lint``'s
RACI001/RACI002 findings, the barrier point from ``Adkar.barrier`` and its practice from
the lint's ADKAR001 mapping, the quadrant from ``Stakeholder.quadrant``, the uninformed
stakeholder from COMMS001 and the findings of task 05.5 from ``lint`` itself. The exercises
read real plan files, ``mopskit/data/exercises/05-broken-plan.yaml`` (tasks 05.1 to 05.4) and
``05-uberflip-draft.yaml`` (task 05.5), so ``mopskit plan FILE --lint`` shows the same findings
the checks use. Their people are the cast's, with the ADKAR scores of Aurora Living's own plan.
The lesson's own material (its practices and Kotter tables, the people each task asks about,
the fixes task 05.5 offers) is in ``mopskit/lessons/data/lesson05.yaml``. This module says what
a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

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
from mopskit.change.plan import ADKAR_ELEMENTS, Attention, Plan, Stakeholder, lint, load_plan
from mopskit.change.plan.frames import QUADRANT_ORDER
from mopskit.change.plan.lint import PRACTICES, RULES, Finding
from mopskit.findings import Severity
from mopskit.lessons import scenarios
from mopskit.wording import join_words


def plan_file(name: str) -> Path:
    """A plan shipped with the kit: ``"change-plan"`` (Aurora Living's), ``"05-broken-plan"`` or
    ``"05-uberflip-draft"``."""
    folder = "change-plan/plan.yaml" if name == "change-plan" else f"exercises/{name}.yaml"
    return Path(str(resources.files("mopskit") / "data" / folder))


@cache
def sample_plan() -> Plan:
    """Aurora Living's change plan: the stack audit of lesson 04, carried out."""
    return load_plan(plan_file("change-plan"))


@cache
def broken_plan() -> Plan:
    """The draft plan tasks 05.1 to 05.4 read, with its mistakes: moving the emails to Mailchimp."""
    return load_plan(plan_file("05-broken-plan"))


@cache
def uberflip_draft() -> Plan:
    """The draft plan task 05.5 lints: retiring Uberflip."""
    return load_plan(plan_file("05-uberflip-draft"))


# ---------------------------------------------------------------------------
# Tables the lesson shows
# ---------------------------------------------------------------------------


class Practice(NamedTuple):
    """One of Ghantous' practices for a change of operating model, and what it means."""

    practice: str
    means: str


class KotterStep(NamedTuple):
    """One of Kotter's eight steps, with what it looks like in Aurora Living's plan."""

    step: str
    example: str


PRACTICES_SEED = scenarios.build_each(Practice, "05", "practices")
"""Ghantous' practices for a change of operating model (Smart Insights, January 2020), in her order."""

KOTTER_STEPS = scenarios.build_each(KotterStep, "05", "kotter_steps")
"""Kotter's eight steps in the words of Leading Change (1996), each with what it looks like in
Aurora Living's plan."""

ADKAR_LOW_SCORE_MEANS: dict[str, str] = scenarios.value("05", "adkar_low_score_means", dict[str, str])
"""What a low score on each ADKAR element means."""

ADKAR_WHO_LEADS: dict[str, str] = scenarios.value("05", "adkar_who_leads", dict[str, str])
"""Who usually works on each ADKAR element (Prosci: the sponsor, the person's manager as coach)."""


def practices_table() -> pd.DataFrame:
    return pd.DataFrame([(item.practice, item.means) for item in PRACTICES_SEED], columns=["Practice", "What it means"])


def kotter_table() -> pd.DataFrame:
    return pd.DataFrame([(number, step, example) for number, (step, example) in enumerate(KOTTER_STEPS, 1)],
                        columns=["Step", "Kotter", "In Aurora Living's plan"])


def adkar_practices_table() -> pd.DataFrame:
    """Each ADKAR element, what a low score means, the practice the lint advises for it, and who
    usually leads that practice."""
    return pd.DataFrame([(element.capitalize(), ADKAR_LOW_SCORE_MEANS[element], PRACTICES[element],
                          ADKAR_WHO_LEADS[element]) for element in ADKAR_ELEMENTS],
                        columns=["Element", "A low score means", "Practice that addresses it", "Who usually leads it"])


# ---------------------------------------------------------------------------
# 05.1  Fix the RACI
# ---------------------------------------------------------------------------

PROBLEMS = {
    "no responsible": ("no r", "no responsible", "missing r", "missing responsible", "nobody responsible",
                       "zero r", "raci001", "r missing", "responsible missing", "no one responsible"),
    "no accountable": ("no a", "no accountable", "missing a", "missing accountable", "nobody accountable",
                       "zero a", "a missing", "accountable missing", "no one accountable"),
    "two accountable": ("two a", "2 a", "two as", "too many a", "too many accountable", "more than one a",
                        "two accountable", "several a", "many a", "multiple a", "multiple accountable",
                        "2 accountable", "more than one accountable"),
}
"""What a learner may call each problem a task's RACI has (any case, spacing or punctuation)."""


def raci_table() -> pd.DataFrame:
    """The draft plan's tasks with their R, A, C and I, as task 05.1 shows them."""
    rows = [{"Task": t.id, "What": t.name, "R": ", ".join(t.raci.responsible), "A": ", ".join(t.raci.accountable),
             "C": ", ".join(t.raci.consulted), "I": ", ".join(t.raci.informed)} for t in broken_plan().tasks]
    return pd.DataFrame(rows, columns=["Task", "What", "R", "A", "C", "I"])


def expected_raci_problems() -> dict[str, str]:
    """Task id -> its problem, from the lint's RACI001 and RACI002 findings on the draft plan."""
    plan = broken_plan()
    by_place = {f"{t.where}.raci": t for t in plan.tasks}
    found: dict[str, str] = {}
    for finding in lint(plan):
        current = by_place.get(finding.where)
        if current is None or finding.code not in ("RACI001", "RACI002"):
            continue
        if finding.code == "RACI001":
            found[current.id] = "no responsible"
        else:
            found[current.id] = "no accountable" if not current.raci.accountable else "two accountable"
    return found


_PROBLEM_WORDS = {"no responsible": "no Responsible (R)", "no accountable": "no Accountable (A)",
                  "two accountable": "more than one Accountable (A)"}


@task(
    "05.1",
    "Fix the RACI",
    hints=(
        "Read the R and A columns of each row. Two rules: at least one name under R, exactly one name under A.",
        "An empty cell breaks a rule, and so does a cell with two names under A. Two names under R are fine: "
        "several people can do the work, but one person signs it off.",
        "Three rows break a rule. Run `mopskit plan mopskit/data/exercises/05-broken-plan.yaml --lint` in a "
        "terminal to see the findings the kit's lint gives (RACI001 and RACI002).",
    ),
    objectives=(4,),
    applied=True,
)
def check_raci(answer: Any) -> Verdict:
    """Each task that breaks a RACI rule, with the rule it breaks."""
    example = '{"kickoff": "no R", "import": "two A"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each broken task's id to its problem", answer, example)
    plan = broken_plan()
    tasks = {t.id: t for t in plan.tasks}
    task_lookup = name_lookup({t.id: (t.name,) for t in plan.tasks})
    problem_lookup = name_lookup(PROBLEMS)
    expected = expected_raci_problems()
    problems: list[str] = []
    right = 0
    for key, value in answer.items():
        task_id = match_name(key, task_lookup)
        if task_id is None:
            problems.append(f"There is no task {key!r}." + did_you_mean(
                key, task_lookup, shown=repr, otherwise=f" The tasks are {join_words(list(tasks))}."))
            continue
        chosen = match_name(value, problem_lookup)
        if chosen is None:
            problems.append(f"{value!r} (for {task_id}) is not one of the three problems: write \"no R\", "
                            "\"no A\" or \"two A\".")
            continue
        raci = tasks[task_id].raci
        if task_id not in expected:
            problems.append(f"{task_id} follows both rules: R is {join_words(list(raci.responsible))} and A is "
                            f"{join_words(list(raci.accountable))} alone.")
        elif chosen == expected[task_id]:
            right += 1
        elif expected[task_id] == "two accountable":
            problems.append(f"{task_id} has an Accountable, in fact two: {join_words(list(raci.accountable))}.")
        elif expected[task_id] == "no accountable":
            problems.append(f"{task_id}: look at the A column again; the R column has names.")
        else:
            problems.append(f"{task_id}: look at the R column again; the A column has one name.")
    named = {match_name(key, task_lookup) for key in answer}
    missed = [task_id for task_id in expected if task_id not in named]
    if missed:
        problems.append(f"{len(missed)} more {'task breaks' if len(missed) == 1 else 'tasks break'} a rule.")
    if problems:
        return failed(f"{right} of {len(expected)} broken tasks found with their problem.", problems,
                      "Check every row's R and A columns (or ask for a hint()).")
    fixes = join_words([f"{task_id} ({_PROBLEM_WORDS[problem]})" for task_id, problem in expected.items()])
    return passed(f"Yes: {fixes}. The fix is a decision, not a formality: someone must do the work, and "
                  "one person, not a committee, signs it off.")


# ---------------------------------------------------------------------------
# 05.2  The barrier point and what addresses it
# ---------------------------------------------------------------------------

ADKAR_PEOPLE: tuple[str, ...] = scenarios.value("05", "adkar_people", tuple[str, ...])
"""The stakeholders of task 05.2."""

PRACTICE_LETTERS: dict[str, str] = scenarios.value("05", "practice_letters", dict[str, str])
"""The practices of task 05.2 in a shuffled order, so the letter does not give the element away."""


def adkar_scores_table() -> pd.DataFrame:
    """The ADKAR scores of task 05.2's stakeholders, without the barrier."""
    people = {person.name: person for person in broken_plan().stakeholders}
    rows = []
    for name in ADKAR_PEOPLE:
        adkar = people[name].adkar
        assert adkar is not None
        rows.append({"Stakeholder": name, "Role": people[name].role,
                     **{element.capitalize(): score for element, score in adkar.scores()}})
    return pd.DataFrame(rows)


def practice_choices() -> pd.DataFrame:
    """The five practices, lettered A-E, as task 05.2 offers them."""
    return pd.DataFrame([(letter, PRACTICES[element]) for letter, element in PRACTICE_LETTERS.items()],
                        columns=["Letter", "Practice"])


def expected_barriers() -> dict[str, tuple[str, str]]:
    """Name -> (barrier element, the letter of its practice)."""
    letters = {element: letter for letter, element in PRACTICE_LETTERS.items()}
    people = {person.name: person for person in broken_plan().stakeholders}
    found = {}
    for name in ADKAR_PEOPLE:
        adkar = people[name].adkar
        assert adkar is not None and adkar.barrier is not None
        found[name] = (adkar.barrier, letters[adkar.barrier])
    return found


def _people_lookup(names: tuple[str, ...]) -> dict[str, str]:
    return name_lookup({name: (name.split()[0],) for name in names})


@task(
    "05.2",
    "The barrier point and what addresses it",
    hints=(
        "Read each person's scores from left to right, in ADKAR's order: awareness, desire, knowledge, ability, "
        "reinforcement.",
        "The barrier point is the first element scored 3 or less, not the lowest score: a person cannot be "
        "reinforced in a change they have not yet learnt to do.",
        "Then pick the practice that works on that element: the table in section 4 of the lesson pairs each "
        "element with one.",
    ),
    objectives=(2,),
    applied=True,
)
def check_barriers(answer: Any) -> Verdict:
    """Each stakeholder's barrier element and the letter of the practice that addresses it."""
    example = '{"Sofia Conti": ["awareness", "C"], "Tudor Barbu": ["knowledge", "B"]}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each name to [barrier element, practice letter]", answer, example)
    people = {person.name: person for person in broken_plan().stakeholders}
    elements = name_lookup({element: (element[0],) for element in ADKAR_ELEMENTS})
    expected = expected_barriers()

    def judge(name: str, value: Any) -> list[str]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or len(value) != 2:
            return [f"For {name}, write two values: the element and the practice's letter, e.g. "
                    "[\"awareness\", \"C\"]."]
        problems = []
        element = match_name(value[0], elements)
        letter = value[1].strip().upper() if isinstance(value[1], str) else None
        barrier = expected[name][0]
        adkar = people[name].adkar
        assert adkar is not None
        scores = dict(adkar.scores())
        lowest = min(scores, key=lambda e: (scores[e], ADKAR_ELEMENTS.index(e)))
        if element is None:
            problems.append(f"{value[0]!r} (for {name}) is not an ADKAR element: awareness, desire, knowledge, "
                            "ability or reinforcement.")
        elif element != barrier:
            if element == lowest:
                problems.append(f"{name}: {element} is the lowest score, but an earlier element is already at or "
                                "below 3. The barrier is the first, reading in order.")
            elif scores[element] > 3:
                problems.append(f"{name}: {element} scores {scores[element]}, above the barrier line of 3.")
            else:
                problems.append(f"{name}: {element} is at or below 3, but not the first such element.")
        if letter not in PRACTICE_LETTERS:
            problems.append(f"{value[1]!r} (for {name}) is not a letter of the practices table (A to E).")
        elif element is not None and PRACTICE_LETTERS[letter] != element:
            problems.append(f"{name}: practice {letter} works on {PRACTICE_LETTERS[letter]}, not on {element}.")
        return problems

    right, problems = judge_each(
        answer, ADKAR_PEOPLE, judge, lookup=_people_lookup(ADKAR_PEOPLE),
        unknown=lambda key: f"{key!r} is not one of the two people; write {join_words(list(ADKAR_PEOPLE))}.")
    if problems:
        return failed(f"{right} of {len(ADKAR_PEOPLE)} barrier points found with their practice.", problems,
                      "Read the scores in ADKAR order and stop at the first at or below 3 (or ask for a hint()).")
    said = join_words([f"{name}'s barrier is {element} ({PRACTICES[element]})"
                       for name, (element, _) in expected.items()])
    return passed(f"Yes: {said}. Fixing the later, lower score first would waste the effort: reinforcement "
                  "means little until the earlier elements are in place.")


# ---------------------------------------------------------------------------
# 05.3  The power/interest grid, from people described in words
# ---------------------------------------------------------------------------


class GridPerson(NamedTuple):
    """A stakeholder of the draft as task 05.3 describes them: what the move means for them."""

    name: str
    description: str


GRID_DESCRIBED = scenarios.build_each(GridPerson, "05", "grid_people")
"""The five people task 05.3 describes, in the task's order."""

GRID_PEOPLE: tuple[str, ...] = tuple(person.name for person in GRID_DESCRIBED)
"""The stakeholders task 05.3 asks to place."""

QUADRANT_ALIASES = {
    "manage closely": ("manage", "closely", "manage close", "key player", "key players", "key"),
    "keep satisfied": ("satisfied", "satisfy", "keep satisfy"),
    "keep informed": ("informed", "inform", "keep inform", "show consideration"),
    "monitor": ("minimal effort", "watch", "monitoring", "minimum effort"),
}


def grid_people_table() -> pd.DataFrame:
    """Task 05.3's people: name, role and what the move means for them, in words only (no power or
    interest column: reading those from the words is the task)."""
    people = {person.name: person for person in broken_plan().stakeholders}
    return pd.DataFrame([{"Stakeholder": person.name, "Role": people[person.name].role,
                          "In this move": " ".join(person.description.split())} for person in GRID_DESCRIBED])


def expected_quadrants() -> dict[str, str]:
    people = {person.name: person for person in broken_plan().stakeholders}
    return {name: people[name].quadrant for name in GRID_PEOPLE}


def _grid_problem(person: Stakeholder, chosen: str) -> str:
    power, interest = {"manage closely": ("high", "high"), "keep satisfied": ("high", "low"),
                       "keep informed": ("low", "high"), "monitor": ("low", "low")}[chosen]
    first = person.name.split()[0]
    if power != person.power and interest != person.interest:
        said = (f"{person.name}: {chosen} is for {power} power and {interest} interest; both are the other way "
                "round here.")
    elif power != person.power:
        said = (f"{person.name}: {chosen} is for {power} power, and {first}'s power over this move is "
                f"{person.power}: re-read what {first} can approve, fund or block.")
    else:
        said = (f"{person.name}: {chosen} is for {interest} interest, and {first}'s interest in this move is "
                f"{person.interest}: re-read how much of {first}'s work it changes.")
    earlier = {other.name: other for other in sample_plan().stakeholders}.get(person.name)
    if earlier is not None and earlier.quadrant == chosen and earlier.quadrant != person.quadrant:
        said += (f" In the lesson's plan {first} was {chosen}; a quadrant belongs to a person in one change, "
                 "not to the person.")
    return said


@task(
    "05.3",
    "Place stakeholders on the power/interest grid",
    hints=(
        "For each person ask two questions. Power: can they approve, fund or block this move? Interest: how much "
        "of their own work does it change?",
        "High power and high interest: manage closely. High power, low interest: keep satisfied. Low power, high "
        "interest: keep informed. Low and low: monitor.",
        "Keep satisfied and keep informed are the easy pair to swap: satisfied goes with power, informed with "
        "interest. And read each description for this move: where someone sat in the lesson's plan does not "
        "decide where they sit here.",
    ),
    objectives=(3,),
    applied=True,
)
def check_grid(answer: Any) -> Verdict:
    """Each of the five stakeholders' quadrant on the power/interest grid."""
    example = '{"Marco Ferrari": "monitor", "Vlad Stoica": "keep informed", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each name to a quadrant", answer, example)
    people = {person.name: person for person in broken_plan().stakeholders}
    quadrants = name_lookup(QUADRANT_ALIASES)
    expected = expected_quadrants()

    def judge(name: str, value: Any) -> list[str]:
        chosen = match_name(value, quadrants)
        if chosen is None:
            return [f"{value!r} (for {name}) is not a quadrant: write {join_words(list(QUADRANT_ORDER), 'or')}."]
        return [] if chosen == expected[name] else [_grid_problem(people[name], chosen)]

    right, problems = judge_each(
        answer, GRID_PEOPLE, judge, lookup=_people_lookup(GRID_PEOPLE),
        unknown=lambda key: f"{key!r} is not one of the five; they are {join_words(list(GRID_PEOPLE))}.",
        missing="{name} has no quadrant yet.")
    if problems:
        return failed(f"{right} of {len(GRID_PEOPLE)} stakeholders are in the right quadrant.", problems,
                      "Ask the two questions for each person: can they stop it, and does it change their work? "
                      "(or ask for a hint())")
    return passed("All five placed. The quadrant says how much attention each needs: a plan that treats the "
                  "privacy officer like the email manager wastes one's time and starves the other.")


# ---------------------------------------------------------------------------
# 05.4  Who is left out of the communications
# ---------------------------------------------------------------------------


def comms_table() -> pd.DataFrame:
    """The draft plan's communications: audience, message, channel, owner and when."""
    return pd.DataFrame([{"Audience": ", ".join(c.audience), "Message": c.message, "Channel": c.channel,
                          "Owner": c.owner, "When": c.when} for c in broken_plan().communications])


def other_stakeholders_table() -> pd.DataFrame:
    """The draft's stakeholders task 05.3 does not describe, with their power and interest."""
    return pd.DataFrame([{"Stakeholder": person.name, "Role": person.role, "Power": person.power,
                          "Interest": person.interest}
                         for person in broken_plan().stakeholders if person.name not in GRID_PEOPLE])


def expected_uninformed() -> str:
    """The one stakeholder COMMS001 finds in the draft plan."""
    plan = broken_plan()
    (finding,) = (f for f in lint(plan) if f.code == "COMMS001")
    index = int(finding.where.split("[")[1].rstrip("]"))
    return plan.stakeholders[index].name


@task(
    "05.4",
    "Who is left out of the communications",
    hints=(
        "First list the stakeholders to manage closely: high power and high interest. Your grid from task 05.3 "
        "gives five people; the table of the others gives the rest.",
        "For each of them, look for their name or their role in the Audience column of the communications. "
        "Being Informed on a task in the RACI is not a planned message.",
    ),
    objectives=(3, 5),
    applied=True,
)
def check_uninformed(answer: Any) -> Verdict:
    """The name of the 'manage closely' stakeholder that no communication reaches."""
    if not isinstance(answer, str):
        return wrong_shape("a name, in quotes", answer, '"Paolo Fontana"')
    plan = broken_plan()
    people = {person.name: person for person in plan.stakeholders}
    lookup = _people_lookup(tuple(people))
    name = match_name(answer, lookup)
    expected = expected_uninformed()
    if name is None:
        return failed(f"{answer!r} is not a stakeholder of the plan." + did_you_mean(answer, lookup),
                      suggestion="Use a name from the stakeholders of the draft.")
    if name == expected:
        return passed(f"Yes: {expected} has high power and high interest and no message is planned for them: "
                      "the person most able to stop the change would hear of it last. The lint reports this as "
                      "an error; the fix is a message with their name or role in the audience.")
    person = people[name]
    if person.quadrant is not Attention.MANAGE_CLOSELY:
        return failed(f"{name} is in {person.quadrant}, not manage closely.",
                      suggestion="Only high power and high interest count here.")
    return failed(f"{name} is in the audience of a planned message.",
                  suggestion="Look for the other stakeholder with high power and high interest.")


# ---------------------------------------------------------------------------
# 05.5  Read the lint and fix the plan
# ---------------------------------------------------------------------------

LINT_FIXES: dict[str, str] = scenarios.value("05", "lint_fixes", dict[str, str])
"""The fixes task 05.5 offers, lettered."""

LINT_FIX_KEY: dict[str, str] = scenarios.value("05", "lint_fix_key", dict[str, str])
"""The right fix for each rule the Uberflip draft breaks, by rule code."""

LINT_FIX_WHY_NOT: dict[str, str] = scenarios.value("05", "lint_fix_why_not", dict[str, str])
"""Why a tempting wrong fix fails, by its letter."""


def uberflip_findings() -> tuple[Finding, ...]:
    """What the kit's lint finds in the Uberflip draft, in its order (errors, warnings, notes)."""
    return lint(uberflip_draft())


def lint_findings_table() -> pd.DataFrame:
    """The Uberflip draft's lint findings, numbered for task 05.5."""
    return pd.DataFrame([{"Finding": number, "Rule": finding.code, "Severity": str(finding.severity),
                          "Where": finding.where, "Message": finding.message}
                         for number, finding in enumerate(uberflip_findings(), 1)])


def lint_fix_choices() -> pd.DataFrame:
    """The fixes task 05.5 offers, lettered A to F."""
    return pd.DataFrame(list(LINT_FIXES.items()), columns=["Letter", "Fix"])


def expected_fixes() -> dict[str, str]:
    """Finding number ("1") -> the letter of its fix."""
    return {str(number): LINT_FIX_KEY[finding.code] for number, finding in enumerate(uberflip_findings(), 1)}


def _finding_label(key: Any, findings: tuple[Finding, ...]) -> str | None:
    """The finding number an answer's key names: 2, "2", " 2 " or the finding's rule code."""
    text = str(key).strip().upper() if isinstance(key, (int, str)) and not isinstance(key, bool) else ""
    if text.isdigit() and 1 <= int(text) <= len(findings):
        return str(int(text))
    codes = [str(number) for number, finding in enumerate(findings, 1) if finding.code == text]
    return codes[0] if len(codes) == 1 else None


@task(
    "05.5",
    "Read the lint and fix the plan",
    hints=(
        "Read each finding's severity first. A plan is ready when the lint reports no errors and no warnings; a "
        "note (info) is advice and does not stop it.",
        "The lint's message offers a way out, sometimes two. Pick the one that keeps the plan true to the work: "
        "a dependency is there because one task needs the other.",
        "Before taking someone off the list, read the plan's risks and tasks: does the change touch their work?",
    ),
    objectives=(5,),
    applied=True,
)
def check_fixes(answer: Any) -> Verdict:
    """The letter of the right fix for each numbered finding of the Uberflip draft."""
    example = '{1: "B", 2: "D", 3: "C", 4: "A"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each finding's number to a fix's letter", answer, example)
    findings = uberflip_findings()
    expected = expected_fixes()
    labels = tuple(expected)

    def judge(label: str, value: Any) -> list[str]:
        finding = findings[int(label) - 1]
        letter = value.strip().upper() if isinstance(value, str) else None
        if letter not in LINT_FIXES:
            return [f"{value!r} (for finding {label}) is not a letter of the fixes table "
                    f"({join_words(list(LINT_FIXES), 'or')})."]
        if letter == expected[label]:
            return []
        if expected[label] == "F":
            return [f"Finding {label} is a note (info): it does not stop the plan being ready. It is advice to act "
                    "on during the change itself."]
        why = LINT_FIX_WHY_NOT.get(letter, "")
        if letter == "F":
            return [f"Finding {label} is {'an' if str(finding.severity) == 'error' else 'a'} {finding.severity}. "
                    f"{why}"]
        if why and letter in ("B", "D"):
            return [f"Finding {label}: {why}"]
        return [f"Finding {label}: fix {letter} does not answer it. The rule it breaks: "
                f"{RULES[finding.code]}."]

    right, problems = judge_each(
        {(_finding_label(key, findings) or key): value for key, value in answer.items()}, labels, judge,
        unknown=lambda key: f"{key!r} is not the number of a finding; they run from 1 to {len(labels)}.",
        missing="Finding {name} has no fix yet.")
    if problems:
        return failed(f"{right} of {len(labels)} findings have the right fix.", problems,
                      "Read the severity and the message of each finding again (or ask for a hint()).")
    blocking = sum(finding.severity is not Severity.INFO for finding in findings)
    return passed(f"Yes. With those {blocking} fixes the lint reports no errors and no warnings, so the draft "
                  "is ready; the note that is left is advice for the work itself, not a flaw in the plan.")
