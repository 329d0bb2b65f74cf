"""Lesson 05's tasks, 05.1 to 05.5: each checker with its staged hints, declared on import.

Every expected answer comes from the cases (:mod:`.cases`); a checker reads the answer forgivingly
and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mopskit.change.plan import ADKAR_ELEMENTS, Attention, Stakeholder
from mopskit.change.plan.frames import QUADRANT_ORDER
from mopskit.change.plan.lint import PRACTICES, RULES, Finding
from mopskit.exercises.checks import (
    Verdict, did_you_mean, failed, judge_each, match_name, name_lookup, passed, wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.findings import Severity
from mopskit.lessons.lesson05.cases import (
    ADKAR_PEOPLE, GRID_PEOPLE, LINT_FIX_WHY_NOT, LINT_FIXES, PRACTICE_LETTERS, broken_plan, expected_barriers,
    expected_fixes, expected_quadrants, expected_raci_problems, expected_uninformed, sample_plan, uberflip_findings,
)
from mopskit.wording import join_words


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

QUADRANT_ALIASES = {
    "manage closely": ("manage", "closely", "manage close", "key player", "key players", "key"),
    "keep satisfied": ("satisfied", "satisfy", "keep satisfy"),
    "keep informed": ("informed", "inform", "keep inform", "show consideration"),
    "monitor": ("minimal effort", "watch", "monitoring", "minimum effort"),
}


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
