"""Check a change plan against the rules of RACI, SMART, ADKAR, Mendelow and scheduling.

Each finding names the rule (``RACI001``), how serious it is, where it is in the file
(``tasks[3]``) and what to do about it. ``error`` findings make ``mopskit plan --lint`` fail;
``warning`` findings are worth a look; ``info`` findings are advice (an ADKAR barrier).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from mopskit import wording
from mopskit.change.plan.model import Attention, Plan, Stakeholder, Task
from mopskit.findings import Severity

SEVERITIES = tuple(Severity)
MAX_ACCOUNTABLE = 6
"""More tasks than this with one Accountable is a bottleneck (a warning)."""

EVERYONE = frozenset({"all", "everyone"})
"""Audience or RACI names that stand for every stakeholder."""

PRACTICES = {
    "awareness": "communicate the why: the reason for the change and the cost of not changing",
    "desire": "have their own manager, as coach, talk through what the change means for them and hear the objections",
    "knowledge": "train them on the new tool and process",
    "ability": "give coaching and practice time before the old tool goes",
    "reinforcement": "recognise the change and measure that it holds",
}
"""The practice that addresses each ADKAR barrier (Prosci: sponsors carry the business reasons, the person's
own manager coaches desire, training and coaching give knowledge and ability)."""

RULES = {
    "RACI001": "every task has at least one Responsible",
    "RACI002": "every task has exactly one Accountable",
    "RACI003": f"no one is Accountable for more than {MAX_ACCOUNTABLE} tasks",
    "RACI004": "every stakeholder has a part in the plan",
    "RACI005": "everyone in a RACI is a stakeholder (by name or role)",
    "RACI006": "every task has someone Consulted or Informed",
    "SMART001": "every KPI has an owner, baseline, target, unit and due date",
    "SMART002": "every KPI's target differs from its baseline",
    "SMART003": "every KPI counted on the demand funnel has a target the funnel can deliver",
    "ADKAR001": "each stakeholder's ADKAR barrier point, with the practice that addresses it",
    "COMMS001": "every stakeholder to manage closely gets a planned communication",
    "SCHED001": "no task depends on itself through others (a cycle)",
    "SCHED002": "no task starts before a task it depends on ends",
    "SCHED003": "every task falls within the plan's start and end",
    "SCHED004": "every message's cadence ends on or after its start",
    "SCHED005": "every KPI is due within the plan's start and end",
    "SCHED006": "every message goes out within the plan's start and end",
}


@dataclass(frozen=True)
class Finding:
    """One broken rule: its code, ``error``/``warning``/``info``, where, and what to do."""

    code: str
    severity: Severity
    where: str
    message: str
    personal: bool = False
    """It tells something about one named person (an ADKAR barrier): shown only when asked."""

    def __str__(self) -> str:
        return f"{self.code} {self.severity} {self.where}: {self.message}"


def lint(plan: Plan, *, max_accountable: int = MAX_ACCOUNTABLE) -> tuple[Finding, ...]:
    """Every finding for ``plan``: errors first, then warnings, then advice, each in file order."""
    found = [*_raci(plan, max_accountable), *_raci_advice(plan), *_smart(plan), *_funnel_targets(plan),
             *_adkar(plan), *_comms(plan), *_schedule(plan), *_cadences(plan), *_kpi_dates(plan),
             *_message_dates(plan)]
    return tuple(sorted(found, key=lambda finding: SEVERITIES.index(finding.severity)))


def has_errors(findings: tuple[Finding, ...]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)


def _fold(name: str) -> str:
    return wording.fold(name)


def _raci(plan: Plan, max_accountable: int) -> Iterator[Finding]:
    for task in plan.tasks:
        where = f"{task.where}.raci" if task.where else f"task {task.id}.raci"
        if not task.raci.responsible:
            yield Finding("RACI001", Severity.ERROR, where,
                          f"task '{task.id}' has no Responsible; add who does the work under R")
        if len(task.raci.accountable) != 1:
            given = "none" if not task.raci.accountable else wording.join_words(list(task.raci.accountable))
            yield Finding("RACI002", Severity.ERROR, where,
                          f"task '{task.id}' needs exactly one Accountable (A), not {given}; "
                          "name the one person who signs it off")
    load = Counter(name for task in plan.tasks for name in task.raci.accountable)
    for name, tasks in load.items():
        if tasks > max_accountable:
            yield Finding("RACI003", Severity.WARNING, "tasks",
                          f"{name} is Accountable for {tasks} tasks (more than {max_accountable}); "
                          "hand some to the people who do them")
    involved = _involved(plan)
    for index, person in enumerate(plan.stakeholders):
        if _fold(person.name) not in involved and _fold(person.role) not in involved:
            yield Finding("RACI004", Severity.WARNING, f"stakeholders[{index}]",
                          f"{person.name} ({person.role}) has no part in the plan; give them a RACI letter, "
                          "a KPI, a risk or a communication, or take them off the list")
    known = EVERYONE | {_fold(person.name) for person in plan.stakeholders} \
        | {_fold(person.role) for person in plan.stakeholders}
    if plan.stakeholders:
        unknown = [name for name in plan.people if _fold(name) not in known]
        for name in unknown:
            first = next(task for task in plan.tasks if name in task.raci.names)
            yield Finding("RACI005", Severity.WARNING, f"{first.where}.raci" if first.where else "tasks",
                          f"{name} is in a RACI but not among the stakeholders; add them (with power, interest "
                          "and ADKAR) or use the name as written there")


def _raci_advice(plan: Plan) -> Iterator[Finding]:
    for task in plan.tasks:
        if not task.raci.consulted and not task.raci.informed and not task.milestone:
            yield Finding("RACI006", Severity.INFO, f"{task.where}.raci" if task.where else "tasks",
                          f"task '{task.id}' consults and informs no one; name who gives input (C) or needs to "
                          "know it is done (I), or leave it if the task truly touches no one else")


def _involved(plan: Plan) -> set[str]:
    names = {_fold(plan.sponsor)}
    for task in plan.tasks:
        names.update(_fold(name) for name in task.raci.names)
    names.update(_fold(kpi.owner) for kpi in plan.kpis if kpi.owner)
    names.update(_fold(risk.owner) for risk in plan.risks)
    for message in plan.communications:
        names.add(_fold(message.owner))
        names.update(_fold(name) for name in message.audience)
    return names


def _smart(plan: Plan) -> Iterator[Finding]:
    for index, kpi in enumerate(plan.kpis):
        where = f"kpis[{index}]"
        missing = [label for label, value in (("owner", kpi.owner), ("baseline", kpi.baseline),
                                              ("target", kpi.target), ("unit", kpi.unit), ("due date", kpi.due))
                   if value is None]
        if missing:
            yield Finding("SMART001", Severity.ERROR, where,
                          f"KPI '{kpi.name}' has no {wording.join_words(missing)}; the kit asks every KPI for an "
                          "owner, a baseline, a target, a unit and a due date (its own rule, stricter than SMART): "
                          "write them in")
        if kpi.baseline is not None and kpi.target is not None and kpi.baseline == kpi.target:
            yield Finding("SMART002", Severity.ERROR, where,
                          f"KPI '{kpi.name}' has its target equal to its baseline ({kpi.target:g}); "
                          "set the target the change should reach")


def _funnel_targets(plan: Plan) -> Iterator[Finding]:
    if plan.funnel is None:
        return
    for index, kpi in enumerate(plan.kpis):
        if kpi.stage is None or kpi.target is None:
            continue
        yields = plan.funnel.yields(kpi.stage)
        if kpi.target > yields:
            what = "revenue" if kpi.stage == "revenue" else f"{kpi.stage} volume"
            figure = f"{yields:,.0f}"
            gap = (f"KPI '{kpi.name}' aims at {kpi.target:,.0f}, but {plan.funnel.inquiries:,} inquiries at "
                   f"the funnel's rates yield a {what} of {figure}")
            if kpi.stretch:
                yield Finding("SMART003", Severity.INFO, f"kpis[{index}].target",
                              f"{gap}; the plan keeps it as a stretch: {kpi.stretch}")
                continue
            yield Finding("SMART003", Severity.WARNING, f"kpis[{index}].target",
                          f"{gap}; bring in more inquiries, improve a stage's conversion, lower the target to at "
                          f"most {figure}, or keep it as a stretch and write why in the KPI's 'stretch:'")


def _adkar(plan: Plan) -> Iterator[Finding]:
    for index, person in enumerate(plan.stakeholders):
        barrier = person.adkar.barrier if person.adkar else None
        if barrier is not None:
            yield Finding("ADKAR001", Severity.INFO, f"stakeholders[{index}].adkar",
                          f"{person.name}'s barrier point is {barrier}; {PRACTICES[barrier]}", personal=True)


def reaches(message_audience: tuple[str, ...], person: Stakeholder) -> bool:
    """Whether a communication's audience includes ``person`` (by name, role, or 'all')."""
    audience = {_fold(name) for name in message_audience}
    return bool(audience & ({_fold(person.name), _fold(person.role)} | EVERYONE))


def _comms(plan: Plan) -> Iterator[Finding]:
    for index, person in enumerate(plan.stakeholders):
        if person.quadrant is not Attention.MANAGE_CLOSELY:
            continue
        if not any(reaches(message.audience, person) for message in plan.communications):
            yield Finding("COMMS001", Severity.ERROR, f"stakeholders[{index}]",
                          f"{person.name} has high power and high interest (manage closely) but no communication "
                          "is planned for them; add one with their name or role as audience")


def _schedule(plan: Plan) -> Iterator[Finding]:
    tasks = {task.id: task for task in plan.tasks}
    for cycle in _cycles(plan.tasks):
        first = tasks[cycle[0]]
        yield Finding("SCHED001", Severity.ERROR, f"{first.where}.depends_on",
                      f"dependency cycle {' → '.join([*cycle, cycle[0]])} (each depends on the next); "
                      "remove one of these dependencies")
    for task in plan.tasks:
        for other_id in task.depends_on:
            other = tasks[other_id]
            if task.start <= other.end and not (other.milestone and task.start == other.end):
                yield Finding("SCHED002", Severity.ERROR, f"{task.where}.start",
                              f"task '{task.id}' starts {task.start} but depends on '{other.id}', which ends "
                              f"{other.end}; start it after {other.end} or drop the dependency")
        if task.start < plan.start or task.end > plan.end:
            yield Finding("SCHED003", Severity.WARNING, task.where,
                          f"task '{task.id}' runs {task.start} to {task.end}, outside the plan's window "
                          f"({plan.start} to {plan.end}); move it or widen the plan's dates")


def _cadences(plan: Plan) -> Iterator[Finding]:
    for index, message in enumerate(plan.communications):
        if message.cadence and message.start and message.end and message.end < message.start:
            where = message.where or f"communications[{index}]"
            yield Finding("SCHED004", Severity.ERROR, f"{where}.end",
                          f"the {message.cadence} message '{message.message}' ends {message.end}, before it starts "
                          f"({message.start}), so it never goes out; swap the dates or correct the end")


def _kpi_dates(plan: Plan) -> Iterator[Finding]:
    # A warning, not an error: a KPI that shows the change holds (ADKAR's reinforcement) may
    # rightly be measured after the plan's work is done; the plan should still say so.
    for index, kpi in enumerate(plan.kpis):
        if kpi.due is None or plan.start <= kpi.due <= plan.end:
            continue
        side = "after the plan ends" if kpi.due > plan.end else "before the plan starts"
        yield Finding("SCHED005", Severity.WARNING, f"kpis[{index}].due",
                      f"KPI '{kpi.name}' is due {kpi.due}, {side} ({plan.start} to {plan.end}); move the due date "
                      "into the plan, widen the plan's dates, or keep it if it measures that the change holds")


def _message_dates(plan: Plan) -> Iterator[Finding]:
    window = f"the plan's window ({plan.start} to {plan.end})"
    for index, message in enumerate(plan.communications):
        where = message.where or f"communications[{index}]"
        if message.cadence and message.start and message.end:
            if message.end < message.start:
                continue  # SCHED004 says so
            outside = [(key, day) for key, day in (("start", message.start), ("end", message.end))
                       if not plan.start <= day <= plan.end]
            for key, day in outside:
                yield Finding("SCHED006", Severity.WARNING, f"{where}.{key}",
                              f"the {message.cadence} message '{message.message}' runs {message.start} to "
                              f"{message.end}: its {key} {day} is outside {window}; move it or widen the plan's dates")
            continue
        for number, day in enumerate(message.dates):
            if not plan.start <= day <= plan.end:
                yield Finding("SCHED006", Severity.WARNING, f"{where}.dates[{number}]",
                              f"the message '{message.message}' goes out {day}, outside {window}; move it or "
                              "widen the plan's dates")


def _cycles(tasks: tuple[Task, ...]) -> list[list[str]]:
    """Each dependency cycle once, starting from the task that comes first in the file."""
    order = {task.id: index for index, task in enumerate(tasks)}
    graph = {task.id: [other for other in task.depends_on if other in order] for task in tasks}
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    # Depth first without recursion: a plan of thousands of tasks chained one after another
    # would pass Python's recursion limit.
    for task in tasks:
        if task.id in state:
            continue
        state[task.id] = 1
        stack.append(task.id)
        pending = [iter(graph[task.id])]
        while pending:
            node = stack[-1]
            other = next(pending[-1], None)
            if other is None:
                pending.pop()
                stack.pop()
                state[node] = 2
            elif state.get(other) == 1:
                cycle = stack[stack.index(other):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
                    cycles.append(cycle[start:] + cycle[:start])
            elif other not in state:
                state[other] = 1
                stack.append(other)
                pending.append(iter(graph[other]))
    return cycles
