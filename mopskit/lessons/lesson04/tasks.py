"""Lesson 04's tasks, 04.1 to 04.6: each checker with its staged hints, declared on import.

Every expected answer comes from the audit of the task's case (:mod:`.cases`); a checker only
reads the answer forgivingly and says what a typical wrong answer got wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mopskit import wording
from mopskit.exercises.checks import (
    label_of,
    Verdict,
    as_number,
    close_to,
    did_you_mean,
    failed,
    match_name,
    name_lookup,
    passed,
    shorten,
    wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.lessons.lesson04.cases import (
    AS_OF,
    CONSOLIDATION_CASE,
    CURRENCY,
    OTHER_CONTRACTS,
    RECOMMENDATION_CASES,
    RENEWAL_CASES,
    SHADOW_IT_APPS,
    TAXONOMY_CASES,
    WASTE_CASE,
    Contract,
    _audit_contracts,
    _consolidation_audit,
    _stack_of_cases,
    _taxonomy,
    _tool,
    category_of,
    shared_users,
)
from mopskit.stack.moves import spend_after_moves
from mopskit.stack import DEFAULT_INACTIVE_DAYS, HEALTHY_UTILIZATION, AuditResult, ToolAudit
from mopskit.wording import join_words, plural


# ---------------------------------------------------------------------------
# 04.1  The wasted annual cost of one tool
# ---------------------------------------------------------------------------


@task(
    "04.1",
    "The wasted annual cost of one tool",
    hints=(
        "Waste is what the company pays for seats nobody used. Start by counting those seats: "
        "seats minus active users.",
        "Next, the price of one seat for a year: the annual cost divided by the number of seats.",
        "Multiply the two: idle seats × (annual cost ÷ seats). The lesson's formula is "
        "max(seats − active, 0) × annual cost ÷ seats.",
    ),
    objectives=(3,),
    applied=True,
)
def check_waste(answer: Any) -> Verdict:
    """The wasted annual cost of ``WASTE_CASE``, as the audit computes it, to the euro."""
    value = as_number(answer)
    if value is None:
        return wrong_shape("one number (an amount in euros)", answer, "answer = 1234.5")
    expected = _tool(_audit_contracts([WASTE_CASE]), WASTE_CASE.tool).wasted_annual_cost
    assert expected is not None  # a per-seat tool with sign-ins: the audit always prices its idle seats
    if close_to(value, expected):
        return passed(
            f"Right: {wording.money(expected, CURRENCY, cents=True)} a year pays for seats nobody used. "
            "That is the amount to win back by right-sizing at the renewal."
        )
    case = WASTE_CASE
    idle = case.seats - case.active_users
    seat_price = case.annual_cost / case.seats
    known_mistakes = [
        (case.annual_cost * case.active_users / case.seats,
         "That is what the seats in use cost. Waste is the cost of the seats nobody used."),
        (case.annual_cost / case.active_users,
         "That is the cost per active user (annual cost ÷ active users), a different measure."),
        (idle, f"That is the number of idle seats ({idle}); multiply it by the price of one seat."),
        (seat_price, "That is the price of one seat for a year; multiply it by the idle seats."),
        (idle / case.seats, "That is the share of seats unused; turn it into money."),
        (100 * idle / case.seats, "That is the percentage of seats unused; turn it into money."),
        (case.active_users / case.seats, "That is the utilization; waste is an amount in euros."),
        (idle * case.annual_cost / case.active_users,
         "You divided by the active users; the price of a seat is annual cost ÷ seats."),
    ]
    for amount, explanation in known_mistakes:
        if close_to(value, amount, 0.005 if amount < 1 else 0.5):
            return failed(f"Not quite: {value:,.2f} is not the wasted annual cost.", [explanation],
                          "Ask for a hint() if you are unsure of the formula.")
    return failed(
        f"Not quite: {value:,.2f} is not the wasted annual cost.",
        [f"The tool has {case.seats} seats and {case.active_users} active users; the waste is "
         "the yearly cost of the seats nobody used."],
        "Work it out in two steps: idle seats, then the price of one seat. A hint() helps.",
    )


# ---------------------------------------------------------------------------
# 04.2  The notice deadline that comes first
# ---------------------------------------------------------------------------


@task(
    "04.2",
    "The notice deadline that comes first",
    hints=(
        "The date that matters is not the renewal date but the last day you can still give "
        "notice. For each tool, count the notice days back from its renewal date.",
        "notice deadline = renewal date − notice days. In Python: "
        "date(2027, 2, 1) - timedelta(days=90) gives date(2026, 11, 3).",
        "Work out all four deadlines and pick the earliest. It is not the tool that renews first.",
    ),
    objectives=(3,),
    applied=True,
)
def check_first_deadline(answer: Any) -> Verdict:
    """The tool whose notice deadline (renewal − notice days) is the earliest."""
    if not isinstance(answer, str):
        return wrong_shape("the name of one tool, as text", answer, 'answer = "Design tool"')
    result = _audit_contracts(RENEWAL_CASES)
    deadlines = {case.tool: _tool(result, case.tool).notice_deadline for case in RENEWAL_CASES}
    lookup = name_lookup({case.tool: () for case in RENEWAL_CASES})
    chosen = match_name(answer, lookup)
    first = min(deadlines, key=lambda tool: deadlines[tool])
    if chosen is None:
        return failed(
            f"{answer!r} is not one of the four tools.",
            [did_you_mean(answer, lookup, otherwise=f" The tools are {join_words(list(deadlines))}.").lstrip()],
        )
    if chosen == first:
        return passed(
            f"Right: {first}'s notice deadline is {deadlines[first].isoformat()}, only "
            f"{plural((deadlines[first] - AS_OF).days, 'day')} after {AS_OF.isoformat()}, even though it "
            "renews later than others. Long notice periods make early deadlines."
        )
    case = next(item for item in RENEWAL_CASES if item.tool == chosen)
    problems = [
        f"{chosen}'s notice deadline is {deadlines[chosen].isoformat()} "
        f"({case.renewal_date.isoformat()} − {case.notice_days} days); {first}'s comes earlier."
    ]
    first_to_renew = min(RENEWAL_CASES, key=lambda item: item.renewal_date)
    if chosen == first_to_renew.tool:
        problems.insert(0, f"{chosen} renews first, but with only {case.notice_days} days' notice "
                        "its deadline is not the first.")
    return failed("Not the first deadline.", problems,
                  "Subtract each tool's notice days from its renewal date and compare.")


# ---------------------------------------------------------------------------
# 04.3  What a consolidation saves, seats included
# ---------------------------------------------------------------------------


@task(
    "04.3",
    "What a consolidation saves, seats included",
    hints=(
        "Ending the moving tool's contract saves its whole annual cost. But its people still need "
        "a tool: count how many of them are not yet active in the receiving tool.",
        "The receiving tool needs a seat for each of its own active users plus each newcomer. "
        "Compare that with the seats it already has: only the shortfall costs extra.",
        "Price the extra seats at the receiving tool's price per seat (its annual cost ÷ its "
        "seats), then take them off the cost of the contract that ends.",
    ),
    objectives=(4,),
    applied=True,
)
def check_consolidation_saving(answer: Any) -> Verdict:
    """The yearly saving of task 04.3: the moving tool's contract, less the receiving tool's extra seats."""
    value = as_number(answer)
    if value is None:
        return wrong_shape("one number (a saving in euros a year)", answer, "answer = 1234")
    moving, receiving = CONSOLIDATION_CASE["moving"], CONSOLIDATION_CASE["receiving"]
    outcome = spend_after_moves(_consolidation_audit())
    expected = outcome.net_saving
    both = shared_users(moving, receiving)
    newcomers = moving.active_users - both
    seat_price = receiving.annual_cost / receiving.seats
    extra = max(receiving.active_users + newcomers - receiving.seats, 0)
    if close_to(abs(value), expected):
        return passed(
            ("Right, written as a change in spend (a negative one): " if value < 0 else "Right: ")
            + f"ending {moving.tool} saves {_euros(moving.annual_cost)}, but {receiving.tool} needs "
            f"{plural(extra, 'more seat')} for the {newcomers} newcomers ({_euros(extra * seat_price)}), "
            f"so the move saves {_euros(expected)} a year. Count the seats before you promise a saving."
        )
    every_mover = max(receiving.active_users + moving.active_users - receiving.seats, 0)
    known_mistakes = [
        (moving.annual_cost,
         f"That is the cost of {moving.tool}'s contract alone. Its people move to {receiving.tool}, "
         "which must have a seat for each of them."),
        (moving.annual_cost - every_mover * seat_price,
         f"You gave a new seat to all {moving.active_users} people who move; {both} of them already "
         f"work in {receiving.tool} and keep their seat."),
        (moving.annual_cost - newcomers * seat_price,
         f"You bought a seat for every newcomer; {receiving.tool} has "
         f"{receiving.seats - receiving.active_users} spare seats that take some of them first."),
        (moving.annual_cost - moving.active_users * seat_price,
         f"You bought a seat for every person who moves. Count only the newcomers, and use "
         f"{receiving.tool}'s spare seats first."),
        (extra * seat_price,
         f"That is what the extra seats in {receiving.tool} cost; take it off the contract that ends."),
        (moving.annual_cost - extra * moving.annual_cost / moving.seats,
         f"You priced the extra seats at {moving.tool}'s price. They are bought in {receiving.tool}, "
         "at its own price per seat."),
    ]
    for amount, explanation in known_mistakes:
        if close_to(value, amount):
            return failed(f"Not quite: {_euros(value)} is not what the move saves.", [explanation],
                          "Ask for a hint() to go step by step.")
    return failed(
        f"Not quite: {_euros(value)} is not what the move saves.",
        [f"Start from the {_euros(moving.annual_cost)} of the contract that ends, then take off what "
         f"{receiving.tool} must spend on seats for the people who move in."],
        "Work it out in three steps: newcomers, extra seats, their cost. A hint() helps.",
    )


def _euros(amount: float) -> str:
    return wording.money(amount, CURRENCY)


# ---------------------------------------------------------------------------
# 04.4  Pick the recommendation for each described tool
# ---------------------------------------------------------------------------

RECOMMENDATIONS = ("retain", "consolidate", "retire", "negotiate")
RECOMMENDATION_ALIASES = {
    "retain": ("keep", "renew", "retained"),
    "consolidate": ("merge", "combine", "consolidated"),
    "retire": ("cancel", "drop", "remove", "sunset", "retired"),
    "negotiate": ("rightsize", "right-size", "renegotiate", "reduce seats", "negotiated"),
}

RULES_IN_ORDER = ("retire", "consolidate", "negotiate", "retain")
"""The order the audit tries its rules in; the first that fits a tool wins."""


def _why_not(chosen: str, case: Contract, audited: ToolAudit) -> str:
    """Why ``chosen`` is not the audit's recommendation, without giving the right one away."""
    everything = [*RECOMMENDATION_CASES.values(), *OTHER_CONTRACTS]
    rivals = [other for other in everything if other.category == case.category and other is not case]
    more_used = [other for other in rivals if other.active_users > case.active_users]
    earlier_rule = (
        f"That rule fits {case.tool} too, but the rules are applied in order and an earlier rule "
        "also fits, so it wins: go through them again from the top."
    )
    if chosen == "retire":
        if case.active_users:
            return (f"'retire' is for a tool nobody signed in to; {plural(case.active_users, 'person', 'people')} "
                    f"used {case.tool} in the last {DEFAULT_INACTIVE_DAYS} days.")
        return earlier_rule
    if chosen == "consolidate":
        if not rivals:
            return (f"'consolidate' needs another tool in the same category; {case.tool} is the only "
                    f"one in {case.category}.")
        if not more_used:
            return (f"'consolidate' moves people to a more used tool in the category; {case.tool} is "
                    f"the most used in {case.category}.")
        return earlier_rule
    if chosen == "negotiate":
        if audited.utilization is not None and audited.utilization >= HEALTHY_UTILIZATION:
            return (f"'negotiate' is for a tool under the {HEALTHY_UTILIZATION:.0%} healthy "
                    f"utilization; {case.tool} uses {audited.utilization:.0%} of its seats.")
        return earlier_rule
    return "'retain' is what is left when no other rule fits, and one does here."


@task(
    "04.4",
    "Pick the recommendation for each described tool",
    hints=(
        "The audit applies its rules in order and stops at the first that fits: no one active "
        "→ retire; shares a category with a more used tool → consolidate; under the 90% "
        "healthy utilization → negotiate; otherwise → retain.",
        "Work out each tool's utilization (active users ÷ seats) and check whether another "
        "tool in its category has more active users.",
        "Some tools fit two rules. Tool A, for one, might fit more than one: the first rule in "
        "the list that fits is the one the audit gives.",
    ),
    objectives=(4,),
    applied=True,
)
def check_recommendations(answer: Any) -> Verdict:
    """Each label A-D gets the recommendation the audit gives that tool."""
    example = '{"A": "retain", "B": "retire", "C": "negotiate", "D": "consolidate"}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to D) to a recommendation", answer, example)
    result = _stack_of_cases()
    lookup = name_lookup(RECOMMENDATION_ALIASES)
    labels = join_words(list(RECOMMENDATION_CASES))
    choices = join_words(list(RECOMMENDATIONS), "or")
    problems: list[str] = []
    right = 0
    given = {label_of(key): value for key, value in answer.items()}
    for key in given:
        if key not in RECOMMENDATION_CASES:
            problems.append(f"There is no tool {key!r}; the tools are labelled {labels}.")
    for label, case in RECOMMENDATION_CASES.items():
        if label not in given:
            problems.append(f"{label} ({case.tool}) has no recommendation yet.")
            continue
        chosen = match_name(given[label], lookup)
        if chosen is None:
            problems.append(f"{given[label]!r} (given for {label}) is not a recommendation; use {choices}.")
            continue
        audited = _tool(result, case.tool)
        if chosen == audited.recommendation:
            right += 1
            continue
        problems.append(f"{label} ({case.tool}): not '{chosen}'. {_why_not(chosen, case, audited)}")
    if problems:
        summary = f"{right} of {len(RECOMMENDATION_CASES)} recommendations match the audit's rules."
        if _later_rule_chosen(given, result):
            summary += " Order matters: at least one tool got a later rule that fits it too."
        return failed(summary, problems, "Go through the rules in order for each tool; a hint() lists them.")
    return passed(
        "All four match the audit's rules, in their order. In a real audit these are proposals: "
        "talk to each tool's owner before anything is cancelled."
    )


def _later_rule_chosen(given: Mapping[Any, Any], result: AuditResult) -> bool:
    """Whether the learner picked, for some tool, a rule that comes after the audit's answer."""
    lookup = name_lookup(RECOMMENDATION_ALIASES)
    for label, case in RECOMMENDATION_CASES.items():
        chosen = match_name(given.get(label), lookup)
        expected = _tool(result, case.tool).recommendation
        if chosen in RULES_IN_ORDER and RULES_IN_ORDER.index(chosen) > RULES_IN_ORDER.index(expected) \
                and chosen != "retain":
            return True
    return False


# ---------------------------------------------------------------------------
# 04.5  Place tools in the Chiefmartec landscape
# ---------------------------------------------------------------------------

CATEGORY_ALIASES = {
    "Advertising & Promotion": ("advertising", "promotion", "ads"),
    "Content & Experience": ("content", "experience"),
    "Social & Relationships": ("social", "relationships"),
    "Commerce & Sales": ("commerce", "sales"),
    "Data": ("data and analytics",),
    "Management": ("management and operations",),
}
"""Short names a learner may use for the six categories."""


@task(
    "04.5",
    "Place tools in the Chiefmartec landscape",
    hints=(
        "Describe each tool's job in two or three words (consent, webinars, ads, budget, shop, "
        "website), then look for those words in the What it covers column of the landscape "
        "table in the lesson.",
        "Find the subcategory that describes the job first; the category is the row that "
        "holds it. The six categories are Advertising & Promotion, Content & Experience, "
        "Social & Relationships, Commerce & Sales, Data and Management.",
        "Privacy and consent sit with the data a company holds; budgets sit with running "
        "the marketing team.",
    ),
    objectives=(2,),
    applied=True,
)
def check_taxonomy(answer: Any) -> Verdict:
    """Each label A-F names the category that holds its tool's subcategory."""
    example = '{"A": "Data", "B": "Management", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each label (A to F) to a category", answer, example)
    taxonomy = _taxonomy()
    lookup = name_lookup({name: CATEGORY_ALIASES.get(name, ()) for name in taxonomy})
    subcategory_lookup = name_lookup({name: () for names in taxonomy.values() for name in names})
    given = {label_of(key): value for key, value in answer.items()}
    problems: list[str] = []
    right = 0
    for key in given:
        if key not in TAXONOMY_CASES:
            problems.append(f"There is no tool {key!r}; the tools are labelled {join_words(list(TAXONOMY_CASES))}.")
    for label, (description, subcategory) in TAXONOMY_CASES.items():
        if label not in given:
            problems.append(f"{label} has no category yet.")
            continue
        chosen = match_name(given[label], lookup)
        named_subcategory = match_name(given[label], subcategory_lookup)
        if chosen is None and named_subcategory is not None:
            chosen = category_of(named_subcategory)
        if chosen is None:
            problems.append(f"{given[label]!r} (given for {label}) is not one of the six categories."
                            + did_you_mean(given[label], lookup, otherwise=f" They are {join_words(list(taxonomy))}."))
            continue
        if chosen == category_of(subcategory):
            right += 1
            continue
        problems.append(
            f"{label} (“{shorten(description)}”) is not in {chosen}: none of its subcategories "
            f"({'; '.join(taxonomy[chosen])}) describes that job."
        )
    if problems:
        return failed(f"{right} of {len(TAXONOMY_CASES)} tools are in the right category.", problems,
                      "Find the subcategory for each job first, then the category that holds it.")
    return passed(
        f"All {len(TAXONOMY_CASES)} tools are in the right category. With categories named this way, "
        "two tools in one subcategory show up as an overlap in an audit."
    )


# ---------------------------------------------------------------------------
# 04.6  Decide what to do with each unmatched app
# ---------------------------------------------------------------------------

SHADOW_IT_DECISIONS = {
    "add": ("add to the inventory", "add to inventory", "adopt", "approve", "keep", "buy"),
    "move": ("move users", "move its users", "move the users", "migrate", "switch"),
    "rename": ("fix the name", "fix sso_app", "fix the sso_app", "correct the name", "match",
               "fix the inventory", "set sso_app"),
}
"""The three things to do with an app the logs show and the inventory does not name."""


@task(
    "04.6",
    "Decide what to do with each unmatched app",
    hints=(
        "For each app ask three questions, in this order: is it a tool we already pay for under "
        "another name? If not, does an approved tool already do the same job? If not, is it a job "
        "the stack does not cover yet?",
        "Compare each app's name with the App in the identity provider column of the inventory. "
        "Then read the inventory's Recommendation column: does any tool look unused only "
        "because its sign-ins go to a name the inventory does not know?",
        "The three decisions are `add` (to the inventory, with an owner and a contract), `move` "
        "(its users to the approved tool) and `rename` (fix the app's name in the inventory).",
    ),
    objectives=(5,),
    applied=True,
)
def check_shadow_it(answer: Any) -> Verdict:
    """Each unmatched app gets the decision its facts call for: add, move or rename."""
    example = '{"Miro": "add", "Typeform": "move", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each app to a decision", answer, example)
    apps = name_lookup({app: () for app in SHADOW_IT_APPS})
    decisions = name_lookup(SHADOW_IT_DECISIONS)
    choices = join_words([f"'{name}'" for name in SHADOW_IT_DECISIONS], "or")
    problems: list[str] = []
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        app = match_name(key, apps)
        if app is None:
            problems.append(f"{key!r} is not one of the unmatched apps."
                            + did_you_mean(key, apps, otherwise=f" They are {join_words(list(SHADOW_IT_APPS))}."))
            continue
        decision = match_name(value, decisions)
        if decision is None:
            problems.append(f"{value!r} (given for {app}) is not a decision here; use {choices}.")
            continue
        chosen[app] = decision
    why_not = {
        "add": "'add' is for a job no tool in the inventory does, and here one does, or the app "
               "is already in the inventory.",
        "move": "'move' needs an approved tool in the inventory that does the same job and is a "
                "different product.",
        "rename": "'rename' is for an app that is already in the inventory under another name; "
                  "check the App in the identity provider column.",
    }
    right = 0
    for app, (_people, _found, expected) in SHADOW_IT_APPS.items():
        if app not in chosen:
            if not any(match_name(key, apps) == app for key in answer):
                problems.append(f"{app} has no decision yet.")
            continue
        if chosen[app] == expected:
            right += 1
        else:
            problems.append(f"{app}: not '{chosen[app]}'. {why_not[chosen[app]]}")
    if problems:
        return failed(f"{right} of {len(SHADOW_IT_APPS)} apps have the right decision.", problems,
                      "Ask the three questions of the first hint() for each app, in order.")
    renamed = [app for app, (_p, _f, decision) in SHADOW_IT_APPS.items() if decision == "rename"]
    return passed(
        "Right. Notice what the renamed app did to the audit: a tool its team uses every day "
        f"looked unused, because its sign-ins arrived as {join_words(renamed)}. Fix the names "
        "before you act on a 'retire'."
    )
