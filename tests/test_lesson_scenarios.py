"""The lessons' scenario files: each reads through the kit's YAML loader, and a slip in one (an
unknown or missing field, a value of the wrong type) is refused naming the file and the place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

import pytest

from mopskit import InputError
from mopskit.io.yamlfile import parse_yaml
from mopskit.lessons import scenarios

DATA = Path(__file__).resolve().parent.parent / "mopskit" / "lessons" / "data"


@dataclass(frozen=True)
class Tool:
    tool: str
    seats: int
    annual_cost: float
    renewal_date: date = date(2027, 6, 30)
    sso_app: str | None = None
    aliases: tuple[str, ...] = ()


class App(NamedTuple):
    people: int
    decision: str


CASES = """
tools:
  - {tool: CRM, seats: 45, annual_cost: 86400, renewal_date: 2026-12-01, aliases: [crm, salesforce]}
  - {tool: Survey tool, seats: 5, annual_cost: 2400.5, sso_app: SurveyPro}
apps:
  Miro: {people: 14, decision: add}
when: 2026-11-16 11:30:00
words: [token, expir]
rates: {Inquiry: 0.3, MQL: 1}
"""


@pytest.fixture
def lesson(monkeypatch):
    """A made-up lesson "99" whose scenario file holds ``CASES`` (or what a test writes)."""
    files = {"99": CASES}
    monkeypatch.setattr(scenarios, "scenario",
                        lambda name: parse_yaml(files[name], file=scenarios.where_of(name)))
    return files


def test_every_lesson_scenario_file_reads_as_a_mapping():
    names = sorted(path.stem.removeprefix("lesson") for path in DATA.glob("lesson*.yaml"))
    assert names, "no scenario files found"
    for name in names:
        assert scenarios.scenario(name), name


def test_cases_become_frozen_values_with_defaults_and_tuples(lesson):
    crm, survey = scenarios.build_each(Tool, "99", "tools")
    assert crm == Tool("CRM", 45, 86400, date(2026, 12, 1), None, ("crm", "salesforce"))
    assert survey.renewal_date == date(2027, 6, 30) and survey.aliases == ()
    assert scenarios.build_map(App, "99", "apps") == {"Miro": App(14, "add")}
    assert scenarios.value("99", "when", datetime) == datetime(2026, 11, 16, 11, 30)
    assert scenarios.value("99", "words", tuple[str, ...]) == ("token", "expir")
    assert scenarios.value("99", "rates", dict[str, float]) == {"Inquiry": 0.3, "MQL": 1}


@pytest.mark.parametrize(("text", "call", "where", "says"), [
    ("tools:\n  - {tool: CRM, seats: '45', annual_cost: 1}\n", lambda: scenarios.build_each(Tool, "99", "tools"),
     "tools[0].seats", "should be a whole number, not text '45'"),
    ("tools:\n  - {tool: CRM, seats: true, annual_cost: 1}\n", lambda: scenarios.build_each(Tool, "99", "tools"),
     "tools[0].seats", "not true or false"),
    ("tools:\n  - {tool: CRM, seats: 4, annual_cost: 1, seat: 5}\n",
     lambda: scenarios.build_each(Tool, "99", "tools"), "tools[0]", "seat: not a field of Tool"),
    ("tools:\n  - {tool: CRM, annual_cost: 1}\n", lambda: scenarios.build_each(Tool, "99", "tools"),
     "tools[0]", "seats missing"),
    ("tools:\n  - {tool: CRM, seats: 4, annual_cost: 1, renewal_date: 2026-12-01 09:00:00}\n",
     lambda: scenarios.build_each(Tool, "99", "tools"), "tools[0].renewal_date", "should be a date"),
    ("tools: {tool: CRM}\n", lambda: scenarios.build_each(Tool, "99", "tools"), "tools", "should be a list of Tool"),
    ("apps:\n  Miro: [14, add]\n", lambda: scenarios.build_map(App, "99", "apps"), "apps.Miro",
     "should be a mapping of App's fields"),
    ("when: '2026-11-16 11:30'\n", lambda: scenarios.value("99", "when", datetime), "when",
     "should be a date and time"),
    ("words: [token, 3]\n", lambda: scenarios.value("99", "words", tuple[str, ...]), "words", "should be a list (each item text), not a list"),
    ("other: 1\n", lambda: scenarios.value("99", "when", datetime), None, "has no 'when'"),
])
def test_a_slip_in_a_scenario_file_is_refused_naming_the_place(lesson, text, call, where, says):
    lesson["99"] = text
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.file == "mopskit/lessons/data/lesson99.yaml"
    assert caught.value.column == where
    assert says in caught.value.reason


def test_a_missing_scenario_file_is_named():
    with pytest.raises(InputError, match="lesson98.yaml: no such scenario file"):
        scenarios.scenario("98")
