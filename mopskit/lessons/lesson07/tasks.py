"""Lesson 07's tasks, 07.1 to 07.4: each checker with its staged hints, declared on import.

Every expected answer comes from the cases (:mod:`.cases`); a checker reads the answer forgivingly
and says what a typical wrong answer got wrong. The check of 07.2 is **structural**: it finds the
parts a reply needs, it does not judge tone. The notebook says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from mopskit.exercises.checks import (
    Verdict, closest_name, failed, match_name, name_lookup, normalise, passed, wrong_shape,
)
from mopskit.exercises.tasks import task
from mopskit.io.tables import read_date
from mopskit.lessons.lesson07.cases import (
    DRAFT_ACTIONS, GAP_WORDS, GOAL_WORDS, INCIDENT_PEOPLE, PARTS, PIECES, QUEUE, QUEUE_NOW, SITUATIONS, STATEMENTS,
    _calendar_breached, earliest_rest, exercise_triage, expected_now, expected_parts, hours_before_deadline,
)
from mopskit.ops.intake import DEFAULT_SLA, working_hours_between
from mopskit.ops.postmortem import blame_words_in, names_in
from mopskit.wording import join_words, plural


# ---------------------------------------------------------------------------
# An answer not finished yet
# ---------------------------------------------------------------------------

def _unfilled(value: Any, where: str = "") -> list[str]:
    """The places inside an answer that still say ``...``."""
    if value is Ellipsis:
        return [where or "the answer"]
    if isinstance(value, Mapping):
        return [place for key, item in value.items() for place in _unfilled(item, f"{where}.{key}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [place for index, item in enumerate(value) for place in _unfilled(item, f"{where}[{index}]")]
    return []


def _not_filled(places: list[str]) -> Verdict:
    return failed(f"Not finished yet: {join_words(places[:4])}{' and more' if len(places) > 4 else ''} "
                  f"still {'says' if len(places) == 1 else 'say'} `...`.",
                  suggestion="Fill in every part, then run the check again.")


# ---------------------------------------------------------------------------
# 07.1  Triage a request queue against the SLA
# ---------------------------------------------------------------------------

def _request_id(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip().upper().replace(" ", "-")
    if text.isdigit():
        text = f"AL-{text}"
    if text.startswith("AL") and not text.startswith("AL-"):
        text = "AL-" + text[2:]
    return text if text in {case.id for case in QUEUE} else None


@task(
    "07.1",
    "Triage the queue against the SLA",
    hints=(
        "For each request, count the SLA's working hours forward from the moment it arrived. Working hours run "
        "Monday to Friday, 09:00 to 17:00; evenings and weekends do not count.",
        "A request has breached when its due time is before Monday 16 November, 11:30. A request that arrived on "
        "Friday afternoon has had only a few working hours so far.",
        "Order the breached ones by due time, earliest first: not by when they arrived, not by priority alone.",
    ),
    objectives=(1,),
    applied=True,
)
def check_triage(answer: Any) -> Verdict:
    """The ids of the requests that have breached the SLA, earliest due first."""
    example = '["AL-201", "AL-202"]'
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return wrong_shape("a list of request ids, the first to work on first", answer, example)
    chosen: list[str] = []
    for value in answer:
        found = _request_id(value)
        if found is None:
            return failed(f"{value!r} is not a request in the queue.",
                          suggestion="Use the ids in the first column, such as \"AL-201\".")
        chosen.append(found)
    if len(set(chosen)) != len(chosen):
        return failed("The same request appears twice.", suggestion="Name each breached request once.")
    result = exercise_triage()
    expected = result.breached
    due = {item.request.id: item for item in result.items}
    if chosen == expected:
        friday = next(item for item in result.items if item.request.id == "AL-203")
        waited = working_hours_between(friday.request.received, QUEUE_NOW)
        return passed(
            f"Yes: {join_words(expected)}, earliest due first. {expected[0]} is the oldest breach although it "
            f"arrived after others. The urgent request from Friday at 16:00 has not breached: only {waited:g} "
            "working hours have passed since it arrived."
        )
    problems = []
    weekend = sorted((set(chosen) & _calendar_breached()) - set(expected))
    for request_id in weekend:
        problems.append(f"{request_id} is still in time: it is due {due[request_id].due:%A %d %B, %H:%M}. Counting "
                        "the weekend or the night makes it look late.")
    for request_id in sorted(set(chosen) - set(expected) - set(weekend)):
        problems.append(f"{request_id} is due {due[request_id].due:%A %d %B, %H:%M}: it has not breached yet.")
    missing = set(expected) - set(chosen)
    if missing:
        problems.append(f"{plural(len(missing), 'breached request is', 'breached requests are')} missing.")
    if problems:
        return failed(f"{len(set(chosen) & set(expected))} of the {len(expected)} breached requests found.",
                      problems, "Work out each request's due time in working hours (or ask for a hint()).")
    received = sorted(expected, key=lambda i: due[i].request.received)
    by_priority = sorted(expected, key=lambda i: (DEFAULT_SLA.rank(due[i].request.priority), due[i].due))
    if chosen == received:
        return failed("The right requests, in the order they arrived.",
                      suggestion="First come, first served ignores the SLA: sort by due time instead.")
    if chosen == by_priority:
        return failed("The right requests, sorted by priority.",
                      suggestion="They have all breached already; the one that has been late longest comes first.")
    return failed("The right requests, but not earliest due first.",
                  suggestion="Sort them by due time, the oldest breach first.")


# ---------------------------------------------------------------------------
# 07.2  "No, but…": a reply to an impossible request
# ---------------------------------------------------------------------------

TICKET_TAKER = ("got your ticket", "received your ticket", "received your request", "ticket has been logged",
                "noted", "we'll get to it")
TRADE_OFF_WORDS = ("if ", "instead", " or ", "in exchange", "swap", "trade", "pause", "postpone", "move",
                   "drop", "delay", "push back", "prioriti", "either", "rather")
MIN_WORDS = 6


def _pieces_lookup() -> dict[str, str]:
    return name_lookup({piece.name: piece.aliases for piece in PIECES})


def _words(text: str) -> int:
    return len(text.split())


@task(
    "07.2",
    "Say \u201cno, but\u2026\u201d",
    hints=(
        "Count the working hours between Thursday 16:00 and Monday 09:00: evenings and the weekend do not count.",
        "Only what fits in those hours goes under \"now\". For \"rest_by\", add up the hours of everything Stefan "
        "asked for and count them forward from Thursday 16:00 in working hours.",
        "The acknowledgement names what Stefan is trying to achieve, not only that his message arrived. The "
        "trade-off is a choice he can make: what moves, what is dropped, or what he gets instead.",
    ),
    objectives=(3,),
    applied=True,
)
def check_no_but(answer: Any) -> Verdict:
    """The reply's four parts: an acknowledgement of the goal, what is done by the deadline, a date for the
    rest that the team can keep, and a trade-off Stefan can choose. Checked by structure, not by tone."""
    example = ('{"acknowledge": "...", "now": ["..."], "rest_by": "2026-11-20", "trade_off": "..."}')
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with acknowledge, now, rest_by and trade_off", answer, example)
    if _unfilled(answer):
        return _not_filled(_unfilled(answer))
    keys = {normalise(str(key)): key for key in answer}
    missing = [part for part in ("acknowledge", "now", "rest_by", "trade_off") if normalise(part) not in keys]
    if missing:
        return failed(f"The reply has no {join_words(missing)}.",
                      suggestion=f"Keep the four keys of the template: {example}")
    part = {name: answer[keys[normalise(name)]] for name in ("acknowledge", "now", "rest_by", "trade_off")}
    problems: list[str] = []

    acknowledge = part["acknowledge"] if isinstance(part["acknowledge"], str) else ""
    folded = acknowledge.casefold()
    if _words(acknowledge) < MIN_WORDS:
        problems.append("acknowledge: write a sentence that shows you understood what Stefan needs.")
    elif not any(word in folded for word in GOAL_WORDS):
        ticket = any(phrase in folded for phrase in TICKET_TAKER)
        problems.append("acknowledge: " + ("that is the ticket taker's reply; say what Stefan is trying to achieve."
                                           if ticket else "name Stefan's goal (the kick-off, the fair's leads)."))

    now = part["now"]
    if isinstance(now, str):
        now = [now]
    if not isinstance(now, (list, tuple)):
        problems.append("now: a list of what will be ready by Monday 09:00, such as [\"lead import\"].")
    else:
        lookup = _pieces_lookup()
        chosen = []
        for value in now:
            found = match_name(value, lookup)
            if found is None:
                guess = closest_name(value, lookup)
                problems.append(f"now: {value!r} is not one of the pieces Stefan asked for"
                                + (f"; did you mean {guess}?" if guess else "."))
            else:
                chosen.append(found)
        expected = expected_now()
        hours = {piece.name: piece.hours for piece in PIECES}
        budget = hours_before_deadline()
        if sum(hours[name] for name in set(chosen)) > budget:
            problems.append(f"now: {join_words(sorted(set(chosen)))} take {sum(hours[n] for n in set(chosen)):g} "
                            f"working hours; there are {budget:g} before Monday 09:00.")
        elif not set(expected) <= set(chosen):
            problems.append(f"now: more fits before Monday than that; there are {budget:g} working hours.")
        elif not chosen:
            problems.append("now: say what Stefan gets by Monday, even if it is one piece.")

    try:
        rest_by = read_date(part["rest_by"], iso_only=not isinstance(part["rest_by"], date))
    except ValueError as error:
        problems.append(f"rest_by: the date {error}")
    else:
        earliest = earliest_rest()
        if rest_by < earliest:
            problems.append(f"rest_by: {rest_by:%A %d %B} is a promise the team cannot keep; everything takes "
                            f"{sum(p.hours for p in PIECES):g} working hours from Thursday 16:00.")
        elif rest_by.weekday() >= 5:
            problems.append(f"rest_by: {rest_by:%A %d %B} is a weekend day; promise a working day.")

    trade_off = part["trade_off"] if isinstance(part["trade_off"], str) else ""
    if _words(trade_off) < MIN_WORDS:
        problems.append("trade_off: write a sentence that offers Stefan a choice.")
    elif not any(word in f" {trade_off.casefold()} " for word in TRADE_OFF_WORDS):
        problems.append("trade_off: offer a choice (what moves, what is dropped, or what he gets instead).")

    if problems:
        return failed(f"{plural(len(problems), 'part needs', 'parts need')} work.", problems,
                      "Fix the parts named above (or ask for a hint()).")
    return passed(
        f"The reply has all four parts: the goal acknowledged, {join_words(expected_now())} by Monday, the rest "
        f"by {rest_by:%A %d %B} (the earliest the team can keep is {earliest_rest():%A %d %B}), and a choice for "
        "Stefan. This check reads the structure only: read the sentences aloud to hear whether they sound like a "
        "partner or a gatekeeper."
    )


# ---------------------------------------------------------------------------
# 07.3  A blameless post-mortem of a broken sync: sort the draft, mend one statement
# ---------------------------------------------------------------------------

MIN_REWRITE_WORDS = 8


def _letters(value: Any, known: set[str]) -> tuple[list[str], list[str]]:
    """The letters in ``value`` ("A", "a, f", ["A", "F"], []) and the values that are not letters shown."""
    if value is None:
        return [], []
    items = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(items, (list, tuple, set)):
        return [], [repr(value)]
    letters: list[str] = []
    unknown: list[str] = []
    for item in items:
        text = str(item).strip().upper()
        (letters if text in known else unknown).append(text if text in known else repr(item))
    return list(dict.fromkeys(letters)), unknown


@task(
    "07.3",
    "Sort and mend a draft post-mortem",
    hints=(
        "For each statement ask: without it, would the incident have happened? If not, it is a cause. If the "
        "incident would still have happened but been found sooner or fixed faster, it is a contributing factor.",
        "A statement that names a person, or calls it human error or forgetfulness, goes under blames: the "
        "post-mortem cannot say it as written. An action is ready when it has one owner and a due date.",
        "For the rewrite, ask what would have stopped anyone in that place from making the same slip: what "
        "records when a token expires, and whose job it is to renew it?",
    ),
    objectives=(2,),
    applied=True,
)
def check_postmortem(answer: Any) -> Verdict:
    """The draft's statements sorted into causes, contributing factors and blame, its ready actions
    picked out, and one blaming statement rewritten as a gap in the process or the system."""
    example = '{"causes": ["A"], "contributing_factors": ["C"], "blames": ["B"], "ready_actions": ["G"], "rewrite": "..."}'
    keys = ("causes", "contributing_factors", "blames", "ready_actions", "rewrite")
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary with causes, contributing_factors, blames, ready_actions and rewrite",
                           answer, example)
    if _unfilled(answer):
        return _not_filled(_unfilled(answer))
    given = {normalise(str(key)): key for key in answer}
    missing = [key for key in keys if normalise(key) not in given]
    if missing:
        return failed(f"The answer has no {join_words(missing)}.", suggestion=f"Keep the five keys of the template: "
                      f"{example}")
    value = {key: answer[given[normalise(key)]] for key in keys}
    expected = expected_parts()
    part_of = {item.letter: item.part for item in STATEMENTS}
    names = {"cause": "a cause", "factor": "a contributing factor", "blame": "blame"}
    problems: list[str] = []
    placed: dict[str, str] = {}
    for key in ("causes", "contributing_factors", "blames"):
        letters, unknown = _letters(value[key], set(part_of))
        for item in unknown:
            problems.append(f"{key}: {item} is not one of the statements A to {STATEMENTS[-1].letter}.")
        for letter in letters:
            if letter in placed:
                problems.append(f"{letter} is under both {placed[letter]} and {key}; give it one place.")
                continue
            placed[letter] = key
            right = part_of[letter]
            if right == PARTS[key]:
                continue
            if right == "blame":
                problems.append(f"{key}: {letter} points at a person; it cannot go into the post-mortem as "
                                "written.")
            elif PARTS[key] == "blame":
                problems.append(f"blames: {letter} names no person and no fault; it describes the process or "
                                "the system.")
            elif right == "cause":
                problems.append(f"{key}: {letter} is one of the causes: without it the sync would not have "
                                "stopped.")
            else:
                problems.append(f"{key}: {letter} did not stop the sync; it made the incident last longer or harder "
                                "to notice.")
    unplaced = [item.letter for item in STATEMENTS if item.letter not in placed]
    if unplaced:
        problems.append(f"{join_words(unplaced)} {'is' if len(unplaced) == 1 else 'are'} not placed; every "
                        "statement goes under causes, contributing_factors or blames.")

    action_letters = {item.letter for item in DRAFT_ACTIONS}
    ready, unknown = _letters(value["ready_actions"], action_letters)
    for item in unknown:
        problems.append(f"ready_actions: {item} is not one of the actions "
                        f"{join_words(sorted(action_letters))}.")
    by_letter = {item.letter: item for item in DRAFT_ACTIONS}
    for letter in ready:
        if letter in expected["ready_actions"]:
            continue
        action = by_letter[letter]
        lacks = [part for part, present in (("owner", action.owner.strip()), ("due date", action.due)) if not present]
        problems.append(f"ready_actions: {letter} has no {' and no '.join(lacks)}; it is not ready yet." if lacks
                        else f"ready_actions: {letter} has a due date before the incident; it is not ready yet.")
    left_out = sorted(set(expected["ready_actions"]) - set(ready))
    if left_out:
        problems.append(f"ready_actions: {plural(len(left_out), 'action')} with an owner and a due date "
                        f"{'is' if len(left_out) == 1 else 'are'} missing from your list.")

    rewrite = value["rewrite"] if isinstance(value["rewrite"], str) else ""
    if len(rewrite.split()) < MIN_REWRITE_WORDS:
        problems.append("rewrite: write a full sentence that says what in the process or the system let it "
                        "happen.")
    else:
        for person in names_in(rewrite, INCIDENT_PEOPLE):
            problems.append(f"rewrite: it still names {person}; describe the gap, not the person.")
        for word in blame_words_in(rewrite):
            problems.append(f"rewrite: '{word}' still blames a person; say what in the process or the system "
                            "made the slip possible.")
        if not any(word in rewrite.casefold() for word in GAP_WORDS):
            problems.append("rewrite: name the gap: what should record when a token expires, or whose job it "
                            "is to renew it.")
    if problems:
        return failed(f"{plural(len(problems), 'thing', 'things')} to fix before the post-mortem is shared.",
                      problems, "Fix the parts named above (or ask for a hint()).")
    causes = join_words(expected["causes"])
    return passed(
        f"Yes: {causes} are the causes (it takes both: a token that expires and nothing that tracks it), "
        f"{join_words(expected['contributing_factors'])} made it slower to notice, and "
        f"{join_words(expected['blames'])} cannot be shared as written. {join_words(expected['ready_actions'])} "
        "are ready; the others need an owner or a date. Your rewrite names a gap the team can close. The check "
        "reads the wording only: read the rewrite aloud to hear whether it still points at someone."
    )


# ---------------------------------------------------------------------------
# 07.4  Where does it sit: MOps, IT, or agree it together?
# ---------------------------------------------------------------------------

_SIDE_WORDS = name_lookup({"MOps": ("mops", "marketing operations", "marketing ops", "marketing"),
                           "IT": ("it", "i.t.", "information technology", "tech"),
                           "together": ("together", "agree", "agree it together", "both", "shared", "joint")})


@task(
    "07.4",
    "MOps, IT, or agree it together?",
    hints=(
        "Use the three columns of the lesson's table: configuring the marketing tools and the marketing data is "
        "usually MOps; identity, devices, networks and security policy are usually IT.",
        "Anything that joins a marketing tool to the CRM or to company systems, or lets marketing buy software on "
        "its own, is agreed together: someone has to own it on both sides.",
    ),
    objectives=(4,),
    applied=True,
)
def check_sides(answer: Any) -> Verdict:
    """Each piece of work placed with MOps, IT or together, as the lesson's table reads."""
    example = '{"A": "MOps", "B": "IT", "C": "together", ...}'
    if not isinstance(answer, Mapping):
        return wrong_shape("a dictionary from each letter to MOps, IT or together", answer, example)
    if _unfilled(answer):
        return _not_filled(_unfilled(answer))
    by_letter = {item.letter: item for item in SITUATIONS}
    chosen: dict[str, str] = {}
    problems: list[str] = []
    for key, side in answer.items():
        letter = str(key).strip().upper()
        if letter not in by_letter:
            problems.append(f"{key!r} is not one of the letters {join_words(list(by_letter))}.")
            continue
        found = match_name(side, _SIDE_WORDS)
        if found is None:
            problems.append(f"{letter}: {side!r} is not a side; write MOps, IT or together.")
            continue
        chosen[letter] = found
    missing = [letter for letter in by_letter if letter not in chosen and not any(
        problem.startswith(f"{letter}:") for problem in problems)]
    if missing:
        problems.append(f"{join_words(missing)} {'has' if len(missing) == 1 else 'have'} no side yet.")
    if problems:
        return failed("Some answers cannot be read yet.", problems, f"Use this shape: {example}")
    wrong = [letter for letter, side in chosen.items() if side != by_letter[letter].side]
    if wrong:
        notes = []
        for letter in wrong:
            item = by_letter[letter]
            if item.side == "together":
                notes.append(f"{letter}: it touches both sides, so neither can decide it alone; it is agreed "
                             "together.")
            elif chosen[letter] == "together":
                notes.append(f"{letter}: one side usually does this on its own; which one looks after "
                             f"{item.why.split(':')[0]}?")
            else:
                notes.append(f"{letter}: look at the table's rows again; this is {item.why}.")
        return failed(f"{len(SITUATIONS) - len(wrong)} of {len(SITUATIONS)} placed as the lesson's table reads.",
                      notes, "The table is the kit's reading, a starting point to agree with your own IT team.")
    return passed(
        "Yes: " + "; ".join(f"{item.letter} {item.side} ({item.why})" for item in SITUATIONS) + ". The table is "
        "the kit's reading: your company may draw the line elsewhere, as long as it is written down before "
        "something breaks."
    )
